// LoadSentencePieceModel: the facade assembly of a .model file, kept apart
// from the parser so that the parser links without the stage factories.

#include "common/file.h"
#include "common/status_macros.h"
#include "nlohmann/json.hpp"
#include "tokenizers/decoders/decoder_factory.h"
#include "tokenizers/io/sentencepiece_model.h"

namespace tokenforge {
namespace {

// SentencePiece's decoding as HF's converter writes it: "▁" -> " ",
// "<0xNN>" pieces -> bytes, join, drop the dummy-prefix space.
nlohmann::json DecoderJson(const SentencePieceModelProto& proto) {
  nlohmann::json chain = nlohmann::json::array();
  chain.push_back({{"type", "Replace"},
                   {"pattern", {{"String", "\xe2\x96\x81"}}},
                   {"content", " "}});
  if (proto.byte_fallback) chain.push_back({{"type", "ByteFallback"}});
  chain.push_back({{"type", "Fuse"}});
  if (proto.add_dummy_prefix && !proto.treat_whitespace_as_suffix) {
    chain.push_back({{"type", "Strip"}, {"content", " "}, {"start", 1}, {"stop", 0}});
  }
  return {{"type", "Sequence"}, {"decoders", chain}};
}

}  // namespace

absl::StatusOr<std::unique_ptr<Tokenizer>> LoadSentencePieceModel(
    absl::string_view path) {
  TF_ASSIGN_OR_RETURN(const std::string bytes, ReadFile(path));
  TF_ASSIGN_OR_RETURN(const SentencePieceModelProto proto,
                      ParseSentencePieceModel(bytes));
  TF_ASSIGN_OR_RETURN(SentencePieceComponents components,
                      BuildSentencePieceComponents(proto));
  Tokenizer::Parts parts;
  parts.normalizer = std::move(components.normalizer);
  parts.model = std::move(components.model);
  TF_ASSIGN_OR_RETURN(parts.decoder, DecoderFromJson(DecoderJson(proto)));
  // Control and unknown pieces are never matched in text by SentencePiece;
  // as special added tokens they are matched only with allow_special.
  for (size_t i = 0; i < proto.pieces.size(); ++i) {
    const ScoredPiece& p = proto.pieces[i];
    if (p.type != PieceType::kControl && p.type != PieceType::kUnknown) continue;
    AddedToken added;
    added.content = p.piece;
    added.id = static_cast<TokenId>(i);
    added.special = true;
    parts.added_tokens.push_back(added);
  }
  return Tokenizer::Create(std::move(parts));
}

}  // namespace tokenforge
