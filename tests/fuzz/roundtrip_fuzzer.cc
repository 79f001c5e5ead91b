// tests/fuzz/roundtrip_fuzzer.cc
//
// Byte-level BPE is lossless: for every byte string x and every pipeline
// of LosslessTokenizers() (fuzz_tokenizers.h),
//   - Decode(Encode(x)) == x, with and without allow_special;
//   - EncodeIds (the id-only fast path) gives the same ids as Encode;
//   - the offsets tile x: each token's span starts where the previous one
//     ended, none is empty, and together they cover [0, x.size()).
// The first input byte picks the pipeline and the options (RE2's habit of
// deriving options from the input); the rest is the text.
//
// Replayed by ctest over corpus/roundtrip_fuzzer/.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "common/status_macros.h"
#include "tests/fuzz/fuzz_tokenizers.h"
#include "tokenizers/tokenizer.h"

namespace tokenforge {
namespace {

void CheckRoundTrip(const Tokenizer& tokenizer, absl::string_view text,
                    bool allow_special) {
  EncodeOptions options;
  options.allow_special = allow_special;
  const absl::StatusOr<Encoding> encoding = tokenizer.Encode(text, options);
  TF_CHECK(encoding.ok());
  const absl::StatusOr<std::string> decoded = tokenizer.Decode(encoding->ids);
  TF_CHECK(decoded.ok());
  TF_CHECK(*decoded == text);

  std::vector<TokenId> ids;
  options.with_offsets = false;
  TF_CHECK(tokenizer.EncodeIds(text, options, &ids).ok());
  TF_CHECK(ids == encoding->ids);

  TF_CHECK(encoding->offsets.size() == encoding->ids.size());
  uint32_t end = 0;
  for (const ByteSpan& span : encoding->offsets) {
    TF_CHECK(span.begin == end);
    TF_CHECK(span.end > span.begin);
    end = span.end;
  }
  TF_CHECK(end == text.size());
}

}  // namespace
}  // namespace tokenforge

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > 4096) return 0;  // Longer inputs only slow the search.
  const auto& tokenizers = tokenforge::fuzz::LosslessTokenizers();
  const uint8_t selector = data[0];
  const tokenforge::Tokenizer& tokenizer = *tokenizers[selector % tokenizers.size()];
  const absl::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  tokenforge::CheckRoundTrip(tokenizer, text, /*allow_special=*/(selector & 0x80) != 0);
  return 0;
}
