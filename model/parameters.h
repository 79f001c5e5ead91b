// model/parameters.h
//
// ParameterArena<T>: every trainable tensor of a model in one contiguous
// buffer, with a same-shaped gradient buffer beside it (llm.c's
// ParameterTensors). The optimizer, gradient clipping, zeroing and
// checkpoints each make one pass over a flat array; named views give the
// model its tensors.
//
//   ParameterArena<float> arena;
//   const int wte = arena.Add("wte", {V, C}, /*decay=*/true);
//   arena.Allocate();
//   float* w = arena.data(wte);

#ifndef TOKENFORGE_MODEL_PARAMETERS_H_
#define TOKENFORGE_MODEL_PARAMETERS_H_

#include <string>
#include <vector>

#include "common/status_macros.h"
#include "model/tensor.h"

namespace tokenforge {

struct ParameterInfo {
  std::string name;
  Shape shape;
  int64_t offset = 0;
  // AdamW applies weight decay to this tensor (matrices, not gains).
  bool decay = false;
};

template <typename T>
class ParameterArena {
 public:
  // Declares a tensor and returns its index. REQUIRES: before Allocate().
  int Add(std::string name, Shape shape, bool decay) {
    TF_CHECK(values_.empty());
    ParameterInfo info{std::move(name), std::move(shape), size_, decay};
    size_ += info.shape.size();
    infos_.push_back(std::move(info));
    return static_cast<int>(infos_.size()) - 1;
  }
  // Allocates zeroed values and gradients for everything declared.
  void Allocate() {
    values_.assign(size_, T(0));
    grads_.assign(size_, T(0));
  }
  void ZeroGrad() { std::fill(grads_.begin(), grads_.end(), T(0)); }

  T* data(int i) { return values_.data() + infos_[i].offset; }
  T* grad(int i) { return grads_.data() + infos_[i].offset; }
  const ParameterInfo& info(int i) const { return infos_[i]; }
  int num_tensors() const { return static_cast<int>(infos_.size()); }
  int64_t size() const { return size_; }
  std::vector<T>& values() { return values_; }
  const std::vector<T>& values() const { return values_; }
  std::vector<T>& grads() { return grads_; }
  const std::vector<T>& grads() const { return grads_; }

 private:
  std::vector<ParameterInfo> infos_;
  int64_t size_ = 0;
  std::vector<T> values_;
  std::vector<T> grads_;
};

}  // namespace tokenforge

#endif  // TOKENFORGE_MODEL_PARAMETERS_H_
