// bench/pretok/pretok_bench.cc
//
// Speed and offline exactness checks of the known-pattern splitters.
//
//   pretok_bench speed FILE...          MB/s of each splitter on each file
//                                       (whole file as one text, best of 5),
//                                       then on 1 MB adversarial inputs.
//   pretok_bench check PATTERN FILE EXPECTED
//                                       compares with node_split.js output.
//   pretok_bench ref PATTERN FILE       compares every line of FILE with the
//                                       backtracking reference matcher.
//
// PATTERN is gpt2, cl100k, cl100k_possessive or o200k. Exit status 0 means
// no mismatch. corpus_check.sh runs check and ref over all shared corpora.

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/file.h"
#include "common/random.h"
#include "nlohmann/json.hpp"
#include "tests/testing/backtracking_regex.h"
#include "tokenizers/normalized_string.h"
#include "tokenizers/pre_tokenizers/pre_tokenizer_factory.h"
#include "tokenizers/pre_tokenizers/known_patterns.h"

namespace tokenforge {
namespace {

struct Named {
  const char* name;
  KnownPattern pattern;
};
constexpr Named kPatterns[] = {
    {"gpt2", KnownPattern::kGpt2},
    {"cl100k", KnownPattern::kCl100k},
    {"cl100k_possessive", KnownPattern::kCl100kPossessive},
    {"o200k", KnownPattern::kO200k},
};

bool Lookup(absl::string_view name, KnownPattern* pattern) {
  for (const Named& n : kPatterns) {
    if (name == n.name) {
      *pattern = n.pattern;
      return true;
    }
  }
  std::fprintf(stderr, "unknown pattern %s\n", std::string(name).c_str());
  return false;
}

double SecondsToSplit(KnownPattern pattern, absl::string_view text,
                      size_t* num_pieces) {
  double best = 1e30;
  std::vector<ByteSpan> pieces;
  for (int rep = 0; rep < 5; ++rep) {
    pieces.clear();
    const auto start = std::chrono::steady_clock::now();
    SplitKnownPattern(pattern, text, &pieces);
    const std::chrono::duration<double> took =
        std::chrono::steady_clock::now() - start;
    best = std::min(best, took.count());
  }
  *num_pieces = pieces.size();
  return best;
}

void ReportSpeed(absl::string_view label, absl::string_view text) {
  for (const Named& n : kPatterns) {
    size_t pieces = 0;
    const double s = SecondsToSplit(n.pattern, text, &pieces);
    std::printf("%-40s %-18s %9zu pieces %8.1f MB/s\n",
                std::string(label).c_str(), n.name, pieces,
                text.size() / 1e6 / s);
  }
}

std::vector<std::pair<std::string, std::string>> AdversarialInputs() {
  constexpr size_t kSize = 1 << 20;
  Rng rng(/*seed=*/1);
  std::string random_letters(kSize, 'a'), random_bytes(kSize, '\0'),
      upper_lower(kSize, 'A');
  for (char& c : random_letters) c = static_cast<char>('a' + rng.Below(26));
  for (char& c : random_bytes) c = static_cast<char>(rng.Below(256));
  for (size_t i = 0; i < kSize; ++i) upper_lower[i] = i % 7 == 6 ? 'b' : 'B';
  std::string cjk;
  while (cjk.size() < kSize)
    cjk +=
        "\xE4\xB8\xAD\xCC\x81"
        "A";
  return {{"1MB 'a'", std::string(kSize, 'a')},
          {"1MB random a-z", random_letters},
          {"1MB spaces", std::string(kSize, ' ')},
          {"1MB newlines+spaces",
           std::string(kSize / 2, '\n') + std::string(kSize / 2, ' ')},
          {"1MB random bytes", random_bytes},
          {"1MB BBBBBBb", upper_lower},
          {"1MB CJK+mark+A", cjk}};
}

// MB/s of whole pre-tokenizers built from tokenizer.json, run line by line
// as an encoder would (NormalizedString, words, Sequence overhead included).
void ReportPipelineSpeed(absl::string_view label, absl::string_view text) {
  const std::pair<const char*, nlohmann::json> kPipelines[] = {
      {"HF gpt2 ByteLevel",
       {{"type", "ByteLevel"}, {"add_prefix_space", false}}},
      {"tiktoken cl100k Split+ByteLevel",
       {{"type", "Sequence"},
        {"pretokenizers",
         {{{"type", "Split"},
           {"pattern",
            {{"Regex",
              std::string(KnownPatternRegex(KnownPattern::kCl100k))}}},
           {"behavior", "Isolated"},
           {"invert", false}},
          {{"type", "ByteLevel"},
           {"add_prefix_space", false},
           {"use_regex", false}}}}}},
  };
  const std::vector<absl::string_view> lines = absl::StrSplit(text, '\n');
  for (const auto& [name, json] : kPipelines) {
    auto pre_tokenizer = PreTokenizerFromJson(json);
    if (!pre_tokenizer.ok()) return;
    double best = 1e30;
    size_t pieces = 0;
    std::vector<ByteSpan> words;
    for (int rep = 0; rep < 3; ++rep) {
      pieces = 0;
      const auto start = std::chrono::steady_clock::now();
      for (absl::string_view line : lines) {
        NormalizedString normalized(line);
        words.assign(1, {0, static_cast<uint32_t>(line.size())});
        if (!(*pre_tokenizer)->PreTokenize(&normalized, &words).ok()) return;
        pieces += words.size();
      }
      const std::chrono::duration<double> took =
          std::chrono::steady_clock::now() - start;
      best = std::min(best, took.count());
    }
    std::printf("%-40s %-34s %9zu pieces %8.1f MB/s (per line)\n",
                std::string(label).c_str(), name, pieces,
                text.size() / 1e6 / best);
  }
}

int Speed(const std::vector<std::string>& files) {
  for (const std::string& file : files) {
    auto text = ReadFile(file);
    if (!text.ok()) {
      std::fprintf(stderr, "%s\n", text.status().ToString().c_str());
      return 1;
    }
    ReportSpeed(file.substr(file.rfind('/') + 1), *text);
    ReportPipelineSpeed(file.substr(file.rfind('/') + 1), *text);
  }
  for (const auto& [label, text] : AdversarialInputs()) {
    ReportSpeed(label, text);
  }
  return 0;
}

// The format of node_split.js: byte lengths of the pieces.
std::string Lengths(KnownPattern pattern, absl::string_view text) {
  std::vector<ByteSpan> pieces;
  SplitKnownPattern(pattern, text, &pieces);
  std::vector<uint32_t> lengths;
  for (const ByteSpan& p : pieces) lengths.push_back(p.size());
  return absl::StrJoin(lengths, " ");
}

int Check(KnownPattern pattern, const std::string& file,
          const std::string& expected_file) {
  auto text = ReadFile(file);
  auto expected = ReadFile(expected_file);
  if (!text.ok() || !expected.ok()) return 1;
  std::vector<std::string> lines = absl::StrSplit(*text, '\n');
  lines.push_back(*text);
  const std::vector<std::string> want = absl::StrSplit(*expected, '\n');
  size_t mismatches = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string got = Lengths(pattern, lines[i]);
    if (i >= want.size() || got != want[i]) {
      if (++mismatches <= 5) {
        std::printf("line %zu: \"%s\"\n  ours: %s\n  node: %s\n", i + 1,
                    absl::CEscape(lines[i].substr(0, 200)).c_str(),
                    got.substr(0, 200).c_str(),
                    i < want.size() ? want[i].substr(0, 200).c_str() : "-");
      }
    }
  }
  std::printf("check %s: %zu lines (+ whole file), %zu mismatches\n",
              file.c_str(), lines.size() - 1, mismatches);
  return mismatches == 0 ? 0 : 1;
}

int Reference(KnownPattern pattern, const std::string& file) {
  auto text = ReadFile(file);
  if (!text.ok()) return 1;
  auto reference =
      testing::BacktrackingRegex::Compile(KnownPatternRegex(pattern));
  if (!reference.ok()) return 1;
  size_t mismatches = 0, lines = 0;
  for (absl::string_view line : absl::StrSplit(*text, '\n')) {
    ++lines;
    std::vector<ByteSpan> fast;
    SplitKnownPattern(pattern, line, &fast);
    if (!(fast == reference->FindAll(line)) && ++mismatches <= 5) {
      std::printf("line %zu: \"%s\"\n", lines,
                  absl::CEscape(line.substr(0, 200)).c_str());
    }
  }
  std::printf("ref %s: %zu lines, %zu mismatches\n", file.c_str(), lines,
              mismatches);
  return mismatches == 0 ? 0 : 1;
}

int Main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  KnownPattern pattern;
  if (args.size() >= 2 && args[0] == "speed") {
    return Speed({args.begin() + 1, args.end()});
  }
  if (args.size() == 4 && args[0] == "check" && Lookup(args[1], &pattern)) {
    return Check(pattern, args[2], args[3]);
  }
  if (args.size() == 3 && args[0] == "ref" && Lookup(args[1], &pattern)) {
    return Reference(pattern, args[2]);
  }
  std::fprintf(stderr,
               "usage: pretok_bench speed FILE... | check PATTERN FILE "
               "EXPECTED | ref PATTERN FILE\n");
  return 2;
}

}  // namespace
}  // namespace tokenforge

int main(int argc, char** argv) { return tokenforge::Main(argc, argv); }
