// bench/worst_case_bench.cc
//
// Worst-case encode time: 1 MB with no split point (one repeated letter,
// random letters) and 1 MB of random bytes, against 1 MB of ordinary prose,
// encoded as one text each. The target is at most 10x the prose time.
//
//   tf_worst_case_bench TOKENIZER PROSE_FILE [--repeat K]
//
// Prints one line per input with seconds and the ratio to prose.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "common/file.h"
#include "common/random.h"
#include "tokenizers/io/loaders.h"

namespace {

constexpr size_t kSize = 1'000'000;

double BestSeconds(const tokenforge::Tokenizer& tokenizer,
                   const std::string& text, int repeat, size_t* tokens) {
  double best = 1e300;
  for (int r = 0; r < repeat; ++r) {
    std::vector<tokenforge::TokenId> ids;
    const auto start = std::chrono::steady_clock::now();
    if (!tokenizer.EncodeIds(text, {}, &ids).ok()) std::abort();
    best = std::min(best, std::chrono::duration<double>(
                              std::chrono::steady_clock::now() - start).count());
    *tokens = ids.size();
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: tf_worst_case_bench TOKENIZER PROSE_FILE [--repeat K]\n");
    return 2;
  }
  const int repeat = argc >= 5 ? std::atoi(argv[4]) : 3;
  auto tokenizer = tokenforge::LoadTokenizer(argv[1], {});
  if (!tokenizer.ok()) {
    std::fprintf(stderr, "%s\n", std::string(tokenizer.status().message()).c_str());
    return 1;
  }
  auto prose = tokenforge::ReadFile(argv[2]);
  if (!prose.ok()) return 1;
  // Prose as one text: the file's first 1 MB (repeated if shorter).
  std::string prose_mb;
  while (prose_mb.size() < kSize) prose_mb += *prose;
  prose_mb.resize(kSize);
  tokenforge::Rng rng(1);
  std::string letters, bytes;
  for (size_t i = 0; i < kSize; ++i) {
    letters.push_back(static_cast<char>('a' + rng.Below(26)));
    bytes.push_back(static_cast<char>(rng.Below(256)));
  }
  const std::vector<std::pair<const char*, std::string>> inputs = {
      {"prose", prose_mb},
      {"one repeated letter", std::string(kSize, 'a')},
      {"random letters", letters},
      {"random bytes", bytes}};
  double prose_s = 0;
  for (const auto& [name, text] : inputs) {
    size_t tokens = 0;
    const double s = BestSeconds(**tokenizer, text, repeat, &tokens);
    if (prose_s == 0) prose_s = s;
    std::printf("%-20s %8.3f s %9zu tokens  %5.2fx prose%s\n", name, s, tokens,
                s / prose_s, s / prose_s > 10 ? "  OVER 10x" : "");
  }
  return 0;
}
