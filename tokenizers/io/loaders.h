// tokenizers/io/loaders.h
//
// One entry point for every tokenizer file format we read, chosen by the
// file's name and contents:
//   *.json with a "model" key  HF tokenizer.json
//   vocab.json / *.json        GPT-2 vocab.json (+ merges.txt beside it)
//   *.tiktoken                 tiktoken rank file (+ encoding name)
//   *.model                    SentencePiece model (protobuf)
//   vocab.txt / *.txt          BERT WordPiece vocabulary
//
//   TF_ASSIGN_OR_RETURN(auto tok, LoadTokenizer("cl100k_base.tiktoken", {}));

#ifndef TOKENFORGE_TOKENIZERS_IO_LOADERS_H_
#define TOKENFORGE_TOKENIZERS_IO_LOADERS_H_

#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "tokenizers/tokenizer.h"

namespace tokenforge {

struct LoadOptions {
  // tiktoken encoding name (r50k_base, p50k_base, cl100k_base, o200k_base);
  // empty: from the file name.
  std::string encoding;
  // merges.txt for a GPT-2 vocab.json; empty: beside the vocab.
  std::string merges;
  // WordPiece vocab.txt: lowercase and strip accents (BERT uncased).
  // Unset: guessed from the vocabulary (no uppercase letters -> uncased).
  std::optional<bool> lowercase;
};

absl::StatusOr<std::unique_ptr<Tokenizer>> LoadTokenizer(
    absl::string_view path, const LoadOptions& options);

// The per-format loaders LoadTokenizer dispatches to (loaders_extra.cc).
absl::StatusOr<std::unique_ptr<Tokenizer>> LoadSentencePieceFile(
    absl::string_view path);
absl::StatusOr<std::unique_ptr<Tokenizer>> LoadWordPieceFile(
    absl::string_view path, const LoadOptions& options);

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_IO_LOADERS_H_
