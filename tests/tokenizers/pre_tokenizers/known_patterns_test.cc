// Tests of the hand-written known-pattern splitters: hand-checked examples,
// then differential tests against the backtracking reference matcher on
// thousands of random strings from an adversarial alphabet, for every
// published spelling of every pattern.

#include "tokenizers/pre_tokenizers/known_patterns.h"

#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/file.h"
#include "common/random.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/backtracking_regex.h"
#include "tests/testing/status_matchers.h"

namespace tokenforge {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::tokenforge::testing::BacktrackingRegex;

std::vector<std::string> Pieces(KnownPattern pattern, absl::string_view text) {
  std::vector<ByteSpan> spans;
  SplitKnownPattern(pattern, text, &spans);
  std::vector<std::string> out;
  for (const ByteSpan& s : spans) {
    out.emplace_back(text.substr(s.begin, s.size()));
  }
  return out;
}

TEST(KnownPatternsTest, Gpt2Examples) {
  EXPECT_THAT(Pieces(KnownPattern::kGpt2, "Hello world"),
              ElementsAre("Hello", " world"));
  EXPECT_THAT(Pieces(KnownPattern::kGpt2, "I'm  here's 123 !!"),
              ElementsAre("I", "'m", " ", " here", "'s", " 123", " !!"));
  // Case-sensitive contractions; a space run gives its last space to the
  // next word; a lone tab before a word stays alone.
  EXPECT_THAT(Pieces(KnownPattern::kGpt2, "DON'T   go\tx  "),
              ElementsAre("DON", "'", "T", "  ", " go", "\t", "x", "  "));
  EXPECT_THAT(Pieces(KnownPattern::kGpt2, ""), ElementsAre());
}

TEST(KnownPatternsTest, Cl100kExamples) {
  EXPECT_THAT(Pieces(KnownPattern::kCl100k, "Hello world"),
              ElementsAre("Hello", " world"));
  EXPECT_THAT(
      Pieces(KnownPattern::kCl100k, "DON'T 12345 x!\n\n  y"),
      ElementsAre("DON", "'T", " ", "123", "45", " x", "!\n\n", " ", " y"));
  EXPECT_THAT(Pieces(KnownPattern::kCl100k, "a\n  \n b\n  "),
              ElementsAre("a", "\n  \n", " b", "\n", "  "));
  // U+017F LONG S folds to "s": "'ſ" is a contraction.
  EXPECT_THAT(Pieces(KnownPattern::kCl100k, "x'\xC5\xBFt"),
              ElementsAre("x", "'\xC5\xBF", "t"));
}

TEST(KnownPatternsTest, Cl100kPossessiveTakesTrailingWhitespaceRun) {
  EXPECT_THAT(Pieces(KnownPattern::kCl100kPossessive, "a\n  \n b\n  "),
              ElementsAre("a", "\n  \n", " b", "\n  "));
}

TEST(KnownPatternsTest, O200kExamples) {
  EXPECT_THAT(Pieces(KnownPattern::kO200k, "HelloWorld DON'T don't"),
              ElementsAre("Hello", "World", " DON'T", " don't"));
  EXPECT_THAT(Pieces(KnownPattern::kO200k, "a/b//\n1234"),
              ElementsAre("a", "/b", "//\n", "123", "4"));
  // A combining mark is both "upper" and "lower" in o200k's classes.
  EXPECT_THAT(Pieces(KnownPattern::kO200k,
                     "ABC\xCC\x81"
                     "DEF"),
              ElementsAre("ABC\xCC\x81", "DEF"));
}

TEST(KnownPatternsTest, InvalidBytesAreOtherCharacters) {
  EXPECT_THAT(Pieces(KnownPattern::kGpt2, "a\xFF\xFE b \xC3"),
              ElementsAre("a", "\xFF\xFE", " b", " \xC3"));
  EXPECT_THAT(Pieces(KnownPattern::kCl100k,
                     "\xFF"
                     "abc"),
              ElementsAre("\xFF"
                          "abc"));
}

TEST(KnownPatternsTest, AppliesBase) {
  std::vector<ByteSpan> spans;
  SplitKnownPattern(KnownPattern::kGpt2, "a b", &spans, /*base=*/10);
  EXPECT_THAT(spans, ElementsAre(ByteSpan{10, 11}, ByteSpan{11, 13}));
}

TEST(KnownPatternsTest, RecognizesSpellings) {
  for (KnownPattern p :
       {KnownPattern::kGpt2, KnownPattern::kCl100k, KnownPattern::kO200k,
        KnownPattern::kCl100kPossessive}) {
    EXPECT_EQ(RecognizeKnownPattern(KnownPatternRegex(p)), p);
  }
  EXPECT_EQ(RecognizeKnownPattern(KnownPatternRegex(KnownPattern::kLlama3)),
            KnownPattern::kCl100k);
  EXPECT_EQ(
      RecognizeKnownPattern(
          R"(('s|'S|'t|'T|'re|'rE|'Re|'RE|'ve|'vE|'Ve|'VE|'m|'M|'ll|'lL|'Ll|'LL|'d|'D)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)"),
      KnownPattern::kCl100k);
  EXPECT_EQ(RecognizeKnownPattern("\\s+"), std::nullopt);
}

// Every published spelling, with the splitter it must agree with.
struct SpellingCase {
  const char* regex;
  KnownPattern pattern;
};

const SpellingCase kSpellings[] = {
    {R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)",
     KnownPattern::kGpt2},
    {R"('(?:[sdmt]|ll|ve|re)| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)",
     KnownPattern::kGpt2},
    {R"('(?:[sdmt]|ll|ve|re)| ?\p{L}++| ?\p{N}++| ?[^\s\p{L}\p{N}]++|\s++$|\s+(?!\S)|\s)",
     KnownPattern::kGpt2},
    {R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)",
     KnownPattern::kCl100k},
    {R"('(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]++[\r\n]*|\s*[\r\n]|\s+(?!\S)|\s+)",
     KnownPattern::kCl100k},
    {R"('(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s)",
     KnownPattern::kCl100kPossessive},
    {R"([^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+)",
     KnownPattern::kO200k},
};

