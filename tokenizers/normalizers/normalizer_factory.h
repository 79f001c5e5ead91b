// tokenizers/normalizers/normalizer_factory.h
//
// Builds a Normalizer from an HF tokenizer.json "normalizer" object
// ({"type": "NFKC"}, {"type": "Sequence", "normalizers": [...]}, ...).
// Unknown types give kUnimplemented naming the type; malformed fields give
// kInvalidArgument naming the field.

#ifndef TOKENFORGE_TOKENIZERS_NORMALIZERS_NORMALIZER_FACTORY_H_
#define TOKENFORGE_TOKENIZERS_NORMALIZERS_NORMALIZER_FACTORY_H_

#include <memory>

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"
#include "tokenizers/pipeline.h"

namespace tokenforge {

absl::StatusOr<std::unique_ptr<Normalizer>> NormalizerFromJson(
    const nlohmann::json& json);

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_NORMALIZERS_NORMALIZER_FACTORY_H_
