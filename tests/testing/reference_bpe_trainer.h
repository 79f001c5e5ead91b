// tests/testing/reference_bpe_trainer.h
//
// The slow, obvious BPE trainer the fast one is checked against: every
// iteration recounts all pairs of all words from scratch (O(N) per merge),
// picks the highest count with the documented tie rule (smallest
// (left id, right id)), and rewrites every word left to right. With
// `likelihood` it is the WordPiece trainer: highest count(ab) / (count(a)
// count(b)), then highest count, then smallest ids; with `gain` as well, the
// score is count(ab) * log(count(ab) * N / (count(a) count(b))), N the
// number of symbols before the first merge. Alphabet: all
// 256 bytes in byte-to-unicode order (byte-level), or every character that
// occurs, sorted, then its prefixed forms sorted by bytes (char-level).

#ifndef TOKENFORGE_TESTS_TESTING_REFERENCE_BPE_TRAINER_H_
#define TOKENFORGE_TESTS_TESTING_REFERENCE_BPE_TRAINER_H_

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "common/utf8.h"
#include "tokenizers/byte_level_alphabet.h"
#include "vocab_learning/word_counts.h"

namespace tokenforge::testing {

struct ReferenceBpe {
  std::vector<std::string> tokens;
  std::vector<std::pair<int, int>> merges;
};

inline ReferenceBpe ReferenceTrainBpe(const WordCounts& counts, int vocab_size,
                                      bool byte_level,
                                      const std::string& prefix = "",
                                      const std::vector<std::string>& specials = {},
                                      int64_t min_frequency = 0,
                                      bool likelihood = false, bool gain = false) {
  ReferenceBpe out;
  out.tokens = specials;
  auto id_of = [&](const std::string& s) {
    auto it = std::find(out.tokens.begin(), out.tokens.end(), s);
    if (it != out.tokens.end()) return static_cast<int>(it - out.tokens.begin());
    out.tokens.push_back(s);
    return static_cast<int>(out.tokens.size() - 1);
  };
  std::vector<std::vector<std::string>> word_strings;
  for (const WordCount& wc : counts) {
    std::vector<std::string> chars;
    for (size_t pos = 0; pos < wc.word.size();) {
      const size_t len = byte_level ? 1 : DecodeUtf8(wc.word, pos).length;
      std::string c = wc.word.substr(pos, len);
      if (!chars.empty()) c = prefix + c;
      chars.push_back(c);
      pos += len;
    }
    word_strings.push_back(chars);
  }
  if (byte_level) {
    std::vector<int> bytes;
    for (int b = 0; b < 256; ++b) bytes.push_back(b);
    std::sort(bytes.begin(), bytes.end(), [](int a, int b) {
      return ByteToUnicode(a) < ByteToUnicode(b);
    });
    for (int b : bytes) id_of(std::string(1, static_cast<char>(b)));
  } else {
    std::set<std::u32string> plain;
    std::set<std::string> forms;
    for (const auto& chars : word_strings) {
      for (size_t i = 0; i < chars.size(); ++i) {
        const std::string bare = i == 0 ? chars[i] : chars[i].substr(prefix.size());
        plain.insert(std::u32string(1, DecodeUtf8(bare, 0).code_point));
        if (i > 0 && !prefix.empty()) forms.insert(chars[i]);
      }
    }
    for (const std::u32string& c : plain) {
      std::string s;
      AppendUtf8(c[0], &s);
      id_of(s);
    }
    for (const std::string& s : forms) id_of(s);
  }
  std::vector<std::vector<int>> words;
  for (const auto& chars : word_strings) {
    std::vector<int> ids;
    for (const std::string& c : chars) id_of(c);
    for (const std::string& c : chars) ids.push_back(id_of(c));
    words.push_back(ids);
  }
  int64_t initial_symbols = 0;
  for (size_t w = 0; w < words.size(); ++w) {
    initial_symbols += counts[w].count * static_cast<int64_t>(words[w].size());
  }
  while (static_cast<int>(out.tokens.size()) < vocab_size) {
    std::map<std::pair<int, int>, int64_t> pairs;
    for (size_t w = 0; w < words.size(); ++w) {
      for (size_t i = 0; i + 1 < words[w].size(); ++i) {
        pairs[{words[w][i], words[w][i + 1]}] += counts[w].count;
      }
    }
    std::map<int, int64_t> symbol_counts;
    for (size_t w = 0; w < words.size(); ++w) {
      for (int id : words[w]) symbol_counts[id] += counts[w].count;
    }
    std::pair<int, int> best{-1, -1};
    int64_t best_count = 0;
    double best_score = -std::numeric_limits<double>::infinity();
    for (const auto& [pair, n] : pairs) {  // Ascending pairs: first max wins.
      if (n < min_frequency) continue;
      // WordPiece: count(ab) / (count(a) count(b)), then count.
      double score =
          likelihood ? static_cast<double>(n) /
                           (static_cast<double>(symbol_counts[pair.first]) *
                            static_cast<double>(symbol_counts[pair.second]))
                     : 0.0;
      if (likelihood && gain) {
        score = static_cast<double>(n) * std::log(score * static_cast<double>(initial_symbols));
      }
      if (score > best_score || (score == best_score && n > best_count)) {
        best = pair, best_count = n, best_score = score;
      }
    }
    if (best_count == 0 || best_count < min_frequency) break;
    std::string right = out.tokens[best.second];
    if (!prefix.empty() && right.rfind(prefix, 0) == 0) right = right.substr(prefix.size());
    const int merged = id_of(out.tokens[best.first] + right);
    for (std::vector<int>& word : words) {
      std::vector<int> next;
      for (size_t i = 0; i < word.size(); ++i) {
        if (i + 1 < word.size() && word[i] == best.first && word[i + 1] == best.second) {
          next.push_back(merged);
          ++i;
        } else {
          next.push_back(word[i]);
        }
      }
      word = next;
    }
    out.merges.push_back(best);
  }
  return out;
}

}  // namespace tokenforge::testing

#endif  // TOKENFORGE_TESTS_TESTING_REFERENCE_BPE_TRAINER_H_
