// tests/model/numerics_test.cc
//
// Numerical edge cases and invariants (model.md 3.2, 3.4, 3.5, 3.9, 5.2):
// shifted softmax, cross-entropy = LSE - x_t, fast exp accuracy, RMSNorm
// scale invariance, RoPE identities, T5 buckets, and the GEMM backends.

#include <cmath>
#include <limits>
#include <vector>

#include "common/random.h"
#include "gtest/gtest.h"
#include "model/fast_math.h"
#include "model/gemm.h"
#include "model/ops.h"

namespace tokenforge {
namespace {

template <typename T>
std::vector<T> Row(Tensor<T>* t) {
  return std::vector<T>(t->data(), t->data() + t->size());
}

TEST(NumericsTest, SoftmaxOfLargeLogitsIsFiniteAndShifted) {
  for (const std::vector<float>& x :
       {std::vector<float>{1000, 1001, 1002}, std::vector<float>{-1e4f, 0}}) {
    Tape<float> tape;
    const int64_t n = static_cast<int64_t>(x.size());
    Tensor<float>* in = tape.Constant(Shape{n}, x);
    const std::vector<float> p = Row(Softmax(tape, in));
    const std::vector<float> logp = Row(LogSoftmax(tape, in));
    double m = *std::max_element(x.begin(), x.end()), z = 0;
    for (float v : x) z += std::exp(v - m);
    for (int64_t i = 0; i < n; ++i) {
      ASSERT_TRUE(std::isfinite(p[i]) && std::isfinite(logp[i]));
      EXPECT_NEAR(p[i], std::exp(x[i] - m) / z, 1e-6);
      EXPECT_NEAR(logp[i], (x[i] - m) - std::log(z), 1e-4);
    }
  }
}

TEST(NumericsTest, CrossEntropyIsLogSumExpMinusTarget) {
  Tape<double> tape;
  const std::vector<double> x = {0.5, -1.0, 3.0, 2.0, 1000.0, 999.0};
  Tensor<double>* logits = tape.Constant(Shape{2, 3}, x);
  const std::vector<TokenId> targets = {2, 1};
  std::vector<double> rows;
  const double mean = SoftmaxCrossEntropy(tape, logits, targets, &rows)->item();
  const double lse0 = std::log(std::exp(0.5) + std::exp(-1.0) + std::exp(3.0));
  const double lse1 = 1000.0 + std::log(std::exp(-998.0) + 1 + std::exp(-1.0));
  EXPECT_NEAR(rows[0], lse0 - 3.0, 1e-12);
  EXPECT_NEAR(rows[1], lse1 - 1000.0, 1e-12);
  EXPECT_NEAR(mean, (rows[0] + rows[1]) / 2, 1e-12);
}

TEST(NumericsTest, FastExpIsAccurateAndHandlesInfinity) {
  double worst = 0;
  for (float x = -87.0f; x < 88.0f; x += 0.0137f) {
    const double exact = std::exp(static_cast<double>(x));
    worst = std::max(worst, std::abs(internal::FastExp(x) - exact) / exact);
  }
  EXPECT_LT(worst, 5e-7);
  EXPECT_EQ(internal::FastExp(-std::numeric_limits<float>::infinity()), 0.0f);
  EXPECT_EQ(internal::FastExp(-100.0f), 0.0f);
  EXPECT_TRUE(std::isfinite(internal::FastExp(100.0f)));
  for (float x : {-20.0f, -1.0f, -1e-3f, 0.0f, 0.3f, 5.0f, 30.0f}) {
    EXPECT_NEAR(internal::FastTanh(x), std::tanh(x), 2e-7) << x;
  }
}

TEST(NumericsTest, RmsNormIsScaleInvariantWithUnitRms) {
  Tape<double> tape;
  Rng rng(1);
  std::vector<double> x(16), ones(16, 1.0);
  for (double& v : x) v = rng.Normal();
  std::vector<double> scaled = x;
  for (double& v : scaled) v *= 37.5;
  Tensor<double>* g = tape.Constant(Shape{16}, ones);
  const auto a = Row(RmsNorm(tape, tape.Constant(Shape{16}, x), g, 1e-12));
  const auto b = Row(RmsNorm(tape, tape.Constant(Shape{16}, scaled), g, 1e-12));
  double ms = 0;
  for (int i = 0; i < 16; ++i) {
    EXPECT_NEAR(a[i], b[i], 1e-10);
    ms += a[i] * a[i] / 16;
  }
  EXPECT_NEAR(ms, 1.0, 1e-9);
}

// q at position m and k at position n, one head of size 8: rotated copies.
std::vector<double> RopeAt(const std::vector<double>& v, int position) {
  Tape<double> tape;
  std::vector<double> seq((position + 1) * 8, 0.0);
  std::copy(v.begin(), v.end(), seq.begin() + position * 8);
  Tensor<double>* out =
      Rope(tape, tape.Constant(Shape{1, position + 1, 8}, seq), 1, 10000.0);
  return std::vector<double>(out->data() + position * 8,
                             out->data() + (position + 1) * 8);
}

double DotOf(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0;
  for (size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

TEST(NumericsTest, RopeIdentities) {
  Rng rng(2);
  std::vector<double> q(8), k(8);
  for (double& v : q) v = rng.Normal();
  for (double& v : k) v = rng.Normal();
  // Position 0 is the identity; the norm is preserved.
  const auto q0 = RopeAt(q, 0);
  for (int i = 0; i < 8; ++i) EXPECT_NEAR(q0[i], q[i], 1e-15);
  EXPECT_NEAR(DotOf(RopeAt(q, 9), RopeAt(q, 9)), DotOf(q, q), 1e-12);
  // <R_m q, R_n k> depends only on m - n.
  const double d1 = DotOf(RopeAt(q, 7), RopeAt(k, 3));
  const double d2 = DotOf(RopeAt(q, 12), RopeAt(k, 8));
  EXPECT_NEAR(d1, d2, 1e-12);
  // Interleaved pairs: pair i at position 1 rotates by base^(-2i/8).
  const auto q1 = RopeAt(q, 1);
  const double angle = std::pow(10000.0, -2.0 * 1 / 8);
  EXPECT_NEAR(q1[2], q[2] * std::cos(angle) - q[3] * std::sin(angle), 1e-12);
  EXPECT_NEAR(q1[3], q[2] * std::sin(angle) + q[3] * std::cos(angle), 1e-12);
}

TEST(NumericsTest, T5BucketsAreExactThenLogarithmic) {
  // transformers' _relative_position_bucket(bidirectional=False, 32, 128).
  EXPECT_EQ(RelativePositionBucket(0, 32, 128), 0);
  EXPECT_EQ(RelativePositionBucket(15, 32, 128), 15);
  EXPECT_EQ(RelativePositionBucket(16, 32, 128), 16);
  EXPECT_EQ(RelativePositionBucket(32, 32, 128), 21);  // 16 + int(16 log2/log8)
  EXPECT_EQ(RelativePositionBucket(127, 32, 128), 31);
  EXPECT_EQ(RelativePositionBucket(5000, 32, 128), 31);
  int previous = 0;
  for (int d = 0; d < 300; ++d) {
    const int b = RelativePositionBucket(d, 32, 128);
    EXPECT_GE(b, previous);
    previous = b;
  }
}

TEST(NumericsTest, AttentionRowsAreDistributionsWithoutNaN) {
  // Huge scores: the max-shifted softmax keeps every output finite.
  Tape<float> tape;
  std::vector<float> big(2 * 4 * 8);
  Rng rng(3);
  for (float& v : big) v = static_cast<float>(300 * rng.Normal());
  Tensor<float>* x = tape.Constant(Shape{2, 4, 8}, big);
  Tensor<float>* out = CausalSelfAttention<float>(tape, x, x, x, 2, nullptr, 0);
  for (int64_t i = 0; i < out->size(); ++i) {
    ASSERT_TRUE(std::isfinite(out->data()[i]));
  }
  // Position 0 attends only to itself: its output is its own v.
  for (int e = 0; e < 8; ++e) EXPECT_FLOAT_EQ(out->data()[e], big[e]);
}

TEST(NumericsTest, GemmBackendsAgreeForAllTransposes) {
  Rng rng(4);
  const int64_t M = 70, N = 33, K = 45;
  std::vector<double> a(M * K), b(K * N);
  for (double& v : a) v = rng.Normal();
  for (double& v : b) v = rng.Normal();
  for (bool ta : {false, true}) {
    for (bool tb : {false, true}) {
      // Reference: triple loop on the logical matrices.
      std::vector<double> ref(M * N, 0.0), c1(M * N, 1.0), c2(M * N, 1.0);
      for (int64_t i = 0; i < M; ++i) {
        for (int64_t j = 0; j < N; ++j) {
          double s = 0;
          for (int64_t k = 0; k < K; ++k) {
            s += (ta ? a[k * M + i] : a[i * K + k]) *
                 (tb ? b[j * K + k] : b[k * N + j]);
          }
          ref[i * N + j] = 2.0 * s + 0.5;  // alpha 2, beta 0.5, C = 1.
        }
      }
      const int64_t lda = ta ? M : K, ldb = tb ? K : N;
      Gemm<double>(ta, tb, M, N, K, 2.0, a.data(), lda, b.data(), ldb, 0.5,
                   c1.data(), N, 2);
      GemmFallback<double>(ta, tb, M, N, K, 2.0, a.data(), lda, b.data(), ldb,
                           0.5, c2.data(), N, 2);
      for (int64_t i = 0; i < M * N; ++i) {
        ASSERT_NEAR(c1[i], ref[i], 1e-10) << "ta " << ta << " tb " << tb;
        ASSERT_NEAR(c2[i], ref[i], 1e-10) << "ta " << ta << " tb " << tb;
      }
    }
  }
}

}  // namespace
}  // namespace tokenforge
