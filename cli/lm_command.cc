// cli/lm_command.cc

#include "cli/lm_command.h"

#include <iostream>
#include <memory>

#include "absl/strings/str_format.h"
#include "common/file.h"
#include "common/status_macros.h"
#include "model/checkpoint.h"
#include "model/data.h"
#include "model/evaluation.h"
#include "model/ngram.h"
#include "model/trainer.h"
#include "tokenizers/io/loaders.h"
#include "vocab_learning/vocab_evaluation.h"

namespace tokenforge {
namespace {

absl::StatusOr<LmSetup> ResolveSetup(const LmTrainFlags& flags) {
  TF_ASSIGN_OR_RETURN(LmSetup setup, LmPreset(flags.preset));
  if (!flags.config.empty()) {
    TF_ASSIGN_OR_RETURN(std::string text, ReadFile(flags.config));
    TF_ASSIGN_OR_RETURN(setup, LmSetup::FromText(text, setup));
  }
  if (flags.max_steps > 0) setup.train.max_steps = flags.max_steps;
  if (flags.num_threads > 0) setup.train.num_threads = flags.num_threads;
  TF_RETURN_IF_ERROR(setup.Validate());
  return setup;
}

void PrintEval(const char* label, const EvalResult& r) {
  std::cout << absl::StrFormat(
      "%s_bits_per_byte: %.4f\n%s_nats_per_token: %.4f\n"
      "%s_token_perplexity: %.3f\n%s_tokens: %d\n%s_bytes: %d\n",
      label, r.bits_per_byte(), label, r.nats_per_token(), label,
      r.token_perplexity(), label, r.tokens, label, r.bytes);
}

absl::Status PrintBaselines(const TextSplit& split, int vocab_size = 256) {
  for (int order = 1; order <= 5; ++order) {
    TF_ASSIGN_OR_RETURN(
        EvalResult r,
        EvaluateNgram(split.train, split.val, split.first_predicted, split.val_bytes,
                      NgramOptions{.order = order, .vocab_size = vocab_size}));
    std::cout << absl::StrFormat("ngram%d_bits_per_byte: %.4f\n", order,
                                 r.bits_per_byte());
  }
  return absl::OkStatus();
}

// Encodes the corpus with the tokenizer for a token-level LM and reports
// the split on stderr.
absl::StatusOr<TokenizedCorpus> TokenizeCorpus(const std::string& tokenizer_path,
                                               const std::string& corpus_path,
                                               double val_fraction, int num_threads) {
  TF_ASSIGN_OR_RETURN(std::unique_ptr<Tokenizer> tokenizer,
                      LoadTokenizer(tokenizer_path, LoadOptions{}));
  TF_ASSIGN_OR_RETURN(std::string text, ReadFile(corpus_path));
  absl::StatusOr<TokenizedCorpus> tokenized =
      TokenizeForLm(*tokenizer, text, val_fraction, num_threads);
  if (!tokenized.ok()) return Annotate(tokenized.status(), corpus_path);
  TokenizedCorpus corpus = *std::move(tokenized);
  std::cerr << absl::StrFormat(
      "lm: %s: vocabulary %d (+1 line end); train %d bytes -> %d tokens, "
      "validation %d bytes -> %d tokens (%.3f bytes/token); %d lines do not "
      "decode to themselves\n",
      tokenizer_path, corpus.vocab_size - 1, corpus.train_bytes, corpus.train.size(),
      corpus.val_bytes, corpus.val.size(),
      static_cast<double>(corpus.val_bytes) / std::max<size_t>(corpus.val.size(), 1),
      corpus.lossy_lines);
  return corpus;
}

void PrintTrainResult(const TrainResult& result) {
  std::cout << absl::StrFormat(
      "parameters: %d\nsteps: %d\ntrain_seconds: %.1f\ntokens_per_second: "
      "%.0f\ngflops_per_second: %.1f\n",
      result.num_parameters, result.steps, result.train_seconds,
      result.tokens_per_second, result.gflops_per_second);
  PrintEval("val", result.val);
}

// lm train --tokenizer: the vocabulary evaluation driver.
absl::Status RunTokenLmTrain(const LmTrainFlags& flags, const LmSetup& setup) {
  TF_ASSIGN_OR_RETURN(TokenizedCorpus corpus,
                      TokenizeCorpus(flags.tokenizer, flags.corpus,
                                     setup.train.val_fraction, setup.train.num_threads));
  const TrainRunOptions run{.output_dir = flags.output, .resume = flags.resume};
  TF_ASSIGN_OR_RETURN(TrainResult result, TrainLmOnTokens(corpus, setup, run, &std::cerr));
  std::cout << absl::StrFormat("vocab_size: %d\nval_bytes_per_token: %.4f\n",
                               corpus.vocab_size,
                               static_cast<double>(corpus.val_bytes) / corpus.val.size());
  PrintTrainResult(result);
  if (flags.baselines) {
    TF_RETURN_IF_ERROR(PrintBaselines(LmSplit(corpus, setup.model.context_length),
                                      corpus.vocab_size));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status RunLmTrain(const LmTrainFlags& flags) {
  TF_ASSIGN_OR_RETURN(LmSetup setup, ResolveSetup(flags));
  if (!flags.tokenizer.empty()) return RunTokenLmTrain(flags, setup);
  TF_ASSIGN_OR_RETURN(std::string text, ReadFile(flags.corpus));
  TF_ASSIGN_OR_RETURN(TextSplit split,
                      SplitByteLevel(text, setup.train.val_fraction));
  std::cerr << absl::StrFormat(
      "lm train: %d train bytes, %d validation bytes, preset %s\n",
      split.train.size(), split.val_bytes, flags.preset);
  const TrainRunOptions run{.output_dir = flags.output, .resume = flags.resume};
  TF_ASSIGN_OR_RETURN(TrainResult result,
                      TrainLm(setup, split, run, &std::cerr));
  PrintTrainResult(result);
  if (flags.baselines) TF_RETURN_IF_ERROR(PrintBaselines(split));
  return absl::OkStatus();
}

absl::Status RunLmEval(const LmEvalFlags& flags) {
  TF_ASSIGN_OR_RETURN(LoadedCheckpoint ckpt, LoadCheckpoint(flags.checkpoint));
  TextSplit split;
  if (!flags.tokenizer.empty()) {
    TF_ASSIGN_OR_RETURN(TokenizedCorpus corpus,
                        TokenizeCorpus(flags.tokenizer, flags.corpus,
                                       ckpt.setup.train.val_fraction, flags.num_threads));
    if (corpus.vocab_size != ckpt.setup.model.vocab_size) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "%s: vocabulary %d + 1 line end does not match the checkpoint's %d",
          flags.tokenizer, corpus.vocab_size - 1, ckpt.setup.model.vocab_size));
    }
    split = LmSplit(corpus, ckpt.setup.model.context_length);
  } else if (ckpt.setup.model.vocab_size != 256) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "the checkpoint has vocabulary %d: give the --tokenizer it was trained with",
        ckpt.setup.model.vocab_size));
  } else {
    TF_ASSIGN_OR_RETURN(std::string text, ReadFile(flags.corpus));
    TF_ASSIGN_OR_RETURN(split, SplitByteLevel(text, ckpt.setup.train.val_fraction));
  }
  const EvalOptions options{.num_threads = flags.num_threads};
  TF_ASSIGN_OR_RETURN(EvalResult r,
                      EvaluateLm(*ckpt.model, split.val, split.first_predicted,
                                 split.val_bytes, options));
  PrintEval("val", r);
  if (flags.baselines) {
    TF_RETURN_IF_ERROR(PrintBaselines(split, ckpt.setup.model.vocab_size));
  }
  return absl::OkStatus();
}

