// tokenizers/normalizers/lowercase_normalizer.h
//
// HF "Lowercase": every character becomes its full Unicode lowercase, one
// character at a time, as Rust's char::to_lowercase does. That is the simple
// lowercase mapping except U+0130 'İ' -> "i\u0307"; there is no final-sigma
// context ("ΣΣ" -> "σσ") and no locale. Mappings come from ICU 72
// (Unicode 15.0). Each output character is aligned to the character it came
// from. Rust 1.8x has Unicode 16 tables: HF lowercases 55 recent code
// points (U+1C89, U+A7CB, ...) that ICU 72 leaves alone.
//
//   "HeLLo İSTANBUL" -> "hello i̇stanbul"

#ifndef TOKENFORGE_TOKENIZERS_NORMALIZERS_LOWERCASE_NORMALIZER_H_
#define TOKENFORGE_TOKENIZERS_NORMALIZERS_LOWERCASE_NORMALIZER_H_

#include <string>

#include "nlohmann/json.hpp"
#include "tokenizers/normalized_string.h"
#include "tokenizers/pipeline.h"

namespace tokenforge {

// Writes the full lowercase of `c` to *out and returns true, or returns false
// when `c` is its own lowercase. Shared with BertNormalizer.
bool LowercaseChar(char32_t c, std::string* out);

class LowercaseNormalizer : public Normalizer {
 public:
  absl::Status Normalize(NormalizedString* text) const override;
  nlohmann::json ToJson() const override;  // {"type": "Lowercase"}
};

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_NORMALIZERS_LOWERCASE_NORMALIZER_H_
