// Tests of tokenizers/unicode_props.h: the table against ICU for every code
// point, and the BERT / word-character helpers on hand-checked examples.
// (Lives here because the pre-tokenizers are its first user.)

#include "tokenizers/unicode_props.h"

#include "common/utf8.h"
#include "gtest/gtest.h"
#include "unicode/uchar.h"

namespace tokenforge {
namespace {

TEST(UnicodePropsTest, MatchesIcuForEveryCodePoint) {
  const UnicodeProps& props = UnicodeProps::Get();
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    const UChar32 c = static_cast<UChar32>(cp);
    ASSERT_EQ(static_cast<int>(props.Category(cp)), u_charType(c))
        << static_cast<uint32_t>(cp);
    ASSERT_EQ(props.IsWhiteSpace(cp),
              static_cast<bool>(u_hasBinaryProperty(c, UCHAR_WHITE_SPACE)))
        << static_cast<uint32_t>(cp);
    ASSERT_EQ(props.IsAlphabetic(cp),
              static_cast<bool>(u_hasBinaryProperty(c, UCHAR_ALPHABETIC)))
        << static_cast<uint32_t>(cp);
  }
}

TEST(UnicodePropsTest, InvalidCodePointsHaveNoProperties) {
  for (char32_t cp : {kInvalidCodePoint, char32_t{0x110000}}) {
    EXPECT_FALSE(IsLetter(cp));
    EXPECT_FALSE(IsNumber(cp));
    EXPECT_FALSE(IsMark(cp));
    EXPECT_FALSE(IsWhiteSpace(cp));
    EXPECT_FALSE(IsWordChar(cp));
    EXPECT_EQ(UnicodeProps::Get().Category(cp), GeneralCategory::kUnassigned);
  }
}

TEST(UnicodePropsTest, RegexClasses) {
  EXPECT_TRUE(IsLetter(U'a'));
  EXPECT_TRUE(IsLetter(0x4E2D));   // CJK
  EXPECT_FALSE(IsLetter(0x0301));  // combining acute is M, not L
  EXPECT_TRUE(IsMark(0x0301));
  EXPECT_TRUE(IsNumber(0x2163));  // Roman numeral four (Nl)
  EXPECT_TRUE(IsNumber(0x00BD));  // one half (No)
  // \s is White_Space: NEL and NBSP yes, BOM and ZWSP no.
  EXPECT_TRUE(IsWhiteSpace(0x0085));
  EXPECT_TRUE(IsWhiteSpace(0x00A0));
  EXPECT_TRUE(IsWhiteSpace(0x3000));
  EXPECT_FALSE(IsWhiteSpace(0xFEFF));
  EXPECT_FALSE(IsWhiteSpace(0x200B));
  EXPECT_FALSE(IsWhiteSpace(0x180E));
}

TEST(UnicodePropsTest, WordCharacters) {
  EXPECT_TRUE(IsWordChar(U'_'));
  EXPECT_TRUE(IsWordChar(0x24B6));   // circled A: So but Alphabetic
  EXPECT_TRUE(IsWordChar(0x200D));   // ZWJ: Join_Control
  EXPECT_TRUE(IsWordChar(0x0663));   // Arabic-Indic three (Nd)
  EXPECT_FALSE(IsWordChar(0x00B2));  // superscript two (No)
  EXPECT_FALSE(IsWordChar(U'-'));
}

TEST(UnicodePropsTest, BertHelpers) {
  EXPECT_TRUE(IsBertPunctuation(U'$'));  // ASCII symbol counts
  EXPECT_TRUE(IsBertPunctuation(U'`'));
  EXPECT_TRUE(IsBertPunctuation(0x00BF));   // inverted question mark (Po)
  EXPECT_FALSE(IsBertPunctuation(0x20AC));  // euro sign (Sc, not ASCII)
  EXPECT_TRUE(IsBertWhitespace(U'\t'));
  EXPECT_TRUE(IsBertWhitespace(0x2009));
  EXPECT_FALSE(IsBertControl(U'\n'));
  EXPECT_TRUE(IsBertControl(0x0007));
  EXPECT_TRUE(IsBertControl(0x200B));  // Cf
  EXPECT_TRUE(IsCjk(0x4E2D));
  EXPECT_FALSE(IsCjk(0x3042));  // hiragana is not in BERT's CJK blocks
  // HF starts that block at U+2B920, not BERT's U+2B820 (checked with HF
  // tokenizers 0.23's BertNormalizer).
  EXPECT_TRUE(IsCjk(0x2B920));
  EXPECT_FALSE(IsCjk(0x2B820));
}

}  // namespace
}  // namespace tokenforge
