// Hand-checked cases for every decoder. Expected values were checked with
// HF tokenizers 0.23.2 (Node binding) except where tokenforge deliberately
// keeps raw bytes (marked).

#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tokenizers/decoders/byte_decoders.h"
#include "tokenizers/decoders/string_decoders.h"
#include "tokenizers/decoders/subword_decoders.h"

namespace tokenforge {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> Chain(const Decoder& d, std::vector<std::string> tokens) {
  const absl::Status status = d.DecodeChain(&tokens);
  EXPECT_TRUE(status.ok()) << status;
  return tokens;
}

std::string Decode(const Decoder& d, std::vector<std::string> tokens) {
  std::string out;
  for (const std::string& t : Chain(d, std::move(tokens))) out += t;
  return out;
}

TEST(ByteLevelDecoderTest, MapsAlphabetBackToBytes) {
  ByteLevelDecoder d;
  EXPECT_THAT(Chain(d, {"Hello", "\xC4\xA0world"}), ElementsAre("Hello world"));
  // A 4-byte emoji split across tokens.
  EXPECT_EQ(Decode(d, {"\xC4\xA0\xC3\xB0\xC5\x81\xC4\xBA", "\xC4\xA2"}),
            " \xF0\x9F\x98\x80");
  // A token outside the alphabet (an added token) is kept as is.
  EXPECT_EQ(Decode(d, {"Hello", "<|endoftext|> x", "\xC4\xA0!"}),
            "Hello<|endoftext|> x !");
  // tokenforge keeps invalid UTF-8 as bytes (HF would print U+FFFD).
  EXPECT_EQ(Decode(d, {"\xC3\x83"}), "\xC3");
  EXPECT_THAT(Chain(d, {}), ElementsAre(""));
}

TEST(ByteFallbackDecoderTest, JoinsByteRuns) {
  ByteFallbackDecoder d;
  EXPECT_THAT(Chain(d, {"Hey", "friend!"}), ElementsAre("Hey", "friend!"));
  EXPECT_THAT(Chain(d, {"<0x61>"}), ElementsAre("a"));
  EXPECT_THAT(Chain(d, {"<0xE5>", "<0x8f>", "<0xab>", "a"}),
              ElementsAre("\xE5\x8F\xAB", "a"));
  // HF quirks kept: "+F" parses as 15; malformed tokens stay tokens.
  EXPECT_THAT(Chain(d, {"<0x+F>", "<0x6G>", "<0X61>", "<0x611>"}),
              ElementsAre("\x0F", "<0x6G>", "<0X61>", "<0x611>"));
  // Invalid UTF-8 stays raw (HF: one U+FFFD per byte).
  EXPECT_THAT(Chain(d, {"<0xE5>", "<0x8F>", "a"}), ElementsAre("\xE5\x8F", "a"));
}

TEST(MetaspaceDecoderTest, PrependSchemes) {
  const std::vector<std::string> tokens = {"\xE2\x96\x81" "a\xE2\x96\x81" "b",
                                           "\xE2\x96\x81" "c", "d\xE2\x96\x81"};
  // HF drops every '▁' of the first token unless the scheme is "never".
  EXPECT_EQ(Decode(MetaspaceDecoder("\xE2\x96\x81", PrependScheme::kAlways, true), tokens),
            "ab cd ");
  EXPECT_EQ(Decode(MetaspaceDecoder("\xE2\x96\x81", PrependScheme::kFirst, true), tokens),
            "ab cd ");
  EXPECT_EQ(Decode(MetaspaceDecoder("\xE2\x96\x81", PrependScheme::kNever, true), tokens),
            " a b cd ");
  EXPECT_THAT(Chain(MetaspaceDecoder("_", PrependScheme::kAlways, true),
                    {"_Hey", "_friend!"}),
              ElementsAre("Hey", " friend!"));
}

TEST(WordPieceDecoderTest, PrefixAndCleanup) {
  const std::vector<std::string> tokens = {"##uelo", "Ara", "##\xC3\xBAj", "##o", "No",
                                           "##guera"};
  EXPECT_EQ(Decode(WordPieceDecoder("##", false), tokens),
            "##uelo Ara\xC3\xBAjo Noguera");
  EXPECT_EQ(Decode(WordPieceDecoder("##", true),
                   {"##uelo", "Ara", "##\xC3\xBAj", "##o", "No", "##guera", ".",
                    "do", "n't", "I", "'m", "##."}),
            "##uelo Ara\xC3\xBAjo Noguera. don't I'm.");
  EXPECT_EQ(WordPieceCleanup("a , b ? c ' d do not"), "a, b? c'd don't");
}

TEST(BpeDecoderTest, SuffixBecomesSpaceExceptAtTheEnd) {
  BpeDecoder d("</w>");
  EXPECT_EQ(Decode(d, {"hel", "lo</w>", "wor", "ld</w>"}), "hello world");
  EXPECT_EQ(Decode(d, {"a</w>b</w>", "c</w>"}), "a b c");
}

TEST(CtcDecoderTest, MergesRepeatsAndDropsPads) {
  EXPECT_EQ(Decode(CtcDecoder("<pad>", "|", true),
                   {"<pad>", "h", "h", "e", "<pad>", "l", "l", "<pad>", "l", "o",
                    "|", "|", "w", "o", "<pad>", "r", "l", "d", "<pad>", " ."}),
            "hello world.");
  EXPECT_EQ(Decode(CtcDecoder("<pad>", "|", false), {"a", "|", "b"}), "a|b");
}

TEST(StringDecodersTest, FuseStripReplace) {
  EXPECT_THAT(Chain(FuseDecoder(), {"a", "b", ""}), ElementsAre("ab"));
  EXPECT_THAT(Chain(StripDecoder("H", 1, 0), {"Hey", " friend!", "HHH"}),
              ElementsAre("ey", " friend!", "HH"));
  EXPECT_THAT(Chain(StripDecoder("y", 0, 1), {"Hey", " friend!", "yyy"}),
              ElementsAre("He", " friend!", "yy"));
  // Larger counts than the token are clamped (HF panics here).
  EXPECT_THAT(Chain(StripDecoder("y", 5, 5), {"yyy", "yay"}), ElementsAre("", "a"));
  EXPECT_THAT(Chain(StripDecoder("\xE2\x96\x81", 1, 0), {"\xE2\x96\x81\xE2\x96\x81" "a"}),
              ElementsAre("\xE2\x96\x81" "a"));
  ReplaceDecoder replace(*ReplacePattern::Create("_", false, " "));
  EXPECT_THAT(Chain(replace, {"hello", "_hello", "__"}),
              ElementsAre("hello", " hello", "  "));
  ReplaceDecoder groups(*ReplacePattern::Create("(l)(e)", true, "$1 $2"));
  EXPECT_THAT(Chain(groups, {"le", "test"}), ElementsAre("l e", "test"));
}

TEST(SequenceDecoderTest, LlamaStyleChain) {
  // Llama 2's tokenizer.json decoder.
  std::vector<std::unique_ptr<Decoder>> steps;
  steps.push_back(std::make_unique<ReplaceDecoder>(
      *ReplacePattern::Create("\xE2\x96\x81", false, " ")));
  steps.push_back(std::make_unique<ByteFallbackDecoder>());
  steps.push_back(std::make_unique<FuseDecoder>());
  steps.push_back(std::make_unique<StripDecoder>(" ", 1, 0));
  SequenceDecoder seq(std::move(steps));
  EXPECT_THAT(Chain(seq, {"\xE2\x96\x81Hello", "\xE2\x96\x81wor", "ld", "<0xE5>",
                          "<0x8F>", "<0xAB>", "!"}),
              ElementsAre("Hello world\xE5\x8F\xAB!"));
}

}  // namespace
}  // namespace tokenforge
