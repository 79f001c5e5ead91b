// tests/testing/reference_bpe.h
//
// Slow, obviously correct BPE encoders to check the fast BpeModel against
// (minbpe style: recount every adjacent pair after every merge).

#ifndef TOKENFORGE_TESTS_TESTING_REFERENCE_BPE_H_
#define TOKENFORGE_TESTS_TESTING_REFERENCE_BPE_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace tokenforge::testing {

// HF semantics: merges (left, right) in rank order; repeatedly merge the
// adjacent pair with the lowest rank, leftmost among equals. Returns the
// final pieces.
inline std::vector<std::string> ReferenceBpeMerges(
    std::vector<std::string> pieces,
    const std::vector<std::pair<std::string, std::string>>& merges) {
  std::map<std::pair<std::string, std::string>, size_t> rank;
  for (size_t i = 0; i < merges.size(); ++i) rank.emplace(merges[i], i);
  while (pieces.size() > 1) {
    size_t best = pieces.size();
    size_t best_rank = SIZE_MAX;
    for (size_t i = 0; i + 1 < pieces.size(); ++i) {
      auto it = rank.find({pieces[i], pieces[i + 1]});
      if (it != rank.end() && it->second < best_rank) {
        best_rank = it->second;
        best = i;
      }
    }
    if (best == pieces.size()) break;
    pieces[best] += pieces[best + 1];
    pieces.erase(pieces.begin() + static_cast<std::ptrdiff_t>(best) + 1);
  }
  return pieces;
}

// tiktoken semantics: repeatedly merge the adjacent pair whose concatenation
// has the lowest rank, leftmost among equals.
inline std::vector<std::string> ReferenceTiktoken(
    const std::string& word, const std::map<std::string, int>& ranks) {
  std::vector<std::string> pieces;
  for (char c : word) pieces.push_back(std::string(1, c));
  while (pieces.size() > 1) {
    size_t best = pieces.size();
    int best_rank = INT32_MAX;
    for (size_t i = 0; i + 1 < pieces.size(); ++i) {
      auto it = ranks.find(pieces[i] + pieces[i + 1]);
      if (it != ranks.end() && it->second < best_rank) {
        best_rank = it->second;
        best = i;
      }
    }
    if (best == pieces.size()) break;
    pieces[best] += pieces[best + 1];
    pieces.erase(pieces.begin() + static_cast<std::ptrdiff_t>(best) + 1);
  }
  return pieces;
}

}  // namespace tokenforge::testing

#endif  // TOKENFORGE_TESTS_TESTING_REFERENCE_BPE_H_
