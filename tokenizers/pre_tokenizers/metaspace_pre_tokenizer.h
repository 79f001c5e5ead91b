// tokenizers/pre_tokenizers/metaspace_pre_tokenizer.h
//
// HF's Metaspace pre-tokenizer (SentencePiece style): replaces every ' ' by
// the replacement character (U+2581 "▁" by default), prepends one to words
// according to the prepend scheme, and optionally splits before every
// replacement character. The text is rewritten through NormalizedString, so
// offsets stay exact ("▁" from ' ' maps to that space; a prepended "▁" maps
// to the word's first character, as in HF).
//
//   Metaspace (always, split): "Hey  you" -> "▁Hey", "▁", "▁you"

#ifndef TOKENFORGE_TOKENIZERS_PRE_TOKENIZERS_METASPACE_PRE_TOKENIZER_H_
#define TOKENFORGE_TOKENIZERS_PRE_TOKENIZERS_METASPACE_PRE_TOKENIZER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"
#include "tokenizers/normalized_string.h"
#include "tokenizers/pipeline.h"

namespace tokenforge {

enum class PrependScheme {
  kAlways,  // Every word not starting with the replacement gets one.
  kFirst,   // Only a word that starts at offset 0 of the original text.
  kNever,
};

struct MetaspaceOptions {
  std::string replacement = "\xE2\x96\x81";  // U+2581, one character.
  PrependScheme prepend_scheme = PrependScheme::kAlways;
  bool split = true;

  // kInvalidArgument unless `replacement` is exactly one UTF-8 character.
  absl::Status Validate() const;
};

class MetaspacePreTokenizer : public PreTokenizer {
 public:
  static absl::StatusOr<std::unique_ptr<MetaspacePreTokenizer>> Create(
      MetaspaceOptions options);

  absl::Status PreTokenize(NormalizedString* text,
                           std::vector<ByteSpan>* words) const override;
  // {"type": "Metaspace", "replacement": "▁", "prepend_scheme": "always",
  //  "split": true}
  nlohmann::json ToJson() const override;

 private:
  explicit MetaspacePreTokenizer(MetaspaceOptions options)
      : options_(std::move(options)) {}

  void ReplaceSpaces(NormalizedString* text,
                     std::vector<ByteSpan>* words) const;

  MetaspaceOptions options_;
};

// Returns the scheme for "always", "first" or "never".
absl::StatusOr<PrependScheme> ParsePrependScheme(absl::string_view name);
absl::string_view PrependSchemeName(PrependScheme scheme);

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_PRE_TOKENIZERS_METASPACE_PRE_TOKENIZER_H_
