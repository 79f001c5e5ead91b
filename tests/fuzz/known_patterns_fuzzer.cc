// tests/fuzz/known_patterns_fuzzer.cc
//
// The hand-written splitters of tokenizers/pre_tokenizers/known_patterns.h
// on arbitrary bytes (invalid UTF-8 included):
//   - the pieces tile the input exactly, in order, none empty, shifted by
//     the given base;
//   - on inputs up to kMaxReferenceInput bytes they equal the matches of
//     the slow backtracking reference (tests/testing/backtracking_regex.h)
//     compiled from the published regex.
// Byte 0 picks the pattern; the rest is the text.
//
// Replayed by ctest over corpus/known_patterns_fuzzer/.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/strings/string_view.h"
#include "common/status_macros.h"
#include "tests/testing/backtracking_regex.h"
#include "tokenizers/pre_tokenizers/known_patterns.h"

namespace tokenforge {
namespace {

// The reference is exponential in the worst case and recursive.
constexpr size_t kMaxReferenceInput = 512;

constexpr KnownPattern kPatterns[] = {KnownPattern::kGpt2, KnownPattern::kCl100k,
                                      KnownPattern::kO200k, KnownPattern::kLlama3,
                                      KnownPattern::kCl100kPossessive};

const testing::BacktrackingRegex& Reference(size_t index) {
  static const auto* const references = [] {
    auto* all = new std::vector<testing::BacktrackingRegex>();
    for (KnownPattern p : kPatterns) {
      absl::StatusOr<testing::BacktrackingRegex> re =
          testing::BacktrackingRegex::Compile(KnownPatternRegex(p));
      TF_CHECK(re.ok());
      all->push_back(*std::move(re));
    }
    return all;
  }();
  return (*references)[index];
}

}  // namespace
}  // namespace tokenforge

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using tokenforge::ByteSpan;
  if (size == 0 || size > 8192) return 0;
  const size_t index = data[0] % std::size(tokenforge::kPatterns);
  const absl::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  constexpr uint32_t kBase = 1000;

  std::vector<ByteSpan> pieces;
  tokenforge::SplitKnownPattern(tokenforge::kPatterns[index], text, &pieces, kBase);
  uint32_t end = kBase;
  for (const ByteSpan& piece : pieces) {
    TF_CHECK(piece.begin == end);
    TF_CHECK(piece.end > piece.begin);
    end = piece.end;
  }
  TF_CHECK(end == kBase + text.size());

  if (text.size() <= tokenforge::kMaxReferenceInput) {
    const std::vector<ByteSpan> expected = tokenforge::Reference(index).FindAll(text);
    TF_CHECK(expected.size() == pieces.size());
    for (size_t i = 0; i < pieces.size(); ++i) {
      TF_CHECK(expected[i].begin + kBase == pieces[i].begin);
      TF_CHECK(expected[i].end + kBase == pieces[i].end);
    }
  }
  return 0;
}
