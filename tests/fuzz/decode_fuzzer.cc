// tests/fuzz/decode_fuzzer.cc
//
// Decode with arbitrary ids must return text or kOutOfRange, never crash:
// kOutOfRange exactly when some id is outside the vocabulary, and text
// whenever all ids are inside it (decoders do not reject token sequences,
// as in HF). Runs every pipeline of DecoderTokenizers(), whose decoders
// cover ByteLevel, WordPiece, CTC, Replace, ByteFallback, Fuse, Strip and
// Metaspace.
//
// Input: byte 0 picks the pipeline (and bit 7 skip_special_tokens); then
// each 2 bytes are one id, mostly inside the vocabulary and its edges
// (-4 .. vocab_size + 3), with 0xFFFF and 0xFFFE standing for INT32_MAX
// and INT32_MIN.
//
// Replayed by ctest over corpus/decode_fuzzer/.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "common/status_macros.h"
#include "tests/fuzz/fuzz_tokenizers.h"
#include "tokenizers/tokenizer.h"

namespace tokenforge {
namespace {

TokenId IdFromBytes(uint8_t hi, uint8_t lo, int vocab_size) {
  const uint32_t v = (uint32_t{hi} << 8) | lo;
  if (v == 0xFFFF) return std::numeric_limits<TokenId>::max();
  if (v == 0xFFFE) return std::numeric_limits<TokenId>::min();
  return static_cast<TokenId>(v % static_cast<uint32_t>(vocab_size + 8)) - 4;
}

// True if `id` names a token: in the model's range or an added token.
bool IsKnown(const Tokenizer& tokenizer, TokenId id) {
  return tokenizer.IdToToken(id).ok();
}

}  // namespace
}  // namespace tokenforge

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using tokenforge::TokenId;
  if (size == 0 || size > 4096) return 0;
  const auto& tokenizers = tokenforge::fuzz::DecoderTokenizers();
  const tokenforge::Tokenizer& tokenizer = *tokenizers[(data[0] & 0x7F) % tokenizers.size()];
  const bool skip_special_tokens = (data[0] & 0x80) != 0;

  std::vector<TokenId> ids;
  bool all_known = true;
  for (size_t i = 1; i + 1 < size; i += 2) {
    ids.push_back(tokenforge::IdFromBytes(data[i], data[i + 1], tokenizer.vocab_size()));
    all_known = all_known && tokenforge::IsKnown(tokenizer, ids.back());
  }
  const absl::StatusOr<std::string> text = tokenizer.Decode(ids, skip_special_tokens);
  if (all_known) {
    TF_CHECK(text.ok());
  } else {
    TF_CHECK(text.status().code() == absl::StatusCode::kOutOfRange);
  }
  return 0;
}
