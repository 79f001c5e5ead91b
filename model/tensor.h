// model/tensor.h
//
// The autodiff tape: tensors are nodes recorded in creation order by a
// Tape<T>, and Tape::Backward() walks them in reverse, calling the backward
// function each op attached (reverse mode, as in micrograd, but over whole
// tensors, as in llm.c). T is float for training and double for gradient
// checks.
//
// Storage. Values and gradients of op outputs come from the tape's arena,
// which Reset() rewinds once per step: no per-op heap allocation after the
// first step. Parameters are leaves that alias an external arena (see
// model/parameters.h), so their gradients accumulate straight into the
// optimizer's flat buffer.
//
// Gradients accumulate (+=): a tensor used twice receives the sum of both
// contributions. Arena gradients start at zero; callers zero parameter
// gradients themselves (ParameterArena::ZeroGrad).
//
//   Tape<double> tape;
//   Tensor<double>* x = tape.Leaf({2, 3}, x_data, x_grad);
//   Tensor<double>* y = Sum(tape, Mul(tape, x, x));
//   tape.Backward(y);                      // x_grad += 2 x
//
// Shape mismatches between op inputs are bugs and abort via TF_CHECK.

#ifndef TOKENFORGE_MODEL_TENSOR_H_
#define TOKENFORGE_MODEL_TENSOR_H_

#include <cstdint>
#include <cstdlib>
#include <deque>
#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

namespace tokenforge {

// Row-major dimensions, outermost first. A scalar has rank 0.
class Shape {
 public:
  Shape() = default;
  Shape(std::initializer_list<int64_t> dims) : dims_(dims) {}
  explicit Shape(std::vector<int64_t> dims) : dims_(std::move(dims)) {}

  int rank() const { return static_cast<int>(dims_.size()); }
  int64_t dim(int i) const { return dims_[i < 0 ? i + rank() : i]; }
  const std::vector<int64_t>& dims() const { return dims_; }
  // Returns the product of all dimensions (1 for a scalar).
  int64_t size() const;
  // Returns the last dimension (1 for a scalar).
  int64_t last() const { return dims_.empty() ? 1 : dims_.back(); }
  // Returns size() / last(): the number of rows when viewed as 2-D.
  int64_t rows() const { return size() / last(); }
  std::string ToString() const;  // "(2, 3)"

  friend bool operator==(const Shape& a, const Shape& b) {
    return a.dims_ == b.dims_;
  }

 private:
  std::vector<int64_t> dims_;
};

template <typename T>
class Tape;

// One node of the tape. Owned by its Tape; valid until Tape::Reset().
template <typename T>
class Tensor {
 public:
  const Shape& shape() const { return shape_; }
  int64_t size() const { return shape_.size(); }
  T* data() { return data_; }
  const T* data() const { return data_; }
  // Null when no gradient flows to this tensor.
  T* grad() { return grad_; }
  const T* grad() const { return grad_; }
  bool requires_grad() const { return grad_ != nullptr; }
  // Returns the single value of a size-1 tensor.
  T item() const { return data_[0]; }

 private:
  friend class Tape<T>;
  Shape shape_;
  T* data_ = nullptr;
  T* grad_ = nullptr;
  std::function<void()> backward_;
};

// Records tensor operations and runs them backwards. Not thread-safe; ops
// may use threads internally (num_threads()).
template <typename T>
class Tape {
 public:
  explicit Tape(int num_threads = 1) : num_threads_(num_threads) {}
  Tape(const Tape&) = delete;
  Tape& operator=(const Tape&) = delete;

  // Returns a leaf over external storage. `grad` may be null (a constant).
  // Both must outlive the tape's current step.
  Tensor<T>* Leaf(Shape shape, T* data, T* grad);
  // Returns a leaf holding a copy of `values` (no gradient unless
  // requires_grad, in which case a zeroed gradient is allocated).
  Tensor<T>* Constant(Shape shape, const std::vector<T>& values,
                      bool requires_grad = false);
  // Returns a new op output with uninitialized data; a zeroed gradient is
  // allocated iff requires_grad and grad mode is on.
  Tensor<T>* NewTensor(Shape shape, bool requires_grad);
  // Returns a tensor sharing x's data and gradient under another shape
  // (reshape/view). REQUIRES: same size.
  Tensor<T>* View(Tensor<T>* x, Shape shape);
  // Attaches the backward function of `out`. Ignored when out has no grad.
  void SetBackward(Tensor<T>* out, std::function<void()> fn);

  // Seeds d(out)/d(loss) = seed (1 for a plain loss; a weight when several
  // tapes share one gradient) and runs every backward function in reverse
  // creation order. REQUIRES: loss has size 1 and a gradient.
  void Backward(Tensor<T>* loss, T seed = T(1));
  // Drops all nodes and rewinds the arena; keeps the memory.
  void Reset();

  // Returns `n` values from the arena, uninitialized. Valid until Reset().
  T* Allocate(int64_t n);

  // When false, ops record no gradients or backward functions (evaluation).
  bool grad_enabled() const { return grad_enabled_; }
  void set_grad_enabled(bool enabled) { grad_enabled_ = enabled; }
  int num_threads() const { return num_threads_; }
  void set_num_threads(int n) { num_threads_ = n; }
  size_t num_nodes() const { return nodes_.size(); }

 private:
  struct FreeDeleter {
    void operator()(T* p) const { std::free(p); }
  };
  struct Block {
    std::unique_ptr<T, FreeDeleter> data;
    int64_t capacity = 0;
    int64_t used = 0;
  };
  std::deque<Tensor<T>> nodes_;
  std::vector<Block> blocks_;
  int64_t total_used_ = 0;
  bool grad_enabled_ = true;
  int num_threads_ = 1;
};

extern template class Tape<float>;
extern template class Tape<double>;

}  // namespace tokenforge

#endif  // TOKENFORGE_MODEL_TENSOR_H_
