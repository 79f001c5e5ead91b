// The non-BPE models of tokenizer.json. Kept apart from model_factory.cc so
// that each model family registers in one place.
#include "absl/strings/str_cat.h"
#include "tokenizers/models/model_factory.h"

namespace tokenforge {

absl::StatusOr<std::unique_ptr<Model>> ModelFromJsonExtra(
    absl::string_view type, const nlohmann::json& json) {
  (void)json;
  return absl::UnimplementedError(
      absl::StrCat("model type '", type, "' is not supported"));
}

}  // namespace tokenforge
