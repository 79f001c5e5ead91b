#include "tokenizers/normalizers/spm_normalizers.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "tokenizers/normalizers/precompiled_normalizer.h"

namespace tokenforge {
namespace {

absl::Status ReadFlag(const nlohmann::json& spec, const char* key, bool* out) {
  const auto it = spec.find(key);
  if (it == spec.end()) return absl::OkStatus();
  if (!it->is_boolean()) {
    return absl::InvalidArgumentError(
        absl::StrCat("Precompiled: field 'sentencepiece.", key, "' must be a boolean"));
  }
  *out = it->get<bool>();
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<Normalizer>> SpmNormalizerFromJson(
    const nlohmann::json& json) {
  const std::string type = json.is_object() ? json.value("type", "") : "";
  if (type != "Precompiled") {
    return absl::UnimplementedError(absl::StrCat("normalizer type '", type, "'"));
  }
  PrecompiledNormalizerOptions options;
  const auto map = json.find("precompiled_charsmap");
  if (map != json.end() && !map->is_null()) {
    if (!map->is_string() ||
        !absl::Base64Unescape(map->get<std::string>(), &options.precompiled_charsmap)) {
      return absl::InvalidArgumentError(
          "Precompiled: field 'precompiled_charsmap' must be base64");
    }
  }
  const auto spec = json.find("sentencepiece");
  if (spec != json.end() && spec->is_object()) {
    TF_RETURN_IF_ERROR(ReadFlag(*spec, "add_dummy_prefix", &options.add_dummy_prefix));
    TF_RETURN_IF_ERROR(
        ReadFlag(*spec, "remove_extra_whitespaces", &options.remove_extra_whitespaces));
    TF_RETURN_IF_ERROR(ReadFlag(*spec, "escape_whitespaces", &options.escape_whitespaces));
    TF_RETURN_IF_ERROR(
        ReadFlag(*spec, "treat_whitespace_as_suffix", &options.treat_whitespace_as_suffix));
    const auto symbols = spec->find("user_defined_symbols");
    if (symbols != spec->end() && symbols->is_array()) {
      for (const auto& s : *symbols) {
        if (!s.is_string()) {
          return absl::InvalidArgumentError(
              "Precompiled: 'sentencepiece.user_defined_symbols' must hold strings");
        }
        options.user_defined_symbols.push_back(s.get<std::string>());
      }
    }
  }
  TF_ASSIGN_OR_RETURN(std::unique_ptr<PrecompiledNormalizer> normalizer,
                      PrecompiledNormalizer::Create(std::move(options)));
  return std::unique_ptr<Normalizer>(std::move(normalizer));
}

}  // namespace tokenforge
