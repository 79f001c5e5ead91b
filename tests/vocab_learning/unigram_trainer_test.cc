// Tests for vocab_learning/unigram_trainer.h and unigram_lattice.h: the
// lattice's marginals and best path against brute-force enumeration of all
// segmentations, the suffix-array seeds against naive substring counting,
// and the trainer's invariants (size, characters kept, thread-independence).

#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <string>

#include "common/random.h"
#include "common/utf8.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "vocab_learning/unigram_lattice.h"
#include "vocab_learning/unigram_seeds.h"
#include "vocab_learning/unigram_trainer.h"

namespace tokenforge {
namespace {

using internal::LatticeEdge;
using internal::PieceTrie;
using ::tokenforge::testing::StatusIs;

std::string RandomWord(Rng& rng, int max_chars) {
  static const char* kChars[] = {"a", "b", "é", "日"};
  std::string w;
  const int n = 1 + static_cast<int>(rng.Below(max_chars));
  for (int i = 0; i < n; ++i) w += kChars[rng.Below(4)];
  return w;
}

// Enumerates all segmentations of `word` into pieces (or unknown single
// characters) and calls fn(piece ids, total score).
void Enumerate(const std::string& word, const std::map<std::string, int>& ids,
               const std::vector<double>& scores, double unk,
               const std::function<void(const std::vector<int>&, double)>& fn,
               size_t pos = 0, std::vector<int> path = {}, double score = 0) {
  if (pos == word.size()) return fn(path, score);
  const size_t char_len = DecodeUtf8(word, pos).length;
  bool has_char = false;
  for (size_t len = 1; pos + len <= word.size(); ++len) {
    auto it = ids.find(word.substr(pos, len));
    if (it == ids.end()) continue;
    if (len == char_len) has_char = true;
    path.push_back(it->second);
    Enumerate(word, ids, scores, unk, fn, pos + len, path, score + scores[it->second]);
    path.pop_back();
  }
  if (!has_char) {
    path.push_back(-1);
    Enumerate(word, ids, scores, unk, fn, pos + char_len, path, score + unk);
  }
}

TEST(UnigramLatticeTest, MarginalsAndViterbiMatchBruteForce) {
  Rng rng(31);
  for (int trial = 0; trial < 300; ++trial) {
    std::set<std::string> piece_set;
    for (int i = 0; i < 12; ++i) piece_set.insert(RandomWord(rng, 3));
    const std::vector<std::string> pieces(piece_set.begin(), piece_set.end());
    std::map<std::string, int> ids;
    std::vector<double> scores, probs;
    for (const std::string& p : pieces) {
      ids[p] = static_cast<int>(scores.size());
      scores.push_back(-1.0 - 5.0 * rng.Uniform());
      probs.push_back(std::exp(scores.back()));
    }
    const double unk = -20.0;
    const PieceTrie trie(pieces);
    // Up to 18 characters: both the probability (<= 16) and log-space paths.
    const std::string word = RandomWord(rng, trial % 2 ? 7 : 18);
    std::vector<LatticeEdge> edges;
    internal::BuildLattice(word, trie, scores, probs, unk, -1, &edges);

    std::vector<double> expected(pieces.size(), 0.0), brute(pieces.size(), 0.0);
    std::vector<double> scratch;
    const double log_z =
        internal::AccumulateExpected(word, edges, 2.0, &expected, &scratch);
    double z = 0.0, best = -1e300;
    std::vector<std::pair<std::vector<int>, double>> paths;
    Enumerate(word, ids, scores, unk, [&](const std::vector<int>& path, double s) {
      paths.emplace_back(path, s);
      z += std::exp(s);
      best = std::max(best, s);
    });
    for (const auto& [path, s] : paths) {
      for (int id : path) {
        if (id >= 0) brute[id] += 2.0 * std::exp(s) / z;
      }
    }
    ASSERT_NEAR(log_z, std::log(z), 1e-9) << word;
    for (size_t i = 0; i < pieces.size(); ++i) {
      ASSERT_NEAR(expected[i], brute[i], 1e-9) << word << " " << pieces[i];
    }
    double viterbi_score = 0.0;
    internal::ViterbiPath(word, edges, &viterbi_score);
    ASSERT_NEAR(viterbi_score, best, 1e-9) << word;
  }
}

size_t Utf8Length(const std::string& s) {
  size_t n = 0;
  for (const char c : s) n += (static_cast<uint8_t>(c) & 0xC0) != 0x80;
  return n;
}

bool SameEdges(const std::vector<LatticeEdge>& a, const std::vector<LatticeEdge>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].begin != b[i].begin || a[i].end != b[i].end || a[i].piece != b[i].piece ||
        a[i].score != b[i].score || a[i].prob != b[i].prob) {
      return false;
    }
  }
  return true;
}

