#include "tokenizers/models/double_array_trie.h"

#include <algorithm>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace tokenforge {
namespace {

// Builder state: places the children of one node at a time. Keys are sorted,
// so the children of the node for key prefix p at depth d are the distinct
// bytes key[d] over a contiguous range of keys sharing p.
class Builder {
 public:
  explicit Builder(const std::vector<std::pair<std::string, int32_t>>& keys)
      : keys_(keys) {}

  struct Slot {
    uint32_t base = 0;
    int32_t check = -1;
    int32_t value = DoubleArrayTrie::kNoValue;
  };

  std::vector<Slot> Run() {
    Reserve(511);
    MarkUsed(0);  // Root.
    Place(0, 0, keys_.size(), 0);
    // Pad so that base + 255 is always inside the array.
    uint32_t max_base = 0;
    for (const Slot& s : slots_) max_base = std::max(max_base, s.base);
    slots_.resize(std::max<size_t>(slots_.size(), max_base + 257));
    return std::move(slots_);
  }

 private:
  using Groups = std::vector<std::pair<uint8_t, std::pair<size_t, size_t>>>;

  // Places the children of `node`, whose keys are keys_[lo, hi) at `depth`.
  void Place(uint32_t node, size_t lo, size_t hi, size_t depth) {
    if (lo < hi && keys_[lo].first.size() == depth) {
      slots_[node].value = keys_[lo].second;
      ++lo;
    }
    if (lo >= hi) return;
    Groups groups;  // Distinct labels and their key ranges.
    for (size_t i = lo; i < hi;) {
      const uint8_t c = static_cast<uint8_t>(keys_[i].first[depth]);
      size_t j = i + 1;
      while (j < hi && static_cast<uint8_t>(keys_[j].first[depth]) == c) ++j;
      groups.push_back({c, {i, j}});
      i = j;
    }
    const uint32_t base = FindBase(groups);
    slots_[node].base = base;
    for (const auto& g : groups) {
      MarkUsed(base + g.first);
      slots_[base + g.first].check = static_cast<int32_t>(node);
    }
    for (const auto& g : groups) {
      Place(base + g.first, g.second.first, g.second.second, depth + 1);
    }
  }

  // Candidate bases put the first label on a free slot; NextFree skips runs
  // of used slots in near-constant time.
  uint32_t FindBase(const Groups& groups) {
    const uint32_t first = groups.front().first;
    for (uint32_t at = NextFree(first + 1);; at = NextFree(at + 1)) {
      const uint32_t base = at - first;
      bool fits = true;
      for (const auto& g : groups) {
        const uint32_t slot = base + g.first;
        if (slot < used_.size() && used_[slot]) {
          fits = false;
          break;
        }
      }
      if (fits) return base;
    }
  }

  // Returns the first free slot >= i: union-find over next_, where
  // next_[i] == i for free slots, with path halving.
  uint32_t NextFree(uint32_t i) {
    while (i < next_.size() && next_[i] != i) {
      const uint32_t up = next_[i];
      if (up < next_.size()) next_[i] = next_[up];
      i = up;
    }
    return i;
  }

  void MarkUsed(uint32_t i) {
    Reserve(i);
    used_[i] = true;
    next_[i] = i + 1;
  }

  void Reserve(uint32_t index) {
    if (index < slots_.size()) return;
    const size_t old = slots_.size();
    const size_t n = std::max<size_t>(index + 1, slots_.size() * 2);
    slots_.resize(n);
    used_.resize(n, false);
    next_.resize(n);
    for (size_t k = old; k < n; ++k) next_[k] = static_cast<uint32_t>(k);
  }

  const std::vector<std::pair<std::string, int32_t>>& keys_;
  std::vector<Slot> slots_;
  std::vector<bool> used_;
  std::vector<uint32_t> next_;
};

}  // namespace

absl::StatusOr<DoubleArrayTrie> DoubleArrayTrie::Build(
    std::vector<std::pair<std::string, int32_t>> keys) {
  std::sort(keys.begin(), keys.end());
  for (size_t i = 0; i < keys.size(); ++i) {
    if (keys[i].first.empty()) {
      return absl::InvalidArgumentError("trie key is empty");
    }
    if (keys[i].second < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("trie value for \"", absl::CEscape(keys[i].first),
                       "\" is negative"));
    }
    if (i > 0 && keys[i].first == keys[i - 1].first) {
      return absl::InvalidArgumentError(absl::StrCat(
          "duplicate trie key \"", absl::CEscape(keys[i].first), "\""));
    }
  }
  DoubleArrayTrie trie;
  Builder builder(keys);
  for (const Builder::Slot& s : builder.Run()) {
    trie.units_.push_back({s.base, s.check, s.value});
  }
  return trie;
}

int64_t DoubleArrayTrie::Find(absl::string_view key) const {
  if (units_.empty()) return -1;
  uint32_t node = kRoot;
  for (const char c : key) {
    if (!Step(&node, static_cast<uint8_t>(c))) return -1;
  }
  return node;
}

void DoubleArrayTrie::Children(
    uint32_t node, std::vector<std::pair<uint8_t, uint32_t>>* children) const {
  for (int c = 0; c < 256; ++c) {
    uint32_t next = node;
    if (Step(&next, static_cast<uint8_t>(c))) {
      children->push_back({static_cast<uint8_t>(c), next});
    }
  }
}

}  // namespace tokenforge
