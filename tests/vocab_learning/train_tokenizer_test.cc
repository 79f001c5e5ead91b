// End-to-end tests of vocab_learning/train_tokenizer.h with the real
// pipelines: the output is identical for any thread count and whether it is
// trained from the corpus, from its count file or from the count files of
// its halves; the trained tokenizer loads and encodes its training text
// into exactly the tokens training counted.

#include "vocab_learning/train_tokenizer.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/file.h"
#include "common/random.h"
#include "common/status_macros.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tokenizers/io/tokenizer_json.h"
#include "vocab_learning/trainer_pipeline.h"

namespace tokenforge {
namespace {

using ::tokenforge::testing::StatusIs;

std::string Temp(const std::string& name) {
  return (std::filesystem::temp_directory_path() /
          absl::StrCat("tf_tt_", getpid(), "_", name))
      .string();
}

// Mixed-script lines: English words, CJK runs without spaces, accents,
// digits, punctuation and runs of spaces.
std::string MixedText(uint64_t seed, int lines) {
  Rng rng(seed);
  static const char* kPieces[] = {"the", "cat", "sat", " ", "  ", "on", "mat",
                                  "日本語", "の", "テキスト", "café", "naïve",
                                  "42", "3.14", ",", "!", "\t", "über"};
  std::string text;
  for (int i = 0; i < lines; ++i) {
    const int n = 1 + static_cast<int>(rng.Below(12));
    for (int j = 0; j < n; ++j) {
      text += kPieces[rng.Below(18)];
      if (rng.Below(2)) text += " ";
    }
    text += "\n";
  }
  return text;
}

// A `tokenforge train` preset: the model kind and the flags that change
// its pipeline or model.
struct Preset {
  const char* name;
  TrainerKind kind;
  bool char_level = false;
  bool byte_fallback = false;
};

TrainTokenizerOptions OptionsFor(const Preset& preset, int threads) {
  TrainTokenizerOptions options;
  options.kind = preset.kind;
  options.bpe_char_level = preset.char_level;
  options.byte_fallback = preset.byte_fallback;
  options.vocab_size = preset.kind == TrainerKind::kBpe ? 300 : 80;
  options.num_threads = threads;
  return options;
}

absl::StatusOr<std::string> Train(const Preset& preset, const std::vector<std::string>& corpus,
                                  const std::vector<std::string>& count_files, int threads,
                                  int64_t* tokens = nullptr) {
  const TrainTokenizerOptions options = OptionsFor(preset, threads);
  CorpusStats stats;
  TF_ASSIGN_OR_RETURN(WordCounts counts,
                      CountCorpus(PipelineKind(options), options.byte_fallback, corpus,
                                  count_files, threads, 0, &stats));
  TF_ASSIGN_OR_RETURN(TrainedTokenizer trained, TrainTokenizer(counts, options));
  if (tokens != nullptr) *tokens = trained.training_tokens;
  return trained.json.dump(1);
}

class TrainTokenizerTest : public ::testing::TestWithParam<Preset> {
 protected:
  void SetUp() override {
    const std::string a = MixedText(41, 300), b = MixedText(42, 200);
    TF_ASSERT_OK(WriteFileAtomically(whole_, a + b));
    TF_ASSERT_OK(WriteFileAtomically(half_a_, a));
    TF_ASSERT_OK(WriteFileAtomically(half_b_, b));
  }
  void TearDown() override {
    for (const std::string& p : {whole_, half_a_, half_b_}) std::filesystem::remove(p);
  }
  const std::string whole_ = Temp("whole.txt"), half_a_ = Temp("a.txt"),
                    half_b_ = Temp("b.txt");
};

TEST_P(TrainTokenizerTest, IdenticalAcrossThreadsAndCountFiles) {
  const Preset& kind = GetParam();
  TF_ASSERT_OK_AND_ASSIGN(std::string one, Train(kind, {whole_}, {}, 1));
  TF_ASSERT_OK_AND_ASSIGN(std::string two, Train(kind, {whole_}, {}, 2));
  EXPECT_EQ(one, two);
  TF_ASSERT_OK_AND_ASSIGN(std::string halves, Train(kind, {half_a_, half_b_}, {}, 3));
  EXPECT_EQ(one, halves);

  const std::string ca = Temp("a.tsv"), cb = Temp("b.tsv");
  for (const auto& [text, out] : {std::pair{half_a_, ca}, std::pair{half_b_, cb}}) {
    CorpusStats stats;
    const TrainTokenizerOptions options = OptionsFor(kind, 2);
    TF_ASSERT_OK_AND_ASSIGN(WordCounts counts,
                            CountCorpus(PipelineKind(options), options.byte_fallback, {text},
                                        {}, 2, 0, &stats));
    TF_ASSERT_OK(WriteWordCounts(counts, out));
  }
  TF_ASSERT_OK_AND_ASSIGN(std::string from_counts, Train(kind, {}, {ca, cb}, 2));
  EXPECT_EQ(one, from_counts);
  std::filesystem::remove(ca);
  std::filesystem::remove(cb);
}

TEST_P(TrainTokenizerTest, EncodesTheTrainingTextAsTrained) {
  // WordPiece encodes by greedy longest match, not by its training merges,
  // so its token count may differ; with every character in the alphabet it
  // must still never need [UNK].
  const Preset& kind = GetParam();
  const bool greedy = kind.kind == TrainerKind::kWordPiece;
  int64_t tokens = 0;
  TF_ASSERT_OK_AND_ASSIGN(std::string json, Train(kind, {whole_}, {}, 2, &tokens));
  absl::StatusOr<std::unique_ptr<Tokenizer>> tokenizer =
      TokenizerFromJson(nlohmann::json::parse(json));
  if (tokenizer.status().code() == absl::StatusCode::kUnimplemented) {
    GTEST_SKIP() << tokenizer.status();
  }
  TF_ASSERT_OK(tokenizer.status());
  TF_ASSERT_OK_AND_ASSIGN(std::string text, ReadFile(whole_));
  int64_t encoded = 0;
  size_t start = 0;
  while (start < text.size()) {
    const size_t nl = text.find('\n', start);
    std::vector<TokenId> ids;
    TF_ASSERT_OK((*tokenizer)->EncodeIds(text.substr(start, nl - start), {}, &ids));
    encoded += static_cast<int64_t>(ids.size());
    if (greedy) {
      const std::optional<TokenId> unk = (*tokenizer)->TokenToId("[UNK]");
      ASSERT_TRUE(unk.has_value());
      EXPECT_EQ(std::count(ids.begin(), ids.end(), *unk), 0)
          << text.substr(start, nl - start);
    }
    start = nl + 1;
  }
  if (greedy) {
    EXPECT_GT(encoded, 0);
  } else {
    EXPECT_EQ(encoded, tokens);
  }
}

INSTANTIATE_TEST_SUITE_P(
    AllKinds, TrainTokenizerTest,
    ::testing::Values(Preset{"bpe", TrainerKind::kBpe},
                      Preset{"bpe_char", TrainerKind::kBpe, /*char_level=*/true},
                      Preset{"bpe_char_bytes", TrainerKind::kBpe, true, /*byte_fallback=*/true},
                      Preset{"wordpiece", TrainerKind::kWordPiece},
                      Preset{"unigram", TrainerKind::kUnigram},
                      Preset{"char", TrainerKind::kChar}),
    [](const ::testing::TestParamInfo<Preset>& param) { return std::string(param.param.name); });

TEST(TrainTokenizerTest, CharLevelBpeKeepsTheInitialAlphabetAndFallsBackToBytes) {
  TrainTokenizerOptions options;
  options.bpe_char_level = true;
  options.byte_fallback = true;
  options.initial_alphabet = {"qz"};
  options.vocab_size = 300;
  options.character_coverage = 0.9;  // Drops the rare characters of "日".
  const WordCounts counts = {{"▁aab", 40}, {"▁ab", 30}, {"▁日", 1}};
  TF_ASSERT_OK_AND_ASSIGN(TrainedTokenizer trained, TrainTokenizer(counts, options));
  const nlohmann::json& vocab = trained.json["model"]["vocab"];
  EXPECT_TRUE(vocab.contains("q") && vocab.contains("z"));
  EXPECT_FALSE(vocab.contains("日"));
  EXPECT_TRUE(vocab.contains("<0xE6>"));
  EXPECT_EQ(vocab["<unk>"], 0);
  EXPECT_EQ(trained.json["model"]["byte_fallback"], true);
  TF_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Tokenizer> tokenizer,
                          TokenizerFromJson(trained.json));
  std::vector<TokenId> ids;
  TF_ASSERT_OK(tokenizer->EncodeIds("日", {}, &ids));
  // "▁" then the three bytes of 日 (E6 97 A5).
  ASSERT_EQ(ids.size(), 4u);
  EXPECT_EQ(ids[1], vocab["<0xE6>"].get<int>());
}

TEST(TrainTokenizerOptionsTest, RejectsBadOptions) {
  TrainTokenizerOptions options;
  options.vocab_size = 0;
  EXPECT_THAT(TrainTokenizer({}, options), StatusIs(absl::StatusCode::kInvalidArgument));
  options.vocab_size = 10;
  options.byte_fallback = true;  // Not for byte-level BPE.
  EXPECT_THAT(TrainTokenizer({}, options), StatusIs(absl::StatusCode::kInvalidArgument));
  options.byte_fallback = false;
  options.initial_alphabet = {"a"};  // Byte-level BPE has all bytes.
  EXPECT_THAT(TrainTokenizer({}, options), StatusIs(absl::StatusCode::kInvalidArgument));
  options.initial_alphabet.clear();
  options.kind = TrainerKind::kUnigram;
  options.bpe_char_level = true;
  EXPECT_THAT(TrainTokenizer({}, options), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseTrainerKind("bpe2"), StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace tokenforge
