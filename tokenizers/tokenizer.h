// tokenizers/tokenizer.h
//
// The tokenizer facade: added/special-token split, then the five pipeline
// stages (tokenizers/pipeline.h). Built once from its parts, immutable and
// safe to use from many threads.
//
//   TF_ASSIGN_OR_RETURN(std::unique_ptr<Tokenizer> tok,
//                       LoadTokenizer("tokenizer.json"));   // io/loaders.h
//   TF_ASSIGN_OR_RETURN(Encoding e, tok->Encode("Hello world"));
//   TF_ASSIGN_OR_RETURN(std::string text, tok->Decode(e.ids));
//
// Special tokens follow tiktoken's rules: with allow_special = false their
// text is encoded as ordinary text; with allow_special = true it becomes the
// special token. Added tokens that are not special are always matched.

#ifndef TOKENFORGE_TOKENIZERS_TOKENIZER_H_
#define TOKENFORGE_TOKENIZERS_TOKENIZER_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "tokenizers/encoding.h"
#include "tokenizers/pipeline.h"
#include "tokenizers/pre_tokenizers/known_patterns.h"

namespace tokenforge {

class BpeModel;
class NormalizedString;
class PrecompiledNormalizer;
class UnigramModel;

// A token matched in the raw text before normalization (HF AddedToken).
struct AddedToken {
  std::string content;
  TokenId id = 0;
  // Special tokens are skipped by Decode(skip_special_tokens) and only
  // matched when EncodeOptions::allow_special is set.
  bool special = false;
  bool single_word = false;
  bool lstrip = false;
  bool rstrip = false;
  bool normalized = false;
};

struct EncodeOptions {
  // Run the post-processor (BOS/EOS, [CLS]/[SEP]).
  bool add_special_tokens = false;
  // Match special tokens in the text; otherwise their text is plain text.
  bool allow_special = false;
  // Compute offsets and word ids (EncodeIds never does).
  bool with_offsets = true;
};

class Tokenizer {
 public:
  struct Parts {
    std::unique_ptr<Normalizer> normalizer;        // Optional.
    std::unique_ptr<PreTokenizer> pre_tokenizer;   // Optional.
    std::unique_ptr<Model> model;                  // Required.
    std::unique_ptr<PostProcessor> post_processor; // Optional.
    std::unique_ptr<Decoder> decoder;              // Optional.
    std::vector<AddedToken> added_tokens;
    TruncationOptions truncation;
    std::optional<PaddingOptions> padding;
  };

  static absl::StatusOr<std::unique_ptr<Tokenizer>> Create(Parts parts);
  ~Tokenizer();

  // Encodes one text. Never spawns threads.
  absl::StatusOr<Encoding> Encode(absl::string_view text,
                                  const EncodeOptions& options = {}) const;
  // Encodes a pair of texts (post-processor pair template).
  absl::StatusOr<Encoding> EncodePair(absl::string_view a, absl::string_view b,
                                      const EncodeOptions& options = {}) const;
  // Appends the ids of `text` to *ids: the fast path, no offsets.
  absl::Status EncodeIds(absl::string_view text, const EncodeOptions& options,
                         std::vector<TokenId>* ids) const;
  // Encodes texts in parallel; results are identical for any num_threads
  // (0 = all cores). Padding to the batch's longest applies when set.
  absl::StatusOr<std::vector<Encoding>> EncodeBatch(
      absl::Span<const absl::string_view> texts, const EncodeOptions& options,
      int num_threads) const;
  // Encodes texts in parallel into id lists.
  absl::StatusOr<std::vector<std::vector<TokenId>>> EncodeIdsBatch(
      absl::Span<const absl::string_view> texts, const EncodeOptions& options,
      int num_threads) const;

  // Decodes ids to text. kOutOfRange for an id outside the vocabulary.
  absl::StatusOr<std::string> Decode(absl::Span<const TokenId> ids,
                                     bool skip_special_tokens = false) const;

  // Appends the normalized, pre-tokenized words of `text` (added tokens are
  // split out and dropped): what trainers count.
  absl::Status PreTokenize(absl::string_view text,
                           std::vector<std::string>* words) const;

  // Returns the token string of `id` (file form), added tokens included.
  absl::StatusOr<std::string> IdToToken(TokenId id) const;
  std::optional<TokenId> TokenToId(absl::string_view token) const;
  // Vocabulary size including added tokens.
  int vocab_size() const;

  const Model& model() const { return *parts_.model; }
  const Parts& parts() const { return parts_; }

 private:
  explicit Tokenizer(Parts parts);
  class AddedTokenMatcher;
  // Encodes into *encoding when it is non-null, else appends ids to *ids.
  absl::Status EncodeInto(absl::string_view text, const EncodeOptions& options,
                          Encoding* encoding, std::vector<TokenId>* ids) const;
  // Normalizes *text in place and replaces *words with its pre-tokenized
  // words: the stages every encode and PreTokenize share.
  absl::Status NormalizeAndSplit(NormalizedString* text,
                                 std::vector<ByteSpan>* words) const;
  // Runs the pipeline on text without added tokens; `base` is its offset in
  // the caller's text.
  absl::Status EncodePlain(absl::string_view text, uint32_t base,
                           int32_t* word_index, Encoding* encoding,
                           std::vector<TokenId>* ids) const;
  // Truncation, post-processing and padding.
  absl::StatusOr<Encoding> Finish(Encoding encoding, Encoding* pair,
                                  const EncodeOptions& options) const;

  Parts parts_;
  std::unique_ptr<AddedTokenMatcher> matcher_;
  const BpeModel* bpe_ = nullptr;  // parts_.model when it is BPE: id fast path.
  // Set when the whole normalizer + pre-tokenizer stage is exactly one of
  // the known split patterns (tiktoken and GPT-2 pipelines): EncodePlain
  // then splits the text directly, without a NormalizedString.
  std::optional<KnownPattern> fast_split_;
  // SentencePiece Unigram pipelines (Precompiled normalizer, no
  // pre-tokenizer): the id-only path normalizes without alignment.
  const PrecompiledNormalizer* spm_normalizer_ = nullptr;
  const UnigramModel* unigram_ = nullptr;
  // True if some added token can match without allow_special.
  bool has_non_special_added_ = false;
  absl::flat_hash_map<TokenId, const AddedToken*> added_by_id_;
};

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_TOKENIZER_H_
