#include "tokenizers/normalizers/prepend_normalizer.h"

#include "common/utf8.h"
#include "tokenizers/byte_level_alphabet.h"

namespace tokenforge {

absl::Status PrependNormalizer::Normalize(NormalizedString* text) const {
  const absl::string_view s = text->normalized();
  if (s.empty() || prepend_.empty()) return absl::OkStatus();
  NormalizedBuilder out(*text);
  out.Append(prepend_, {0, DecodeUtf8(s, 0).length});
  out.Copy({0, static_cast<uint32_t>(s.size())});
  text->Transform(std::move(out));
  return absl::OkStatus();
}

nlohmann::json PrependNormalizer::ToJson() const {
  return nlohmann::json{{"type", "Prepend"}, {"prepend", prepend_}};
}

absl::Status ByteLevelNormalizer::Normalize(NormalizedString* text) const {
  const absl::string_view s = text->normalized();
  bool all_same = true;  // Only '!'..'~' and printable Latin-1 bytes map
                         // to themselves, and those above 0x7F change size.
  for (const char c : s) {
    const auto b = static_cast<uint8_t>(c);
    if (b >= 0x80 || ByteToUnicode(b) != b) {
      all_same = false;
      break;
    }
  }
  if (all_same) return absl::OkStatus();
  NormalizedBuilder out(*text);
  std::string piece;
  for (uint32_t i = 0; i < s.size(); ++i) {
    piece.clear();
    AppendByteLevel(s.substr(i, 1), &piece);
    out.Append(piece, {i, i + 1});
  }
  text->Transform(std::move(out));
  return absl::OkStatus();
}

nlohmann::json ByteLevelNormalizer::ToJson() const {
  return nlohmann::json{{"type", "ByteLevel"}};
}

}  // namespace tokenforge
