// vocab_learning/unigram_trainer.cc
//
// The EM and pruning loop follows SentencePiece's unigram_model_trainer.cc
// (RunEStep, RunMStep, PruneSentencePieces, FinalizeSentencePieces), on
// distinct words instead of sentences.

#include "vocab_learning/unigram_trainer.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numeric>
#include <optional>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/types/span.h"
#include "common/parallel.h"
#include "common/status_macros.h"
#include "common/utf8.h"
#include "vocab_learning/unigram_lattice.h"
#include "vocab_learning/unigram_seeds.h"

namespace tokenforge {
namespace {

using internal::LatticeCache;
using internal::LatticeEdge;
using internal::PieceTrie;

constexpr int kNumShards = 16;
// SentencePiece: pieces expected less often are dropped by the M-step.
constexpr double kExpectedFrequencyThreshold = 0.5;
// SentencePiece: an unknown character scores this far below the worst piece.
constexpr double kUnkPenalty = 10.0;

// Digamma by the asymptotic series, as in SentencePiece's RunMStep.
double Digamma(double x) {
  double result = 0.0;
  for (; x < 7.0; ++x) result -= 1.0 / x;
  x -= 0.5;
  const double xx = 1.0 / x, xx2 = xx * xx, xx4 = xx2 * xx2;
  return result + std::log(x) + xx2 / 24.0 - 7.0 / 960.0 * xx4 +
         31.0 / 8064.0 * xx4 * xx2 - 127.0 / 30720.0 * xx4 * xx4;
}

// Calls fn(i) for every i in [0, n), in kNumShards fixed chunks on up to
// num_threads threads: for per-piece functions (exp, log, digamma) that
// write only entry i, so the result is the same at any thread count.
template <typename Fn>
void ForEachIndex(size_t n, int num_threads, Fn fn) {
  ParallelFor(kNumShards, num_threads, [&](size_t shard) {
    for (size_t i = n * shard / kNumShards; i < n * (shard + 1) / kNumShards; ++i) fn(i);
  });
}

// The current model: pieces sorted by bytes (the trie's order) with scores.
struct PieceModel {
  std::vector<std::string> pieces;
  std::vector<double> scores;
  std::vector<bool> is_char;  // Single characters: never pruned.
  std::vector<double> probs;  // exp(scores).
  std::vector<uint8_t> char_lengths;  // <= max_piece_length <= 255.
  // One occurrence of each piece (LatticeCache::BestSegmentation); only
  // models that are pruned have them.
  std::vector<uint32_t> occurrences;

  internal::PieceTables Tables() const {
    const double unk = UnkScore();
    return {scores.data(), probs.data(), unk, std::exp(unk)};
  }

