// The merge loops of BpeModel: a flat O(n^2) scan for short words, a 4-ary
// heap for longer ones, and rank buckets for very long ones (see
// bpe_model.h). Split from bpe_model.cc, which builds and serializes models.

#include <algorithm>
#include <cstdint>
#include <vector>

#include "common/random.h"
#include "common/status_macros.h"
#include "tokenizers/models/bpe_model.h"

namespace tokenforge {
namespace {

// A 4-ary min-heap of uint64 keys: half the depth of a binary heap and its
// four children share a cache line, which matters for the 10^6-entry heaps
// of long words (HF's BPE trainer uses an 8-ary heap for the same reason).
class QuaternaryMinHeap {
 public:
  void Reserve(size_t n) { keys_.reserve(n); }
  bool empty() const { return keys_.empty(); }
  // Adds keys without ordering them; call Heapify() before the first Pop().
  void PushUnordered(uint64_t key) { keys_.push_back(key); }
  void Heapify() {
    for (size_t i = keys_.size() / 4 + 1; i-- > 0;) SiftDown(i);
  }
  void Push(uint64_t key) {
    keys_.push_back(key);
    size_t i = keys_.size() - 1;
    while (i > 0) {
      const size_t parent = (i - 1) / 4;
      if (keys_[parent] <= key) break;
      keys_[i] = keys_[parent];
      i = parent;
    }
    keys_[i] = key;
  }
  uint64_t Pop() {
    const uint64_t top = keys_[0];
    keys_[0] = keys_.back();
    keys_.pop_back();
    if (!keys_.empty()) SiftDown(0);
    return top;
  }

 private:
  void SiftDown(size_t i) {
    const size_t n = keys_.size();
    const uint64_t key = keys_[i];
    while (true) {
      const size_t first = 4 * i + 1;
      if (first >= n) break;
      size_t best = first;
      const size_t last = std::min(first + 4, n);
      for (size_t c = first + 1; c < last; ++c) {
        if (keys_[c] < keys_[best]) best = c;
      }
      if (keys_[best] >= key) break;
      keys_[i] = keys_[best];
      i = best;
    }
    keys_[i] = key;
  }
  std::vector<uint64_t> keys_;
};

}  // namespace

void BpeModel::MergeSymbols(std::vector<Token>* symbols,
                            const char* word_bytes) const {
  std::vector<Token>& s = *symbols;
  if (s.size() < 2) return;
  if (options_.dropout > 0.0f) {
    MergeSymbolsWithHeap(symbols);
    return;
  }
  if (s.size() > kBucketThreshold) {
    MergeSymbolsWithBuckets(symbols);
    return;
  }
  if (s.size() > kHeapThreshold) {
    MergeSymbolsWithHeap(symbols);
    return;
  }
  // ranks[i] is the rank of merging s[i] and s[i + 1].
  uint32_t ranks[kHeapThreshold];
  auto rank_at = [&](size_t i) {
    const MergeTarget* m = FindMerge(s[i].id, s[i + 1].id);
    return m == nullptr ? kNoRank : m->rank;
  };
  size_t n = s.size();
  if (word_bytes != nullptr) {
    // Byte-level: every symbol is still one byte; use the byte-pair table.
    const auto* b = reinterpret_cast<const unsigned char*>(word_bytes);
    for (size_t i = 0; i + 1 < n; ++i) ranks[i] = byte_pair_merges_[b[i] * 256 + b[i + 1]].rank;
  } else {
    for (size_t i = 0; i + 1 < n; ++i) ranks[i] = rank_at(i);
  }
  while (n > 1) {
    size_t best = 0;
    for (size_t i = 1; i + 1 < n; ++i) {
      if (ranks[i] < ranks[best]) best = i;  // Strict: leftmost wins ties.
    }
    if (ranks[best] == kNoRank) break;
    s[best].id = FindMerge(s[best].id, s[best + 1].id)->result;
    s[best].span.end = s[best + 1].span.end;
    for (size_t i = best + 1; i + 1 < n; ++i) {
      s[i] = s[i + 1];
      if (i + 1 < n - 1) ranks[i] = ranks[i + 1];
    }
    --n;
    if (best + 1 < n) ranks[best] = rank_at(best);
    if (best > 0) ranks[best - 1] = rank_at(best - 1);
  }
  s.resize(n);
}

// The symbols of one long word as a doubly linked list over positions, with
// the merge each adjacent pair would make. Shared by the heap and bucket
// merge loops; a merged-away symbol is marked dead and unlinked.
class BpeModel::MergeState {
 public:
  MergeState(const BpeModel& model, std::vector<Token>* symbols)
      : model_(model), s_(*symbols), n_(symbols->size()), prev_(n_), next_(n_),
        dead_(n_, 0), pair_rank_(n_, kNoRank), pair_result_(n_, 0) {
    for (size_t i = 0; i < n_; ++i) {
      prev_[i] = static_cast<int32_t>(i) - 1;
      next_[i] = i + 1 < n_ ? static_cast<int32_t>(i + 1) : -1;
    }
  }