// The trainer's lattice cache: refs scored equal BuildLattice's edges, and
// filtering the refs to a subset of pieces that keeps every single
// character equals building from the subset's trie (same edges and order).
TEST(UnigramLatticeTest, CachedRefsMatchBuildLatticeOnSubsets) {
  Rng rng(57);
  for (int trial = 0; trial < 300; ++trial) {
    std::set<std::string> piece_set = {"a", "é"};  // "b" and "日" may be unknown.
    for (int i = 0; i < 20; ++i) piece_set.insert(RandomWord(rng, 4));
    const std::vector<std::string> pieces(piece_set.begin(), piece_set.end());
    std::vector<double> scores, probs;
    std::vector<uint32_t> lengths;
    for (size_t i = 0; i < pieces.size(); ++i) {
      lengths.push_back(static_cast<uint32_t>(pieces[i].size()));
      scores.push_back(-1.0 - 5.0 * rng.Uniform());
      probs.push_back(std::exp(scores.back()));
    }
    const double unk = -20.0;
    const std::string word = RandomWord(rng, 12);
    std::vector<LatticeEdge> built, cached;
    internal::BuildLattice(word, PieceTrie(pieces), scores, probs, unk, -1, &built);
    std::vector<int32_t> refs;
    std::vector<uint16_t> per_char;
    internal::AppendLatticeRefs(word, PieceTrie(pieces), &refs, &per_char);
    ASSERT_EQ(per_char.size(), Utf8Length(word));
    internal::ScoreLattice(word, refs.data(), per_char.data(), refs.size(), lengths, scores,
                           probs, unk, &cached);
    ASSERT_TRUE(SameEdges(built, cached)) << word;

    // Keep the single characters and a random half of the rest.
    std::vector<std::string> subset;
    std::vector<double> sub_scores, sub_probs;
    std::vector<uint32_t> sub_lengths;
    std::vector<int32_t> new_index(pieces.size(), -1);
    for (size_t i = 0; i < pieces.size(); ++i) {
      if (DecodeUtf8(pieces[i], 0).length != pieces[i].size() && rng.Below(2) == 0) continue;
      new_index[i] = static_cast<int32_t>(subset.size());
      subset.push_back(pieces[i]);
      sub_scores.push_back(scores[i]);
      sub_probs.push_back(probs[i]);
      sub_lengths.push_back(lengths[i]);
    }
    std::vector<int32_t> filtered;
    size_t in = 0;
    for (uint16_t& n : per_char) {
      const size_t end = in + n;
      n = 0;
      for (; in < end; ++in) {
        const int32_t piece = internal::EdgePiece(refs[in]);
        if (piece >= 0 && new_index[piece] < 0) continue;
        filtered.push_back(piece >= 0 ? internal::PackEdge(new_index[piece],
                                                           internal::EdgeChars(refs[in]))
                                      : refs[in]);
        ++n;
      }
    }
    internal::BuildLattice(word, PieceTrie(subset), sub_scores, sub_probs, unk, -1, &built);
    internal::ScoreLattice(word, filtered.data(), per_char.data(), filtered.size(),
                           sub_lengths, sub_scores, sub_probs, unk, &cached);
    ASSERT_TRUE(SameEdges(built, cached)) << word;
  }
}

