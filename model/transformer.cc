// model/transformer.cc

#include "model/transformer.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "common/random.h"

namespace tokenforge {

template <typename T>
absl::StatusOr<std::unique_ptr<Transformer<T>>> Transformer<T>::Create(
    const TransformerConfig& config, uint64_t seed) {
  TF_RETURN_IF_ERROR(config.Validate());
  std::unique_ptr<Transformer<T>> model(new Transformer<T>(config));
  model->Declare();
  model->params_.Allocate();
  model->Initialize(seed);
  return model;
}

template <typename T>
void Transformer<T>::Declare() {
  const int64_t V = config_.vocab_size, C = config_.d_model;
  const int64_t H = config_.FfnHidden();
  const bool swiglu = config_.ffn == "swiglu";
  wte_ = params_.Add("wte", {V, C}, true);
  if (config_.position == "learned") {
    wpe_ = params_.Add("wpe", {config_.context_length, C}, true);
  }
  if (config_.position == "t5") {
    // Shared by all layers, as in T5; no decay (a bias, not a matrix map).
    rel_bias_ = params_.Add("rel_bias",
                            {config_.relative_buckets, config_.n_head}, false);
  }
  for (int l = 0; l < config_.n_layer; ++l) {
    const std::string p = absl::StrCat("h", l, ".");
    LayerParams layer;
    layer.norm1_g = params_.Add(p + "norm1.g", {C}, false);
    layer.w_qkv = params_.Add(p + "attn.w_qkv", {3 * C, C}, true);
    layer.w_proj = params_.Add(p + "attn.w_proj", {C, C}, true);
    layer.norm2_g = params_.Add(p + "norm2.g", {C}, false);
    layer.w_ffn_in = params_.Add(p + "ffn.w_in", {swiglu ? 2 * H : H, C}, true);
    layer.w_ffn_out = params_.Add(p + "ffn.w_out", {C, H}, true);
    layers_.push_back(layer);
  }
  normf_g_ = params_.Add("normf.g", {C}, false);
  if (!config_.tie_embeddings) head_ = params_.Add("head", {V, C}, true);
}

template <typename T>
void Transformer<T>::Initialize(uint64_t seed) {
  Rng rng(seed);
  const double residual_std =
      config_.init_std / std::sqrt(2.0 * config_.n_layer);
  for (int i = 0; i < params_.num_tensors(); ++i) {
    const ParameterInfo& info = params_.info(i);
    T* w = params_.data(i);
    const int64_t n = info.shape.size();
    if (info.shape.rank() == 1) {  // Norm gains.
      std::fill(w, w + n, T(1));
    } else if (i == rel_bias_) {
      std::fill(w, w + n, T(0));
    } else {
      const bool residual = info.name.find("w_proj") != std::string::npos ||
                            info.name.find("w_out") != std::string::npos;
      const double scale = residual ? residual_std : config_.init_std;
      for (int64_t j = 0; j < n; ++j)
        w[j] = static_cast<T>(scale * rng.Normal());
    }
  }
}

template <typename T>
Tensor<T>* Transformer<T>::P(Pass& pass, int index) {
  return pass.tape.Leaf(params_.info(index).shape, params_.data(index),
                        pass.grads + params_.info(index).offset);
}

template <typename T>
Tensor<T>* Transformer<T>::Norm(Pass& pass, Tensor<T>* x, int gain) {
  const T eps = static_cast<T>(config_.norm_eps);
  if (config_.norm == "rmsnorm") {
    return RmsNorm(pass.tape, x, P(pass, gain), eps);
  }
  return LayerNorm<T>(pass.tape, x, P(pass, gain), nullptr, eps);
}

template <typename T>
Tensor<T>* Transformer<T>::Block(Pass& pass, Tensor<T>* x,
                                 const LayerParams& layer, Tensor<T>* rel_bias,
                                 uint64_t seed) {
  Tape<T>& tape = pass.tape;
  const int64_t C = config_.d_model;
  // Attention branch.
  Tensor<T>* h = Norm(pass, x, layer.norm1_g);
  Tensor<T>* qkv = Linear<T>(tape, h, P(pass, layer.w_qkv), nullptr);
  Tensor<T>* q = Slice(tape, qkv, 0, C);
  Tensor<T>* k = Slice(tape, qkv, C, 2 * C);
  Tensor<T>* v = Slice(tape, qkv, 2 * C, 3 * C);
  if (config_.position == "rope") {
    q = Rope(tape, q, config_.n_head, config_.rope_base);
    k = Rope(tape, k, config_.n_head, config_.rope_base);
  }
  Tensor<T>* a = CausalSelfAttention(tape, q, k, v, config_.n_head, rel_bias,
                                     config_.relative_max_distance);
  a = Linear<T>(tape, a, P(pass, layer.w_proj), nullptr);
  x = Add(tape, x, Dropout(tape, a, pass.dropout, seed));
  // FFN branch.
  h = Norm(pass, x, layer.norm2_g);
  Tensor<T>* u = Linear<T>(tape, h, P(pass, layer.w_ffn_in), nullptr);
  if (config_.ffn == "swiglu") {
    const int64_t H = config_.FfnHidden();
    u = Mul(tape, Silu(tape, Slice(tape, u, 0, H)), Slice(tape, u, H, 2 * H));
  } else {
    u = Gelu(tape, u);
  }
  Tensor<T>* f = Linear<T>(tape, u, P(pass, layer.w_ffn_out), nullptr);
  return Add(tape, x, Dropout(tape, f, pass.dropout, seed + 1));
}

template <typename T>
Tensor<T>* Transformer<T>::Forward(Tape<T>& tape,
                                   absl::Span<const TokenId> tokens, int64_t B,
                                   int64_t T_len, bool training,
                                   uint64_t dropout_seed, T* grads) {
  TF_CHECK(T_len >= 1 && T_len <= config_.context_length);
  TF_CHECK(static_cast<int64_t>(tokens.size()) == B * T_len);
  Pass pass{tape, grads != nullptr ? grads : params_.grads().data(),
            training ? config_.dropout : 0.0};
  const int64_t C = config_.d_model;
  Tensor<T>* wte = P(pass, wte_);
  Tensor<T>* x = Embedding(tape, wte, tokens, Shape{B, T_len});
  if (wpe_ >= 0) {
    // The first T rows of the (context_length, C) table, as a (T, C) leaf.
    x = Add(tape, x,
            tape.Leaf(Shape{T_len, C}, params_.data(wpe_),
                      pass.grads + params_.info(wpe_).offset));
  }
  uint64_t seed = dropout_seed * 0x9e3779b97f4a7c15ULL + 1;
  x = Dropout(tape, x, pass.dropout, seed);
  Tensor<T>* rel_bias = rel_bias_ >= 0 ? P(pass, rel_bias_) : nullptr;
  for (const LayerParams& layer : layers_) {
    seed += 2;
    x = Block(pass, x, layer, rel_bias, seed);
  }
  x = Norm(pass, x, normf_g_);
  Tensor<T>* head = head_ >= 0 ? P(pass, head_) : wte;
  return Linear<T>(tape, x, head, nullptr);
}

template <typename T>
Tensor<T>* Transformer<T>::Loss(Tape<T>& tape, absl::Span<const TokenId> inputs,
                                absl::Span<const TokenId> targets, int64_t B,
                                int64_t T_len, bool training,
                                uint64_t dropout_seed,
                                std::vector<double>* row_losses, T* grads) {
  Tensor<T>* logits =
      Forward(tape, inputs, B, T_len, training, dropout_seed, grads);
  return SoftmaxCrossEntropy(tape, logits, targets, row_losses);
}

template <typename T>
double Transformer<T>::TrainingFlopsPerToken(int64_t T_len) const {
  const double C = config_.d_model, H = config_.FfnHidden();
  const double ffn = (config_.ffn == "swiglu" ? 3 : 2) * H * C;
  const double per_layer = 4 * C * C + ffn;
  const double n_matmul = config_.n_layer * per_layer + config_.vocab_size * C;
  return 6 * n_matmul + 12.0 * config_.n_layer * T_len * C;
}

template class Transformer<float>;
template class Transformer<double>;

}  // namespace tokenforge
