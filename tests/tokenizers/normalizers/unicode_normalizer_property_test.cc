// Property tests on seeded random mixed-script text (invalid UTF-8 too):
//  - NFC/NFD/NFKC/NFKD equal ICU's whole-string normalization byte for byte
//    (per valid-UTF-8 run; invalid bytes pass through) and are idempotent;
//  - every normalizer maps each normalized character back into the
//    original's bounds, onto UTF-8 character boundaries, in order.

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "common/utf8.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/testing/status_matchers.h"
#include "tests/tokenizers/normalizers/mixed_text.h"
#include "tokenizers/normalized_string.h"
#include "tokenizers/normalizers/normalizer_factory.h"
#include "tokenizers/normalizers/unicode_normalizer.h"
#include "unicode/bytestream.h"
#include "unicode/normalizer2.h"
#include "unicode/ustring.h"
#include "unicode/utf16.h"
#include "tokenizers/normalizers/lowercase_normalizer.h"

namespace tokenforge {
namespace {

constexpr int kTrials = 3000;

// ICU on the whole of each valid run; invalid bytes copied.
std::string IcuReference(const icu::Normalizer2& impl, absl::string_view s) {
  std::string out;
  size_t pos = 0;
  while (pos < s.size()) {
    const size_t run_end = pos + FindInvalidUtf8(s.substr(pos));
    icu::StringByteSink<std::string> sink(&out);
    UErrorCode status = U_ZERO_ERROR;
    impl.normalizeUTF8(0, icu::StringPiece(s.data() + pos, static_cast<int32_t>(run_end - pos)),
                       sink, nullptr, status);
    EXPECT_TRUE(U_SUCCESS(status));
    if (run_end < s.size()) out.push_back(s[run_end]);
    pos = run_end + 1;
  }
  return out;
}

bool IsCharBoundary(absl::string_view s, uint32_t at) {
  if (at == 0 || at == s.size()) return true;
  // A boundary unless `at` is inside a valid multi-byte sequence.
  size_t pos = 0;
  while (pos < at) pos += DecodeUtf8(s, pos).length;
  return pos == at;
}

// Checks the alignment of every normalized character. `byte_granular`
// normalizers (ByteLevel) align characters to single bytes, so their spans
// need not fall on character boundaries.
void ExpectAlignmentSane(const NormalizedString& text, const std::string& input,
                         bool byte_granular = false) {
  const std::string& n = text.normalized();
  size_t pos = 0;
  while (pos < n.size()) {
    const uint32_t len = DecodeUtf8(n, pos).length;
    const ByteSpan o = text.ToOriginal({static_cast<uint32_t>(pos),
                                        static_cast<uint32_t>(pos + len)});
    ASSERT_LE(o.begin, o.end);
    ASSERT_LE(o.end, input.size()) << absl::CEscape(input);
    if (byte_granular) {
      ASSERT_EQ(o.size(), 1u);
    } else {
      ASSERT_TRUE(IsCharBoundary(input, o.begin)) << absl::CEscape(input) << " @" << pos;
      ASSERT_TRUE(IsCharBoundary(input, o.end)) << absl::CEscape(input) << " @" << pos;
    }
    pos += len;
  }
  const ByteSpan all = text.ToOriginal({0, static_cast<uint32_t>(n.size())});
  ASSERT_LE(all.end, input.size());
}

struct FormCase {
  UnicodeForm form;
  const icu::Normalizer2* (*instance)(UErrorCode&);
};

TEST(UnicodeNormalizerPropertyTest, MatchesIcuAndIsIdempotent) {
  const FormCase cases[] = {
      {UnicodeForm::kNfc, &icu::Normalizer2::getNFCInstance},
      {UnicodeForm::kNfd, &icu::Normalizer2::getNFDInstance},
      {UnicodeForm::kNfkc, &icu::Normalizer2::getNFKCInstance},
      {UnicodeForm::kNfkd, &icu::Normalizer2::getNFKDInstance},
  };
  for (const FormCase& c : cases) {
    TF_ASSERT_OK_AND_ASSIGN(auto normalizer, UnicodeNormalizer::Create(c.form));
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* impl = c.instance(status);
    ASSERT_TRUE(U_SUCCESS(status));
    testing::MixedText gen(/*seed=*/100 + static_cast<int>(c.form));
    for (int trial = 0; trial < kTrials; ++trial) {
      const std::string input = gen.Next(/*max_chars=*/24, /*allow_invalid=*/true);
      NormalizedString text(input);
      TF_ASSERT_OK(normalizer->Normalize(&text));
      ASSERT_EQ(text.normalized(), IcuReference(*impl, input))
          << normalizer->ToJson() << " \"" << absl::CEscape(input) << "\"";
      ExpectAlignmentSane(text, input);
      const std::string once = text.normalized();
      TF_ASSERT_OK(normalizer->Normalize(&text));
      ASSERT_EQ(text.normalized(), once) << "not idempotent: " << absl::CEscape(input);
      ExpectAlignmentSane(text, input);
    }
  }
}

TEST(NormalizerPropertyTest, EveryNormalizerKeepsAlignmentInBounds) {
  const char* const kConfigs[] = {
      R"({"type":"Lowercase"})",
      R"({"type":"StripAccents"})",
      R"({"type":"Strip","strip_left":true,"strip_right":true})",
      R"({"type":"Replace","pattern":{"Regex":"\\s+"},"content":"▁▁"})",
      R"({"type":"Replace","pattern":{"String":"a"},"content":""})",
      R"({"type":"Prepend","prepend":"▁"})",
      R"({"type":"ByteLevel"})",
      R"({"type":"BertNormalizer"})",
      R"({"type":"BertNormalizer","strip_accents":true,"lowercase":false})",
      R"({"type":"Sequence","normalizers":[{"type":"NFKD"},{"type":"StripAccents"},
          {"type":"Lowercase"},{"type":"Prepend","prepend":"▁"},{"type":"NFC"}]})",
  };
  for (const char* config : kConfigs) {
    TF_ASSERT_OK_AND_ASSIGN(auto normalizer,
                            NormalizerFromJson(nlohmann::json::parse(config)));
    testing::MixedText gen(/*seed=*/7);
    for (int trial = 0; trial < kTrials / 3; ++trial) {
      const std::string input = gen.Next(/*max_chars=*/24, /*allow_invalid=*/true);
      NormalizedString text(input);
      TF_ASSERT_OK(normalizer->Normalize(&text));
      SCOPED_TRACE(config);
      ExpectAlignmentSane(text, input,
                          normalizer->ToJson()["type"] == "ByteLevel");
      if (::testing::Test::HasFatalFailure()) return;
    }
  }
}

