// tests/fuzz/merges_txt_fuzzer.cc
//
// GPT-2 merges.txt ("#version" line, then "left right" per line):
// ParseMergesTxt must return merges or a Status on any bytes, and every
// merge it returns has two non-empty parts split at the line's one space
// (a leading space belongs to the left part).
//
// Replayed by ctest over corpus/merges_txt_fuzzer/.

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "common/status_macros.h"
#include "tokenizers/io/gpt2_files.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > (64 << 10)) return 0;
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  const absl::StatusOr<std::vector<std::pair<std::string, std::string>>> merges =
      tokenforge::ParseMergesTxt(text, "merges.txt");
  if (!merges.ok()) return 0;
  for (const auto& [left, right] : *merges) {
    TF_CHECK(!left.empty() && !right.empty());
    TF_CHECK(left.find(' ', 1) == std::string::npos);
    TF_CHECK(right.find(' ') == std::string::npos);
    TF_CHECK(left.size() + right.size() < size);
  }
  return 0;
}
