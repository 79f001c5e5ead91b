// tokenizers/pre_tokenizers/pre_tokenizer_factory.cc
//
// One builder per HF "type"; field names, defaults and legacy spellings
// follow HF's serde definitions (e.g. Metaspace's old "add_prefix_space"
// stands for prepend_scheme "always" / "never").

#include "tokenizers/pre_tokenizers/pre_tokenizer_factory.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "tokenizers/normalizers/json_fields.h"
#include "tokenizers/pre_tokenizers/byte_level_pre_tokenizer.h"
#include "tokenizers/pre_tokenizers/char_pre_tokenizers.h"
#include "tokenizers/pre_tokenizers/metaspace_pre_tokenizer.h"
#include "tokenizers/pre_tokenizers/sequence_pre_tokenizer.h"
#include "tokenizers/pre_tokenizers/split_pre_tokenizer.h"

namespace tokenforge {
namespace {

using json_fields::BadField;
using json_fields::GetBool;
using json_fields::GetString;
using Result = absl::StatusOr<std::unique_ptr<PreTokenizer>>;

Result ByteLevelFromJson(const nlohmann::json& json) {
  ByteLevelOptions options;
  TF_ASSIGN_OR_RETURN(options.add_prefix_space,
                      GetBool(json, "ByteLevel", "add_prefix_space", true));
  TF_ASSIGN_OR_RETURN(options.trim_offsets,
                      GetBool(json, "ByteLevel", "trim_offsets", true));
  TF_ASSIGN_OR_RETURN(options.use_regex,
                      GetBool(json, "ByteLevel", "use_regex", true));
  return std::make_unique<ByteLevelPreTokenizer>(options);
}

absl::StatusOr<SplitBehavior> BehaviorFromJson(
    const nlohmann::json& json, absl::string_view stage,
    std::optional<std::string> fallback) {
  TF_ASSIGN_OR_RETURN(std::string name,
                      GetString(json, stage, "behavior", std::move(fallback)));
  absl::StatusOr<SplitBehavior> behavior = ParseSplitBehavior(name);
  if (!behavior.ok()) {
    return BadField(stage, "behavior",
                    "one of Removed, Isolated, MergedWithPrevious, "
                    "MergedWithNext, Contiguous",
                    json.at("behavior"));
  }
  return behavior;
}

Result PunctuationFromJson(const nlohmann::json& json) {
  TF_ASSIGN_OR_RETURN(SplitBehavior behavior,
                      BehaviorFromJson(json, "Punctuation", "Isolated"));
  return std::make_unique<PunctuationPreTokenizer>(behavior);
}

Result DigitsFromJson(const nlohmann::json& json) {
  TF_ASSIGN_OR_RETURN(bool individual,
                      GetBool(json, "Digits", "individual_digits", false));
  return std::make_unique<DigitsPreTokenizer>(individual);
}

Result MetaspaceFromJson(const nlohmann::json& json) {
  MetaspaceOptions options;
  TF_ASSIGN_OR_RETURN(options.replacement,
                      json_fields::GetChar(json, "Metaspace", "replacement",
                                           options.replacement));
  TF_ASSIGN_OR_RETURN(options.split, GetBool(json, "Metaspace", "split", true));
  TF_ASSIGN_OR_RETURN(
      std::optional<bool> legacy,
      json_fields::GetOptionalBool(json, "Metaspace", "add_prefix_space"));
  const std::string fallback = legacy.value_or(true) ? "always" : "never";
  TF_ASSIGN_OR_RETURN(std::string scheme,
                      GetString(json, "Metaspace", "prepend_scheme", fallback));
  absl::StatusOr<PrependScheme> parsed = ParsePrependScheme(scheme);
  if (!parsed.ok()) {
    return BadField("Metaspace", "prepend_scheme", "always, first or never",
                    json.at("prepend_scheme"));
  }
  options.prepend_scheme = *parsed;
  TF_ASSIGN_OR_RETURN(auto metaspace,
                      MetaspacePreTokenizer::Create(std::move(options)));
  return std::unique_ptr<PreTokenizer>(std::move(metaspace));
}

Result SplitFromJson(const nlohmann::json& json) {
  SplitOptions options;
  const auto pattern = json.find("pattern");
  if (pattern == json.end() || !pattern->is_object() || pattern->size() != 1 ||
      !(pattern->contains("Regex") || pattern->contains("String")) ||
      !pattern->begin()->is_string()) {
    return BadField("Split", "pattern",
                    "{\"Regex\": string} or {\"String\": string}",
                    pattern == json.end() ? nlohmann::json() : *pattern);
  }
  options.is_regex = pattern->contains("Regex");
  options.pattern = pattern->begin()->get<std::string>();
  TF_ASSIGN_OR_RETURN(options.behavior,
                      BehaviorFromJson(json, "Split", std::nullopt));
  TF_ASSIGN_OR_RETURN(options.invert, GetBool(json, "Split", "invert", false));
  TF_ASSIGN_OR_RETURN(auto split,
                      SplitPreTokenizer::Create(std::move(options)));
  return std::unique_ptr<PreTokenizer>(std::move(split));
}

Result SequenceFromJson(const nlohmann::json& json) {
  const auto list = json.find("pretokenizers");
  if (list == json.end() || !list->is_array()) {
    return BadField("Sequence", "pretokenizers", "an array",
                    list == json.end() ? nlohmann::json() : *list);
  }
  std::vector<std::unique_ptr<PreTokenizer>> children;
  for (size_t i = 0; i < list->size(); ++i) {
    absl::StatusOr<std::unique_ptr<PreTokenizer>> child =
        PreTokenizerFromJson((*list)[i]);
    if (!child.ok()) {
      return Annotate(child.status(),
                      absl::StrCat("Sequence: pretokenizers[", i, "]"));
    }
    children.push_back(std::move(*child));
  }
  return std::make_unique<SequencePreTokenizer>(std::move(children));
}

}  // namespace

absl::StatusOr<std::unique_ptr<PreTokenizer>> PreTokenizerFromJson(
    const nlohmann::json& json) {
  TF_ASSIGN_OR_RETURN(std::string type,
                      json_fields::GetType(json, "pre_tokenizer"));
  if (type == "ByteLevel") return ByteLevelFromJson(json);
  if (type == "Whitespace") return std::make_unique<WhitespacePreTokenizer>();
  if (type == "WhitespaceSplit") {
    return std::make_unique<WhitespaceSplitPreTokenizer>();
  }
  if (type == "BertPreTokenizer") return std::make_unique<BertPreTokenizer>();
  if (type == "Punctuation") return PunctuationFromJson(json);
  if (type == "Digits") return DigitsFromJson(json);
  if (type == "Metaspace") return MetaspaceFromJson(json);
  if (type == "Split") return SplitFromJson(json);
  if (type == "Sequence") return SequenceFromJson(json);
  return json_fields::UnknownType("pre_tokenizer", type);
}

}  // namespace tokenforge
