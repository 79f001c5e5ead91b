// tokenizers/normalizers/replace_normalizer.h
//
// HF "Replace": every match of a pattern becomes `content`. The pattern is
// either a literal ({"String": "''"}) or a regular expression
// ({"Regex": "\\s+"}) run by RE2 after oniguruma_regex.h has made \s \d \w
// Unicode-aware as in HF's Oniguruma; lookaround and backreferences are
// rejected with kInvalidArgument. With a Regex pattern,
// `content` may refer to groups as HF (Rust regex) does: "$1", "${1}",
// "$name", and "$$" for a literal '$'.
//
//   Replace(String "''", "\"") : "a ''b''" -> "a \"b\""
//   Replace(Regex "\\s+", " ")  : "a  \t b"  -> "a b"
//
// The replacement of a match is aligned to the matched bytes. ReplacePattern
// is shared with the Replace decoder.

#ifndef TOKENFORGE_TOKENIZERS_NORMALIZERS_REPLACE_NORMALIZER_H_
#define TOKENFORGE_TOKENIZERS_NORMALIZERS_REPLACE_NORMALIZER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/utf8.h"
#include "nlohmann/json.hpp"
#include "tokenizers/normalized_string.h"
#include "tokenizers/pipeline.h"

namespace re2 {
class RE2;
}

namespace tokenforge {

// A compiled Replace pattern plus its content. Immutable, thread-safe.
class ReplacePattern {
 public:
  // `is_regex` selects {"Regex": pattern} over {"String": pattern}.
  // kInvalidArgument with RE2's message when the regex does not compile,
  // or when a String pattern is empty.
  static absl::StatusOr<ReplacePattern> Create(absl::string_view pattern,
                                               bool is_regex,
                                               absl::string_view content);

  ReplacePattern(ReplacePattern&&) noexcept;
  ReplacePattern& operator=(ReplacePattern&&) noexcept;
  ~ReplacePattern();

  // Calls emit(span, replacement) for every match of `text`, left to right,
  // non-overlapping; `span` is the matched byte range.
  template <typename Fn>
  void ForEachMatch(absl::string_view text, Fn&& emit) const;

  // Returns `text` with every match replaced.
  std::string ReplaceAll(absl::string_view text) const;

  // Returns {"String": p} or {"Regex": p}.
  nlohmann::json PatternJson() const;
  const std::string& content() const { return content_; }

 private:
  ReplacePattern() = default;
  // Finds the next match at or after `pos`; false when none.
  bool NextMatch(absl::string_view text, size_t pos, ByteSpan* match,
                 std::string* replacement) const;

  std::string pattern_;
  bool is_regex_ = false;
  std::string content_;
  std::unique_ptr<re2::RE2> regex_;  // Null for String patterns.
  bool content_has_groups_ = false;
};

template <typename Fn>
void ReplacePattern::ForEachMatch(absl::string_view text, Fn&& emit) const {
  // HF's pattern matching reports no match at all in an empty text, not
  // even an empty one.
  if (text.empty()) return;
  ByteSpan match;
  std::string replacement;
  size_t pos = 0;
  size_t last_end = static_cast<size_t>(-1);
  while (pos <= text.size() && NextMatch(text, pos, &match, &replacement)) {
    // As in HF (Rust regex / Oniguruma find_iter), an empty match right
    // where the previous match ended is skipped: "x*" on "abxc" replaces
    // before a, before b, "x" and at the end, but not between x and c.
    if (match.empty() && match.begin == last_end) {
      pos = match.end;
      pos += pos < text.size() ? DecodeUtf8(text, pos).length : 1;
      continue;
    }
    last_end = match.end;
    emit(match, replacement);
    // After an empty match, step over one character so the loop ends and
    // never lands inside a UTF-8 sequence.
    pos = match.end;
    if (match.empty()) {
      pos += pos < text.size() ? DecodeUtf8(text, pos).length : 1;
    }
  }
}

class ReplaceNormalizer : public Normalizer {
 public:
  explicit ReplaceNormalizer(ReplacePattern pattern)
      : pattern_(std::move(pattern)) {}

  absl::Status Normalize(NormalizedString* text) const override;
  // {"type": "Replace", "pattern": {"String": "a"}, "content": "b"}
  nlohmann::json ToJson() const override;

 private:
  ReplacePattern pattern_;
};

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_NORMALIZERS_REPLACE_NORMALIZER_H_
