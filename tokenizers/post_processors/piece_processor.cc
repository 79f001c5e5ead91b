#include "tokenizers/post_processors/piece_processor.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"

namespace tokenforge {
namespace {

template <typename T>
void AppendAll(const std::vector<T>& from, std::vector<T>* to) {
  to->insert(to->end(), from.begin(), from.end());
}

}  // namespace

void MergeEncodings(Encoding* self, const Encoding& pair) {
  std::vector<Encoding> overflowings;
  for (const Encoding& self_o : self->overflowing) {
    Encoding with_pair = self_o;
    MergeEncodings(&with_pair, pair);
    overflowings.push_back(std::move(with_pair));
    for (const Encoding& pair_o : pair.overflowing) {
      Encoding both = self_o;
      MergeEncodings(&both, pair_o);
      overflowings.push_back(std::move(both));
    }
  }
  for (const Encoding& pair_o : pair.overflowing) {
    Encoding with_self = *self;
    MergeEncodings(&with_self, pair_o);
    overflowings.push_back(std::move(with_self));
  }
  AppendAll(pair.ids, &self->ids);
  AppendAll(pair.type_ids, &self->type_ids);
  AppendAll(pair.offsets, &self->offsets);
  AppendAll(pair.word_ids, &self->word_ids);
  AppendAll(pair.special_tokens_mask, &self->special_tokens_mask);
  AppendAll(pair.attention_mask, &self->attention_mask);
  self->overflowing = std::move(overflowings);
}

void SetTypeIds(Encoding* e, uint8_t type_id) {
  e->type_ids.assign(e->ids.size(), type_id);
  for (Encoding& o : e->overflowing) SetTypeIds(&o, type_id);
}

Encoding SpecialTokensEncoding(const std::vector<TokenId>& ids, uint8_t type_id) {
  Encoding e;
  e.Reserve(ids.size());
  for (const TokenId id : ids) {
    e.Append(id, ByteSpan{0, 0}, /*word_id=*/-1, /*special=*/true, type_id);
  }
  return e;
}

absl::Status PieceProcessor::Process(Encoding* encoding, Encoding* pair) const {
  return Process(encoding, pair, /*add_special_tokens=*/true);
}

absl::Status PieceProcessor::Process(Encoding* encoding, Encoding* pair,
                                     bool add_special_tokens) const {
  std::vector<Encoding> pieces;
  pieces.reserve(pair != nullptr ? 5 : 3);
  pieces.push_back(std::move(*encoding));
  if (pair != nullptr) {
    // HF encodes the second sequence with type id 1 before post-processing;
    // processors that keep type ids (ByteLevel) rely on it.
    pieces.push_back(std::move(*pair));
    SetTypeIds(&pieces.back(), 1);
  }
  TF_RETURN_IF_ERROR(ProcessPieces(&pieces, add_special_tokens));
  if (pieces.empty()) {
    *encoding = Encoding();
    return absl::OkStatus();
  }
  Encoding merged = std::move(pieces[0]);
  for (size_t i = 1; i < pieces.size(); ++i) MergeEncodings(&merged, pieces[i]);
  *encoding = std::move(merged);
  return absl::OkStatus();
}

}  // namespace tokenforge
