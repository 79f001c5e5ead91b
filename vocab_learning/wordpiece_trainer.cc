// vocab_learning/wordpiece_trainer.cc

#include "vocab_learning/wordpiece_trainer.h"

#include <cmath>
#include <queue>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "vocab_learning/bpe_vocab_builder.h"
#include "vocab_learning/pair_merger.h"

namespace tokenforge {
namespace {

using internal::PairLeft;
using internal::PairMerger;
using internal::PairRight;
using internal::VocabBuilder;

// Max-heap order: higher score, then higher count, then smaller key.
struct HeapEntry {
  double score;
  int64_t count;
  uint64_t key;
  bool operator<(const HeapEntry& o) const {
    if (score != o.score) return score < o.score;
    if (count != o.count) return count < o.count;
    return key > o.key;
  }
};

class LikelihoodQueue {
 public:
  LikelihoodQueue(PairMerger* merger, const VocabBuilder* builder, int max_length,
                  int64_t min_frequency, WordPieceScore score)
      : merger_(merger), builder_(builder), max_length_(max_length),
        min_frequency_(min_frequency), gain_(score == WordPieceScore::kGain),
        initial_symbols_(static_cast<double>(merger->TotalSymbols())) {}

  // The score of a pair from the current counts; the same expression on
  // the same integers, so a stale entry is recognised by exact comparison.
  double Score(uint64_t key, int64_t count) const {
    const double ratio = static_cast<double>(count) /
                         (static_cast<double>(merger_->SymbolCount(PairLeft(key))) *
                          static_cast<double>(merger_->SymbolCount(PairRight(key))));
    if (!gain_) return ratio;
    return static_cast<double>(count) * std::log(ratio * initial_symbols_);
  }
  void Push(uint64_t key, int64_t count) {
    if (max_length_ > 0 &&
        builder_->length(PairLeft(key)) + builder_->length(PairRight(key)) > max_length_) {
      return;
    }
    heap_.push({Score(key, count), count, key});
  }
  // Pops stale entries; returns false when empty.
  bool Top(HeapEntry* top) {
    while (!heap_.empty()) {
      const HeapEntry e = heap_.top();
      const int64_t count = merger_->PairCount(e.key);
      if (count == e.count && count > 0 && Score(e.key, count) == e.score) {
        *top = e;
        return true;
      }
      heap_.pop();
    }
    return false;
  }
  void Pop() { heap_.pop(); }
  // Rebuilds the heap from the live pairs when stale entries dominate.
  void MaybeCompact() {
    if (heap_.size() < 2 * merger_->NumPairs() + (1 << 16)) return;
    heap_ = {};
    for (const auto& [key, count] : merger_->LivePairs()) {
      if (count >= min_frequency_) Push(key, count);
    }
  }

 private:
  PairMerger* merger_;
  const VocabBuilder* builder_;
  int max_length_;
  int64_t min_frequency_;
  bool gain_;
  double initial_symbols_;  // N of the gain, fixed at the start.
  std::priority_queue<HeapEntry> heap_;
};

absl::StatusOr<BpeVocab> TrainLikelihood(const WordCounts& counts,
                                         const WordPieceTrainerOptions& options,
                                         const TrainProgress& progress) {
  VocabBuilder builder(options.special_tokens);
  PairMerger merger;
  merger.set_track_symbol_pairs(true);
  const std::vector<std::string> no_initial;
  const std::string no_suffix;
  TF_RETURN_IF_ERROR(builder.AddAlphabetAndWords(
      counts,
      {false, false, options.limit_alphabet, options.character_coverage,
       &no_initial, &options.continuing_subword_prefix, &no_suffix},
      &merger));
  if (builder.size() > options.vocab_size) {
    return absl::InvalidArgumentError(absl::StrCat(
        "vocab_size ", options.vocab_size, " is below the ", builder.size(),
        " special and alphabet tokens"));
  }
  merger.Build(builder.size(), options.num_threads);
  BpeVocab vocab;
  vocab.num_special = builder.num_special();
  vocab.alphabet_size = builder.alphabet_size();
  LikelihoodQueue queue(&merger, &builder, options.max_token_length,
                        options.min_frequency, options.score);
  for (const auto& [key, count] : merger.LivePairs()) {
    if (count >= options.min_frequency) queue.Push(key, count);
  }
  std::vector<uint64_t> raised;
  std::vector<int32_t> touched;
  const std::string& prefix = options.continuing_subword_prefix;
  HeapEntry top;
  // Main loop: one merge per iteration.
  while (builder.size() < options.vocab_size && queue.Top(&top)) {
    queue.Pop();
    const int32_t left = PairLeft(top.key), right = PairRight(top.key);
    absl::string_view right_text = builder.token(right);
    if (absl::StartsWith(right_text, prefix)) right_text.remove_prefix(prefix.size());
    const int32_t merged = builder.Intern(absl::StrCat(builder.token(left), right_text),
                                          builder.length(left) + builder.length(right));
    raised.clear();
    touched.clear();
    merger.Merge(top.key, merged, &raised, &touched);
    vocab.merges.emplace_back(left, right);
    const auto push = [&](uint64_t key, int64_t count) {
      if (count >= options.min_frequency) queue.Push(key, count);
    };
    for (const uint64_t key : raised) push(key, merger.PairCount(key));
    for (const int32_t symbol : touched) merger.ForEachPairOf(symbol, push);
    queue.MaybeCompact();
    if (progress && vocab.merges.size() % 256 == 0) {
      progress(builder.size(), options.vocab_size);
    }
  }
  vocab.training_tokens = merger.TotalSymbols();
  vocab.tokens = builder.ReleaseTokens();
  return vocab;
}

// The character-level BPE options with the same vocabulary, alphabet and
// prefix settings: what hf_compat trains with, and what validates ours.
BpeTrainerOptions BpeOptionsFor(const WordPieceTrainerOptions& options) {
  BpeTrainerOptions bpe;
  bpe.vocab_size = options.vocab_size;
  bpe.min_frequency = options.min_frequency;
  bpe.special_tokens = options.special_tokens;
  bpe.byte_level = false;
  bpe.limit_alphabet = options.limit_alphabet;
  bpe.character_coverage = options.character_coverage;
  bpe.max_token_length = options.max_token_length;
  bpe.continuing_subword_prefix = options.continuing_subword_prefix;
  bpe.num_threads = options.num_threads;
  return bpe;
}

}  // namespace

absl::Status WordPieceTrainerOptions::Validate() const {
  if (continuing_subword_prefix.empty()) {
    return absl::InvalidArgumentError("continuing_subword_prefix must not be empty");
  }
  return BpeOptionsFor(*this).Validate();
}

absl::StatusOr<BpeVocab> TrainWordPiece(const WordCounts& counts,
                                        const WordPieceTrainerOptions& options,
                                        const TrainProgress& progress) {
  TF_RETURN_IF_ERROR(options.Validate());
  if (!options.hf_compat) return TrainLikelihood(counts, options, progress);
  return TrainBpe(counts, BpeOptionsFor(options), progress);
}

}  // namespace tokenforge