  // No pieces (an empty corpus): every character is unknown.
  double UnkScore() const {
    return scores.empty() ? -kUnkPenalty
                          : *std::min_element(scores.begin(), scores.end()) - kUnkPenalty;
  }
};

// The model over `pieces`, sorted by bytes, with their scores.
PieceModel SortedModel(std::vector<std::string> pieces, const std::vector<double>& scores,
                       int num_threads) {
  PieceModel model;
  model.scores = scores;
  const size_t n = pieces.size();
  model.probs.resize(n);
  model.char_lengths.resize(n);
  ForEachIndex(n, num_threads, [&](size_t i) {
    model.char_lengths[i] = static_cast<uint8_t>(internal::Utf8Chars(pieces[i]));
    model.probs[i] = std::exp(scores[i]);
  });
  model.is_char.resize(n);
  for (size_t i = 0; i < n; ++i) model.is_char[i] = model.char_lengths[i] == 1;
  model.pieces = std::move(pieces);
  return model;
}

// Cuts the words into kNumShards fixed shards holding about equal numbers
// of bytes, not of words: the words are sorted, so the long CJK "words"
// would otherwise all land in the last shard. Returns kNumShards + 1 bounds.
std::vector<size_t> ShardBounds(const WordCounts& counts) {
  size_t total_bytes = 0;
  for (const WordCount& wc : counts) total_bytes += wc.word.size() + 1;
  std::vector<size_t> bounds(kNumShards + 1, counts.size());
  bounds[0] = 0;
  size_t seen = 0, next = 1;
  for (size_t w = 0; w < counts.size() && next < kNumShards; ++w) {
    seen += counts[w].word.size() + 1;
    while (next < kNumShards && seen * kNumShards >= total_bytes * next) bounds[next++] = w + 1;
  }
  return bounds;
}

// The pieces a step keeps: ascending indices into the model, new scores.
struct Selection {
  std::vector<size_t> kept;
  std::vector<double> scores;
};

// Restricts the model to `selection` in place, still sorted by bytes (a
// subset in index order needs no sort): kept[j] >= j, so each array is
// compacted front to back without a second copy of the model.
void Subset(const Selection& selection, int num_threads, PieceModel* model) {
  const size_t n = selection.kept.size();
  for (size_t j = 0; j < n; ++j) {
    const size_t i = selection.kept[j];
    if (i != j) {
      model->pieces[j] = std::move(model->pieces[i]);
      model->is_char[j] = model->is_char[i];
      model->char_lengths[j] = model->char_lengths[i];
      if (!model->occurrences.empty()) model->occurrences[j] = model->occurrences[i];
    }
    model->scores[j] = selection.scores[j];
  }
  ForEachIndex(n, num_threads, [&](size_t j) { model->probs[j] = std::exp(model->scores[j]); });
  model->pieces.resize(n);
  model->is_char.resize(n);
  model->char_lengths.resize(n);
  if (!model->occurrences.empty()) model->occurrences.resize(n);
  model->scores.resize(n);
  model->probs.resize(n);
}

// Per-piece sums over the words, plus the log-likelihood and token count.
struct WordSums {
  std::vector<double> values;
  double log_likelihood = 0.0;
  int64_t tokens = 0;
};

// What fn adds to for one shard: fixed-point per-piece sums (shared by the
// shards one thread takes) and the shard's own scalars.
struct ShardSums {
  int64_t* values;
  double log_likelihood = 0.0;
  int64_t tokens = 0;
};

// Returns the sums of fn(shard, word index, &shard sums) over all words in
// the fixed shards of `bounds`. The per-piece sums are fixed point (see
// kFixedPointScale) and so exact whatever thread took which shard, with
// one vector per thread; the scalars are added in shard order. So results
// never depend on the thread count, and the memory is num_threads
// vectors, not one per shard.
template <typename Fn>
WordSums SumOverWords(const std::vector<size_t>& bounds, size_t size, int num_threads,
                      Fn fn) {
  const size_t threads =
      static_cast<size_t>(num_threads > 0 ? num_threads : DefaultNumThreads());
  const size_t num_shards = bounds.size() - 1;
  // Allocated here, not by the worker threads: their malloc arenas would
  // keep the memory after it is freed.
  std::vector<std::vector<int64_t>> partial(std::min(threads, num_shards),
                                            std::vector<int64_t>(size, 0));
  std::vector<ShardSums> shards(num_shards, ShardSums{nullptr});
  std::atomic<size_t> next_shard{0};
  // One task per thread, each taking shards until none is left.
  ParallelFor(partial.size(), num_threads, [&](size_t t) {
    for (size_t s; (s = next_shard.fetch_add(1)) < num_shards;) {
      ShardSums local{partial[t].data()};  // On the stack: no false sharing.
      for (size_t w = bounds[s]; w < bounds[s + 1]; ++w) fn(s, w, &local);
      shards[s] = local;
    }
  });
  WordSums total;
  for (const ShardSums& shard : shards) {  // Shard order.
    total.log_likelihood += shard.log_likelihood;
    total.tokens += shard.tokens;
  }
  // Exact integer sums into one of the vectors, each other one freed as
  // soon as it is added (peak: two vectors of `size`, not threads + 1).
  std::vector<int64_t> sum;
  for (std::vector<int64_t>& p : partial) {
    if (sum.empty()) {
      sum.swap(p);
      continue;
    }
    for (size_t k = 0; k < p.size(); ++k) sum[k] += p[k];
    std::vector<int64_t>().swap(p);
  }
  sum.resize(size, 0);  // No shard at all: all zero.
  total.values.resize(size);
  for (size_t k = 0; k < size; ++k) {
    total.values[k] = static_cast<double>(sum[k]) / internal::kFixedPointScale;
  }
  return total;
}

// E-step: expected piece counts over all words, and the log-likelihood.
std::vector<double> ExpectedCounts(const WordCounts& counts, const PieceModel& model,
                                   LatticeCache* cache, int num_threads,
                                   double* log_likelihood) {
  const internal::PieceTables tables = model.Tables();
  WordSums sums = SumOverWords(cache->bounds(), model.pieces.size(), num_threads,
                               [&](size_t s, size_t w, ShardSums* shard) {
    thread_local std::vector<double> scratch;
    const double count = static_cast<double>(counts[w].count);
    shard->log_likelihood +=
        count * cache->Expected(s, w, tables, count, shard->values, &scratch);
  });
  *log_likelihood = sums.log_likelihood;
  return std::move(sums.values);
}

// M-step: Bayesian re-estimation; rare pieces go, characters stay.
Selection MStep(const PieceModel& model, const std::vector<double>& expected, int num_threads) {
  Selection selection;
  double total = 0.0;
  for (size_t i = 0; i < model.pieces.size(); ++i) {
    if (expected[i] < kExpectedFrequencyThreshold && !model.is_char[i]) continue;
    const double freq = std::max(expected[i], kExpectedFrequencyThreshold);
    selection.kept.push_back(i);
    selection.scores.push_back(freq);
    total += freq;
  }
  const double log_total = Digamma(total);
  ForEachIndex(selection.scores.size(), num_threads, [&](size_t j) {
    selection.scores[j] = Digamma(selection.scores[j]) - log_total;
  });
  return selection;
}

// Viterbi over all words: weighted frequency of each piece on best paths,
// and the weighted token count of those paths. Lattices come from `cache`
// if given, else from a trie over the model's pieces.
std::vector<double> ViterbiCounts(const WordCounts& counts, const PieceModel& model,
                                  LatticeCache* cache, int num_threads,
                                  double* log_likelihood, int64_t* tokens) {
  std::optional<PieceTrie> trie;
  if (cache == nullptr) trie.emplace(model.pieces);
  const double unk = model.UnkScore();
  const internal::PieceTables tables = model.Tables();
  WordSums sums = SumOverWords(cache ? cache->bounds() : ShardBounds(counts),
                               model.pieces.size(), num_threads,
                               [&](size_t s, size_t w, ShardSums* shard) {
    const double count = static_cast<double>(counts[w].count);
    if (cache != nullptr) {
      thread_local std::vector<double> scratch;
      int64_t path_tokens = 0;
      shard->log_likelihood += count * cache->Viterbi(s, w, tables, count, shard->values,
                                                      &path_tokens, &scratch);
      shard->tokens += counts[w].count * path_tokens;
      return;
    }
    thread_local std::vector<LatticeEdge> edges;
    internal::BuildLattice(counts[w].word, *trie, model.scores, model.probs, unk, -1, &edges);
    double score = 0.0;
    const std::vector<int> path = internal::ViterbiPath(counts[w].word, edges, &score);
    for (const int e : path) {
      if (edges[e].piece >= 0) shard->values[edges[e].piece] += internal::ToFixed(count);
    }
    shard->log_likelihood += count * score;
    shard->tokens += counts[w].count * static_cast<int64_t>(path.size());
  });
  *log_likelihood = sums.log_likelihood;
  *tokens = sums.tokens;
  return std::move(sums.values);
}

// Pruning: drop the pieces whose removal costs the least likelihood, keeping
// max(desired, shrinking_factor * size) of them.
Selection Prune(const WordCounts& counts, const PieceModel& model, size_t desired,
                 LatticeCache* cache, const UnigramTrainerOptions& options) {
  double unused_ll;
  int64_t unused_tokens;
  const std::vector<double> freq = ViterbiCounts(counts, model, cache, options.num_threads,
                                                 &unused_ll, &unused_tokens);
  const double total = std::accumulate(freq.begin(), freq.end(), 0.0);
  const double log_total = std::log(total);
  // Each piece's loss: the likelihood change when its occurrences use its
  // best segmentation without itself (the alternative), found from the
  // lattice of one of its occurrences (no trie over the model). Computed
  // per piece in parallel; pieces never on a best path need none.
  const internal::PieceTables tables = model.Tables();
  const size_t n = model.pieces.size();
  std::vector<double> losses(n, 0.0);
  ParallelFor(kNumShards, options.num_threads, [&](size_t shard) {
    thread_local std::vector<int32_t> alt;
    thread_local std::vector<double> scratch;
    for (size_t i = n * shard / kNumShards; i < n * (shard + 1) / kNumShards; ++i) {
      if (model.is_char[i] || freq[i] == 0.0) continue;
      cache->BestSegmentation(model.occurrences[i], model.char_lengths[i],
                              static_cast<int32_t>(i), tables, &alt, &scratch);
      const double logprob = std::log(freq[i]) - log_total;
      const double log_total_alt =
          std::log(total + freq[i] * (static_cast<double>(alt.size()) - 1.0));
      double logprob_alt = 0.0;
      for (const int32_t a : alt) {
        const double f = (a >= 0 ? freq[a] : 0.0) + freq[i];
        logprob_alt += std::log(f) - log_total_alt;
      }
      losses[i] = freq[i] / total * (logprob - logprob_alt);
    }
  });
  std::vector<std::pair<double, size_t>> candidates;  // (loss, index).
  std::vector<size_t> kept;
  for (size_t i = 0; i < n; ++i) {
    if (model.is_char[i]) {
      kept.push_back(i);
    } else if (freq[i] != 0.0) {  // Else never on a best path: free to drop.
      candidates.emplace_back(losses[i], i);
    }
  }
  const size_t target = std::max(
      desired, static_cast<size_t>(options.shrinking_factor * model.pieces.size()));
  // The highest losses; ties by index (piece bytes). A total order, so
  // selecting them (linear) keeps the same set as sorting them all did.
  const size_t take = std::min(candidates.size(), target - std::min(target, kept.size()));
  std::nth_element(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(take),
                   candidates.end(), [](const auto& a, const auto& b) {
                     return a.first != b.first ? a.first > b.first : a.second < b.second;
                   });
  // Back in index order by a mask, not a sort.
  std::vector<char> is_kept(model.pieces.size(), 0);
  for (const size_t i : kept) is_kept[i] = 1;
  for (size_t k = 0; k < take; ++k) is_kept[candidates[k].second] = 1;
  Selection selection;
  selection.kept.reserve(kept.size() + take);
  selection.scores.reserve(kept.size() + take);
  for (size_t i = 0; i < is_kept.size(); ++i) {
    if (!is_kept[i]) continue;
    selection.kept.push_back(i);
    selection.scores.push_back(model.scores[i]);
  }
  return selection;
}

}  // namespace

absl::Status UnigramTrainerOptions::Validate() const {
  if (vocab_size < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("vocab_size must be >= 1, got ", vocab_size));
  }
  if (special_tokens.empty()) {
    return absl::InvalidArgumentError(
        "special_tokens must hold at least the unknown token");
  }
  if (!(character_coverage > 0.0 && character_coverage <= 1.0)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "character_coverage must be in (0, 1], got ", character_coverage));
  }
  if (seed_vocab_size < 1 || max_piece_length < 1 || em_iterations < 1) {
    return absl::InvalidArgumentError(
        "seed_vocab_size, max_piece_length and em_iterations must be >= 1");
  }
  if (max_piece_length > 255) {
    return absl::InvalidArgumentError(
        absl::StrCat("max_piece_length must be <= 255, got ", max_piece_length));
  }
  // Seeds plus at most 0x110000 characters must stay below 2^23 (PackEdge).
  if (seed_vocab_size > 7'000'000) {
    return absl::InvalidArgumentError(
        absl::StrCat("seed_vocab_size must be <= 7000000, got ", seed_vocab_size));
  }
  if (!(shrinking_factor > 0.0 && shrinking_factor < 1.0)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "shrinking_factor must be in (0, 1), got ", shrinking_factor));
  }
  if (num_threads < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("num_threads must be >= 0, got ", num_threads));
  }
  return absl::OkStatus();
}

