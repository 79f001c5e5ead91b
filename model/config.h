// model/config.h
//
// TransformerConfig: the shape of the decoder-only LM (model/transformer.h).
// Field names are the public names: config files, checkpoints and CLI
// flags use them verbatim ("n_layer = 4").
//
//   TransformerConfig config{.n_layer = 4, .n_head = 4, .d_model = 128};
//   TF_RETURN_IF_ERROR(config.Validate());

#ifndef TOKENFORGE_MODEL_CONFIG_H_
#define TOKENFORGE_MODEL_CONFIG_H_

#include <cstdint>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tokenforge {

// Parsed "key = value" lines; '#' starts a comment.
using KeyValues = absl::flat_hash_map<std::string, std::string>;

struct TransformerConfig {
  // Number of token ids; 256 for the byte-level model.
  int vocab_size = 256;
  // Longest sequence the model accepts (positions table size), >= 1.
  int context_length = 64;
  int n_layer = 2;
  int n_head = 4;
  // Width C; must be a multiple of n_head (and even per head with RoPE).
  int d_model = 64;
  // FFN hidden width; 0 means 4 d for "gelu" and the LLaMA size
  // 2/3 * 4 d rounded up to a multiple of 8 for "swiglu".
  int ffn_hidden = 0;
  // "layernorm" (no bias, as nanoGPT with bias=False) or "rmsnorm".
  std::string norm = "layernorm";
  // "gelu" (W2 gelu(W1 x)) or "swiglu" (W2 (silu(W1 x) * W3 x), Shazeer 2020).
  std::string ffn = "gelu";
  // "learned" (GPT-2 table), "rope" (interleaved pairs, model.md 3.4),
  // "t5" (relative position bias shared by all layers, model.md 3.5) or
  // "none".
  std::string position = "learned";
  // Output head shares the token embedding matrix (nanoGPT, GPT-2).
  bool tie_embeddings = true;
  double norm_eps = 1e-5;
  double rope_base = 10000.0;
  // T5 relative bias buckets and the distance where they saturate.
  int relative_buckets = 32;
  int relative_max_distance = 128;
  // Dropout on embeddings and residual branches during training.
  double dropout = 0.0;
  // Std of the N(0, s^2) weight init; residual projections get
  // s / sqrt(2 n_layer) (GPT-2, nanoGPT).
  double init_std = 0.02;

  // Returns kInvalidArgument naming the first bad field.
  absl::Status Validate() const;
  // Returns the FFN hidden width after applying the ffn_hidden == 0 rule.
  int FfnHidden() const;
  // Returns "key = value" lines for every field.
  std::string ToText() const;
  // Overrides fields named in `kv`; unknown keys are ignored so that one
  // file can also hold training options.
  absl::Status Update(const KeyValues& kv);
};

// Parses "key = value" lines. kInvalidArgument on a line without '='.
absl::StatusOr<KeyValues> ParseKeyValues(absl::string_view text);

// Typed lookups that leave *out unchanged when the key is absent.
absl::Status GetInt(const KeyValues& kv, absl::string_view key, int* out);
absl::Status GetInt64(const KeyValues& kv, absl::string_view key, int64_t* out);
absl::Status GetDouble(const KeyValues& kv, absl::string_view key, double* out);
absl::Status GetBool(const KeyValues& kv, absl::string_view key, bool* out);
void GetString(const KeyValues& kv, absl::string_view key, std::string* out);

}  // namespace tokenforge

#endif  // TOKENFORGE_MODEL_CONFIG_H_
