// PostProcessorFromJson: HF forms round-trip; bad input is named.

#include "tokenizers/post_processors/post_processor_factory.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tokenizers/encoding.h"

namespace tokenforge {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::tokenforge::testing::StatusIs;

// As HF tokenizers 0.23.2 writes them (Tokenizer.save from Node).
const char* const kRoundTrips[] = {
    R"({"type":"TemplateProcessing",
        "single":[{"SpecialToken":{"id":"[CLS]","type_id":0}},{"Sequence":{"id":"A","type_id":0}},{"SpecialToken":{"id":"[SEP]","type_id":0}}],
        "pair":[{"SpecialToken":{"id":"[CLS]","type_id":0}},{"Sequence":{"id":"A","type_id":0}},{"SpecialToken":{"id":"[SEP]","type_id":0}},{"Sequence":{"id":"B","type_id":1}},{"SpecialToken":{"id":"[SEP]","type_id":1}}],
        "special_tokens":{"[CLS]":{"id":"[CLS]","ids":[1],"tokens":["[CLS]"]},"[SEP]":{"id":"[SEP]","ids":[2],"tokens":["[SEP]"]}}})",
    R"({"type":"BertProcessing","sep":["[SEP]",2],"cls":["[CLS]",1]})",
    R"({"type":"RobertaProcessing","sep":["</s>",2],"cls":["<s>",0],"trim_offsets":true,"add_prefix_space":true})",
    R"({"type":"ByteLevel","add_prefix_space":true,"trim_offsets":true,"use_regex":true})",
    R"({"type":"Sequence","processors":[{"type":"ByteLevel","add_prefix_space":false,"trim_offsets":false,"use_regex":true},
        {"type":"TemplateProcessing","single":[{"SpecialToken":{"id":"<|begin_of_text|>","type_id":0}},{"Sequence":{"id":"A","type_id":0}}],
         "pair":[{"Sequence":{"id":"A","type_id":0}},{"Sequence":{"id":"B","type_id":1}}],
         "special_tokens":{"<|begin_of_text|>":{"id":"<|begin_of_text|>","ids":[128000],"tokens":["<|begin_of_text|>"]}}}]})",
};

TEST(PostProcessorFactoryTest, RoundTripsHfForms) {
  for (const char* text : kRoundTrips) {
    const nlohmann::json json = nlohmann::json::parse(text);
    TF_ASSERT_OK_AND_ASSIGN(auto p, PostProcessorFromJson(json));
    EXPECT_EQ(p->ToJson(), json) << text;
  }
}

TEST(PostProcessorFactoryTest, AcceptsStringTemplates) {
  TF_ASSERT_OK_AND_ASSIGN(auto p, PostProcessorFromJson(nlohmann::json::parse(R"({
      "type":"TemplateProcessing","single":"[CLS] $A [SEP]",
      "pair":["[CLS]", "$A", "[SEP]", "$B:1", "[SEP]:1"],
      "special_tokens":{"[CLS]":{"id":"[CLS]","ids":[1],"tokens":["[CLS]"]},
                        "[SEP]":{"id":"[SEP]","ids":[2],"tokens":["[SEP]"]}}})")));
  EXPECT_EQ(p->ToJson(), nlohmann::json::parse(kRoundTrips[0]));
  Encoding e;
  e.Append(7, {0, 1}, 0, false);
  TF_ASSERT_OK(p->Process(&e, nullptr));
  EXPECT_THAT(e.ids, ElementsAre(1, 7, 2));
}

TEST(PostProcessorFactoryTest, AcceptsIdsBuiltInCpp) {
  // nlohmann::json built from ints holds signed numbers.
  nlohmann::json json = {{"type", "BertProcessing"},
                         {"sep", {"[SEP]", 2}},
                         {"cls", {"[CLS]", 1}}};
  TF_ASSERT_OK_AND_ASSIGN(auto bert, PostProcessorFromJson(json));
  nlohmann::json tmpl = {
      {"type", "TemplateProcessing"},
      // Parsed: nested braces would be read as an object here.
      {"single", nlohmann::json::parse(
                     R"([{"SpecialToken": {"id": "[CLS]", "type_id": 0}},
                         {"Sequence": {"id": "A", "type_id": 0}}])")},
      {"pair", "$A $B:1"},
      {"special_tokens", {{"[CLS]", {{"id", "[CLS]"}, {"ids", {5}}, {"tokens", {"[CLS]"}}}}}}};
  TF_ASSERT_OK_AND_ASSIGN(auto p, PostProcessorFromJson(tmpl));
  Encoding e;
  e.Append(7, {0, 1}, 0, false);
  TF_ASSERT_OK(p->Process(&e, nullptr));
  EXPECT_THAT(e.ids, ElementsAre(5, 7));
  EXPECT_THAT(PostProcessorFromJson({{"type", "BertProcessing"},
                                     {"sep", {"[SEP]", -2}},
                                     {"cls", {"[CLS]", 1}}}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("sep")));
}

TEST(PostProcessorFactoryTest, UnknownTypesAreUnimplemented) {
  EXPECT_THAT(PostProcessorFromJson({{"type", "Mystery"}}),
              StatusIs(absl::StatusCode::kUnimplemented, HasSubstr("Mystery")));
  EXPECT_THAT(PostProcessorFromJson(nlohmann::json::parse(
                  R"({"type":"Sequence","processors":[{"type":"Nope"}]})")),
              StatusIs(absl::StatusCode::kUnimplemented, HasSubstr("processors[0]")));
}

TEST(PostProcessorFactoryTest, BadFieldsAreNamed) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"type":"BertProcessing","sep":["[SEP]"],"cls":["[CLS]",1]})", "sep"},
      {R"({"type":"BertProcessing","sep":["[SEP]",2],"cls":[1,"[CLS]"]})", "cls"},
      {R"({"type":"RobertaProcessing","sep":["</s>",2],"cls":["<s>",0],"trim_offsets":0})",
       "trim_offsets"},
      {R"({"type":"ByteLevel","add_prefix_space":"x"})", "add_prefix_space"},
      {R"({"type":"TemplateProcessing","single":[{"Sequence":{"id":"C","type_id":0}}]})",
       "single"},
      {R"({"type":"TemplateProcessing","single":"$A","pair":5})", "pair"},
      {R"({"type":"TemplateProcessing","single":"$A","pair":"$A $B","special_tokens":[]})",
       "special_tokens"},
      {R"({"type":"TemplateProcessing","single":"[X] $A","pair":"$A $B"})", "[X]"},
      {R"({"type":"TemplateProcessing","single":"$A","pair":"$A"})", "pair"},
      {R"({"type":"TemplateProcessing","single":"$Q"})", "$Q"},
      {R"({"type":"Sequence"})", "processors"},
  };
  for (const auto& [text, field] : cases) {
    EXPECT_THAT(PostProcessorFromJson(nlohmann::json::parse(text)),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(field)))
        << text;
  }
}

}  // namespace
}  // namespace tokenforge
