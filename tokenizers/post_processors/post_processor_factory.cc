#include "tokenizers/post_processors/post_processor_factory.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "tokenizers/normalizers/json_fields.h"
#include "tokenizers/post_processors/bert_processing.h"
#include "tokenizers/post_processors/simple_processors.h"
#include "tokenizers/post_processors/template_processing.h"

namespace tokenforge {
namespace {

using PieceProcessorOr = absl::StatusOr<std::unique_ptr<PieceProcessor>>;
using json_fields::BadField;
using json_fields::GetBool;

constexpr char kTemplate[] = "TemplateProcessing";

// True for an integer in [0, max]. JSON parsed from text holds unsigned
// numbers, JSON built in C++ from ints signed ones; both are accepted.
bool IsIdInRange(const nlohmann::json& j, int64_t max) {
  return j.is_number_integer() && j.get<int64_t>() >= 0 && j.get<int64_t>() <= max;
}

// One template piece: {"Sequence": {"id": "A", "type_id": 0}},
// {"SpecialToken": {"id": "[CLS]", "type_id": 0}}, or the string form "$A:0".
absl::StatusOr<TemplatePiece> PieceFromJson(const nlohmann::json& j,
                                            const char* field) {
  if (j.is_string()) {
    TF_ASSIGN_OR_RETURN(std::vector<TemplatePiece> one,
                        ParseTemplate(j.get<std::string>()));
    if (one.size() == 1) return one[0];
  } else if (j.is_object() && j.size() == 1) {
    const auto entry = j.begin();
    const nlohmann::json& v = entry.value();
    const bool ok_type = v.is_object() && v.contains("id") && v["id"].is_string() &&
                         v.contains("type_id") && IsIdInRange(v["type_id"], 255);
    if (ok_type) {
      TemplatePiece piece;
      piece.type_id = static_cast<uint8_t>(v["type_id"].get<int64_t>());
      const std::string id = v["id"].get<std::string>();
      if (entry.key() == "SpecialToken") {
        piece.kind = TemplatePiece::Kind::kSpecialToken;
        piece.special_id = id;
        return piece;
      }
      if (entry.key() == "Sequence" && (id == "A" || id == "B")) {
        piece.kind = id == "A" ? TemplatePiece::Kind::kSequenceA
                               : TemplatePiece::Kind::kSequenceB;
        return piece;
      }
    }
  }
  return BadField(kTemplate, field, "a list of template pieces", j);
}

// A template: a list of pieces, or one string "[CLS] $A [SEP]".
absl::StatusOr<std::vector<TemplatePiece>> TemplateFromJson(
    const nlohmann::json& json, const char* field, const char* fallback) {
  const auto it = json.find(field);
  if (it == json.end() || it->is_null()) return ParseTemplate(fallback);
  if (it->is_string()) {
    absl::StatusOr<std::vector<TemplatePiece>> parsed =
        ParseTemplate(it->get<std::string>());
    if (!parsed.ok()) return Annotate(parsed.status(), absl::StrCat(kTemplate, ": field '", field, "'"));
    return parsed;
  }
  if (!it->is_array()) return BadField(kTemplate, field, "a list of template pieces", *it);
  std::vector<TemplatePiece> pieces;
  for (const nlohmann::json& j : *it) {
    TF_ASSIGN_OR_RETURN(TemplatePiece piece, PieceFromJson(j, field));
    pieces.push_back(std::move(piece));
  }
  return pieces;
}

absl::StatusOr<std::vector<TemplateSpecialToken>> SpecialTokensFromJson(
    const nlohmann::json& json) {
  std::vector<TemplateSpecialToken> out;
  const auto it = json.find("special_tokens");
  if (it == json.end() || it->is_null()) return out;
  if (!it->is_object()) return BadField(kTemplate, "special_tokens", "an object", *it);
  for (const auto& [key, v] : it->items()) {
    TemplateSpecialToken t;
    t.id = key;
    const bool ok = v.is_object() && v.contains("ids") && v["ids"].is_array() &&
                    v.contains("tokens") && v["tokens"].is_array();
    if (!ok) return BadField(kTemplate, "special_tokens", "{\"ids\": [...], \"tokens\": [...]}", v);
    for (const nlohmann::json& id : v["ids"]) {
      if (!IsIdInRange(id, INT32_MAX)) {
        return BadField(kTemplate, "special_tokens", "token ids >= 0", v);
      }
      t.ids.push_back(static_cast<TokenId>(id.get<int64_t>()));
    }
    for (const nlohmann::json& token : v["tokens"]) {
      if (!token.is_string()) return BadField(kTemplate, "special_tokens", "string tokens", v);
      t.tokens.push_back(token.get<std::string>());
    }
    out.push_back(std::move(t));
  }
  return out;
}

PieceProcessorOr TemplateProcessingFromJson(const nlohmann::json& json) {
  TF_ASSIGN_OR_RETURN(std::vector<TemplatePiece> single,
                      TemplateFromJson(json, "single", "$0"));
  TF_ASSIGN_OR_RETURN(std::vector<TemplatePiece> pair,
                      TemplateFromJson(json, "pair", "$A:0 $B:1"));
  TF_ASSIGN_OR_RETURN(std::vector<TemplateSpecialToken> specials,
                      SpecialTokensFromJson(json));
  TF_ASSIGN_OR_RETURN(std::unique_ptr<TemplateProcessing> p,
                      TemplateProcessing::Create(std::move(single), std::move(pair),
                                                 std::move(specials)));
  return std::unique_ptr<PieceProcessor>(std::move(p));
}

// ["[SEP]", 102]
absl::StatusOr<SpecialToken> TokenPairFromJson(const nlohmann::json& json,
                                               const char* stage, const char* field) {
  const auto it = json.find(field);
  if (it != json.end() && it->is_array() && it->size() == 2 && (*it)[0].is_string() &&
      IsIdInRange((*it)[1], INT32_MAX)) {
    return SpecialToken{(*it)[0].get<std::string>(),
                        static_cast<TokenId>((*it)[1].get<int64_t>())};
  }
  return BadField(stage, field, "[token, id]", it == json.end() ? nlohmann::json() : *it);
}

PieceProcessorOr RobertaFromJson(const nlohmann::json& json) {
  const char* stage = "RobertaProcessing";
  TF_ASSIGN_OR_RETURN(SpecialToken sep, TokenPairFromJson(json, stage, "sep"));
  TF_ASSIGN_OR_RETURN(SpecialToken cls, TokenPairFromJson(json, stage, "cls"));
  TF_ASSIGN_OR_RETURN(const bool trim, GetBool(json, stage, "trim_offsets", true));
  TF_ASSIGN_OR_RETURN(const bool prefix, GetBool(json, stage, "add_prefix_space", true));
  return std::make_unique<RobertaProcessing>(std::move(sep), std::move(cls), trim, prefix);
}

PieceProcessorOr ByteLevelFromJson(const nlohmann::json& json) {
  const char* stage = "ByteLevel";
  TF_ASSIGN_OR_RETURN(const bool prefix, GetBool(json, stage, "add_prefix_space", true));
  TF_ASSIGN_OR_RETURN(const bool trim, GetBool(json, stage, "trim_offsets", true));
  TF_ASSIGN_OR_RETURN(const bool regex, GetBool(json, stage, "use_regex", true));
  return std::make_unique<ByteLevelProcessing>(prefix, trim, regex);
}

PieceProcessorOr PieceProcessorFromJson(const nlohmann::json& json);

PieceProcessorOr SequenceFromJson(const nlohmann::json& json) {
  const auto it = json.find("processors");
  if (it == json.end() || !it->is_array()) {
    return BadField("Sequence", "processors", "an array",
                    it == json.end() ? nlohmann::json() : *it);
  }
  std::vector<std::unique_ptr<PieceProcessor>> steps;
  for (size_t i = 0; i < it->size(); ++i) {
    PieceProcessorOr step = PieceProcessorFromJson((*it)[i]);
    if (!step.ok()) {
      return Annotate(step.status(), absl::StrCat("Sequence.processors[", i, "]"));
    }
    steps.push_back(*std::move(step));
  }
  return std::make_unique<SequenceProcessing>(std::move(steps));
}

PieceProcessorOr PieceProcessorFromJson(const nlohmann::json& json) {
  TF_ASSIGN_OR_RETURN(const std::string type,
                      json_fields::GetType(json, "post_processor"));
  if (type == kTemplate) return TemplateProcessingFromJson(json);
  if (type == "BertProcessing") {
    TF_ASSIGN_OR_RETURN(SpecialToken sep, TokenPairFromJson(json, "BertProcessing", "sep"));
    TF_ASSIGN_OR_RETURN(SpecialToken cls, TokenPairFromJson(json, "BertProcessing", "cls"));
    return std::make_unique<BertProcessing>(std::move(sep), std::move(cls));
  }
  if (type == "RobertaProcessing") return RobertaFromJson(json);
  if (type == "ByteLevel") return ByteLevelFromJson(json);
  if (type == "Sequence") return SequenceFromJson(json);
  return json_fields::UnknownType("post_processor", type);
}

}  // namespace

absl::StatusOr<std::unique_ptr<PostProcessor>> PostProcessorFromJson(
    const nlohmann::json& json) {
  TF_ASSIGN_OR_RETURN(std::unique_ptr<PieceProcessor> p, PieceProcessorFromJson(json));
  return std::unique_ptr<PostProcessor>(std::move(p));
}

}  // namespace tokenforge
