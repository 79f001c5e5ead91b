#include "tokenizers/models/bpe_model.h"

#include <map>
#include <string>
#include <vector>

#include "common/random.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/testing/reference_bpe.h"
#include "tests/testing/status_matchers.h"
#include "tokenizers/byte_level_alphabet.h"

namespace tokenforge {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::tokenforge::testing::StatusIs;

using Vocab = std::vector<std::pair<std::string, TokenId>>;
using Merges = std::vector<std::pair<std::string, std::string>>;

// Builds a char-level model whose vocab is `tokens` (ids in order).
std::unique_ptr<BpeModel> MakeModel(const std::vector<std::string>& tokens,
                                    const Merges& merges,
                                    BpeModelOptions options = {}) {
  Vocab vocab;
  for (size_t i = 0; i < tokens.size(); ++i) {
    vocab.emplace_back(tokens[i], static_cast<TokenId>(i));
  }
  absl::StatusOr<std::unique_ptr<BpeModel>> model =
      BpeModel::Create(vocab, merges, options);
  EXPECT_TRUE(model.ok()) << model.status();
  return model.ok() ? *std::move(model) : nullptr;
}

std::vector<std::string> Pieces(const BpeModel& model, absl::string_view word) {
  std::vector<Token> tokens;
  EXPECT_TRUE(model.Tokenize(word, &tokens).ok());
  std::vector<std::string> out;
  for (const Token& t : tokens) out.emplace_back(model.IdToToken(t.id));
  return out;
}

TEST(BpeModelTest, AppliesLowestRankMergeFirst) {
  // (b, c) has rank 0 and (a, b) rank 1: "abc" must become a + bc.
  auto model = MakeModel({"a", "b", "c", "ab", "bc"}, {{"b", "c"}, {"a", "b"}});
  EXPECT_THAT(Pieces(*model, "abc"), ElementsAre("a", "bc"));
}

TEST(BpeModelTest, LeftmostPairWinsATie) {
  auto model = MakeModel({"a", "aa"}, {{"a", "a"}});
  EXPECT_THAT(Pieces(*model, "aaa"), ElementsAre("aa", "a"));
}

TEST(BpeModelTest, SpansCoverTheWord) {
  auto model = MakeModel({"h", "e", "l", "o", "he", "ll", "llo"},
                         {{"h", "e"}, {"l", "l"}, {"ll", "o"}});
  std::vector<Token> tokens;
  TF_ASSERT_OK(model->Tokenize("hello", &tokens));
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].span, (ByteSpan{0, 2}));
  EXPECT_EQ(tokens[1].span, (ByteSpan{2, 5}));
}

TEST(BpeModelTest, UnknownCharacterIsAnErrorWithoutUnk) {
  auto model = MakeModel({"a"}, {});
  std::vector<Token> tokens;
  EXPECT_THAT(model->Tokenize("ab", &tokens),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("'b'")));
}

TEST(BpeModelTest, UnkAndFuseUnk) {
  auto plain = MakeModel({"<unk>", "a"}, {}, {.unk_token = "<unk>"});
  EXPECT_THAT(Pieces(*plain, "axyа"), ElementsAre("a", "<unk>", "<unk>", "<unk>"));
  auto fused = MakeModel({"<unk>", "a"}, {}, {.unk_token = "<unk>", .fuse_unk = true});
  EXPECT_THAT(Pieces(*fused, "axya"), ElementsAre("a", "<unk>", "a"));
}

TEST(BpeModelTest, ByteFallbackSpellsUnknownCharactersAsBytes) {
  std::vector<std::string> tokens = {"<unk>", "a"};
  for (int b = 0; b < 256; ++b) {
    char name[8];
    std::snprintf(name, sizeof(name), "<0x%02X>", b);
    tokens.push_back(name);
  }
  auto model = MakeModel(tokens, {}, {.unk_token = "<unk>", .byte_fallback = true});
  EXPECT_THAT(Pieces(*model, "a\xC3\xA9"), ElementsAre("a", "<0xC3>", "<0xA9>"));
  std::vector<Token> out;
  TF_ASSERT_OK(model->Tokenize("a\xC3\xA9", &out));
  EXPECT_EQ(out[1].span, (ByteSpan{1, 3}));  // Both bytes carry the character.
}

TEST(BpeModelTest, ContinuingSubwordPrefixAndSuffix) {
  auto model = MakeModel({"a", "##b", "##c</w>", "##b##c</w>", "c</w>"},
                         {{"##b", "##c</w>"}},
                         {.continuing_subword_prefix = "##",
                          .end_of_word_suffix = "</w>"});
  EXPECT_THAT(Pieces(*model, "abc"), ElementsAre("a", "##b##c</w>"));
  EXPECT_THAT(Pieces(*model, "c"), ElementsAre("c</w>"));
}

