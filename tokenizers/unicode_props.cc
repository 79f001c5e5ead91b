// tokenizers/unicode_props.cc
//
// Builds the two-level property table from ICU once. Blocks of 128 code
// points with identical bytes are stored once (most of the 17 planes are
// unassigned or uniform), which keeps the table near 100 KB.

#include "tokenizers/unicode_props.h"

#include <cstring>
#include <map>
#include <string>

#include "unicode/uchar.h"

namespace tokenforge {

static_assert(static_cast<int>(GeneralCategory::kFinalPunctuation) ==
              U_FINAL_PUNCTUATION);
static_assert(static_cast<int>(GeneralCategory::kConnectorPunctuation) ==
              U_CONNECTOR_PUNCTUATION);
static_assert(static_cast<int>(GeneralCategory::kSpacingMark) ==
              U_COMBINING_SPACING_MARK);
static_assert(static_cast<int>(GeneralCategory::kOtherLetter) ==
              U_OTHER_LETTER);

const UnicodeProps& UnicodeProps::Get() {
  static const UnicodeProps* const props = new UnicodeProps();
  return *props;
}

UnicodeProps::UnicodeProps() {
  const uint32_t num_blocks = kNumCodePoints >> kBlockBits;
  blocks_.resize(num_blocks);
  std::map<std::string, uint16_t> seen;  // Block bytes -> leaf index.
  std::string block(kBlockSize, '\0');
  for (uint32_t b = 0; b < num_blocks; ++b) {
    for (uint32_t i = 0; i < kBlockSize; ++i) {
      const UChar32 cp = static_cast<UChar32>(b << kBlockBits | i);
      uint8_t info = static_cast<uint8_t>(u_charType(cp));
      if (u_hasBinaryProperty(cp, UCHAR_WHITE_SPACE)) info |= kWhiteSpaceBit;
      if (u_hasBinaryProperty(cp, UCHAR_ALPHABETIC)) info |= kAlphabeticBit;
      block[i] = static_cast<char>(info);
    }
    auto [it, inserted] =
        seen.emplace(block, static_cast<uint16_t>(seen.size()));
    if (inserted) leaves_.insert(leaves_.end(), block.begin(), block.end());
    blocks_[b] = it->second;
  }
}

bool IsLetter(char32_t cp) {
  return UnicodeProps::Get().Is(cp, kCategoryLetter);
}
bool IsNumber(char32_t cp) {
  return UnicodeProps::Get().Is(cp, kCategoryNumber);
}
bool IsMark(char32_t cp) { return UnicodeProps::Get().Is(cp, kCategoryMark); }
bool IsWhiteSpace(char32_t cp) { return UnicodeProps::Get().IsWhiteSpace(cp); }

bool IsWordChar(char32_t cp) {
  const UnicodeProps& props = UnicodeProps::Get();
  return props.IsAlphabetic(cp) || cp == 0x200C || cp == 0x200D ||
         props.Is(cp, kCategoryMark |
                          CategoryBit(GeneralCategory::kDecimalNumber) |
                          CategoryBit(GeneralCategory::kConnectorPunctuation));
}

bool IsBertWhitespace(char32_t cp) {
  return cp == '\t' || cp == '\n' || cp == '\r' || IsWhiteSpace(cp);
}

bool IsBertControl(char32_t cp) {
  if (cp == '\t' || cp == '\n' || cp == '\r') return false;
  return UnicodeProps::Get().Is(cp, kCategoryOther);
}

bool IsBertPunctuation(char32_t cp) {
  if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) ||
      (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
    return true;
  }
  return UnicodeProps::Get().Is(cp, kCategoryPunctuation);
}

bool IsCjk(char32_t cp) {
  // HF normalizers/bert.rs; note 0x2B920 (not BERT's 0x2B820), kept as HF has
  // it for compatibility.
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x20000 && cp <= 0x2A6DF) || (cp >= 0x2A700 && cp <= 0x2B73F) ||
         (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B920 && cp <= 0x2CEAF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
}

}  // namespace tokenforge
