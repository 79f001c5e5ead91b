// tokenizers/models/unigram_model.h
//
// Unigram language-model tokenizer (Kudo 2018): a word is split into the
// pieces that maximise the sum of piece scores (log probabilities), found by
// Viterbi over the lattice of all vocabulary matches. Follows SentencePiece's
// optimized encoder (unigram_model.cc EncodeOptimized) and HF's Unigram:
//
//   * a character no piece starts with becomes the unknown piece, scored
//     min(normal scores) - 10; consecutive unknowns fuse into one token;
//   * with byte_fallback, an unknown stretch becomes its UTF-8 bytes as
//     "<0xNN>" tokens instead;
//   * user-defined pieces score length * max_score - 0.1, so they always
//     win; unused pieces are never emitted.
//
// Also n-best segmentation and sampling (subword regularization) through
// Lattice. With spm_float_scores the path arithmetic is SentencePiece's own
// float/double mix, so that ties break exactly as in SentencePiece.
//
//   TF_ASSIGN_OR_RETURN(auto model, UnigramModel::Create(pieces, options));
//   std::vector<Token> tokens;
//   TF_RETURN_IF_ERROR(model->Tokenize("\xe2\x96\x81hello", &tokens));

#ifndef TOKENFORGE_TOKENIZERS_MODELS_UNIGRAM_MODEL_H_
#define TOKENFORGE_TOKENIZERS_MODELS_UNIGRAM_MODEL_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"
#include "tokenizers/models/double_array_trie.h"
#include "tokenizers/models/lattice.h"
#include "tokenizers/models/scored_piece.h"
#include "tokenizers/pipeline.h"

namespace tokenforge {

struct UnigramModelOptions {
  // Id of the unknown piece. Required (kInvalidArgument otherwise) unless
  // every input is covered, which cannot be known in advance.
  std::optional<TokenId> unk_id;
  // Unknown characters become "<0xNN>" byte pieces.
  bool byte_fallback = false;
  // SentencePiece's float path scores (exact tie-breaking vs spm); HF uses
  // doubles.
  bool spm_float_scores = false;

  absl::Status Validate() const;
};

class UnigramModel : public Model {
 public:
  // Builds the model. Pieces must be non-empty and distinct among the
  // matchable types; unk_id must name a piece; with byte_fallback all 256
  // "<0xNN>" pieces must exist.
  static absl::StatusOr<std::unique_ptr<UnigramModel>> Create(
      std::vector<ScoredPiece> pieces, const UnigramModelOptions& options);

  // Builds from an HF tokenizer.json "model" object of type "Unigram".
  static absl::StatusOr<std::unique_ptr<UnigramModel>> FromJson(
      const nlohmann::json& json);

  absl::Status Tokenize(absl::string_view word,
                        std::vector<Token>* tokens) const override;
  std::optional<TokenId> TokenToId(absl::string_view token) const override;
  absl::string_view IdToToken(TokenId id) const override;
  int vocab_size() const override { return static_cast<int>(pieces_.size()); }
  nlohmann::json ToJson() const override;

  // Appends only the ids of `word`: the fast path.
  void TokenizeIds(absl::string_view word, std::vector<TokenId>* ids) const;

  // Returns up to `n` best segmentations, best first, with their scores.
  std::vector<std::pair<std::vector<Token>, double>> NBest(
      absl::string_view word, int n) const;

  // Samples a segmentation with probability proportional to
  // exp(alpha * score) (subword regularization, Kudo 2018, section 3.3).
  // Deterministic for a given rng state.
  std::vector<Token> Sample(absl::string_view word, double alpha,
                            Rng* rng) const;

  // Fills *lattice with every vocabulary match of `word` (and unknown nodes
  // where no single-character piece exists), scored as in Tokenize.
  void PopulateLattice(absl::string_view word, Lattice* lattice) const;

  const std::vector<ScoredPiece>& pieces() const { return pieces_; }
  const UnigramModelOptions& options() const { return options_; }

  // SentencePiece's penalty of the unknown piece below the lowest score.
  static constexpr float kUnkPenalty = 10.0f;

 private:
  struct PathNode;
  UnigramModel() = default;
  absl::Status Init();
  // Viterbi segmentation: appends (begin, end, id) triples to *out.
  template <typename Score>
  void Viterbi(absl::string_view word, std::vector<Token>* out) const;
  // Applies unknown fusion / byte fallback to raw Viterbi output.
  void Finish(absl::string_view word, const std::vector<Token>& raw,
              std::vector<Token>* tokens) const;
  double NodeScore(TokenId id, uint32_t byte_length) const;

  UnigramModelOptions options_;
  std::vector<ScoredPiece> pieces_;
  absl::flat_hash_map<std::string, TokenId> piece_to_id_;
  DoubleArrayTrie trie_;
  float min_score_ = 0.0f;
  float max_score_ = 0.0f;
  TokenId unk_id_ = -1;
  TokenId byte_ids_[256] = {};
  bool has_user_defined_ = false;
};

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_MODELS_UNIGRAM_MODEL_H_
