// vocab_learning/pair_merger.h
//
// The data structure under the BPE and WordPiece trainers: every distinct
// word as a doubly linked list of symbol ids, all words in one flat array of
// 16-byte nodes (symbol, next, previous, word) indexed by position, plus for
// each adjacent symbol pair its 64-bit weighted count and the positions where
// it starts.
//
// Merging a pair visits only the positions listed for it, not the words that
// contain it, so a merge costs O(occurrences) even in 100 KB "words" (CJK
// lines without spaces), and no per-word scan is ever needed. Position lists
// are append-only and lazily validated: an entry whose symbols changed is
// skipped. Each merge reports the pairs whose counts rose (all involve the new
// symbol), which is what a lazily invalidated max-heap needs.
//
// Large merges run in parallel: the sorted positions are cut into
// kMergeShards shards at word boundaries (a word's occurrences must be merged
// left to right by one thread; different words share nothing), each shard
// rewrites its words and sums its pair-count deltas locally, and the shards
// are folded into the pair table in shard order. The shard count is fixed,
// so the result is the same for every thread count; the counts are exact
// sums, so it is the same as the serial path's. What may differ between
// paths is only the order of stale entries in position lists (sorted before
// use) and of reported pairs (the trainers' heaps order entries totally).
//
// The node array and the pair table use huge pages (bpe_huge_page_allocator.h):
// a merge is a chain of cache and TLB misses on scattered positions.
//
// Internal to vocab_learning; not thread-safe.

#ifndef TOKENFORGE_VOCAB_LEARNING_PAIR_MERGER_H_
#define TOKENFORGE_VOCAB_LEARNING_PAIR_MERGER_H_

#include <cstdint>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/functional/function_ref.h"
#include "absl/types/span.h"
#include "vocab_learning/bpe_huge_page_allocator.h"

namespace tokenforge::internal {

inline uint64_t PairKey(int32_t left, int32_t right) {
  return (static_cast<uint64_t>(static_cast<uint32_t>(left)) << 32) |
         static_cast<uint32_t>(right);
}
inline int32_t PairLeft(uint64_t key) { return static_cast<int32_t>(key >> 32); }
inline int32_t PairRight(uint64_t key) {
  return static_cast<int32_t>(key & 0xffffffffu);
}

class PairMerger {
 public:
  PairMerger();
  ~PairMerger();
  PairMerger(const PairMerger&) = delete;
  PairMerger& operator=(const PairMerger&) = delete;

  // Adds a word: `symbols` (ids >= 0; kBoundary cuts the word so that no
  // pair spans it) occurring `count` times. Call before Build().
  static constexpr int32_t kBoundary = -1;
  void AddWord(absl::Span<const int32_t> symbols, int64_t count);
  // Adds lengths.size() words at once, filled on num_threads threads: word i
  // occurs counts[i] times and fill(i, out) writes its lengths[i] symbols
  // (no kBoundary) to out. Call before Build().
  void AddWords(absl::Span<const int32_t> lengths,
                absl::Span<const int64_t> counts,
                absl::FunctionRef<void(size_t, absl::Span<int32_t>)> fill,
                int num_threads);
  // Optional: room for this many symbols and words, saving the regrowth of
  // the node array (tens of MB on big corpora).
  void Reserve(size_t num_symbols, size_t num_words) {
    nodes_.reserve(num_symbols);
    word_counts_.reserve(num_words);
  }

  // Counts all pairs (and symbol frequencies). num_threads as in ParallelFor;
  // it is used by the merges of at least parallel_min_occurrences positions.
  void Build(int num_symbols, int num_threads);
  // Merges with fewer listed positions run serially (tuning; the result
  // never depends on it, tests set 0 to force the sharded path). Measured
  // at 1 thread, per merge size, sharded shard phase P + fold F against the
  // serial time S (zh, ja, kerneldocs at vocab 30000): from 1024 to 4096
  // positions P / 2 + F > S, from 4096 to 16384 about equal, above 16384
  // P / 2 + F = 0.6-0.75 S. The per-region cost of OpenMP (and its spinning
  // workers on a loaded machine) comes on top, hence 16384.
  static constexpr int64_t kDefaultParallelMinOccurrences = 16384;
  void set_parallel_min_occurrences(int64_t n) { parallel_min_occurrences_ = n; }
  // Shards of a parallel merge: fixed, so results never depend on threads.
  static constexpr int kMergeShards = 16;

  // Returns the current weighted count of the pair (0 if absent).
  int64_t PairCount(uint64_t key) const;
  // Returns the weighted frequency of a symbol.
  int64_t SymbolCount(int32_t id) const { return symbol_counts_[id]; }
  // Returns all pairs with a positive count, sorted by key.
  std::vector<std::pair<uint64_t, int64_t>> LivePairs() const;

