// tokenizers/pre_tokenizers/sequence_pre_tokenizer.cc

#include "tokenizers/pre_tokenizers/sequence_pre_tokenizer.h"

namespace tokenforge {

absl::Status SequencePreTokenizer::PreTokenize(
    NormalizedString* text, std::vector<ByteSpan>* words) const {
  for (const auto& child : children_) {
    if (absl::Status s = child->PreTokenize(text, words); !s.ok()) return s;
  }
  return absl::OkStatus();
}

nlohmann::json SequencePreTokenizer::ToJson() const {
  nlohmann::json children = nlohmann::json::array();
  for (const auto& child : children_) children.push_back(child->ToJson());
  return {{"type", "Sequence"}, {"pretokenizers", children}};
}

}  // namespace tokenforge
