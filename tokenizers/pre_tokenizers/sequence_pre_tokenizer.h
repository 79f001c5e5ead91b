// tokenizers/pre_tokenizers/sequence_pre_tokenizer.h
//
// HF's Sequence pre-tokenizer: runs its children in order, each on the words
// the previous one produced.
//
//   Sequence[WhitespaceSplit, Digits(individual)]: "ab 12" -> "ab", "1", "2"

#ifndef TOKENFORGE_TOKENIZERS_PRE_TOKENIZERS_SEQUENCE_PRE_TOKENIZER_H_
#define TOKENFORGE_TOKENIZERS_PRE_TOKENIZERS_SEQUENCE_PRE_TOKENIZER_H_

#include <memory>
#include <vector>

#include "nlohmann/json.hpp"
#include "tokenizers/pipeline.h"

namespace tokenforge {

class SequencePreTokenizer : public PreTokenizer {
 public:
  explicit SequencePreTokenizer(
      std::vector<std::unique_ptr<PreTokenizer>> children)
      : children_(std::move(children)) {}

  absl::Status PreTokenize(NormalizedString* text,
                           std::vector<ByteSpan>* words) const override;
  // {"type": "Sequence", "pretokenizers": [...]}
  nlohmann::json ToJson() const override;

 private:
  std::vector<std::unique_ptr<PreTokenizer>> children_;
};

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_PRE_TOKENIZERS_SEQUENCE_PRE_TOKENIZER_H_
