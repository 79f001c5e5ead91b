#include "tokenizers/io/tokenizer_json.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/file.h"
#include "common/status_macros.h"
#include "tokenizers/decoders/decoder_factory.h"
#include "tokenizers/models/model_factory.h"
#include "tokenizers/normalizers/normalizer_factory.h"
#include "tokenizers/post_processors/post_processor_factory.h"
#include "tokenizers/pre_tokenizers/pre_tokenizer_factory.h"

namespace tokenforge {
namespace {

// True if `json` (a normalizer or pre-tokenizer, possibly a Sequence) has a
// ByteLevel stage: then the BPE vocabulary is in the byte-to-unicode form.
bool HasByteLevel(const nlohmann::json& json) {
  if (!json.is_object()) return false;
  if (json.value("type", "") == "ByteLevel") return true;
  for (const char* key : {"pretokenizers", "normalizers"}) {
    if (auto it = json.find(key); it != json.end() && it->is_array()) {
      for (const nlohmann::json& j : *it) {
        if (HasByteLevel(j)) return true;
      }
    }
  }
  return false;
}

absl::StatusOr<std::vector<AddedToken>> ReadAddedTokens(
    const nlohmann::json& json) {
  std::vector<AddedToken> tokens;
  auto it = json.find("added_tokens");
  if (it == json.end() || it->is_null()) return tokens;
  if (!it->is_array()) {
    return absl::InvalidArgumentError("added_tokens: expected an array");
  }
  for (size_t i = 0; i < it->size(); ++i) {
    const nlohmann::json& t = (*it)[i];
    if (!t.is_object() || !t.contains("id") || !t["id"].is_number_integer() ||
        !t.contains("content") || !t["content"].is_string()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "added_tokens[", i, "]: needs an integer 'id' and a string 'content'"));
    }
    AddedToken token;
    token.id = t["id"].get<TokenId>();
    token.content = t["content"].get<std::string>();
    token.special = t.value("special", false);
    token.single_word = t.value("single_word", false);
    token.lstrip = t.value("lstrip", false);
    token.rstrip = t.value("rstrip", false);
    token.normalized = t.value("normalized", false);
    tokens.push_back(std::move(token));
  }
  return tokens;
}

absl::StatusOr<TruncationOptions> ReadTruncation(const nlohmann::json& json) {
  TruncationOptions options;
  auto it = json.find("truncation");
  if (it == json.end() || it->is_null()) return options;
  options.max_length = it->value("max_length", 0u);
  options.stride = it->value("stride", 0u);
  options.direction =
      it->value("direction", "Right") == "Left" ? Side::kLeft : Side::kRight;
  return options;
}

std::optional<PaddingOptions> ReadPadding(const nlohmann::json& json) {
  auto it = json.find("padding");
  if (it == json.end() || it->is_null()) return std::nullopt;
  PaddingOptions options;
  if (auto s = it->find("strategy"); s != it->end() && s->is_object() &&
                                     s->contains("Fixed")) {
    options.length = (*s)["Fixed"].get<uint32_t>();
  }
  options.pad_to_multiple_of =
      it->contains("pad_to_multiple_of") && !(*it)["pad_to_multiple_of"].is_null()
          ? (*it)["pad_to_multiple_of"].get<uint32_t>()
          : 0;
  options.pad_id = it->value("pad_id", 0);
  options.pad_type_id = it->value("pad_type_id", uint8_t{0});
  options.direction =
      it->value("direction", "Right") == "Left" ? Side::kLeft : Side::kRight;
  return options;
}

template <typename T, typename F>
absl::Status ReadStage(const nlohmann::json& json, const char* key, F from_json,
                       std::unique_ptr<T>* out) {
  auto it = json.find(key);
  if (it == json.end() || it->is_null()) return absl::OkStatus();
  absl::StatusOr<std::unique_ptr<T>> stage = from_json(*it);
  if (!stage.ok()) return Annotate(stage.status(), key);
  *out = *std::move(stage);
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<Tokenizer>> TokenizerFromJsonImpl(
    const nlohmann::json& json) {
  if (!json.is_object() || !json.contains("model")) {
    return absl::InvalidArgumentError("not a tokenizer.json: no 'model' object");
  }
  Tokenizer::Parts parts;
  TF_RETURN_IF_ERROR(ReadStage<Normalizer>(json, "normalizer",
                                           NormalizerFromJson, &parts.normalizer));
  TF_RETURN_IF_ERROR(ReadStage<PreTokenizer>(
      json, "pre_tokenizer", PreTokenizerFromJson, &parts.pre_tokenizer));
  const bool byte_level = HasByteLevel(json.value("pre_tokenizer", nlohmann::json())) ||
                          HasByteLevel(json.value("normalizer", nlohmann::json()));
  TF_RETURN_IF_ERROR(ReadStage<Model>(
      json, "model",
      [&](const nlohmann::json& j) { return ModelFromJson(j, byte_level); },
      &parts.model));
  TF_RETURN_IF_ERROR(ReadStage<PostProcessor>(
      json, "post_processor", PostProcessorFromJson, &parts.post_processor));
  TF_RETURN_IF_ERROR(
      ReadStage<Decoder>(json, "decoder", DecoderFromJson, &parts.decoder));
  TF_ASSIGN_OR_RETURN(parts.added_tokens, ReadAddedTokens(json));
  TF_ASSIGN_OR_RETURN(parts.truncation, ReadTruncation(json));
  parts.padding = ReadPadding(json);
  return Tokenizer::Create(std::move(parts));
}

}  // namespace

