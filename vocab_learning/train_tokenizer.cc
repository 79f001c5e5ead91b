// vocab_learning/train_tokenizer.cc

#include "vocab_learning/train_tokenizer.h"

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"

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
  BpeTrainerOptions bpe;
  bpe.vocab_size = options.vocab_size;
  bpe.min_frequency = options.min_frequency;
  bpe.special_tokens = specials;
  bpe.max_token_length = options.max_token_length;
  bpe.num_threads = options.num_threads;
  TF_ASSIGN_OR_RETURN(BpeVocab vocab, TrainBpe(counts, bpe, progress));
  TrainedTokenizer out;
  out.json = TokenizerJson(DefaultPipeline(options.kind),
                           BpeModelJson(vocab, /*byte_level=*/true, "", false),
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
  if (byte_fallback && kind != TrainerKind::kUnigram && kind != TrainerKind::kChar) {
    return absl::InvalidArgumentError(
        "byte_fallback applies to unigram and char models (bpe is byte-level)");
  }
  return absl::OkStatus();
}

absl::StatusOr<TrainedTokenizer> TrainTokenizer(
    const WordCounts& counts, const TrainTokenizerOptions& options,
    const TrainProgress& progress) {
  TF_RETURN_IF_ERROR(options.Validate());
  const std::vector<std::string> specials =
      options.special_tokens.value_or(DefaultSpecials(options.kind));
  switch (options.kind) {
    case TrainerKind::kBpe:
      return TrainBpeTokenizer(counts, options, specials, progress);
    default:
      return absl::UnimplementedError("trainer not available yet");
  }
}

}  // namespace tokenforge
