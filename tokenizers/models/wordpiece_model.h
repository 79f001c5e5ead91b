// tokenizers/models/wordpiece_model.h
//
// WordPiece (BERT): greedy longest-match-first over a vocabulary in which
// non-initial pieces carry a continuation prefix ("##"). A word with a part
// no piece matches, or longer than max_input_chars_per_word characters,
// becomes the single unknown token. Same output as HF's WordPiece.
//
//   "unaffable" -> ["un", "##aff", "##able"]
//
// Encoding is linear in the word length: LinMaxMatch (Song et al. 2021,
// "Fast WordPiece Tokenization", section 3), a trie over the vocabulary with
// Aho-Corasick-style failure links f(v) and failure pops F(v) precomputed so
// that matching never backtracks. Words that begin with the continuation
// prefix itself (rare; their literal "##..." spelling collides with the
// suffix branch of the trie) take HF's direct loop instead.
//
//   TF_ASSIGN_OR_RETURN(auto wp, WordPieceModel::Create(vocab, {}));
//   std::vector<Token> tokens;
//   TF_RETURN_IF_ERROR(wp->Tokenize("unaffable", &tokens));

#ifndef TOKENFORGE_TOKENIZERS_MODELS_WORDPIECE_MODEL_H_
#define TOKENFORGE_TOKENIZERS_MODELS_WORDPIECE_MODEL_H_

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"
#include "tokenizers/models/double_array_trie.h"
#include "tokenizers/pipeline.h"

namespace tokenforge {

struct WordPieceModelOptions {
  // Must be in the vocabulary.
  std::string unk_token = "[UNK]";
  std::string continuing_subword_prefix = "##";
  // Words with more characters (code points) than this become unk.
  int max_input_chars_per_word = 100;

  absl::Status Validate() const;
};

class WordPieceModel : public Model {
 public:
  // Builds from (token, id) pairs. Ids need not be dense (a vocab.txt with
  // repeated lines leaves holes, as in HF); tokens must be distinct.
  static absl::StatusOr<std::unique_ptr<WordPieceModel>> Create(
      const std::vector<std::pair<std::string, TokenId>>& vocab,
      const WordPieceModelOptions& options);

  // Builds from an HF tokenizer.json "model" object of type "WordPiece".
  static absl::StatusOr<std::unique_ptr<WordPieceModel>> FromJson(
      const nlohmann::json& json);

  absl::Status Tokenize(absl::string_view word,
                        std::vector<Token>* tokens) const override;
  std::optional<TokenId> TokenToId(absl::string_view token) const override;
  absl::string_view IdToToken(TokenId id) const override;
  int vocab_size() const override { return static_cast<int>(id_to_token_.size()); }
  nlohmann::json ToJson() const override;

  // Appends only the ids of `word`: the fast path.
  void TokenizeIds(absl::string_view word, std::vector<TokenId>* ids) const;

  const WordPieceModelOptions& options() const { return options_; }

 private:
  // A failure pop: a token and the bytes of the word it covers.
  struct Pop {
    TokenId id;
    uint32_t length;
  };
  WordPieceModel() = default;
  absl::Status Init(const std::vector<std::pair<std::string, TokenId>>& vocab);
  absl::Status BuildFailureLinks();
  // LinMaxMatch; returns false when the word is unknown.
  template <typename Emit>
  bool MatchFast(absl::string_view word, Emit emit) const;
  // HF's loop (longest prefix by shrinking the end), for prefix-initial
  // words.
  bool MatchDirect(absl::string_view word, std::vector<Token>* tokens) const;
  bool TooLong(absl::string_view word) const;

  WordPieceModelOptions options_;
  std::vector<std::string> id_to_token_;
  absl::flat_hash_map<std::string, TokenId> token_to_id_;
  TokenId unk_id_ = 0;
  DoubleArrayTrie trie_;
  uint32_t suffix_root_ = 0;  // The node of the continuation prefix (r#).
  // Per trie slot: failure link (-1: none) and range of pops_.
  std::vector<int32_t> fail_;
  std::vector<uint32_t> pops_begin_;
  std::vector<uint32_t> pops_end_;
  std::vector<Pop> pops_;
};

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_MODELS_WORDPIECE_MODEL_H_
