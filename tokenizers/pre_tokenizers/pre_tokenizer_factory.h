// tokenizers/pre_tokenizers/pre_tokenizer_factory.h
//
// Builds a PreTokenizer from an HF tokenizer.json "pre_tokenizer" object
// ({"type": "ByteLevel", ...}, {"type": "Split", ...}, ...).
// Unknown types give kUnimplemented naming the type; malformed fields give
// kInvalidArgument naming the field.

#ifndef TOKENFORGE_TOKENIZERS_PRE_TOKENIZERS_PRE_TOKENIZER_FACTORY_H_
#define TOKENFORGE_TOKENIZERS_PRE_TOKENIZERS_PRE_TOKENIZER_FACTORY_H_

#include <memory>

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"
#include "tokenizers/pipeline.h"

namespace tokenforge {

absl::StatusOr<std::unique_ptr<PreTokenizer>> PreTokenizerFromJson(
    const nlohmann::json& json);

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_PRE_TOKENIZERS_PRE_TOKENIZER_FACTORY_H_
