// vocab_learning/trainer_pipeline.h
//
// The pipelines trained tokenizers come with, and the glue between a trained
// vocabulary and a tokenizer.json. Training counts words with exactly the
// normalizer and pre-tokenizer the saved tokenizer will encode with (built
// from the same JSON by the same factories), so a trained tokenizer encodes
// its training text as it was trained.
//
// Presets (what `tokenforge train --model X` produces):
//   bpe        GPT-2: ByteLevel pre-tokenizer (GPT-2 regex, no prefix space),
//              byte-level BPE, ByteLevel decoder.
//   wordpiece  BERT (cased): BertNormalizer without lowercasing,
//              BertPreTokenizer, "##" WordPiece, [PAD] [UNK] [CLS] [SEP] [MASK].
//   unigram    SentencePiece-like: NFKC, runs of spaces collapsed and ends
//              stripped (spm's nmt_nfkc + remove_extra_whitespaces), Metaspace
//              "▁" (prepend always), Unigram with <unk> at id 0.
//   char       As unigram, with a BPE model without merges (characters).
//
//   PipelineSpec spec = DefaultPipeline(TrainerKind::kBpe);
//   TF_ASSIGN_OR_RETURN(LineSplitter split, MakeLineSplitter(spec));

#ifndef TOKENFORGE_VOCAB_LEARNING_TRAINER_PIPELINE_H_
#define TOKENFORGE_VOCAB_LEARNING_TRAINER_PIPELINE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"
#include "vocab_learning/bpe_trainer.h"
#include "vocab_learning/word_counts.h"

namespace tokenforge {

enum class TrainerKind { kBpe, kWordPiece, kUnigram, kChar };

// Parses "bpe", "wordpiece", "unigram" or "char".
absl::StatusOr<TrainerKind> ParseTrainerKind(absl::string_view name);

// The non-model stages of a trained tokenizer, as tokenizer.json objects
// (null when absent).
struct PipelineSpec {
  nlohmann::json normalizer;
  nlohmann::json pre_tokenizer;
  nlohmann::json post_processor;
  nlohmann::json decoder;
  // Words are raw bytes and may be any bytes (ByteLevel pre-tokenizer).
  bool byte_level = false;
};

PipelineSpec DefaultPipeline(TrainerKind kind, bool byte_fallback = false);

// Returns a splitter running the spec's normalizer and pre-tokenizer on a
// line; byte-level words come out as raw bytes.
absl::StatusOr<LineSplitter> MakeLineSplitter(const PipelineSpec& spec);

// Counts `corpus` files (plain, gzip, "-") split by the pipeline of `kind`,
// plus already counted `count_files`; byte-level pipelines accept any bytes,
// the others report invalid UTF-8 with file:line. Fills *stats.
absl::StatusOr<WordCounts> CountCorpus(TrainerKind kind, bool byte_fallback,
                                       const std::vector<std::string>& corpus,
                                       const std::vector<std::string>& count_files,
                                       int num_threads, int64_t max_line_bytes,
                                       CorpusStats* stats);

// Returns the tokenizer.json document for `model` (a tokenizer.json "model"
// object) in the pipeline `spec`; `specials` become special added tokens
// with the ids they have in the model.
nlohmann::json TokenizerJson(const PipelineSpec& spec, nlohmann::json model,
                             const std::vector<std::string>& specials);

// Returns the tokenizer.json "model" object of a trained BPE vocabulary
// (byte-level tokens in the GPT-2 byte-to-unicode form).
nlohmann::json BpeModelJson(const BpeVocab& vocab, bool byte_level,
                            const std::string& unk_token, bool byte_fallback);

}  // namespace tokenforge

#endif  // TOKENFORGE_VOCAB_LEARNING_TRAINER_PIPELINE_H_
