// tokenizers/post_processors/piece_processor.h
//
// The machinery shared by tokenforge's post-processors, after HF's
// PostProcessor::process: a processor first rewrites the list of input
// encodings ({A} or {A, B}) into a list of pieces ("process_encodings":
// [CLS], A, [SEP], B, [SEP]), and only then are the pieces merged into one
// Encoding. Sequence relies on the split: it runs every step's
// ProcessPieces on the same list and merges once at the end, as HF does.
//
// Merging follows HF's Encoding::merge_with, overflowing pieces included:
// for pieces X then Y the overflowing list is, in order, (x_o + Y) and
// (x_o + y_o) for every x_o, then (X + y_o) for every y_o.

#ifndef TOKENFORGE_TOKENIZERS_POST_PROCESSORS_PIECE_PROCESSOR_H_
#define TOKENFORGE_TOKENIZERS_POST_PROCESSORS_PIECE_PROCESSOR_H_

#include <vector>

#include "tokenizers/encoding.h"
#include "tokenizers/pipeline.h"

namespace tokenforge {

class PieceProcessor : public PostProcessor {
 public:
  // Rewrites *pieces in place; on entry it holds the sequences {A} or
  // {A, B}. Returns kInvalidArgument for any other count. Without
  // `add_special_tokens` only the type ids change, as in HF (templates still
  // set them; Roberta sets 0; Bert leaves them).
  virtual absl::Status ProcessPieces(std::vector<Encoding>* pieces,
                                     bool add_special_tokens) const = 0;

  // Process(encoding, pair, /*add_special_tokens=*/true).
  absl::Status Process(Encoding* encoding, Encoding* pair) const final;

  // ProcessPieces on {*encoding, *pair}, then merges the pieces into
  // *encoding. The pair's type ids are first set to 1, as HF's encode_pair
  // does. `pair` (may be null) is left in an unspecified state. This is
  // HF's post_process(encoding, pair, add_special_tokens).
  absl::Status Process(Encoding* encoding, Encoding* pair,
                       bool add_special_tokens) const;
};

// Appends all tokens of `pair` (type ids kept) to *self and combines the
// overflowing pieces as HF's Encoding::merge_with does.
void MergeEncodings(Encoding* self, const Encoding& pair);

// Sets every type id of *e, and of its overflowing pieces, to `type_id`.
void SetTypeIds(Encoding* e, uint8_t type_id);

// Returns an Encoding of special tokens: offsets {0, 0}, word id -1,
// special mask 1.
Encoding SpecialTokensEncoding(const std::vector<TokenId>& ids, uint8_t type_id);

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_POST_PROCESSORS_PIECE_PROCESSOR_H_
