#include "tokenizers/normalizers/normalizer_factory.h"
#include "tokenizers/normalizers/spm_normalizers.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "tokenizers/normalizers/bert_normalizer.h"
#include "tokenizers/normalizers/json_fields.h"
#include "tokenizers/normalizers/lowercase_normalizer.h"
#include "tokenizers/normalizers/prepend_normalizer.h"
#include "tokenizers/normalizers/replace_normalizer.h"
#include "tokenizers/normalizers/sequence_normalizer.h"
#include "tokenizers/normalizers/strip_normalizer.h"
#include "tokenizers/normalizers/unicode_normalizer.h"

namespace tokenforge {
namespace {

using NormalizerOr = absl::StatusOr<std::unique_ptr<Normalizer>>;
using json_fields::BadField;
using json_fields::GetBool;
using json_fields::GetOptionalBool;
using json_fields::GetString;

NormalizerOr StripFromJson(const nlohmann::json& json) {
  TF_ASSIGN_OR_RETURN(const bool left, GetBool(json, "Strip", "strip_left", true));
  TF_ASSIGN_OR_RETURN(const bool right, GetBool(json, "Strip", "strip_right", true));
  return std::make_unique<StripNormalizer>(left, right);
}

// "pattern" is {"String": "..."} or {"Regex": "..."}; a bare string is taken
// as a String pattern, as older HF files wrote it.
absl::StatusOr<ReplacePattern> PatternFromJson(const nlohmann::json& json,
                                               const char* stage) {
  TF_ASSIGN_OR_RETURN(const std::string content,
                      GetString(json, stage, "content"));
  const auto it = json.find("pattern");
  if (it == json.end()) {
    return absl::InvalidArgumentError(
        absl::StrCat(stage, ": missing field 'pattern'"));
  }
  if (it->is_string()) {
    return ReplacePattern::Create(it->get<std::string>(), false, content);
  }
  if (it->is_object() && it->size() == 1) {
    const auto entry = it->begin();
    const std::string& kind = entry.key();
    if ((kind == "String" || kind == "Regex") && entry.value().is_string()) {
      return ReplacePattern::Create(entry.value().get<std::string>(),
                                    kind == "Regex", content);
    }
  }
  return BadField(stage, "pattern", "{\"String\": s} or {\"Regex\": r}", *it);
}

NormalizerOr BertFromJson(const nlohmann::json& json) {
  const char* stage = "BertNormalizer";
  BertNormalizerOptions options;
  TF_ASSIGN_OR_RETURN(options.clean_text,
                      GetBool(json, stage, "clean_text", true));
  TF_ASSIGN_OR_RETURN(options.handle_chinese_chars,
                      GetBool(json, stage, "handle_chinese_chars", true));
  TF_ASSIGN_OR_RETURN(options.strip_accents,
                      GetOptionalBool(json, stage, "strip_accents"));
  TF_ASSIGN_OR_RETURN(options.lowercase, GetBool(json, stage, "lowercase", true));
  return std::make_unique<BertNormalizer>(options);
}

NormalizerOr SequenceFromJson(const nlohmann::json& json) {
  const auto it = json.find("normalizers");
  if (it == json.end() || !it->is_array()) {
    return BadField("Sequence", "normalizers", "an array",
                    it == json.end() ? nlohmann::json() : *it);
  }
  std::vector<std::unique_ptr<Normalizer>> steps;
  for (size_t i = 0; i < it->size(); ++i) {
    NormalizerOr step = NormalizerFromJson((*it)[i]);
    if (!step.ok()) {
      return Annotate(step.status(), absl::StrCat("Sequence.normalizers[", i, "]"));
    }
    steps.push_back(*std::move(step));
  }
  return std::make_unique<SequenceNormalizer>(std::move(steps));
}

NormalizerOr UnicodeFromType(const std::string& type) {
  const UnicodeForm form = type == "NFC"    ? UnicodeForm::kNfc
                           : type == "NFD"  ? UnicodeForm::kNfd
                           : type == "NFKC" ? UnicodeForm::kNfkc
                                            : UnicodeForm::kNfkd;
  TF_ASSIGN_OR_RETURN(std::unique_ptr<UnicodeNormalizer> n,
                      UnicodeNormalizer::Create(form));
  return std::unique_ptr<Normalizer>(std::move(n));
}

}  // namespace

NormalizerOr NormalizerFromJson(const nlohmann::json& json) {
  TF_ASSIGN_OR_RETURN(const std::string type,
                      json_fields::GetType(json, "normalizer"));
  if (type == "NFC" || type == "NFD" || type == "NFKC" || type == "NFKD") {
    return UnicodeFromType(type);
  }
  if (type == "Lowercase") return std::make_unique<LowercaseNormalizer>();
  if (type == "StripAccents") return std::make_unique<StripAccentsNormalizer>();
  if (type == "Strip") return StripFromJson(json);
  if (type == "BertNormalizer") return BertFromJson(json);
  if (type == "Sequence") return SequenceFromJson(json);
  if (type == "ByteLevel") return std::make_unique<ByteLevelNormalizer>();
  if (type == "Prepend") {
    TF_ASSIGN_OR_RETURN(std::string prepend, GetString(json, "Prepend", "prepend"));
    return std::make_unique<PrependNormalizer>(std::move(prepend));
  }
  if (type == "Replace") {
    TF_ASSIGN_OR_RETURN(ReplacePattern pattern, PatternFromJson(json, "Replace"));
    return std::make_unique<ReplaceNormalizer>(std::move(pattern));
  }
  // SentencePiece's normalizers live in spm_normalizers.h.
  if (type == "Precompiled") return SpmNormalizerFromJson(json);
  return json_fields::UnknownType("normalizer", type);
}

}  // namespace tokenforge
