// tests/testing/backtracking_regex.h
//
// A small, slow, obviously-correct backtracking regex matcher: the reference
// the hand-written splitters of tokenizers/pre_tokenizers/known_patterns.h
// are tested against. It implements the semantics of fancy-regex / Oniguruma
// (leftmost-first alternation, greedy and possessive quantifiers, negative
// lookahead) for exactly the constructs the published patterns use:
//
//   a|b   (?:..)  (..)  (?i:..)  (?!..)  $  [..] [^..]  literals  \r \n \s \S
//   \p{L} \p{Lu} \p{N} \p{M} ...  ? * + {m,n}  and possessive ?+ *+ ++ {m,n}+
//
// Character properties come straight from ICU (u_charType and the
// White_Space property), not from tokenizers/unicode_props.h, so the
// reference also checks the fast tables. Case-insensitive literals compare
// ICU simple case folds (so "s" matches U+017F LONG S). A byte that is not
// UTF-8 is a character of its own that no \p{..}, \s or literal matches.
//
//   TF_ASSERT_OK_AND_ASSIGN(BacktrackingRegex re,
//                           BacktrackingRegex::Compile("\\s+(?!\\S)|\\s+"));
//   std::vector<ByteSpan> matches = re.FindAll("a  b");  // {1, 2}, {2, 3}
//
// Matching is exponential in the worst case and recursion depth grows with
// the input; keep inputs to a few thousand characters.

#ifndef TOKENFORGE_TESTS_TESTING_BACKTRACKING_REGEX_H_
#define TOKENFORGE_TESTS_TESTING_BACKTRACKING_REGEX_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "tokenizers/pipeline.h"

namespace tokenforge::testing {

class BacktrackingRegex {
 public:
  struct Node;

  // Parses `pattern`; kInvalidArgument for syntax outside the list above.
  static absl::StatusOr<BacktrackingRegex> Compile(absl::string_view pattern);

  BacktrackingRegex(BacktrackingRegex&&) noexcept;
  BacktrackingRegex& operator=(BacktrackingRegex&&) noexcept;
  ~BacktrackingRegex();

  // Returns the byte spans of all non-overlapping matches, scanning left to
  // right like find_iter (an empty match advances by one character).
  std::vector<ByteSpan> FindAll(absl::string_view text) const;

 private:
  explicit BacktrackingRegex(std::unique_ptr<Node> root);
  std::unique_ptr<Node> root_;
};

}  // namespace tokenforge::testing

#endif  // TOKENFORGE_TESTS_TESTING_BACKTRACKING_REGEX_H_
