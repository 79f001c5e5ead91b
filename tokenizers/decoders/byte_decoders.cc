#include "tokenizers/decoders/byte_decoders.h"

#include <optional>

#include "tokenizers/byte_level_alphabet.h"

namespace tokenforge {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Returns the byte of a "<0xNN>" token. Follows HF, which parses the two
// characters with Rust's u8::from_str_radix: that also accepts "+N".
std::optional<uint8_t> ParseByteToken(const std::string& token) {
  if (token.size() != 6 || token.compare(0, 3, "<0x") != 0 || token[5] != '>') {
    return std::nullopt;
  }
  const int hi = HexValue(token[3]);
  const int lo = HexValue(token[4]);
  if (token[3] == '+' && lo >= 0) return static_cast<uint8_t>(lo);
  if (hi < 0 || lo < 0) return std::nullopt;
  return static_cast<uint8_t>(hi * 16 + lo);
}

}  // namespace

absl::Status ByteLevelDecoder::DecodeChain(
    std::vector<std::string>* tokens) const {
  std::string bytes;
  for (const std::string& token : *tokens) {
    absl::StatusOr<std::string> decoded = ByteLevelToBytes(token);
    bytes += decoded.ok() ? *decoded : token;
  }
  tokens->assign(1, std::move(bytes));
  return absl::OkStatus();
}

nlohmann::json ByteLevelDecoder::ToJson() const {
  return nlohmann::json{{"type", "ByteLevel"},
                        {"add_prefix_space", add_prefix_space_},
                        {"trim_offsets", trim_offsets_},
                        {"use_regex", use_regex_}};
}

absl::Status ByteFallbackDecoder::DecodeChain(
    std::vector<std::string>* tokens) const {
  std::vector<std::string> out;
  out.reserve(tokens->size());
  std::string bytes;  // The pending run of byte tokens.
  for (std::string& token : *tokens) {
    if (const std::optional<uint8_t> b = ParseByteToken(token)) {
      bytes.push_back(static_cast<char>(*b));
      continue;
    }
    if (!bytes.empty()) out.push_back(std::move(bytes));
    bytes.clear();
    out.push_back(std::move(token));
  }
  if (!bytes.empty()) out.push_back(std::move(bytes));
  *tokens = std::move(out);
  return absl::OkStatus();
}

nlohmann::json ByteFallbackDecoder::ToJson() const {
  return nlohmann::json{{"type", "ByteFallback"}};
}

}  // namespace tokenforge
