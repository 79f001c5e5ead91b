// tokenizers/models/spm_bpe_model.h
//
// SentencePiece's BPE encoder (bpe_model.cc, v0.1.97), which merges by piece
// score rather than by a merges list: the text is split into characters
// (user-defined pieces stay whole and never merge), then the adjacent pair
// whose concatenation is the highest-scoring vocabulary piece is merged,
// leftmost first on equal scores, until no pair is a piece. Merges through
// unused pieces are undone afterwards (resegmentation). Unknown characters
// become the unknown piece (runs fuse into one) or, with byte_fallback, their
// "<0xNN>" bytes. Llama 2's tokenizer.model is such a model.
//
//   TF_ASSIGN_OR_RETURN(auto bpe, SpmBpeModel::Create(pieces, options));
//   std::vector<Token> tokens;
//   TF_RETURN_IF_ERROR(bpe->Tokenize("\xe2\x96\x81hello", &tokens));

#ifndef TOKENFORGE_TOKENIZERS_MODELS_SPM_BPE_MODEL_H_
#define TOKENFORGE_TOKENIZERS_MODELS_SPM_BPE_MODEL_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"
#include "tokenizers/models/double_array_trie.h"
#include "tokenizers/models/scored_piece.h"
#include "tokenizers/pipeline.h"

namespace tokenforge {

struct SpmBpeModelOptions {
  TokenId unk_id = 0;
  bool byte_fallback = false;

  absl::Status Validate() const;
};

class SpmBpeModel : public Model {
 public:
  static absl::StatusOr<std::unique_ptr<SpmBpeModel>> Create(
      std::vector<ScoredPiece> pieces, const SpmBpeModelOptions& options);

  // Builds from a tokenizer.json "BPE" object written by ToJson() (one with
  // the "sentencepiece_scores" extension; kInvalidArgument otherwise).
  static absl::StatusOr<std::unique_ptr<SpmBpeModel>> FromJson(
      const nlohmann::json& json);

  absl::Status Tokenize(absl::string_view word,
                        std::vector<Token>* tokens) const override;
  std::optional<TokenId> TokenToId(absl::string_view token) const override;
  absl::string_view IdToToken(TokenId id) const override;
  int vocab_size() const override { return static_cast<int>(pieces_.size()); }
  // Writes an HF "BPE" object whose merges are derived from the scores (as
  // HF's SentencePiece converter does), plus our "sentencepiece_scores"
  // extension that keeps this exact algorithm on reload.
  nlohmann::json ToJson() const override;

  const std::vector<ScoredPiece>& pieces() const { return pieces_; }
  const SpmBpeModelOptions& options() const { return options_; }

 private:
  SpmBpeModel() = default;
  absl::Status Init();
  // SentencePiece PieceToId: reserved pieces first, then matchable ones,
  // else the unknown id.
  TokenId PieceId(absl::string_view piece) const;
  // Appends the pieces of `piece`, undoing merges through unused pieces.
  void Resegment(absl::string_view piece, uint32_t begin,
                 const absl::flat_hash_map<absl::string_view,
                                           std::pair<absl::string_view,
                                                     absl::string_view>>& rev,
                 std::vector<Token>* out) const;

  SpmBpeModelOptions options_;
  std::vector<ScoredPiece> pieces_;
  absl::flat_hash_map<absl::string_view, TokenId> matchable_;  // Into pieces_.
  absl::flat_hash_map<absl::string_view, TokenId> reserved_;
  DoubleArrayTrie user_symbols_;
  bool has_user_symbols_ = false;
  TokenId byte_ids_[256] = {};
};

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_MODELS_SPM_BPE_MODEL_H_
