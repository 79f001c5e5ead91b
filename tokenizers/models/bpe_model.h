// tokenizers/models/bpe_model.h
//
// Byte-pair-encoding model: byte-level (GPT-2, tiktoken) or character-level
// with optional byte fallback (<0xNN> tokens, as in Llama and SentencePiece
// BPE), with merge ranks, continuing-subword prefix / end-of-word suffix,
// optional BPE-dropout and unknown-token handling, following HF tokenizers'
// BPE semantics exactly.
//
// Byte-level models keep their vocabulary in raw bytes internally: the words
// they are given are raw bytes, and the GPT-2 byte-to-unicode form ("Ġworld")
// exists only in IdToToken/TokenToId and in files.
//
// Encoding repeatedly merges the adjacent pair with the lowest merge rank,
// leftmost first. Short words use a flat O(n^2) scan; words longer than
// kHeapThreshold symbols use a heap over a linked list, O(n log n), so that
// 1 MB without a split point stays near-linear.
//
//   TF_ASSIGN_OR_RETURN(std::unique_ptr<BpeModel> bpe,
//                       BpeModel::Create(vocab, merges, {.byte_level = true}));
//   std::vector<Token> tokens;
//   TF_RETURN_IF_ERROR(bpe->Tokenize("hello", &tokens));

#ifndef TOKENFORGE_TOKENIZERS_MODELS_BPE_MODEL_H_
#define TOKENFORGE_TOKENIZERS_MODELS_BPE_MODEL_H_

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "tokenizers/pipeline.h"

namespace tokenforge {

struct BpeModelOptions {
  // Vocabulary strings are in the GPT-2 byte-to-unicode alphabet; words
  // are raw bytes.
  bool byte_level = false;
  // Token for characters not in the vocabulary (char-level models); empty
  // means unknown characters are an error (kInvalidArgument) unless
  // byte_fallback covers them.
  std::string unk_token;
  // Consecutive unknown characters become one unk token.
  bool fuse_unk = false;
  // Unknown characters become their UTF-8 bytes as "<0xNN>" tokens.
  bool byte_fallback = false;
  // Prefix of every non-initial subword ("##"), as in HF.
  std::string continuing_subword_prefix;
  // Suffix of every word-final subword ("</w>"), as in HF.
  std::string end_of_word_suffix;
  // A word that is itself in the vocabulary is one token, merges or not
  // (HF ignore_merges; Llama 3).
  bool ignore_merges = false;
  // BPE-dropout (Provilkov et al. 2020): each merge is skipped with this
  // probability; 0 disables. Deterministic for a given seed and input.
  float dropout = 0.0f;
  uint64_t dropout_seed = 0;

  absl::Status Validate() const;
};

class BpeModel;
namespace internal {
// Which merge loop BpeModel uses; kAuto picks by word length. For tests
// that check the loops against each other.
enum class BpeMergeLoop { kAuto, kFlat, kHeap, kBuckets };
absl::Status TokenizeWithLoop(const BpeModel& model, absl::string_view word,
                              BpeMergeLoop loop, std::vector<Token>* tokens);
}  // namespace internal

class BpeModel : public Model {
 public:
  // Builds a model from (token, id) pairs and merges given as pairs of
  // token strings, in rank order, all in the file form. Every merge's parts
  // and result must be in the vocabulary (kInvalidArgument naming the merge
  // and its index otherwise).
  static absl::StatusOr<std::unique_ptr<BpeModel>> Create(
      const std::vector<std::pair<std::string, TokenId>>& vocab,
      const std::vector<std::pair<std::string, std::string>>& merges,
      const BpeModelOptions& options);

  // Builds a byte-level model from tiktoken ranks: token bytes -> rank, with
  // rank used as id. Merges are implied: a pair merges when the concatenation
  // of its bytes is a token, with that token's rank.
  static absl::StatusOr<std::unique_ptr<BpeModel>> FromRanks(
      const std::vector<std::pair<std::string, TokenId>>& ranks);

  absl::Status Tokenize(absl::string_view word,
                        std::vector<Token>* tokens) const override;
  std::optional<TokenId> TokenToId(absl::string_view token) const override;
  absl::string_view IdToToken(TokenId id) const override;
  int vocab_size() const override;
  nlohmann::json ToJson() const override;

  // Appends only the ids of `word` (no spans): the fast path of id-only
  // encoding.
  absl::Status TokenizeIds(absl::string_view word,
                           std::vector<TokenId>* ids) const;

  // Returns the raw bytes of a token (byte-level: the unmapped bytes).
  absl::string_view TokenBytes(TokenId id) const;

  // Returns the merges in rank order, as file-form token strings.
  std::vector<std::pair<std::string, std::string>> Merges() const;

  const BpeModelOptions& options() const { return options_; }

  // Words up to kHeapThreshold symbols use the flat scan, longer ones a
  // heap, and words over kBucketThreshold symbols rank buckets (linear in
  // practice; see MergeSymbolsWithBuckets).
  static constexpr size_t kHeapThreshold = 64;
  static constexpr size_t kBucketThreshold = 4096;

 private:
  struct MergeTarget {
    uint32_t rank;
    TokenId result;
  };
  friend absl::Status internal::TokenizeWithLoop(const BpeModel&,
                                                absl::string_view,
                                                internal::BpeMergeLoop,
                                                std::vector<Token>*);
  class MergeState;
  // Rank of a pair that does not merge.
  static constexpr uint32_t kNoRank = UINT32_MAX;
  BpeModel() = default;
  // Resolves byte, unk and byte-fallback ids and the whole-word table.
  absl::Status FinishInit();
  // Initial symbols of a word: ids and their spans.
  absl::Status InitialSymbols(absl::string_view word,
                              std::vector<Token>* symbols) const;
  // `word_bytes`, for byte-level models, is the word whose single bytes the
  // symbols still are (speeds up the first pass); may be null.
  void MergeSymbols(std::vector<Token>* symbols,
                    const char* word_bytes = nullptr) const;
  void MergeSymbolsWithHeap(std::vector<Token>* symbols) const;
  void MergeSymbolsWithBuckets(std::vector<Token>* symbols) const;
  const MergeTarget* FindMerge(TokenId left, TokenId right) const;

  BpeModelOptions options_;
  std::vector<std::string> id_to_token_;   // File form.
  std::vector<std::string> id_to_bytes_;   // Internal form (raw for byte-level).
  absl::flat_hash_map<std::string, TokenId> token_to_id_;   // File form.
  absl::flat_hash_map<std::string, TokenId> bytes_to_id_;   // Internal form.
  absl::flat_hash_map<uint64_t, MergeTarget> merges_;       // (left, right).
  // Byte-level: the merge of every pair of single-byte tokens, indexed
  // [left byte][right byte] (rank kNoMerge when none). The first lookups of
  // every word hit this 512 KiB table instead of the large hash map.
  std::vector<MergeTarget> byte_pair_merges_;
  TokenId byte_ids_[256] = {};  // Byte-level: id of each single byte.
  TokenId byte_fallback_ids_[256] = {};  // -1 where "<0xNN>" is missing.
  std::optional<TokenId> unk_id_;
  bool from_ranks_ = false;
  uint32_t max_rank_ = 0;  // Largest merge rank.
  // whole_word_[id]: a word equal to token id's bytes encodes as just id.
  std::vector<bool> whole_word_;
};

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_MODELS_BPE_MODEL_H_