TEST(NormalizerPropertyTest, LowercaseAndStripAccentsAreIdempotentOnNfd) {
  TF_ASSERT_OK_AND_ASSIGN(
      auto seq, NormalizerFromJson(nlohmann::json::parse(
                    R"({"type":"Sequence","normalizers":[{"type":"NFD"},
                        {"type":"StripAccents"},{"type":"Lowercase"}]})")));
  testing::MixedText gen(/*seed=*/11);
  for (int trial = 0; trial < kTrials; ++trial) {
    const std::string input = gen.Next(24, true);
    NormalizedString text(input);
    TF_ASSERT_OK(seq->Normalize(&text));
    const std::string once = text.normalized();
    TF_ASSERT_OK(seq->Normalize(&text));
    ASSERT_EQ(text.normalized(), once) << absl::CEscape(input);
  }
}

// Every code point: LowercaseChar (simple mapping + U+0130) equals ICU's
// full lowercase of the character alone in the root locale, which is what
// Rust's char::to_lowercase computes (no context, so Σ -> σ).
TEST(LowercasePropertyTest, EqualsIcuFullLowercaseOnEveryCodePoint) {
  for (char32_t c = 0; c <= 0x10FFFF; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    UChar src[2];
    int32_t len = 0;
    UBool error = false;
    U16_APPEND(src, len, 2, static_cast<UChar32>(c), error);
    ASSERT_FALSE(error);
    UChar dst[8];
    UErrorCode status = U_ZERO_ERROR;
    const int32_t n = u_strToLower(dst, 8, src, len, "", &status);
    ASSERT_TRUE(U_SUCCESS(status));
    std::string expected;
    for (int32_t i = 0; i < n;) {
      UChar32 cp;
      U16_NEXT(dst, i, n, cp);
      AppendUtf8(static_cast<char32_t>(cp), &expected);
    }
    std::string own;
    std::string actual;
    if (LowercaseChar(c, &own)) {
      actual = own;
    } else {
      AppendUtf8(c, &actual);
    }
    ASSERT_EQ(actual, expected) << "U+" << std::hex << static_cast<uint32_t>(c);
  }
}

}  // namespace
}  // namespace tokenforge
