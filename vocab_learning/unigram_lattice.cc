// vocab_learning/unigram_lattice.cc

#include "vocab_learning/unigram_lattice.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <utility>

#include "common/parallel.h"
#include "common/status_macros.h"


namespace tokenforge::internal {
namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();

// exp(-40) is below double's precision relative to 1: skip the libm calls.
constexpr double kNegligible = -40.0;

double LogAdd(double a, double b) {
  const double hi = std::max(a, b), lo = std::min(a, b);
  if (hi == kNegInf || lo - hi < kNegligible) return hi;  // lo may be -inf.
  return hi + std::log1p(std::exp(lo - hi));
}

// Length of the UTF-8 character starting with `lead`. Trainer words are
// valid UTF-8 (SelectAlphabet rejects others), so the lead byte suffices.
uint32_t CharLength(uint8_t lead) {
  return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}


// Forward Viterbi over n characters of cached edges, `pieces` and
// `per_char` starting at the first of them. Leaves in *scratch best[0..n]
// and, for each character, the best incoming edge as (begin character,
// edge offset from `pieces`), all as doubles (exact below 2^53) so that
// one buffer of 3 (n + 1) serves. With kSpan the characters may be part of
// a longer word: edges running past them are ignored, and so is
// `skip_piece` spanning all n (pruning's segmentation without the piece).
struct ViterbiTable {
  double* best;
  double* from;
  double* edge;
};

template <bool kSpan>
ViterbiTable ForwardViterbi(const int32_t* pieces, const uint16_t* per_char, size_t n,
                            const PieceTables& t, int32_t skip_piece,
                            std::vector<double>* scratch) {
  scratch->assign(3 * (n + 1), 0.0);
  const ViterbiTable v{scratch->data(), scratch->data() + n + 1,
                       scratch->data() + 2 * (n + 1)};
  for (size_t c = 1; c <= n; ++c) v.best[c] = kNegInf;
  for (size_t c = 0, e = 0; c < n; ++c) {
    for (const size_t end = e + per_char[c]; e < end; ++e) {
      const int32_t piece = EdgePiece(pieces[e]);
      const size_t target = c + EdgeChars(pieces[e]);
      if (kSpan && (target > n || (c == 0 && target == n && piece == skip_piece))) continue;
      const double s = v.best[c] + (piece >= 0 ? t.scores[piece] : t.unk_score);
      if (s > v.best[target]) {
        v.best[target] = s;
        v.from[target] = static_cast<double>(c);
        v.edge[target] = static_cast<double>(e);
      }
    }
  }
  return v;
}

}  // namespace

PieceTrie::PieceTrie(const std::vector<std::string>& pieces) {
  struct Pending {
    uint32_t node;
    size_t lo, hi, depth;
  };
  piece_.push_back(-1);
  label_.push_back(0);
  std::deque<Pending> queue = {{0, 0, pieces.size(), 0}};
  // Breadth-first: a node's children are appended together, so they are
  // contiguous; first_child_ is filled in node order.
  first_child_.push_back(1);
  while (!queue.empty()) {
    Pending p = queue.front();
    queue.pop_front();
    if (p.lo < p.hi && pieces[p.lo].size() == p.depth) {
      piece_[p.node] = static_cast<int32_t>(p.lo++);
    }
    for (size_t i = p.lo; i < p.hi;) {
      const uint8_t byte = static_cast<uint8_t>(pieces[i][p.depth]);
      size_t j = i + 1;
      while (j < p.hi && static_cast<uint8_t>(pieces[j][p.depth]) == byte) ++j;
      const uint32_t child = static_cast<uint32_t>(piece_.size());
      piece_.push_back(-1);
      label_.push_back(byte);
      queue.push_back({child, i, j, p.depth + 1});
      i = j;
    }
    first_child_.push_back(static_cast<uint32_t>(piece_.size()));
  }
  constexpr uint32_t kDenseChildren = 8;
  dense_.assign(piece_.size(), -1);
  for (uint32_t node = 0; node + 1 < first_child_.size(); ++node) {
    if (first_child_[node + 1] - first_child_[node] < kDenseChildren) continue;
    dense_[node] = static_cast<int32_t>(tables_.size() / 256);
    tables_.resize(tables_.size() + 256, kNone);
    for (uint32_t c = first_child_[node]; c < first_child_[node + 1]; ++c) {
      tables_[static_cast<size_t>(dense_[node]) * 256 + label_[c]] = c;
    }
  }
}

