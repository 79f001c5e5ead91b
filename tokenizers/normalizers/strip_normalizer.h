// tokenizers/normalizers/strip_normalizer.h
//
// HF "Strip" and "StripAccents".
//
// Strip removes White_Space characters (Rust char::is_whitespace) from the
// left and/or right end:   "  hi \n" -> "hi".
//
// StripAccents removes every combining mark (General_Category M: Mn, Mc and
// Me, as HF's is_combining_mark does; HF's table is older, so it keeps ~350
// marks added in recent Unicode versions that we remove). It is meant to
// run after NFD/NFKD:
//   NFD then StripAccents: "café" -> "cafe"
// The remaining characters keep their alignment; removed marks leave no
// output bytes.

#ifndef TOKENFORGE_TOKENIZERS_NORMALIZERS_STRIP_NORMALIZER_H_
#define TOKENFORGE_TOKENIZERS_NORMALIZERS_STRIP_NORMALIZER_H_

#include "nlohmann/json.hpp"
#include "tokenizers/normalized_string.h"
#include "tokenizers/pipeline.h"

namespace tokenforge {

// Returns true for White_Space code points (Rust char::is_whitespace).
bool IsUnicodeWhitespace(char32_t c);

class StripNormalizer : public Normalizer {
 public:
  StripNormalizer(bool left, bool right) : left_(left), right_(right) {}

  absl::Status Normalize(NormalizedString* text) const override;
  // {"type": "Strip", "strip_left": true, "strip_right": true}
  nlohmann::json ToJson() const override;

 private:
  bool left_;
  bool right_;
};

class StripAccentsNormalizer : public Normalizer {
 public:
  absl::Status Normalize(NormalizedString* text) const override;
  nlohmann::json ToJson() const override;  // {"type": "StripAccents"}
};

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_NORMALIZERS_STRIP_NORMALIZER_H_