  // Replaces every occurrence of (left, right), leftmost first within each
  // word, by `merged` (a new or existing symbol id; grows the symbol table).
  // Appends to *raised the pairs whose count increased with their current
  // counts (in a deterministic order, without duplicates) and to
  // *touched_symbols the symbols whose frequency changed. Returns the number
  // of weighted occurrences merged.
  int64_t Merge(uint64_t key, int32_t merged,
                std::vector<std::pair<uint64_t, int64_t>>* raised,
                std::vector<int32_t>* touched_symbols);
  // As above, reporting only the keys of the raised pairs.
  int64_t Merge(uint64_t key, int32_t merged, std::vector<uint64_t>* raised,
                std::vector<int32_t>* touched_symbols);

  // Returns the number of pairs with a positive count.
  size_t NumPairs() const { return pairs_.size(); }
  // Returns the weighted number of symbols: tokens of the training words.
  int64_t TotalSymbols() const { return total_symbols_; }
  // Calls fn(key, count) for every live pair involving `symbol` (possibly
  // more than once), dropping dead entries from its list on the way. Only
  // available with track_symbol_pairs.
  template <typename Fn>
  void ForEachPairOf(int32_t symbol, Fn fn) {
    std::vector<uint64_t>& keys = symbol_pairs_[symbol];
    size_t kept = 0;
    for (const uint64_t key : keys) {
      const int64_t count = PairCount(key);
      if (count == 0) continue;
      keys[kept++] = key;
      fn(key, count);
    }
    keys.resize(kept);
  }
  void set_track_symbol_pairs(bool track) { track_symbol_pairs_ = track; }

 private:
  // One position of a word. Kept together because a merge touches all four
  // fields of scattered positions: one cache miss instead of four.
  struct Node {
    int32_t symbol;  // -1 once merged away.
    int32_t next;    // Next live position in the word, or -1.
    int32_t prev;    // Previous live position, or -1.
    int32_t word;    // Index into word_counts_.
  };
  struct PairSlot {
    int64_t count = 0;
    // Left positions; may be stale. Most pairs occur a few times only.
    absl::InlinedVector<int32_t, 4> positions;
  };
  // What one merge does, described by (left, right) -> merged.
  struct MergeJob {
    uint64_t key;
    int32_t left, right, merged;
  };
  class DirectSink;
  class ShardSink;

  void AddOccurrence(uint64_t key, int32_t pos, int64_t count);
  void RemoveOccurrence(uint64_t key, int64_t count);
  void NoteNewPair(uint64_t key);
  // Records that `added` (a pair of the merged symbol) rose in this merge.
  void NoteRaised(uint64_t added, int32_t merged);
  // Merges the occurrence at p if it is still valid, reporting the pair
  // changes to sink; returns its weighted count (0 when stale).
  void PrefetchNodes(int32_t p) const;
  template <typename Sink>
  int64_t MergeAt(int32_t p, const MergeJob& job, Sink& sink);
  int64_t MergeSerial(absl::Span<const int32_t> positions, const MergeJob& job);
  int64_t MergeSharded(absl::Span<const int32_t> positions, const MergeJob& job);

  std::vector<Node, HugePageAllocator<Node>> nodes_;
  std::vector<int64_t> word_counts_;
  std::vector<int64_t> symbol_counts_;
  absl::flat_hash_map<uint64_t, PairSlot, absl::Hash<uint64_t>,
                      std::equal_to<uint64_t>,
                      HugePageAllocator<std::pair<const uint64_t, PairSlot>>>
      pairs_;
  std::vector<std::vector<uint64_t>> symbol_pairs_;
  bool track_symbol_pairs_ = false;
  int64_t total_symbols_ = 0;
  int num_threads_ = 1;
  int64_t parallel_min_occurrences_ = kDefaultParallelMinOccurrences;
  // Raised-pair bookkeeping of the current merge: pairs (x, merged) are
  // marked in raised_left_[x], pairs (merged, y) in raised_right_[y], with
  // the merge's epoch, so each raised pair is reported once.
  uint32_t epoch_ = 0;
  std::vector<uint32_t> raised_left_, raised_right_;
  std::vector<uint64_t> raised_keys_;
  // Scratch of Merge(): the positions of the pair being merged.
  std::vector<int32_t> merge_positions_;
  std::vector<std::pair<uint64_t, int64_t>> raised_scratch_;
  // Scratch of a parallel merge, released after it: the few such merges
  // are the largest, and the buffers would stay at their peak size.
  std::vector<ShardSink> shards_;
};

}  // namespace tokenforge::internal

#endif  // TOKENFORGE_VOCAB_LEARNING_PAIR_MERGER_H_