// LatticeCache: after remaps (two in a row compose; a read in between
// applies the first), every word's lattice equals BuildLattice's over the
// remaining pieces.
TEST(UnigramLatticeTest, LatticeCacheRemapsMatchBuildLattice) {
  Rng rng(91);
  std::set<std::string> piece_set = {"a", "b", "é"};  // "日" stays unknown.
  for (int i = 0; i < 60; ++i) piece_set.insert(RandomWord(rng, 4));
  std::vector<std::string> pieces(piece_set.begin(), piece_set.end());
  std::vector<std::string> word_storage;
  for (int i = 0; i < 40; ++i) word_storage.push_back(RandomWord(rng, 10));
  const std::vector<absl::string_view> words(word_storage.begin(), word_storage.end());
  const std::vector<size_t> bounds = {0, 0, 13, 30, 40};  // One empty shard.
  internal::LatticeCache cache = internal::LatticeCache::FromTrie(words, bounds, pieces);
  const double unk = -20.0;
  for (int step = 0; step < 6; ++step) {
    std::vector<std::string> kept;
    std::vector<int32_t> new_index(pieces.size(), -1);
    for (size_t i = 0; i < pieces.size(); ++i) {
      if (DecodeUtf8(pieces[i], 0).length != pieces[i].size() && rng.Below(4) == 0) continue;
      new_index[i] = static_cast<int32_t>(kept.size());
      kept.push_back(pieces[i]);
    }
    cache.Remap(new_index);
    pieces = kept;
    if (step % 3 == 1) continue;  // Remap again before reading: maps compose.
    std::vector<double> scores, probs;
    std::vector<uint32_t> lengths;
    for (const std::string& p : pieces) {
      scores.push_back(-1.0 - 5.0 * rng.Uniform());
      probs.push_back(std::exp(scores.back()));
      lengths.push_back(static_cast<uint32_t>(p.size()));
    }
    const PieceTrie trie(pieces);
    std::vector<LatticeEdge> built, cached;
    for (size_t s = 0; s + 1 < bounds.size(); ++s) {
      for (size_t w = bounds[s]; w < bounds[s + 1]; ++w) {
        internal::BuildLattice(words[w], trie, scores, probs, unk, -1, &built);
        cache.Score(s, w, words[w], lengths, scores, probs, unk, &cached);
        ASSERT_TRUE(SameEdges(built, cached)) << "step " << step << " word " << words[w];
      }
    }
  }
}

// The trainer's passes over cached lattices: the scaled probability-space
// forward-backward against the log-space one on the materialized lattice
// (AccumulateExpected), on words up to 400 characters (log Z far below
// double's range) with some characters unknown, and its own log-space
// fallback; Viterbi against ViterbiPath.
TEST(UnigramLatticeTest, CachedPassesMatchMaterializedLattice) {
  Rng rng(77);
  for (int trial = 0; trial < 200; ++trial) {
    std::set<std::string> piece_set = {"a", "é", "日"};  // "b" stays unknown.
    for (int i = 0; i < 40; ++i) piece_set.insert(RandomWord(rng, 6));
    const std::vector<std::string> pieces(piece_set.begin(), piece_set.end());
    std::vector<double> scores, probs;
    for (size_t i = 0; i < pieces.size(); ++i) {
      scores.push_back(-1.0 - 12.0 * rng.Uniform());
      probs.push_back(std::exp(scores.back()));
    }
    const double unk = -25.0;
    const internal::PieceTables tables{scores.data(), probs.data(), unk, std::exp(unk)};
    const PieceTrie trie(pieces);
    const std::string word = RandomWord(rng, trial % 4 == 0 ? 400 : 30);
    std::vector<int32_t> refs;
    std::vector<uint16_t> per_char;
    internal::AppendLatticeRefs(word, trie, &refs, &per_char);
    std::vector<LatticeEdge> edges;
    internal::BuildLattice(word, trie, scores, probs, unk, -1, &edges);

    std::vector<double> want(pieces.size(), 0.0), scratch;
    std::vector<int64_t> scaled(pieces.size(), 0), log_space(pieces.size(), 0);
    const double want_z = internal::AccumulateExpected(word, edges, 3.0, &want, &scratch);
    const double scaled_z = internal::CachedExpected(refs.data(), per_char.data(),
                                                     per_char.size(), refs.size(), tables,
                                                     3.0, scaled.data(), &scratch);
    const double log_z = internal::CachedExpectedLogSpace(
        refs.data(), per_char.data(), per_char.size(), refs.size(), tables, 3.0,
        log_space.data(), &scratch);
    ASSERT_NEAR(scaled_z, want_z, 1e-9 * std::abs(want_z)) << word;
    ASSERT_NEAR(log_z, want_z, 1e-9 * std::abs(want_z)) << word;
    // Fixed point: each added term is rounded to 2^-24 (6e-8).
    const double unit = 1.0 / internal::kFixedPointScale;
    for (size_t i = 0; i < pieces.size(); ++i) {
      const double tolerance = 1e-9 * want[i] + unit * static_cast<double>(refs.size());
      ASSERT_NEAR(static_cast<double>(scaled[i]) * unit, want[i], tolerance)
          << word << " " << pieces[i];
      ASSERT_NEAR(static_cast<double>(log_space[i]) * unit, want[i], tolerance)
          << word << " " << pieces[i];
    }

    double want_score = 0.0;
    const std::vector<int> path = internal::ViterbiPath(word, edges, &want_score);
    std::vector<int64_t> want_freq(pieces.size(), 0), freq(pieces.size(), 0);
    for (const int e : path) {
      if (edges[e].piece >= 0) want_freq[edges[e].piece] += internal::ToFixed(2.0);
    }
    int64_t tokens = 0;
    const double score =
        internal::CachedViterbi(refs.data(), per_char.data(), per_char.size(), refs.size(),
                                tables, 2.0, freq.data(), &tokens, &scratch);
    ASSERT_EQ(score, want_score) << word;
    ASSERT_EQ(tokens, static_cast<int64_t>(path.size())) << word;
    ASSERT_EQ(freq, want_freq) << word;
  }
}

