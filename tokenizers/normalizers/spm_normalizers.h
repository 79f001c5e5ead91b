// tokenizers/normalizers/spm_normalizers.h
//
// The SentencePiece normalizers of tokenizer.json, for the normalizer
// factory: {"type": "Precompiled", "precompiled_charsmap": "<base64>"},
// optionally with our "sentencepiece" extension object (add_dummy_prefix,
// remove_extra_whitespaces, escape_whitespaces, treat_whitespace_as_suffix,
// user_defined_symbols) that PrecompiledNormalizer::ToJson writes for a
// .model conversion. Other types give kUnimplemented.

#ifndef TOKENFORGE_TOKENIZERS_NORMALIZERS_SPM_NORMALIZERS_H_
#define TOKENFORGE_TOKENIZERS_NORMALIZERS_SPM_NORMALIZERS_H_

#include <memory>

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"
#include "tokenizers/pipeline.h"

namespace tokenforge {

absl::StatusOr<std::unique_ptr<Normalizer>> SpmNormalizerFromJson(
    const nlohmann::json& json);

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_NORMALIZERS_SPM_NORMALIZERS_H_
