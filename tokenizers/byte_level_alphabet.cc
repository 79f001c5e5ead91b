#include "tokenizers/byte_level_alphabet.h"

#include <array>

#include "absl/strings/str_format.h"
#include "common/utf8.h"

namespace tokenforge {
namespace {

// The alphabet never goes past U+0143 (256 + 68 - 1).
constexpr char32_t kAlphabetEnd = 0x144;

constexpr bool IsPrintableLatin1(int b) {
  return (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) ||
         (b >= 0xAE && b <= 0xFF);
}

struct Tables {
  std::array<char32_t, 256> to_unicode{};
  std::array<int16_t, kAlphabetEnd> to_byte{};  // -1: not in the alphabet.
  // UTF-8 of to_unicode[b]: 1 or 2 bytes.
  std::array<std::array<char, 2>, 256> utf8{};
  std::array<uint8_t, 256> utf8_length{};
};

// Mirrors bytes_to_unicode(): printable bytes keep their value, the others
// are numbered from 256 in byte order.
constexpr Tables MakeTables() {
  Tables t;
  for (auto& v : t.to_byte) v = -1;
  char32_t next = 256;
  for (int b = 0; b < 256; ++b) {
    const char32_t cp = IsPrintableLatin1(b) ? static_cast<char32_t>(b) : next++;
    t.to_unicode[b] = cp;
    t.to_byte[cp] = static_cast<int16_t>(b);
    if (cp < 0x80) {
      t.utf8[b] = {static_cast<char>(cp), 0};
      t.utf8_length[b] = 1;
    } else {
      t.utf8[b] = {static_cast<char>(0xC0 | (cp >> 6)),
                   static_cast<char>(0x80 | (cp & 0x3F))};
      t.utf8_length[b] = 2;
    }
  }
  return t;
}

constexpr Tables kTables = MakeTables();

}  // namespace

char32_t ByteToUnicode(uint8_t b) { return kTables.to_unicode[b]; }

std::optional<uint8_t> UnicodeToByte(char32_t cp) {
  if (cp >= kAlphabetEnd || kTables.to_byte[cp] < 0) return std::nullopt;
  return static_cast<uint8_t>(kTables.to_byte[cp]);
}

void AppendByteLevel(absl::string_view bytes, std::string* out) {
  out->reserve(out->size() + 2 * bytes.size());
  for (const char c : bytes) {
    const auto b = static_cast<uint8_t>(c);
    out->append(kTables.utf8[b].data(), kTables.utf8_length[b]);
  }
}

std::string BytesToByteLevel(absl::string_view bytes) {
  std::string out;
  AppendByteLevel(bytes, &out);
  return out;
}

absl::StatusOr<std::string> ByteLevelToBytes(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    const DecodedChar c = DecodeUtf8(text, pos);
    if (c.code_point == kInvalidCodePoint) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "byte-level text has invalid UTF-8 byte 0x%02X at offset %d",
          static_cast<uint8_t>(text[pos]), pos));
    }
    const std::optional<uint8_t> b = UnicodeToByte(c.code_point);
    if (!b.has_value()) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "character U+%04X '%s' at offset %d is not in the byte-level "
          "alphabet",
          static_cast<uint32_t>(c.code_point), text.substr(pos, c.length),
          pos));
    }
    out.push_back(static_cast<char>(*b));
    pos += c.length;
  }
  return out;
}

}  // namespace tokenforge
