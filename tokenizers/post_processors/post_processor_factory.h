// tokenizers/post_processors/post_processor_factory.h
//
// Builds a PostProcessor from an HF tokenizer.json "post_processor" object
// ({"type": "TemplateProcessing", ...}, {"type": "BertProcessing", ...}).
// Unknown types give kUnimplemented naming the type; malformed fields give
// kInvalidArgument naming the field.

#ifndef TOKENFORGE_TOKENIZERS_POST_PROCESSORS_POST_PROCESSOR_FACTORY_H_
#define TOKENFORGE_TOKENIZERS_POST_PROCESSORS_POST_PROCESSOR_FACTORY_H_

#include <memory>

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"
#include "tokenizers/pipeline.h"

namespace tokenforge {

absl::StatusOr<std::unique_ptr<PostProcessor>> PostProcessorFromJson(
    const nlohmann::json& json);

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_POST_PROCESSORS_POST_PROCESSOR_FACTORY_H_
