// model/transformer.h
//
// A decoder-only transformer LM over token ids, pre-norm (LLaMA, GPT-2):
//
//   x = wte[tokens] (+ wpe[0:T] for learned positions)
//   per layer:  x += W_o attn(norm1(x))      causal, multi-head
//               x += ffn(norm2(x))           GELU or SwiGLU
//   logits = normf(x) W_head^T               W_head = wte when tied
//
// Options (norm, FFN, positions, tying) are in model/config.h. No biases
// anywhere (nanoGPT bias=False). Parameters live in one ParameterArena;
// each Forward() records a fresh graph on the caller's tape, so one model
// may be evaluated by several tapes in turn.
//
//   TF_ASSIGN_OR_RETURN(auto model, Transformer<float>::Create(config, 1));
//   Tape<float> tape(num_threads);
//   Tensor<float>* loss = model->Loss(tape, inputs, targets, B, T, 0);
//   tape.Backward(loss);

#ifndef TOKENFORGE_MODEL_TRANSFORMER_H_
#define TOKENFORGE_MODEL_TRANSFORMER_H_

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "model/config.h"
#include "model/ops.h"
#include "model/parameters.h"
#include "model/tensor.h"

namespace tokenforge {

template <typename T>
class Transformer {
 public:
  // Returns a model with weights drawn from N(0, init_std^2) by a generator
  // seeded with `seed` (gains 1, relative biases 0).
  static absl::StatusOr<std::unique_ptr<Transformer>> Create(
      const TransformerConfig& config, uint64_t seed);

  // Records the forward pass of tokens (B, T) and returns logits (B, T, V).
  // dropout_seed seeds the dropout masks when config.dropout > 0 and
  // training is true. Parameter gradients accumulate into `grads`, an
  // array laid out like params().grads() (null: params().grads() itself),
  // so that several tapes can run in parallel, each with its own buffer.
  // REQUIRES: 1 <= T <= context_length, ids < vocab_size.
  Tensor<T>* Forward(Tape<T>& tape, absl::Span<const TokenId> tokens, int64_t B,
                     int64_t T_len, bool training, uint64_t dropout_seed,
                     T* grads = nullptr);
  // Returns the mean next-token cross-entropy in nats over all B*T
  // positions; per-position losses go to row_losses when not null.
  Tensor<T>* Loss(Tape<T>& tape, absl::Span<const TokenId> inputs,
                  absl::Span<const TokenId> targets, int64_t B, int64_t T_len,
                  bool training, uint64_t dropout_seed,
                  std::vector<double>* row_losses = nullptr,
                  T* grads = nullptr);

  // Returns the model FLOPs per trained token at sequence length T (PaLM
  // accounting): 6 N_matmul + 12 L T C, where N_matmul counts the
  // parameters that enter matrix products (head included, embedding
  // lookups excluded).
  double TrainingFlopsPerToken(int64_t T_len) const;

  const TransformerConfig& config() const { return config_; }
  ParameterArena<T>& params() { return params_; }
  const ParameterArena<T>& params() const { return params_; }

 private:
  struct LayerParams {
    int norm1_g = -1, norm2_g = -1;
    int w_qkv = -1, w_proj = -1;
    int w_ffn_in = -1, w_ffn_out = -1;  // ffn_in: (H, C), or (2H, C) SwiGLU.
  };
  explicit Transformer(const TransformerConfig& config) : config_(config) {}
  void Declare();
  void Initialize(uint64_t seed);
  // State of one Forward(); passed explicitly (not stored in the model) so
  // that several threads may run Forward() on one model at once.
  struct Pass {
    Tape<T>& tape;
    T* grads;
    double dropout;
  };
  Tensor<T>* P(Pass& pass, int index);
  Tensor<T>* Norm(Pass& pass, Tensor<T>* x, int gain);
  Tensor<T>* Block(Pass& pass, Tensor<T>* x, const LayerParams& layer,
                   Tensor<T>* rel_bias, uint64_t seed);

  TransformerConfig config_;
  ParameterArena<T> params_;
  int wte_ = -1, wpe_ = -1, rel_bias_ = -1, normf_g_ = -1, head_ = -1;
  std::vector<LayerParams> layers_;
};

extern template class Transformer<float>;
extern template class Transformer<double>;

}  // namespace tokenforge

#endif  // TOKENFORGE_MODEL_TRANSFORMER_H_
