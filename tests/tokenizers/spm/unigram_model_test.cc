// Tests of UnigramModel and Lattice: hand-checked cases, Viterbi against
// brute-force enumeration, n-best and sampling properties.

#include "tokenizers/models/unigram_model.h"

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "common/random.h"
#include "common/status_macros.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tokenizers/models/lattice.h"

namespace tokenforge {
namespace {

using ::testing::ElementsAre;
using ::tokenforge::testing::StatusIs;

std::unique_ptr<UnigramModel> MakeModel(std::vector<ScoredPiece> pieces,
                                        bool byte_fallback = false) {
  UnigramModelOptions options;
  options.unk_id = 0;
  options.byte_fallback = byte_fallback;
  auto model = UnigramModel::Create(std::move(pieces), options);
  TF_CHECK(model.ok());
  return *std::move(model);
}

std::vector<std::string> Pieces(const UnigramModel& model, absl::string_view text) {
  std::vector<Token> tokens;
  TF_CHECK(model.Tokenize(text, &tokens).ok());
  std::vector<std::string> out;
  for (const Token& t : tokens) out.push_back(std::string(model.IdToToken(t.id)));
  return out;
}

TEST(UnigramModelTest, PicksHighestScoringSegmentation) {
  // "ab" + "c" = -1 - 1 = -2 beats "a" + "bc" = -1.5 - 1 = -2.5 and the
  // single characters (-3).
  auto model = MakeModel({{"<unk>", 0, PieceType::kUnknown},
                          {"a", -1.5f}, {"b", -1}, {"c", -1},
                          {"ab", -1}, {"bc", -1}});
  EXPECT_THAT(Pieces(*model, "abc"), ElementsAre("ab", "c"));
}

TEST(UnigramModelTest, UnknownRunsFuseAndSpansCoverTheWord) {
  auto model = MakeModel({{"<unk>", 0, PieceType::kUnknown}, {"a", -1}});
  std::vector<Token> tokens;
  TF_ASSERT_OK(model->Tokenize("axy\xc3\xa9" "a", &tokens));
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[1].id, 0);
  EXPECT_EQ(tokens[1].span, (ByteSpan{1, 5}));
  EXPECT_EQ(tokens[2].span, (ByteSpan{5, 6}));
}

TEST(UnigramModelTest, ByteFallbackSpellsUnknownCharacters) {
  std::vector<ScoredPiece> pieces = {{"<unk>", 0, PieceType::kUnknown}, {"a", -1}};
  for (int b = 0; b < 256; ++b) {
    char name[8];
    std::snprintf(name, sizeof(name), "<0x%02X>", b);
    pieces.push_back({name, 0, PieceType::kByte});
  }
  auto model = MakeModel(pieces, /*byte_fallback=*/true);
  std::vector<Token> tokens;
  TF_ASSERT_OK(model->Tokenize("a\xc3\xa9", &tokens));
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(model->IdToToken(tokens[1].id), "<0xC3>");
  EXPECT_EQ(model->IdToToken(tokens[2].id), "<0xA9>");
  EXPECT_EQ(tokens[1].span, (ByteSpan{1, 3}));  // The whole character.
}

TEST(UnigramModelTest, UserDefinedWinsAndUnusedIsNeverEmitted) {
  auto model = MakeModel({{"<unk>", 0, PieceType::kUnknown},
                          {"a", -1}, {"b", -1}, {"ab", -0.1f, PieceType::kUnused},
                          {"ba", -50, PieceType::kUserDefined}});
  EXPECT_THAT(Pieces(*model, "aba"), ElementsAre("a", "ba"));
  EXPECT_THAT(Pieces(*model, "ab"), ElementsAre("a", "b"));
}

TEST(UnigramModelTest, RejectsBadVocabularies) {
  UnigramModelOptions options;
  EXPECT_THAT(UnigramModel::Create({{"a", -1}}, options),
              StatusIs(absl::StatusCode::kInvalidArgument));
  options.unk_id = 0;
  EXPECT_THAT(UnigramModel::Create({{"a", -1}, {"a", -2}}, options),
              StatusIs(absl::StatusCode::kInvalidArgument));
  options.byte_fallback = true;
  EXPECT_THAT(UnigramModel::Create({{"a", -1}}, options),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(UnigramModelTest, JsonRoundTripKeepsIds) {
  auto model = MakeModel({{"<unk>", 0, PieceType::kUnknown}, {"a", -1.25f},
                          {"ab", -2.5f}, {"b", -3}, {"<s>", 0, PieceType::kControl}});
  TF_ASSERT_OK_AND_ASSIGN(auto copy, UnigramModel::FromJson(model->ToJson()));
  EXPECT_EQ(copy->ToJson(), model->ToJson());
  EXPECT_THAT(Pieces(*copy, "abab<s>"), Pieces(*model, "abab<s>"));
}

// Random vocabularies over {a, b, c, é} with distinct random scores.
struct RandomVocab {
  std::vector<ScoredPiece> pieces;
};

RandomVocab MakeRandomVocab(Rng* rng) {
  static const char* kChars[] = {"a", "b", "c", "\xc3\xa9"};
  RandomVocab v;
  v.pieces.push_back({"<unk>", 0, PieceType::kUnknown});
  std::map<std::string, float> seen;
  const int n = 3 + static_cast<int>(rng->Below(12));
  for (int i = 0; i < n; ++i) {
    std::string piece;
    const int len = 1 + static_cast<int>(rng->Below(3));
    for (int k = 0; k < len; ++k) piece += kChars[rng->Below(4)];
    if (seen.count(piece)) continue;
    const float score = -static_cast<float>(rng->Uniform() * 8.0 + 0.01);
    seen[piece] = score;
    v.pieces.push_back({piece, score});
  }
  return v;
}

class UnigramBruteForce : public ::testing::Test {
 protected:
  // Brute force over the lattice nodes: all paths from position 0 to the
  // end, by recursion on begin positions.
  static std::vector<std::pair<double, std::vector<int>>> Paths(const Lattice& lattice,
                                                                int num_nodes) {
    std::vector<std::vector<int>> begins(lattice.num_chars() + 1);
    for (int v = 0; v < num_nodes; ++v) begins[lattice.node(v).pos].push_back(v);
    std::vector<std::pair<double, std::vector<int>>> out;
    std::vector<int> path;
    Recurse(lattice, begins, 0, 0.0, &path, &out);
    return out;
  }
  static void Recurse(const Lattice& lattice, const std::vector<std::vector<int>>& begins,
                      uint32_t pos, double score, std::vector<int>* path,
                      std::vector<std::pair<double, std::vector<int>>>* out) {
    if (pos == lattice.num_chars()) {
      out->push_back({score, *path});
      return;
    }
    for (const int v : begins[pos]) {
      path->push_back(v);
      Recurse(lattice, begins, pos + lattice.node(v).length,
              score + lattice.node(v).score, path, out);
      path->pop_back();
    }
  }
};

std::string RandomText(Rng* rng, int max_chars) {
  static const char* kChars[] = {"a", "b", "c", "\xc3\xa9", "d"};
  std::string text;
  const int n = 1 + static_cast<int>(rng->Below(max_chars));
  for (int i = 0; i < n; ++i) text += kChars[rng->Below(5)];
  return text;
}

TEST_F(UnigramBruteForce, ViterbiEqualsBestEnumeratedPath) {
  Rng rng(11);
  for (int trial = 0; trial < 2000; ++trial) {
    RandomVocab vocab = MakeRandomVocab(&rng);
    auto model = MakeModel(vocab.pieces);
    const std::string text = RandomText(&rng, 8);
    Lattice lattice;
    model->PopulateLattice(text, &lattice);
    const auto paths = Paths(lattice, lattice.num_nodes());
    ASSERT_FALSE(paths.empty());
    double best = -1e300;
    for (const auto& p : paths) best = std::max(best, p.first);
    // The model's byte-level optimized Viterbi must find the same path.
    std::vector<Token> tokens;
    TF_ASSERT_OK(model->Tokenize(text, &tokens));
    const auto lattice_best = lattice.Viterbi();
    EXPECT_NEAR(lattice_best.second, best, 1e-9) << absl::CEscape(text);
    // The n-best list starts with the Viterbi score and is sorted.
    const auto nbest = lattice.NBest(5);
    ASSERT_FALSE(nbest.empty());
    EXPECT_NEAR(nbest[0].second, best, 1e-9);
    for (size_t k = 1; k < nbest.size(); ++k) {
      EXPECT_LE(nbest[k].second, nbest[k - 1].second + 1e-12);
    }
    EXPECT_EQ(nbest.size(), std::min<size_t>(5, paths.size()));
    // With a unique best path, model, lattice and n-best agree on it.
    int ties = 0;
    for (const auto& p : paths) ties += std::fabs(p.first - best) < 1e-9;
    if (ties == 1) {
      ASSERT_EQ(lattice_best.first.size(), nbest[0].first.size());
      std::vector<TokenId> lattice_ids;
      for (const int v : lattice_best.first) lattice_ids.push_back(lattice.node(v).id);
      std::vector<TokenId> nbest_ids;
      for (const int v : nbest[0].first) nbest_ids.push_back(lattice.node(v).id);
      EXPECT_EQ(lattice_ids, nbest_ids);
      std::vector<TokenId> model_ids;
      bool has_unk = false;
      for (const Token& t : tokens) {
        model_ids.push_back(t.id);
        has_unk |= t.id == 0;
      }
      if (!has_unk) {
        EXPECT_EQ(model_ids, lattice_ids) << absl::CEscape(text);
      }
    }
  }
}

TEST_F(UnigramBruteForce, SamplingFollowsPathProbabilities) {
  // vocab with several segmentations of "abcab"; chi-square over 20000 draws.
  auto model = MakeModel({{"<unk>", 0, PieceType::kUnknown}, {"a", -2}, {"b", -2.5f},
                          {"c", -2}, {"ab", -3}, {"bc", -3.5f}, {"abc", -4}, {"ca", -3}});
  const std::string text = "abcab";
  Lattice lattice;
  model->PopulateLattice(text, &lattice);
  const auto paths = Paths(lattice, lattice.num_nodes());
  const double alpha = 0.5;
  const double log_z = lattice.LogPartition(alpha);
  std::map<std::vector<int>, double> expected;
  double total = 0;
  for (const auto& [score, path] : paths) {
    expected[path] = std::exp(alpha * score - log_z);
    total += expected[path];
  }
  EXPECT_NEAR(total, 1.0, 1e-9);
  Rng rng(5);
  const int draws = 20000;
  std::map<std::vector<int>, int> observed;
  for (int i = 0; i < draws; ++i) observed[lattice.Sample(alpha, &rng)]++;
  double chi2 = 0;
  for (const auto& [path, p] : expected) {
    const double e = p * draws;
    const double o = observed.count(path) ? observed[path] : 0;
    chi2 += (o - e) * (o - e) / e;
  }
  for (const auto& [path, o] : observed) ASSERT_TRUE(expected.count(path));
  // Degrees of freedom = paths - 1 (< 20 here); 45 is beyond the 0.999
  // quantile of chi-square with 19 degrees of freedom.
  EXPECT_LT(chi2, 45.0) << "paths=" << expected.size();
}

TEST_F(UnigramBruteForce, LargeAlphaSamplingConvergesToViterbi) {
  Rng vocab_rng(3);
  for (int trial = 0; trial < 200; ++trial) {
    auto model = MakeModel(MakeRandomVocab(&vocab_rng).pieces);
    const std::string text = RandomText(&vocab_rng, 8);
    Lattice lattice;
    model->PopulateLattice(text, &lattice);
    const auto best = lattice.Viterbi();
    const auto nbest = lattice.NBest(2);
    if (nbest.size() == 2 && nbest[0].second - nbest[1].second < 1e-3) continue;
    Rng rng(trial);
    for (int i = 0; i < 20; ++i) {
      EXPECT_EQ(lattice.Sample(1e4, &rng), best.first) << absl::CEscape(text);
    }
  }
}

TEST(UnigramModelTest, ModelSampleAndNBestAreConsistent) {
  auto model = MakeModel({{"<unk>", 0, PieceType::kUnknown}, {"a", -1}, {"b", -1},
                          {"ab", -1.5f}});
  const auto nbest = model->NBest("abab", 10);
  ASSERT_EQ(nbest.size(), 4u);
  std::vector<Token> best;
  TF_ASSERT_OK(model->Tokenize("abab", &best));
  ASSERT_EQ(nbest[0].first.size(), best.size());
  for (size_t i = 0; i < best.size(); ++i) EXPECT_EQ(nbest[0].first[i].id, best[i].id);
  Rng rng(1);
  const std::vector<Token> sampled = model->Sample("abab", 1e4, &rng);
  ASSERT_EQ(sampled.size(), best.size());
}

}  // namespace
}  // namespace tokenforge