absl::StatusOr<std::unique_ptr<Tokenizer>> TokenizerFromJson(
    const nlohmann::json& json) {
  // nlohmann's typed accessors throw on a field of the wrong type; turn
  // that into a Status here so no exception leaves the library.
  try {
    return TokenizerFromJsonImpl(json);
  } catch (const nlohmann::json::exception& e) {
    return absl::InvalidArgumentError(
        absl::StrCat("malformed tokenizer.json: ", e.what()));
  }
}

absl::StatusOr<std::unique_ptr<Tokenizer>> LoadTokenizerJson(
    absl::string_view path) {
  TF_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  nlohmann::json json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) {
    // Parse again with exceptions only to get the position for the message;
    // nothing escapes this function.
    std::string where = "invalid JSON";
    try {
      const nlohmann::json unused = nlohmann::json::parse(text);
      (void)unused;
    } catch (const nlohmann::json::parse_error& e) {
      where = e.what();
    }
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", where));
  }
  absl::StatusOr<std::unique_ptr<Tokenizer>> tokenizer = TokenizerFromJson(json);
  if (!tokenizer.ok()) return Annotate(tokenizer.status(), path);
  return tokenizer;
}

nlohmann::json TokenizerToJson(const Tokenizer& tokenizer) {
  const Tokenizer::Parts& parts = tokenizer.parts();
  nlohmann::json out;
  out["version"] = "1.0";
  if (parts.truncation.max_length > 0) {
    out["truncation"] = {
        {"direction", parts.truncation.direction == Side::kLeft ? "Left" : "Right"},
        {"max_length", parts.truncation.max_length},
        {"strategy", "LongestFirst"},
        {"stride", parts.truncation.stride}};
  } else {
    out["truncation"] = nullptr;
  }
  if (parts.padding.has_value()) {
    const PaddingOptions& p = *parts.padding;
    nlohmann::json strategy = p.length > 0 ? nlohmann::json{{"Fixed", p.length}}
                                           : nlohmann::json("BatchLongest");
    nlohmann::json pad_token = nullptr;
    if (absl::StatusOr<std::string> t = tokenizer.IdToToken(p.pad_id); t.ok()) {
      pad_token = *t;
    }
    out["padding"] = {
        {"strategy", strategy},
        {"direction", p.direction == Side::kLeft ? "Left" : "Right"},
        {"pad_to_multiple_of",
         p.pad_to_multiple_of > 0 ? nlohmann::json(p.pad_to_multiple_of)
                                  : nlohmann::json(nullptr)},
        {"pad_id", p.pad_id},
        {"pad_type_id", p.pad_type_id},
        {"pad_token", pad_token}};
  } else {
    out["padding"] = nullptr;
  }
  nlohmann::json added = nlohmann::json::array();
  for (const AddedToken& t : parts.added_tokens) {
    added.push_back({{"id", t.id},
                     {"content", t.content},
                     {"single_word", t.single_word},
                     {"lstrip", t.lstrip},
                     {"rstrip", t.rstrip},
                     {"normalized", t.normalized},
                     {"special", t.special}});
  }
  out["added_tokens"] = std::move(added);
  auto stage = [](const auto& p) {
    return p != nullptr ? p->ToJson() : nlohmann::json(nullptr);
  };
  out["normalizer"] = stage(parts.normalizer);
  out["pre_tokenizer"] = stage(parts.pre_tokenizer);
  out["model"] = stage(parts.model);
  out["post_processor"] = stage(parts.post_processor);
  out["decoder"] = stage(parts.decoder);
  return out;
}

absl::Status SaveTokenizerJson(const Tokenizer& tokenizer,
                               absl::string_view path) {
  return SaveJsonDocument(TokenizerToJson(tokenizer), path);
}

absl::Status SaveJsonDocument(const nlohmann::json& document,
                              absl::string_view path) {
  std::string text;
  try {
    text = document.dump(2, ' ', /*ensure_ascii=*/false,
                         nlohmann::json::error_handler_t::strict);
  } catch (const nlohmann::json::exception& e) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot write ", path, ": ", e.what()));
  }
  text.push_back('\n');
  return WriteFileAtomically(path, text);
}

}  // namespace tokenforge
