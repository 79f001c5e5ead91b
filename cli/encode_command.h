// cli/encode_command.h
//
// `tokenforge encode`, `tokenforge decode` and `tokenforge info`: the CLI
// contract that later work and outside checks rely on.
//
//   tokenforge encode --tokenizer cl100k_base.tiktoken < in.txt > ids.txt
//     one output line per input line (the newline is not encoded);
//     --format ids|tokens|jsonl; --threads N; --add-special-tokens;
//     --allow-special (special-token text becomes the special token).
//   tokenforge decode --tokenizer X < ids.txt > text.txt
//   tokenforge info --tokenizer X

#ifndef TOKENFORGE_CLI_ENCODE_COMMAND_H_
#define TOKENFORGE_CLI_ENCODE_COMMAND_H_

#include "CLI/CLI.hpp"
#include "absl/status/status.h"
#include "cli/tokenizer_flags.h"

namespace tokenforge::cli {

struct EncodeFlags {
  TokenizerFlags tokenizer;
  std::string input = "-";
  std::string output = "-";
  std::string format = "ids";
  int threads = 0;
  bool add_special_tokens = false;
  bool allow_special = false;
  bool stats = false;
};

struct DecodeFlags {
  TokenizerFlags tokenizer;
  std::string input = "-";
  std::string output = "-";
  bool skip_special_tokens = false;
};

struct InfoFlags {
  TokenizerFlags tokenizer;
};

CLI::App* RegisterEncode(CLI::App& app, EncodeFlags* flags);
CLI::App* RegisterDecode(CLI::App& app, DecodeFlags* flags);
CLI::App* RegisterInfo(CLI::App& app, InfoFlags* flags);

absl::Status RunEncode(const EncodeFlags& flags);
absl::Status RunDecode(const DecodeFlags& flags);
absl::Status RunInfo(const InfoFlags& flags);

}  // namespace tokenforge::cli

#endif  // TOKENFORGE_CLI_ENCODE_COMMAND_H_