TEST(BpeModelTest, RejectsMergeOutsideVocabulary) {
  EXPECT_THAT(BpeModel::Create({{"a", 0}, {"b", 1}}, {{"a", "b"}}, {}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("merge 1 'a b'")));
  EXPECT_THAT(BpeModel::Create({{"a", 0}, {"b", 2}}, {}, {}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("contiguous")));
  EXPECT_THAT(BpeModel::FromRanks({{"a", 0}, {"b", 2000000000}}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("contiguous")));
  EXPECT_THAT(BpeModel::Create({{"a", 0}}, {}, {.dropout = 1.5f}),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

// Random merges over a small alphabet, so long words hit many merges.
struct RandomBpe {
  std::vector<std::string> tokens;
  Merges merges;
};

RandomBpe MakeRandomBpe(uint64_t seed, int num_merges) {
  Rng rng(seed);
  RandomBpe bpe;
  for (char c : std::string("abcd")) bpe.tokens.push_back(std::string(1, c));
  std::map<std::string, bool> have;
  for (const auto& t : bpe.tokens) have[t] = true;
  while (static_cast<int>(bpe.merges.size()) < num_merges) {
    const std::string l = bpe.tokens[rng.Below(bpe.tokens.size())];
    const std::string r = bpe.tokens[rng.Below(bpe.tokens.size())];
    if (l.size() + r.size() > 8 || have[l + r]) continue;
    bpe.merges.emplace_back(l, r);
    bpe.tokens.push_back(l + r);
    have[l + r] = true;
  }
  return bpe;
}

TEST(BpeModelTest, MatchesReferenceOnRandomWordsShortAndLong) {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    RandomBpe bpe = MakeRandomBpe(seed, 40);
    auto model = MakeModel(bpe.tokens, bpe.merges);
    Rng rng(seed * 77);
    for (int trial = 0; trial < 50; ++trial) {
      // Lengths straddle kHeapThreshold so both merge paths are checked.
      const size_t len = 1 + rng.Below(trial % 2 ? 300 : 40);
      std::string word;
      std::vector<std::string> chars;
      for (size_t i = 0; i < len; ++i) {
        word.push_back("abcd"[rng.Below(4)]);
        chars.push_back(word.substr(i, 1));
      }
      ASSERT_EQ(Pieces(*model, word),
                testing::ReferenceBpeMerges(chars, bpe.merges))
          << "seed " << seed << " word " << word;
    }
  }
}

std::vector<TokenId> LoopIds(const BpeModel& model, const std::string& word,
                             internal::BpeMergeLoop loop) {
  std::vector<Token> tokens;
  EXPECT_TRUE(internal::TokenizeWithLoop(model, word, loop, &tokens).ok());
  std::vector<TokenId> ids;
  uint32_t at = 0;
  for (const Token& t : tokens) {
    EXPECT_EQ(t.span.begin, at);
    at = t.span.end;
    ids.push_back(t.id);
  }
  EXPECT_EQ(at, word.size());
  return ids;
}

// The three merge loops agree, on vocabularies in training order (where the
// bucket loop runs to the end) and with shuffled ranks (where it must hand
// over to the heap). The heap loop is checked against the reference above.
TEST(BpeModelTest, HeapAndBucketLoopsAgreeOnLongWords) {
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    RandomBpe bpe = MakeRandomBpe(seed, 60);
    Rng rng(seed);
    if (seed % 2 == 0) {  // Shuffle the ranks: no longer a training order.
      for (size_t i = bpe.merges.size(); i > 1; --i) {
        std::swap(bpe.merges[i - 1], bpe.merges[rng.Below(i)]);
      }
    }
    auto model = MakeModel(bpe.tokens, bpe.merges);
    for (int trial = 0; trial < 4; ++trial) {
      std::string word;
      const size_t len = 100 + rng.Below(6000);
      for (size_t i = 0; i < len; ++i) word.push_back("abcd"[rng.Below(trial == 0 ? 1 : 4)]);
      const auto heap = LoopIds(*model, word, internal::BpeMergeLoop::kHeap);
      ASSERT_EQ(LoopIds(*model, word, internal::BpeMergeLoop::kBuckets), heap)
          << "seed " << seed << " length " << len;
      ASSERT_EQ(LoopIds(*model, word, internal::BpeMergeLoop::kAuto), heap);
    }
    // Short words: the flat loop too, and the reference.
    for (int trial = 0; trial < 50; ++trial) {
      std::string word;
      std::vector<std::string> chars;
      const size_t len = 1 + rng.Below(BpeModel::kHeapThreshold);
      for (size_t i = 0; i < len; ++i) {
        word.push_back("abcd"[rng.Below(4)]);
        chars.push_back(word.substr(i, 1));
      }
      const auto flat = LoopIds(*model, word, internal::BpeMergeLoop::kFlat);
      ASSERT_EQ(LoopIds(*model, word, internal::BpeMergeLoop::kHeap), flat);
      ASSERT_EQ(LoopIds(*model, word, internal::BpeMergeLoop::kBuckets), flat);
      ASSERT_EQ(Pieces(*model, word), testing::ReferenceBpeMerges(chars, bpe.merges));
    }
  }
}

