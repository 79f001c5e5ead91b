// vocab_learning/bpe_vocab_builder.h
//
// Shared by the BPE and WordPiece trainers: assigns the initial token ids
// (special tokens, byte fallback, alphabet, prefixed/suffixed alphabet
// forms, in the order documented in bpe_trainer.h), turns every counted word
// into symbol ids for a PairMerger, and interns merged tokens.
//
// Internal to vocab_learning.

#ifndef TOKENFORGE_VOCAB_LEARNING_BPE_VOCAB_BUILDER_H_
#define TOKENFORGE_VOCAB_LEARNING_BPE_VOCAB_BUILDER_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "vocab_learning/pair_merger.h"
#include "vocab_learning/word_counts.h"

namespace tokenforge::internal {

struct AlphabetSpec {
  bool byte_level = true;
  bool byte_fallback = false;
  int limit_alphabet = 0;
  double character_coverage = 1.0;
  const std::vector<std::string>* initial_alphabet = nullptr;
  const std::string* continuing_subword_prefix = nullptr;
  const std::string* end_of_word_suffix = nullptr;
  // Threads for turning byte-level words into symbols (0 = all cores).
  int num_threads = 1;
};

class VocabBuilder {
 public:
  explicit VocabBuilder(const std::vector<std::string>& special_tokens);

  // Adds the initial tokens and every word of `counts` to *merger.
  absl::Status AddAlphabetAndWords(const WordCounts& counts,
                                   const AlphabetSpec& spec,
                                   PairMerger* merger);

  // Returns the id of `token`, adding it if new; `length` is its length in
  // initial symbols (for max_token_length).
  int32_t Intern(const std::string& token, int length);

  const std::string& token(int32_t id) const { return tokens_[id]; }
  int length(int32_t id) const { return lengths_[id]; }
  int size() const { return static_cast<int>(tokens_.size()); }
  int num_special() const { return num_special_; }
  int num_byte_fallback() const { return num_byte_fallback_; }
  int alphabet_size() const { return alphabet_size_; }
  std::vector<std::string> ReleaseTokens() { return std::move(tokens_); }

 private:
  absl::Status AddCharWords(const WordCounts& counts, const AlphabetSpec& spec,
                            PairMerger* merger);
  void AddByteWords(const WordCounts& counts, int num_threads,
                    PairMerger* merger);

  std::vector<std::string> tokens_;
  std::vector<int> lengths_;
  absl::flat_hash_map<std::string, int32_t> ids_;
  int num_special_ = 0;
  int num_byte_fallback_ = 0;
  int alphabet_size_ = 0;
};

}  // namespace tokenforge::internal

#endif  // TOKENFORGE_VOCAB_LEARNING_BPE_VOCAB_BUILDER_H_
