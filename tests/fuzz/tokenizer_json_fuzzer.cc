// tests/fuzz/tokenizer_json_fuzzer.cc
//
// HF tokenizer.json is the largest input surface we parse. On arbitrary
// bytes TokenizerFromJson must return a Status, never crash, throw or hang;
// a tokenizer it accepts must encode and decode a fixed text without
// crashing, and must survive a TokenizerToJson -> TokenizerFromJson round
// trip (what we accept we can save and load again).
//
// Replayed by ctest over corpus/tokenizer_json_fuzzer/.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "common/status_macros.h"
#include "nlohmann/json.hpp"
#include "tokenizers/io/tokenizer_json.h"
#include "tokenizers/tokenizer.h"

namespace tokenforge {
namespace {

// Longer documents only slow the search down.
constexpr size_t kMaxInput = 16 << 10;

void Exercise(const Tokenizer& tokenizer) {
  for (const bool allow_special : {false, true}) {
    const EncodeOptions options = {.add_special_tokens = true,
                                   .allow_special = allow_special};
    absl::StatusOr<Encoding> encoding =
        tokenizer.Encode("Hello, world! 123 <s> caf\xC3\xA9 \xFF", options);
    if (!encoding.ok()) continue;
    // Ids from Encode are in the vocabulary, so Decode must accept them.
    const absl::StatusOr<std::string> decoded = tokenizer.Decode(encoding->ids);
    TF_CHECK(decoded.ok() || decoded.status().code() != absl::StatusCode::kOutOfRange);
  }
}

}  // namespace
}  // namespace tokenforge

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using tokenforge::Tokenizer;
  if (size > tokenforge::kMaxInput) return 0;
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  const nlohmann::json json =
      nlohmann::json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return 0;

  absl::StatusOr<std::unique_ptr<Tokenizer>> tokenizer = tokenforge::TokenizerFromJson(json);
  if (!tokenizer.ok()) return 0;  // Rejecting input is fine; crashing is not.
  tokenforge::Exercise(**tokenizer);

  const absl::StatusOr<std::unique_ptr<Tokenizer>> reloaded =
      tokenforge::TokenizerFromJson(tokenforge::TokenizerToJson(**tokenizer));
  TF_CHECK(reloaded.ok());
  TF_CHECK((*reloaded)->vocab_size() == (*tokenizer)->vocab_size());
  return 0;
}
