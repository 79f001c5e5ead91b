// tokenizers/unicode_props.h
//
// Fast Unicode character properties for the hot paths of the pre-tokenizers
// and normalizers, without calling ICU per character. A table over all code
// points is built once from ICU 72 (Unicode 15.0) on first use: a two-level
// table (code point >> 7 -> block, block + (code point & 127) -> byte), one
// byte per code point holding the general category and the White_Space bit.
// Building takes a few milliseconds; afterwards every lookup is two loads.
//
//   const UnicodeProps& props = UnicodeProps::Get();
//   props.Is(U'é', kCategoryLetter);         // \p{L}: true
//   props.IsWhiteSpace(0x3000);              // ideographic space: true
//   IsBertPunctuation(U'$');                 // ASCII symbol: true
//
// kInvalidCodePoint (a byte that is not UTF-8, see common/utf8.h) and every
// value above U+10FFFF have category kUnassigned and no White_Space: they are
// neither letter, number, mark nor space, which is how the regex-based
// splitters must treat them.
//
// What "\s" means. tiktoken runs its patterns with fancy-regex, which hands
// classes to the Rust regex crate, where \s is the Unicode White_Space
// property (25 code points: U+0009..U+000D, U+0020, U+0085, U+00A0, U+1680,
// U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000). HF tokenizers runs
// them with Oniguruma, whose Unicode \s is U+0009..U+000D, U+0085 and the
// Z categories: the same 25 code points. JavaScript's \s differs (it adds
// U+FEFF and lacks U+0085), so a JS RegExp used as a reference must spell the
// class out. IsWhiteSpace() is White_Space; so is Rust's char::is_whitespace,
// which HF uses for WhitespaceSplit and BERT.

#ifndef TOKENFORGE_TOKENIZERS_UNICODE_PROPS_H_
#define TOKENFORGE_TOKENIZERS_UNICODE_PROPS_H_

#include <cstdint>
#include <vector>

namespace tokenforge {

// General categories, numbered exactly as ICU's UCharCategory.
enum class GeneralCategory : uint8_t {
  kUnassigned = 0,             // Cn; also kInvalidCodePoint.
  kUppercaseLetter = 1,        // Lu
  kLowercaseLetter = 2,        // Ll
  kTitlecaseLetter = 3,        // Lt
  kModifierLetter = 4,         // Lm
  kOtherLetter = 5,            // Lo
  kNonSpacingMark = 6,         // Mn
  kEnclosingMark = 7,          // Me
  kSpacingMark = 8,            // Mc
  kDecimalNumber = 9,          // Nd
  kLetterNumber = 10,          // Nl
  kOtherNumber = 11,           // No
  kSpaceSeparator = 12,        // Zs
  kLineSeparator = 13,         // Zl
  kParagraphSeparator = 14,    // Zp
  kControl = 15,               // Cc
  kFormat = 16,                // Cf
  kPrivateUse = 17,            // Co
  kSurrogate = 18,             // Cs
  kDashPunctuation = 19,       // Pd
  kOpenPunctuation = 20,       // Ps
  kClosePunctuation = 21,      // Pe
  kConnectorPunctuation = 22,  // Pc
  kOtherPunctuation = 23,      // Po
  kMathSymbol = 24,            // Sm
  kCurrencySymbol = 25,        // Sc
  kModifierSymbol = 26,        // Sk
  kOtherSymbol = 27,           // So
  kInitialPunctuation = 28,    // Pi
  kFinalPunctuation = 29,      // Pf
};

// Sets of general categories as bit masks (bit i = category i), for
// UnicodeProps::Is().
using CategoryMask = uint32_t;
constexpr CategoryMask CategoryBit(GeneralCategory c) {
  return CategoryMask{1} << static_cast<int>(c);
}
// \p{L}: Lu Ll Lt Lm Lo.
inline constexpr CategoryMask kCategoryLetter =
    CategoryBit(GeneralCategory::kUppercaseLetter) |
    CategoryBit(GeneralCategory::kLowercaseLetter) |
    CategoryBit(GeneralCategory::kTitlecaseLetter) |
    CategoryBit(GeneralCategory::kModifierLetter) |
    CategoryBit(GeneralCategory::kOtherLetter);
// \p{M}: Mn Mc Me.
inline constexpr CategoryMask kCategoryMark =
    CategoryBit(GeneralCategory::kNonSpacingMark) |
    CategoryBit(GeneralCategory::kSpacingMark) |
    CategoryBit(GeneralCategory::kEnclosingMark);
// \p{N}: Nd Nl No (also Rust's char::is_numeric, used by HF Digits).
inline constexpr CategoryMask kCategoryNumber =
    CategoryBit(GeneralCategory::kDecimalNumber) |
    CategoryBit(GeneralCategory::kLetterNumber) |
    CategoryBit(GeneralCategory::kOtherNumber);
// \p{P}: Pc Pd Ps Pe Pi Pf Po.
inline constexpr CategoryMask kCategoryPunctuation =
    CategoryBit(GeneralCategory::kConnectorPunctuation) |
    CategoryBit(GeneralCategory::kDashPunctuation) |
    CategoryBit(GeneralCategory::kOpenPunctuation) |
    CategoryBit(GeneralCategory::kClosePunctuation) |
    CategoryBit(GeneralCategory::kInitialPunctuation) |
    CategoryBit(GeneralCategory::kFinalPunctuation) |
    CategoryBit(GeneralCategory::kOtherPunctuation);
// \p{C}: Cc Cf Cs Co Cn.
inline constexpr CategoryMask kCategoryOther =
    CategoryBit(GeneralCategory::kControl) |
    CategoryBit(GeneralCategory::kFormat) |
    CategoryBit(GeneralCategory::kSurrogate) |
    CategoryBit(GeneralCategory::kPrivateUse) |
    CategoryBit(GeneralCategory::kUnassigned);
// o200k's [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}] and [\p{Ll}\p{Lm}\p{Lo}\p{M}].
inline constexpr CategoryMask kCategoryO200kUpper =
    CategoryBit(GeneralCategory::kUppercaseLetter) |
    CategoryBit(GeneralCategory::kTitlecaseLetter) |
    CategoryBit(GeneralCategory::kModifierLetter) |
    CategoryBit(GeneralCategory::kOtherLetter) | kCategoryMark;
inline constexpr CategoryMask kCategoryO200kLower =
    CategoryBit(GeneralCategory::kLowercaseLetter) |
    CategoryBit(GeneralCategory::kModifierLetter) |
    CategoryBit(GeneralCategory::kOtherLetter) | kCategoryMark;

// The per-code-point table. Immutable after construction; Get() is
// thread-safe.
class UnicodeProps {
 public:
  // Returns the process-wide table, building it on first use.
  static const UnicodeProps& Get();