TEST(UnigramSeedsTest, MatchesNaiveSubstringCounting) {
  Rng rng(32);
  WordCounts counts;
  std::map<std::string, int64_t> m;
  for (int i = 0; i < 80; ++i) m[RandomWord(rng, 9)] += 1 + rng.Below(4);
  for (const auto& [w, c] : m) counts.push_back({w, c});
  const int max_len = 4;
  // Naive: every substring of 2..max_len characters, its frequency, the
  // characters that follow it ('$' for a word end) and those that precede
  // it ('^' for a word start, which counts as two different ones).
  struct Sub {
    int64_t freq = 0;
    std::set<char32_t> next, prev;
  };
  std::map<std::u32string, Sub> subs;
  for (const WordCount& wc : counts) {
    std::u32string chars;
    for (size_t pos = 0; pos < wc.word.size();) {
      const DecodedChar c = DecodeUtf8(wc.word, pos);
      chars.push_back(c.code_point);
      pos += c.length;
    }
    for (size_t i = 0; i < chars.size(); ++i) {
      for (size_t len = 2; len <= static_cast<size_t>(max_len) && i + len <= chars.size(); ++len) {
        Sub& entry = subs[chars.substr(i, len)];
        entry.freq += wc.count;
        entry.next.insert(i + len < chars.size() ? chars[i + len] : U'$');
        if (i == 0) entry.prev.insert({U'^', U'^' + 1});
        if (i > 0) entry.prev.insert(chars[i - 1]);
      }
    }
  }
  // Best first: frequency * length, then shorter, then lexicographic.
  std::vector<std::tuple<int64_t, size_t, std::u32string, int64_t>> expected;
  for (const auto& [s, entry] : subs) {
    // Pieces are cut at max_len characters: those that long always count.
    const bool right_maximal = entry.next.size() >= 2 || entry.next.count(U'$') ||
                               s.size() == static_cast<size_t>(max_len);
    if (entry.freq >= 2 && right_maximal && entry.prev.size() >= 2) {
      expected.emplace_back(-entry.freq * static_cast<int64_t>(s.size()), s.size(), s,
                            entry.freq);
    }
  }
  std::sort(expected.begin(), expected.end());
  const auto seeds = internal::SeedPieces(counts, {U'a', U'b', U'é', U'日'}, max_len,
                                          /*seed_size=*/60, /*num_threads=*/2);
  ASSERT_EQ(seeds.size(), std::min<size_t>(60, expected.size()));
  for (size_t i = 0; i < seeds.size(); ++i) {
    std::string piece;
    for (char32_t c : std::get<2>(expected[i])) AppendUtf8(c, &piece);
    EXPECT_EQ(seeds[i].first, piece) << i;
    EXPECT_EQ(seeds[i].second, static_cast<double>(std::get<3>(expected[i]))) << i;
  }
}

// The reference lattice of the words of `counts`: a trie walk over `pieces`.
struct TrieLattice {
  std::vector<int32_t> edges;
  std::vector<uint16_t> per_char;
};
TrieLattice TrieWalkLattice(const std::vector<std::string>& pieces, const WordCounts& counts) {
  const PieceTrie trie(pieces);
  TrieLattice lattice;
  for (const WordCount& wc : counts) {
    internal::AppendLatticeRefs(wc.word, trie, &lattice.edges, &lattice.per_char);
  }
  return lattice;
}

