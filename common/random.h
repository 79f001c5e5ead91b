// common/random.h
//
// The project's own random numbers (STYLE.md 4.7): SplitMix64 with an
// explicit seed. std:: distributions are avoided because their algorithms
// differ between standard libraries, which would break golden tests.
//
//   Rng rng(/*seed=*/42);
//   double u = rng.Uniform();        // [0, 1)
//   uint64_t k = rng.Below(10);      // [0, 10)

#ifndef TOKENFORGE_COMMON_RANDOM_H_
#define TOKENFORGE_COMMON_RANDOM_H_

#include <cmath>
#include <cstdint>

namespace tokenforge {

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}

  // Returns the next 64 random bits (SplitMix64, Steele et al. 2014).
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  // Returns a double uniform in [0, 1) with 53 random bits.
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

  // Returns an integer uniform in [0, n). REQUIRES: n > 0. Uses rejection so
  // there is no modulo bias.
  uint64_t Below(uint64_t n) {
    const uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t x;
    do {
      x = Next();
    } while (x >= limit);
    return x % n;
  }

  // Returns a standard normal deviate (Box-Muller; one value per call).
  double Normal() {
    double u1 = Uniform();
    while (u1 <= 0.0) u1 = Uniform();
    const double u2 = Uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

 private:
  uint64_t state_;
};

}  // namespace tokenforge

#endif  // TOKENFORGE_COMMON_RANDOM_H_
