// tokenizers/pre_tokenizers/split_pre_tokenizer.cc

#include "tokenizers/pre_tokenizers/split_pre_tokenizer.h"

#include "absl/strings/str_cat.h"
#include "common/utf8.h"
#include "re2/re2.h"
#include "tokenizers/normalized_string.h"

namespace tokenforge {

SplitPreTokenizer::SplitPreTokenizer(SplitOptions options)
    : options_(std::move(options)) {}

SplitPreTokenizer::~SplitPreTokenizer() = default;

absl::StatusOr<std::unique_ptr<SplitPreTokenizer>> SplitPreTokenizer::Create(
    SplitOptions options) {
  std::unique_ptr<SplitPreTokenizer> split(
      new SplitPreTokenizer(std::move(options)));
  if (!split->options_.is_regex) return split;
  split->known_ = RecognizeKnownPattern(split->options_.pattern);
  if (split->known_.has_value()) return split;
  RE2::Options re2_options;
  re2_options.set_log_errors(false);
  split->regex_ = std::make_unique<RE2>(split->options_.pattern, re2_options);
  if (!split->regex_->ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("Split: RE2 cannot compile the regex '",
                     split->options_.pattern, "': ", split->regex_->error()));
  }
  return split;
}

void SplitPreTokenizer::FindPieces(absl::string_view text, ByteSpan word,
                                   std::vector<SplitPiece>* pieces) const {
  if (!options_.is_regex) {
    SplitOnLiteral(text, word, options_.pattern, pieces);
    return;
  }
  const absl::string_view w = text.substr(word.begin, word.size());
  if (known_.has_value()) {
    // These patterns match every character: all pieces are matches.
    std::vector<ByteSpan> spans;
    SplitKnownPattern(*known_, w, &spans, word.begin);
    for (const ByteSpan& s : spans) pieces->push_back({s, true});
    return;
  }
  // find_iter semantics (Rust regex / onig): an empty match right after the
  // previous match is skipped, and after an empty match the search resumes
  // one character later.
  const re2::StringPiece input(w.data(), w.size());
  size_t pos = 0, gap_start = 0, last_end = std::string::npos;
  while (pos <= w.size()) {
    re2::StringPiece m;
    if (!regex_->Match(input, pos, w.size(), RE2::UNANCHORED, &m, 1)) break;
    const size_t start = m.data() - w.data(), end = start + m.size();
    if (start == end && end == last_end) {
      if (end >= w.size()) break;
      pos = end + DecodeUtf8(w, end).length;
      continue;
    }
    if (gap_start < start) {
      pieces->push_back(
          {{word.begin + uint32_t(gap_start), word.begin + uint32_t(start)},
           false});
    }
    pieces->push_back(
        {{word.begin + uint32_t(start), word.begin + uint32_t(end)}, true});
    gap_start = last_end = end;
    if (start != end) {
      pos = end;
    } else if (end >= w.size()) {
      break;
    } else {
      pos = end + DecodeUtf8(w, end).length;
    }
  }
  if (gap_start < w.size()) {
    pieces->push_back({{word.begin + uint32_t(gap_start), word.end}, false});
  }
}

absl::Status SplitPreTokenizer::PreTokenize(
    NormalizedString* text, std::vector<ByteSpan>* words) const {
  std::vector<ByteSpan> out;
  out.reserve(words->size());
  std::vector<SplitPiece> pieces;
  // Hot path of every tiktoken-style pipeline: a known pattern's matches
  // tile the word, so Isolated (or inverted Removed) keeps exactly them.
  const bool all_matches_kept =
      known_.has_value() &&
      ((!options_.invert && options_.behavior == SplitBehavior::kIsolated) ||
       (options_.invert && options_.behavior == SplitBehavior::kRemoved));
  for (const ByteSpan& w : *words) {
    if (w.empty()) continue;
    if (all_matches_kept) {
      SplitKnownPattern(*known_, text->Slice(w), &out, w.begin);
      continue;
    }
    pieces.clear();
    FindPieces(text->normalized(), w, &pieces);
    if (options_.invert) InvertPieces(&pieces);
    ApplySplitBehavior(options_.behavior, pieces, &out);
  }
  *words = std::move(out);
  return absl::OkStatus();
}

nlohmann::json SplitPreTokenizer::ToJson() const {
  return {
      {"type", "Split"},
      {"pattern", {{options_.is_regex ? "Regex" : "String", options_.pattern}}},
      {"behavior", SplitBehaviorName(options_.behavior)},
      {"invert", options_.invert}};
}

}  // namespace tokenforge
