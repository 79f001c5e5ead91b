// model/fast_math.h
//
// Vectorizable exp and tanh for float kernels. glibc's expf/tanhf are
// scalar calls (tanhf + expm1f took a third of a training step), and
// without -ffast-math GCC will not substitute vector versions. Double keeps
// std:: so gradient checks run on the exact functions.
//
// MathExp(float): Cephes expf range reduction and polynomial, relative
// error below 2e-7 on [-87, 88]; returns 0 below -87.3 (so -inf -> 0) and
// saturates at exp(88.3) above.

#ifndef TOKENFORGE_MODEL_FAST_MATH_H_
#define TOKENFORGE_MODEL_FAST_MATH_H_

#include <bit>
#include <cmath>
#include <cstdint>

namespace tokenforge::internal {

inline float FastExp(float x) {
  // Ternaries, not std::fmin/fmax: those are NaN-aware library calls that
  // block vectorization.
  float clamped = x < -87.3f ? -87.3f : x;
  clamped = clamped > 88.3f ? 88.3f : clamped;
  // Round to nearest by the 1.5 * 2^23 trick: std::floor is a library call
  // here (no SSE4.1 inlining without -fno-trapping-math).
  constexpr float kRound = 12582912.0f;
  const float n = (clamped * 1.44269504088896341f + kRound) - kRound;
  // r = x - n ln2, with ln2 split in two for precision (Cephes).
  const float r = clamped - n * 0.693359375f + n * 2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  const float y = p * r * r + r + 1.0f;
  const int32_t bits = (static_cast<int32_t>(n) + 127) << 23;
  const float result = y * std::bit_cast<float>(bits);
  return x < -87.3f ? 0.0f : result;
}

// tanh(x) = sign(x) (1 - e) / (1 + e), e = exp(-2 |x|). Absolute error
// about 1e-7; relative error grows near 0, which GELU (the user) absorbs.
inline float FastTanh(float x) {
  const float e = FastExp(-2.0f * std::fabs(x));
  const float t = (1.0f - e) / (1.0f + e);
  return std::copysign(t, x);
}

inline float MathExp(float x) { return FastExp(x); }
inline double MathExp(double x) { return std::exp(x); }
inline float MathTanh(float x) { return FastTanh(x); }
inline double MathTanh(double x) { return std::tanh(x); }

}  // namespace tokenforge::internal

#endif  // TOKENFORGE_MODEL_FAST_MATH_H_
