#include "tokenizers/normalizers/sequence_normalizer.h"

#include "common/status_macros.h"

namespace tokenforge {

absl::Status SequenceNormalizer::Normalize(NormalizedString* text) const {
  for (const std::unique_ptr<Normalizer>& step : steps_) {
    TF_RETURN_IF_ERROR(step->Normalize(text));
  }
  return absl::OkStatus();
}

nlohmann::json SequenceNormalizer::ToJson() const {
  nlohmann::json steps = nlohmann::json::array();
  for (const std::unique_ptr<Normalizer>& step : steps_) {
    steps.push_back(step->ToJson());
  }
  return nlohmann::json{{"type", "Sequence"}, {"normalizers", steps}};
}

}  // namespace tokenforge
