// DecoderFromJson: HF forms round-trip through ToJson; bad input is named.

#include "tokenizers/decoders/decoder_factory.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace tokenforge {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::tokenforge::testing::StatusIs;

// As HF tokenizers 0.23.2 writes them (Tokenizer.save from Node).
const char* const kRoundTrips[] = {
    R"({"type":"ByteLevel","add_prefix_space":true,"trim_offsets":true,"use_regex":true})",
    R"({"type":"ByteLevel","add_prefix_space":false,"trim_offsets":false,"use_regex":false})",
    R"({"type":"ByteFallback"})",
    R"({"type":"Fuse"})",
    R"({"type":"Metaspace","replacement":"▁","prepend_scheme":"always","split":true})",
    R"({"type":"Metaspace","replacement":"_","prepend_scheme":"first","split":false})",
    R"({"type":"WordPiece","prefix":"##","cleanup":true})",
    R"({"type":"BPEDecoder","suffix":"</w>"})",
    R"({"type":"CTC","pad_token":"<pad>","word_delimiter_token":"|","cleanup":true})",
    R"({"type":"Strip","content":" ","start":1,"stop":0})",
    R"({"type":"Replace","pattern":{"String":"▁"},"content":" "})",
    R"({"type":"Replace","pattern":{"Regex":"_+"},"content":" "})",
    R"({"type":"Sequence","decoders":[{"type":"Replace","pattern":{"String":"▁"},"content":" "},{"type":"ByteFallback"},{"type":"Fuse"},{"type":"Strip","content":" ","start":1,"stop":0}]})",
};

TEST(DecoderFactoryTest, RoundTripsHfForms) {
  for (const char* text : kRoundTrips) {
    const nlohmann::json json = nlohmann::json::parse(text);
    TF_ASSERT_OK_AND_ASSIGN(auto decoder, DecoderFromJson(json));
    EXPECT_EQ(decoder->ToJson(), json) << text;
  }
}

TEST(DecoderFactoryTest, FillsDefaultsAndReadsLegacyMetaspace) {
  TF_ASSERT_OK_AND_ASSIGN(auto byte_level, DecoderFromJson({{"type", "ByteLevel"}}));
  EXPECT_EQ(byte_level->ToJson(), nlohmann::json::parse(kRoundTrips[0]));
  TF_ASSERT_OK_AND_ASSIGN(auto wordpiece, DecoderFromJson({{"type", "WordPiece"}}));
  EXPECT_EQ(wordpiece->ToJson(), nlohmann::json::parse(kRoundTrips[6]));
  // Pre-0.19 files: {"add_prefix_space": false} means prepend_scheme never.
  TF_ASSERT_OK_AND_ASSIGN(
      auto legacy, DecoderFromJson(nlohmann::json::parse(
                       R"({"type":"Metaspace","replacement":"▁","add_prefix_space":false})")));
  EXPECT_EQ(legacy->ToJson()["prepend_scheme"], "never");
  std::vector<std::string> tokens = {"\xE2\x96\x81" "a", "\xE2\x96\x81" "b"};
  TF_ASSERT_OK(legacy->DecodeChain(&tokens));
  EXPECT_THAT(tokens, ElementsAre(" a", " b"));
}

TEST(DecoderFactoryTest, UnknownTypesAreUnimplemented) {
  EXPECT_THAT(DecoderFromJson({{"type", "Mystery"}}),
              StatusIs(absl::StatusCode::kUnimplemented, HasSubstr("Mystery")));
  EXPECT_THAT(DecoderFromJson(nlohmann::json::parse(
                  R"({"type":"Sequence","decoders":[{"type":"Fuse"},{"type":"X"}]})")),
              StatusIs(absl::StatusCode::kUnimplemented, HasSubstr("decoders[1]")));
}

TEST(DecoderFactoryTest, BadFieldsAreNamed) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"type":"ByteLevel","use_regex":"no"})", "use_regex"},
      {R"({"type":"Metaspace","replacement":"ab"})", "replacement"},
      {R"({"type":"Metaspace","replacement":""})", "replacement"},
      {R"({"type":"Metaspace","prepend_scheme":"sometimes"})", "prepend_scheme"},
      {R"({"type":"WordPiece","cleanup":1})", "cleanup"},
      {R"({"type":"BPEDecoder","suffix":2})", "suffix"},
      {R"({"type":"Strip","content":" ","start":-1,"stop":0})", "start"},
      {R"({"type":"Strip","content":" ","start":1})", "stop"},
      {R"({"type":"Strip","start":1,"stop":1})", "content"},
      {R"({"type":"Replace","pattern":{"Regex":"(a"},"content":""})", "(a"},
      {R"({"type":"Replace","pattern":[],"content":""})", "pattern"},
      {R"({"type":"Sequence","decoders":{}})", "decoders"},
      {R"({"type":"CTC","pad_token":0})", "pad_token"},
      {R"({"decoders":[]})", "type"},
  };
  for (const auto& [text, field] : cases) {
    EXPECT_THAT(DecoderFromJson(nlohmann::json::parse(text)),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(field)))
        << text;
  }
}

}  // namespace
}  // namespace tokenforge
