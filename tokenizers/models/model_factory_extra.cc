// The non-BPE models of tokenizer.json. Kept apart from model_factory.cc so
// that each model family registers in one place.
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "tokenizers/models/model_factory.h"
#include "tokenizers/models/unigram_model.h"
#include "tokenizers/models/wordpiece_model.h"

namespace tokenforge {

absl::StatusOr<std::unique_ptr<Model>> ModelFromJsonExtra(
    absl::string_view type, const nlohmann::json& json) {
  if (type == "WordPiece") {
    TF_ASSIGN_OR_RETURN(auto model, WordPieceModel::FromJson(json));
    return std::unique_ptr<Model>(std::move(model));
  }
  if (type == "Unigram") {
    TF_ASSIGN_OR_RETURN(auto model, UnigramModel::FromJson(json));
    return std::unique_ptr<Model>(std::move(model));
  }
  return absl::UnimplementedError(
      absl::StrCat("model type '", type, "' is not supported"));
}

}  // namespace tokenforge
