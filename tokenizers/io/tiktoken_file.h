// tokenizers/io/tiktoken_file.h
//
// tiktoken's rank files ("<base64 token> <rank>" per line) with the split
// pattern and special tokens of OpenAI's published encodings. The encoding
// is named explicitly or taken from the file's base name
// ("cl100k_base.tiktoken" -> cl100k_base).
//
//   TF_ASSIGN_OR_RETURN(auto tok, LoadTiktoken("cl100k_base.tiktoken", ""));

#ifndef TOKENFORGE_TOKENIZERS_IO_TIKTOKEN_FILE_H_
#define TOKENFORGE_TOKENIZERS_IO_TIKTOKEN_FILE_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "tokenizers/tokenizer.h"

namespace tokenforge {

// Parses rank-file text into (token bytes, rank). Errors name the line.
absl::StatusOr<std::vector<std::pair<std::string, TokenId>>> ParseTiktokenRanks(
    absl::string_view text, absl::string_view file_name);

// Loads a rank file as a full tokenizer. `encoding` is one of r50k_base,
// p50k_base, cl100k_base, o200k_base; empty means "from the file name".
absl::StatusOr<std::unique_ptr<Tokenizer>> LoadTiktoken(
    absl::string_view path, absl::string_view encoding);

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_IO_TIKTOKEN_FILE_H_
