// model/data.h
//
// Token streams for training and evaluation. The model sees token ids
// only: a stream plus, for evaluation, the number of UTF-8 bytes the
// predicted tokens stand for (model.md 2.1). The byte-level path needs no
// tokenizer: every byte is its own id (vocabulary 256).
//
//   std::vector<TokenId> ids = BytesToTokens(text);
//   TextSplit split = SplitByteLevel(text, /*val_fraction=*/0.1);
//   TokenLoader loader(split.train, /*batch=*/12, /*seq_len=*/64, seed);
//   loader.Batch(step, &inputs, &targets);

#ifndef TOKENFORGE_MODEL_DATA_H_
#define TOKENFORGE_MODEL_DATA_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "model/ops.h"

namespace tokenforge {

// Returns one id per byte (0..255).
std::vector<TokenId> BytesToTokens(absl::string_view text);

// Reads a raw little-endian token file of uint16 (width 2) or uint32
// (width 4) ids. kInvalidArgument for another width or a size that is not
// a multiple of it.
absl::StatusOr<std::vector<TokenId>> ReadTokenFile(absl::string_view path,
                                                   int width);

// A training stream and an evaluation stream. The evaluation stream begins
// with up to `context` tokens of the training text so that every
// validation token is predicted with context; only positions from
// first_predicted on are scored, and val_bytes counts exactly the bytes of
// those tokens.
struct TextSplit {
  std::vector<TokenId> train;
  std::vector<TokenId> val;  // Context prefix + validation tokens.
  int64_t first_predicted = 0;
  int64_t val_bytes = 0;
};

// Byte level: the first (1 - val_fraction) of the bytes train, the rest
// validate (nanoGPT's shakespeare_char split). REQUIRES the caller to pass
// 0 < val_fraction < 1; kInvalidArgument when either part would be < 2.
absl::StatusOr<TextSplit> SplitByteLevel(absl::string_view text,
                                         double val_fraction);

// Token level: `train` and `val` are the token ids of the two parts of a
// text (tokenized separately, so no token spans the cut) and val_bytes the
// UTF-8 byte count of the validation text. The evaluation stream gets the
// last `context` training tokens as its prefix.
TextSplit SplitTokens(std::vector<TokenId> train, absl::Span<const TokenId> val,
                      int64_t val_bytes, int64_t context = 1024);

// Draws training windows: batch element b of step s starts at a position
// chosen by a generator seeded from (seed, s, b), so batches do not depend
// on history and a resumed run sees the same data as an uninterrupted one.
class TokenLoader {
 public:
  // REQUIRES: tokens.size() > seq_len; tokens outlive the loader.
  TokenLoader(absl::Span<const TokenId> tokens, int64_t batch_size,
              int64_t seq_len, uint64_t seed);
  // Fills inputs and targets (batch_size * seq_len each, targets shifted
  // by one).
  void Batch(int64_t step, std::vector<TokenId>* inputs,
             std::vector<TokenId>* targets) const;

 private:
  absl::Span<const TokenId> tokens_;
  int64_t batch_size_, seq_len_;
  uint64_t seed_;
};

}  // namespace tokenforge

#endif  // TOKENFORGE_MODEL_DATA_H_
