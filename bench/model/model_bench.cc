// bench/model/model_bench.cc
//
// Speed and quality figures for model/ (issue 5, model.md 4 and 5.4):
//
//   model_bench gemm [--threads N] [--fallback]
//       single-thread sgemm GFLOP/s at the transformer's shapes and at
//       2048 x 384 x 384 (model.md 4.2), median of 5 runs.
//   model_bench train --corpus FILE [--preset g1] [--steps N] [--threads N]
//                     [--full]
//       training throughput (tokens/s, model GFLOP/s) of a preset on the
//       byte-level split, median over log intervals; with --full the whole
//       preset runs and the validation bits per byte is printed.
//
// Every figure is printed next to this machine's fp32 FMA peak, measured
// at start-up with 12 independent FMA chains (model.md 4.1's method):
// about 115 GFLOP/s per core on the Zen 4 machines of the research notes,
// more on Xeons with two 512-bit FMA units.

#include <immintrin.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <string>
#include <vector>

#include "common/file.h"
#include "common/parallel.h"
#include "common/random.h"
#include "model/data.h"
#include "model/gemm.h"
#include "model/lm_setup.h"
#include "model/trainer.h"

namespace tokenforge {
namespace {

// Returns GFLOP/s of `iters` rounds of 12 independent FMA chains, with the
// widest vectors the CPU has (AVX-512, else AVX2, else scalar estimate).
__attribute__((target("avx512f"))) double FmaPeak512(int64_t iters) {
  __m512 acc[12];
  for (int i = 0; i < 12; ++i) acc[i] = _mm512_set1_ps(0.001f * i);
  const __m512 mul = _mm512_set1_ps(0.999999f), add = _mm512_set1_ps(1e-7f);
  const auto start = std::chrono::steady_clock::now();
  for (int64_t n = 0; n < iters; ++n) {
    // Unrolled so the 12 accumulators live in registers.
#pragma GCC unroll 12
    for (int i = 0; i < 12; ++i) acc[i] = _mm512_fmadd_ps(acc[i], mul, add);
  }
  const double s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  // Stored, not _mm512_reduce_add_ps: GCC 12 warns inside that intrinsic.
  float lanes[16];
  float sink = 0;
  for (int i = 0; i < 12; ++i) {
    _mm512_storeu_ps(lanes, acc[i]);
    for (float x : lanes) sink += x;
  }
  if (sink == 12345.f) std::printf(" ");  // Keeps the chains alive.
  return iters * 12.0 * 16 * 2 / s * 1e-9;
}

__attribute__((target("avx2,fma"))) double FmaPeak256(int64_t iters) {
  __m256 acc[12];
  for (int i = 0; i < 12; ++i) acc[i] = _mm256_set1_ps(0.001f * i);
  const __m256 mul = _mm256_set1_ps(0.999999f), add = _mm256_set1_ps(1e-7f);
  const auto start = std::chrono::steady_clock::now();
  for (int64_t n = 0; n < iters; ++n) {
#pragma GCC unroll 12
    for (int i = 0; i < 12; ++i) acc[i] = _mm256_fmadd_ps(acc[i], mul, add);
  }
  const double s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  float lanes[8];
  float sink = 0;
  for (int i = 0; i < 12; ++i) {
    _mm256_storeu_ps(lanes, acc[i]);
    for (float x : lanes) sink += x;
  }
  if (sink == 12345.f) std::printf(" ");
  return iters * 12.0 * 8 * 2 / s * 1e-9;
}

// Returns the best of 5 single-core FMA peaks, in GFLOP/s.
double MeasurePeakPerCore() {
  static const double peak = [] {
    double best = 0;
    for (int trial = 0; trial < 5; ++trial) {
      const int64_t iters = 10'000'000;
      double g = 0;
      if (__builtin_cpu_supports("avx512f")) {
        g = FmaPeak512(iters);
      } else if (__builtin_cpu_supports("avx2")) {
        g = FmaPeak256(iters);
      }
      best = std::max(best, g);
    }
    return best > 0 ? best : 115.0;
  }();
  return peak;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

std::string Flag(int argc, char** argv, const std::string& name,
                 const std::string& fallback) {
  for (int i = 2; i + 1 < argc; ++i) {
    if (argv[i] == name) return argv[i + 1];
  }
  return fallback;
}

bool HasFlag(int argc, char** argv, const std::string& name) {
  for (int i = 2; i < argc; ++i) {
    if (argv[i] == name) return true;
  }
  return false;
}

int RunGemm(int threads, bool fallback) {
  struct Case {
    int64_t M, N, K;
    bool tb;
    const char* what;
  };
  const Case cases[] = {
      {2048, 384, 384, true, "model.md 4.2 reference shape"},
      {768, 384, 128, true, "G1 qkv forward (B*T, 3C, C)"},
      {768, 512, 128, true, "G1 fc forward"},
      {768, 128, 512, true, "G1 fc_proj forward"},
      {768, 256, 128, true, "G1 head forward"},
      {1024, 1024, 1024, false, "square 1024"},
  };
  const double kPeakPerCore = MeasurePeakPerCore();
  std::printf(
      "gemm backend: %s%s, threads %d, measured FMA peak %.0f "
      "GFLOP/s per core\n",
      fallback ? "builtin" : GemmBackendName(), fallback ? " (forced)" : "",
      threads, kPeakPerCore);
  Rng rng(1);
  for (const Case& c : cases) {
    std::vector<float> a(c.M * c.K), b(c.N * c.K), out(c.M * c.N);
    for (float& x : a) x = static_cast<float>(rng.Normal());
    for (float& x : b) x = static_cast<float>(rng.Normal());
    const double flops = 2.0 * c.M * c.N * c.K;
    const int reps = std::max(1, static_cast<int>(2e9 / flops));
    std::vector<double> rates;
    for (int trial = 0; trial < 5; ++trial) {
      const auto start = std::chrono::steady_clock::now();
      for (int r = 0; r < reps; ++r) {
        const int64_t ldb = c.tb ? c.K : c.N;
        if (fallback) {
          GemmFallback<float>(false, c.tb, c.M, c.N, c.K, 1.f, a.data(), c.K,
                              b.data(), ldb, 0.f, out.data(), c.N, threads);
        } else {
          Gemm<float>(false, c.tb, c.M, c.N, c.K, 1.f, a.data(), c.K, b.data(),
                      ldb, 0.f, out.data(), c.N, threads);
        }
      }
      const double s = std::chrono::duration<double>(
                           std::chrono::steady_clock::now() - start)
                           .count();
      rates.push_back(flops * reps / s * 1e-9);
    }
    std::printf(
        "  %5ld x %4ld x %4ld  %6.1f GFLOP/s  (%.0f%% of %d-core "
        "peak)  %s\n",
        static_cast<long>(c.M), static_cast<long>(c.N), static_cast<long>(c.K),
        Median(rates), 100 * Median(rates) / (kPeakPerCore * threads), threads,
        c.what);
  }
  return 0;
}

std::string LoadAverage() {
  absl::StatusOr<std::string> text = ReadFile("/proc/loadavg");
  return text.ok() ? text->substr(0, text->find(' ')) : "?";
}

int RunTrain(int argc, char** argv) {
  const std::string corpus = Flag(argc, argv, "--corpus", "");
  const std::string preset = Flag(argc, argv, "--preset", "g1");
  const int steps = std::atoi(Flag(argc, argv, "--steps", "100").c_str());
  const int threads = std::atoi(Flag(argc, argv, "--threads", "0").c_str());
  const bool full = HasFlag(argc, argv, "--full");
  absl::StatusOr<std::string> text = ReadFile(corpus);
  absl::StatusOr<LmSetup> setup = LmPreset(preset);
  if (!text.ok() || !setup.ok()) {
    std::cerr << "model_bench: " << (text.ok() ? setup.status() : text.status())
              << "\n";
    return 1;
  }
  absl::StatusOr<TextSplit> split = SplitByteLevel(*text, 0.1);
  if (!split.ok()) return 1;
  if (!full) {
    setup->train.max_steps = steps;
    setup->train.log_interval = 10;
  }
  setup->train.num_threads = threads;
  const int used = threads > 0 ? threads : DefaultNumThreads();
  const double kPeakPerCore = MeasurePeakPerCore();
  const TrainRunOptions run{.skip_final_eval = !full};
  const std::clock_t cpu_start = std::clock();
  absl::StatusOr<TrainResult> result = TrainLm(*setup, *split, run, &std::cerr);
  const double cpu_seconds =
      static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  if (!result.ok()) {
    std::cerr << "model_bench: " << result.status() << "\n";
    return 1;
  }
  std::printf("preset %s: %ld steps, %ld parameters, %d threads\n",
              preset.c_str(), static_cast<long>(result->steps),
              static_cast<long>(result->num_parameters), used);
  std::printf(
      "  %.0f tokens/s, %.1f model GFLOP/s (peak %.0f GFLOP/s for "
      "%d cores: %.0f%% MFU), train time %.1f s\n",
      result->tokens_per_second, result->gflops_per_second, kPeakPerCore * used,
      used, 100 * result->gflops_per_second / (kPeakPerCore * used),
      result->train_seconds);
  // On a shared machine wall-clock throughput measures the neighbours too;
  // tokens per CPU-second (all threads, evaluation included with --full)
  // shows what the code does with the cycles it gets.
  const double tokens = static_cast<double>(result->steps) *
                        setup->train.batch_size * setup->model.context_length;
  std::printf(
      "  CPU time %.1f s: %.0f tokens per CPU-second (load average "
      "now %s)\n",
      cpu_seconds, tokens / cpu_seconds, LoadAverage().c_str());
  if (full) {
    std::printf("  validation: %.4f bits/byte (%.4f nats/token, %ld bytes)\n",
                result->val.bits_per_byte(), result->val.nats_per_token(),
                static_cast<long>(result->val.bytes));
  }
  return 0;
}

}  // namespace
}  // namespace tokenforge

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "gemm") {
    const int threads = argc > 3 && std::string(argv[2]) == "--threads"
                            ? std::atoi(argv[3])
                            : 1;
    bool fallback = false;
    for (int i = 2; i < argc; ++i)
      fallback |= std::string(argv[i]) == "--fallback";
    return tokenforge::RunGemm(threads, fallback);
  }
  if (mode == "train") return tokenforge::RunTrain(argc, argv);
  std::cerr << "usage: model_bench gemm [--threads N] [--fallback] | "
               "train --corpus FILE [--preset g1] [--steps N] [--threads N] "
               "[--full]\n";
  return 2;
}
