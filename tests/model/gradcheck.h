// tests/model/gradcheck.h
//
// Central-difference gradient checks in double (model.md 5.2): per element
// |a - n| <= 1e-5 + 1e-3 |n|, per tensor ||a - n|| / ||a + n|| <= 1e-7,
// h = 1e-6. A non-scalar output is reduced to sum(out * W) with fixed
// random W so every output element matters.

#ifndef TOKENFORGE_TESTS_MODEL_GRADCHECK_H_
#define TOKENFORGE_TESTS_MODEL_GRADCHECK_H_

#include <cmath>
#include <functional>
#include <vector>

#include "common/random.h"
#include "gtest/gtest.h"
#include "model/ops.h"
#include "model/tensor.h"

namespace tokenforge::testing {

struct GradInput {
  Shape shape;
  std::vector<double> value;
};

// Returns a input of `shape` with N(0, scale^2) entries (+ offset).
inline GradInput RandomInput(Shape shape, uint64_t seed, double scale = 1.0,
                             double offset = 0.0) {
  Rng rng(seed);
  GradInput in{shape, std::vector<double>(shape.size())};
  for (double& x : in.value) x = offset + scale * rng.Normal();
  return in;
}

using GradBuilder = std::function<Tensor<double>*(
    Tape<double>&, const std::vector<Tensor<double>*>&)>;

// Returns the scalar loss of f at `inputs`; fills grads when not null.
inline double GradcheckLoss(const std::vector<GradInput>& inputs,
                            const GradBuilder& f,
                            std::vector<std::vector<double>>* grads) {
  Tape<double> tape;
  std::vector<std::vector<double>> values(inputs.size());
  std::vector<Tensor<double>*> leaves;
  if (grads != nullptr) grads->assign(inputs.size(), {});
  for (size_t i = 0; i < inputs.size(); ++i) {
    values[i] = inputs[i].value;
    double* g = nullptr;
    if (grads != nullptr) {
      (*grads)[i].assign(values[i].size(), 0.0);
      g = (*grads)[i].data();
    }
    leaves.push_back(tape.Leaf(inputs[i].shape, values[i].data(), g));
  }
  if (grads == nullptr) tape.set_grad_enabled(false);
  Tensor<double>* out = f(tape, leaves);
  if (out->size() != 1) {
    Rng rng(1234);
    std::vector<double> w(out->size());
    for (double& x : w) x = rng.Normal();
    out = Sum(tape, Mul(tape, out, tape.Constant(out->shape(), w)));
  }
  if (grads != nullptr) tape.Backward(out);
  return out->item();
}

// Checks every input's analytic gradient against central differences.
inline void ExpectGradientsMatch(std::vector<GradInput> inputs,
                                 const GradBuilder& f, double h = 1e-6) {
  std::vector<std::vector<double>> analytic;
  GradcheckLoss(inputs, f, &analytic);
  for (size_t i = 0; i < inputs.size(); ++i) {
    double diff2 = 0, sum2 = 0;
    for (size_t j = 0; j < inputs[i].value.size(); ++j) {
      const double saved = inputs[i].value[j];
      inputs[i].value[j] = saved + h;
      const double up = GradcheckLoss(inputs, f, nullptr);
      inputs[i].value[j] = saved - h;
      const double down = GradcheckLoss(inputs, f, nullptr);
      inputs[i].value[j] = saved;
      const double numeric = (up - down) / (2 * h);
      const double a = analytic[i][j];
      EXPECT_LE(std::abs(a - numeric), 1e-5 + 1e-3 * std::abs(numeric))
          << "input " << i << " element " << j << ": analytic " << a
          << " numeric " << numeric;
      diff2 += (a - numeric) * (a - numeric);
      sum2 += (a + numeric) * (a + numeric);
    }
    if (sum2 > 0) {
      EXPECT_LE(std::sqrt(diff2 / sum2), 1e-7) << "input " << i;
    }
  }
}

}  // namespace tokenforge::testing

#endif  // TOKENFORGE_TESTS_MODEL_GRADCHECK_H_
