// tests/model/ops_gradcheck_test.cc
//
// Every op's backward against central differences in double (model.md 5.2).

#include <vector>

#include "gtest/gtest.h"
#include "model/ops.h"
#include "tests/model/gradcheck.h"

namespace tokenforge {
namespace {

using testing::ExpectGradientsMatch;
using testing::RandomInput;
using Leaves = std::vector<Tensor<double>*>;
using DTape = Tape<double>;

TEST(OpsGradcheckTest, AddAndMulWithBroadcast) {
  ExpectGradientsMatch(
      {RandomInput({3, 4}, 1), RandomInput({4}, 2)},
      [](DTape& t, const Leaves& x) { return Add(t, x[0], x[1]); });
  ExpectGradientsMatch(
      {RandomInput({2, 3, 4}, 3), RandomInput({3, 4}, 4)},
      [](DTape& t, const Leaves& x) { return Mul(t, x[0], x[1]); });
  ExpectGradientsMatch({RandomInput({5}, 5)}, [](DTape& t, const Leaves& x) {
    return Scale(t, x[0], -2.5);
  });
  ExpectGradientsMatch({RandomInput({3}, 6)}, [](DTape& t, const Leaves& x) {
    return BroadcastTo(t, x[0], Shape{4, 3});
  });
}

TEST(OpsGradcheckTest, TensorUsedTwiceAccumulates) {
  // d/dx sum(x * x + x) = 2x + 1: both uses of x must contribute.
  ExpectGradientsMatch({RandomInput({6}, 7)}, [](DTape& t, const Leaves& x) {
    return Add(t, Mul(t, x[0], x[0]), x[0]);
  });
}

TEST(OpsGradcheckTest, UnaryOps) {
  using Fn = Tensor<double>* (*)(DTape&, Tensor<double>*);
  for (Fn fn : {&Exp<double>, &Tanh<double>, &Sigmoid<double>, &Silu<double>,
                &Gelu<double>}) {
    ExpectGradientsMatch(
        {RandomInput({3, 5}, 8)},
        [fn](DTape& t, const Leaves& x) { return fn(t, x[0]); });
  }
  // Log away from 0.
  ExpectGradientsMatch({RandomInput({7}, 9, 0.3, 2.0)},
                       [](DTape& t, const Leaves& x) { return Log(t, x[0]); });
}

TEST(OpsGradcheckTest, ReshapeSliceConcatSumMean) {
  ExpectGradientsMatch({RandomInput({2, 6}, 10)}, [](DTape& t,
                                                     const Leaves& x) {
    return Mul(t, Reshape(t, x[0], Shape{3, 4}), Reshape(t, x[0], Shape{3, 4}));
  });
  ExpectGradientsMatch(
      {RandomInput({3, 7}, 11)},
      [](DTape& t, const Leaves& x) { return Slice(t, x[0], 2, 5); });
  ExpectGradientsMatch({RandomInput({3, 2}, 12), RandomInput({3, 4}, 13)},
                       [](DTape& t, const Leaves& x) {
                         return Concat(t, {x[0], x[1], x[0]});
                       });
  ExpectGradientsMatch({RandomInput({4, 3}, 14)},
                       [](DTape& t, const Leaves& x) {
                         return Mul(t, Sum(t, x[0]), Mean(t, x[0]));
                       });
}

TEST(OpsGradcheckTest, MatMulAllTransposes) {
  for (bool ta : {false, true}) {
    for (bool tb : {false, true}) {
      SCOPED_TRACE(::testing::Message() << "ta=" << ta << " tb=" << tb);
      const Shape a = ta ? Shape{4, 3} : Shape{3, 4};
      const Shape b = tb ? Shape{5, 4} : Shape{4, 5};
      ExpectGradientsMatch({RandomInput(a, 15), RandomInput(b, 16)},
                           [ta, tb](DTape& t, const Leaves& x) {
                             return MatMul(t, x[0], x[1], ta, tb);
                           });
    }
  }
  ExpectGradientsMatch(
      {RandomInput({2, 3, 4}, 17), RandomInput({5, 4}, 18),
       RandomInput({5}, 19)},
      [](DTape& t, const Leaves& x) { return Linear(t, x[0], x[1], x[2]); });
}

TEST(OpsGradcheckTest, Norms) {
  ExpectGradientsMatch(
      {RandomInput({3, 8}, 20), RandomInput({8}, 21, 0.5, 1.0)},
      [](DTape& t, const Leaves& x) { return RmsNorm(t, x[0], x[1], 1e-5); });
  ExpectGradientsMatch({RandomInput({3, 8}, 22), RandomInput({8}, 23, 0.5, 1.0),
                        RandomInput({8}, 24)},
                       [](DTape& t, const Leaves& x) {
                         return LayerNorm(t, x[0], x[1], x[2], 1e-5);
                       });
}

TEST(OpsGradcheckTest, SoftmaxFamily) {
  ExpectGradientsMatch(
      {RandomInput({3, 6}, 25)},
      [](DTape& t, const Leaves& x) { return Softmax(t, x[0]); });
  ExpectGradientsMatch(
      {RandomInput({3, 6}, 26)},
      [](DTape& t, const Leaves& x) { return LogSoftmax(t, x[0]); });
  const std::vector<TokenId> targets = {0, 5, 2, 2};
  ExpectGradientsMatch({RandomInput({2, 2, 6}, 27)},
                       [&](DTape& t, const Leaves& x) {
                         return SoftmaxCrossEntropy(t, x[0], targets);
                       });
}

TEST(OpsGradcheckTest, EmbeddingScatterAddsRepeatedIds) {
  const std::vector<TokenId> ids = {1, 3, 1, 0, 1, 4};
  ExpectGradientsMatch({RandomInput({5, 3}, 28)},
                       [&](DTape& t, const Leaves& x) {
                         return Embedding(t, x[0], ids, Shape{2, 3});
                       });
}

TEST(OpsGradcheckTest, DropoutAndMaskedFill) {
  ExpectGradientsMatch({RandomInput({4, 5}, 29)},
                       [](DTape& t, const Leaves& x) {
                         return Dropout(t, x[0], 0.3, /*seed=*/7);
                       });
  const std::vector<uint8_t> mask = {0, 1, 0, 0, 0, 1};
  ExpectGradientsMatch({RandomInput({2, 2, 3}, 30)},
                       [&](DTape& t, const Leaves& x) {
                         return MaskedFill(t, x[0], mask, 0.5);
                       });
}

TEST(OpsGradcheckTest, Rope) {
  ExpectGradientsMatch({RandomInput({2, 5, 8}, 31)},
                       [](DTape& t, const Leaves& x) {
                         return Rope(t, x[0], /*n_head=*/2, 10000.0);
                       });
}

TEST(OpsGradcheckTest, CausalSelfAttention) {
  ExpectGradientsMatch({RandomInput({2, 5, 8}, 32), RandomInput({2, 5, 8}, 33),
                        RandomInput({2, 5, 8}, 34)},
                       [](DTape& t, const Leaves& x) {
                         return CausalSelfAttention<double>(
                             t, x[0], x[1], x[2], /*n_head=*/2, nullptr, 0);
                       });
}

TEST(OpsGradcheckTest, CausalSelfAttentionWithRelativeBias) {
  ExpectGradientsMatch({RandomInput({2, 6, 8}, 35), RandomInput({2, 6, 8}, 36),
                        RandomInput({2, 6, 8}, 37), RandomInput({4, 2}, 38)},
                       [](DTape& t, const Leaves& x) {
                         return CausalSelfAttention(t, x[0], x[1], x[2],
                                                    /*n_head=*/2, x[3],
                                                    /*max_distance=*/8);
                       });
}

}  // namespace
}  // namespace tokenforge
