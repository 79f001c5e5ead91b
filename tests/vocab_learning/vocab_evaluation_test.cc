// Tests for vocab_learning/vocab_evaluation.h: the split is cut at a line
// boundary and accounts for every byte; with a byte-level vocabulary without
// merges the token stream is the bytes themselves (line ends as their own
// id); a small LM trains on a learned vocabulary, deterministically, and its
// bits per byte divide by the validation text's bytes.

#include "vocab_learning/vocab_evaluation.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>

#include "common/random.h"
#include "common/status_macros.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tokenizers/io/tokenizer_json.h"
#include "vocab_learning/train_tokenizer.h"
#include "vocab_learning/trainer_pipeline.h"

namespace tokenforge {
namespace {

using ::tokenforge::testing::StatusIs;

std::string Lines(uint64_t seed, int lines) {
  Rng rng(seed);
  static const char* kWords[] = {"the", "cat", "sat", "on", "a", "mat", "and",
                                 "dog", "ran", "café", "日本", ",", "."};
  std::string text;
  for (int i = 0; i < lines; ++i) {
    const int n = 1 + static_cast<int>(rng.Below(10));
    for (int j = 0; j < n; ++j) {
      if (j > 0) text += " ";
      text += kWords[rng.Below(13)];
    }
    text += "\n";
  }
  return text;
}

// Trains a tokenizer of `kind` on `text` and loads it.
std::unique_ptr<Tokenizer> Trained(TrainerKind kind, int vocab_size, const std::string& text) {
  TrainTokenizerOptions options;
  options.kind = kind;
  options.vocab_size = vocab_size;
  absl::StatusOr<LineSplitter> split = MakeLineSplitter(DefaultPipeline(kind));
  TF_CHECK(split.ok());
  WordCounter counter(CountOptions{.allow_invalid_utf8 = kind == TrainerKind::kBpe}, *split);
  TF_CHECK(counter.AddText(text, "text").ok());
  absl::StatusOr<TrainedTokenizer> trained = TrainTokenizer(counter.Finish(), options);
  TF_CHECK(trained.ok());
  absl::StatusOr<std::unique_ptr<Tokenizer>> tokenizer = TokenizerFromJson(trained->json);
  TF_CHECK(tokenizer.ok());
  return *std::move(tokenizer);
}

TEST(TokenizeForLmTest, BytesWithoutMergesAreTheBytesThemselves) {
  const std::string text = Lines(1, 200);
  const std::unique_ptr<Tokenizer> bytes = Trained(TrainerKind::kBpe, 256, text);
  ASSERT_EQ(bytes->vocab_size(), 256);
  TF_ASSERT_OK_AND_ASSIGN(TokenizedCorpus corpus, TokenizeForLm(*bytes, text, 0.1, 2));
  EXPECT_EQ(corpus.vocab_size, 257);
  EXPECT_EQ(corpus.line_end, 256);
  EXPECT_EQ(corpus.train_bytes + corpus.val_bytes, static_cast<int64_t>(text.size()));
  EXPECT_EQ(text[corpus.train_bytes - 1], '\n');  // Cut after a line end.
  EXPECT_NEAR(static_cast<double>(corpus.val_bytes) / text.size(), 0.1, 0.02);
  // One token per byte, the line end included.
  EXPECT_EQ(static_cast<int64_t>(corpus.train.size()), corpus.train_bytes);
  EXPECT_EQ(static_cast<int64_t>(corpus.val.size()), corpus.val_bytes);
  EXPECT_EQ(std::count(corpus.val.begin(), corpus.val.end(), 256),
            std::count(text.begin() + corpus.train_bytes, text.end(), '\n'));
  EXPECT_EQ(corpus.lossy_lines, 0);
}

TEST(TokenizeForLmTest, IdsDoNotDependOnThreadsAndLastLineNeedsNoNewline) {
  const std::string text = Lines(2, 300) + "no newline at the end";
  const std::unique_ptr<Tokenizer> bpe = Trained(TrainerKind::kBpe, 300, text);
  TF_ASSERT_OK_AND_ASSIGN(TokenizedCorpus one, TokenizeForLm(*bpe, text, 0.2, 1));
  TF_ASSERT_OK_AND_ASSIGN(TokenizedCorpus three, TokenizeForLm(*bpe, text, 0.2, 3));
  EXPECT_EQ(one.train, three.train);
  EXPECT_EQ(one.val, three.val);
  EXPECT_NE(one.val.back(), one.line_end);
  EXPECT_LT(one.train.size(), static_cast<size_t>(one.train_bytes));  // Merges compress.
}

TEST(TokenizeForLmTest, CountsLinesThatDoNotDecodeToThemselves) {
  // The unigram pipeline collapses runs of spaces: such lines are lossy.
  const std::string text = Lines(3, 100) + "two  spaces\n" + Lines(4, 20);
  const std::unique_ptr<Tokenizer> unigram = Trained(TrainerKind::kUnigram, 100, text);
  TF_ASSERT_OK_AND_ASSIGN(TokenizedCorpus corpus, TokenizeForLm(*unigram, text, 0.1, 2));
  EXPECT_GE(corpus.lossy_lines, 1);
}

TEST(TokenizeForLmTest, RejectsTextsThatCannotBeSplit) {
  const std::unique_ptr<Tokenizer> bytes = Trained(TrainerKind::kBpe, 256, "ab\n");
  EXPECT_THAT(TokenizeForLm(*bytes, "one line only", 0.1, 1),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(TokenizeForLm(*bytes, "a\nb\n", 0.0, 1),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(TrainLmOnTokensTest, TrainsDeterministicallyAndScoresEveryValidationByte) {
  const std::string text = Lines(5, 1500);
  const std::unique_ptr<Tokenizer> bpe = Trained(TrainerKind::kBpe, 320, text);
  TF_ASSERT_OK_AND_ASSIGN(TokenizedCorpus corpus, TokenizeForLm(*bpe, text, 0.1, 2));
  LmSetup setup;
  setup.model.context_length = 16;
  setup.model.n_layer = 1;
  setup.model.n_head = 2;
  setup.model.d_model = 16;
  setup.train.batch_size = 4;
  setup.train.max_steps = 40;
  setup.train.warmup_steps = 5;
  setup.train.lr_decay_steps = 40;
  setup.train.num_threads = 2;
  TF_ASSERT_OK_AND_ASSIGN(TrainResult a, TrainLmOnTokens(corpus, setup, {}, nullptr));
  TF_ASSERT_OK_AND_ASSIGN(TrainResult b, TrainLmOnTokens(corpus, setup, {}, nullptr));
  EXPECT_EQ(a.val.total_nats, b.val.total_nats);
  EXPECT_EQ(a.val.bytes, corpus.val_bytes);
  EXPECT_EQ(a.val.tokens, static_cast<int64_t>(corpus.val.size()));
  // Better than uniform over the vocabulary, which 40 steps easily beat.
  const double uniform_bpb = std::log2(static_cast<double>(corpus.vocab_size)) *
                             static_cast<double>(corpus.val.size()) / corpus.val_bytes;
  EXPECT_TRUE(std::isfinite(a.val.bits_per_byte()));
  EXPECT_LT(a.val.bits_per_byte(), uniform_bpb);
  // Too little text for the context is an error, not a crash.
  setup.model.context_length = 100000;
  EXPECT_THAT(TrainLmOnTokens(corpus, setup, {}, nullptr),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace tokenforge