// MakeSeedVocab: its pieces are SeedPieces' plus the characters, sorted by
// bytes, and its lattice (from the suffix array) is the trie walk's over
// them, word by word; "日" is left out of the alphabet, so it is unknown.
TEST(UnigramSeedsTest, SeedVocabLatticeMatchesTrieWalk) {
  Rng rng(35);
  for (int trial = 0; trial < 20; ++trial) {
    std::map<std::string, int64_t> m;
    for (int i = 0; i < 60; ++i) {
      // Some words with a character beyond the BMP (4 UTF-8 bytes).
      std::string word = RandomWord(rng, 12);
      if (rng.Below(4) == 0) word.insert(rng.Below(2) ? 0 : word.size(), "😀");
      m[word] += 1 + rng.Below(4);
    }
    WordCounts counts;
    for (const auto& [w, c] : m) counts.push_back({w, c});
    const std::vector<char32_t> alphabet = {U'é', U'😀', U'b', U'a'};
    const int max_len = 2 + trial % 5;
    const internal::SeedVocab vocab =
        internal::MakeSeedVocab(counts, alphabet, max_len, /*seed_size=*/30, /*num_threads=*/2);
    std::map<std::string, double> want;
    for (const auto& [piece, freq] : internal::SeedPieces(counts, alphabet, max_len, 30, 1)) {
      want[piece] = freq;
    }
    for (const char* c : {"a", "b", "é", "😀"}) {
      double freq = 0;
      for (const WordCount& wc : counts) {
        for (size_t pos = wc.word.find(c); pos != std::string::npos; pos = wc.word.find(c, pos + 1)) {
          freq += static_cast<double>(wc.count);
        }
      }
      want[c] = freq;
    }
    ASSERT_EQ(vocab.pieces.size(), want.size());
    size_t i = 0;
    for (const auto& [piece, freq] : want) {
      ASSERT_EQ(vocab.pieces[i], piece) << i;
      ASSERT_EQ(vocab.freqs[i], freq) << piece;
      ++i;
    }
    const TrieLattice lattice = TrieWalkLattice(vocab.pieces, counts);
    ASSERT_EQ(vocab.per_char, lattice.per_char);
    ASSERT_EQ(vocab.edges, lattice.edges);
  }
}

// MakeSeedVocab on a text long enough that its suffixes are sorted in two
// halves and merged, with the lattice swept in parallel chunks: the same
// seed vocabulary, lattice and occurrences at 1 and 3 threads, and the
// lattice is the trie walk's.
TEST(UnigramSeedsTest, SeedVocabThreadIndependentOnLongText) {
  Rng rng(39);
  std::map<std::string, int64_t> m;
  for (int i = 0; i < 4000; ++i) {
    std::string word = RandomWord(rng, 40);
    if (rng.Below(8) == 0) word += "😀";
    m[word] += 1 + rng.Below(5);
  }
  WordCounts counts;
  for (const auto& [w, c] : m) counts.push_back({w, c});
  const std::vector<char32_t> alphabet = {U'é', U'😀', U'b', U'a'};
  const internal::SeedVocab one =
      internal::MakeSeedVocab(counts, alphabet, /*max_length=*/8, /*seed_size=*/500, 1);
  const internal::SeedVocab three =
      internal::MakeSeedVocab(counts, alphabet, /*max_length=*/8, /*seed_size=*/500, 3);
  ASSERT_GT(one.per_char.size(), size_t{1} << 16);  // The split-and-merge path.
  EXPECT_EQ(three.pieces, one.pieces);
  EXPECT_EQ(three.freqs, one.freqs);
  EXPECT_EQ(three.edges, one.edges);
  EXPECT_EQ(three.per_char, one.per_char);
  EXPECT_EQ(three.occurrences, one.occurrences);
  const TrieLattice lattice = TrieWalkLattice(one.pieces, counts);
  EXPECT_EQ(one.per_char, lattice.per_char);
  EXPECT_EQ(one.edges, lattice.edges);
}