// The adversarial alphabet: each entry is one "character" (or a deliberately
// broken sequence) chosen uniformly.
const char* const kAlphabet[] = {
    "a",
    "b",
    "z",
    "A",
    "Z",
    "s",
    "t",
    "d",
    "m",
    "l",
    "e",
    "r",
    "v",
    "S",
    "T",
    "D",
    "M",
    "L",
    "E",
    "R",
    "V",
    "0",
    "7",
    "9",
    "!",
    ".",
    ",",
    "-",
    "/",
    "_",
    "\"",
    "(",
    "$",
    "'",
    "'",
    "'",
    "'s",
    "'T",
    "'re",
    "'VE",
    "'ll",
    "'Ll",
    " ",
    " ",
    " ",
    " ",
    "  ",
    "\t",
    "\r",
    "\n",
    "\r\n",
    "\v",
    "\f",
    "\xC2\xA0",      // U+00A0 NO-BREAK SPACE (\s)
    "\xE2\x80\x89",  // U+2009 THIN SPACE (\s)
    "\xE3\x80\x80",  // U+3000 IDEOGRAPHIC SPACE (\s)
    "\xC2\x85",      // U+0085 NEL (\s in Rust/Oniguruma, not in JS)
    "\xEF\xBB\xBF",  // U+FEFF BOM (Cf; \s in JS only)
    "\xE2\x80\x8B",  // U+200B ZERO WIDTH SPACE (Cf, not \s)
    "\xCC\x81",      // U+0301 combining acute (Mn)
    "\xE0\xA4\x83",  // U+0903 DEVANAGARI VISARGA (Mc)
    "\xE2\x83\x9D",  // U+20DD COMBINING ENCLOSING CIRCLE (Me)
    "\xE4\xB8\xAD",
    "\xE6\x96\x87",  // CJK (Lo)
    "\xC3\xA9",
    "\xC3\x89",          // é É (Ll, Lu)
    "\xC7\x85",          // U+01C5 Dž (Lt)
    "\xCA\xB0",          // U+02B0 modifier h (Lm)
    "\xE3\x83\xBC",      // U+30FC KATAKANA PROLONGED SOUND MARK (Lm)
    "\xD7\x90",          // U+05D0 ALEF (Lo)
    "\xC5\xBF",          // U+017F LONG S (folds to s)
    "\xE2\x84\xAA",      // U+212A KELVIN SIGN (folds to k)
    "\xC4\xB0",          // U+0130 I WITH DOT ABOVE
    "\xF0\x9F\x98\x80",  // U+1F600 emoji (So)
    "\xE2\x80\x8D",      // U+200D ZWJ (Cf)
    "\xD9\xA3",          // U+0663 ARABIC-INDIC THREE (Nd)
    "\xE0\xA5\xA6",      // U+0966 DEVANAGARI ZERO (Nd)
    "\xE2\x85\xA3",      // U+2163 ROMAN NUMERAL FOUR (Nl)
    "\xC2\xBD",          // U+00BD ONE HALF (No)
    "\xF0\x9D\x90\x80",  // U+1D400 MATHEMATICAL BOLD A (Lu, 4 bytes)
    "\xFF",
    "\x80",
    "\xC3",              // invalid and truncated
    "\xED\xA0\x80",      // encoded surrogate (invalid)
    "\xF4\x90\x80\x80",  // above U+10FFFF (invalid)
};

std::string RandomText(Rng* rng, int max_items) {
  const int n = static_cast<int>(rng->Below(max_items + 1));
  std::string text;
  for (int i = 0; i < n; ++i) {
    text += kAlphabet[rng->Below(std::size(kAlphabet))];
  }
  return text;
}

void ExpectAgrees(const BacktrackingRegex& reference, KnownPattern pattern,
                  absl::string_view text, absl::string_view label) {
  std::vector<ByteSpan> fast;
  SplitKnownPattern(pattern, text, &fast);
  const std::vector<ByteSpan> slow = reference.FindAll(text);
  ASSERT_THAT(fast, ElementsAreArray(slow))
      << label << " on \"" << absl::CEscape(text) << "\"";
}

