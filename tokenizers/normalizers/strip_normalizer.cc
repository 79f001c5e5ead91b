#include "tokenizers/normalizers/strip_normalizer.h"

#include "common/utf8.h"
#include "tokenizers/normalizers/char_transform.h"
#include "unicode/uchar.h"

namespace tokenforge {
namespace {

// Returns the offset of the first byte after the leading whitespace.
uint32_t LeftEnd(absl::string_view s) {
  uint32_t pos = 0;
  while (pos < s.size()) {
    const DecodedChar c = DecodeUtf8(s, pos);
    if (c.code_point == kInvalidCodePoint || !IsUnicodeWhitespace(c.code_point)) {
      break;
    }
    pos += c.length;
  }
  return pos;
}

// Returns the offset where the trailing whitespace starts (>= floor).
uint32_t RightBegin(absl::string_view s, uint32_t floor) {
  uint32_t end = static_cast<uint32_t>(s.size());
  while (end > floor) {
    // Step back to the start of the previous character.
    uint32_t start = end - 1;
    while (start > floor && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80 &&
           end - start < 4) {
      --start;
    }
    const DecodedChar c = DecodeUtf8(s, start);
    if (start + c.length != end || c.code_point == kInvalidCodePoint ||
        !IsUnicodeWhitespace(c.code_point)) {
      break;
    }
    end = start;
  }
  return end;
}

}  // namespace

bool IsUnicodeWhitespace(char32_t c) {
  if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r');
  return u_isUWhiteSpace(static_cast<UChar32>(c));
}

absl::Status StripNormalizer::Normalize(NormalizedString* text) const {
  const absl::string_view s = text->normalized();
  const uint32_t begin = left_ ? LeftEnd(s) : 0;
  const uint32_t end = right_ ? RightBegin(s, begin)
                              : static_cast<uint32_t>(s.size());
  if (begin == 0 && end == s.size()) return absl::OkStatus();
  NormalizedBuilder out(*text);
  out.Copy({begin, end});
  text->Transform(std::move(out));
  return absl::OkStatus();
}

nlohmann::json StripNormalizer::ToJson() const {
  return nlohmann::json{
      {"type", "Strip"}, {"strip_left", left_}, {"strip_right", right_}};
}

absl::Status StripAccentsNormalizer::Normalize(NormalizedString* text) const {
  TransformChars(text, [](char32_t c, std::string*) {
    return c >= 0x300 && (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_M_MASK) != 0;
  });
  return absl::OkStatus();
}

nlohmann::json StripAccentsNormalizer::ToJson() const {
  return nlohmann::json{{"type", "StripAccents"}};
}

}  // namespace tokenforge
