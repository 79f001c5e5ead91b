// cli/tokenizer_flags.h
//
// The flags every subcommand that loads a tokenizer shares
// (--tokenizer, --encoding, --merges, --lowercase), and the load itself.

#ifndef TOKENFORGE_CLI_TOKENIZER_FLAGS_H_
#define TOKENFORGE_CLI_TOKENIZER_FLAGS_H_

#include <memory>
#include <string>

#include "CLI/CLI.hpp"
#include "absl/status/statusor.h"
#include "tokenizers/tokenizer.h"

namespace tokenforge::cli {

struct TokenizerFlags {
  std::string tokenizer;
  std::string encoding;
  std::string merges;
  bool lowercase = false;
  bool cased = false;
};

// Registers the flags on `command`.
void AddTokenizerFlags(CLI::App* command, TokenizerFlags* flags);

// Loads the tokenizer the flags name.
absl::StatusOr<std::unique_ptr<Tokenizer>> LoadFromFlags(
    const TokenizerFlags& flags);

}  // namespace tokenforge::cli

#endif  // TOKENFORGE_CLI_TOKENIZER_FLAGS_H_
