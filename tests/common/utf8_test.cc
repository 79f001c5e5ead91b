#include "common/utf8.h"

#include <string>

#include "gtest/gtest.h"

namespace tokenforge {
namespace {

TEST(Utf8Test, EncodeDecodeRoundTripsEveryScalarValue) {
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    std::string s;
    AppendUtf8(cp, &s);
    const DecodedChar c = DecodeUtf8(s, 0);
    ASSERT_EQ(c.code_point, cp);
    ASSERT_EQ(c.length, s.size());
  }
}

TEST(Utf8Test, RejectsInvalidSequencesOneByteAtATime) {
  const char* cases[] = {"\xC0\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                         "\xE2\x82", "\x80", "\xFF"};
  for (const char* c : cases) {
    const std::string s(c);
    const DecodedChar d = DecodeUtf8(s, 0);
    EXPECT_EQ(d.code_point, kInvalidCodePoint) << s;
    EXPECT_EQ(d.length, 1u);
    EXPECT_FALSE(IsValidUtf8(s));
  }
}

TEST(Utf8Test, FindsFirstInvalidByte) {
  EXPECT_EQ(FindInvalidUtf8("h\xC3\xA9llo\xFFx"), 6u);
  EXPECT_EQ(FindInvalidUtf8("ok"), 2u);
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));
}

}  // namespace
}  // namespace tokenforge
