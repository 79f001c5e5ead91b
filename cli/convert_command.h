// cli/convert_command.h
//
// `tokenforge convert --tokenizer X --output tokenizer.json`: writes any
// tokenizer we can load (tiktoken ranks, GPT-2 vocab.json + merges.txt,
// SentencePiece .model, BERT vocab.txt) as HF tokenizer.json, which HF
// `tokenizers` loads and encodes identically.

#ifndef TOKENFORGE_CLI_CONVERT_COMMAND_H_
#define TOKENFORGE_CLI_CONVERT_COMMAND_H_

#include <string>

#include "CLI/CLI.hpp"
#include "absl/status/status.h"
#include "cli/tokenizer_flags.h"

namespace tokenforge::cli {

struct ConvertFlags {
  TokenizerFlags tokenizer;
  std::string output;
};

CLI::App* RegisterConvert(CLI::App& app, ConvertFlags* flags);
absl::Status RunConvert(const ConvertFlags& flags);

}  // namespace tokenforge::cli

#endif  // TOKENFORGE_CLI_CONVERT_COMMAND_H_