TEST(KnownPatternsPropertyTest, AgreesWithBacktrackingReference) {
  for (const SpellingCase& spelling : kSpellings) {
    SCOPED_TRACE(spelling.regex);
    ASSERT_EQ(RecognizeKnownPattern(spelling.regex), spelling.pattern);
    TF_ASSERT_OK_AND_ASSIGN(BacktrackingRegex reference,
                            BacktrackingRegex::Compile(spelling.regex));
    Rng rng(/*seed=*/20240611);
    for (int trial = 0; trial < 10000; ++trial) {
      const std::string text = RandomText(&rng, trial < 5000 ? 12 : 40);
      ASSERT_NO_FATAL_FAILURE(ExpectAgrees(reference, spelling.pattern, text,
                                           absl::StrCat("trial ", trial)));
    }
  }
}

// Long runs of one class, where a backtracking engine does the most work.
TEST(KnownPatternsPropertyTest, AgreesOnLongRuns) {
  const std::vector<std::string> units = {
      "a", "A", "\xE4\xB8\xAD", "\xCC\x81", " ",        "\n",   " \n",
      "!", "1", "A\xCC\x81",    "aA",       "\xC2\xA0", "\xFF", "'s"};
  for (const SpellingCase& spelling : kSpellings) {
    TF_ASSERT_OK_AND_ASSIGN(BacktrackingRegex reference,
                            BacktrackingRegex::Compile(spelling.regex));
    for (const std::string& unit : units) {
      for (const char* tail : {"", "x", " ", "1", "\n", "A", "a", "!"}) {
        std::string text;
        for (int i = 0; i < 300; ++i) text += unit;
        text += tail;
        ASSERT_NO_FATAL_FAILURE(
            ExpectAgrees(reference, spelling.pattern, text, spelling.regex));
      }
    }
  }
}

// On 1 MB inputs the reference is too deep to run; check the structural
// property every splitter must have: the pieces tile the text, in order.
TEST(KnownPatternsPropertyTest, PiecesTileLargeAdversarialInputs) {
  Rng rng(/*seed=*/7);
  std::vector<std::string> inputs = {std::string(1 << 20, 'a'),
                                     std::string(1 << 20, ' '),
                                     std::string(1 << 20, '\n')};
  std::string random_bytes(1 << 20, '\0');
  for (char& c : random_bytes) c = static_cast<char>(rng.Below(256));
  inputs.push_back(random_bytes);
  std::string random_text;
  while (random_text.size() < (1 << 20)) random_text += RandomText(&rng, 40);
  inputs.push_back(random_text);
  for (KnownPattern p :
       {KnownPattern::kGpt2, KnownPattern::kCl100k,
        KnownPattern::kCl100kPossessive, KnownPattern::kO200k}) {
    for (const std::string& text : inputs) {
      std::vector<ByteSpan> spans;
      SplitKnownPattern(p, text, &spans);
      uint32_t pos = 0;
      for (const ByteSpan& s : spans) {
        ASSERT_EQ(s.begin, pos);
        ASSERT_GT(s.end, s.begin);
        pos = s.end;
      }
      ASSERT_EQ(pos, text.size());
    }
  }
}

// tests/golden/pretok_known_patterns/<name>.tsv: random strings split by
// Node's RegExp (generate.js there), an engine independent of ours and of the
// backtracking reference.
TEST(KnownPatternsGoldenTest, MatchesNodeRegExp) {
  const std::pair<const char*, KnownPattern> kFiles[] = {
      {"gpt2", KnownPattern::kGpt2},
      {"cl100k", KnownPattern::kCl100k},
      {"cl100k_possessive", KnownPattern::kCl100kPossessive},
      {"o200k", KnownPattern::kO200k},
  };
  for (const auto& [name, pattern] : kFiles) {
    const std::string path =
        absl::StrCat("tests/golden/pretok_known_patterns/", name, ".tsv");
    TF_ASSERT_OK_AND_ASSIGN(std::string golden, ReadFile(path));
    int cases = 0;
    for (absl::string_view line : absl::StrSplit(golden, '\n')) {
      if (line.empty()) continue;
      const std::vector<absl::string_view> fields = absl::StrSplit(line, '\t');
      ASSERT_EQ(fields.size(), 2u) << path << ": " << line;
      std::string text;
      ASSERT_TRUE(absl::CUnescape(fields[0], &text)) << line;
      std::vector<ByteSpan> spans;
      SplitKnownPattern(pattern, text, &spans);
      std::vector<uint32_t> lengths;
      for (const ByteSpan& s : spans) lengths.push_back(s.size());
      ASSERT_EQ(absl::StrJoin(lengths, " "), fields[1])
          << path << " on \"" << fields[0] << "\"";
      ++cases;
    }
    EXPECT_EQ(cases, 1500) << path;
  }
}

}  // namespace
}  // namespace tokenforge
