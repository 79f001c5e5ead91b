// bench/encode_bench.cc
//
// Times tokenforge's encoder on a corpus under the peers' protocol
// (../shared/peers/README.md, "Encoding protocol"): the corpus is read into
// memory and split on '\n'; each line is encoded on its own, no special
// tokens; the timed pass only counts tokens; an untimed second pass writes
// one line of space-separated ids per input line.
//
//   tf_encode_bench TOKENIZER CORPUS [IDS_OUT] [--threads N] [--repeat K]
//
// Prints "RESULT encode tool=tokenforge ... tokens=N load_s=S encode_s=S
// mb_s=M", the line encode_bench.sh reads from an exec: encoder.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/file.h"
#include "tokenizers/io/loaders.h"

namespace {

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since)
      .count();
}

int Fail(const absl::Status& status) {
  std::fprintf(stderr, "tf_encode_bench: %s\n", std::string(status.message()).c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> positional;
  int threads = 1;
  int repeat = 1;
  std::string encoding;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--threads" && i + 1 < argc) {
      threads = std::atoi(argv[++i]);
    } else if (arg == "--repeat" && i + 1 < argc) {
      repeat = std::atoi(argv[++i]);
    } else if (arg == "--encoding" && i + 1 < argc) {
      encoding = argv[++i];
    } else {
      positional.push_back(arg);
    }
  }
  if (positional.size() < 2) {
    std::fprintf(stderr,
                 "usage: tf_encode_bench TOKENIZER CORPUS [IDS_OUT] "
                 "[--threads N] [--repeat K] [--encoding NAME]\n");
    return 2;
  }
  const auto load_start = std::chrono::steady_clock::now();
  tokenforge::LoadOptions options;
  options.encoding = encoding;
  auto tokenizer = tokenforge::LoadTokenizer(positional[0], options);
  if (!tokenizer.ok()) return Fail(tokenizer.status());
  const double load_s = Seconds(load_start);

  auto text = tokenforge::ReadFile(positional[1]);
  if (!text.ok()) return Fail(text.status());
  std::vector<absl::string_view> lines = absl::StrSplit(*text, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();

  double best = 1e300;
  size_t tokens = 0;
  for (int r = 0; r < std::max(1, repeat); ++r) {
    const auto start = std::chrono::steady_clock::now();
    auto ids = (*tokenizer)->EncodeIdsBatch(lines, {}, threads);
    const double s = Seconds(start);
    if (!ids.ok()) return Fail(ids.status());
    tokens = 0;
    for (const auto& v : *ids) tokens += v.size();
    best = std::min(best, s);
  }
  if (positional.size() >= 3) {
    auto ids = (*tokenizer)->EncodeIdsBatch(lines, {}, threads);
    if (!ids.ok()) return Fail(ids.status());
    std::string out;
    for (const auto& v : *ids) {
      out += absl::StrJoin(v, " ");
      out += '\n';
    }
    if (auto s = tokenforge::WriteFileAtomically(positional[2], out); !s.ok()) {
      return Fail(s);
    }
  }
  std::printf(
      "RESULT encode tool=tokenforge version=0.1.0 tokenizer=%s corpus=%s "
      "bytes=%zu lines=%zu tokens=%zu threads=%d load_s=%.3f encode_s=%.3f "
      "mb_s=%.2f\n",
      std::string(tokenforge::Basename(positional[0])).c_str(),
      std::string(tokenforge::Basename(positional[1])).c_str(), text->size(),
      lines.size(), tokens, threads, load_s, best, text->size() / 1e6 / best);
  return 0;
}
