// tokenizers/io/sentencepiece_model.h
//
// SentencePiece .model files (a serialized sentencepiece.ModelProto), read
// with our own wire-format reader (protobuf_wire.h), no protobuf dependency.
// Unigram and BPE models are supported, with everything that changes their
// ids: pieces, scores and types, byte_fallback, unk_id, and the normalizer
// spec (precompiled_charsmap, add_dummy_prefix, remove_extra_whitespaces,
// escape_whitespaces, treat_whitespace_as_suffix).
//
//   TF_ASSIGN_OR_RETURN(auto tok, LoadSentencePieceModel("tokenizer.model"));
//
// The pipeline is SentencePiece's own: PrecompiledNormalizer (the model's
// normalization, exactly) -> no pre-tokenizer -> UnigramModel or SpmBpeModel
// -> Replace("▁", " ") + ByteFallback + Fuse + Strip decoders. Control and
// unknown pieces are special added tokens.

#ifndef TOKENFORGE_TOKENIZERS_IO_SENTENCEPIECE_MODEL_H_
#define TOKENFORGE_TOKENIZERS_IO_SENTENCEPIECE_MODEL_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "tokenizers/models/scored_piece.h"
#include "tokenizers/normalizers/precompiled_normalizer.h"
#include "tokenizers/pipeline.h"
#include "tokenizers/tokenizer.h"

namespace tokenforge {

// The fields of ModelProto that matter for encoding, with the proto
// defaults.
struct SentencePieceModelProto {
  enum class ModelType { kUnigram = 1, kBpe = 2, kWord = 3, kChar = 4 };
  std::vector<ScoredPiece> pieces;
  ModelType model_type = ModelType::kUnigram;
  bool byte_fallback = false;
  bool treat_whitespace_as_suffix = false;
  int unk_id = 0;
  std::string normalizer_name;
  std::string precompiled_charsmap;
  bool add_dummy_prefix = true;
  bool remove_extra_whitespaces = true;
  bool escape_whitespaces = true;
};

// Parses the bytes of a .model file. kDataLoss (naming the message and
// field) for malformed protobuf; kInvalidArgument for bad values.
absl::StatusOr<SentencePieceModelProto> ParseSentencePieceModel(
    absl::string_view bytes);

// The normalizer and model of a parsed .model, without the facade.
struct SentencePieceComponents {
  std::unique_ptr<PrecompiledNormalizer> normalizer;
  std::unique_ptr<Model> model;  // UnigramModel or SpmBpeModel.
};
absl::StatusOr<SentencePieceComponents> BuildSentencePieceComponents(
    const SentencePieceModelProto& proto);

// Reads and builds the whole tokenizer (sentencepiece_tokenizer.cc).
absl::StatusOr<std::unique_ptr<Tokenizer>> LoadSentencePieceModel(
    absl::string_view path);

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_IO_SENTENCEPIECE_MODEL_H_
