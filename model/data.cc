// model/data.cc

#include "model/data.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "common/file.h"
#include "common/random.h"
#include "common/status_macros.h"

namespace tokenforge {

std::vector<TokenId> BytesToTokens(absl::string_view text) {
  std::vector<TokenId> ids(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    ids[i] = static_cast<unsigned char>(text[i]);
  }
  return ids;
}

absl::StatusOr<std::vector<TokenId>> ReadTokenFile(absl::string_view path,
                                                   int width) {
  if (width != 2 && width != 4) {
    return absl::InvalidArgumentError(
        absl::StrCat("token width must be 2 or 4 bytes, got ", width));
  }
  TF_ASSIGN_OR_RETURN(std::string raw, ReadFile(path));
  if (raw.size() % width != 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        path, ": size ", raw.size(), " is not a multiple of ", width));
  }
  std::vector<TokenId> ids(raw.size() / width);
  const auto* bytes = reinterpret_cast<const unsigned char*>(raw.data());
  for (size_t i = 0; i < ids.size(); ++i) {
    uint32_t v = 0;
    for (int b = width - 1; b >= 0; --b) v = (v << 8) | bytes[i * width + b];
    if (v > static_cast<uint32_t>(INT32_MAX)) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ": token ", i, " id ", v, " exceeds int32"));
    }
    ids[i] = static_cast<TokenId>(v);
  }
  return ids;
}

absl::StatusOr<TextSplit> SplitByteLevel(absl::string_view text,
                                         double val_fraction) {
  if (!(val_fraction > 0 && val_fraction < 1)) {
    return absl::InvalidArgumentError(
        absl::StrCat("val_fraction must be in (0, 1), got ", val_fraction));
  }
  // nanoGPT: n = len(data); train = data[:int(n * 0.9)].
  const size_t n_train = static_cast<size_t>(text.size() * (1 - val_fraction));
  if (n_train < 2 || text.size() - n_train < 2) {
    return absl::InvalidArgumentError(absl::StrCat(
        "corpus of ", text.size(), " bytes is too small to split"));
  }
  TextSplit split;
  split.train = BytesToTokens(text.substr(0, n_train));
  // Context prefix: the last 1024 training bytes (enough for any
  // context_length used here); the evaluator uses what it needs.
  const size_t prefix = std::min<size_t>(n_train, 1024);
  split.val = BytesToTokens(text.substr(n_train - prefix));
  split.first_predicted = static_cast<int64_t>(prefix);
  split.val_bytes = static_cast<int64_t>(text.size() - n_train);
  return split;
}

TextSplit SplitTokens(std::vector<TokenId> train, absl::Span<const TokenId> val,
                      int64_t val_bytes, int64_t context) {
  TextSplit split;
  const int64_t prefix =
      std::min<int64_t>(context, static_cast<int64_t>(train.size()));
  split.val.assign(train.end() - prefix, train.end());
  split.val.insert(split.val.end(), val.begin(), val.end());
  split.first_predicted = prefix;
  split.val_bytes = val_bytes;
  split.train = std::move(train);
  return split;
}

TokenLoader::TokenLoader(absl::Span<const TokenId> tokens, int64_t batch_size,
                         int64_t seq_len, uint64_t seed)
    : tokens_(tokens), batch_size_(batch_size), seq_len_(seq_len), seed_(seed) {
  TF_CHECK(static_cast<int64_t>(tokens.size()) > seq_len);
}

void TokenLoader::Batch(int64_t step, std::vector<TokenId>* inputs,
                        std::vector<TokenId>* targets) const {
  inputs->resize(batch_size_ * seq_len_);
  targets->resize(batch_size_ * seq_len_);
  Rng rng(seed_ ^ (0x9e3779b97f4a7c15ULL * static_cast<uint64_t>(step + 1)));
  const uint64_t starts = tokens_.size() - seq_len_;
  for (int64_t b = 0; b < batch_size_; ++b) {
    const int64_t s = static_cast<int64_t>(rng.Below(starts));
    std::copy_n(tokens_.begin() + s, seq_len_, inputs->begin() + b * seq_len_);
    std::copy_n(tokens_.begin() + s + 1, seq_len_,
                targets->begin() + b * seq_len_);
  }
}

}  // namespace tokenforge
