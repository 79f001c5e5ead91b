#include "tokenizers/byte_level_alphabet.h"

#include <set>
#include <string>

#include "absl/strings/escaping.h"
#include "common/random.h"
#include "common/utf8.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace tokenforge {
namespace {

using ::testing::HasSubstr;
using ::tokenforge::testing::StatusIs;

TEST(ByteLevelAlphabetTest, KnownCharacters) {
  // Values from GPT-2's bytes_to_unicode().
  EXPECT_EQ(ByteToUnicode(' '), U'\u0120');   // 'Ġ'
  EXPECT_EQ(ByteToUnicode('\n'), U'\u010A');  // 'Ċ'
  EXPECT_EQ(ByteToUnicode(0), U'\u0100');
  EXPECT_EQ(ByteToUnicode('!'), U'!');
  EXPECT_EQ(ByteToUnicode('~'), U'~');
  EXPECT_EQ(ByteToUnicode(0x7F), U'\u0121');
  EXPECT_EQ(ByteToUnicode(0xA0), U'\u0142');
  EXPECT_EQ(ByteToUnicode(0xAD), U'\u0143');
  EXPECT_EQ(ByteToUnicode(0xA1), U'\u00A1');
  EXPECT_EQ(ByteToUnicode(0xFF), U'\u00FF');
  EXPECT_EQ(BytesToByteLevel("Hello world\n"), "HelloĠworldĊ");
  EXPECT_EQ(BytesToByteLevel("é"), "Ã©");  // 0xC3 0xA9
}

TEST(ByteLevelAlphabetTest, IsABijectionOnto256CodePoints) {
  std::set<char32_t> seen;
  for (int b = 0; b < 256; ++b) {
    const char32_t cp = ByteToUnicode(static_cast<uint8_t>(b));
    EXPECT_TRUE(seen.insert(cp).second) << b;
    EXPECT_LT(cp, 0x144u);
    ASSERT_TRUE(UnicodeToByte(cp).has_value());
    EXPECT_EQ(*UnicodeToByte(cp), b);
  }
  int outside = 0;
  for (char32_t cp = 0; cp < 0x400; ++cp) {
    if (!UnicodeToByte(cp).has_value()) ++outside;
  }
  EXPECT_EQ(outside, 0x400 - 256);
}

TEST(ByteLevelAlphabetTest, RoundTripsEveryByteAndRandomStrings) {
  std::string all;
  for (int b = 0; b < 256; ++b) all.push_back(static_cast<char>(b));
  const std::string encoded = BytesToByteLevel(all);
  EXPECT_TRUE(IsValidUtf8(encoded));
  TF_ASSERT_OK_AND_ASSIGN(std::string decoded, ByteLevelToBytes(encoded));
  EXPECT_EQ(decoded, all);

  Rng rng(/*seed=*/17);
  for (int trial = 0; trial < 2000; ++trial) {
    std::string bytes(rng.Below(40), '\0');
    for (char& c : bytes) c = static_cast<char>(rng.Below(256));
    TF_ASSERT_OK_AND_ASSIGN(std::string back,
                            ByteLevelToBytes(BytesToByteLevel(bytes)));
    ASSERT_EQ(back, bytes) << absl::CEscape(bytes);
  }
}

TEST(ByteLevelAlphabetTest, InverseNamesTheOffendingCharacter) {
  EXPECT_THAT(ByteLevelToBytes("aĠb c"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("U+0020 ' ' at offset 4")));
  EXPECT_THAT(ByteLevelToBytes("ab\xE2\x96\x81"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("U+2581")));
  EXPECT_THAT(ByteLevelToBytes("a\xFF"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("invalid UTF-8 byte 0xFF at offset 1")));
  TF_ASSERT_OK_AND_ASSIGN(std::string empty, ByteLevelToBytes(""));
  EXPECT_EQ(empty, "");
}

}  // namespace
}  // namespace tokenforge
