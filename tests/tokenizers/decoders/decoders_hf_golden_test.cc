// Decoders against HF tokenizers 0.23.2: tests/golden/decoders/<name>.tsv,
// written by tests/golden/normalizers/generate_hf_golden.js. Each input is a
// token list joined with U+001F. Cases where HF prints U+FFFD for invalid
// bytes (tokenforge returns the bytes) are not in the files.

#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/testing/status_matchers.h"
#include "tokenizers/decoders/decoder_factory.h"

namespace tokenforge {
namespace {

struct GoldenCase {
  const char* file;
  const char* config;
};

class DecodersHfGoldenTest : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(DecodersHfGoldenTest, MatchesHf) {
  TF_ASSERT_OK_AND_ASSIGN(auto decoder,
                          DecoderFromJson(nlohmann::json::parse(GetParam().config)));
  std::ifstream in(std::string("tests/golden/decoders/") + GetParam().file + ".tsv");
  ASSERT_TRUE(in.good());
  std::string line;
  int count = 0;
  while (std::getline(in, line)) {
    const std::vector<std::string> fields = absl::StrSplit(line, '\t');
    ASSERT_EQ(fields.size(), 2u) << line;
    std::string joined, expected;
    ASSERT_TRUE(absl::CUnescape(fields[0], &joined));
    ASSERT_TRUE(absl::CUnescape(fields[1], &expected));
    std::vector<std::string> tokens = absl::StrSplit(joined, '\x1f');
    if (joined.empty()) tokens.clear();
    TF_ASSERT_OK(decoder->DecodeChain(&tokens));
    EXPECT_EQ(absl::StrJoin(tokens, ""), expected) << "tokens \"" << fields[0] << "\"";
    ++count;
  }
  EXPECT_GE(count, 100);
}

INSTANTIATE_TEST_SUITE_P(
    All, DecodersHfGoldenTest,
    ::testing::Values(
        GoldenCase{"metaspace",
                   R"({"type":"Metaspace","replacement":"▁","prepend_scheme":"always","split":true})"},
        GoldenCase{"metaspace_never",
                   R"({"type":"Metaspace","replacement":"▁","prepend_scheme":"never","split":true})"},
        GoldenCase{"wordpiece", R"({"type":"WordPiece","prefix":"##","cleanup":true})"},
        GoldenCase{"bpe", R"({"type":"BPEDecoder","suffix":"</w>"})"},
        GoldenCase{"ctc",
                   R"({"type":"CTC","pad_token":"<pad>","word_delimiter_token":"|","cleanup":true})"},
        GoldenCase{"strip", R"({"type":"Strip","content":"▁","start":1,"stop":0})"},
        GoldenCase{"llama", R"({"type":"Sequence","decoders":[
            {"type":"Replace","pattern":{"String":"▁"},"content":" "},
            {"type":"ByteFallback"},{"type":"Fuse"},
            {"type":"Strip","content":" ","start":1,"stop":0}]})"}),
    [](const ::testing::TestParamInfo<GoldenCase>& p) { return p.param.file; });

}  // namespace
}  // namespace tokenforge
