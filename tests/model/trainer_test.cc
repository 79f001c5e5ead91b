// tests/model/trainer_test.cc
//
// Options, data, evaluation accounting, n-gram baselines, checkpoints and
// the training loop's determinism (thread count, resume).

#include "model/trainer.h"

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "common/file.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "model/checkpoint.h"
#include "model/data.h"
#include "model/evaluation.h"
#include "model/ngram.h"
#include "tests/testing/status_matchers.h"

namespace tokenforge {
namespace {

using ::testing::HasSubstr;
using testing::StatusIs;

std::string TempDir(const std::string& name) {
  const std::string dir =
      (std::filesystem::temp_directory_path() / ("tf_model_" + name)).string();
  std::filesystem::remove_all(dir);
  return dir;
}

std::string SampleText() {
  std::string text;
  for (int i = 0; i < 60; ++i) {
    text += "the quick brown fox jumps over the lazy dog; ";
    text += "pack my box with five dozen liquor jugs. ";
  }
  return text;
}

LmSetup TinySetup() {
  LmSetup setup;
  setup.model = TransformerConfig{.vocab_size = 256,
                                  .context_length = 16,
                                  .n_layer = 1,
                                  .n_head = 2,
                                  .d_model = 16};
  setup.train.batch_size = 4;
  setup.train.max_steps = 6;
  setup.train.warmup_steps = 2;
  setup.train.lr_decay_steps = 6;
  setup.train.log_interval = 3;
  return setup;
}

TEST(LmSetupTest, ValidatesAndParses) {
  TransformerConfig bad{.n_head = 3, .d_model = 64};
  EXPECT_THAT(bad.Validate(), StatusIs(absl::StatusCode::kInvalidArgument,
                                       HasSubstr("d_model")));
  EXPECT_THAT((TransformerConfig{.norm = "batchnorm"}).Validate(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("norm")));
  EXPECT_THAT(LmPreset("g9"), StatusIs(absl::StatusCode::kNotFound));
  TF_ASSERT_OK_AND_ASSIGN(LmSetup g1, LmPreset("g1"));
  EXPECT_EQ(g1.model.n_layer, 4);
  EXPECT_EQ(g1.model.d_model, 128);
  EXPECT_EQ(g1.train.batch_size, 12);
  EXPECT_EQ(g1.train.max_steps, 2000);
  TF_ASSERT_OK_AND_ASSIGN(
      LmSetup parsed,
      LmSetup::FromText("# comment\nn_layer = 3\nffn = swiglu\nseed=7\n", g1));
  EXPECT_EQ(parsed.model.n_layer, 3);
  EXPECT_EQ(parsed.model.ffn, "swiglu");
  EXPECT_EQ(parsed.train.seed, 7u);
  EXPECT_THAT(
      LmSetup::FromText("n_layers = 3", g1),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("n_layers")));
  EXPECT_THAT(LmSetup::FromText("n_layer = three", g1),
              StatusIs(absl::StatusCode::kInvalidArgument));
  // Round trip through text.
  TF_ASSERT_OK_AND_ASSIGN(LmSetup again,
                          LmSetup::FromText(parsed.ToText(), {}));
  EXPECT_EQ(again.ToText(), parsed.ToText());
}

TEST(DataTest, SplitAccountsForEveryValidationByte) {
  const std::string text = SampleText();
  TF_ASSERT_OK_AND_ASSIGN(TextSplit split, SplitByteLevel(text, 0.1));
  const size_t n_train = static_cast<size_t>(text.size() * 0.9);
  EXPECT_EQ(split.train.size(), n_train);
  EXPECT_EQ(split.val_bytes, static_cast<int64_t>(text.size() - n_train));
  EXPECT_EQ(static_cast<int64_t>(split.val.size()) - split.first_predicted,
            split.val_bytes);
  EXPECT_EQ(split.val.back(), static_cast<unsigned char>(text.back()));
  EXPECT_THAT(SplitByteLevel("abc", 0.1),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(SplitByteLevel(text, 1.5),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(DataTest, TokenSplitMatchesByteSplitForBytes) {
  const std::string text = SampleText();
  TF_ASSERT_OK_AND_ASSIGN(TextSplit bytes, SplitByteLevel(text, 0.1));
  const size_t cut = bytes.train.size();
  const TextSplit tokens =
      SplitTokens(BytesToTokens(text.substr(0, cut)),
                  BytesToTokens(text.substr(cut)), text.size() - cut);
  EXPECT_EQ(tokens.train, bytes.train);
  EXPECT_EQ(tokens.val, bytes.val);
  EXPECT_EQ(tokens.first_predicted, bytes.first_predicted);
  EXPECT_EQ(tokens.val_bytes, bytes.val_bytes);
}

TEST(DataTest, TokenFilesRoundTrip) {
  const std::string dir = TempDir("tokens");
  std::filesystem::create_directories(dir);
  const std::string u16("\x01\x00\xff\xff\x34\x12", 6);
  TF_ASSERT_OK(WriteFileAtomically(dir + "/a.u16", u16));
  TF_ASSERT_OK_AND_ASSIGN(auto ids, ReadTokenFile(dir + "/a.u16", 2));
  EXPECT_EQ(ids, (std::vector<TokenId>{1, 65535, 0x1234}));
  TF_ASSERT_OK(WriteFileAtomically(
      dir + "/a.u32", std::string("\x01\x02\x03\x00\x07\x00\x00\x00", 8)));
  TF_ASSERT_OK_AND_ASSIGN(auto ids32, ReadTokenFile(dir + "/a.u32", 4));
  EXPECT_EQ(ids32, (std::vector<TokenId>{0x030201, 7}));
  EXPECT_THAT(ReadTokenFile(dir + "/a.u16", 3),
              StatusIs(absl::StatusCode::kInvalidArgument));
  TF_ASSERT_OK(WriteFileAtomically(dir + "/b.u32", std::string(5, 'x')));
  EXPECT_THAT(ReadTokenFile(dir + "/b.u32", 4),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(DataTest, LoaderIsAPureFunctionOfSeedAndStep) {
  const std::vector<TokenId> tokens = BytesToTokens(SampleText());
  TokenLoader a(tokens, 3, 8, 42), b(tokens, 3, 8, 42);
  std::vector<TokenId> in1, tg1, in2, tg2;
  a.Batch(5, &in1, &tg1);
  b.Batch(4, &in2, &tg2);
  b.Batch(5, &in2, &tg2);
  EXPECT_EQ(in1, in2);
  EXPECT_EQ(tg1, tg2);
  for (int i = 0; i + 1 < 8; ++i) EXPECT_EQ(in1[i + 1], tg1[i]);
  a.Batch(6, &in2, &tg2);
  EXPECT_NE(in1, in2);
}

TEST(EvaluationTest, ScoresEachTokenOnceWhateverTheBatching) {
  TF_ASSERT_OK_AND_ASSIGN(TextSplit split, SplitByteLevel(SampleText(), 0.2));
  LmSetup setup = TinySetup();
  TF_ASSERT_OK_AND_ASSIGN(auto model,
                          Transformer<float>::Create(setup.model, 1));
  TF_ASSERT_OK_AND_ASSIGN(EvalResult a,
                          EvaluateLm(*model, split.val, split.first_predicted,
                                     split.val_bytes, {.batch_size = 16}));
  TF_ASSERT_OK_AND_ASSIGN(
      EvalResult b,
      EvaluateLm(*model, split.val, split.first_predicted, split.val_bytes,
                 {.batch_size = 3, .seq_len = 7, .num_threads = 1}));
  EXPECT_EQ(a.tokens, split.val_bytes);
  EXPECT_EQ(a.bytes, split.val_bytes);
  EXPECT_EQ(b.tokens, split.val_bytes);
  // An untrained model is near uniform: about 8 bits per byte.
  EXPECT_NEAR(a.bits_per_byte(), 8.0, 0.5);
  EXPECT_NEAR(a.bits_per_byte(), a.nats_per_token() / std::log(2.0), 1e-12);
  EXPECT_NEAR(a.token_perplexity(), std::exp(a.nats_per_token()), 1e-9);
  // Different windows give different contexts but the same accounting.
  EXPECT_NEAR(a.total_nats, b.total_nats, 0.01 * a.total_nats);
  EXPECT_THAT(EvaluateLm(*model, split.val, 0, 1, {}),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(EvaluateLm(*model, split.val, 1, 1, {.seq_len = 17}),
              StatusIs(absl::StatusCode::kInvalidArgument));
  const std::vector<TokenId> bad = {1, 2, 300};
  EXPECT_THAT(EvaluateLm(*model, bad, 1, 2, {}),
              StatusIs(absl::StatusCode::kOutOfRange));
}

TEST(NgramTest, UnigramIsAddOneAndHigherOrdersHelp) {
  // train "abab": c(a) = c(b) = 2, N = 4, V = 3 -> P(a) = 3/7.
  const std::vector<TokenId> train = {0, 1, 0, 1};
  const std::vector<TokenId> stream = {1, 0, 2};
  TF_ASSERT_OK_AND_ASSIGN(
      EvalResult r,
      EvaluateNgram(train, stream, 1, 2, {.order = 1, .vocab_size = 3}));
  EXPECT_NEAR(r.total_nats, -std::log(3.0 / 7) - std::log(1.0 / 7), 1e-12);
  // Bigram after "b": c(b a) = 1, c(b) = 1, N1+(b .) = 1, D = 0.75:
  // P(a | b) = 0.25 + 0.75 * 3/7.
  TF_ASSERT_OK_AND_ASSIGN(
      EvalResult r2,
      EvaluateNgram(train, stream, 1, 1 + 0, {.order = 2, .vocab_size = 3}));
  const double p_a = 0.25 + 0.75 * 3.0 / 7;
  // "a" then "c": c(a .) = 2 ("ab" twice... "a b", "a b"), N1+ = 1.
  const double p_c = 0.75 * 1 / 2.0 * (1.0 / 7);
  EXPECT_NEAR(r2.total_nats, -std::log(p_a) - std::log(p_c), 1e-12);
  const std::vector<TokenId> text = BytesToTokens(SampleText());
  const std::vector<TokenId> head(text.begin(), text.end() - 200);
  double previous = 1e9;
  for (int order = 1; order <= 5; ++order) {
    TF_ASSERT_OK_AND_ASSIGN(
        EvalResult e,
        EvaluateNgram(head, text, text.size() - 200, 200, {.order = order}));
    EXPECT_LT(e.bits_per_byte(), previous) << order;
    previous = e.bits_per_byte();
  }
  EXPECT_THAT(EvaluateNgram(train, stream, 0, 1, {.order = 0}),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

std::vector<float> TrainAndLoad(const LmSetup& setup, const TextSplit& split,
                                const std::string& dir, bool resume,
                                double* val_nats) {
  absl::StatusOr<TrainResult> result =
      TrainLm(setup, split, {.output_dir = dir, .resume = resume}, nullptr);
  EXPECT_TRUE(result.ok()) << result.status();
  if (val_nats != nullptr) *val_nats = result->val.total_nats;
  absl::StatusOr<LoadedCheckpoint> ckpt = LoadCheckpoint(dir);
  EXPECT_TRUE(ckpt.ok()) << ckpt.status();
  return ckpt->model->params().values();
}

TEST(TrainerTest, ResultIsIndependentOfThreadCount) {
  TF_ASSERT_OK_AND_ASSIGN(TextSplit split, SplitByteLevel(SampleText(), 0.1));
  LmSetup setup = TinySetup();
  double nats1 = 0, nats2 = 0;
  setup.train.num_threads = 1;
  const auto w1 = TrainAndLoad(setup, split, TempDir("t1"), false, &nats1);
  setup.train.num_threads = 2;
  const auto w2 = TrainAndLoad(setup, split, TempDir("t2"), false, &nats2);
  EXPECT_EQ(w1, w2);
  EXPECT_EQ(nats1, nats2);
}

TEST(TrainerTest, ResumeEqualsUninterruptedRun) {
  TF_ASSERT_OK_AND_ASSIGN(TextSplit split, SplitByteLevel(SampleText(), 0.1));
  LmSetup setup = TinySetup();
  const auto straight =
      TrainAndLoad(setup, split, TempDir("straight"), false, nullptr);
  const std::string dir = TempDir("resumed");
  setup.train.max_steps = 3;
  TrainAndLoad(setup, split, dir, false, nullptr);
  setup.train.max_steps = 6;
  const auto resumed = TrainAndLoad(setup, split, dir, true, nullptr);
  EXPECT_EQ(straight, resumed);
  TF_ASSERT_OK_AND_ASSIGN(LoadedCheckpoint ckpt, LoadCheckpoint(dir));
  EXPECT_EQ(ckpt.step, 6);
  EXPECT_EQ(ckpt.optimizer->step(), 6);
}

TEST(CheckpointTest, ReportsMissingAndCorruptFiles) {
  EXPECT_THAT(LoadCheckpoint(TempDir("none")),
              StatusIs(absl::StatusCode::kNotFound));
  const std::string dir = TempDir("corrupt");
  TF_ASSERT_OK_AND_ASSIGN(TextSplit split, SplitByteLevel(SampleText(), 0.1));
  TrainAndLoad(TinySetup(), split, dir, false, nullptr);
  TF_ASSERT_OK_AND_ASSIGN(std::string raw, ReadFile(dir + "/checkpoint.bin"));
  TF_ASSERT_OK(WriteFileAtomically(dir + "/checkpoint.bin",
                                   raw.substr(0, raw.size() - 10)));
  EXPECT_THAT(LoadCheckpoint(dir), StatusIs(absl::StatusCode::kDataLoss));
  TF_ASSERT_OK(WriteFileAtomically(dir + "/checkpoint.bin", "hello"));
  EXPECT_THAT(LoadCheckpoint(dir), StatusIs(absl::StatusCode::kDataLoss));
}

}  // namespace
}  // namespace tokenforge
