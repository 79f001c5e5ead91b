// tokenizers/decoders/decoder_factory.h
//
// Builds a Decoder from an HF tokenizer.json "decoder" object
// ({"type": "ByteLevel"}, {"type": "WordPiece", "prefix": "##"}, ...).
// Unknown types give kUnimplemented naming the type; malformed fields give
// kInvalidArgument naming the field.

#ifndef TOKENFORGE_TOKENIZERS_DECODERS_DECODER_FACTORY_H_
#define TOKENFORGE_TOKENIZERS_DECODERS_DECODER_FACTORY_H_

#include <memory>

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"
#include "tokenizers/pipeline.h"

namespace tokenforge {

absl::StatusOr<std::unique_ptr<Decoder>> DecoderFromJson(
    const nlohmann::json& json);

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_DECODERS_DECODER_FACTORY_H_