  size_t size() const { return n_; }
  int32_t prev(int32_t pos) const { return prev_[pos]; }
  uint32_t rank(int32_t pos) const { return pair_rank_[pos]; }
  // True if a pair starting at `pos` is live and still merges with `rank`
  // (a rank names one merge result, so this validates a queued entry).
  bool Current(int32_t pos, uint32_t rank) const {
    return !dead_[pos] && pair_rank_[pos] == rank;
  }

  // Looks up the pair starting at `pos`; returns true if it merges.
  bool Describe(int32_t pos) {
    pair_rank_[pos] = kNoRank;
    if (next_[pos] < 0) return false;
    const MergeTarget* m = model_.FindMerge(s_[pos].id, s_[next_[pos]].id);
    if (m == nullptr) return false;
    pair_rank_[pos] = m->rank;
    pair_result_[pos] = m->result;
    return true;
  }

  // Merges the pair starting at `pos` into the symbol at `pos`.
  void Merge(int32_t pos) {
    const int32_t right = next_[pos];
    s_[pos].id = pair_result_[pos];
    s_[pos].span.end = s_[right].span.end;
    dead_[right] = 1;
    next_[pos] = next_[right];
    if (next_[right] >= 0) prev_[next_[right]] = pos;
  }

  // Drops the dead symbols from the caller's vector.
  void Compact() {
    size_t out = 0;
    for (size_t i = 0; i < n_; ++i) {
      if (!dead_[i]) s_[out++] = s_[i];
    }
    s_.resize(out);
  }

