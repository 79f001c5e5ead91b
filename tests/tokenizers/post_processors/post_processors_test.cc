// Post-processors on hand-made encodings. Expected ids, type ids, special
// masks, offsets and word ids were produced by HF tokenizers 0.23.2 (Node
// binding, WordLevel model + WhitespaceSplit on "hello world" / "how are
// you", the same processor), and are repeated here by hand.

#include <memory>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tokenizers/encoding.h"
#include "tokenizers/post_processors/bert_processing.h"
#include "tokenizers/post_processors/simple_processors.h"
#include "tokenizers/post_processors/template_processing.h"

namespace tokenforge {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::tokenforge::testing::StatusIs;

// One token per word: ids[i] at offsets[i], word i.
Encoding Words(std::vector<TokenId> ids, std::vector<ByteSpan> offsets) {
  Encoding e;
  for (size_t i = 0; i < ids.size(); ++i) {
    e.Append(ids[i], offsets[i], static_cast<int32_t>(i), /*special=*/false);
  }
  return e;
}

Encoding HelloWorld() { return Words({1, 2}, {{0, 5}, {6, 11}}); }
Encoding HowAreYou() { return Words({3, 4, 5}, {{0, 3}, {4, 7}, {8, 11}}); }

std::vector<std::pair<uint32_t, uint32_t>> Offsets(const Encoding& e) {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  for (const ByteSpan& s : e.offsets) out.emplace_back(s.begin, s.end);
  return out;
}

using P = std::pair<uint32_t, uint32_t>;

std::unique_ptr<TemplateProcessing> BertTemplate() {
  return *TemplateProcessing::Create(*ParseTemplate("[CLS] $A [SEP]"),
                                     *ParseTemplate("[CLS] $A:0 [SEP] $B:1 [SEP]:1"),
                                     {{"[CLS]", {101}, {"[CLS]"}},
                                      {"[SEP]", {102}, {"[SEP]"}}});
}

TEST(BertProcessingTest, SingleAndPair) {
  BertProcessing bert({"[SEP]", 102}, {"[CLS]", 101});
  EXPECT_EQ(bert.AddedTokens(false), 2);
  EXPECT_EQ(bert.AddedTokens(true), 3);
  Encoding e = HelloWorld();
  TF_ASSERT_OK(bert.Process(&e, nullptr));
  EXPECT_THAT(e.ids, ElementsAre(101, 1, 2, 102));
  EXPECT_THAT(e.type_ids, ElementsAre(0, 0, 0, 0));
  EXPECT_THAT(e.special_tokens_mask, ElementsAre(1, 0, 0, 1));
  EXPECT_THAT(Offsets(e), ElementsAre(P{0, 0}, P{0, 5}, P{6, 11}, P{0, 0}));
  EXPECT_THAT(e.word_ids, ElementsAre(-1, 0, 1, -1));
  EXPECT_THAT(e.attention_mask, ElementsAre(1, 1, 1, 1));

  Encoding a = HelloWorld();
  Encoding b = HowAreYou();
  TF_ASSERT_OK(bert.Process(&a, &b));
  EXPECT_THAT(a.ids, ElementsAre(101, 1, 2, 102, 3, 4, 5, 102));
  EXPECT_THAT(a.type_ids, ElementsAre(0, 0, 0, 0, 1, 1, 1, 1));
  EXPECT_THAT(a.special_tokens_mask, ElementsAre(1, 0, 0, 1, 0, 0, 0, 1));
  EXPECT_THAT(Offsets(a), ElementsAre(P{0, 0}, P{0, 5}, P{6, 11}, P{0, 0}, P{0, 3},
                                      P{4, 7}, P{8, 11}, P{0, 0}));
  EXPECT_THAT(a.word_ids, ElementsAre(-1, 0, 1, -1, 0, 1, 2, -1));
}

TEST(RobertaProcessingTest, Pair) {
  RobertaProcessing roberta({"</s>", 8}, {"<s>", 7}, false, false);
  EXPECT_EQ(roberta.AddedTokens(false), 2);
  EXPECT_EQ(roberta.AddedTokens(true), 4);
  Encoding a = HelloWorld();
  Encoding b = HowAreYou();
  TF_ASSERT_OK(roberta.Process(&a, &b));
  EXPECT_THAT(a.ids, ElementsAre(7, 1, 2, 8, 8, 3, 4, 5, 8));
  EXPECT_THAT(a.type_ids, ElementsAre(0, 0, 0, 0, 0, 0, 0, 0, 0));
  EXPECT_THAT(a.special_tokens_mask, ElementsAre(1, 0, 0, 1, 1, 0, 0, 0, 1));
  EXPECT_THAT(a.word_ids, ElementsAre(-1, 0, 1, -1, -1, 0, 1, 2, -1));
}

TEST(TemplateProcessingTest, BertTemplateEqualsBertProcessing) {
  auto tmpl = BertTemplate();
  Encoding a = HelloWorld();
  Encoding b = HowAreYou();
  TF_ASSERT_OK(tmpl->Process(&a, &b));
  EXPECT_THAT(a.ids, ElementsAre(101, 1, 2, 102, 3, 4, 5, 102));
  EXPECT_THAT(a.type_ids, ElementsAre(0, 0, 0, 0, 1, 1, 1, 1));
  EXPECT_THAT(a.special_tokens_mask, ElementsAre(1, 0, 0, 1, 0, 0, 0, 1));
}

TEST(TemplateProcessingTest, SequenceBFirstAndMultiIdSpecialTokens) {
  auto tmpl = *TemplateProcessing::Create(
      *ParseTemplate("$A [SEP]"), *ParseTemplate("$B:1 [SEP] $A:0"),
      {{"[SEP]", {102}, {"[SEP]"}}});
  Encoding a = HelloWorld();
  Encoding b = Words({3}, {{0, 3}});
  TF_ASSERT_OK(tmpl->Process(&a, &b));
  EXPECT_THAT(a.ids, ElementsAre(3, 102, 1, 2));
  EXPECT_THAT(a.type_ids, ElementsAre(1, 0, 0, 0));
  EXPECT_THAT(a.special_tokens_mask, ElementsAre(0, 1, 0, 0));

  auto multi = *TemplateProcessing::Create(
      *ParseTemplate("[2FR] $A"), *ParseTemplate("$A $B"),
      {{"[2FR]", {1, 2, 3}, {"convert", "to", "FR"}}});
  EXPECT_EQ(multi->AddedTokens(false), 3);
  Encoding c = HelloWorld();
  TF_ASSERT_OK(multi->Process(&c, nullptr));
  EXPECT_THAT(c.ids, ElementsAre(1, 2, 3, 1, 2));
  EXPECT_THAT(c.special_tokens_mask, ElementsAre(1, 1, 1, 0, 0));
}

TEST(TemplateProcessingTest, OverflowingPiecesGetTheTemplateInHfOrder) {
  // HF: "hello world how are" / "you you you" truncated to 7 with the Bert
  // template: A = [1 2] + overflow [3 4], B = [5 5] + overflow [5].
  auto tmpl = BertTemplate();
  Encoding a = Words({1, 2}, {{0, 5}, {6, 11}});
  a.overflowing.push_back(Words({3, 4}, {{12, 15}, {16, 19}}));
  Encoding b = Words({5, 5}, {{0, 3}, {4, 7}});
  b.overflowing.push_back(Words({5}, {{8, 11}}));
  TF_ASSERT_OK(tmpl->Process(&a, &b));
  EXPECT_THAT(a.ids, ElementsAre(101, 1, 2, 102, 5, 5, 102));
  ASSERT_EQ(a.overflowing.size(), 3u);
  EXPECT_THAT(a.overflowing[0].ids, ElementsAre(101, 3, 4, 102, 5, 5, 102));
  EXPECT_THAT(a.overflowing[0].type_ids, ElementsAre(0, 0, 0, 0, 1, 1, 1));
  EXPECT_THAT(a.overflowing[1].ids, ElementsAre(101, 3, 4, 102, 5, 102));
  EXPECT_THAT(a.overflowing[2].ids, ElementsAre(101, 1, 2, 102, 5, 102));
  EXPECT_THAT(Offsets(a.overflowing[2]),
              ElementsAre(P{0, 0}, P{0, 5}, P{6, 11}, P{0, 0}, P{8, 11}, P{0, 0}));
}

TEST(TemplateProcessingTest, ParsesHfPieceSyntax) {
  using K = TemplatePiece::Kind;
  TF_ASSERT_OK_AND_ASSIGN(auto pieces, ParseTemplate("$ $B $1 $B:2 $:1 [CLS]:3 $a"));
  EXPECT_THAT(pieces, ElementsAre(TemplatePiece{K::kSequenceA, "", 0},
                                  TemplatePiece{K::kSequenceB, "", 0},
                                  TemplatePiece{K::kSequenceA, "", 1},
                                  TemplatePiece{K::kSequenceB, "", 2},
                                  TemplatePiece{K::kSequenceA, "", 1},
                                  TemplatePiece{K::kSpecialToken, "[CLS]", 3},
                                  TemplatePiece{K::kSequenceA, "", 0}));
  for (const char* bad : {"$C:1", "$A:", "a:b:c", "$A:x", "[X]:-1"}) {
    EXPECT_THAT(ParseTemplate(bad), StatusIs(absl::StatusCode::kInvalidArgument))
        << bad;
  }
}

TEST(TemplateProcessingTest, RejectsInconsistentTemplates) {
  EXPECT_THAT(TemplateProcessing::Create(*ParseTemplate("$A"), *ParseTemplate("$A $A:1"), {}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("both sequences")));
  EXPECT_THAT(TemplateProcessing::Create(*ParseTemplate("[CLS] $A"),
                                         *ParseTemplate("$A $B"), {}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("[CLS]")));
  EXPECT_THAT(TemplateProcessing::Create(*ParseTemplate("$A"), *ParseTemplate("$A $B"),
                                         {{"[X]", {1, 2}, {"x"}}}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("same length")));
}

TEST(SequenceProcessingTest, RunsStepsThenMergesOnce) {
  std::vector<std::unique_ptr<PieceProcessor>> steps;
  steps.push_back(std::make_unique<ByteLevelProcessing>(false, false, true));
  steps.push_back(*TemplateProcessing::Create(*ParseTemplate("[CLS] $A"),
                                              *ParseTemplate("[CLS] $A $B:1"),
                                              {{"[CLS]", {101}, {"[CLS]"}}}));
  SequenceProcessing seq(std::move(steps));
  EXPECT_EQ(seq.AddedTokens(true), 1);
  Encoding a = HelloWorld();
  Encoding b = Words({5}, {{0, 3}});
  TF_ASSERT_OK(seq.Process(&a, &b));
  EXPECT_THAT(a.ids, ElementsAre(101, 1, 2, 5));
  EXPECT_THAT(a.type_ids, ElementsAre(0, 0, 0, 1));
  EXPECT_THAT(a.special_tokens_mask, ElementsAre(1, 0, 0, 0));
}

TEST(ByteLevelProcessingTest, KeepsIdsAndGivesThePairTypeOne) {
  ByteLevelProcessing byte_level(false, true, true);
  Encoding a = HelloWorld();
  Encoding b = Words({3}, {{0, 3}});
  TF_ASSERT_OK(byte_level.Process(&a, &b));
  EXPECT_THAT(a.ids, ElementsAre(1, 2, 3));
  EXPECT_THAT(a.type_ids, ElementsAre(0, 0, 1));
  EXPECT_THAT(a.word_ids, ElementsAre(0, 1, 0));
}

TEST(PostProcessorsTest, WithoutSpecialTokensOnlyTypeIdsChangeAsInHf) {
  // HF 0.23.2, encode("hello world", "how are you", addSpecialTokens=false).
  struct Case {
    std::unique_ptr<PieceProcessor> processor;
    std::vector<uint8_t> type_ids;
  };
  std::vector<Case> cases;
  cases.push_back({std::make_unique<BertProcessing>(SpecialToken{"[SEP]", 102},
                                                    SpecialToken{"[CLS]", 101}),
                   {0, 0, 1, 1, 1}});
  cases.push_back({std::make_unique<RobertaProcessing>(SpecialToken{"</s>", 8},
                                                       SpecialToken{"<s>", 7}, false, false),
                   {0, 0, 0, 0, 0}});
  cases.push_back({*TemplateProcessing::Create(
                       *ParseTemplate("[CLS] $A [SEP]"),
                       *ParseTemplate("[CLS] $A:0 [SEP] $B:2 [SEP]:1"),
                       {{"[CLS]", {101}, {"[CLS]"}}, {"[SEP]", {102}, {"[SEP]"}}}),
                   {0, 0, 2, 2, 2}});
  cases.push_back({std::make_unique<ByteLevelProcessing>(false, false, true), {0, 0, 1, 1, 1}});
  for (const Case& c : cases) {
    Encoding a = HelloWorld();
    Encoding b = HowAreYou();
    TF_ASSERT_OK(c.processor->Process(&a, &b, /*add_special_tokens=*/false));
    EXPECT_THAT(a.ids, ElementsAre(1, 2, 3, 4, 5)) << c.processor->ToJson();
    EXPECT_THAT(a.type_ids, ElementsAreArray(c.type_ids)) << c.processor->ToJson();
    EXPECT_THAT(a.special_tokens_mask, ElementsAre(0, 0, 0, 0, 0));
  }
}

}  // namespace
}  // namespace tokenforge
