#include "tokenizers/decoders/decoder_factory.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "tokenizers/decoders/byte_decoders.h"
#include "tokenizers/decoders/string_decoders.h"
#include "tokenizers/decoders/subword_decoders.h"
#include "tokenizers/normalizers/json_fields.h"
#include "tokenizers/normalizers/replace_normalizer.h"

namespace tokenforge {
namespace {

using DecoderOr = absl::StatusOr<std::unique_ptr<Decoder>>;
using json_fields::BadField;
using json_fields::GetBool;
using json_fields::GetChar;
using json_fields::GetString;
using json_fields::GetUint;

DecoderOr ByteLevelFromJson(const nlohmann::json& json) {
  const char* stage = "ByteLevel";
  TF_ASSIGN_OR_RETURN(const bool prefix, GetBool(json, stage, "add_prefix_space", true));
  TF_ASSIGN_OR_RETURN(const bool trim, GetBool(json, stage, "trim_offsets", true));
  TF_ASSIGN_OR_RETURN(const bool regex, GetBool(json, stage, "use_regex", true));
  return std::make_unique<ByteLevelDecoder>(prefix, trim, regex);
}

// Newer files carry "prepend_scheme"; older ones "add_prefix_space"
// (true -> "always", false -> "never"), as HF's deserializer accepts.
DecoderOr MetaspaceFromJson(const nlohmann::json& json) {
  const char* stage = "Metaspace";
  TF_ASSIGN_OR_RETURN(std::string replacement,
                      GetChar(json, stage, "replacement", "\xE2\x96\x81"));
  TF_ASSIGN_OR_RETURN(const bool split, GetBool(json, stage, "split", true));
  PrependScheme scheme = PrependScheme::kAlways;
  if (json.contains("prepend_scheme") && !json["prepend_scheme"].is_null()) {
    TF_ASSIGN_OR_RETURN(const std::string name,
                        GetString(json, stage, "prepend_scheme"));
    absl::StatusOr<PrependScheme> parsed = ParsePrependScheme(name);
    if (!parsed.ok()) {
      return BadField(stage, "prepend_scheme", "\"always\", \"first\" or \"never\"",
                      json["prepend_scheme"]);
    }
    scheme = *parsed;
  } else {
    TF_ASSIGN_OR_RETURN(const bool prefix,
                        GetBool(json, stage, "add_prefix_space", true));
    scheme = prefix ? PrependScheme::kAlways : PrependScheme::kNever;
  }
  return std::make_unique<MetaspaceDecoder>(std::move(replacement), scheme, split);
}

DecoderOr StripFromJson(const nlohmann::json& json) {
  TF_ASSIGN_OR_RETURN(std::string content, GetChar(json, "Strip", "content"));
  TF_ASSIGN_OR_RETURN(const int64_t start, GetUint(json, "Strip", "start"));
  TF_ASSIGN_OR_RETURN(const int64_t stop, GetUint(json, "Strip", "stop"));
  return std::make_unique<StripDecoder>(std::move(content), start, stop);
}

DecoderOr ReplaceFromJson(const nlohmann::json& json) {
  TF_ASSIGN_OR_RETURN(const std::string content,
                      GetString(json, "Replace", "content"));
  const auto it = json.find("pattern");
  if (it != json.end() && it->is_object() && it->size() == 1) {
    const auto entry = it->begin();
    const std::string& kind = entry.key();
    if ((kind == "String" || kind == "Regex") && entry.value().is_string()) {
      TF_ASSIGN_OR_RETURN(ReplacePattern pattern,
                          ReplacePattern::Create(entry.value().get<std::string>(),
                                                 kind == "Regex", content));
      return std::make_unique<ReplaceDecoder>(std::move(pattern));
    }
  }
  if (it != json.end() && it->is_string()) {
    TF_ASSIGN_OR_RETURN(ReplacePattern pattern,
                        ReplacePattern::Create(it->get<std::string>(), false, content));
    return std::make_unique<ReplaceDecoder>(std::move(pattern));
  }
  return BadField("Replace", "pattern", "{\"String\": s} or {\"Regex\": r}",
                  it == json.end() ? nlohmann::json() : *it);
}

DecoderOr SequenceFromJson(const nlohmann::json& json) {
  const auto it = json.find("decoders");
  if (it == json.end() || !it->is_array()) {
    return BadField("Sequence", "decoders", "an array",
                    it == json.end() ? nlohmann::json() : *it);
  }
  std::vector<std::unique_ptr<Decoder>> steps;
  for (size_t i = 0; i < it->size(); ++i) {
    DecoderOr step = DecoderFromJson((*it)[i]);
    if (!step.ok()) {
      return Annotate(step.status(), absl::StrCat("Sequence.decoders[", i, "]"));
    }
    steps.push_back(*std::move(step));
  }
  return std::make_unique<SequenceDecoder>(std::move(steps));
}

DecoderOr WordPieceFromJson(const nlohmann::json& json) {
  TF_ASSIGN_OR_RETURN(std::string prefix, GetString(json, "WordPiece", "prefix", "##"));
  TF_ASSIGN_OR_RETURN(const bool cleanup, GetBool(json, "WordPiece", "cleanup", true));
  return std::make_unique<WordPieceDecoder>(std::move(prefix), cleanup);
}

DecoderOr CtcFromJson(const nlohmann::json& json) {
  TF_ASSIGN_OR_RETURN(std::string pad, GetString(json, "CTC", "pad_token", "<pad>"));
  TF_ASSIGN_OR_RETURN(std::string delimiter,
                      GetString(json, "CTC", "word_delimiter_token", "|"));
  TF_ASSIGN_OR_RETURN(const bool cleanup, GetBool(json, "CTC", "cleanup", true));
  return std::make_unique<CtcDecoder>(std::move(pad), std::move(delimiter), cleanup);
}

}  // namespace

DecoderOr DecoderFromJson(const nlohmann::json& json) {
  TF_ASSIGN_OR_RETURN(const std::string type, json_fields::GetType(json, "decoder"));
  if (type == "ByteLevel") return ByteLevelFromJson(json);
  if (type == "ByteFallback") return std::make_unique<ByteFallbackDecoder>();
  if (type == "Metaspace") return MetaspaceFromJson(json);
  if (type == "WordPiece") return WordPieceFromJson(json);
  if (type == "BPEDecoder") {
    TF_ASSIGN_OR_RETURN(std::string suffix,
                        GetString(json, "BPEDecoder", "suffix", "</w>"));
    return std::make_unique<BpeDecoder>(std::move(suffix));
  }
  if (type == "CTC") return CtcFromJson(json);
  if (type == "Fuse") return std::make_unique<FuseDecoder>();
  if (type == "Strip") return StripFromJson(json);
  if (type == "Replace") return ReplaceFromJson(json);
  if (type == "Sequence") return SequenceFromJson(json);
  return json_fields::UnknownType("decoder", type);
}

}  // namespace tokenforge
