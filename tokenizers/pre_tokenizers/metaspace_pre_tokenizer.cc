// tokenizers/pre_tokenizers/metaspace_pre_tokenizer.cc
//
// Follows HF pre_tokenizers/metaspace.rs: per word, replace ' ', then
// prepend (checking the replaced text, and for kFirst the word's original
// offset), then split with MergedWithNext on the replacement.

#include "tokenizers/pre_tokenizers/metaspace_pre_tokenizer.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/utf8.h"
#include "tokenizers/pre_tokenizers/byte_level_pre_tokenizer.h"
#include "tokenizers/pre_tokenizers/split_behavior.h"

namespace tokenforge {

absl::Status MetaspaceOptions::Validate() const {
  if (replacement.empty() ||
      DecodeUtf8(replacement, 0).length != replacement.size() ||
      !IsValidUtf8(replacement)) {
    return absl::InvalidArgumentError(
        absl::StrCat("Metaspace: replacement must be one character, got '",
                     replacement, "'"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<MetaspacePreTokenizer>>
MetaspacePreTokenizer::Create(MetaspaceOptions options) {
  if (absl::Status s = options.Validate(); !s.ok()) return s;
  return std::unique_ptr<MetaspacePreTokenizer>(
      new MetaspacePreTokenizer(std::move(options)));
}

// Rewrites every ' ' inside a word into the replacement; words are updated
// to the new coordinates.
void MetaspacePreTokenizer::ReplaceSpaces(NormalizedString* text,
                                          std::vector<ByteSpan>* words) const {
  const std::string& s = text->normalized();
  bool any = false;
  for (const ByteSpan& w : *words) {
    any |= text->Slice(w).find(' ') != absl::string_view::npos;
  }
  if (!any) return;
  NormalizedBuilder out(*text);
  uint32_t copied = 0;
  for (ByteSpan& w : *words) {
    if (copied < w.begin) out.Copy({copied, w.begin});
    const uint32_t new_begin = static_cast<uint32_t>(out.text().size());
    uint32_t run = w.begin;
    for (uint32_t i = w.begin; i < w.end; ++i) {
      if (s[i] != ' ') continue;
      if (run < i) out.Copy({run, i});
      out.Append(options_.replacement, {i, i + 1});
      run = i + 1;
    }
    if (run < w.end) out.Copy({run, w.end});
    copied = w.end;
    w = {new_begin, static_cast<uint32_t>(out.text().size())};
  }
  if (copied < s.size()) out.Copy({copied, static_cast<uint32_t>(s.size())});
  text->Transform(std::move(out));
}

absl::Status MetaspacePreTokenizer::PreTokenize(
    NormalizedString* text, std::vector<ByteSpan>* words) const {
  std::erase_if(*words, [](const ByteSpan& w) { return w.empty(); });
  ReplaceSpaces(text, words);
  if (options_.prepend_scheme != PrependScheme::kNever) {
    PrefixWords(
        options_.replacement,
        [&](ByteSpan w) {
          if (absl::StartsWith(text->Slice(w), options_.replacement)) {
            return false;
          }
          return options_.prepend_scheme == PrependScheme::kAlways ||
                 text->ToOriginal(w).begin == 0;
        },
        text, words);
  }
  if (!options_.split) return absl::OkStatus();
  std::vector<ByteSpan> out;
  std::vector<SplitPiece> pieces;
  for (const ByteSpan& w : *words) {
    pieces.clear();
    SplitOnLiteral(text->normalized(), w, options_.replacement, &pieces);
    ApplySplitBehavior(SplitBehavior::kMergedWithNext, pieces, &out);
  }
  *words = std::move(out);
  return absl::OkStatus();
}

nlohmann::json MetaspacePreTokenizer::ToJson() const {
  return {{"type", "Metaspace"},
          {"replacement", options_.replacement},
          {"prepend_scheme", PrependSchemeName(options_.prepend_scheme)},
          {"split", options_.split}};
}

absl::StatusOr<PrependScheme> ParsePrependScheme(absl::string_view name) {
  if (name == "always") return PrependScheme::kAlways;
  if (name == "first") return PrependScheme::kFirst;
  if (name == "never") return PrependScheme::kNever;
  return absl::InvalidArgumentError(absl::StrCat(
      "Metaspace: prepend_scheme must be always, first or never, got '", name,
      "'"));
}

absl::string_view PrependSchemeName(PrependScheme scheme) {
  switch (scheme) {
    case PrependScheme::kAlways:
      return "always";
    case PrependScheme::kFirst:
      return "first";
    case PrependScheme::kNever:
      return "never";
  }
  return "always";
}

}  // namespace tokenforge
