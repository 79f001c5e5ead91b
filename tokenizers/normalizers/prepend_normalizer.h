// tokenizers/normalizers/prepend_normalizer.h
//
// HF "Prepend": puts `prepend` in front of a non-empty text (SentencePiece
// style "▁"). The inserted bytes are aligned to the first character, as in
// HF, so a token made only of them still points into the original text.
//
//   Prepend("▁"): "Hello" -> "▁Hello";  "" -> ""

#ifndef TOKENFORGE_TOKENIZERS_NORMALIZERS_PREPEND_NORMALIZER_H_
#define TOKENFORGE_TOKENIZERS_NORMALIZERS_PREPEND_NORMALIZER_H_

#include <string>

#include "nlohmann/json.hpp"
#include "tokenizers/normalized_string.h"
#include "tokenizers/pipeline.h"

namespace tokenforge {

class PrependNormalizer : public Normalizer {
 public:
  explicit PrependNormalizer(std::string prepend)
      : prepend_(std::move(prepend)) {}

  absl::Status Normalize(NormalizedString* text) const override;
  nlohmann::json ToJson() const override;  // {"type":"Prepend","prepend":"▁"}

 private:
  std::string prepend_;
};

// HF "ByteLevel" normalizer: every byte becomes its GPT-2 byte-level
// character (byte_level_alphabet.h), aligned to that byte.
//   "a b" -> "aĠb"
class ByteLevelNormalizer : public Normalizer {
 public:
  absl::Status Normalize(NormalizedString* text) const override;
  nlohmann::json ToJson() const override;  // {"type": "ByteLevel"}
};

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_NORMALIZERS_PREPEND_NORMALIZER_H_
