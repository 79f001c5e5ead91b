#include "tokenizers/normalizers/lowercase_normalizer.h"

#include "common/utf8.h"
#include "tokenizers/normalizers/char_transform.h"
#include "unicode/uchar.h"

namespace tokenforge {

bool LowercaseChar(char32_t c, std::string* out) {
  if (c < 0x80) {
    if (c < 'A' || c > 'Z') return false;
    out->push_back(static_cast<char>(c + ('a' - 'A')));
    return true;
  }
  // The only unconditional multi-character lowercase in SpecialCasing.txt.
  if (c == 0x130) {
    out->append("i\xCC\x87", 3);
    return true;
  }
  const auto lower = static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
  if (lower == c) return false;
  AppendUtf8(lower, out);
  return true;
}

absl::Status LowercaseNormalizer::Normalize(NormalizedString* text) const {
  TransformChars(text, LowercaseChar);
  return absl::OkStatus();
}

nlohmann::json LowercaseNormalizer::ToJson() const {
  return nlohmann::json{{"type", "Lowercase"}};
}

}  // namespace tokenforge
