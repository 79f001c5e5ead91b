// tokenizers/models/model_factory.h
//
// Builds a Model from an HF tokenizer.json "model" object ({"type": "BPE",
// "vocab": {...}, "merges": [...]}, {"type": "WordPiece", ...},
// {"type": "Unigram", ...}, {"type": "WordLevel", ...}). `byte_level` tells
// a BPE model that its vocabulary strings are in the GPT-2 byte-to-unicode
// form (the tokenizer has a ByteLevel pre-tokenizer), so it can work on raw
// bytes. Unknown types give kUnimplemented; malformed fields kInvalidArgument.

#ifndef TOKENFORGE_TOKENIZERS_MODELS_MODEL_FACTORY_H_
#define TOKENFORGE_TOKENIZERS_MODELS_MODEL_FACTORY_H_

#include <memory>

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"
#include "tokenizers/pipeline.h"

namespace tokenforge {

absl::StatusOr<std::unique_ptr<Model>> ModelFromJson(const nlohmann::json& json,
                                                     bool byte_level);

// Builds the models other than BPE ("WordPiece", "Unigram", "WordLevel").
absl::StatusOr<std::unique_ptr<Model>> ModelFromJsonExtra(
    absl::string_view type, const nlohmann::json& json);

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_MODELS_MODEL_FACTORY_H_
