// model/tensor.cc

#include "model/tensor.h"

#include <algorithm>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status_macros.h"

namespace tokenforge {

int64_t Shape::size() const {
  int64_t n = 1;
  for (int64_t d : dims_) n *= d;
  return n;
}

std::string Shape::ToString() const {
  return absl::StrCat("(", absl::StrJoin(dims_, ", "), ")");
}

namespace {

// Returns uninitialized storage for n values, 64-byte aligned; free() it.
template <typename T>
T* AlignedArray(int64_t n) {
  const size_t bytes = (sizeof(T) * n + 63) / 64 * 64;
  T* p = static_cast<T*>(std::aligned_alloc(64, bytes));
  TF_CHECK(p != nullptr);
  return p;
}

}  // namespace

template <typename T>
T* Tape<T>::Allocate(int64_t n) {
  // Keep every allocation 64-byte aligned so kernels may vectorize freely.
  constexpr int64_t kAlign = 64 / sizeof(T);
  n = (std::max<int64_t>(n, 1) + kAlign - 1) / kAlign * kAlign;
  for (Block& block : blocks_) {
    if (block.capacity - block.used >= n) {
      T* p = block.data.get() + block.used;
      block.used += n;
      total_used_ += n;
      return p;
    }
  }
  // Grow geometrically; Reset() merges blocks so steady state is one block.
  const int64_t capacity = std::max<int64_t>(n, 2 * total_used_ + (1 << 16));
  Block block;
  block.data.reset(AlignedArray<T>(capacity));
  block.capacity = capacity;
  block.used = n;
  total_used_ += n;
  blocks_.push_back(std::move(block));
  return blocks_.back().data.get();
}

template <typename T>
void Tape<T>::Reset() {
  nodes_.clear();
  if (blocks_.size() > 1) {
    int64_t capacity = 0;
    for (const Block& block : blocks_) capacity += block.capacity;
    blocks_.clear();
    Block block;
    block.data.reset(AlignedArray<T>(capacity));
    block.capacity = capacity;
    blocks_.push_back(std::move(block));
  }
  for (Block& block : blocks_) block.used = 0;
  total_used_ = 0;
}

template <typename T>
Tensor<T>* Tape<T>::Leaf(Shape shape, T* data, T* grad) {
  Tensor<T>& t = nodes_.emplace_back();
  t.shape_ = std::move(shape);
  t.data_ = data;
  t.grad_ = grad_enabled_ ? grad : nullptr;
  return &t;
}

template <typename T>
Tensor<T>* Tape<T>::Constant(Shape shape, const std::vector<T>& values,
                             bool requires_grad) {
  TF_CHECK(static_cast<int64_t>(values.size()) == shape.size());
  Tensor<T>* t = NewTensor(std::move(shape), requires_grad);
  std::copy(values.begin(), values.end(), t->data());
  return t;
}

template <typename T>
Tensor<T>* Tape<T>::NewTensor(Shape shape, bool requires_grad) {
  const int64_t n = shape.size();
  Tensor<T>& t = nodes_.emplace_back();
  t.shape_ = std::move(shape);
  t.data_ = Allocate(n);
  if (requires_grad && grad_enabled_) {
    t.grad_ = Allocate(n);
    std::memset(t.grad_, 0, sizeof(T) * n);
  }
  return &t;
}

template <typename T>
Tensor<T>* Tape<T>::View(Tensor<T>* x, Shape shape) {
  TF_CHECK(shape.size() == x->size());
  Tensor<T>& t = nodes_.emplace_back();
  t.shape_ = std::move(shape);
  t.data_ = x->data_;
  t.grad_ = x->grad_;  // Shared: no backward function needed.
  return &t;
}

template <typename T>
void Tape<T>::SetBackward(Tensor<T>* out, std::function<void()> fn) {
  if (out->grad_ != nullptr) out->backward_ = std::move(fn);
}

template <typename T>
void Tape<T>::Backward(Tensor<T>* loss, T seed) {
  TF_CHECK(loss->size() == 1 && loss->grad_ != nullptr);
  loss->grad_[0] += seed;
  for (auto it = nodes_.rbegin(); it != nodes_.rend(); ++it) {
    if (it->backward_) it->backward_();
  }
}

template class Tape<float>;
template class Tape<double>;

}  // namespace tokenforge
