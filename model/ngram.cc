// model/ngram.cc

#include "model/ngram.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"

namespace tokenforge {
namespace {

struct ContextStats {
  int64_t total = 0;     // c(h): occurrences of h followed by a token.
  int64_t distinct = 0;  // N1+(h .): distinct followers.
};

// Packs ids [begin, end) of `tokens` as 4 bytes each.
std::string Key(absl::Span<const TokenId> tokens, int64_t begin, int64_t end) {
  return std::string(reinterpret_cast<const char*>(tokens.data() + begin),
                     sizeof(TokenId) * (end - begin));
}

class NgramModel {
 public:
  NgramModel(const NgramOptions& options, absl::Span<const TokenId> train)
      : options_(options),
        grams_(options.order + 1),
        contexts_(options.order + 1) {
    for (int64_t i = 0; i < static_cast<int64_t>(train.size()); ++i) {
      for (int k = 1; k <= options_.order && k <= i + 1; ++k) {
        int64_t& c = grams_[k][Key(train, i - k + 1, i + 1)];
        ContextStats& s = contexts_[k][Key(train, i - k + 1, i)];
        s.total += 1;
        if (c++ == 0) s.distinct += 1;
      }
    }
    unigram_total_ = static_cast<int64_t>(train.size());
  }

  // Returns P(stream[i] | up to order-1 tokens before it).
  double Probability(absl::Span<const TokenId> stream, int64_t i) const {
    const double D = options_.discount;
    auto it = grams_[1].find(Key(stream, i, i + 1));
    const double c1 = it == grams_[1].end() ? 0 : it->second;
    double p = (c1 + 1) / (unigram_total_ + options_.vocab_size);
    for (int k = 2; k <= options_.order && k <= i + 1; ++k) {
      auto ctx = contexts_[k].find(Key(stream, i - k + 1, i));
      if (ctx == contexts_[k].end()) break;  // Longer contexts unseen too.
      auto g = grams_[k].find(Key(stream, i - k + 1, i + 1));
      const double c = g == grams_[k].end() ? 0 : g->second;
      const double total = ctx->second.total;
      p = std::max(c - D, 0.0) / total + D * ctx->second.distinct / total * p;
    }
    return p;
  }

 private:
  NgramOptions options_;
  // Index k: counts of k-grams, and stats of their (k-1)-token contexts.
  std::vector<absl::flat_hash_map<std::string, int64_t>> grams_;
  std::vector<absl::flat_hash_map<std::string, ContextStats>> contexts_;
  int64_t unigram_total_ = 0;
};

}  // namespace

absl::Status NgramOptions::Validate() const {
  if (order < 1 || order > 8) {
    return absl::InvalidArgumentError(
        absl::StrCat("order must be in [1, 8], got ", order));
  }
  if (!(discount > 0 && discount < 1)) {
    return absl::InvalidArgumentError(
        absl::StrCat("discount must be in (0, 1), got ", discount));
  }
  if (vocab_size < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("vocab_size must be >= 1, got ", vocab_size));
  }
  return absl::OkStatus();
}

absl::StatusOr<EvalResult> EvaluateNgram(absl::Span<const TokenId> train,
                                         absl::Span<const TokenId> stream,
                                         int64_t first_predicted, int64_t bytes,
                                         const NgramOptions& options) {
  TF_RETURN_IF_ERROR(options.Validate());
  const int64_t n = static_cast<int64_t>(stream.size());
  if (first_predicted < 0 || first_predicted >= n) {
    return absl::InvalidArgumentError(absl::StrCat(
        "first_predicted must be in [0, ", n, "), got ", first_predicted));
  }
  const NgramModel model(options, train);
  EvalResult result;
  result.tokens = n - first_predicted;
  result.bytes = bytes;
  for (int64_t i = first_predicted; i < n; ++i) {
    result.total_nats -= std::log(model.Probability(stream, i));
  }
  return result;
}

}  // namespace tokenforge
