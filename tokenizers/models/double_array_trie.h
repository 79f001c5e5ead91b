// tokenizers/models/double_array_trie.h
//
// A byte-wise double-array trie (Aoe 1989) mapping byte strings to int32
// values, the lookup structure of the Unigram, SentencePiece-BPE and
// WordPiece models. A transition is two array reads and a compare, with no
// bounds check (the array is padded), which is what makes lattice
// construction and LinMaxMatch fast.
//
//   TF_ASSIGN_OR_RETURN(DoubleArrayTrie trie,
//                       DoubleArrayTrie::Build({{"a", 0}, {"ab", 1}}));
//   uint32_t node = DoubleArrayTrie::kRoot;
//   if (trie.Step(&node, 'a')) trie.Value(node);   // 0
//
// Immutable after Build; safe to share between threads.

#ifndef TOKENFORGE_TOKENIZERS_MODELS_DOUBLE_ARRAY_TRIE_H_
#define TOKENFORGE_TOKENIZERS_MODELS_DOUBLE_ARRAY_TRIE_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tokenforge {

class DoubleArrayTrie {
 public:
  static constexpr uint32_t kRoot = 0;
  static constexpr int32_t kNoValue = -1;

  DoubleArrayTrie() = default;

  // Builds the trie. Keys must be non-empty and distinct (kInvalidArgument
  // otherwise); values must be >= 0.
  static absl::StatusOr<DoubleArrayTrie> Build(
      std::vector<std::pair<std::string, int32_t>> keys);

  // Follows the edge labelled `c` from *node. Returns false (and leaves
  // *node unchanged) when there is none.
  bool Step(uint32_t* node, uint8_t c) const {
    const uint32_t next = units_[*node].base + c;
    if (units_[next].check != static_cast<int32_t>(*node)) return false;
    *node = next;
    return true;
  }

  // Returns the value stored at `node`, or kNoValue.
  int32_t Value(uint32_t node) const { return units_[node].value; }

  // Returns the node reached by `key` from kRoot, or -1.
  int64_t Find(absl::string_view key) const;

  // Returns the value of `key`, or kNoValue.
  int32_t Lookup(absl::string_view key) const {
    const int64_t node = Find(key);
    return node < 0 ? kNoValue : Value(static_cast<uint32_t>(node));
  }

  // Appends the (label, child) pairs of `node` in label order.
  void Children(uint32_t node,
                std::vector<std::pair<uint8_t, uint32_t>>* children) const;

  // Number of array slots (for sizing per-node side tables).
  size_t num_slots() const { return units_.size(); }

  bool empty() const { return units_.empty(); }

 private:
  struct Unit {
    uint32_t base = 0;
    int32_t check = -1;  // Parent slot; -1 for free slots and the root.
    int32_t value = kNoValue;
  };
  std::vector<Unit> units_;
};

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_MODELS_DOUBLE_ARRAY_TRIE_H_
