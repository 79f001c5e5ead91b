// Hand-checked cases for every normalizer, with their alignments.

#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tokenizers/normalized_string.h"
#include "tokenizers/normalizers/bert_normalizer.h"
#include "tokenizers/normalizers/lowercase_normalizer.h"
#include "tokenizers/normalizers/oniguruma_regex.h"
#include "tokenizers/normalizers/prepend_normalizer.h"
#include "tokenizers/normalizers/replace_normalizer.h"
#include "tokenizers/normalizers/sequence_normalizer.h"
#include "tokenizers/normalizers/strip_normalizer.h"
#include "tokenizers/normalizers/unicode_normalizer.h"

namespace tokenforge {
namespace {

using ::testing::HasSubstr;
using ::tokenforge::testing::StatusIs;

// Runs `n` on `input` and returns the normalized text.
std::string Apply(const Normalizer& n, const std::string& input) {
  NormalizedString text(input);
  const absl::Status status = n.Normalize(&text);
  EXPECT_TRUE(status.ok()) << status;
  return text.normalized();
}

// Returns the original span of normalized bytes [begin, end).
ByteSpan Orig(const Normalizer& n, const std::string& input, uint32_t begin,
              uint32_t end) {
  NormalizedString text(input);
  EXPECT_TRUE(n.Normalize(&text).ok());
  return text.ToOriginal({begin, end});
}

std::unique_ptr<UnicodeNormalizer> Form(UnicodeForm form) {
  return *UnicodeNormalizer::Create(form);
}

TEST(UnicodeNormalizerTest, FourForms) {
  const std::string s = "e\xCC\x81 \xEF\xAC\x81 \xE2\x91\xA0 \xC3\xA9";  // é ﬁ ① é
  EXPECT_EQ(Apply(*Form(UnicodeForm::kNfc), s), "\xC3\xA9 \xEF\xAC\x81 \xE2\x91\xA0 \xC3\xA9");
  EXPECT_EQ(Apply(*Form(UnicodeForm::kNfd), s), "e\xCC\x81 \xEF\xAC\x81 \xE2\x91\xA0 e\xCC\x81");
  EXPECT_EQ(Apply(*Form(UnicodeForm::kNfkc), s), "\xC3\xA9 fi 1 \xC3\xA9");
  EXPECT_EQ(Apply(*Form(UnicodeForm::kNfkd), s), "e\xCC\x81 fi 1 e\xCC\x81");
  // Hangul: conjoining jamo compose, syllables decompose.
  EXPECT_EQ(Apply(*Form(UnicodeForm::kNfc), "\xE1\x84\x80\xE1\x85\xA1"), "\xEA\xB0\x80");
  EXPECT_EQ(Apply(*Form(UnicodeForm::kNfd), "\xEA\xB0\x80"), "\xE1\x84\x80\xE1\x85\xA1");
}

TEST(UnicodeNormalizerTest, CanonicalReorderingOfMarks) {
  // a + U+0301 (ccc 230) + U+0323 (ccc 220): NFD puts the dot below first.
  EXPECT_EQ(Apply(*Form(UnicodeForm::kNfd), "a\xCC\x81\xCC\xA3"), "a\xCC\xA3\xCC\x81");
  EXPECT_EQ(Apply(*Form(UnicodeForm::kNfc), "a\xCC\x81\xCC\xA3"), "\xE1\xBA\xA1\xCC\x81");
}

TEST(UnicodeNormalizerTest, AlignsOutputToInputSegments) {
  const auto nfkc = Form(UnicodeForm::kNfkc);
  // "xﬁy": "f" and "i" both come from the 3 bytes of U+FB01.
  EXPECT_EQ(Orig(*nfkc, "x\xEF\xAC\x81y", 1, 2), (ByteSpan{1, 4}));
  EXPECT_EQ(Orig(*nfkc, "x\xEF\xAC\x81y", 2, 3), (ByteSpan{1, 4}));
  EXPECT_EQ(Orig(*nfkc, "x\xEF\xAC\x81y", 3, 4), (ByteSpan{4, 5}));
  // NFC "e" + U+0301 -> "é" (2 bytes) aligned to all 3 input bytes.
  EXPECT_EQ(Orig(*Form(UnicodeForm::kNfc), "ae\xCC\x81", 1, 3), (ByteSpan{1, 4}));
}

TEST(UnicodeNormalizerTest, InvalidBytesPassThroughAlignedToThemselves) {
  const auto nfd = Form(UnicodeForm::kNfd);
  const std::string s = "\xC3\xA9\xFF\xCC\x81z";  // é, 0xFF, lone U+0301, z
  EXPECT_EQ(Apply(*nfd, s), "e\xCC\x81\xFF\xCC\x81z");
  EXPECT_EQ(Orig(*nfd, s, 3, 4), (ByteSpan{2, 3}));
  EXPECT_EQ(Orig(*nfd, s, 6, 7), (ByteSpan{5, 6}));
  // The mark after an invalid byte does not compose across it.
  EXPECT_EQ(Apply(*Form(UnicodeForm::kNfc), "e\x80\xCC\x81"), "e\x80\xCC\x81");
}

TEST(UnicodeNormalizerTest, AlreadyNormalizedTextIsLeftAsIs) {
  NormalizedString text("plain ascii and \xC3\xA9");
  TF_ASSERT_OK(Form(UnicodeForm::kNfc)->Normalize(&text));
  EXPECT_TRUE(text.is_identity());
}

TEST(LowercaseTest, FullLowercasePerCharacter) {
  LowercaseNormalizer lower;
  EXPECT_EQ(Apply(lower, "HeLLo W\xC3\x96RLD"), "hello w\xC3\xB6rld");
  // 'İ' -> "i" + U+0307, both aligned to 'İ'.
  EXPECT_EQ(Apply(lower, "\xC4\xB0x"), "i\xCC\x87x");
  EXPECT_EQ(Orig(lower, "\xC4\xB0x", 1, 3), (ByteSpan{0, 2}));
  // No final-sigma context: every Σ becomes σ, as Rust's char::to_lowercase.
  EXPECT_EQ(Apply(lower, "\xCE\xA3\xCE\xA3"), "\xCF\x83\xCF\x83");
  // KELVIN SIGN (3 bytes) -> 'k' (1 byte).
  EXPECT_EQ(Apply(lower, "\xE2\x84\xAA"), "k");
  EXPECT_EQ(Apply(lower, "\xFF" "A"), "\xFF" "a");
  NormalizedString unchanged("already lower");
  TF_ASSERT_OK(lower.Normalize(&unchanged));
  EXPECT_TRUE(unchanged.is_identity());
}

TEST(StripTest, LeftRightBoth) {
  const std::string s = " \t\xE3\x80\x80hi there\n\xC2\xA0";
  EXPECT_EQ(Apply(StripNormalizer(true, true), s), "hi there");
  EXPECT_EQ(Apply(StripNormalizer(true, false), s), "hi there\n\xC2\xA0");
  EXPECT_EQ(Apply(StripNormalizer(false, true), s), " \t\xE3\x80\x80hi there");
  EXPECT_EQ(Apply(StripNormalizer(true, true), "   "), "");
  EXPECT_EQ(Orig(StripNormalizer(true, true), s, 0, 2), (ByteSpan{5, 7}));
  // An invalid byte is not whitespace.
  EXPECT_EQ(Apply(StripNormalizer(true, true), " \xFF "), "\xFF");
}

TEST(StripAccentsTest, RemovesAllCombiningMarks) {
  StripAccentsNormalizer strip;
  // Mn (U+0301), Mc (U+0903) and Me (U+20DD) all go, as in HF.
  EXPECT_EQ(Apply(strip, "a\xE0\xA4\x83" "b\xCC\x81" "c\xE2\x83\x9D" "d"), "abcd");
  EXPECT_EQ(Apply(strip, "e\xCC\x84\xCC\x84\xCC\x84o"), "eo");
  EXPECT_EQ(Orig(strip, "e\xCC\x84\xCC\x84\xCC\x84o", 1, 2), (ByteSpan{7, 8}));
  // Precomposed letters are untouched: run NFD first.
  EXPECT_EQ(Apply(strip, "\xC3\xA9"), "\xC3\xA9");
  SequenceNormalizer nfd_strip([] {
    std::vector<std::unique_ptr<Normalizer>> v;
    v.push_back(*UnicodeNormalizer::Create(UnicodeForm::kNfkd));
    v.push_back(std::make_unique<StripAccentsNormalizer>());
    v.push_back(std::make_unique<LowercaseNormalizer>());
    return v;
  }());
  // HF's test_vietnamese_bug and test_thai_bug.
  EXPECT_EQ(Apply(nfd_strip, "\xE1\xBA\xAD\xE2\x80\xA6"), "a...");
  EXPECT_EQ(Apply(nfd_strip, "\xE0\xB8\xB3\xE0\xB8\x99\xE0\xB9\x89\xE0\xB8\xB3"
                           "3\xE0\xB8\xA5\xE0\xB8\xB3"),
            "\xE0\xB8\xB2\xE0\xB8\x99\xE0\xB8\xB2" "3\xE0\xB8\xA5\xE0\xB8\xB2");
}

TEST(ReplaceTest, StringAndRegexPatterns) {
  auto literal = *ReplacePattern::Create("''", false, "\"");
  ReplaceNormalizer quotes(std::move(literal));
  EXPECT_EQ(Apply(quotes, "This is a ''test''"), "This is a \"test\"");
  EXPECT_EQ(Orig(quotes, "a''b", 1, 2), (ByteSpan{1, 3}));

  ReplaceNormalizer spaces(*ReplacePattern::Create("\\s+", true, " "));
  EXPECT_EQ(Apply(spaces, "This     is   a         test"), "This is a test");
  ReplaceNormalizer groups(*ReplacePattern::Create("(l)(e)", true, "$1 $2"));
  EXPECT_EQ(Apply(groups, "le travail"), "l e travail");
  ReplaceNormalizer named(*ReplacePattern::Create("(?P<x>a)b", true, "${x}$$"));
  EXPECT_EQ(Apply(named, "abab"), "a$a$");
  ReplaceNormalizer meta(*ReplacePattern::Create(" ", false, "\xE2\x96\x81"));
  EXPECT_EQ(Apply(meta, "a b"), "a\xE2\x96\x81" "b");
  EXPECT_EQ(Orig(meta, "a b", 1, 4), (ByteSpan{1, 2}));
  // Empty regex matches insert between characters, never inside one.
  ReplaceNormalizer empty(*ReplacePattern::Create("", true, "|"));
  EXPECT_EQ(Apply(empty, "a\xC3\xA9"), "|a|\xC3\xA9|");
  EXPECT_EQ(Apply(empty, ""), "");  // HF: no match in an empty text.
}

TEST(ReplaceTest, RegexClassesAreUnicodeAsInHf) {
  // Expected values from HF 0.23.2 (Replace with {"Regex": ...} -> "_").
  auto run = [](const char* regex, const std::string& input) {
    ReplaceNormalizer r(*ReplacePattern::Create(regex, true, "_"));
    return Apply(r, input);
  };
  const std::string spaces =
      "a\xE3\x80\x80" "b\xC2\xA0" "c\xC2\x85" "d\x0B" "e\xE2\x80\xA8"
      "f\xE2\x80\x8B" "g\xE1\x9A\x80" "h\xE1\xA0\x8E" "i\x0C" "j";
  EXPECT_EQ(run("\\s", spaces),
            "a_b_c_d_e_f\xE2\x80\x8B" "g_h\xE1\xA0\x8E" "i_j");
  EXPECT_EQ(run("\\w", "\xC3\xA9\xE4\xB8\xAD_1\xD9\xA3 x\xCC\x81"), "_____ __");
  // Circled letters (So, Alphabetic) and ½ (No) are word characters; ZWJ
  // and ⓳ (No) are not.
  EXPECT_EQ(run("\\w", "\xE2\x92\xBE\xC2\xBD\xE2\x80\x8D\xE2\x93\xB3"),
            "__\xE2\x80\x8D\xE2\x93\xB3");
  EXPECT_EQ(run("\\d", "1\xD9\xA3\xEF\xBC\x95x"), "___x");
  EXPECT_EQ(run("[\\s,]", "a b,c\xE3\x80\x80" "d"), "a_b_c_d");
  EXPECT_EQ(run("\\p{L}", "a\xC3\xA9\xE4\xB8\xAD" "1"), "___1");
  EXPECT_EQ(run(".", "a\nb"), "_\n_");
  // No empty match right after a match.
  EXPECT_EQ(run("x*", "abxc"), "_a_b_c_");
  EXPECT_EQ(run("\\S+", "ab cd"), "_ _");
}

TEST(OnigurumaRegexTest, TranslatesClasses) {
  EXPECT_EQ(*TranslateOnigurumaToRe2("a\\d+"), "a[\\p{Nd}]+");
  EXPECT_EQ(*TranslateOnigurumaToRe2("[^\\d,]"), "[^\\p{Nd},]");
  EXPECT_EQ(*TranslateOnigurumaToRe2("\\W"),
            "[^\\p{L}\\p{Nl}\\p{M}\\p{Nd}\\p{Pc}\\x{B2}\\x{B3}\\x{B9}\\x{BC}-\\x{BE}"
            "\\x{24B6}-\\x{24E9}\\x{1F130}-\\x{1F149}\\x{1F150}-\\x{1F169}"
            "\\x{1F170}-\\x{1F189}]");
  EXPECT_EQ(*TranslateOnigurumaToRe2("[]\\d]"), "[]\\p{Nd}]");
  EXPECT_EQ(*TranslateOnigurumaToRe2("[[:alpha:]\\d]"), "[[:alpha:]\\p{Nd}]");
  EXPECT_EQ(*TranslateOnigurumaToRe2("\\\\s \\. \\p{L}"), "\\\\s \\. \\p{L}");
  EXPECT_THAT(TranslateOnigurumaToRe2("[\\S]"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("\\S")));
}

TEST(ReplaceTest, RejectsBadPatterns) {
  EXPECT_THAT(ReplacePattern::Create("(?=x)", true, ""),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("(?=x)")));
  EXPECT_THAT(ReplacePattern::Create("", false, "x"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(PrependTest, PrependsToNonEmptyText) {
  PrependNormalizer prepend("\xE2\x96\x81");
  EXPECT_EQ(Apply(prepend, "Hello"), "\xE2\x96\x81Hello");
  EXPECT_EQ(Apply(prepend, ""), "");
  EXPECT_EQ(Orig(prepend, "Hello", 0, 3), (ByteSpan{0, 1}));
  EXPECT_EQ(Orig(prepend, "Hello", 3, 5), (ByteSpan{0, 2}));
}

TEST(ByteLevelNormalizerTest, MapsEveryByte) {
  ByteLevelNormalizer byte_level;
  EXPECT_EQ(Apply(byte_level, "a b\xC3\xA9"), "a\xC4\xA0" "b\xC3\x83\xC2\xA9");
  EXPECT_EQ(Orig(byte_level, "a b\xC3\xA9", 4, 6), (ByteSpan{3, 4}));
  NormalizedString text("abc");
  TF_ASSERT_OK(byte_level.Normalize(&text));
  EXPECT_TRUE(text.is_identity());
}

TEST(BertNormalizerTest, DefaultOptions) {
  using std::string_literals::operator""s;
  BertNormalizer bert(BertNormalizerOptions{});
  // Checked with HF tokenizers 0.23.2 (Node binding): NUL, soft hyphen (Cf)
  // and ZWSP (Cf) go, '\t' becomes ' ', the ideograph gets spaces.
  EXPECT_EQ(Apply(bert, "H\xC3\xA9llo\xE4\xB8\xAD\x00\xC2\xAD\tx\xE2\x80\x8B"s),
            "hello \xE4\xB8\xAD  x");
  // NEL (Cc) is removed before whitespace mapping; U+3000 and U+2028 become
  // ' '; U+180E (Cf) is removed.
  BertNormalizer clean_only({.handle_chinese_chars = false,
                             .strip_accents = false,
                             .lowercase = false});
  EXPECT_EQ(Apply(clean_only, "a\xE1\xA0\x8E" "b\xE3\x80\x80" "c\xC2\x85"
                            "d\xC2\xA0" "e\xE2\x80\xA8" "f\xEE\x80\x80" "g"),
            "ab cd e fg");
  // Ideographs in the supplementary blocks; Hangul is left alone.
  BertNormalizer chinese({.clean_text = false, .strip_accents = false,
                          .lowercase = false});
  EXPECT_EQ(Apply(chinese, "a\xF0\xAB\xA0\x9F" "b\xEA\xB0\x80"),
            "a \xF0\xAB\xA0\x9F b\xEA\xB0\x80");
  EXPECT_EQ(Orig(chinese, "a\xE4\xB8\xAD", 1, 2), (ByteSpan{1, 4}));
}

TEST(BertNormalizerTest, StripAccentsFollowsLowercaseWhenUnset) {
  // strip_accents unset + lowercase: accents go.
  EXPECT_EQ(Apply(BertNormalizer({}), "\xC3\x89l\xC3\xA0N"), "elan");
  // strip_accents unset + no lowercase: accents stay (NFD is not applied).
  EXPECT_EQ(Apply(BertNormalizer({.lowercase = false}), "\xC3\x89l\xC3\xA0N"),
            "\xC3\x89l\xC3\xA0N");
  // Explicit strip_accents without lowercase; only Mn goes (U+0903 is Mc).
  EXPECT_EQ(Apply(BertNormalizer({.strip_accents = true, .lowercase = false}),
                "\xC3\x89" "a\xE0\xA4\x83"),
            "Ea\xE0\xA4\x83");
}

TEST(SequenceTest, ComposesAlignments) {
  std::vector<std::unique_ptr<Normalizer>> steps;
  steps.push_back(*UnicodeNormalizer::Create(UnicodeForm::kNfkd));
  steps.push_back(std::make_unique<StripAccentsNormalizer>());
  steps.push_back(std::make_unique<LowercaseNormalizer>());
  steps.push_back(std::make_unique<PrependNormalizer>("_"));
  SequenceNormalizer seq(std::move(steps));
  const std::string s = "\xC3\x89\xEF\xAC\x81X";  // "Éﬁ X"
  EXPECT_EQ(Apply(seq, s), "_efix");
  EXPECT_EQ(Orig(seq, s, 1, 2), (ByteSpan{0, 2}));
  EXPECT_EQ(Orig(seq, s, 2, 4), (ByteSpan{2, 5}));
  EXPECT_EQ(Orig(seq, s, 4, 5), (ByteSpan{5, 6}));
}

}  // namespace
}  // namespace tokenforge
