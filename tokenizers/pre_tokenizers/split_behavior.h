// tokenizers/pre_tokenizers/split_behavior.h
//
// HF's SplitDelimiterBehavior and the machinery the splitting pre-tokenizers
// share: a word is cut into pieces that are matches of some pattern or the
// text between them, and the behavior decides what happens to the matches.
//
//   "a-b--c" split on '-' (each '-' its own match):
//     kRemoved            -> "a", "b", "c"
//     kIsolated           -> "a", "-", "b", "-", "-", "c"
//     kMergedWithPrevious -> "a-", "b-", "-", "c"
//     kMergedWithNext     -> "a", "-b", "-", "-c"
//     kContiguous         -> "a", "-", "b", "--", "c"
//
// Empty pieces are dropped, as HF drops empty splits.

#ifndef TOKENFORGE_TOKENIZERS_PRE_TOKENIZERS_SPLIT_BEHAVIOR_H_
#define TOKENFORGE_TOKENIZERS_PRE_TOKENIZERS_SPLIT_BEHAVIOR_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "common/utf8.h"
#include "tokenizers/pipeline.h"

namespace tokenforge {

enum class SplitBehavior {
  kRemoved,
  kIsolated,
  kMergedWithPrevious,
  kMergedWithNext,
  kContiguous,
};

// Returns the behavior for its tokenizer.json name ("Removed", "Isolated",
// "MergedWithPrevious", "MergedWithNext", "Contiguous"); kInvalidArgument
// otherwise. Case-insensitive, as the Node binding also accepts "isolated".
absl::StatusOr<SplitBehavior> ParseSplitBehavior(absl::string_view name);

// Returns the tokenizer.json name of `behavior`.
absl::string_view SplitBehaviorName(SplitBehavior behavior);

// A piece of a word: a match of the pattern or the text between matches.
struct SplitPiece {
  ByteSpan span;
  bool is_match = false;
};

// Appends the spans `behavior` makes of `pieces`, which tile one word in
// order, to *out, skipping empty spans.
void ApplySplitBehavior(SplitBehavior behavior,
                        absl::Span<const SplitPiece> pieces,
                        std::vector<ByteSpan>* out);

// Appends to *pieces the pieces of text[word] in which every character
// satisfying `is_match(code_point)` is a match of its own (HF's
// `impl Pattern for Fn(char) -> bool`). Bytes that are not UTF-8 are passed
// as kInvalidCodePoint.
template <typename Predicate>
void SplitOnCharacters(absl::string_view text, ByteSpan word,
                       Predicate is_match, std::vector<SplitPiece>* pieces);

// Appends to *pieces the pieces of text[word] around the non-overlapping
// occurrences of `literal`, left to right. An empty literal matches nothing.
void SplitOnLiteral(absl::string_view text, ByteSpan word,
                    absl::string_view literal, std::vector<SplitPiece>* pieces);

// Flips is_match of every piece (HF's Invert pattern, used by Split with
// invert=true and by Whitespace).
void InvertPieces(std::vector<SplitPiece>* pieces);

// Implementation details below.

template <typename Predicate>
void SplitOnCharacters(absl::string_view text, ByteSpan word,
                       Predicate is_match, std::vector<SplitPiece>* pieces) {
  uint32_t gap_start = word.begin;
  for (uint32_t pos = word.begin; pos < word.end;) {
    const DecodedChar c = DecodeUtf8(text.substr(0, word.end), pos);
    if (is_match(c.code_point)) {
      if (gap_start < pos) pieces->push_back({{gap_start, pos}, false});
      pieces->push_back({{pos, pos + c.length}, true});
      gap_start = pos + c.length;
    }
    pos += c.length;
  }
  if (gap_start < word.end) pieces->push_back({{gap_start, word.end}, false});
}

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_PRE_TOKENIZERS_SPLIT_BEHAVIOR_H_
