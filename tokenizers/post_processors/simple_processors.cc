#include "tokenizers/post_processors/simple_processors.h"

#include "common/status_macros.h"

namespace tokenforge {

absl::Status ByteLevelProcessing::ProcessPieces(std::vector<Encoding>*, bool) const {
  return absl::OkStatus();
}

nlohmann::json ByteLevelProcessing::ToJson() const {
  return {{"type", "ByteLevel"},
          {"add_prefix_space", add_prefix_space_},
          {"trim_offsets", trim_offsets_},
          {"use_regex", use_regex_}};
}

absl::Status SequenceProcessing::ProcessPieces(std::vector<Encoding>* pieces,
                                               bool add_special_tokens) const {
  for (const std::unique_ptr<PieceProcessor>& step : steps_) {
    TF_RETURN_IF_ERROR(step->ProcessPieces(pieces, add_special_tokens));
  }
  return absl::OkStatus();
}

int SequenceProcessing::AddedTokens(bool is_pair) const {
  int added = 0;
  for (const std::unique_ptr<PieceProcessor>& step : steps_) {
    added += step->AddedTokens(is_pair);
  }
  return added;
}

nlohmann::json SequenceProcessing::ToJson() const {
  nlohmann::json steps = nlohmann::json::array();
  for (const std::unique_ptr<PieceProcessor>& step : steps_) {
    steps.push_back(step->ToJson());
  }
  return {{"type", "Sequence"}, {"processors", steps}};
}

}  // namespace tokenforge
