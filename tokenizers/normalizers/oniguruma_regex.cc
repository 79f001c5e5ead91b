#include "tokenizers/normalizers/oniguruma_regex.h"

#include "absl/strings/str_cat.h"

namespace tokenforge {
namespace {

// Class items (without brackets), usable inside or outside a class.
constexpr char kSpaceItems[] =
    "\\t\\n\\v\\f\\r \\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}"
    "\\x{2029}\\x{202F}\\x{205F}\\x{3000}";
constexpr char kDigitItems[] = "\\p{Nd}";
// Oniguruma's Unicode \w, measured on every code point against HF 0.23.2:
// Alphabetic | Mark | Decimal_Number | Connector_Punctuation, plus the
// Latin-1 digits and fractions ² ³ ¹ ¼ ½ ¾ (from its Latin-1 ctype table).
// RE2 has no Alphabetic property; beyond L and Nl it holds only the circled
// and squared Latin letters (So), listed here (ICU 72).
constexpr char kWordItems[] =
    "\\p{L}\\p{Nl}\\p{M}\\p{Nd}\\p{Pc}\\x{B2}\\x{B3}\\x{B9}\\x{BC}-\\x{BE}"
    "\\x{24B6}-\\x{24E9}\\x{1F130}-\\x{1F149}\\x{1F150}-\\x{1F169}"
    "\\x{1F170}-\\x{1F189}";

// Returns the class items of \s, \d or \w, or nullptr for other letters.
const char* ItemsFor(char lower) {
  switch (lower) {
    case 's':
      return kSpaceItems;
    case 'd':
      return kDigitItems;
    case 'w':
      return kWordItems;
    default:
      return nullptr;
  }
}

// Copies a character class opening at pattern[*i] == '[' up to its first
// item: "[", "[^", and a leading ']' which is literal there.
void CopyClassOpening(absl::string_view pattern, size_t* i, std::string* out) {
  out->push_back('[');
  ++*i;
  if (*i < pattern.size() && pattern[*i] == '^') out->push_back(pattern[(*i)++]);
  if (*i < pattern.size() && pattern[*i] == ']') out->push_back(pattern[(*i)++]);
}

}  // namespace

absl::StatusOr<std::string> TranslateOnigurumaToRe2(absl::string_view pattern) {
  std::string out;
  out.reserve(pattern.size());
  bool in_class = false;
  size_t i = 0;
  while (i < pattern.size()) {
    const char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      const char e = pattern[i + 1];
      const bool negated = e == 'S' || e == 'D' || e == 'W';
      const char* items = ItemsFor(negated ? static_cast<char>(e + ('a' - 'A')) : e);
      if (items == nullptr) {
        out.append(pattern.data() + i, 2);  // Any other escape, unchanged.
      } else if (in_class && negated) {
        return absl::InvalidArgumentError(absl::StrCat(
            "regex '", pattern, "': \\", std::string(1, e),
            " inside a character class is not supported"));
      } else if (in_class) {
        out += items;
      } else {
        absl::StrAppend(&out, negated ? "[^" : "[", items, "]");
      }
      i += 2;
    } else if (c == '[' && !in_class) {
      in_class = true;
      CopyClassOpening(pattern, &i, &out);
    } else if (c == '[' && in_class && i + 1 < pattern.size() && pattern[i + 1] == ':') {
      const size_t close = pattern.find(":]", i + 2);  // POSIX [:alpha:].
      const size_t end = close == absl::string_view::npos ? i + 1 : close + 2;
      out.append(pattern.data() + i, end - i);
      i = end;
    } else {
      if (c == ']' && in_class) in_class = false;
      out.push_back(c);
      ++i;
    }
  }
  return out;
}

}  // namespace tokenforge
