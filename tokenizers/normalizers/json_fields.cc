#include "tokenizers/normalizers/json_fields.h"

#include "absl/strings/str_cat.h"
#include "common/utf8.h"

namespace tokenforge {
namespace json_fields {
namespace {

// Returns the field, or nullptr when absent or null.
const nlohmann::json* Find(const nlohmann::json& json, absl::string_view key) {
  const auto it = json.find(std::string(key));
  if (it == json.end() || it->is_null()) return nullptr;
  return &*it;
}

absl::Status Missing(absl::string_view stage, absl::string_view key) {
  return absl::InvalidArgumentError(
      absl::StrCat(stage, ": missing field '", key, "'"));
}

}  // namespace

absl::Status BadField(absl::string_view stage, absl::string_view key,
                      absl::string_view expected, const nlohmann::json& got) {
  return absl::InvalidArgumentError(absl::StrCat(
      stage, ": field '", key, "' must be ", expected, ", got ", got.dump()));
}

absl::Status UnknownType(absl::string_view what, absl::string_view type) {
  return absl::UnimplementedError(
      absl::StrCat(what, " type '", type, "' is not supported"));
}

absl::StatusOr<std::string> GetType(const nlohmann::json& json,
                                    absl::string_view what) {
  if (!json.is_object()) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, " must be a JSON object, got ", json.dump()));
  }
  const nlohmann::json* type = Find(json, "type");
  if (type == nullptr || !type->is_string()) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, ": missing string field 'type' in ", json.dump()));
  }
  return type->get<std::string>();
}

absl::StatusOr<bool> GetBool(const nlohmann::json& json,
                             absl::string_view stage, absl::string_view key,
                             bool fallback) {
  const nlohmann::json* v = Find(json, key);
  if (v == nullptr) return fallback;
  if (!v->is_boolean()) return BadField(stage, key, "a boolean", *v);
  return v->get<bool>();
}

absl::StatusOr<std::optional<bool>> GetOptionalBool(
    const nlohmann::json& json, absl::string_view stage,
    absl::string_view key) {
  const nlohmann::json* v = Find(json, key);
  if (v == nullptr) return std::optional<bool>();
  if (!v->is_boolean()) return BadField(stage, key, "a boolean or null", *v);
  return std::optional<bool>(v->get<bool>());
}

absl::StatusOr<std::string> GetString(const nlohmann::json& json,
                                      absl::string_view stage,
                                      absl::string_view key,
                                      std::optional<std::string> fallback) {
  const nlohmann::json* v = Find(json, key);
  if (v == nullptr) {
    if (fallback.has_value()) return *fallback;
    return Missing(stage, key);
  }
  if (!v->is_string()) return BadField(stage, key, "a string", *v);
  return v->get<std::string>();
}

absl::StatusOr<int64_t> GetUint(const nlohmann::json& json,
                                absl::string_view stage, absl::string_view key,
                                std::optional<int64_t> fallback) {
  const nlohmann::json* v = Find(json, key);
  if (v == nullptr) {
    if (fallback.has_value()) return *fallback;
    return Missing(stage, key);
  }
  if (!v->is_number_integer() || v->get<int64_t>() < 0) {
    return BadField(stage, key, "a non-negative integer", *v);
  }
  return v->get<int64_t>();
}

absl::StatusOr<std::string> GetChar(const nlohmann::json& json,
                                    absl::string_view stage,
                                    absl::string_view key,
                                    std::optional<std::string> fallback) {
  const nlohmann::json* v = Find(json, key);
  if (v == nullptr && fallback.has_value()) return *fallback;
  if (v == nullptr) return Missing(stage, key);
  if (!v->is_string()) return BadField(stage, key, "a one-character string", *v);
  const std::string s = v->get<std::string>();
  if (s.empty() || DecodeUtf8(s, 0).length != s.size()) {
    return BadField(stage, key, "a one-character string", *v);
  }
  return s;
}

}  // namespace json_fields
}  // namespace tokenforge
