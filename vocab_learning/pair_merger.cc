// vocab_learning/pair_merger.cc

#include "vocab_learning/pair_merger.h"

#include <algorithm>

#include "common/status_macros.h"

namespace tokenforge::internal {

void PairMerger::AddWord(absl::Span<const int32_t> symbols, int64_t count) {
  const int32_t word = static_cast<int32_t>(word_counts_.size());
  word_counts_.push_back(count);
  int32_t last = -1;  // Previous position in the current run.
  for (const int32_t symbol : symbols) {
    if (symbol == kBoundary) {
      last = -1;
      continue;
    }
    const int32_t pos = static_cast<int32_t>(symbol_.size());
    TF_CHECK(symbol_.size() < static_cast<size_t>(INT32_MAX));
    symbol_.push_back(symbol);
    word_.push_back(word);
    prev_.push_back(last);
    next_.push_back(-1);
    if (last >= 0) next_[last] = pos;
    last = pos;
  }
}

void PairMerger::Build(int num_symbols, int /*num_threads*/) {
  symbol_counts_.assign(num_symbols, 0);
  if (track_symbol_pairs_) symbol_pairs_.assign(num_symbols, {});
  // One sequential pass: a hash update per position is cheaper than the
  // merge of per-thread maps of position lists that a parallel pass needs.
  total_symbols_ = 0;
  for (size_t pos = 0; pos < symbol_.size(); ++pos) {
    const int64_t count = word_counts_[word_[pos]];
    symbol_counts_[symbol_[pos]] += count;
    total_symbols_ += count;
    const int32_t next = next_[pos];
    if (next >= 0) {
      AddOccurrence(PairKey(symbol_[pos], symbol_[next]),
                    static_cast<int32_t>(pos), count);
    }
  }
}

int64_t PairMerger::PairCount(uint64_t key) const {
  const auto it = pairs_.find(key);
  return it == pairs_.end() ? 0 : it->second.count;
}

std::vector<std::pair<uint64_t, int64_t>> PairMerger::LivePairs() const {
  std::vector<std::pair<uint64_t, int64_t>> live;
  live.reserve(pairs_.size());
  for (const auto& [key, slot] : pairs_) {
    if (slot.count > 0) live.emplace_back(key, slot.count);
  }
  std::sort(live.begin(), live.end());
  return live;
}

void PairMerger::NoteNewPair(uint64_t key) {
  if (!track_symbol_pairs_) return;
  symbol_pairs_[PairLeft(key)].push_back(key);
  if (PairRight(key) != PairLeft(key)) symbol_pairs_[PairRight(key)].push_back(key);
}

void PairMerger::AddOccurrence(uint64_t key, int32_t pos, int64_t count) {
  auto [it, inserted] = pairs_.try_emplace(key);
  if (inserted) NoteNewPair(key);
  it->second.count += count;
  it->second.positions.push_back(pos);
}

void PairMerger::RemoveOccurrence(uint64_t key, int64_t count) {
  const auto it = pairs_.find(key);
  if (it == pairs_.end()) return;  // The pair being merged: already erased.
  it->second.count -= count;
  TF_CHECK(it->second.count >= 0);
  if (it->second.count == 0) pairs_.erase(it);
}

int64_t PairMerger::Merge(uint64_t key, int32_t merged,
                          std::vector<uint64_t>* raised,
                          std::vector<int32_t>* touched_symbols) {
  const auto it = pairs_.find(key);
  if (it == pairs_.end()) return 0;
  std::vector<int32_t> positions = std::move(it->second.positions);
  pairs_.erase(it);
  // Ascending positions are left to right within a word, which makes the
  // merge of overlapping occurrences ("aaa" with (a, a)) leftmost first.
  std::sort(positions.begin(), positions.end());
  positions.erase(std::unique(positions.begin(), positions.end()),
                  positions.end());
  if (static_cast<size_t>(merged) >= symbol_counts_.size()) {
    symbol_counts_.resize(merged + 1, 0);
    if (track_symbol_pairs_) symbol_pairs_.resize(merged + 1);
  }
  const int32_t left = PairLeft(key), right = PairRight(key);
  raised_scratch_.clear();
  int64_t total = 0;
  for (const int32_t p : positions) {
    if (symbol_[p] != left) continue;
    const int32_t q = next_[p];
    if (q < 0 || symbol_[q] != right) continue;
    const int64_t count = word_counts_[word_[p]];
    const int32_t pp = prev_[p], nn = next_[q];
    if (pp >= 0) {
      RemoveOccurrence(PairKey(symbol_[pp], left), count);
      const uint64_t added = PairKey(symbol_[pp], merged);
      AddOccurrence(added, pp, count);
      raised_scratch_[added] = true;
    }
    if (nn >= 0) {
      RemoveOccurrence(PairKey(right, symbol_[nn]), count);
      const uint64_t added = PairKey(merged, symbol_[nn]);
      AddOccurrence(added, p, count);
      raised_scratch_[added] = true;
    }
    symbol_[p] = merged;
    symbol_[q] = -1;
    next_[p] = nn;
    if (nn >= 0) prev_[nn] = p;
    total += count;
  }
  symbol_counts_[left] -= total;
  symbol_counts_[right] -= total;
  symbol_counts_[merged] += total;
  total_symbols_ -= total;
  for (const auto& [added, unused] : raised_scratch_) {
    if (PairCount(added) > 0) raised->push_back(added);
  }
  touched_symbols->push_back(left);
  if (right != left) touched_symbols->push_back(right);
  touched_symbols->push_back(merged);
  return total;
}

}  // namespace tokenforge::internal
