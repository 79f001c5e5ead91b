// common/utf8.h
//
// UTF-8 decoding and encoding without ICU, for the hot paths of the
// pre-tokenizers and models. Invalid sequences are decoded one byte at a time
// as kInvalidCodePoint with length 1, the way tiktoken and HF treat bytes that
// are not UTF-8, so every byte of the input is visited exactly once.
//
//   size_t pos = 0;
//   while (pos < text.size()) {
//     const DecodedChar c = DecodeUtf8(text, pos);
//     pos += c.length;
//   }

#ifndef TOKENFORGE_COMMON_UTF8_H_
#define TOKENFORGE_COMMON_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace tokenforge {

inline constexpr char32_t kInvalidCodePoint = 0xFFFFFFFF;

struct DecodedChar {
  char32_t code_point;  // kInvalidCodePoint for a byte that is not UTF-8.
  uint32_t length;      // Bytes consumed, >= 1.
};

// Decodes the character starting at text[pos]. REQUIRES: pos < text.size().
// Rejects overlong forms, surrogates and values above U+10FFFF.
DecodedChar DecodeUtf8(absl::string_view text, size_t pos);

// Appends the UTF-8 encoding of `cp` to *out. REQUIRES: cp <= 0x10FFFF.
void AppendUtf8(char32_t cp, std::string* out);

// Returns true if `text` is entirely valid UTF-8.
bool IsValidUtf8(absl::string_view text);

// Returns the byte offset of the first invalid sequence, or text.size().
size_t FindInvalidUtf8(absl::string_view text);

}  // namespace tokenforge

#endif  // TOKENFORGE_COMMON_UTF8_H_
