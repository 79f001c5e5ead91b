// tokenizers/pre_tokenizers/char_pre_tokenizers.cc

#include "tokenizers/pre_tokenizers/char_pre_tokenizers.h"

#include "common/utf8.h"
#include "tokenizers/unicode_props.h"

namespace tokenforge {
namespace {

// Splits every word on the characters satisfying `is_match`.
template <typename Predicate>
void SplitWords(const NormalizedString& text, Predicate is_match,
                SplitBehavior behavior, std::vector<ByteSpan>* words) {
  std::vector<ByteSpan> out;
  out.reserve(words->size());
  std::vector<SplitPiece> pieces;
  for (const ByteSpan& w : *words) {
    pieces.clear();
    SplitOnCharacters(text.normalized(), w, is_match, &pieces);
    ApplySplitBehavior(behavior, pieces, &out);
  }
  *words = std::move(out);
}

// The classes of "\w+|[^\w\s]+": word characters, spaces, and the rest.
enum class WordClass { kWord, kSpace, kOther };

WordClass ClassOf(char32_t cp) {
  if (IsWordChar(cp)) return WordClass::kWord;
  if (IsWhiteSpace(cp)) return WordClass::kSpace;
  return WordClass::kOther;
}

}  // namespace

// "\w+|[^\w\s]+" matches maximal runs of word characters and maximal runs
// of other non-space characters; with invert + Removed the runs are the
// pieces and the spaces go.
absl::Status WhitespacePreTokenizer::PreTokenize(
    NormalizedString* text, std::vector<ByteSpan>* words) const {
  const absl::string_view s = text->normalized();
  std::vector<ByteSpan> out;
  out.reserve(words->size());
  for (const ByteSpan& w : *words) {
    const absl::string_view word = s.substr(0, w.end);
    uint32_t start = w.begin;
    WordClass run = WordClass::kSpace;
    for (uint32_t pos = w.begin; pos < w.end;) {
      const DecodedChar c = DecodeUtf8(word, pos);
      const WordClass cls = ClassOf(c.code_point);
      if (cls != run) {
        if (run != WordClass::kSpace) out.push_back({start, pos});
        start = pos;
        run = cls;
      }
      pos += c.length;
    }
    if (run != WordClass::kSpace && start < w.end) {
      out.push_back({start, w.end});
    }
  }
  *words = std::move(out);
  return absl::OkStatus();
}

nlohmann::json WhitespacePreTokenizer::ToJson() const {
  return {{"type", "Whitespace"}};
}

absl::Status WhitespaceSplitPreTokenizer::PreTokenize(
    NormalizedString* text, std::vector<ByteSpan>* words) const {
  SplitWords(*text, IsWhiteSpace, SplitBehavior::kRemoved, words);
  return absl::OkStatus();
}

nlohmann::json WhitespaceSplitPreTokenizer::ToJson() const {
  return {{"type", "WhitespaceSplit"}};
}

absl::Status PunctuationPreTokenizer::PreTokenize(
    NormalizedString* text, std::vector<ByteSpan>* words) const {
  SplitWords(*text, IsBertPunctuation, behavior_, words);
  return absl::OkStatus();
}

nlohmann::json PunctuationPreTokenizer::ToJson() const {
  return {{"type", "Punctuation"}, {"behavior", SplitBehaviorName(behavior_)}};
}

absl::Status DigitsPreTokenizer::PreTokenize(
    NormalizedString* text, std::vector<ByteSpan>* words) const {
  SplitWords(*text, IsNumber,
             individual_digits_ ? SplitBehavior::kIsolated
                                : SplitBehavior::kContiguous,
             words);
  return absl::OkStatus();
}

nlohmann::json DigitsPreTokenizer::ToJson() const {
  return {{"type", "Digits"}, {"individual_digits", individual_digits_}};
}

absl::Status BertPreTokenizer::PreTokenize(NormalizedString* text,
                                           std::vector<ByteSpan>* words) const {
  SplitWords(*text, IsWhiteSpace, SplitBehavior::kRemoved, words);
  SplitWords(*text, IsBertPunctuation, SplitBehavior::kIsolated, words);
  return absl::OkStatus();
}

nlohmann::json BertPreTokenizer::ToJson() const {
  return {{"type", "BertPreTokenizer"}};
}

}  // namespace tokenforge
