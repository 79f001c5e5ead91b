// tests/fuzz/tiktoken_ranks_fuzzer.cc
//
// tiktoken rank files ("<base64 token> <rank>" per line): ParseTiktokenRanks
// must return ranks or a Status on any bytes. Ranks it accepts are given to
// BpeModel::FromRanks, which must also answer with a Status (duplicate
// tokens, huge ranks); a model it builds must encode the input losslessly.
//
// Replayed by ctest over corpus/tiktoken_ranks_fuzzer/.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/status_macros.h"
#include "tokenizers/io/tiktoken_file.h"
#include "tokenizers/models/bpe_model.h"
#include "tokenizers/tokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tokenforge;  // NOLINT: a fuzz target, not library code.
  if (size > (64 << 10)) return 0;
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<std::vector<std::pair<std::string, TokenId>>> ranks =
      ParseTiktokenRanks(text, "fuzz.tiktoken");
  if (!ranks.ok()) return 0;
  for (const auto& [token, rank] : *ranks) TF_CHECK(rank >= 0);

  // FromRanks needs every byte as a token; add the missing ones after the
  // largest rank so that the model can encode anything.
  // Ranks near INT32_MAX are legal in the file; leave room for 256 more.
  std::vector<bool> have(256, false);
  int64_t next = 0;
  for (const auto& [token, rank] : *ranks) {
    if (token.size() == 1) have[static_cast<uint8_t>(token[0])] = true;
    next = std::max<int64_t>(next, int64_t{rank} + 1);
  }
  for (int b = 0; b < 256 && next <= INT32_MAX; ++b) {
    if (!have[b]) {
      ranks->emplace_back(std::string(1, static_cast<char>(b)), static_cast<TokenId>(next++));
    }
  }
  absl::StatusOr<std::unique_ptr<BpeModel>> model = BpeModel::FromRanks(*ranks);
  if (!model.ok()) return 0;
  const BpeModel* bpe = model->get();
  Tokenizer::Parts parts;
  parts.model = *std::move(model);
  absl::StatusOr<std::unique_ptr<Tokenizer>> tokenizer = Tokenizer::Create(std::move(parts));
  if (!tokenizer.ok()) return 0;
  const absl::string_view sample = text.substr(0, 256);
  std::vector<TokenId> ids;
  TF_CHECK((*tokenizer)->EncodeIds(sample, {}, &ids).ok());
  std::string bytes;
  for (TokenId id : ids) absl::StrAppend(&bytes, bpe->TokenBytes(id));
  TF_CHECK(bytes == sample);
  return 0;
}
