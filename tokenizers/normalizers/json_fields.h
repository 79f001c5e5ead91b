// tokenizers/normalizers/json_fields.h
//
// Small readers for the fields of HF tokenizer.json stage objects, shared by
// the normalizer, decoder and post-processor factories. Each returns
// kInvalidArgument naming the stage and the field when the value has the
// wrong type, so a bad file says exactly what is wrong:
//
//   TF_ASSIGN_OR_RETURN(bool left, GetBool(json, "Strip", "strip_left", true));
//   // {"type": "Strip", "strip_left": 3} -> "Strip: field 'strip_left' must
//   //                                        be a boolean, got 3"

#ifndef TOKENFORGE_TOKENIZERS_NORMALIZERS_JSON_FIELDS_H_
#define TOKENFORGE_TOKENIZERS_NORMALIZERS_JSON_FIELDS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "nlohmann/json.hpp"

namespace tokenforge {
namespace json_fields {

// Returns json["type"] as a string; kInvalidArgument (naming `what`, e.g.
// "normalizer") when `json` is not an object or has no string "type".
absl::StatusOr<std::string> GetType(const nlohmann::json& json,
                                    absl::string_view what);

// Returns the boolean field `key`, or `fallback` when it is absent or null.
absl::StatusOr<bool> GetBool(const nlohmann::json& json,
                             absl::string_view stage, absl::string_view key,
                             bool fallback);

// Returns the optional boolean field `key` (absent or null -> nullopt).
absl::StatusOr<std::optional<bool>> GetOptionalBool(
    const nlohmann::json& json, absl::string_view stage,
    absl::string_view key);

// Returns the string field `key`, or `fallback` when it is absent and
// `fallback` is set; kInvalidArgument when it is required and missing.
absl::StatusOr<std::string> GetString(
    const nlohmann::json& json, absl::string_view stage, absl::string_view key,
    std::optional<std::string> fallback = std::nullopt);

// Returns the non-negative integer field `key`, or `fallback` when absent.
absl::StatusOr<int64_t> GetUint(const nlohmann::json& json,
                                absl::string_view stage, absl::string_view key,
                                std::optional<int64_t> fallback = std::nullopt);

// Returns the string field `key`, which must hold exactly one character
// (HF's `char` fields: Metaspace replacement, Strip content).
absl::StatusOr<std::string> GetChar(
    const nlohmann::json& json, absl::string_view stage, absl::string_view key,
    std::optional<std::string> fallback = std::nullopt);

// Returns the error for a field with the wrong type or value.
absl::Status BadField(absl::string_view stage, absl::string_view key,
                      absl::string_view expected, const nlohmann::json& got);

// Returns the error for an unknown "type".
absl::Status UnknownType(absl::string_view what, absl::string_view type);

}  // namespace json_fields
}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_NORMALIZERS_JSON_FIELDS_H_
