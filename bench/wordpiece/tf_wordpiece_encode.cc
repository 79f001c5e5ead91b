// tf_wordpiece_encode VOCAB_TXT CORPUS [IDS_OUT]
//
// Our BERT-uncased tokenizer (vocab.txt, lowercase + strip accents) under the
// protocol of /work/shared/peers/encode_bench.sh: every line encoded on its
// own, no [CLS]/[SEP]; the timed pass counts tokens; IDS_OUT gets the ids.
// One thread. REPEAT=N keeps the best of N passes. LOWERCASE=0 for cased.

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "common/file.h"
#include "tokenizers/io/wordpiece_vocab.h"

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
    std::fprintf(stderr, "usage: tf_wordpiece_encode VOCAB_TXT CORPUS [IDS_OUT]\n");
    return 2;
  }
  WordPieceVocabOptions options;
  const char* lower = std::getenv("LOWERCASE");
  options.lowercase = lower == nullptr || std::string(lower) != "0";
  const double t_load = Now();
  auto tokenizer = LoadWordPieceVocab(argv[1], options);
  if (!tokenizer.ok()) {
    std::fprintf(stderr, "%s\n", tokenizer.status().ToString().c_str());
    return 1;
  }
  const double load_s = Now() - t_load;
  auto text = ReadFile(argv[2]);
  if (!text.ok()) return 1;
  std::vector<absl::string_view> lines;
  for (size_t pos = 0; pos < text->size();) {
    size_t nl = text->find('\n', pos);
    if (nl == std::string::npos) nl = text->size();
    lines.emplace_back(text->data() + pos, nl - pos);
    pos = nl + 1;
  }
  EncodeOptions encode_options;
  encode_options.with_offsets = false;
  encode_options.allow_special = true;  // HF always matches added tokens.
  std::vector<TokenId> ids;
  const char* rep = std::getenv("REPEAT");
  const int repeat = std::max(1, rep ? std::atoi(rep) : 1);
  size_t total = 0;
  double best = 1e30;
  for (int r = 0; r < repeat; ++r) {
    total = 0;
    const double t0 = Now();
    for (const absl::string_view line : lines) {
      ids.clear();
      (void)(*tokenizer)->EncodeIds(line, encode_options, &ids);
      total += ids.size();
    }
    best = std::min(best, Now() - t0);
  }
  if (argc == 4) {
    FILE* f = std::fopen(argv[3], "w");
    if (f == nullptr) return 1;
    for (const absl::string_view line : lines) {
      ids.clear();
      (void)(*tokenizer)->EncodeIds(line, encode_options, &ids);
      for (size_t i = 0; i < ids.size(); ++i) std::fprintf(f, i ? " %d" : "%d", ids[i]);
      std::fputc('\n', f);
    }
    std::fclose(f);
  }
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  std::printf(
      "RESULT encode tool=ours tokenizer=bert-wordpiece bytes=%zu lines=%zu "
      "tokens=%zu load_s=%.3f encode_s=%.3f mb_s=%.2f peak_rss_mb=%.1f\n",
      text->size(), lines.size(), total, load_s, best, text->size() / 1e6 / best,
      ru.ru_maxrss / 1024.0);
  return 0;
}
