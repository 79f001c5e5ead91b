// vocab_learning/pair_merger.cc
//
// One kernel, MergeAt(), rewrites an occurrence and reports its pair-count
// changes to a sink: DirectSink applies them to the pair table at once (the
// serial path), ShardSink sums them per shard for a later ordered fold (the
// parallel path). Both paths therefore make the same edits to the words.

#include "vocab_learning/pair_merger.h"

#include <algorithm>

#include "common/parallel.h"
#include "common/status_macros.h"

namespace tokenforge::internal {

// Serial path: every change goes straight to the pair table.
class PairMerger::DirectSink {
 public:
  DirectSink(PairMerger* merger, int32_t merged)
      : merger_(merger), merged_(merged) {}
  void Remove(uint64_t key, int64_t count) {
    merger_->RemoveOccurrence(key, count);
  }
  void Add(uint64_t key, int32_t pos, int64_t count) {
    merger_->AddOccurrence(key, pos, count);
    merger_->NoteRaised(key, merged_);
  }

 private:
  PairMerger* merger_;
  int32_t merged_;
};

// Parallel path: one shard's changes, summed per pair in first-seen order
// (a small local map is cheap where the big pair table misses the cache),
// with the added positions grouped per pair after the shard's last merge.
class PairMerger::ShardSink {
 public:
  struct Delta {
    uint64_t key;
    int64_t delta;
    bool added;
  };
  // Starts a merge of `merging_key`.
  void Reset(uint64_t merging_key) {
    merging_key_ = merging_key;
    index_.clear();
    deltas_.clear();
    added_.clear();
    total = 0;
  }

  void Remove(uint64_t key, int64_t count) {
    // The merged pair itself is already out of the table (as in
    // RemoveOccurrence); "aaa" with (a, a) removes it from its own middle.
    if (key == merging_key_) return;
    deltas_[Index(key)].delta -= count;
  }
  void Add(uint64_t key, int32_t pos, int64_t count) {
    const int32_t i = Index(key);
    deltas_[i].delta += count;
    deltas_[i].added = true;
    added_.emplace_back(i, pos);
  }
  // Groups the added positions by delta, keeping their order (counting
  // sort); positions of delta i are then Positions(i).
  void GroupPositions() {
    begin_.assign(deltas_.size() + 1, 0);
    for (const auto& [i, pos] : added_) ++begin_[i + 1];
    for (size_t i = 0; i < deltas_.size(); ++i) begin_[i + 1] += begin_[i];
    grouped_.resize(added_.size());
    std::vector<int32_t> fill(begin_.begin(), begin_.end() - 1);
    for (const auto& [i, pos] : added_) grouped_[fill[i]++] = pos;
  }
  const std::vector<Delta>& deltas() const { return deltas_; }
  absl::Span<const int32_t> Positions(size_t i) const {
    return absl::MakeConstSpan(grouped_).subspan(begin_[i], begin_[i + 1] - begin_[i]);
  }
  int64_t total = 0;