TEST(BpeModelTest, RanksModelMatchesTiktokenReference) {
  // A byte-level rank table: all 256 bytes, then tokens of a random BPE
  // numbered in creation order, as tiktoken files are.
  RandomBpe bpe = MakeRandomBpe(5, 60);
  std::vector<std::pair<std::string, TokenId>> ranks;
  std::map<std::string, int> rank_of;
  for (int b = 0; b < 256; ++b) {
    ranks.emplace_back(std::string(1, static_cast<char>(b)), b);
    rank_of[std::string(1, static_cast<char>(b))] = b;
  }
  for (size_t i = 4; i < bpe.tokens.size(); ++i) {
    const TokenId id = static_cast<TokenId>(256 + i - 4);
    ranks.emplace_back(bpe.tokens[i], id);
    rank_of[bpe.tokens[i]] = id;
  }
  TF_ASSERT_OK_AND_ASSIGN(std::unique_ptr<BpeModel> model, BpeModel::FromRanks(ranks));
  Rng rng(9);
  for (int trial = 0; trial < 300; ++trial) {
    std::string word;
    const size_t len = 1 + rng.Below(trial % 2 ? 200 : 30);
    for (size_t i = 0; i < len; ++i) word.push_back("abcdx"[rng.Below(5)]);
    std::vector<std::string> got;
    std::vector<Token> tokens;
    TF_ASSERT_OK(model->Tokenize(word, &tokens));
    for (const Token& t : tokens) got.emplace_back(model->TokenBytes(t.id));
    ASSERT_EQ(got, testing::ReferenceTiktoken(word, rank_of)) << word;
    std::vector<TokenId> ids;
    TF_ASSERT_OK(model->TokenizeIds(word, &ids));
    ASSERT_EQ(ids.size(), tokens.size());
  }
}

TEST(BpeModelTest, ByteLevelTokensUseTheByteToUnicodeForm) {
  std::vector<std::pair<std::string, TokenId>> ranks;
  for (int b = 0; b < 256; ++b) ranks.emplace_back(std::string(1, static_cast<char>(b)), b);
  ranks.emplace_back(" w", 256);
  TF_ASSERT_OK_AND_ASSIGN(std::unique_ptr<BpeModel> model, BpeModel::FromRanks(ranks));
  EXPECT_EQ(model->IdToToken(256), "\xC4\xA0w");  // "Ġw"
  EXPECT_EQ(model->TokenToId("\xC4\xA0w"), 256);
  EXPECT_EQ(model->TokenBytes(256), " w");
}

TEST(BpeModelTest, DropoutIsSeededAndZeroDropoutIsPlainBpe) {
  RandomBpe bpe = MakeRandomBpe(3, 40);
  auto plain = MakeModel(bpe.tokens, bpe.merges);
  auto a = MakeModel(bpe.tokens, bpe.merges, {.dropout = 0.5f, .dropout_seed = 1});
  auto b = MakeModel(bpe.tokens, bpe.merges, {.dropout = 0.5f, .dropout_seed = 1});
  const std::string word = "abcdabcdabcdabcdaabbccdd";
  EXPECT_EQ(Pieces(*a, word), Pieces(*b, word));
  // Dropout can only leave more pieces than plain BPE.
  EXPECT_GE(Pieces(*a, word).size(), Pieces(*plain, word).size());
  auto heavy = MakeModel(bpe.tokens, bpe.merges, {.dropout = 0.999f, .dropout_seed = 2});
  EXPECT_GT(Pieces(*heavy, word).size(), Pieces(*plain, word).size());
}

TEST(BpeModelTest, JsonHasHfFields) {
  auto model = MakeModel({"a", "b", "ab"}, {{"a", "b"}});
  const nlohmann::json j = model->ToJson();
  EXPECT_EQ(j["type"], "BPE");
  EXPECT_EQ(j["vocab"]["ab"], 2);
  EXPECT_EQ(j["merges"][0][0], "a");
  EXPECT_EQ(j["merges"][0][1], "b");
}

}  // namespace
}  // namespace tokenforge
