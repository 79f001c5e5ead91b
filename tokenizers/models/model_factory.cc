#include "tokenizers/models/model_factory.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "tokenizers/models/bpe_model.h"
#include "tokenizers/models/spm_bpe_model.h"

namespace tokenforge {
namespace {

absl::Status FieldError(absl::string_view field, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("model.", field, ": ", what));
}

// Reads an optional string field; null and absent give "".
absl::StatusOr<std::string> OptionalString(const nlohmann::json& json,
                                           const char* field) {
  auto it = json.find(field);
  if (it == json.end() || it->is_null()) return std::string();
  if (!it->is_string()) return FieldError(field, "expected a string or null");
  return it->get<std::string>();
}

absl::StatusOr<bool> OptionalBool(const nlohmann::json& json, const char* field) {
  auto it = json.find(field);
  if (it == json.end() || it->is_null()) return false;
  if (!it->is_boolean()) return FieldError(field, "expected true or false");
  return it->get<bool>();
}

absl::StatusOr<std::vector<std::pair<std::string, TokenId>>> ReadVocab(
    const nlohmann::json& json) {
  auto it = json.find("vocab");
  if (it == json.end() || !it->is_object()) {
    return FieldError("vocab", "expected an object of token -> id");
  }
  std::vector<std::pair<std::string, TokenId>> vocab;
  vocab.reserve(it->size());
  for (auto entry = it->begin(); entry != it->end(); ++entry) {
    if (!entry.value().is_number_integer()) {
      return FieldError("vocab", absl::StrCat("id of '", entry.key(),
                                              "' is not an integer"));
    }
    vocab.emplace_back(entry.key(), entry.value().get<TokenId>());
  }
  return vocab;
}

// Merges come as "a b" strings (older files) or ["a", "b"] pairs.
absl::StatusOr<std::vector<std::pair<std::string, std::string>>> ReadMerges(
    const nlohmann::json& json) {
  std::vector<std::pair<std::string, std::string>> merges;
  auto it = json.find("merges");
  if (it == json.end() || it->is_null()) return merges;
  if (!it->is_array()) return FieldError("merges", "expected an array");
  merges.reserve(it->size());
  for (size_t i = 0; i < it->size(); ++i) {
    const nlohmann::json& m = (*it)[i];
    if (m.is_string()) {
      const std::string s = m.get<std::string>();
      const size_t space = s.find(' ', 1);
      if (space == std::string::npos) {
        return FieldError(absl::StrCat("merges[", i, "]"),
                          absl::StrCat("'", s, "' is not two tokens"));
      }
      merges.emplace_back(s.substr(0, space), s.substr(space + 1));
    } else if (m.is_array() && m.size() == 2 && m[0].is_string() &&
               m[1].is_string()) {
      merges.emplace_back(m[0].get<std::string>(), m[1].get<std::string>());
    } else {
      return FieldError(absl::StrCat("merges[", i, "]"),
                        "expected \"a b\" or [\"a\", \"b\"]");
    }
  }
  return merges;
}

absl::StatusOr<std::unique_ptr<Model>> BpeFromJson(const nlohmann::json& json,
                                                   bool byte_level) {
  BpeModelOptions options;
  options.byte_level = byte_level;
  TF_ASSIGN_OR_RETURN(options.unk_token, OptionalString(json, "unk_token"));
  TF_ASSIGN_OR_RETURN(options.continuing_subword_prefix,
                      OptionalString(json, "continuing_subword_prefix"));
  TF_ASSIGN_OR_RETURN(options.end_of_word_suffix,
                      OptionalString(json, "end_of_word_suffix"));
  TF_ASSIGN_OR_RETURN(options.fuse_unk, OptionalBool(json, "fuse_unk"));
  TF_ASSIGN_OR_RETURN(options.byte_fallback, OptionalBool(json, "byte_fallback"));
  TF_ASSIGN_OR_RETURN(options.ignore_merges, OptionalBool(json, "ignore_merges"));
  if (auto it = json.find("dropout"); it != json.end() && !it->is_null()) {
    if (!it->is_number()) return FieldError("dropout", "expected a number");
    options.dropout = it->get<float>();
  }
  TF_ASSIGN_OR_RETURN(auto vocab, ReadVocab(json));
  TF_ASSIGN_OR_RETURN(auto merges, ReadMerges(json));
  TF_ASSIGN_OR_RETURN(std::unique_ptr<BpeModel> model,
                      BpeModel::Create(vocab, merges, options));
  return std::unique_ptr<Model>(std::move(model));
}

}  // namespace

absl::StatusOr<std::unique_ptr<Model>> ModelFromJson(const nlohmann::json& json,
                                                     bool byte_level) {
  if (!json.is_object()) {
    return absl::InvalidArgumentError("model: expected an object");
  }
  std::string type;
  if (auto it = json.find("type"); it != json.end() && it->is_string()) {
    type = it->get<std::string>();
  } else if (json.contains("merges")) {
    type = "BPE";  // Old files omit the type.
  }
  if (type == "BPE" && json.contains("sentencepiece_scores")) {
    // SentencePiece BPE merges by piece score, not by a merges list.
    TF_ASSIGN_OR_RETURN(auto model, SpmBpeModel::FromJson(json));
    return std::unique_ptr<Model>(std::move(model));
  }
  if (type == "BPE") return BpeFromJson(json, byte_level);
  return ModelFromJsonExtra(type, json);
}

}  // namespace tokenforge
