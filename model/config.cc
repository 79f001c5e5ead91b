// model/config.cc

#include "model/config.h"

#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/status_macros.h"

namespace tokenforge {
namespace {

absl::Status Bad(absl::string_view field, absl::string_view rule,
                 absl::string_view got) {
  return absl::InvalidArgumentError(
      absl::StrCat(field, " must be ", rule, ", got ", got));
}

}  // namespace

absl::Status TransformerConfig::Validate() const {
  if (vocab_size < 1)
    return Bad("vocab_size", ">= 1", absl::StrCat(vocab_size));
  if (context_length < 1) {
    return Bad("context_length", ">= 1", absl::StrCat(context_length));
  }
  if (n_layer < 1) return Bad("n_layer", ">= 1", absl::StrCat(n_layer));
  if (n_head < 1) return Bad("n_head", ">= 1", absl::StrCat(n_head));
  if (d_model < 1 || d_model % n_head != 0) {
    return Bad("d_model", "a positive multiple of n_head",
               absl::StrCat(d_model));
  }
  if (ffn_hidden < 0)
    return Bad("ffn_hidden", ">= 0", absl::StrCat(ffn_hidden));
  if (norm != "layernorm" && norm != "rmsnorm") {
    return Bad("norm", "layernorm or rmsnorm", norm);
  }
  if (ffn != "gelu" && ffn != "swiglu")
    return Bad("ffn", "gelu or swiglu", ffn);
  if (position != "learned" && position != "rope" && position != "t5" &&
      position != "none") {
    return Bad("position", "learned, rope, t5 or none", position);
  }
  if (position == "rope" && (d_model / n_head) % 2 != 0) {
    return Bad("d_model / n_head", "even with rope",
               absl::StrCat(d_model / n_head));
  }
  if (position == "t5" &&
      (relative_buckets < 2 || relative_max_distance <= relative_buckets / 2)) {
    return Bad("relative_buckets/relative_max_distance",
               ">= 2 and max_distance > buckets / 2",
               absl::StrCat(relative_buckets, "/", relative_max_distance));
  }
  if (!(norm_eps > 0)) return Bad("norm_eps", "> 0", absl::StrCat(norm_eps));
  if (!(dropout >= 0 && dropout < 1)) {
    return Bad("dropout", "in [0, 1)", absl::StrCat(dropout));
  }
  if (!(init_std > 0)) return Bad("init_std", "> 0", absl::StrCat(init_std));
  return absl::OkStatus();
}

int TransformerConfig::FfnHidden() const {
  if (ffn_hidden > 0) return ffn_hidden;
  if (ffn == "gelu") return 4 * d_model;
  const int h = (2 * 4 * d_model) / 3;  // LLaMA: 2/3 of 4d, same parameters.
  return (h + 7) / 8 * 8;
}

std::string TransformerConfig::ToText() const {
  return absl::StrCat(
      "vocab_size = ", vocab_size, "\ncontext_length = ", context_length,
      "\nn_layer = ", n_layer, "\nn_head = ", n_head, "\nd_model = ", d_model,
      "\nffn_hidden = ", ffn_hidden, "\nnorm = ", norm, "\nffn = ", ffn,
      "\nposition = ", position,
      "\ntie_embeddings = ", tie_embeddings ? "true" : "false",
      "\nnorm_eps = ", norm_eps, "\nrope_base = ", rope_base,
      "\nrelative_buckets = ", relative_buckets,
      "\nrelative_max_distance = ", relative_max_distance,
      "\ndropout = ", dropout, "\ninit_std = ", init_std, "\n");
}

absl::Status TransformerConfig::Update(const KeyValues& kv) {
  TF_RETURN_IF_ERROR(GetInt(kv, "vocab_size", &vocab_size));
  TF_RETURN_IF_ERROR(GetInt(kv, "context_length", &context_length));
  TF_RETURN_IF_ERROR(GetInt(kv, "n_layer", &n_layer));
  TF_RETURN_IF_ERROR(GetInt(kv, "n_head", &n_head));
  TF_RETURN_IF_ERROR(GetInt(kv, "d_model", &d_model));
  TF_RETURN_IF_ERROR(GetInt(kv, "ffn_hidden", &ffn_hidden));
  GetString(kv, "norm", &norm);
  GetString(kv, "ffn", &ffn);
  GetString(kv, "position", &position);
  TF_RETURN_IF_ERROR(GetBool(kv, "tie_embeddings", &tie_embeddings));
  TF_RETURN_IF_ERROR(GetDouble(kv, "norm_eps", &norm_eps));
  TF_RETURN_IF_ERROR(GetDouble(kv, "rope_base", &rope_base));
  TF_RETURN_IF_ERROR(GetInt(kv, "relative_buckets", &relative_buckets));
  TF_RETURN_IF_ERROR(
      GetInt(kv, "relative_max_distance", &relative_max_distance));
  TF_RETURN_IF_ERROR(GetDouble(kv, "dropout", &dropout));
  TF_RETURN_IF_ERROR(GetDouble(kv, "init_std", &init_std));
  return absl::OkStatus();
}

absl::StatusOr<KeyValues> ParseKeyValues(absl::string_view text) {
  KeyValues kv;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    line = line.substr(0, line.find('#'));
    line = absl::StripAsciiWhitespace(line);
    if (line.empty()) continue;
    const size_t eq = line.find('=');
    if (eq == absl::string_view::npos) {
      return absl::InvalidArgumentError(absl::StrCat(
          "line ", line_number, ": expected 'key = value', got '", line, "'"));
    }
    kv[std::string(absl::StripAsciiWhitespace(line.substr(0, eq)))] =
        std::string(absl::StripAsciiWhitespace(line.substr(eq + 1)));
  }
  return kv;
}

namespace {

template <typename T, typename Parse>
absl::Status GetValue(const KeyValues& kv, absl::string_view key, T* out,
                      Parse parse) {
  auto it = kv.find(key);
  if (it == kv.end()) return absl::OkStatus();
  if (!parse(it->second, out)) {
    return absl::InvalidArgumentError(
        absl::StrCat("bad value for ", key, ": '", it->second, "'"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status GetInt(const KeyValues& kv, absl::string_view key, int* out) {
  return GetValue(kv, key, out, [](absl::string_view s, int* v) {
    return absl::SimpleAtoi(s, v);
  });
}

absl::Status GetInt64(const KeyValues& kv, absl::string_view key,
                      int64_t* out) {
  return GetValue(kv, key, out, [](absl::string_view s, int64_t* v) {
    return absl::SimpleAtoi(s, v);
  });
}

absl::Status GetDouble(const KeyValues& kv, absl::string_view key,
                       double* out) {
  return GetValue(kv, key, out, [](absl::string_view s, double* v) {
    return absl::SimpleAtod(s, v);
  });
}

absl::Status GetBool(const KeyValues& kv, absl::string_view key, bool* out) {
  return GetValue(kv, key, out, [](absl::string_view s, bool* v) {
    return absl::SimpleAtob(s, v);
  });
}

void GetString(const KeyValues& kv, absl::string_view key, std::string* out) {
  auto it = kv.find(key);
  if (it != kv.end()) *out = it->second;
}

}  // namespace tokenforge