uint32_t PieceTrie::Child(uint32_t node, uint8_t byte) const {
  if (dense_[node] >= 0) return tables_[static_cast<size_t>(dense_[node]) * 256 + byte];
  for (uint32_t c = first_child_[node]; c < first_child_[node + 1]; ++c) {
    if (label_[c] >= byte) return label_[c] == byte ? c : kNone;
  }
  return kNone;
}

void BuildLattice(absl::string_view word, const PieceTrie& trie,
                  const std::vector<double>& scores, const std::vector<double>& probs,
                  double unk_score, int32_t skip_piece, std::vector<LatticeEdge>* edges) {
  edges->clear();
  const double unk_prob = std::exp(unk_score);
  for (size_t pos = 0; pos < word.size();) {
    const uint32_t char_len = CharLength(static_cast<uint8_t>(word[pos]));
    const size_t first = edges->size();
    bool has_char = false;
    trie.ForEachPrefix(word, pos, [&](int32_t piece, size_t length) {
      if (piece == skip_piece && pos == 0 && length == word.size()) return;
      if (length == char_len) has_char = true;
      edges->push_back({static_cast<uint32_t>(pos),
                        static_cast<uint32_t>(pos + length), piece, scores[piece],
                        probs[piece]});
    });
    if (!has_char) {  // First: edges from one position go shortest first.
      edges->insert(edges->begin() + static_cast<std::ptrdiff_t>(first),
                    {static_cast<uint32_t>(pos), static_cast<uint32_t>(pos + char_len), -1,
                     unk_score, unk_prob});
    }
    pos += char_len;
  }
}

void AppendLatticeRefs(absl::string_view word, const PieceTrie& trie,
                       std::vector<int32_t>* pieces, std::vector<uint16_t>* per_char) {
  for (size_t pos = 0; pos < word.size();) {
    const uint32_t char_len = CharLength(static_cast<uint8_t>(word[pos]));
    const size_t first = pieces->size();
    bool has_char = false;
    trie.ForEachPrefix(word, pos, [&](int32_t piece, size_t length) {
      if (length == char_len) has_char = true;
      const uint32_t chars = static_cast<uint32_t>(Utf8Chars(word.substr(pos, length)));
      pieces->push_back(PackEdge(piece, chars));
    });
    if (!has_char) {  // First, as in BuildLattice.
      pieces->insert(pieces->begin() + static_cast<std::ptrdiff_t>(first), kUnknownEdge);
    }
    // At most one edge per piece length in characters.
    TF_CHECK(pieces->size() - first <= 0xffff);
    per_char->push_back(static_cast<uint16_t>(pieces->size() - first));
    pos += char_len;
  }
}

void ScoreLattice(absl::string_view word, const int32_t* pieces, const uint16_t* per_char,
                  size_t num_edges, const std::vector<uint32_t>& lengths, const std::vector<double>& scores,
                  const std::vector<double>& probs, double unk_score,
                  std::vector<LatticeEdge>* edges) {
  const double unk_prob = std::exp(unk_score);  // As BuildLattice computes it.
  edges->resize(num_edges);
  LatticeEdge* out = edges->data();
  for (uint32_t pos = 0; pos < word.size(); ++per_char) {
    const uint32_t char_len = CharLength(static_cast<uint8_t>(word[pos]));
    for (const int32_t* end = pieces + *per_char; pieces != end; ++pieces, ++out) {
      if (const int32_t piece = EdgePiece(*pieces); piece >= 0) {
        *out = {pos, pos + lengths[piece], piece, scores[piece], probs[piece]};
      } else {
        *out = {pos, pos + char_len, -1, unk_score, unk_prob};
      }
    }
    pos += char_len;
  }
  TF_CHECK(out == edges->data() + edges->size());
}

LatticeCache::LatticeCache(const std::vector<absl::string_view>& words,
                           std::vector<size_t> bounds, std::vector<int32_t> edges,
                           std::vector<uint16_t> per_char)
    : bounds_(std::move(bounds)),
      pieces_(std::move(edges)),
      per_char_(std::move(per_char)),
      char_begin_(words.size() + 1),
      edge_begin_(words.size() + 1),
      shard_end_(bounds_.size() - 1),
      stale_(bounds_.size() - 1, 0) {
  size_t c = 0, e = 0;
  for (size_t w = 0; w < words.size(); ++w) {
    char_begin_[w] = c;
    edge_begin_[w] = e;
    for (const size_t end = c + Utf8Chars(words[w]); c < end; ++c) e += per_char_[c];
  }
  char_begin_[words.size()] = c;
  edge_begin_[words.size()] = e;
  TF_CHECK(c == per_char_.size() && e == pieces_.size());
  TF_CHECK(bounds_.front() == 0 && bounds_.back() == words.size());
  for (size_t s = 0; s + 1 < bounds_.size(); ++s) shard_end_[s] = edge_begin_[bounds_[s + 1]];
}

