// vocab_learning/train_tokenizer.h
//
// One entry point from counted words to a complete tokenizer.json: picks the
// trainer for the model kind, runs it, and wraps the result in the kind's
// pipeline (trainer_pipeline.h). Used by `tokenforge train` and the bindings.
//
//   TrainTokenizerOptions options;
//   options.kind = TrainerKind::kBpe;
//   options.vocab_size = 30000;
//   TF_ASSIGN_OR_RETURN(TrainedTokenizer trained, TrainTokenizer(counts, options));
//   // trained.json is the tokenizer.json document.

#ifndef TOKENFORGE_VOCAB_LEARNING_TRAIN_TOKENIZER_H_
#define TOKENFORGE_VOCAB_LEARNING_TRAIN_TOKENIZER_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"
#include "vocab_learning/bpe_trainer.h"
#include "vocab_learning/trainer_pipeline.h"
#include "vocab_learning/word_counts.h"
#include "vocab_learning/wordpiece_trainer.h"

namespace tokenforge {

struct TrainTokenizerOptions {
  TrainerKind kind = TrainerKind::kBpe;
  // Final vocabulary size, special tokens included.
  int vocab_size = 30000;
  // BPE / WordPiece: pairs seen fewer times are never merged.
  int64_t min_frequency = 0;
  // Special tokens (ids 0..); nullopt means the kind's default: none (bpe),
  // [PAD] [UNK] [CLS] [SEP] [MASK] (wordpiece), <unk> (unigram, char).
  std::optional<std::vector<std::string>> special_tokens;
  // Character-level kinds: fraction of characters the alphabet must cover.
  double character_coverage = 1.0;
  // Character-level kinds: at most this many alphabet characters (0 = all).
  int limit_alphabet = 0;
  // Unigram / char: add <0x00>..<0xFF> byte tokens for uncovered characters.
  bool byte_fallback = false;
  // Longest token in characters (bytes for byte-level); 0 = no limit.
  // Unigram uses 16 (SentencePiece's default) when 0.
  int max_token_length = 0;
  // BPE: character-level on the SentencePiece-like pipeline of `char`
  // (Metaspace words; with byte_fallback, <0xNN> tokens for characters
  // outside the alphabet, as Llama's BPE) instead of byte-level GPT-2.
  bool bpe_char_level = false;
  // Character-level BPE: characters always in the alphabet, even when absent
  // from the corpus or beyond the coverage (HF initial_alphabet).
  std::vector<std::string> initial_alphabet;
  // WordPiece: reproduce HF's BPE-based WordPiece trainer instead of the
  // likelihood score.
  bool wordpiece_hf_compat = false;
  // WordPiece likelihood score: the ratio (default) or the likelihood gain.
  WordPieceScore wordpiece_score = WordPieceScore::kRatio;
  // Worker threads; 0 = all cores. The output never depends on it.
  int num_threads = 0;

  absl::Status Validate() const;
};

struct TrainedTokenizer {
  nlohmann::json json;        // The tokenizer.json document.
  int vocab_size = 0;
  // Weighted token count of the training words under the trained model
  // (the training segmentation).
  int64_t training_tokens = 0;
};

// The preset whose pipeline splits the corpus for `options`: the kind's own,
// except `char` for character-level BPE. Count with it (CountCorpus).
TrainerKind PipelineKind(const TrainTokenizerOptions& options);

// Trains on `counts` (made with the pipeline of PipelineKind(options)).
absl::StatusOr<TrainedTokenizer> TrainTokenizer(
    const WordCounts& counts, const TrainTokenizerOptions& options,
    const TrainProgress& progress = nullptr);

}  // namespace tokenforge

#endif  // TOKENFORGE_VOCAB_LEARNING_TRAIN_TOKENIZER_H_
