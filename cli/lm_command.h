// cli/lm_command.h
//
// `tokenforge lm train` and `tokenforge lm eval`: train a small
// transformer LM on a corpus and report validation bits per byte.
//
//   tokenforge lm train --corpus input.txt --preset g1 --output runs/g1
//   tokenforge lm eval --checkpoint runs/g1 --corpus input.txt
//
// Without --tokenizer the model is byte level (one token per UTF-8 byte,
// vocabulary 256); with it, the model trains on that tokenizer's ids, one
// extra id per line end (vocab_learning/vocab_evaluation.h), and bits per
// byte still divide by the bytes of the validation text, so vocabularies
// compare on one scale. The last val_fraction of the corpus (0.1 by default) is
// held out; eval recomputes the same split from the checkpoint's setup.

#ifndef TOKENFORGE_CLI_LM_COMMAND_H_
#define TOKENFORGE_CLI_LM_COMMAND_H_

#include <string>

#include "CLI/CLI.hpp"
#include "absl/status/status.h"

namespace tokenforge {

struct LmTrainFlags {
  // Tokenizer file; empty means byte level.
  std::string tokenizer;
  std::string corpus;
  // A "key = value" file of model and training fields (docs/model.md),
  // applied on top of the preset.
  std::string config;
  // Named preset: g0 (smoke gate) or g1 (nanoGPT CPU recipe).
  std::string preset = "g1";
  std::string output;
  // Continue from output/checkpoint.bin when present.
  bool resume = false;
  // Overrides of the preset/config (0: keep).
  int max_steps = 0;
  int num_threads = 0;
  // Also print n-gram baselines (orders 1-5) on the same split.
  bool baselines = false;
};

struct LmEvalFlags {
  std::string checkpoint;
  std::string corpus;
  // Required for token-level checkpoints: the tokenizer they trained with.
  std::string tokenizer;
  int num_threads = 0;
  bool baselines = false;
};

// Trains, writes the checkpoint to flags.output, and prints the validation
// figures to stdout (logs to stderr).
absl::Status RunLmTrain(const LmTrainFlags& flags);
// Prints the validation bits per byte of a checkpoint on the corpus split.
absl::Status RunLmEval(const LmEvalFlags& flags);

// Registers the "lm" subcommand with "train" and "eval" under `app`. When
// one of them is selected on the command line, CLI11 runs it after
// parsing and stores its result in *status (which must outlive app.parse).
void RegisterLmCommand(CLI::App& app, absl::Status* status);

}  // namespace tokenforge

#endif  // TOKENFORGE_CLI_LM_COMMAND_H_