LatticeCache LatticeCache::FromTrie(const std::vector<absl::string_view>& words,
                                   std::vector<size_t> bounds,
                                   const std::vector<std::string>& pieces) {
  const PieceTrie trie(pieces);
  std::vector<int32_t> edges;
  std::vector<uint16_t> per_char;
  for (const absl::string_view word : words) AppendLatticeRefs(word, trie, &edges, &per_char);
  return LatticeCache(words, std::move(bounds), std::move(edges), std::move(per_char));
}

void LatticeCache::Score(size_t s, size_t w, absl::string_view word,
                         const std::vector<uint32_t>& lengths,
                         const std::vector<double>& scores, const std::vector<double>& probs,
                         double unk_score, std::vector<LatticeEdge>* edges) {
  if (stale_[s]) Apply(s);
  ScoreLattice(word, pieces_.data() + edge_begin_[w], per_char_.data() + char_begin_[w],
               EdgeEnd(s, w) - edge_begin_[w], lengths, scores, probs, unk_score, edges);
}

double LatticeCache::Expected(size_t s, size_t w, const PieceTables& t, double count,
                              int64_t* expected, std::vector<double>* scratch) {
  if (stale_[s]) Apply(s);
  return CachedExpected(pieces_.data() + edge_begin_[w], per_char_.data() + char_begin_[w],
                        char_begin_[w + 1] - char_begin_[w], EdgeEnd(s, w) - edge_begin_[w],
                        t, count, expected, scratch);
}

double LatticeCache::Viterbi(size_t s, size_t w, const PieceTables& t, double count,
                             int64_t* freq, int64_t* num_tokens,
                             std::vector<double>* scratch) {
  if (stale_[s]) Apply(s);
  return CachedViterbi(pieces_.data() + edge_begin_[w], per_char_.data() + char_begin_[w],
                       char_begin_[w + 1] - char_begin_[w], EdgeEnd(s, w) - edge_begin_[w],
                       t, count, freq, num_tokens, scratch);
}

void LatticeCache::BestSegmentation(size_t first, size_t num_chars, int32_t skip_piece,
                                    const PieceTables& t, std::vector<int32_t>* path,
                                    std::vector<double>* scratch) const {
  const size_t w = static_cast<size_t>(
      std::upper_bound(char_begin_.begin(), char_begin_.end(), first) - char_begin_.begin() - 1);
  TF_CHECK(first + num_chars <= char_begin_[w + 1]);
  // The first edge of character `first`, counted from the nearer word end.
  const size_t shard = static_cast<size_t>(
      std::upper_bound(bounds_.begin(), bounds_.end(), w) - bounds_.begin() - 1);
  TF_CHECK(!stale_[shard]);
  size_t e;
  if (first - char_begin_[w] <= char_begin_[w + 1] - first) {
    e = edge_begin_[w];
    for (size_t c = char_begin_[w]; c < first; ++c) e += per_char_[c];
  } else {
    e = EdgeEnd(shard, w);
    for (size_t c = first; c < char_begin_[w + 1]; ++c) e -= per_char_[c];
  }
  const ViterbiTable v = ForwardViterbi</*kSpan=*/true>(
      pieces_.data() + e, per_char_.data() + first, num_chars, t, skip_piece, scratch);
  path->clear();
  for (size_t c = num_chars; c > 0; c = static_cast<size_t>(v.from[c])) {
    path->push_back(EdgePiece(pieces_[e + static_cast<size_t>(v.edge[c])]));
  }
  std::reverse(path->begin(), path->end());
}

void LatticeCache::Remap(const std::vector<int32_t>& new_index) {
  bool any_stale = false, all_stale = true;
  for (size_t s = 0; s + 1 < bounds_.size(); ++s) {
    if (bounds_[s] == bounds_[s + 1]) continue;  // No words.
    any_stale = any_stale || stale_[s];
    all_stale = all_stale && stale_[s];
  }
  if (!any_stale) {
    pending_ = new_index;
  } else {
    TF_CHECK(all_stale);
    for (int32_t& j : pending_) {
      if (j >= 0) j = new_index[j];
    }
  }
  for (size_t s = 0; s + 1 < bounds_.size(); ++s) stale_[s] = bounds_[s] < bounds_[s + 1];
}

