// tokenizers/normalizers/precompiled_normalizer.h
//
// SentencePiece's normalizer, exactly: the character map compiled into a
// model's `precompiled_charsmap` (a darts-clone double-array trie of source
// strings plus a pool of NUL-terminated replacements; e.g. nmt_nfkc), applied
// by longest prefix match from left to right, followed by SentencePiece's
// whitespace handling (normalizer.cc, v0.1.97):
//
//   remove_extra_whitespaces  drop leading and trailing ' ', collapse runs
//   add_dummy_prefix          prepend ' ' (append with
//                             treat_whitespace_as_suffix)
//   escape_whitespaces        write ' ' as U+2581 "▁"
//
// User-defined symbols are matched before the map and copied verbatim, as
// SentencePiece's PrefixMatcher does. A byte that is not UTF-8 becomes
// U+FFFD. With all flags off it is HF's "Precompiled" normalizer (applied
// with SentencePiece's prefix rule, not HF's grapheme rule).
//
//   "  Hello\u3000 World " -> "▁Hello▁World"   (nmt_nfkc, default flags)
//
// Every output byte is aligned to the source character it came from; the
// dummy prefix is an insertion (empty span).

#ifndef TOKENFORGE_TOKENIZERS_NORMALIZERS_PRECOMPILED_NORMALIZER_H_
#define TOKENFORGE_TOKENIZERS_NORMALIZERS_PRECOMPILED_NORMALIZER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "tokenizers/models/double_array_trie.h"
#include "tokenizers/pipeline.h"

namespace tokenforge {

struct PrecompiledNormalizerOptions {
  // The raw `precompiled_charsmap` bytes; empty means no character mapping.
  std::string precompiled_charsmap;
  bool add_dummy_prefix = false;
  bool remove_extra_whitespaces = false;
  bool escape_whitespaces = false;
  bool treat_whitespace_as_suffix = false;
  // Matched (longest first) before the map and kept verbatim.
  std::vector<std::string> user_defined_symbols;

  absl::Status Validate() const;
};

class PrecompiledNormalizer : public Normalizer {
 public:
  // Parses the charsmap; kDataLoss if it is malformed.
  static absl::StatusOr<std::unique_ptr<PrecompiledNormalizer>> Create(
      PrecompiledNormalizerOptions options);

  absl::Status Normalize(NormalizedString* text) const override;
  nlohmann::json ToJson() const override;

  // Appends the normalized form of `input` to *out without alignment: the
  // fast path of id-only encoding.
  void NormalizeToString(absl::string_view input, std::string* out) const;

  // Returns (replacement, consumed bytes) for the longest rule at the start
  // of `input` (SentencePiece's NormalizePrefix). REQUIRES: !input.empty().
  std::pair<absl::string_view, uint32_t> NormalizePrefix(
      absl::string_view input) const;

  const PrecompiledNormalizerOptions& options() const { return options_; }

 private:
  explicit PrecompiledNormalizer(PrecompiledNormalizerOptions options)
      : options_(std::move(options)) {}
  absl::Status Init();
  // Longest charsmap match at `input`: (value, length), length 0 if none.
  std::pair<uint32_t, uint32_t> LongestRule(absl::string_view input) const;
  template <typename Sink>
  void Run(absl::string_view input, Sink* sink) const;

  PrecompiledNormalizerOptions options_;
  // Darts-clone units and the replacement pool, views into options_.
  const uint32_t* units_ = nullptr;
  uint32_t num_units_ = 0;
  absl::string_view pool_;
  std::vector<uint32_t> unit_storage_;
  DoubleArrayTrie user_symbols_;
  bool has_user_symbols_ = false;
  // passthrough_[b]: byte b is ASCII, not ' ', starts no rule and no user
  // symbol, so it maps to itself.
  bool passthrough_[256] = {};
};

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_NORMALIZERS_PRECOMPILED_NORMALIZER_H_
