// vocab_learning/bpe_vocab_builder.cc

#include "vocab_learning/bpe_vocab_builder.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/status_macros.h"
#include "common/utf8.h"
#include "tokenizers/byte_level_alphabet.h"
#include "vocab_learning/bpe_trainer.h"

namespace tokenforge::internal {
namespace {

// Key of a character form: the code point and whether it carries the
// continuing-subword prefix (bit 0) and the end-of-word suffix (bit 1).
uint64_t FormKey(char32_t c, bool prefixed, bool suffixed) {
  return (static_cast<uint64_t>(c) << 2) | (prefixed ? 1 : 0) |
         (suffixed ? 2 : 0);
}

}  // namespace

absl::StatusOr<std::vector<char32_t>> SelectAlphabet(
    const WordCounts& counts, int limit_alphabet, double character_coverage,
    const std::vector<std::string>& initial_alphabet) {
  absl::flat_hash_map<char32_t, int64_t> freq;
  int64_t total = 0;
  for (const WordCount& wc : counts) {
    for (size_t pos = 0; pos < wc.word.size();) {
      const DecodedChar c = DecodeUtf8(wc.word, pos);
      if (c.code_point == kInvalidCodePoint) {
        return absl::InvalidArgumentError(absl::StrCat(
            "word \"", EscapeCountWord(wc.word),
            "\" is not valid UTF-8 (use a byte-level trainer)"));
      }
      freq[c.code_point] += wc.count;
      total += wc.count;
      pos += c.length;
    }
  }
  absl::flat_hash_set<char32_t> required;
  for (const std::string& s : initial_alphabet) {
    for (size_t pos = 0; pos < s.size();) {
      const DecodedChar c = DecodeUtf8(s, pos);
      if (c.code_point != kInvalidCodePoint) required.insert(c.code_point);
      pos += c.length;
    }
  }
  // Most frequent first; ties by smaller code point.
  std::vector<std::pair<int64_t, char32_t>> ranked;
  for (const auto& [c, n] : freq) ranked.emplace_back(n, c);
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::vector<char32_t> kept(required.begin(), required.end());
  const double wanted = character_coverage * static_cast<double>(total);
  int64_t covered = 0;
  for (const auto& [n, c] : ranked) {
    if (required.contains(c)) {
      covered += n;
      continue;
    }
    if (character_coverage < 1.0 && static_cast<double>(covered) >= wanted) break;
    if (limit_alphabet > 0 && static_cast<int>(kept.size()) >= limit_alphabet) break;
    kept.push_back(c);
    covered += n;
  }
  std::sort(kept.begin(), kept.end());
  return kept;
}

VocabBuilder::VocabBuilder(const std::vector<std::string>& special_tokens) {
  for (const std::string& special : special_tokens) Intern(special, 1);
  num_special_ = size();
}

int32_t VocabBuilder::Intern(const std::string& token, int length) {
  const auto [it, inserted] =
      ids_.try_emplace(token, static_cast<int32_t>(tokens_.size()));
  if (inserted) {
    tokens_.push_back(token);
    lengths_.push_back(length);
  }
  return it->second;
}

absl::Status VocabBuilder::AddAlphabetAndWords(const WordCounts& counts,
                                               const AlphabetSpec& spec,
                                               PairMerger* merger) {
  if (spec.byte_level) {
    AddByteWords(counts, spec.num_threads, merger);
    return absl::OkStatus();
  }
  return AddCharWords(counts, spec, merger);
}

void VocabBuilder::AddByteWords(const WordCounts& counts, int num_threads,
                                PairMerger* merger) {
  // HF's order: the alphabet sorted by the byte-to-unicode code point.
  std::vector<int> bytes(256);
  for (int b = 0; b < 256; ++b) bytes[b] = b;
  std::sort(bytes.begin(), bytes.end(), [](int a, int b) {
    return ByteToUnicode(static_cast<uint8_t>(a)) <
           ByteToUnicode(static_cast<uint8_t>(b));
  });
  int32_t byte_ids[256];
  const int before = size();
  for (const int b : bytes) byte_ids[b] = Intern(std::string(1, static_cast<char>(b)), 1);
  alphabet_size_ = size() - before;
  std::vector<int32_t> lengths(counts.size());
  std::vector<int64_t> word_counts(counts.size());
  for (size_t i = 0; i < counts.size(); ++i) {
    lengths[i] = static_cast<int32_t>(counts[i].word.size());
    word_counts[i] = counts[i].count;
  }
  merger->AddWords(
      lengths, word_counts,
      [&](size_t i, absl::Span<int32_t> out) {
        const std::string& word = counts[i].word;
        for (size_t j = 0; j < word.size(); ++j) {
          out[j] = byte_ids[static_cast<uint8_t>(word[j])];
        }
      },
      num_threads);
}

absl::Status VocabBuilder::AddCharWords(const WordCounts& counts,
                                        const AlphabetSpec& spec,
                                        PairMerger* merger) {
  if (spec.byte_fallback) {
    for (int b = 0; b < 256; ++b) Intern(absl::StrFormat("<0x%02X>", b), 1);
  }
  num_byte_fallback_ = size() - num_special_;
  TF_ASSIGN_OR_RETURN(
      std::vector<char32_t> alphabet,
      SelectAlphabet(counts, spec.limit_alphabet, spec.character_coverage,
                     *spec.initial_alphabet));
  const std::string& prefix = *spec.continuing_subword_prefix;
  const std::string& suffix = *spec.end_of_word_suffix;
  const int before = size();
  absl::flat_hash_map<uint64_t, int32_t> form_ids;
  auto form_string = [&](char32_t c, bool prefixed, bool suffixed) {
    std::string s = prefixed ? prefix : "";
    AppendUtf8(c, &s);
    if (suffixed) s += suffix;
    return s;
  };
  for (const char32_t c : alphabet) {
    form_ids[FormKey(c, false, false)] = Intern(form_string(c, false, false), 1);
  }
  // Decorated forms that occur, interned in byte order after the alphabet.
  std::vector<std::pair<std::string, uint64_t>> forms;
  std::vector<std::pair<char32_t, int>> chars;  // (code point, flags).
  auto split = [&](const std::string& word) {
    chars.clear();
    for (size_t pos = 0; pos < word.size();) {
      const DecodedChar c = DecodeUtf8(word, pos);
      pos += c.length;
      const bool prefixed = !prefix.empty() && !chars.empty();
      const bool suffixed = !suffix.empty() && pos == word.size();
      chars.emplace_back(c.code_point, (prefixed ? 1 : 0) | (suffixed ? 2 : 0));
    }
  };
  if (!prefix.empty() || !suffix.empty()) {
    absl::flat_hash_set<uint64_t> seen;
    for (const WordCount& wc : counts) {
      split(wc.word);
      for (const auto& [c, flags] : chars) {
        const uint64_t key = FormKey(c, flags & 1, flags & 2);
        if (flags == 0 || !form_ids.contains(FormKey(c, false, false))) continue;
        if (seen.insert(key).second) {
          forms.emplace_back(form_string(c, flags & 1, flags & 2), key);
        }
      }
    }
    std::sort(forms.begin(), forms.end());
    for (const auto& [s, key] : forms) form_ids[key] = Intern(s, 1);
  }
  alphabet_size_ = size() - before;
  size_t total_chars = 0;  // Bytes that start a character.
  for (const WordCount& wc : counts) {
    for (const char c : wc.word) total_chars += (c & 0xC0) != 0x80;
  }
  merger->Reserve(total_chars, counts.size());
  std::vector<int32_t> symbols;
  for (const WordCount& wc : counts) {
    split(wc.word);
    symbols.clear();
    for (const auto& [c, flags] : chars) {
      const auto it = form_ids.find(FormKey(c, flags & 1, flags & 2));
      symbols.push_back(it == form_ids.end() ? PairMerger::kBoundary : it->second);
    }
    merger->AddWord(symbols, wc.count);
  }
  return absl::OkStatus();
}

}  // namespace tokenforge::internal