void LatticeCache::Apply(size_t s) {
  size_t in = edge_begin_[bounds_[s]], out = in;
  for (size_t w = bounds_[s]; w < bounds_[s + 1]; ++w) {
    edge_begin_[w] = out;
    for (size_t c = char_begin_[w]; c < char_begin_[w + 1]; ++c) {
      uint16_t kept = 0;
      for (const size_t end = in + per_char_[c]; in < end; ++in) {
        int32_t edge = pieces_[in];
        if (const int32_t piece = EdgePiece(edge); piece >= 0) {
          if (pending_[piece] < 0) continue;
          edge = PackEdge(pending_[piece], EdgeChars(edge));
        }
        pieces_[out++] = edge;
        ++kept;
      }
      per_char_[c] = kept;
    }
  }
  shard_end_[s] = out;
  stale_[s] = 0;
}

namespace {

// Probability-space forward-backward for short words.
double AccumulateLinear(absl::string_view word, const std::vector<LatticeEdge>& edges,
                        double count, std::vector<double>* expected,
                        std::vector<double>* scratch) {
  const size_t n = word.size() + 1;
  scratch->assign(2 * n, 0.0);
  double* alpha = scratch->data();
  double* beta = alpha + n;
  alpha[0] = 1.0;
  for (const LatticeEdge& e : edges) alpha[e.end] += alpha[e.begin] * e.prob;
  beta[word.size()] = 1.0;
  for (auto it = edges.rbegin(); it != edges.rend(); ++it) {
    beta[it->begin] += it->prob * beta[it->end];
  }
  const double z = alpha[word.size()];
  const double scale = count / z;
  for (const LatticeEdge& e : edges) {
    if (e.piece < 0) continue;
    (*expected)[e.piece] += scale * alpha[e.begin] * e.prob * beta[e.end];
  }
  return std::log(z);
}

}  // namespace

double AccumulateExpected(absl::string_view word,
                          const std::vector<LatticeEdge>& edges, double count,
                          std::vector<double>* expected,
                          std::vector<double>* scratch) {
  size_t chars = 0;
  for (const char c : word) chars += (static_cast<uint8_t>(c) & 0xC0) != 0x80;
  if (chars <= static_cast<size_t>(kLinearMaxChars)) {
    return AccumulateLinear(word, edges, count, expected, scratch);
  }
  const size_t n = word.size() + 1;
  scratch->assign(2 * n, kNegInf);
  double* alpha = scratch->data();
  double* beta = alpha + n;
  alpha[0] = 0.0;
  for (const LatticeEdge& e : edges) {  // Ordered by begin.
    alpha[e.end] = LogAdd(alpha[e.end], alpha[e.begin] + e.score);
  }
  beta[word.size()] = 0.0;
  for (auto it = edges.rbegin(); it != edges.rend(); ++it) {
    beta[it->begin] = LogAdd(beta[it->begin], it->score + beta[it->end]);
  }
  const double log_z = alpha[word.size()];
  for (const LatticeEdge& e : edges) {
    if (e.piece < 0) continue;
    (*expected)[e.piece] +=
        count * std::exp(alpha[e.begin] + e.score + beta[e.end] - log_z);
  }
  return log_z;
}

double CachedExpected(const int32_t* pieces, const uint16_t* per_char, size_t num_chars,
                      size_t num_edges, const PieceTables& t, double count,
                      int64_t* expected, std::vector<double>* scratch) {
  const size_t n = num_chars;
  scratch->resize(2 * (n + 1) + num_edges);
  double* inv_d = scratch->data();  // 1 / d[c].
  double* m = inv_d + n + 1;
  double* q = m + n + 1;  // Per edge c -> t: p * beta[t] / beta[c + 1].
  // Backward: d[c] = sum over edges c -> t of p * beta[t] / beta[c + 1],
  // and beta[t] / beta[c + 1] = inv_d[c + 1] * ... * inv_d[t - 1], built up
  // as the edges (shortest first) reach further.
  double log_z = 0.0, product = 1.0;
  bool in_range = true;
  size_t e = num_edges;
  for (size_t c = n; c-- > 0;) {
    e -= per_char[c];
    double d = 0.0, r = 1.0;
    size_t reach = c + 1;
    for (size_t k = e; k < e + per_char[c]; ++k) {
      const int32_t piece = EdgePiece(pieces[k]);
      for (const size_t end = c + EdgeChars(pieces[k]); reach < end; ++reach) r *= inv_d[reach];
      q[k] = (piece >= 0 ? t.probs[piece] : t.unk_prob) * r;
      d += q[k];
    }
    in_range = in_range && d > 0x1p-1000 && d < 0x1p1000;
    inv_d[c] = 1.0 / d;
    product *= d;
    if (product < 0x1p-800 || product > 0x1p800) {
      log_z += std::log(product);
      product = 1.0;
    }
  }
  if (!in_range) {
    return CachedExpectedLogSpace(pieces, per_char, num_chars, num_edges, t, count, expected,
                                  scratch);
  }
  log_z += std::log(product);
  // Forward: posterior(c -> t) = m[c] * p * inv_d[c] * ... * inv_d[t - 1]
  // = m[c] * inv_d[c] * q.
  std::fill(m, m + n + 1, 0.0);
  m[0] = 1.0;
  for (size_t c = 0, k = 0; c < n; ++c) {
    const double scale = m[c] * inv_d[c];
    for (const size_t end = k + per_char[c]; k < end; ++k) {
      const int32_t piece = EdgePiece(pieces[k]);
      const double post = scale * q[k];
      m[c + EdgeChars(pieces[k])] += post;
      if (piece >= 0) expected[piece] += ToFixed(count * post);
    }
  }
  return log_z;
}

