// tests/tokenizers/normalizers/mixed_text.h
//
// Seeded random text for the property tests of normalizers and decoders:
// ASCII, Latin with stacked combining marks, precomposed Latin, Hangul
// syllables and conjoining jamo, CJK (BMP and supplementary), emoji with ZWJ
// and skin-tone modifiers, Arabic with harakat, ligatures (U+FB01),
// full-width forms, compatibility characters (①, ㎏), Greek final sigma,
// 'İ', control and format characters, odd whitespace, and (optionally)
// bytes that are not UTF-8.
//
//   MixedText gen(/*seed=*/7);
//   std::string s = gen.Next(/*max_chars=*/40, /*allow_invalid=*/true);

#ifndef TOKENFORGE_TESTS_TOKENIZERS_NORMALIZERS_MIXED_TEXT_H_
#define TOKENFORGE_TESTS_TOKENIZERS_NORMALIZERS_MIXED_TEXT_H_

#include <string>
#include <vector>

#include "common/random.h"
#include "common/utf8.h"

namespace tokenforge::testing {

class MixedText {
 public:
  explicit MixedText(uint64_t seed) : rng_(seed) {}

  // Returns up to `max_chars` characters (or invalid bytes).
  std::string Next(int max_chars, bool allow_invalid) {
    std::string out;
    const int n = static_cast<int>(rng_.Below(max_chars + 1));
    for (int i = 0; i < n; ++i) AppendOne(allow_invalid, &out);
    return out;
  }

 private:
  struct Range {
    char32_t first;
    char32_t last;
  };

  char32_t Pick(const std::vector<Range>& ranges) {
    const Range& r = ranges[rng_.Below(ranges.size())];
    return r.first + static_cast<char32_t>(rng_.Below(r.last - r.first + 1));
  }

  void AppendOne(bool allow_invalid, std::string* out) {
    static const std::vector<Range> kAscii = {{0x20, 0x7E}, {'\t', '\n'}};
    static const std::vector<Range> kMarks = {
        {0x300, 0x36F}, {0x1AB0, 0x1ABE}, {0x20D0, 0x20F0}, {0x0903, 0x0903}};
    static const std::vector<Range> kLatin = {{0xC0, 0x17F}, {0x1E00, 0x1EFF}};
    static const std::vector<Range> kHangul = {
        {0xAC00, 0xD7A3}, {0x1100, 0x1112}, {0x1161, 0x1175}, {0x11A8, 0x11C2}};
    static const std::vector<Range> kCjk = {
        {0x4E00, 0x9FFF}, {0x3400, 0x4DBF}, {0x20000, 0x2A6DF}, {0xF900, 0xFAFF},
        {0x3040, 0x30FF}, {0x2F800, 0x2FA1D}};
    static const std::vector<Range> kArabic = {{0x600, 0x6FF}, {0xFB50, 0xFDFF},
                                               {0xFE70, 0xFEFC}};
    static const std::vector<Range> kCompat = {
        {0xFB00, 0xFB06}, {0xFF01, 0xFF5E}, {0x2460, 0x24FF}, {0x3300, 0x33FF},
        {0x2000, 0x200F}, {0x2028, 0x202F}, {0x3000, 0x3000}, {0x00A0, 0x00BF},
        {0x0130, 0x0130}, {0x03A3, 0x03A3}, {0x0390, 0x03CE}, {0x212A, 0x212B},
        {0x1F100, 0x1F10A}, {0x0080, 0x009F}, {0xFFFD, 0xFFFD}, {0xE000, 0xE010},
        {0x0000, 0x0008}, {0x1D400, 0x1D4FF}};
    static const std::vector<Range> kEmoji = {{0x1F600, 0x1F64F}, {0x1F300, 0x1F3FF}};
    switch (rng_.Below(allow_invalid ? 11 : 10)) {
      case 0:
      case 1:
        AppendUtf8(Pick(kAscii), out);
        break;
      case 2:
        AppendUtf8(Pick(kMarks), out);
        break;
      case 3:
        AppendUtf8(Pick(kLatin), out);
        break;
      case 4:
        AppendUtf8(Pick(kHangul), out);
        break;
      case 5:
        AppendUtf8(Pick(kCjk), out);
        break;
      case 6:
        AppendUtf8(Pick(kArabic), out);
        break;
      case 7:
        AppendUtf8(Pick(kCompat), out);
        break;
      case 8:
        AppendUtf8(Pick(kEmoji), out);
        if (rng_.Below(2) == 0) AppendUtf8(0x1F3FB + static_cast<char32_t>(rng_.Below(5)), out);
        if (rng_.Below(2) == 0) {
          AppendUtf8(0x200D, out);  // ZWJ
          AppendUtf8(Pick(kEmoji), out);
        }
        break;
      case 9:
        // A base letter followed by several marks in random order exercises
        // canonical reordering.
        AppendUtf8(Pick(kAscii), out);
        for (int k = static_cast<int>(rng_.Below(4)); k > 0; --k) {
          AppendUtf8(Pick(kMarks), out);
        }
        break;
      default:
        AppendInvalid(out);
    }
  }

  void AppendInvalid(std::string* out) {
    static const char* const kBad[] = {"\xFF", "\x80", "\xC3", "\xE2\x82",
                                       "\xED\xA0\x80", "\xF0\x9F\x98", "\xC0\xAF"};
    *out += kBad[rng_.Below(sizeof(kBad) / sizeof(kBad[0]))];
  }

  Rng rng_;
};

}  // namespace tokenforge::testing

#endif  // TOKENFORGE_TESTS_TOKENIZERS_NORMALIZERS_MIXED_TEXT_H_
