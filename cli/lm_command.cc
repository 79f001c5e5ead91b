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

absl::Status PrintBaselines(const TextSplit& split) {
  for (int order = 1; order <= 5; ++order) {
    TF_ASSIGN_OR_RETURN(
        EvalResult r,
        EvaluateNgram(split.train, split.val, split.first_predicted,
                      split.val_bytes, NgramOptions{.order = order}));
    std::cout << absl::StrFormat("ngram%d_bits_per_byte: %.4f\n", order,
                                 r.bits_per_byte());
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status RunLmTrain(const LmTrainFlags& flags) {
  if (!flags.tokenizer.empty()) {
    return absl::UnimplementedError(
        "--tokenizer: token-level LM training is run by the vocabulary "
        "evaluation driver (vocab_learning/); `lm train` is byte level");
  }
  TF_ASSIGN_OR_RETURN(LmSetup setup, ResolveSetup(flags));
  TF_ASSIGN_OR_RETURN(std::string text, ReadFile(flags.corpus));
  TF_ASSIGN_OR_RETURN(TextSplit split,
                      SplitByteLevel(text, setup.train.val_fraction));
  std::cerr << absl::StrFormat(
      "lm train: %d train bytes, %d validation bytes, preset %s\n",
      split.train.size(), split.val_bytes, flags.preset);
  const TrainRunOptions run{.output_dir = flags.output, .resume = flags.resume};
  TF_ASSIGN_OR_RETURN(TrainResult result,
                      TrainLm(setup, split, run, &std::cerr));
  std::cout << absl::StrFormat(
      "parameters: %d\nsteps: %d\ntrain_seconds: %.1f\ntokens_per_second: "
      "%.0f\ngflops_per_second: %.1f\n",
      result.num_parameters, result.steps, result.train_seconds,
      result.tokens_per_second, result.gflops_per_second);
  PrintEval("val", result.val);
  if (flags.baselines) TF_RETURN_IF_ERROR(PrintBaselines(split));
  return absl::OkStatus();
}

absl::Status RunLmEval(const LmEvalFlags& flags) {
  TF_ASSIGN_OR_RETURN(LoadedCheckpoint ckpt, LoadCheckpoint(flags.checkpoint));
  if (ckpt.setup.model.vocab_size != 256) {
    return absl::UnimplementedError(
        "lm eval reads byte-level checkpoints (vocab_size 256) only");
  }
  TF_ASSIGN_OR_RETURN(std::string text, ReadFile(flags.corpus));
  TF_ASSIGN_OR_RETURN(TextSplit split,
                      SplitByteLevel(text, ckpt.setup.train.val_fraction));
  const EvalOptions options{.num_threads = flags.num_threads};
  TF_ASSIGN_OR_RETURN(EvalResult r,
                      EvaluateLm(*ckpt.model, split.val, split.first_predicted,
                                 split.val_bytes, options));
  PrintEval("val", r);
  if (flags.baselines) TF_RETURN_IF_ERROR(PrintBaselines(split));
  return absl::OkStatus();
}

void RegisterLmCommand(CLI::App& app, absl::Status* status) {
  CLI::App* lm = app.add_subcommand("lm", "Train and evaluate a small LM");
  lm->require_subcommand(1);

  auto train_flags = std::make_shared<LmTrainFlags>();
  CLI::App* train = lm->add_subcommand(
      "train", "Train a transformer LM; prints validation bits per byte");
  train->add_option("--tokenizer", train_flags->tokenizer,
                    "Tokenizer file (default: byte level)");
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
  eval->add_option("--num_threads", eval_flags->num_threads,
                   "Threads (0: all cores)");
  eval->add_flag("--baselines", eval_flags->baselines,
                 "Also print n-gram baselines (orders 1-5)");
  eval->callback([eval_flags, status] { *status = RunLmEval(*eval_flags); });
}

}  // namespace tokenforge
