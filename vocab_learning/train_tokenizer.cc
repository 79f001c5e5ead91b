// vocab_learning/train_tokenizer.cc

#include "vocab_learning/train_tokenizer.h"

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "vocab_learning/char_trainer.h"
#include "vocab_learning/unigram_trainer.h"
#include "vocab_learning/wordpiece_trainer.h"

namespace tokenforge {
namespace {

std::vector<std::string> DefaultSpecials(TrainerKind kind) {
  switch (kind) {
    case TrainerKind::kBpe:
      return {};
    case TrainerKind::kWordPiece:
      return {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"};
    case TrainerKind::kUnigram:
    case TrainerKind::kChar:
      return {"<unk>"};
  }
  return {};
}

absl::StatusOr<TrainedTokenizer> TrainBpeTokenizer(
    const WordCounts& counts, const TrainTokenizerOptions& options,
    const std::vector<std::string>& specials, const TrainProgress& progress) {
  const bool char_level = options.bpe_char_level;
  BpeTrainerOptions bpe;
  bpe.vocab_size = options.vocab_size;
  bpe.min_frequency = options.min_frequency;
  bpe.special_tokens = specials;
  bpe.max_token_length = options.max_token_length;
  bpe.num_threads = options.num_threads;
  bpe.byte_level = !char_level;
  if (char_level) {
    bpe.limit_alphabet = options.limit_alphabet;
    bpe.character_coverage = options.character_coverage;
    bpe.initial_alphabet = options.initial_alphabet;
    bpe.byte_fallback = options.byte_fallback;
  }
  TF_ASSIGN_OR_RETURN(BpeVocab vocab, TrainBpe(counts, bpe, progress));
  // Character-level: the first special token is the unknown token (for
  // characters outside the alphabet when there is no byte fallback).
  const std::string unk = char_level && !specials.empty() ? specials[0] : "";
  TrainedTokenizer out;
  out.json = TokenizerJson(DefaultPipeline(PipelineKind(options), options.byte_fallback),
                           BpeModelJson(vocab, /*byte_level=*/!char_level, unk,
                                        char_level && options.byte_fallback),
                           specials);
  out.vocab_size = static_cast<int>(vocab.tokens.size());
  out.training_tokens = vocab.training_tokens;
  return out;
}

absl::StatusOr<TrainedTokenizer> TrainUnigramTokenizer(
    const WordCounts& counts, const TrainTokenizerOptions& options,
    const std::vector<std::string>& specials, const TrainProgress& progress) {
  UnigramTrainerOptions unigram;
  unigram.vocab_size = options.vocab_size;
  unigram.special_tokens = specials;
  unigram.byte_fallback = options.byte_fallback;
  unigram.character_coverage = options.character_coverage;
  if (options.max_token_length > 0) unigram.max_piece_length = options.max_token_length;
  unigram.num_threads = options.num_threads;
  TF_ASSIGN_OR_RETURN(UnigramVocab vocab, TrainUnigram(counts, unigram, progress));
  // Scores are written as the floats the Unigram model holds (as
  // SentencePiece stores them), so HF, which reads them as doubles, and
  // tokenforge see the same values and break Viterbi ties alike.
  nlohmann::json pieces = nlohmann::json::array();
  pieces.get_ref<nlohmann::json::array_t&>().reserve(vocab.pieces.size());
  for (auto& [piece, score] : vocab.pieces) {
    pieces.push_back(nlohmann::json::array(
        {std::move(piece), static_cast<double>(static_cast<float>(score))}));
  }
  nlohmann::json model = nlohmann::json::object();
  model["type"] = "Unigram";
  model["unk_id"] = 0;
  model["vocab"] = std::move(pieces);
  model["byte_fallback"] = options.byte_fallback;
  TrainedTokenizer out;
  out.json = TokenizerJson(DefaultPipeline(options.kind, options.byte_fallback),
                           std::move(model), specials);
  out.vocab_size = static_cast<int>(vocab.pieces.size());
  out.training_tokens = vocab.training_tokens;
  return out;
}

absl::StatusOr<TrainedTokenizer> TrainWordPieceTokenizer(
    const WordCounts& counts, const TrainTokenizerOptions& options,
    const std::vector<std::string>& specials, const TrainProgress& progress) {
  WordPieceTrainerOptions wordpiece;
  wordpiece.vocab_size = options.vocab_size;
  wordpiece.min_frequency = options.min_frequency;
  wordpiece.special_tokens = specials;
  wordpiece.limit_alphabet = options.limit_alphabet;
  wordpiece.character_coverage = options.character_coverage;
  wordpiece.max_token_length = options.max_token_length;
  wordpiece.hf_compat = options.wordpiece_hf_compat;
  wordpiece.score = options.wordpiece_score;
  wordpiece.num_threads = options.num_threads;
  TF_ASSIGN_OR_RETURN(BpeVocab vocab, TrainWordPiece(counts, wordpiece, progress));
  // The unknown token: [UNK] when among the specials, else the first one.
  std::string unk = specials.empty() ? "[UNK]" : specials[0];
  for (const std::string& s : specials) {
    if (s == "[UNK]") unk = s;
  }
  nlohmann::json tokens = nlohmann::json::object();
  for (size_t id = 0; id < vocab.tokens.size(); ++id) tokens[vocab.tokens[id]] = id;
  if (!tokens.contains(unk)) tokens[unk] = vocab.tokens.size();
  const nlohmann::json model = {{"type", "WordPiece"},
                                {"unk_token", unk},
                                {"continuing_subword_prefix", "##"},
                                {"max_input_chars_per_word", 100},
                                {"vocab", tokens}};
  TrainedTokenizer out;
  out.json = TokenizerJson(DefaultPipeline(options.kind), model, specials);
  out.vocab_size = static_cast<int>(tokens.size());
  out.training_tokens = vocab.training_tokens;
  return out;
}

absl::StatusOr<TrainedTokenizer> TrainCharTokenizer(
    const WordCounts& counts, const TrainTokenizerOptions& options,
    const std::vector<std::string>& specials) {
  CharTrainerOptions chars;
  chars.vocab_size = options.vocab_size;
  chars.character_coverage = options.character_coverage;
  chars.special_tokens = specials;
  chars.byte_fallback = options.byte_fallback;
  TF_ASSIGN_OR_RETURN(CharVocab vocab, TrainChars(counts, chars));
  BpeVocab bpe;
  bpe.tokens = vocab.tokens;
  bpe.num_special = vocab.num_special;
  TrainedTokenizer out;
  out.json = TokenizerJson(
      DefaultPipeline(options.kind, options.byte_fallback),
      BpeModelJson(bpe, /*byte_level=*/false, specials.empty() ? "" : specials[0],
                   options.byte_fallback),
      specials);
  out.vocab_size = static_cast<int>(vocab.tokens.size());
  out.training_tokens = vocab.training_tokens;
  return out;
}

}  // namespace

absl::Status TrainTokenizerOptions::Validate() const {
  if (vocab_size < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("vocab_size must be >= 1, got ", vocab_size));
  }
  if (num_threads < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("num_threads must be >= 0, got ", num_threads));
  }
  const bool char_level_bpe = kind == TrainerKind::kBpe && bpe_char_level;
  if (bpe_char_level && kind != TrainerKind::kBpe) {
    return absl::InvalidArgumentError("bpe_char_level applies to bpe models only");
  }
  if (byte_fallback && kind != TrainerKind::kUnigram && kind != TrainerKind::kChar &&
      !char_level_bpe) {
    return absl::InvalidArgumentError(
        "byte_fallback applies to unigram, char and character-level bpe models "
        "(byte-level bpe needs none)");
  }
  if (!initial_alphabet.empty() && !char_level_bpe) {
    return absl::InvalidArgumentError(
        "initial_alphabet applies to character-level bpe (byte-level bpe has all 256 bytes)");
  }
  return absl::OkStatus();
}

TrainerKind PipelineKind(const TrainTokenizerOptions& options) {
  if (options.kind == TrainerKind::kBpe && options.bpe_char_level) return TrainerKind::kChar;
  return options.kind;
}

absl::StatusOr<TrainedTokenizer> TrainTokenizer(
    const WordCounts& counts, const TrainTokenizerOptions& options,
    const TrainProgress& progress) {
  TF_RETURN_IF_ERROR(options.Validate());
  const std::vector<std::string> specials =
      options.special_tokens.value_or(DefaultSpecials(PipelineKind(options)));
  switch (options.kind) {
    case TrainerKind::kBpe:
      return TrainBpeTokenizer(counts, options, specials, progress);
    case TrainerKind::kUnigram:
      if (specials.empty()) {
        return absl::InvalidArgumentError("unigram needs an unknown token (first special token)");
      }
      return TrainUnigramTokenizer(counts, options, specials, progress);
    case TrainerKind::kWordPiece:
      return TrainWordPieceTokenizer(counts, options, specials, progress);
    case TrainerKind::kChar:
      return TrainCharTokenizer(counts, options, specials);
  }
  return absl::InternalError("unknown trainer kind");
}

}  // namespace tokenforge
