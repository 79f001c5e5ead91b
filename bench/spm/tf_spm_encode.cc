// tf_spm_encode MODEL CORPUS [IDS_OUT]
//
// Our SentencePiece encoder under the protocol of
// /work/shared/peers/encode_bench.sh (see spm_encode_bench.cc there): every
// line of CORPUS (without "\n") is encoded on its own, no BOS/EOS; the timed
// pass only counts tokens; IDS_OUT gets the ids from a second, untimed pass.
// Runs the model's own components (PrecompiledNormalizer + UnigramModel /
// SpmBpeModel) on one thread. REPEAT=N keeps the best of N timed passes.

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "common/file.h"
#include "tokenizers/io/sentencepiece_model.h"
#include "tokenizers/models/spm_bpe_model.h"
#include "tokenizers/models/unigram_model.h"

namespace {

double Now() {
  return std::chrono::duration<double>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace tokenforge;
  if (argc < 3 || argc > 4) {
    std::fprintf(stderr, "usage: tf_spm_encode MODEL CORPUS [IDS_OUT]\n");
    return 2;
  }
  const double t_load = Now();
  auto bytes = ReadFile(argv[1]);
  if (!bytes.ok()) {
    std::fprintf(stderr, "%s\n", bytes.status().ToString().c_str());
    return 1;
  }
  auto proto = ParseSentencePieceModel(*bytes);
  if (!proto.ok()) {
    std::fprintf(stderr, "%s\n", proto.status().ToString().c_str());
    return 1;
  }
  auto parts = BuildSentencePieceComponents(*proto);
  if (!parts.ok()) {
    std::fprintf(stderr, "%s\n", parts.status().ToString().c_str());
    return 1;
  }
  const double load_s = Now() - t_load;
  const auto* unigram = dynamic_cast<const UnigramModel*>(parts->model.get());
  const Model& model = *parts->model;
  auto text = ReadFile(argv[2]);
  if (!text.ok()) {
    std::fprintf(stderr, "%s\n", text.status().ToString().c_str());
    return 1;
  }
  std::vector<absl::string_view> lines;
  for (size_t pos = 0; pos < text->size();) {
    size_t nl = text->find('\n', pos);
    if (nl == std::string::npos) nl = text->size();
    lines.emplace_back(text->data() + pos, nl - pos);
    pos = nl + 1;
  }
  std::string normalized;
  std::vector<Token> tokens;
  std::vector<TokenId> ids;
  auto encode = [&](absl::string_view line) {
    normalized.clear();
    parts->normalizer->NormalizeToString(line, &normalized);
    ids.clear();
    if (unigram != nullptr) {
      unigram->TokenizeIds(normalized, &ids);
    } else {
      tokens.clear();
      (void)model.Tokenize(normalized, &tokens);
      for (const Token& t : tokens) ids.push_back(t.id);
    }
  };
  const char* rep = std::getenv("REPEAT");
  const int repeat = std::max(1, rep ? std::atoi(rep) : 1);
  size_t total = 0;
  double best = 1e30;
  for (int r = 0; r < repeat; ++r) {
    total = 0;
    const double t0 = Now();
    for (const absl::string_view line : lines) {
      encode(line);
      total += ids.size();
    }
    best = std::min(best, Now() - t0);
  }
  if (argc == 4) {
    FILE* f = std::fopen(argv[3], "w");
    if (f == nullptr) return 1;
    for (const absl::string_view line : lines) {
      encode(line);
      for (size_t i = 0; i < ids.size(); ++i) std::fprintf(f, i ? " %d" : "%d", ids[i]);
      std::fputc('\n', f);
    }
    std::fclose(f);
  }
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  std::printf(
      "RESULT encode tool=ours tokenizer=%s bytes=%zu lines=%zu tokens=%zu "
      "load_s=%.3f encode_s=%.3f mb_s=%.2f peak_rss_mb=%.1f\n",
      argv[1], text->size(), lines.size(), total, load_s, best,
      text->size() / 1e6 / best, ru.ru_maxrss / 1024.0);
  return 0;
}
