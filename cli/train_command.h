// cli/train_command.h
//
// `tokenforge train --model bpe|wordpiece|unigram|char --vocab-size N
//                   --output tokenizer.json [--threads N]
//                   [--from-counts FILE...] [CORPUS...]`
//
// Corpora are plain or gzip files, or "-" for stdin, one sentence per line.
// `--from-counts` reads files written by `tokenforge count` (count_command.h)
// and trains exactly as from the corpus they were counted from. A progress line goes to stderr
// when it is a terminal; a one-line summary always goes to stderr.

#ifndef TOKENFORGE_CLI_TRAIN_COMMAND_H_
#define TOKENFORGE_CLI_TRAIN_COMMAND_H_

#include <cstdint>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/status/status.h"

namespace tokenforge::cli {

struct TrainFlags {
  std::string model = "bpe";
  int vocab_size = 30000;
  std::string output;
  int threads = 0;
  std::vector<std::string> from_counts;
  std::vector<std::string> corpus;
  int64_t min_frequency = 0;
  std::vector<std::string> special_tokens;
  bool no_special_tokens = false;
  double character_coverage = 1.0;
  int limit_alphabet = 0;
  bool byte_fallback = false;
  bool char_level = false;
  std::vector<std::string> initial_alphabet;
  int max_token_length = 0;
  std::string wordpiece_mode = "likelihood";
  int64_t max_line_bytes = 0;
  bool quiet = false;
};

CLI::App* RegisterTrain(CLI::App& app, TrainFlags* flags);
absl::Status RunTrain(const TrainFlags& flags);

}  // namespace tokenforge::cli

#endif  // TOKENFORGE_CLI_TRAIN_COMMAND_H_