 private:
  const BpeModel& model_;
  std::vector<Token>& s_;
  const size_t n_;
  std::vector<int32_t> prev_, next_;
  std::vector<char> dead_;
  std::vector<uint32_t> pair_rank_;
  std::vector<TokenId> pair_result_;
};

void BpeModel::MergeSymbolsWithHeap(std::vector<Token>* symbols) const {
  MergeState state(*this, symbols);
  const size_t n = state.size();
  // A candidate is (rank << 32 | position) in a min-heap, so the lowest
  // rank and then the leftmost position pops first; a popped entry is
  // stale unless MergeState::Current still holds.
  auto key = [](uint32_t rank, int32_t pos) {
    return (static_cast<uint64_t>(rank) << 32) | static_cast<uint32_t>(pos);
  };
  QuaternaryMinHeap heap;
  heap.Reserve(n);
  for (size_t i = 0; i + 1 < n; ++i) {
    const int32_t pos = static_cast<int32_t>(i);
    if (state.Describe(pos)) heap.PushUnordered(key(state.rank(pos), pos));
  }
  heap.Heapify();
  auto push = [&](int32_t pos) {
    if (pos >= 0 && state.Describe(pos)) heap.Push(key(state.rank(pos), pos));
  };
  Rng rng(options_.dropout_seed ^ (n * 0x9e3779b97f4a7c15ULL));
  std::vector<uint64_t> skipped;
  while (!heap.empty()) {
    const uint64_t top = heap.Pop();
    const int32_t pos = static_cast<int32_t>(top & 0xffffffffu);
    if (!state.Current(pos, static_cast<uint32_t>(top >> 32))) continue;
    if (options_.dropout > 0.0f && rng.Uniform() < options_.dropout) {
      skipped.push_back(top);
      continue;
    }
    state.Merge(pos);
    for (uint64_t k : skipped) heap.Push(k);  // HF re-queues dropped merges.
    skipped.clear();
    push(state.prev(pos));
    push(pos);
  }
  state.Compact();
}

void BpeModel::MergeSymbolsWithBuckets(std::vector<Token>* symbols) const {
  MergeState state(*this, symbols);
  const size_t n = state.size();
  // One bucket per rank. In a vocabulary built by BPE training a token is
  // ranked after its parts, so a pair made by a merge of rank r has rank > r:
  // buckets fill only ahead of the one being processed, and processing them
  // in rank order, each in position order, is exactly the heap algorithm's
  // (rank, position) order. The initial pairs are counting-sorted into one
  // array (already in position order within a rank); pairs made by merges
  // go to per-rank linked lists in an arena.
  const size_t num_ranks = static_cast<size_t>(max_rank_) + 1;
  std::vector<uint32_t> start(num_ranks + 1, 0);
  for (size_t i = 0; i + 1 < n; ++i) {
    if (state.Describe(static_cast<int32_t>(i))) ++start[state.rank(static_cast<int32_t>(i)) + 1];
  }
  for (size_t r = 0; r < num_ranks; ++r) start[r + 1] += start[r];
  std::vector<int32_t> initial(start[num_ranks]);
  {
    std::vector<uint32_t> fill(start.begin(), start.end() - 1);
    for (size_t i = 0; i + 1 < n; ++i) {
      const uint32_t r = state.rank(static_cast<int32_t>(i));
      if (r != kNoRank) initial[fill[r]++] = static_cast<int32_t>(i);
    }
  }
  struct Entry {
    int32_t pos;
    int32_t next;
  };
  std::vector<int32_t> head(num_ranks, -1);
  std::vector<Entry> arena;
  std::vector<int32_t> batch;
  bool ordered = true;
  for (uint32_t r = 0; r < num_ranks && ordered; ++r) {
    if (start[r] == start[r + 1] && head[r] < 0) continue;
    batch.assign(initial.begin() + start[r], initial.begin() + start[r + 1]);
    if (head[r] >= 0) {
      for (int32_t e = head[r]; e >= 0; e = arena[e].next) batch.push_back(arena[e].pos);
      std::sort(batch.begin(), batch.end());
    }
    for (int32_t pos : batch) {
      if (!state.Current(pos, r)) continue;
      state.Merge(pos);
      for (int32_t p : {state.prev(pos), pos}) {
        if (p < 0 || !state.Describe(p)) continue;
        if (state.rank(p) <= r) ordered = false;  // Not a BPE-trained order.
        arena.push_back({p, head[state.rank(p)]});
        head[state.rank(p)] = static_cast<int32_t>(arena.size() - 1);
      }
      if (!ordered) break;
    }
  }
  state.Compact();
  // A vocabulary whose ranks are not in training order: finish from this
  // state with the heap, whose order does not rely on it.
  if (!ordered) MergeSymbolsWithHeap(symbols);
}

namespace internal {

absl::Status TokenizeWithLoop(const BpeModel& model, absl::string_view word,
                              BpeMergeLoop loop, std::vector<Token>* tokens) {
  std::vector<Token> symbols;
  TF_RETURN_IF_ERROR(model.InitialSymbols(word, &symbols));
  switch (loop) {
    case BpeMergeLoop::kAuto:
      model.MergeSymbols(&symbols);
      break;
    case BpeMergeLoop::kFlat:
      TF_CHECK(symbols.size() <= BpeModel::kHeapThreshold);
      model.MergeSymbols(&symbols);
      break;
    case BpeMergeLoop::kHeap:
      model.MergeSymbolsWithHeap(&symbols);
      break;
    case BpeMergeLoop::kBuckets:
      model.MergeSymbolsWithBuckets(&symbols);
      break;
  }
  tokens->insert(tokens->end(), symbols.begin(), symbols.end());
  return absl::OkStatus();
}

}  // namespace internal
}  // namespace tokenforge
