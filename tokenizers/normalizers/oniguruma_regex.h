// tokenizers/normalizers/oniguruma_regex.h
//
// HF tokenizers runs {"Regex": ...} patterns on Oniguruma, where \s, \d and
// \w are Unicode classes; RE2's are ASCII-only. TranslateOnigurumaToRe2
// rewrites them so that RE2 matches what HF matches. Checked against HF
// 0.23.2 on every code point: \s agrees exactly; \d and \w differ only on
// characters newer than ICU 72 (HF's Oniguruma has Unicode 16 data):
//
//   \s  White_Space: [\t\n\v\f\r \x{85}\x{A0}\x{1680}\x{2000}-\x{200A}
//                    \x{2028}\x{2029}\x{202F}\x{205F}\x{3000}]
//   \d  \p{Nd}
//   \w  [\p{L}\p{Nl}\p{M}\p{Nd}\p{Pc}] plus ² ³ ¹ ¼ ½ ¾ and the
//       circled/squared Latin letters (Alphabetic symbols: U+24B6..)
//   \S \D \W  their complements (outside character classes only)
//
// Everything else is passed through for RE2 to accept or reject (lookaround
// and backreferences are rejected there). \b and \B stay ASCII-based in RE2.
//
//   TranslateOnigurumaToRe2("[\\s,]+") -> "[\\t\\n...\\x{3000},]+"

#ifndef TOKENFORGE_TOKENIZERS_NORMALIZERS_ONIGURUMA_REGEX_H_
#define TOKENFORGE_TOKENIZERS_NORMALIZERS_ONIGURUMA_REGEX_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tokenforge {

// Returns `pattern` with Oniguruma's Unicode \s \d \w (\S \D \W) spelled out
// for RE2. kInvalidArgument for \S, \D or \W inside a character class, which
// RE2 cannot express.
absl::StatusOr<std::string> TranslateOnigurumaToRe2(absl::string_view pattern);

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_NORMALIZERS_ONIGURUMA_REGEX_H_
