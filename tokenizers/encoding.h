// tokenizers/encoding.h
//
// The result of encoding one text: token ids with, per token, the byte span
// of the caller's text it came from, the index of the pre-tokenized word it
// belongs to, and the masks downstream models expect. Truncation and padding
// work on all fields together.
//
//   Encoding e = *tokenizer.Encode("Hello world");
//   e.ids        // {15496, 995}
//   e.offsets    // {{0, 5}, {5, 11}}
//   e.Truncate({.max_length = 1});
//   e.Pad({.length = 4, .pad_id = 0});

#ifndef TOKENFORGE_TOKENIZERS_ENCODING_H_
#define TOKENFORGE_TOKENIZERS_ENCODING_H_

#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "tokenizers/pipeline.h"

namespace tokenforge {

enum class Side { kRight, kLeft };

struct TruncationOptions {
  // Maximum number of tokens kept, special tokens included; 0 disables.
  uint32_t max_length = 0;
  // Tokens repeated between consecutive overflowing pieces.
  uint32_t stride = 0;
  // Which end loses tokens.
  Side direction = Side::kRight;

  absl::Status Validate() const;
};

struct PaddingOptions {
  // Pad to this many tokens; 0 pads to the longest in a batch.
  uint32_t length = 0;
  // Round the padded length up to a multiple of this; 0 or 1 disables.
  uint32_t pad_to_multiple_of = 0;
  TokenId pad_id = 0;
  uint8_t pad_type_id = 0;
  Side direction = Side::kRight;
};

struct Encoding {
  std::vector<TokenId> ids;
  std::vector<uint8_t> type_ids;
  // Byte spans into the original text (the text passed to Encode).
  std::vector<ByteSpan> offsets;
  // Index of the pre-tokenized word of each token; -1 for special tokens and
  // padding.
  std::vector<int32_t> word_ids;
  std::vector<uint8_t> special_tokens_mask;
  std::vector<uint8_t> attention_mask;
  // Pieces cut off by Truncate(), each a full Encoding (with stride overlap).
  std::vector<Encoding> overflowing;

  size_t size() const { return ids.size(); }
  void Reserve(size_t n);
  // Appends one token.
  void Append(TokenId id, ByteSpan offset, int32_t word_id, bool special,
              uint8_t type_id = 0);
  // Appends all tokens of `other`, setting their type id to `type_id`.
  void Extend(const Encoding& other, uint8_t type_id);
  // Keeps at most options.max_length tokens; the rest go to `overflowing`.
  void Truncate(const TruncationOptions& options);
  // Pads to options.length (or `batch_longest` when that is 0).
  void Pad(const PaddingOptions& options, uint32_t batch_longest = 0);
};

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_ENCODING_H_