void RegisterLmCommand(CLI::App& app, absl::Status* status) {
  CLI::App* lm = app.add_subcommand("lm", "Train and evaluate a small LM");
  lm->require_subcommand(1);

  auto train_flags = std::make_shared<LmTrainFlags>();
  CLI::App* train = lm->add_subcommand(
      "train", "Train a transformer LM; prints validation bits per byte");
  train->add_option("--tokenizer", train_flags->tokenizer,
                    "Tokenizer file (tokenizer.json, .tiktoken, .model, vocab.txt...): "
                    "train on its tokens, one extra token per line end (default: bytes)");
  train->add_option("--corpus", train_flags->corpus, "Training text")
      ->required();
  train->add_option("--config", train_flags->config,
                    "key = value file of model/training fields");
  train->add_option("--preset", train_flags->preset, "g0 or g1")
      ->capture_default_str();
  train->add_option("--output", train_flags->output, "Checkpoint directory")
      ->required();
  train->add_flag("--resume", train_flags->resume,
                  "Continue from the checkpoint in --output");
  train->add_option("--max_steps", train_flags->max_steps,
                    "Override the number of steps");
  train->add_option("--num_threads", train_flags->num_threads,
                    "Threads (0: all cores)");
  train->add_flag("--baselines", train_flags->baselines,
                  "Also print n-gram baselines (orders 1-5)");
  train->callback(
      [train_flags, status] { *status = RunLmTrain(*train_flags); });

  auto eval_flags = std::make_shared<LmEvalFlags>();
  CLI::App* eval = lm->add_subcommand(
      "eval", "Print the validation bits per byte of a checkpoint");
  eval->add_option("--checkpoint", eval_flags->checkpoint,
                   "Checkpoint directory")
      ->required();
  eval->add_option("--corpus", eval_flags->corpus, "Text to split and score")
      ->required();
  eval->add_option("--tokenizer", eval_flags->tokenizer,
                   "The tokenizer a token-level checkpoint was trained with");
  eval->add_option("--num_threads", eval_flags->num_threads,
                   "Threads (0: all cores)");
  eval->add_flag("--baselines", eval_flags->baselines,
                 "Also print n-gram baselines (orders 1-5)");
  eval->callback([eval_flags, status] { *status = RunLmEval(*eval_flags); });
}

}  // namespace tokenforge
