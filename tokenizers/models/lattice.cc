#include "tokenizers/models/lattice.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>
#include <tuple>

#include "common/status_macros.h"

namespace tokenforge {
namespace {

constexpr double kMinusInf = -std::numeric_limits<double>::infinity();
// A* pops at most this many hypotheses per n-best call: a bound on the work
// for adversarial lattices (SentencePiece bounds its agenda similarly).
constexpr size_t kMaxNBestPops = 1 << 20;

// Length of the UTF-8 sequence by its lead byte, as SentencePiece's
// OneCharLen: continuation and invalid bytes count as one character.
uint32_t OneCharLen(uint8_t lead) {
  static constexpr uint8_t kLen[16] = {1, 1, 1, 1, 1, 1, 1, 1,
                                       1, 1, 1, 1, 2, 2, 3, 4};
  return kLen[lead >> 4];
}

double LogSumExp(double a, double b) {
  if (a == kMinusInf) return b;
  if (b == kMinusInf) return a;
  const double hi = std::max(a, b);
  return hi + std::log1p(std::exp(std::min(a, b) - hi));
}

}  // namespace

void Lattice::SetSentence(absl::string_view sentence) {
  sentence_ = sentence;
  char_begin_.clear();
  nodes_.clear();
  for (size_t pos = 0; pos < sentence.size();) {
    char_begin_.push_back(static_cast<uint32_t>(pos));
    pos += std::min<size_t>(OneCharLen(static_cast<uint8_t>(sentence[pos])),
                            sentence.size() - pos);
  }
  char_begin_.push_back(static_cast<uint32_t>(sentence.size()));
  end_nodes_.assign(char_begin_.size(), {});
  begin_nodes_.assign(char_begin_.size(), {});
}

int Lattice::Insert(uint32_t pos, uint32_t length, TokenId id, double score) {
  TF_CHECK(length > 0 && pos + length <= num_chars());
  const int index = static_cast<int>(nodes_.size());
  nodes_.push_back({pos, length, id, score});
  begin_nodes_[pos].push_back(index);
  end_nodes_[pos + length].push_back(index);
  return index;
}

std::vector<double> Lattice::ForwardBest() const {
  std::vector<double> best(nodes_.size(), kMinusInf);
  // Visit nodes by begin position so every predecessor is final.
  for (uint32_t pos = 0; pos < num_chars(); ++pos) {
    double before = pos == 0 ? 0.0 : kMinusInf;
    for (const int l : end_nodes_[pos]) before = std::max(before, best[l]);
    if (before == kMinusInf) continue;
    for (const int r : begin_nodes_[pos]) best[r] = before + nodes_[r].score;
  }
  return best;
}

std::pair<std::vector<int>, double> Lattice::Viterbi() const {
  const uint32_t n = num_chars();
  if (n == 0) return {{}, 0.0};
  // best_prev[r]: predecessor on the best path to r (-1 at the start).
  std::vector<double> best(nodes_.size(), kMinusInf);
  std::vector<int> best_prev(nodes_.size(), -1);
  for (uint32_t pos = 0; pos < n; ++pos) {
    double before = pos == 0 ? 0.0 : kMinusInf;
    int arg = -1;
    for (const int l : end_nodes_[pos]) {
      if (best[l] > before) {  // Strict: the first inserted wins ties.
        before = best[l];
        arg = l;
      }
    }
    if (before == kMinusInf) continue;
    for (const int r : begin_nodes_[pos]) {
      best[r] = before + nodes_[r].score;
      best_prev[r] = arg;
    }
  }
  double total = kMinusInf;
  int last = -1;
  for (const int l : end_nodes_[n]) {
    if (best[l] > total) {
      total = best[l];
      last = l;
    }
  }
  if (last < 0) return {{}, kMinusInf};
  std::vector<int> path;
  for (int v = last; v >= 0; v = best_prev[v]) path.push_back(v);
  std::reverse(path.begin(), path.end());
  return {path, total};
}

std::vector<std::pair<std::vector<int>, double>> Lattice::NBest(int n) const {
  std::vector<std::pair<std::vector<int>, double>> results;
  if (n <= 0) return results;
  const uint32_t end = num_chars();
  if (end == 0) {
    results.push_back({{}, 0.0});
    return results;
  }
  const std::vector<double> forward = ForwardBest();
  // A hypothesis is a suffix of a path: `node` followed by the suffix
  // `next`, where `g` is the score of the nodes after `node`. Its priority
  // forward[node] + g is the exact best score of any completion, so paths
  // come out best first (Nagata 1994's forward-DP backward-A*).
  struct Hypothesis {
    int node;  // -1: the end of the sentence.
    int next;  // Index into `hyps`, -1 for none.
    double g;
  };
  std::vector<Hypothesis> hyps;
  using Entry = std::tuple<double, int64_t, int>;  // f, -sequence, hyp.
  std::priority_queue<Entry> agenda;
  int64_t sequence = 0;
  double best_end = kMinusInf;
  for (const int l : end_nodes_[end]) best_end = std::max(best_end, forward[l]);
  if (best_end == kMinusInf) return results;
  hyps.push_back({-1, -1, 0.0});
  agenda.push({best_end, -sequence++, 0});
  size_t pops = 0;
  while (!agenda.empty() && ++pops <= kMaxNBestPops) {
    const auto [f, unused_seq, h] = agenda.top();
    agenda.pop();
    const Hypothesis hyp = hyps[h];
    if (hyp.node >= 0 && nodes_[hyp.node].pos == 0) {
      std::vector<int> path;
      for (int k = h; k >= 0 && hyps[k].node >= 0; k = hyps[k].next) {
        path.push_back(hyps[k].node);
      }
      results.push_back({std::move(path), f});
      if (static_cast<int>(results.size()) == n) break;
      continue;
    }
    const uint32_t begin = hyp.node < 0 ? end : nodes_[hyp.node].pos;
    const double g = hyp.node < 0 ? 0.0 : hyp.g + nodes_[hyp.node].score;
    for (const int l : end_nodes_[begin]) {
      if (forward[l] == kMinusInf) continue;
      hyps.push_back({l, h, g});
      agenda.push({forward[l] + g, -sequence++, static_cast<int>(hyps.size()) - 1});
    }
  }
  return results;
}

std::vector<double> Lattice::ForwardLogSum(double alpha) const {
  std::vector<double> fwd(nodes_.size(), kMinusInf);
  for (uint32_t pos = 0; pos < num_chars(); ++pos) {
    double before = pos == 0 ? 0.0 : kMinusInf;
    for (const int l : end_nodes_[pos]) {
      before = LogSumExp(before, fwd[l] + alpha * nodes_[l].score);
    }
    for (const int r : begin_nodes_[pos]) fwd[r] = before;
  }
  return fwd;
}

double Lattice::LogPartition(double alpha) const {
  if (num_chars() == 0) return 0.0;
  const std::vector<double> fwd = ForwardLogSum(alpha);
  double z = kMinusInf;
  for (const int l : end_nodes_[num_chars()]) {
    z = LogSumExp(z, fwd[l] + alpha * nodes_[l].score);
  }
  return z;
}

std::vector<int> Lattice::Sample(double alpha, Rng* rng) const {
  std::vector<int> path;
  if (num_chars() == 0) return path;
  const std::vector<double> fwd = ForwardLogSum(alpha);
  // Backward sampling: at each boundary pick the node ending there with
  // probability exp(fwd + alpha * score - z), z being the log-mass there.
  uint32_t pos = num_chars();
  double z = LogPartition(alpha);
  if (z == kMinusInf) return path;
  std::vector<double> weights;
  while (pos > 0) {
    const std::vector<int>& candidates = end_nodes_[pos];
    weights.clear();
    double sum = 0.0;
    for (const int l : candidates) {
      const double w = std::exp(fwd[l] + alpha * nodes_[l].score - z);
      weights.push_back(w);
      sum += w;
    }
    double u = rng->Uniform() * sum;
    size_t pick = 0;
    while (pick + 1 < candidates.size() && (u -= weights[pick]) >= 0.0) ++pick;
    // Skip zero-weight tails (unreachable nodes) the loop may stop on.
    while (weights[pick] == 0.0 && pick > 0) --pick;
    const int chosen = candidates[pick];
    path.push_back(chosen);
    pos = nodes_[chosen].pos;
    z = fwd[chosen];
  }
  std::reverse(path.begin(), path.end());
  return path;
}

}  // namespace tokenforge