// LatticeCache::BestSegmentation (a piece's lattice from one occurrence in
// the corpus) against ViterbiPath on BuildLattice over the piece itself,
// after the seed vocabulary loses a random part of its pieces.
TEST(UnigramSeedsTest, BestSegmentationMatchesPieceLattice) {
  Rng rng(36);
  for (int trial = 0; trial < 10; ++trial) {
    std::map<std::string, int64_t> m;
    for (int i = 0; i < 80; ++i) m[RandomWord(rng, 14)] += 1 + rng.Below(4);
    WordCounts counts;
    std::vector<absl::string_view> words;
    for (const auto& [w, c] : m) counts.push_back({w, c});
    for (const WordCount& wc : counts) words.push_back(wc.word);
    internal::SeedVocab vocab = internal::MakeSeedVocab(counts, {U'a', U'b', U'é'}, 6,
                                                        /*seed_size=*/200, /*num_threads=*/2);
    const std::vector<size_t> bounds = {0, counts.size() / 3, counts.size()};
    internal::LatticeCache cache(words, bounds, vocab.edges, vocab.per_char);
    // Keep the characters and about two thirds of the rest.
    std::vector<std::string> pieces;
    std::vector<uint32_t> occurrences;
    std::vector<int32_t> new_index(vocab.pieces.size(), -1);
    for (size_t i = 0; i < vocab.pieces.size(); ++i) {
      if (Utf8Length(vocab.pieces[i]) > 1 && rng.Below(3) == 0) continue;
      new_index[i] = static_cast<int32_t>(pieces.size());
      pieces.push_back(vocab.pieces[i]);
      occurrences.push_back(vocab.occurrences[i]);
    }
    cache.Remap(new_index);
    std::vector<double> scores, probs;
    std::vector<uint8_t> char_lengths;
    for (const std::string& p : pieces) {
      scores.push_back(-1.0 - 8.0 * rng.Uniform());
      probs.push_back(std::exp(scores.back()));
      char_lengths.push_back(static_cast<uint8_t>(Utf8Length(p)));
    }
    const internal::PieceTables tables{scores.data(), probs.data(), -30.0, std::exp(-30.0)};
    // A pass applies the remap to every shard.
    std::vector<int64_t> freq(pieces.size(), 0);
    std::vector<double> scratch;
    for (size_t s = 0; s + 1 < bounds.size(); ++s) {
      for (size_t w = bounds[s]; w < bounds[s + 1]; ++w) {
        int64_t tokens = 0;
        cache.Viterbi(s, w, tables, 1.0, freq.data(), &tokens, &scratch);
      }
    }
    const PieceTrie trie(pieces);
    std::vector<LatticeEdge> edges;
    std::vector<int32_t> path;
    for (size_t i = 0; i < pieces.size(); ++i) {
      if (char_lengths[i] == 1) continue;
      internal::BuildLattice(pieces[i], trie, scores, probs, -30.0, static_cast<int32_t>(i),
                             &edges);
      double score = 0.0;
      std::vector<int32_t> want;
      for (const int e : internal::ViterbiPath(pieces[i], edges, &score)) {
        want.push_back(edges[e].piece);
      }
      cache.BestSegmentation(occurrences[i], char_lengths[i], static_cast<int32_t>(i), tables,
                             &path, &scratch);
      ASSERT_EQ(path, want) << pieces[i];
    }
  }
}

WordCounts SampleCounts(uint64_t seed) {
  Rng rng(seed);
  static const char* kWords[] = {"▁the", "▁then", "▁there", "▁cat", "▁cats",
                                 "▁category", "▁a", "▁at", "▁ate", "▁日本",
                                 "▁日本語", "▁é", "▁théâtre"};
  std::map<std::string, int64_t> m;
  for (int i = 0; i < 400; ++i) {
    std::string w = kWords[rng.Below(13)];
    if (rng.Below(3) == 0) w += kWords[rng.Below(13)] + 3;  // Drop the ▁.
    m[w] += 1 + rng.Below(5);
  }
  WordCounts out;
  for (const auto& [w, c] : m) out.push_back({w, c});
  return out;
}

