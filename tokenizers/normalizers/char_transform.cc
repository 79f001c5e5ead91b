#include "tokenizers/normalizers/char_transform.h"

#include "common/utf8.h"

namespace tokenforge {
namespace {

// DecodeUtf8 with the ASCII case inline: most text is mostly ASCII, and the
// callback runs once per character.
inline DecodedChar NextChar(absl::string_view s, size_t pos) {
  const auto b = static_cast<unsigned char>(s[pos]);
  if (b < 0x80) return {b, 1};
  return DecodeUtf8(s, pos);
}

// Returns the offset of the first character `rewrite` changes, or
// text.size(). *out then holds that character's replacement.
size_t FindFirstChange(absl::string_view text, CharRewrite rewrite,
                       std::string* out, uint32_t* length) {
  size_t pos = 0;
  while (pos < text.size()) {
    const DecodedChar c = NextChar(text, pos);
    if (c.code_point != kInvalidCodePoint) {
      out->clear();
      if (rewrite(c.code_point, out)) {
        *length = c.length;
        return pos;
      }
    }
    pos += c.length;
  }
  return text.size();
}

}  // namespace

void TransformChars(NormalizedString* text, CharRewrite rewrite) {
  const absl::string_view s = text->normalized();
  std::string replacement;
  uint32_t length = 0;
  const size_t first = FindFirstChange(s, rewrite, &replacement, &length);
  if (first == s.size()) return;  // The common case: nothing to do.

  NormalizedBuilder out(*text);
  out.Copy({0, static_cast<uint32_t>(first)});
  out.Append(replacement, {static_cast<uint32_t>(first),
                           static_cast<uint32_t>(first + length)});
  // Unchanged characters are copied in runs.
  uint32_t run_begin = static_cast<uint32_t>(first + length);
  uint32_t pos = run_begin;
  while (pos < s.size()) {
    const DecodedChar c = NextChar(s, pos);
    replacement.clear();
    if (c.code_point != kInvalidCodePoint && rewrite(c.code_point, &replacement)) {
      out.Copy({run_begin, pos});
      out.Append(replacement, {pos, pos + c.length});
      run_begin = pos + c.length;
    }
    pos += c.length;
  }
  out.Copy({run_begin, static_cast<uint32_t>(s.size())});
  text->Transform(std::move(out));
}

}  // namespace tokenforge
