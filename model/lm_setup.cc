// model/lm_setup.cc

#include "model/lm_setup.h"

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"

namespace tokenforge {
namespace {

constexpr const char* kKnownKeys[] = {"vocab_size",
                                      "context_length",
                                      "n_layer",
                                      "n_head",
                                      "d_model",
                                      "ffn_hidden",
                                      "norm",
                                      "ffn",
                                      "position",
                                      "tie_embeddings",
                                      "norm_eps",
                                      "rope_base",
                                      "relative_buckets",
                                      "relative_max_distance",
                                      "dropout",
                                      "init_std",
                                      "batch_size",
                                      "max_steps",
                                      "learning_rate",
                                      "min_lr",
                                      "warmup_steps",
                                      "lr_decay_steps",
                                      "beta1",
                                      "beta2",
                                      "weight_decay",
                                      "grad_clip",
                                      "seed",
                                      "log_interval",
                                      "eval_interval",
                                      "eval_tokens",
                                      "checkpoint_interval",
                                      "val_fraction",
                                      "grad_shards",
                                      "num_threads"};

absl::Status Positive(absl::string_view name, double value) {
  if (value > 0) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(name, " must be > 0, got ", value));
}

absl::Status NonNegative(absl::string_view name, double value) {
  if (value >= 0) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(name, " must be >= 0, got ", value));
}

}  // namespace

absl::Status TrainOptions::Validate() const {
  TF_RETURN_IF_ERROR(Positive("batch_size", batch_size));
  TF_RETURN_IF_ERROR(Positive("max_steps", max_steps));
  TF_RETURN_IF_ERROR(Positive("learning_rate", learning_rate));
  TF_RETURN_IF_ERROR(NonNegative("min_lr", min_lr));
  TF_RETURN_IF_ERROR(NonNegative("warmup_steps", warmup_steps));
  TF_RETURN_IF_ERROR(NonNegative("lr_decay_steps", lr_decay_steps));
  if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "beta1 and beta2 must be in [0, 1), got ", beta1, ", ", beta2));
  }
  TF_RETURN_IF_ERROR(NonNegative("weight_decay", weight_decay));
  TF_RETURN_IF_ERROR(NonNegative("grad_clip", grad_clip));
  TF_RETURN_IF_ERROR(Positive("log_interval", log_interval));
  TF_RETURN_IF_ERROR(NonNegative("eval_interval", eval_interval));
  TF_RETURN_IF_ERROR(Positive("eval_tokens", static_cast<double>(eval_tokens)));
  TF_RETURN_IF_ERROR(NonNegative("checkpoint_interval", checkpoint_interval));
  if (!(val_fraction > 0 && val_fraction < 1)) {
    return absl::InvalidArgumentError(
        absl::StrCat("val_fraction must be in (0, 1), got ", val_fraction));
  }
  TF_RETURN_IF_ERROR(Positive("grad_shards", grad_shards));
  return NonNegative("num_threads", num_threads);
}

std::string TrainOptions::ToText() const {
  return absl::StrCat(
      "batch_size = ", batch_size, "\nmax_steps = ", max_steps,
      "\nlearning_rate = ", learning_rate, "\nmin_lr = ", min_lr,
      "\nwarmup_steps = ", warmup_steps, "\nlr_decay_steps = ", lr_decay_steps,
      "\nbeta1 = ", beta1, "\nbeta2 = ", beta2,
      "\nweight_decay = ", weight_decay, "\ngrad_clip = ", grad_clip,
      "\nseed = ", seed, "\nlog_interval = ", log_interval,
      "\neval_interval = ", eval_interval, "\neval_tokens = ", eval_tokens,
      "\ncheckpoint_interval = ", checkpoint_interval,
      "\nval_fraction = ", val_fraction, "\ngrad_shards = ", grad_shards,
      "\nnum_threads = ", num_threads, "\n");
}

absl::Status TrainOptions::Update(const KeyValues& kv) {
  TF_RETURN_IF_ERROR(GetInt(kv, "batch_size", &batch_size));
  TF_RETURN_IF_ERROR(GetInt(kv, "max_steps", &max_steps));
  TF_RETURN_IF_ERROR(GetDouble(kv, "learning_rate", &learning_rate));
  TF_RETURN_IF_ERROR(GetDouble(kv, "min_lr", &min_lr));
  TF_RETURN_IF_ERROR(GetInt(kv, "warmup_steps", &warmup_steps));
  TF_RETURN_IF_ERROR(GetInt(kv, "lr_decay_steps", &lr_decay_steps));
  TF_RETURN_IF_ERROR(GetDouble(kv, "beta1", &beta1));
  TF_RETURN_IF_ERROR(GetDouble(kv, "beta2", &beta2));
  TF_RETURN_IF_ERROR(GetDouble(kv, "weight_decay", &weight_decay));
  TF_RETURN_IF_ERROR(GetDouble(kv, "grad_clip", &grad_clip));
  int64_t seed64 = static_cast<int64_t>(seed);
  TF_RETURN_IF_ERROR(GetInt64(kv, "seed", &seed64));
  seed = static_cast<uint64_t>(seed64);
  TF_RETURN_IF_ERROR(GetInt(kv, "log_interval", &log_interval));
  TF_RETURN_IF_ERROR(GetInt(kv, "eval_interval", &eval_interval));
  TF_RETURN_IF_ERROR(GetInt64(kv, "eval_tokens", &eval_tokens));
  TF_RETURN_IF_ERROR(GetInt(kv, "checkpoint_interval", &checkpoint_interval));
  TF_RETURN_IF_ERROR(GetDouble(kv, "val_fraction", &val_fraction));
  TF_RETURN_IF_ERROR(GetInt(kv, "grad_shards", &grad_shards));
  return GetInt(kv, "num_threads", &num_threads);
}

absl::Status LmSetup::Validate() const {
  TF_RETURN_IF_ERROR(model.Validate());
  return train.Validate();
}

std::string LmSetup::ToText() const {
  return absl::StrCat(model.ToText(), train.ToText());
}

absl::StatusOr<LmSetup> LmSetup::FromText(absl::string_view text,
                                          const LmSetup& defaults) {
  TF_ASSIGN_OR_RETURN(KeyValues kv, ParseKeyValues(text));
  for (const auto& [key, value] : kv) {
    bool known = false;
    for (const char* k : kKnownKeys) known = known || key == k;
    if (!known) {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown key '", key, "'"));
    }
  }
  LmSetup setup = defaults;
  TF_RETURN_IF_ERROR(setup.model.Update(kv));
  TF_RETURN_IF_ERROR(setup.train.Update(kv));
  TF_RETURN_IF_ERROR(setup.Validate());
  return setup;
}

absl::StatusOr<LmSetup> LmPreset(absl::string_view name) {
  LmSetup setup;
  setup.model = TransformerConfig{.vocab_size = 256, .context_length = 64};
  if (name == "g0") {
    setup.model.n_layer = 2;
    setup.model.n_head = 4;
    setup.model.d_model = 64;
    setup.train.batch_size = 16;
    setup.train.max_steps = 600;
    setup.train.learning_rate = 3e-3;
    setup.train.min_lr = 3e-4;
    setup.train.warmup_steps = 30;
    setup.train.lr_decay_steps = 600;
    return setup;
  }
  if (name == "g1") {
    setup.model.n_layer = 4;
    setup.model.n_head = 4;
    setup.model.d_model = 128;
    // The TrainOptions defaults are the recipe itself.
    return setup;
  }
  return absl::NotFoundError(
      absl::StrCat("unknown preset '", name, "' (known: g0, g1)"));
}

}  // namespace tokenforge