namespace {

absl::StatusOr<UnigramVocab> Train(const WordCounts& counts,
                                   const UnigramTrainerOptions& options,
                                   const TrainProgress& progress) {
  TF_RETURN_IF_ERROR(options.Validate());
  TF_ASSIGN_OR_RETURN(std::vector<char32_t> alphabet,
                      internal::SelectAlphabet(counts, 0, options.character_coverage, {}));
  const int reserved = static_cast<int>(options.special_tokens.size()) +
                       (options.byte_fallback ? 256 : 0);
  const int wanted = options.vocab_size - reserved;
  if (wanted < static_cast<int>(alphabet.size())) {
    return absl::InvalidArgumentError(absl::StrCat(
        "vocab_size ", options.vocab_size, " is below the ", reserved,
        " special/byte tokens plus the ", alphabet.size(),
        " characters; lower character_coverage or raise vocab_size"));
  }
  // 1. Seeds: characters and frequent substrings with their frequencies,
  // and every word's lattice over them, from one suffix array.
  internal::SeedVocab seeds = internal::MakeSeedVocab(
      counts, alphabet, options.max_piece_length, options.seed_vocab_size, options.num_threads);
  const double log_total =
      std::log(std::accumulate(seeds.freqs.begin(), seeds.freqs.end(), 0.0));
  ForEachIndex(seeds.freqs.size(), options.num_threads,
               [&](size_t i) { seeds.freqs[i] = std::log(seeds.freqs[i]) - log_total; });
  PieceModel model = SortedModel(std::move(seeds.pieces), seeds.freqs, options.num_threads);
  model.occurrences = std::move(seeds.occurrences);
  std::vector<double>().swap(seeds.freqs);
  // 2-4. EM and pruning until 10% above the target.
  const size_t desired = static_cast<size_t>(wanted) + static_cast<size_t>(wanted) / 10;
  double log_likelihood = 0.0;
  std::vector<absl::string_view> words;
  words.reserve(counts.size());
  for (const WordCount& wc : counts) words.push_back(wc.word);
  LatticeCache cache(words, ShardBounds(counts), std::move(seeds.edges),
                     std::move(seeds.per_char));
  const auto select = [&](const Selection& selection) {
    std::vector<int32_t> new_index(model.pieces.size(), -1);
    for (size_t j = 0; j < selection.kept.size(); ++j) {
      new_index[selection.kept[j]] = static_cast<int32_t>(j);
    }
    cache.Remap(new_index);
    Subset(selection, options.num_threads, &model);
  };
  while (true) {
    for (int iter = 0; iter < options.em_iterations; ++iter) {
      select(MStep(model, ExpectedCounts(counts, model, &cache, options.num_threads,
                                                &log_likelihood),
                   options.num_threads));
    }
    if (progress) progress(static_cast<int64_t>(model.pieces.size()), wanted);
    if (model.pieces.size() <= desired) break;
    select(Prune(counts, model, desired, &cache, options));
  }
  // Final: characters always, then the best-scoring pieces (ties: lower
  // index), selected in linear time; only they are then sorted, by score
  // descending, then by bytes (a total order: pieces are unique). The model
  // is in byte order, so bytes compare as indices: many pieces share the
  // score of the M-step's frequency floor, and string comparisons of those
  // made this sort cost more than the rest of the final step.
  std::vector<size_t> order(model.pieces.size());
  std::iota(order.begin(), order.end(), 0);
  const size_t final_size = std::min(order.size(), static_cast<size_t>(wanted));
  std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(final_size),
                   order.end(), [&](size_t a, size_t b) {
    if (model.is_char[a] != model.is_char[b]) return model.is_char[a] > model.is_char[b];
    if (model.scores[a] != model.scores[b]) return model.scores[a] > model.scores[b];
    return a < b;
  });
  order.resize(final_size);
  std::vector<std::pair<double, size_t>> by_score(order.size());
  for (size_t k = 0; k < order.size(); ++k) by_score[k] = {-model.scores[order[k]], order[k]};
  std::sort(by_score.begin(), by_score.end());
  for (size_t k = 0; k < order.size(); ++k) order[k] = by_score[k].second;
  std::vector<std::pair<std::string, double>> final_pieces;
  final_pieces.reserve(order.size());
  for (const size_t i : order) final_pieces.emplace_back(model.pieces[i], model.scores[i]);
  // Characters sort first: the cache stays valid unless the cut drops one.
  const bool chars_kept =
      static_cast<size_t>(std::count(model.is_char.begin(), model.is_char.end(), true)) <=
      order.size();
  // The model keeps its byte order as a subset in index order (no string
  // sort or comparison).
  std::vector<char> is_final(model.pieces.size(), 0);
  for (const size_t i : order) is_final[i] = 1;
  Selection final_selection;
  for (size_t i = 0; i < is_final.size(); ++i) {
    if (!is_final[i]) continue;
    final_selection.kept.push_back(i);
    final_selection.scores.push_back(model.scores[i]);
  }
  if (chars_kept) {
    select(final_selection);
  } else {
    Subset(final_selection, options.num_threads, &model);
  }
  UnigramVocab vocab;
  ViterbiCounts(counts, model, chars_kept ? &cache : nullptr, options.num_threads,
                &vocab.log_likelihood, &vocab.training_tokens);
  for (const std::string& special : options.special_tokens) {
    vocab.pieces.emplace_back(special, 0.0);
  }
  vocab.num_special = static_cast<int>(options.special_tokens.size());
  if (options.byte_fallback) {
    for (int b = 0; b < 256; ++b) vocab.pieces.emplace_back(absl::StrFormat("<0x%02X>", b), 0.0);
  }
  vocab.pieces.reserve(vocab.pieces.size() + final_pieces.size());
  // A piece spelled like a special or byte token would shadow it.
  absl::flat_hash_set<std::string> reserved_strings;
  for (const auto& [piece, score] : vocab.pieces) reserved_strings.insert(piece);
  for (auto& piece : final_pieces) {
    if (!reserved_strings.contains(piece.first)) vocab.pieces.push_back(std::move(piece));
  }
  return vocab;
}

}  // namespace

absl::StatusOr<UnigramVocab> TrainUnigram(const WordCounts& counts,
                                          const UnigramTrainerOptions& options,
                                          const TrainProgress& progress) {
  absl::StatusOr<UnigramVocab> vocab = Train(counts, options, progress);
#ifdef __GLIBC__
  // The suffix array, lattices and models are freed by now, but glibc keeps
  // much of that memory resident (free chunks amid live ones, and the
  // worker threads' arenas), so whatever the caller builds next (the
  // tokenizer JSON) would stack on top of it: on the Japanese corpus that
  // made the process peak 1.5-4 MB higher and vary from run to run.
  malloc_trim(0);
#endif
  return vocab;
}

}  // namespace tokenforge