 private:
  int32_t Index(uint64_t key) {
    const auto [it, inserted] =
        index_.try_emplace(key, static_cast<int32_t>(deltas_.size()));
    if (inserted) deltas_.push_back({key, 0, false});
    return it->second;
  }
  uint64_t merging_key_ = 0;
  absl::flat_hash_map<uint64_t, int32_t> index_;
  std::vector<Delta> deltas_;
  std::vector<std::pair<int32_t, int32_t>> added_;  // (delta index, position)
  std::vector<int32_t> begin_, grouped_;
};

PairMerger::PairMerger() = default;
PairMerger::~PairMerger() = default;

void PairMerger::AddWord(absl::Span<const int32_t> symbols, int64_t count) {
  const int32_t word = static_cast<int32_t>(word_counts_.size());
  word_counts_.push_back(count);
  int32_t last = -1;  // Previous position in the current run.
  for (const int32_t symbol : symbols) {
    if (symbol == kBoundary) {
      last = -1;
      continue;
    }
    const int32_t pos = static_cast<int32_t>(nodes_.size());
    TF_CHECK(nodes_.size() < static_cast<size_t>(INT32_MAX));
    nodes_.push_back({symbol, -1, last, word});
    if (last >= 0) nodes_[last].next = pos;
    last = pos;
  }
}

void PairMerger::AddWords(absl::Span<const int32_t> lengths,
                          absl::Span<const int64_t> counts,
                          absl::FunctionRef<void(size_t, absl::Span<int32_t>)> fill,
                          int num_threads) {
  TF_CHECK(lengths.size() == counts.size());
  const size_t n = lengths.size();
  const int32_t first_word = static_cast<int32_t>(word_counts_.size());
  std::vector<size_t> begin(n + 1, nodes_.size());
  for (size_t i = 0; i < n; ++i) begin[i + 1] = begin[i] + lengths[i];
  TF_CHECK(begin[n] < static_cast<size_t>(INT32_MAX));
  nodes_.resize(begin[n]);
  word_counts_.insert(word_counts_.end(), counts.begin(), counts.end());
  // Words are independent and their node ranges disjoint.
  constexpr size_t kChunks = 64;
  ParallelFor(kChunks, num_threads, [&](size_t c) {
    std::vector<int32_t> symbols;
    for (size_t i = n * c / kChunks; i < n * (c + 1) / kChunks; ++i) {
      symbols.resize(lengths[i]);
      fill(i, absl::MakeSpan(symbols));
      const int32_t first = static_cast<int32_t>(begin[i]);
      const int32_t last = first + lengths[i] - 1;
      for (int32_t j = 0; j < lengths[i]; ++j) {
        const int32_t pos = first + j;
        nodes_[pos] = {symbols[j], pos < last ? pos + 1 : -1,
                       pos > first ? pos - 1 : -1,
                       first_word + static_cast<int32_t>(i)};
      }
    }
  });
}

void PairMerger::Build(int num_symbols, int num_threads) {
  num_threads_ = num_threads;
  symbol_counts_.assign(num_symbols, 0);
  if (track_symbol_pairs_) symbol_pairs_.assign(num_symbols, {});
  // One sequential pass. Counting position ranges on 2 threads and folding
  // them was measured slower (zh 20 -> 25 ms): the fold re-appends half of
  // all position lists.
  total_symbols_ = 0;
  for (size_t pos = 0; pos < nodes_.size(); ++pos) {
    const Node& node = nodes_[pos];
    const int64_t count = word_counts_[node.word];
    symbol_counts_[node.symbol] += count;
    total_symbols_ += count;
    if (node.next >= 0) {
      AddOccurrence(PairKey(node.symbol, nodes_[node.next].symbol),
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

void PairMerger::NoteRaised(uint64_t added, int32_t merged) {
  // (merged, merged) is marked on the left side only.
  uint32_t& mark = PairRight(added) == merged ? raised_left_[PairLeft(added)]
                                              : raised_right_[PairRight(added)];
  if (mark == epoch_) return;
  mark = epoch_;
  raised_keys_.push_back(added);
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

template <typename Sink>
int64_t PairMerger::MergeAt(int32_t p, const MergeJob& job, Sink& sink) {
  Node& a = nodes_[p];
  if (a.symbol != job.left || a.next < 0) return 0;
  const int32_t q = a.next;
  Node& b = nodes_[q];
  if (b.symbol != job.right) return 0;
  const int64_t count = word_counts_[a.word];
  const int32_t pp = a.prev, nn = b.next;
  if (pp >= 0) {
    const int32_t s = nodes_[pp].symbol;
    sink.Remove(PairKey(s, job.left), count);
    sink.Add(PairKey(s, job.merged), pp, count);
  }
  if (nn >= 0) {
    const int32_t s = nodes_[nn].symbol;
    sink.Remove(PairKey(job.right, s), count);
    sink.Add(PairKey(job.merged, s), p, count);
  }
  a.symbol = job.merged;
  a.next = nn;
  b.symbol = -1;
  if (nn >= 0) nodes_[nn].prev = p;
  return count;
}

// How far ahead the merge loops prefetch nodes: the loops are bound by
// cache misses on scattered positions, not by arithmetic. (Prefetching the
// pair-table entries as well measured no gain.)
constexpr size_t kPrefetchDistance = 8;

void PairMerger::PrefetchNodes(int32_t p) const {
  // The occurrence and its neighbors, which are mostly the adjacent
  // positions: p - 1 .. p + 2 span at most two cache lines.
  const Node* node = nodes_.data() + p;
  __builtin_prefetch(node);
  if (p > 0) __builtin_prefetch(node - 1);
  if (static_cast<size_t>(p) + 2 < nodes_.size()) __builtin_prefetch(node + 2);
}

int64_t PairMerger::MergeSerial(absl::Span<const int32_t> positions,
                                const MergeJob& job) {
  DirectSink sink(this, job.merged);
  int64_t total = 0;
  for (size_t i = 0; i < positions.size(); ++i) {
    if (i + kPrefetchDistance < positions.size()) {
      PrefetchNodes(positions[i + kPrefetchDistance]);
    }
    total += MergeAt(positions[i], job, sink);
  }
  return total;
}

int64_t PairMerger::MergeSharded(absl::Span<const int32_t> positions,
                                 const MergeJob& job) {
  // Cuts at word changes: all occurrences of a word go to one shard.
  std::vector<size_t> cuts = {0};
  for (int s = 1; s < kMergeShards; ++s) {
    size_t i = std::max(cuts.back(), positions.size() * s / kMergeShards);
    while (i > 0 && i < positions.size() &&
           nodes_[positions[i]].word == nodes_[positions[i - 1]].word) {
      ++i;
    }
    cuts.push_back(i);
  }
  cuts.push_back(positions.size());
  if (shards_.empty()) shards_.resize(kMergeShards);
  ParallelFor(kMergeShards, num_threads_, [&](size_t s) {
    ShardSink& sink = shards_[s];
    sink.Reset(job.key);
    for (size_t i = cuts[s]; i < cuts[s + 1]; ++i) {
      if (i + kPrefetchDistance < cuts[s + 1]) {
        PrefetchNodes(positions[i + kPrefetchDistance]);
      }
      sink.total += MergeAt(positions[i], job, sink);
    }
    sink.GroupPositions();
  });
  // The ordered fold. A pair's running count never goes negative: every
  // removal is of an occurrence present before the merge or added earlier
  // in the same shard. A pair absent from the table with a zero sum was
  // only added and removed within the shard, so its positions are stale.
  int64_t total = 0;
  for (const ShardSink& sink : shards_) {
    total += sink.total;
    for (size_t i = 0; i < sink.deltas().size(); ++i) {
      const ShardSink::Delta& d = sink.deltas()[i];
      auto it = pairs_.find(d.key);
      if (it == pairs_.end()) {
        TF_CHECK(d.delta >= 0);
        if (d.delta == 0) continue;
        it = pairs_.try_emplace(d.key).first;
        NoteNewPair(d.key);
      }
      it->second.count += d.delta;
      TF_CHECK(it->second.count >= 0);
      if (it->second.count == 0) {
        pairs_.erase(it);
        continue;
      }
      const absl::Span<const int32_t> added = sink.Positions(i);
      it->second.positions.insert(it->second.positions.end(), added.begin(),
                                  added.end());
      if (d.added) NoteRaised(d.key, job.merged);
    }
  }
  shards_.clear();  // ja: peak RSS 56.2 -> 53.1 MB at 1 thread.
  return total;
}

int64_t PairMerger::Merge(uint64_t key, int32_t merged,
                          std::vector<std::pair<uint64_t, int64_t>>* raised,
                          std::vector<int32_t>* touched_symbols) {
  const auto it = pairs_.find(key);
  if (it == pairs_.end()) return 0;
  std::vector<int32_t>& positions = merge_positions_;
  positions.assign(it->second.positions.begin(), it->second.positions.end());
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
  if (raised_left_.size() < symbol_counts_.size()) {
    raised_left_.resize(symbol_counts_.size(), 0);
    raised_right_.resize(symbol_counts_.size(), 0);
  }
  ++epoch_;
  raised_keys_.clear();
  const MergeJob job = {key, PairLeft(key), PairRight(key), merged};
  const int64_t total =
      static_cast<int64_t>(positions.size()) >= parallel_min_occurrences_
          ? MergeSharded(positions, job)
          : MergeSerial(positions, job);
  // A raised pair may have been removed again later in the same merge.
  for (const uint64_t k : raised_keys_) {
    const int64_t count = PairCount(k);
    if (count > 0) raised->emplace_back(k, count);
  }
  symbol_counts_[job.left] -= total;
  symbol_counts_[job.right] -= total;
  symbol_counts_[merged] += total;
  total_symbols_ -= total;
  touched_symbols->push_back(job.left);
  if (job.right != job.left) touched_symbols->push_back(job.right);
  touched_symbols->push_back(merged);
  return total;
}

int64_t PairMerger::Merge(uint64_t key, int32_t merged,
                          std::vector<uint64_t>* raised,
                          std::vector<int32_t>* touched_symbols) {
  raised_scratch_.clear();
  const int64_t total = Merge(key, merged, &raised_scratch_, touched_symbols);
  for (const auto& [k, count] : raised_scratch_) raised->push_back(k);
  return total;
}

}  // namespace tokenforge::internal
