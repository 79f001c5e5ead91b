// tokenizers/pre_tokenizers/byte_level_pre_tokenizer.cc

#include "tokenizers/pre_tokenizers/byte_level_pre_tokenizer.h"

#include "tokenizers/pre_tokenizers/known_patterns.h"

namespace tokenforge {

absl::Status ByteLevelPreTokenizer::PreTokenize(
    NormalizedString* text, std::vector<ByteSpan>* words) const {
  if (options_.add_prefix_space) {
    PrefixWords(
        " ", [&](ByteSpan w) { return text->normalized()[w.begin] != ' '; },
        text, words);
  }
  std::vector<ByteSpan> pieces;
  pieces.reserve(words->size());
  const absl::string_view normalized = text->normalized();
  for (const ByteSpan& w : *words) {
    if (w.empty()) continue;
    if (options_.use_regex) {
      SplitKnownPattern(KnownPattern::kGpt2,
                        normalized.substr(w.begin, w.size()), &pieces, w.begin);
    } else {
      pieces.push_back(w);
    }
  }
  *words = std::move(pieces);
  return absl::OkStatus();
}

nlohmann::json ByteLevelPreTokenizer::ToJson() const {
  return {{"type", "ByteLevel"},
          {"add_prefix_space", options_.add_prefix_space},
          {"trim_offsets", options_.trim_offsets},
          {"use_regex", options_.use_regex}};
}

}  // namespace tokenforge
