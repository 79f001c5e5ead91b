// tokenizers/io/tokenizer_json.h
//
// HF tokenizer.json: load any pipeline we support, and save ours so that HF
// `tokenizers` loads it and encodes identically.
//
//   TF_ASSIGN_OR_RETURN(auto tok, LoadTokenizerJson("tokenizer.json"));
//   TF_RETURN_IF_ERROR(SaveTokenizerJson(*tok, "out/tokenizer.json"));

#ifndef TOKENFORGE_TOKENIZERS_IO_TOKENIZER_JSON_H_
#define TOKENFORGE_TOKENIZERS_IO_TOKENIZER_JSON_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"
#include "tokenizers/tokenizer.h"

namespace tokenforge {

absl::StatusOr<std::unique_ptr<Tokenizer>> TokenizerFromJson(
    const nlohmann::json& json);
absl::StatusOr<std::unique_ptr<Tokenizer>> LoadTokenizerJson(
    absl::string_view path);

// Returns the tokenizer.json document (pretty-printed, 2-space indent,
// deterministic key order).
nlohmann::json TokenizerToJson(const Tokenizer& tokenizer);
// Writes it atomically.
absl::Status SaveTokenizerJson(const Tokenizer& tokenizer,
                               absl::string_view path);
// Writes a tokenizer.json document (e.g. a trainer's) atomically, in the
// same form; kInvalidArgument when it holds invalid UTF-8.
absl::Status SaveJsonDocument(const nlohmann::json& document,
                              absl::string_view path);

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_IO_TOKENIZER_JSON_H_
