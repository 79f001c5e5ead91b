// vocab_learning/bpe_trainer.h
//
// Byte-pair-encoding training (Sennrich et al. 2016) on counted words:
// byte-level (GPT-2: the 256 bytes are the alphabet, nothing is ever
// unknown) or character-level (the alphabet is the most frequent characters,
// optionally with 256 "<0xNN>" byte-fallback tokens).
//
// Vocabulary ids are assigned in this order: special tokens (as given), the
// byte-fallback tokens, the alphabet sorted by code point of its file form
// (for byte-level, the GPT-2 byte-to-unicode character; this is HF's order),
// then for char-level the continuing-subword/end-of-word forms of the
// alphabet sorted by bytes, then one token per merge.
//
// Merge choice (the tie rule is part of the contract): the pair with the
// highest count; among equal counts, the smallest (left id, right id). This
// is HF tokenizers' rule; with the same alphabet order it gives HF's merges.
//
//   TF_ASSIGN_OR_RETURN(BpeVocab bpe, TrainBpe(counts, options));
//
// Cost: O(total symbols) to build, then O(occurrences * log) per merge;
// memory about 16 bytes per symbol of the distinct words plus the pairs.

#ifndef TOKENFORGE_VOCAB_LEARNING_BPE_TRAINER_H_
#define TOKENFORGE_VOCAB_LEARNING_BPE_TRAINER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "tokenizers/pipeline.h"
#include "vocab_learning/word_counts.h"

namespace tokenforge {

// Called now and then with (merges done, merges wanted).
using TrainProgress = std::function<void(int64_t done, int64_t total)>;

struct BpeTrainerOptions {
  // Final vocabulary size: special tokens, byte fallback, alphabet and merges.
  // Training stops earlier when no pair reaches min_frequency.
  int vocab_size = 30000;
  // Pairs seen fewer times are never merged.
  int64_t min_frequency = 0;
  // Tokens placed first, ids 0.. in this order; never merged.
  std::vector<std::string> special_tokens;
  // Byte-level (GPT-2 style): words are raw bytes and the alphabet is all
  // 256 of them. Otherwise character-level on valid UTF-8 words.
  bool byte_level = true;
  // Character-level: keep at most this many characters (0 = no limit), the
  // most frequent first (ties: smaller code point). HF limit_alphabet.
  int limit_alphabet = 0;
  // Character-level: keep the most frequent characters that together cover
  // at least this fraction of all characters. SentencePiece
  // character_coverage; 1.0 keeps all.
  double character_coverage = 1.0;
  // Character-level: characters always in the alphabet (each entry's
  // characters), even when absent from the corpus.
  std::vector<std::string> initial_alphabet;
  // Character-level: add the 256 "<0x00>".."<0xFF>" tokens so that
  // characters outside the alphabet encode as bytes.
  bool byte_fallback = false;
  // Merged tokens longer than this many characters are never made; 0 means
  // no limit.
  int max_token_length = 0;
  // Character-level: prefix of non-initial symbols ("##") and suffix of
  // word-final symbols ("</w>"), as HF BpeTrainer.
  std::string continuing_subword_prefix;
  std::string end_of_word_suffix;
  // Worker threads; 0 = all cores. The result never depends on it.
  int num_threads = 0;
  // Tuning: a merge whose pair is listed at this many positions or more is
  // applied in parallel shards (PairMerger). The result never depends on
  // it; tests set 0 to force the parallel path on every merge. Below 16384 the sharded merge
  // costs more than it saves on 2 threads (see PairMerger).
  int64_t parallel_merge_min_occurrences = 16384;

  absl::Status Validate() const;
};

// A trained BPE vocabulary in internal form: byte-level tokens are raw bytes
// (" world", not "Ġworld").
struct BpeVocab {
  std::vector<std::string> tokens;                      // By id.
  std::vector<std::pair<TokenId, TokenId>> merges;      // By rank.
  int num_special = 0;
  int num_byte_fallback = 0;
  int alphabet_size = 0;  // Including prefixed/suffixed forms.
  // Weighted token count of the training words after all merges.
  int64_t training_tokens = 0;
};

// Trains on `counts`. kInvalidArgument for bad options, for a vocab_size
// below the alphabet, or for a non-UTF-8 word in character-level mode.
absl::StatusOr<BpeVocab> TrainBpe(const WordCounts& counts,
                                  const BpeTrainerOptions& options,
                                  const TrainProgress& progress = nullptr);

namespace internal {
// The alphabet a char-level trainer keeps, by coverage and limit, then
// sorted by code point. Exposed for WordPiece and tests.
absl::StatusOr<std::vector<char32_t>> SelectAlphabet(
    const WordCounts& counts, int limit_alphabet, double character_coverage,
    const std::vector<std::string>& initial_alphabet);
}  // namespace internal

}  // namespace tokenforge

#endif  // TOKENFORGE_VOCAB_LEARNING_BPE_TRAINER_H_