TEST(UnigramTrainerTest, ExactSizeCharactersKeptAndThreadIndependent) {
  const WordCounts counts = SampleCounts(33);
  UnigramTrainerOptions options;
  options.vocab_size = 40;
  options.num_threads = 1;
  TF_ASSERT_OK_AND_ASSIGN(UnigramVocab one, TrainUnigram(counts, options));
  ASSERT_EQ(one.pieces.size(), 40u);
  EXPECT_EQ(one.pieces[0].first, "<unk>");
  std::set<std::string> pieces;
  for (const auto& [p, s] : one.pieces) pieces.insert(p);
  for (const char* c : {"▁", "t", "h", "e", "日", "本", "語", "é", "â"}) {
    EXPECT_TRUE(pieces.count(c)) << c;
  }
  for (size_t i = 2; i < one.pieces.size(); ++i) {
    EXPECT_GE(one.pieces[i - 1].second, one.pieces[i].second);
  }
  EXPECT_LT(one.log_likelihood, 0.0);
  for (int threads : {2, 3, 8}) {
    options.num_threads = threads;
    TF_ASSERT_OK_AND_ASSIGN(UnigramVocab other, TrainUnigram(counts, options));
    ASSERT_EQ(other.pieces, one.pieces) << threads << " threads";
    ASSERT_EQ(other.log_likelihood, one.log_likelihood);
  }
}

// Long unspaced lines, as in the Chinese and Japanese corpora: the scaled
// forward-backward (log Z far below double's range), the parallel seed
// scan and the per-thread fixed-point sums must give the same bits for
// every thread count, and a finite likelihood.
TEST(UnigramTrainerTest, LongLinesThreadIndependent) {
  Rng rng(38);
  std::vector<std::string> syllables;
  for (const char* s : {"日", "本", "語", "の", "は", "に", "を", "た", "し", "て", "猫", "吾",
                        "輩", "で", "あ", "る", "名", "前", "ま", "だ", "無", "い"}) {
    syllables.push_back(s);
  }
  std::map<std::string, int64_t> m;
  for (int i = 0; i < 150; ++i) {
    std::string line = "▁";
    const int n = 50 + static_cast<int>(rng.Below(350));
    // Zipf-like: low syllables far more often, so there are real pieces.
    for (int k = 0; k < n; ++k) line += syllables[rng.Below(1 + rng.Below(syllables.size()))];
    m[line] += 1 + rng.Below(2);
  }
  WordCounts counts;
  for (const auto& [w, c] : m) counts.push_back({w, c});
  UnigramTrainerOptions options;
  options.vocab_size = 400;
  options.num_threads = 1;
  TF_ASSERT_OK_AND_ASSIGN(UnigramVocab one, TrainUnigram(counts, options));
  EXPECT_EQ(one.pieces.size(), 400u);
  EXPECT_TRUE(std::isfinite(one.log_likelihood));
  EXPECT_LT(one.log_likelihood, 0.0);
  for (int threads : {2, 3}) {
    options.num_threads = threads;
    TF_ASSERT_OK_AND_ASSIGN(UnigramVocab other, TrainUnigram(counts, options));
    ASSERT_EQ(other.pieces, one.pieces) << threads << " threads";
    ASSERT_EQ(other.log_likelihood, one.log_likelihood);
    ASSERT_EQ(other.training_tokens, one.training_tokens);
  }
}

// An empty corpus (or one whose lines are all empty) trains the special
// and byte tokens only; it used to crash on the empty model's unknown score.
TEST(UnigramTrainerTest, EmptyCorpus) {
  UnigramTrainerOptions options;
  options.vocab_size = 300;
  options.byte_fallback = true;
  for (const WordCounts& counts : {WordCounts{}, WordCounts{{"", 3}}}) {
    TF_ASSERT_OK_AND_ASSIGN(UnigramVocab vocab, TrainUnigram(counts, options));
    EXPECT_EQ(vocab.pieces.size(), 257u);
    EXPECT_EQ(vocab.training_tokens, 0);
  }
}

TEST(UnigramTrainerTest, ByteFallbackAndErrors) {
  const WordCounts counts = SampleCounts(34);
  UnigramTrainerOptions options;
  options.vocab_size = 300;
  options.byte_fallback = true;
  TF_ASSERT_OK_AND_ASSIGN(UnigramVocab vocab, TrainUnigram(counts, options));
  EXPECT_EQ(vocab.pieces[1].first, "<0x00>");
  EXPECT_LE(vocab.pieces.size(), 300u);
  options.vocab_size = 5;  // Below 1 + 256 + the characters.
  EXPECT_THAT(TrainUnigram(counts, options),
              StatusIs(absl::StatusCode::kInvalidArgument));
  options.byte_fallback = false;
  options.shrinking_factor = 1.0;
  EXPECT_THAT(TrainUnigram(counts, options),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace tokenforge
