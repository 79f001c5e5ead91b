// cli/count_command.h
//
// `tokenforge count CORPUS... --output counts.tsv [--model KIND]`: writes
// the words the KIND's pipeline (normalizer + pre-tokenizer) makes of the
// corpus, as word<TAB>count lines sorted by word bytes, with the escaping
// documented in vocab_learning/word_counts.h. Count files of different
// corpora (or machines) can be given together to `tokenforge train
// --from-counts`, which sums them and trains as on the whole corpus.

#ifndef TOKENFORGE_CLI_COUNT_COMMAND_H_
#define TOKENFORGE_CLI_COUNT_COMMAND_H_

#include <cstdint>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/status/status.h"

namespace tokenforge::cli {

struct CountFlags {
  std::string model = "bpe";
  std::vector<std::string> corpus;
  std::string output;
  int threads = 0;
  int64_t max_line_bytes = 0;
  bool byte_fallback = false;
  bool char_level = false;
};

CLI::App* RegisterCount(CLI::App& app, CountFlags* flags);
absl::Status RunCount(const CountFlags& flags);

}  // namespace tokenforge::cli

#endif  // TOKENFORGE_CLI_COUNT_COMMAND_H_