  // Returns the general category of `cp`; kUnassigned for kInvalidCodePoint
  // and anything above U+10FFFF.
  GeneralCategory Category(char32_t cp) const {
    return static_cast<GeneralCategory>(Info(cp) & kCategoryBits);
  }
  // Returns true if the category of `cp` is in `mask`.
  bool Is(char32_t cp, CategoryMask mask) const {
    return ((CategoryMask{1} << (Info(cp) & kCategoryBits)) & mask) != 0;
  }
  // Returns true for the White_Space property (regex \s, see above).
  bool IsWhiteSpace(char32_t cp) const {
    return (Info(cp) & kWhiteSpaceBit) != 0;
  }
  // Returns true for the Alphabetic property (Rust's char::is_alphabetic).
  bool IsAlphabetic(char32_t cp) const {
    return (Info(cp) & kAlphabeticBit) != 0;
  }

  // Returns the packed byte: category in the low 5 bits, kWhiteSpaceBit,
  // kAlphabeticBit.
  uint8_t Info(char32_t cp) const {
    if (cp >= kNumCodePoints) return 0;
    return leaves_[static_cast<uint32_t>(blocks_[cp >> kBlockBits])
                       << kBlockBits |
                   (cp & (kBlockSize - 1))];
  }

  static constexpr uint8_t kCategoryBits = 0x1F;
  static constexpr uint8_t kWhiteSpaceBit = 0x20;
  static constexpr uint8_t kAlphabeticBit = 0x40;

 private:
  UnicodeProps();

  static constexpr char32_t kNumCodePoints = 0x110000;
  static constexpr int kBlockBits = 7;
  static constexpr uint32_t kBlockSize = 1u << kBlockBits;

  std::vector<uint16_t> blocks_;  // Block index per (cp >> kBlockBits).
  std::vector<uint8_t> leaves_;   // Deduplicated blocks of kBlockSize bytes.
};

// Convenience wrappers over UnicodeProps::Get().
bool IsLetter(char32_t cp);      // \p{L}
bool IsNumber(char32_t cp);      // \p{N}
bool IsMark(char32_t cp);        // \p{M}
bool IsWhiteSpace(char32_t cp);  // \s, White_Space
// Returns true for Oniguruma's Unicode \w, which HF's Whitespace
// pre-tokenizer ("\w+|[^\w\s]+") uses: the UTS #18 word class, Alphabetic |
// Mark | Decimal_Number | Connector_Punctuation | Join_Control (so U+24B6
// CIRCLED A and U+200D ZWJ are word characters, U+00B2 SUPERSCRIPT TWO is
// not; checked against HF tokenizers 0.23).
bool IsWordChar(char32_t cp);

// BERT helpers, with the semantics of HF tokenizers' BertNormalizer and
// BertPreTokenizer (which differ slightly from Google's original BERT):
//
// Returns true for '\t', '\n', '\r' and White_Space (HF: char::is_whitespace;
// original BERT used only Zs).
bool IsBertWhitespace(char32_t cp);
// Returns true for category C* except '\t', '\n', '\r'. Note: HF takes the
// categories from the unicode_categories crate (Unicode 9), so code points
// assigned after Unicode 9 can differ.
bool IsBertControl(char32_t cp);
// Returns true for ASCII punctuation and symbols (!"#$%&'()*+,-./:;<=>?@[\]^_`
// {|}~) and for category P*.
bool IsBertPunctuation(char32_t cp);
// Returns true for the CJK ideograph blocks BERT pads with spaces
// (HF normalizers/bert.rs is_chinese_char).
bool IsCjk(char32_t cp);

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_UNICODE_PROPS_H_