double CachedExpectedLogSpace(const int32_t* pieces, const uint16_t* per_char,
                              size_t num_chars, size_t num_edges, const PieceTables& t,
                              double count, int64_t* expected,
                              std::vector<double>* scratch) {
  const size_t n = num_chars;
  scratch->assign(2 * (n + 1), kNegInf);
  double* alpha = scratch->data();
  double* beta = alpha + n + 1;
  const auto score = [&](int32_t edge) {
    const int32_t piece = EdgePiece(edge);
    return piece >= 0 ? t.scores[piece] : t.unk_score;
  };
  alpha[0] = 0.0;
  for (size_t c = 0, e = 0; c < n; ++c) {
    for (const size_t end = e + per_char[c]; e < end; ++e) {
      const size_t target = c + EdgeChars(pieces[e]);
      alpha[target] = LogAdd(alpha[target], alpha[c] + score(pieces[e]));
    }
  }
  beta[n] = 0.0;
  for (size_t c = n, e = num_edges; c-- > 0;) {
    for (const size_t begin = e - per_char[c]; e > begin;) {
      --e;
      const size_t target = c + EdgeChars(pieces[e]);
      beta[c] = LogAdd(beta[c], score(pieces[e]) + beta[target]);
    }
  }
  const double log_z = alpha[n];
  for (size_t c = 0, e = 0; c < n; ++c) {
    for (const size_t end = e + per_char[c]; e < end; ++e) {
      if (EdgePiece(pieces[e]) < 0) continue;
      const size_t target = c + EdgeChars(pieces[e]);
      expected[EdgePiece(pieces[e])] +=
          ToFixed(count * std::exp(alpha[c] + score(pieces[e]) + beta[target] - log_z));
    }
  }
  return log_z;
}

double CachedViterbi(const int32_t* pieces, const uint16_t* per_char, size_t num_chars,
                     size_t num_edges, const PieceTables& t, double count, int64_t* freq,
                     int64_t* num_tokens, std::vector<double>* scratch) {
  const size_t n = num_chars;
  const ViterbiTable v =
      ForwardViterbi</*kSpan=*/false>(pieces, per_char, n, t, /*skip_piece=*/-1, scratch);
  TF_CHECK(num_edges == 0 || n > 0);
  int64_t tokens = 0;
  const int64_t fixed_count = ToFixed(count);
  for (size_t c = n; c > 0; c = static_cast<size_t>(v.from[c])) {
    const int32_t piece = EdgePiece(pieces[static_cast<size_t>(v.edge[c])]);
    if (piece >= 0) freq[piece] += fixed_count;
    ++tokens;
  }
  *num_tokens = tokens;
  return v.best[n];
}

std::vector<int> ViterbiPath(absl::string_view word,
                             const std::vector<LatticeEdge>& edges,
                             double* score) {
  const size_t n = word.size() + 1;
  std::vector<double> best(n, kNegInf);
  std::vector<int> back(n, -1);
  best[0] = 0.0;
  for (size_t i = 0; i < edges.size(); ++i) {
    const LatticeEdge& e = edges[i];
    const double s = best[e.begin] + e.score;
    if (s > best[e.end]) {
      best[e.end] = s;
      back[e.end] = static_cast<int>(i);
    }
  }
  std::vector<int> path;
  for (size_t pos = word.size(); pos > 0 && back[pos] >= 0;) {
    path.push_back(back[pos]);
    pos = edges[back[pos]].begin;
  }
  std::reverse(path.begin(), path.end());
  *score = best[word.size()];
  return path;
}

}  // namespace tokenforge::internal
