// tests/model/scalar_autodiff_test.cc
//
// The scalar engine against micrograd's README example and against the
// tensor engine on the same expressions (model.md 5.2: equal within 1e-12).

#include "model/scalar_autodiff.h"

#include <cmath>
#include <vector>

#include "gtest/gtest.h"
#include "model/ops.h"

namespace tokenforge {
namespace {

TEST(ScalarAutodiffTest, MicrogradReadmeExample) {
  Scalar a(-4.0), b(2.0);
  Scalar c = a + b;
  Scalar d = a * b + Pow(b, 3);
  c = c + c + Scalar(1);
  c = c + Scalar(1) + c + Scalar(-1) * a;
  d = d + d * Scalar(2) + Relu(b + a);
  d = d + Scalar(3) * d + Relu(b - a);
  Scalar e = c - d;
  Scalar f = Pow(e, 2);
  Scalar g = f * Scalar(0.5);
  g = g + Scalar(10.0) * Pow(f, -1);
  g.Backward();
  // Values printed by micrograd's README (PyTorch agrees).
  EXPECT_NEAR(g.value(), 24.7041, 1e-4);
  EXPECT_NEAR(a.grad(), 138.8338, 1e-4);
  EXPECT_NEAR(b.grad(), 645.5773, 1e-4);
}

TEST(ScalarAutodiffTest, NeuronMatchesTensorEngine) {
  // y = sigmoid(w . x + bias), L = y * y + log(y) + tanh(exp(w . x)).
  const std::vector<double> w = {0.3, -1.2, 0.8}, x = {1.5, 0.2, -0.7};
  const double bias = 0.1;
  std::vector<Scalar> ws, xs;
  for (double v : w) ws.emplace_back(v);
  for (double v : x) xs.emplace_back(v);
  Scalar sb(bias);
  Scalar dot = Dot(ws, xs);
  Scalar y = Sigmoid(dot + sb);
  Scalar loss = y * y + Log(y) + Tanh(Exp(dot));
  loss.Backward();

  Tape<double> tape;
  std::vector<double> gw(3, 0.0), gx(3, 0.0), gb(1, 0.0);
  std::vector<double> wv = w, xv = x, bv = {bias};
  Tensor<double>* tw = tape.Leaf(Shape{1, 3}, wv.data(), gw.data());
  Tensor<double>* tx = tape.Leaf(Shape{3, 1}, xv.data(), gx.data());
  Tensor<double>* tb = tape.Leaf(Shape{1}, bv.data(), gb.data());
  Tensor<double>* tdot = MatMul(tape, tw, tx, false, false);  // (1, 1)
  Tensor<double>* ty = Sigmoid(tape, Add(tape, tdot, tb));
  Tensor<double>* tl = Add(tape, Add(tape, Mul(tape, ty, ty), Log(tape, ty)),
                           Tanh(tape, Exp(tape, tdot)));
  Tensor<double>* total = Sum(tape, tl);
  tape.Backward(total);

  EXPECT_NEAR(loss.value(), total->item(), 1e-12);
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(ws[i].grad(), gw[i], 1e-12);
    EXPECT_NEAR(xs[i].grad(), gx[i], 1e-12);
  }
  EXPECT_NEAR(sb.grad(), gb[0], 1e-12);
}

TEST(ScalarAutodiffTest, SharedNodeAccumulatesAndZeroGradClears) {
  Scalar x(3.0);
  Scalar y = x * x + x;  // dy/dx = 2x + 1 = 7.
  y.Backward();
  EXPECT_DOUBLE_EQ(x.grad(), 7.0);
  y.ZeroGrad();
  EXPECT_DOUBLE_EQ(x.grad(), 0.0);
}

}  // namespace
}  // namespace tokenforge
