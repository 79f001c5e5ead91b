// model/ops_shape.cc
//
// Views, slices, concatenation and full reductions. Backwards accumulate.

#include <cstring>

#include "model/op_util.h"
#include "model/ops.h"

namespace tokenforge {

template <typename T>
Tensor<T>* Reshape(Tape<T>& tape, Tensor<T>* x, const Shape& shape) {
  return tape.View(x, shape);
}

template <typename T>
Tensor<T>* Slice(Tape<T>& tape, Tensor<T>* x, int64_t begin, int64_t end) {
  const int64_t cols = x->shape().last();
  TF_CHECK(0 <= begin && begin < end && end <= cols);
  std::vector<int64_t> dims = x->shape().dims();
  dims.back() = end - begin;
  Tensor<T>* out = tape.NewTensor(Shape(dims), x->requires_grad());
  const int64_t rows = x->shape().rows(), w = end - begin;
  for (int64_t r = 0; r < rows; ++r) {
    std::memcpy(out->data() + r * w, x->data() + r * cols + begin,
                sizeof(T) * w);
  }
  tape.SetBackward(out, [x, out, rows, cols, begin, w] {
    for (int64_t r = 0; r < rows; ++r) {
      const T* dy = out->grad() + r * w;
      T* dx = x->grad() + r * cols + begin;
      for (int64_t j = 0; j < w; ++j) dx[j] += dy[j];
    }
  });
  return out;
}

template <typename T>
Tensor<T>* Concat(Tape<T>& tape, const std::vector<Tensor<T>*>& parts) {
  TF_CHECK(!parts.empty());
  const int64_t rows = parts[0]->shape().rows();
  int64_t cols = 0;
  bool grad = false;
  for (Tensor<T>* p : parts) {
    TF_CHECK(p->shape().rows() == rows);
    cols += p->shape().last();
    grad = grad || p->requires_grad();
  }
  std::vector<int64_t> dims = parts[0]->shape().dims();
  dims.back() = cols;
  Tensor<T>* out = tape.NewTensor(Shape(dims), grad);
  int64_t offset = 0;
  for (Tensor<T>* p : parts) {
    const int64_t w = p->shape().last();
    for (int64_t r = 0; r < rows; ++r) {
      std::memcpy(out->data() + r * cols + offset, p->data() + r * w,
                  sizeof(T) * w);
    }
    offset += w;
  }
  tape.SetBackward(out, [parts, out, rows, cols] {
    int64_t off = 0;
    for (Tensor<T>* p : parts) {
      const int64_t w = p->shape().last();
      if (p->requires_grad()) {
        for (int64_t r = 0; r < rows; ++r) {
          for (int64_t j = 0; j < w; ++j) {
            p->grad()[r * w + j] += out->grad()[r * cols + off + j];
          }
        }
      }
      off += w;
    }
  });
  return out;
}

template <typename T>
Tensor<T>* Sum(Tape<T>& tape, Tensor<T>* x) {
  Tensor<T>* out = tape.NewTensor(Shape{}, x->requires_grad());
  const int64_t n = x->size();
  // Accumulated in double: reductions over ~1e5 values lose digits in fp32.
  double s = 0;
  for (int64_t i = 0; i < n; ++i) s += x->data()[i];
  out->data()[0] = static_cast<T>(s);
  tape.SetBackward(out, [x, out, n] {
    const T dy = out->grad()[0];
    for (int64_t i = 0; i < n; ++i) x->grad()[i] += dy;
  });
  return out;
}

template <typename T>
Tensor<T>* Mean(Tape<T>& tape, Tensor<T>* x) {
  return Scale(tape, Sum(tape, x), T(1) / static_cast<T>(x->size()));
}

#define TF_INSTANTIATE(T)                                               \
  template Tensor<T>* Reshape(Tape<T>&, Tensor<T>*, const Shape&);      \
  template Tensor<T>* Slice(Tape<T>&, Tensor<T>*, int64_t, int64_t);    \
  template Tensor<T>* Concat(Tape<T>&, const std::vector<Tensor<T>*>&); \
  template Tensor<T>* Sum(Tape<T>&, Tensor<T>*);                        \
  template Tensor<T>* Mean(Tape<T>&, Tensor<T>*);
TF_INSTANTIATE(float)
TF_INSTANTIATE(double)
#undef TF_INSTANTIATE

}  // namespace tokenforge
