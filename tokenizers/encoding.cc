#include "tokenizers/encoding.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace tokenforge {

absl::Status TruncationOptions::Validate() const {
  if (max_length > 0 && stride >= max_length) {
    return absl::InvalidArgumentError(absl::StrCat(
        "truncation stride must be < max_length, got stride ", stride,
        " and max_length ", max_length));
  }
  return absl::OkStatus();
}

void Encoding::Reserve(size_t n) {
  ids.reserve(n);
  type_ids.reserve(n);
  offsets.reserve(n);
  word_ids.reserve(n);
  special_tokens_mask.reserve(n);
  attention_mask.reserve(n);
}

void Encoding::Append(TokenId id, ByteSpan offset, int32_t word_id,
                      bool special, uint8_t type_id) {
  ids.push_back(id);
  type_ids.push_back(type_id);
  offsets.push_back(offset);
  word_ids.push_back(word_id);
  special_tokens_mask.push_back(special ? 1 : 0);
  attention_mask.push_back(1);
}

void Encoding::Extend(const Encoding& other, uint8_t type_id) {
  ids.insert(ids.end(), other.ids.begin(), other.ids.end());
  type_ids.insert(type_ids.end(), other.size(), type_id);
  offsets.insert(offsets.end(), other.offsets.begin(), other.offsets.end());
  word_ids.insert(word_ids.end(), other.word_ids.begin(), other.word_ids.end());
  special_tokens_mask.insert(special_tokens_mask.end(),
                             other.special_tokens_mask.begin(),
                             other.special_tokens_mask.end());
  attention_mask.insert(attention_mask.end(), other.attention_mask.begin(),
                        other.attention_mask.end());
}

namespace {

// Returns tokens [begin, end) of `e` as a new Encoding.
Encoding Range(const Encoding& e, size_t begin, size_t end) {
  Encoding out;
  auto cut = [&](const auto& v, auto* dst) {
    dst->assign(v.begin() + static_cast<ptrdiff_t>(begin),
                v.begin() + static_cast<ptrdiff_t>(end));
  };
  cut(e.ids, &out.ids);
  cut(e.type_ids, &out.type_ids);
  cut(e.offsets, &out.offsets);
  cut(e.word_ids, &out.word_ids);
  cut(e.special_tokens_mask, &out.special_tokens_mask);
  cut(e.attention_mask, &out.attention_mask);
  return out;
}

}  // namespace

void Encoding::Truncate(const TruncationOptions& options) {
  const size_t max = options.max_length;
  if (max == 0 || size() <= max) return;
  // Windows of `max` tokens advancing by max - stride, as in HF.
  const size_t step = max - std::min<size_t>(options.stride, max - 1);
  std::vector<Encoding> pieces;
  if (options.direction == Side::kRight) {
    for (size_t begin = 0;; begin += step) {
      const size_t end = std::min(size(), begin + max);
      pieces.push_back(Range(*this, begin, end));
      if (end == size()) break;
    }
  } else {
    for (size_t end = size();; end -= std::min(end, step)) {
      const size_t begin = end > max ? end - max : 0;
      pieces.push_back(Range(*this, begin, end));
      if (begin == 0) break;
    }
  }
  Encoding first = std::move(pieces.front());
  first.overflowing.assign(std::make_move_iterator(pieces.begin() + 1),
                           std::make_move_iterator(pieces.end()));
  *this = std::move(first);
}

void Encoding::Pad(const PaddingOptions& options, uint32_t batch_longest) {
  size_t target = options.length > 0 ? options.length : batch_longest;
  if (options.pad_to_multiple_of > 1 && target % options.pad_to_multiple_of) {
    target += options.pad_to_multiple_of - target % options.pad_to_multiple_of;
  }
  if (size() >= target) return;
  const size_t n = target - size();
  const bool left = options.direction == Side::kLeft;
  auto pad = [&](auto* v, auto value) {
    v->insert(left ? v->begin() : v->end(), n, value);
  };
  pad(&ids, options.pad_id);
  pad(&type_ids, options.pad_type_id);
  pad(&offsets, ByteSpan{});
  pad(&word_ids, int32_t{-1});
  pad(&special_tokens_mask, uint8_t{1});
  pad(&attention_mask, uint8_t{0});
  for (Encoding& o : overflowing) o.Pad(options, batch_longest);
}

}  // namespace tokenforge
