// tokenizers/byte_level_alphabet.h
//
// GPT-2's byte-to-unicode table (bytes_to_unicode() in openai/gpt-2
// encoder.py, used by HF's ByteLevel pre-tokenizer and decoder): every byte
// 0..255 gets a printable code point, so byte-level BPE vocabularies can be
// stored as text. The 188 printable Latin-1 bytes ('!'..'~', U+00A1..U+00AC,
// U+00AE..U+00FF) map to themselves; the other 68 bytes map, in byte order,
// to U+0100.. U+0143 (so ' ' is U+0120 'Ġ' and '\n' is U+010A 'Ċ').
//
//   BytesToByteLevel("a b")           -> "aĠb"
//   ByteLevelToBytes("aĠb")           -> "a b"
//   ByteLevelToBytes("a b")           -> kInvalidArgument (' ' is not in the
//                                        alphabet)

#ifndef TOKENFORGE_TOKENIZERS_BYTE_LEVEL_ALPHABET_H_
#define TOKENFORGE_TOKENIZERS_BYTE_LEVEL_ALPHABET_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tokenforge {

// Returns the code point that stands for byte `b`.
char32_t ByteToUnicode(uint8_t b);

// Returns the byte that code point `cp` stands for, or nullopt when `cp` is
// not one of the 256 alphabet characters.
std::optional<uint8_t> UnicodeToByte(char32_t cp);

// Appends the byte-level form (UTF-8) of the raw bytes `bytes` to *out.
// Every input byte becomes one character of 1 or 2 UTF-8 bytes.
void AppendByteLevel(absl::string_view bytes, std::string* out);

// Returns the byte-level form (UTF-8) of the raw bytes `bytes`.
std::string BytesToByteLevel(absl::string_view bytes);

// Returns the raw bytes that the byte-level string `text` stands for: the
// inverse of BytesToByteLevel. Gives kInvalidArgument naming the first
// character (and its byte offset) that is not in the alphabet, or the first
// byte that is not UTF-8.
absl::StatusOr<std::string> ByteLevelToBytes(absl::string_view text);

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_BYTE_LEVEL_ALPHABET_H_
