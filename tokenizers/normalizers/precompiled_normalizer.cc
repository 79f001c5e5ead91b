#include "tokenizers/normalizers/precompiled_normalizer.h"

#include <algorithm>
#include <cstring>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "nlohmann/json.hpp"
#include "tokenizers/normalized_string.h"

namespace tokenforge {
namespace {

constexpr absl::string_view kSpaceSymbol = "\xe2\x96\x81";  // U+2581
constexpr absl::string_view kReplacementChar = "\xef\xbf\xbd";  // U+FFFD

bool IsTrail(uint8_t b) { return (b & 0xC0) == 0x80; }
bool IsValidCodePoint(uint32_t c) {
  return c < 0xD800 || (c >= 0xE000 && c <= 0x10FFFF);
}

// SentencePiece's DecodeUTF8 validity rule (util.cc): returns the length of
// the character at the start of `s`, or 0 if it is not valid UTF-8.
uint32_t ValidCharLength(absl::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const size_t n = s.size();
  if (p[0] < 0x80) return 1;
  if (n >= 2 && (p[0] & 0xE0) == 0xC0) {
    const uint32_t cp = ((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu);
    return IsTrail(p[1]) && cp >= 0x80 && IsValidCodePoint(cp) ? 2 : 0;
  }
  if (n >= 3 && (p[0] & 0xF0) == 0xE0) {
    const uint32_t cp =
        ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
    return IsTrail(p[1]) && IsTrail(p[2]) && cp >= 0x800 && IsValidCodePoint(cp)
               ? 3
               : 0;
  }
  if (n >= 4 && (p[0] & 0xF8) == 0xF0) {
    const uint32_t cp = ((p[0] & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) |
                        ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
    return IsTrail(p[1]) && IsTrail(p[2]) && IsTrail(p[3]) && cp >= 0x10000 &&
                   IsValidCodePoint(cp)
               ? 4
               : 0;
  }
  return 0;
}

// Darts-clone unit accessors (darts.h, DoubleArrayUnit).
bool HasLeaf(uint32_t unit) { return ((unit >> 8) & 1) == 1; }
uint32_t UnitValue(uint32_t unit) { return unit & ((1U << 31) - 1); }
uint32_t UnitLabel(uint32_t unit) { return unit & ((1U << 31) | 0xFF); }
uint32_t UnitOffset(uint32_t unit) {
  return (unit >> 10) << ((unit & (1U << 9)) >> 6);
}

// Collects output only (id-only encoding).
class StringSink {
 public:
  explicit StringSink(std::string* out) : out_(out) {}
  void Emit(absl::string_view piece, uint32_t, uint32_t) { out_->append(piece.data(), piece.size()); }
  void Insert(absl::string_view piece, uint32_t) { out_->append(piece.data(), piece.size()); }
  void CopyRun(absl::string_view input, uint32_t begin, uint32_t end) {
    out_->append(input.data() + begin, end - begin);
  }
  bool EndsWith(absl::string_view s) const { return absl::EndsWith(*out_, s); }
  void Chop(size_t n) { out_->erase(out_->end() - static_cast<ptrdiff_t>(n), out_->end()); }

 private:
  std::string* out_;
};

// Collects output with, per output byte, the source span it came from.
class AlignedSink {
 public:
  void Emit(absl::string_view piece, uint32_t begin, uint32_t end) {
    out_.append(piece.data(), piece.size());
    spans_.insert(spans_.end(), piece.size(), ByteSpan{begin, end});
  }
  void Insert(absl::string_view piece, uint32_t at) { Emit(piece, at, at); }
  void CopyRun(absl::string_view input, uint32_t begin, uint32_t end) {
    out_.append(input.data() + begin, end - begin);
    for (uint32_t i = begin; i < end; ++i) spans_.push_back({i, i + 1});
  }
  bool EndsWith(absl::string_view s) const { return absl::EndsWith(out_, s); }
  void Chop(size_t n) {
    out_.erase(out_.end() - static_cast<ptrdiff_t>(n), out_.end());
    spans_.resize(spans_.size() - n);
  }
  // Replays the output into `builder`, one Append per run of equal spans.
  void Flush(NormalizedBuilder* builder) const {
    for (size_t i = 0; i < out_.size();) {
      size_t j = i + 1;
      while (j < out_.size() && spans_[j] == spans_[i]) ++j;
      builder->Append(absl::string_view(out_).substr(i, j - i), spans_[i]);
      i = j;
    }
  }

 private:
  std::string out_;
  std::vector<ByteSpan> spans_;
};

}  // namespace

absl::Status PrecompiledNormalizerOptions::Validate() const {
  for (const std::string& s : user_defined_symbols) {
    if (s.empty()) {
      return absl::InvalidArgumentError("user-defined symbol is empty");
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<PrecompiledNormalizer>>
PrecompiledNormalizer::Create(PrecompiledNormalizerOptions options) {
  TF_RETURN_IF_ERROR(options.Validate());
  std::unique_ptr<PrecompiledNormalizer> normalizer(
      new PrecompiledNormalizer(std::move(options)));
  TF_RETURN_IF_ERROR(normalizer->Init());
  return normalizer;
}

absl::Status PrecompiledNormalizer::Init() {
  // Blob layout (SentencePiece normalizer.cc DecodePrecompiledCharsMap):
  // uint32 little-endian trie size in bytes, the darts-clone units, then the
  // replacement pool.
  const std::string& blob = options_.precompiled_charsmap;
  if (!blob.empty()) {
    if (blob.size() < 4) {
      return absl::DataLossError("precompiled_charsmap: shorter than 4 bytes");
    }
    uint32_t trie_size = 0;
    for (int i = 0; i < 4; ++i) {
      trie_size |= static_cast<uint32_t>(static_cast<uint8_t>(blob[i])) << (8 * i);
    }
    if (trie_size > blob.size() - 4 || trie_size % 4 != 0 || trie_size == 0) {
      return absl::DataLossError(absl::StrCat(
          "precompiled_charsmap: trie size ", trie_size, " does not fit in ",
          blob.size(), " bytes"));
    }
    unit_storage_.resize(trie_size / 4);
    for (size_t u = 0; u < unit_storage_.size(); ++u) {
      uint32_t v = 0;
      for (int i = 0; i < 4; ++i) {
        v |= static_cast<uint32_t>(static_cast<uint8_t>(blob[4 + 4 * u + i]))
             << (8 * i);
      }
      unit_storage_[u] = v;
    }
    units_ = unit_storage_.data();
    num_units_ = static_cast<uint32_t>(unit_storage_.size());
    pool_ = absl::string_view(blob).substr(4 + trie_size);
  }
  if (!options_.user_defined_symbols.empty()) {
    std::vector<std::pair<std::string, int32_t>> keys;
    for (const std::string& s : options_.user_defined_symbols) {
      keys.push_back({s, static_cast<int32_t>(s.size())});
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    TF_ASSIGN_OR_RETURN(user_symbols_, DoubleArrayTrie::Build(std::move(keys)));
    has_user_symbols_ = true;
  }
  for (int b = 0; b < 0x80; ++b) {
    const char c = static_cast<char>(b);
    bool starts_rule = LongestRule(absl::string_view(&c, 1)).second > 0;
    if (!starts_rule && units_ != nullptr) {
      // A rule may begin with this byte and continue: check the edge only.
      const uint32_t pos = UnitOffset(units_[0]) ^ static_cast<uint32_t>(b);
      starts_rule = pos < num_units_ && UnitLabel(units_[pos]) == static_cast<uint32_t>(b);
    }
    uint32_t node = DoubleArrayTrie::kRoot;
    const bool starts_symbol =
        has_user_symbols_ && user_symbols_.Step(&node, static_cast<uint8_t>(b));
    passthrough_[b] = b != ' ' && !starts_rule && !starts_symbol;
  }
  return absl::OkStatus();
}

std::pair<uint32_t, uint32_t> PrecompiledNormalizer::LongestRule(
    absl::string_view input) const {
  std::pair<uint32_t, uint32_t> best = {0, 0};
  if (units_ == nullptr) return best;
  uint32_t pos = UnitOffset(units_[0]);
  for (size_t i = 0; i < input.size(); ++i) {
    const uint32_t c = static_cast<uint8_t>(input[i]);
    pos ^= c;
    if (pos >= num_units_) return best;
    const uint32_t unit = units_[pos];
    if (UnitLabel(unit) != c) return best;
    pos ^= UnitOffset(unit);
    if (HasLeaf(unit)) {
      if (pos >= num_units_) return best;
      best = {UnitValue(units_[pos]), static_cast<uint32_t>(i + 1)};
    }
  }
  return best;
}

std::pair<absl::string_view, uint32_t> PrecompiledNormalizer::NormalizePrefix(
    absl::string_view input) const {
  if (has_user_symbols_) {
    uint32_t node = DoubleArrayTrie::kRoot;
    uint32_t longest = 0;
    for (size_t i = 0; i < input.size(); ++i) {
      if (!user_symbols_.Step(&node, static_cast<uint8_t>(input[i]))) break;
      if (user_symbols_.Value(node) != DoubleArrayTrie::kNoValue) longest = i + 1;
    }
    if (longest > 0) return {input.substr(0, longest), longest};
  }
  const auto [value, length] = LongestRule(input);
  if (length > 0 && value < pool_.size()) {
    absl::string_view replacement = pool_.substr(value);
    const size_t nul = replacement.find('\0');
    if (nul != absl::string_view::npos) replacement = replacement.substr(0, nul);
    return {replacement, length};
  }
  const uint32_t char_length = ValidCharLength(input);
  if (char_length == 0) return {kReplacementChar, 1};
  return {input.substr(0, char_length), char_length};
}

// SentencePiece normalizer.cc Normalizer::Normalize, step for step; the
// comments there apply. `sink` receives the output pieces with the input
// span each came from.
template <typename Sink>
void PrecompiledNormalizer::Run(absl::string_view input, Sink* sink) const {
  const auto n = static_cast<uint32_t>(input.size());
  uint32_t pos = 0;
  if (options_.remove_extra_whitespaces) {
    while (pos < n) {
      const auto p = NormalizePrefix(input.substr(pos));
      if (p.first != " ") break;
      pos += p.second;
    }
  }
  if (pos == n) return;
  const absl::string_view space =
      options_.escape_whitespaces ? kSpaceSymbol : absl::string_view(" ");
  if (!options_.treat_whitespace_as_suffix && options_.add_dummy_prefix) {
    sink->Insert(space, pos);
  }
  bool is_prev_space = options_.remove_extra_whitespaces;
  while (pos < n) {
    if (passthrough_[static_cast<uint8_t>(input[pos])]) {
      uint32_t end = pos + 1;
      while (end < n && passthrough_[static_cast<uint8_t>(input[end])]) ++end;
      sink->CopyRun(input, pos, end);
      is_prev_space = false;
      pos = end;
      continue;
    }
    const auto p = NormalizePrefix(input.substr(pos));
    absl::string_view sp = p.first;
    if (is_prev_space) {
      while (!sp.empty() && sp[0] == ' ') sp.remove_prefix(1);
    }
    if (!sp.empty()) {
      for (size_t i = 0; i < sp.size();) {
        if (sp[i] == ' ') {
          sink->Emit(space, pos, pos + p.second);
          ++i;
          continue;
        }
        size_t j = i + 1;
        while (j < sp.size() && sp[j] != ' ') ++j;
        sink->Emit(sp.substr(i, j - i), pos, pos + p.second);
        i = j;
      }
      is_prev_space = sp.back() == ' ';
    }
    pos += p.second;
    if (!options_.remove_extra_whitespaces) is_prev_space = false;
  }
  if (options_.remove_extra_whitespaces) {
    while (sink->EndsWith(space)) sink->Chop(space.size());
  }
  if (options_.treat_whitespace_as_suffix && options_.add_dummy_prefix) {
    sink->Insert(space, n);
  }
}

void PrecompiledNormalizer::NormalizeToString(absl::string_view input,
                                              std::string* out) const {
  StringSink sink(out);
  Run(input, &sink);
}

absl::Status PrecompiledNormalizer::Normalize(NormalizedString* text) const {
  AlignedSink sink;
  Run(text->normalized(), &sink);
  NormalizedBuilder builder(*text);
  sink.Flush(&builder);
  text->Transform(std::move(builder));
  return absl::OkStatus();
}

nlohmann::json PrecompiledNormalizer::ToJson() const {
  nlohmann::json json = {
      {"type", "Precompiled"},
      {"precompiled_charsmap", absl::Base64Escape(options_.precompiled_charsmap)}};
  const PrecompiledNormalizerOptions& o = options_;
  if (o.add_dummy_prefix || o.remove_extra_whitespaces || o.escape_whitespaces ||
      o.treat_whitespace_as_suffix || !o.user_defined_symbols.empty()) {
    // Our extension: SentencePiece's whitespace rules, which HF expresses
    // only approximately (Replace + Metaspace). HF ignores unknown fields.
    json["sentencepiece"] = {
        {"add_dummy_prefix", o.add_dummy_prefix},
        {"remove_extra_whitespaces", o.remove_extra_whitespaces},
        {"escape_whitespaces", o.escape_whitespaces},
        {"treat_whitespace_as_suffix", o.treat_whitespace_as_suffix},
        {"user_defined_symbols", o.user_defined_symbols}};
  }
  return json;
}

}  // namespace tokenforge
