#include "tokenizers/normalized_string.h"

#include <algorithm>
#include <utility>

#include "common/status_macros.h"

namespace tokenforge {

NormalizedString::NormalizedString(absl::string_view original)
    : original_(original), normalized_(original) {}

ByteSpan NormalizedString::ToOriginal(ByteSpan span) const {
  if (alignment_.empty()) return span;
  if (span.empty()) {
    if (span.begin < alignment_.size()) {
      const uint32_t at = alignment_[span.begin].begin;
      return {at, at};
    }
    const uint32_t at =
        alignment_.empty() ? static_cast<uint32_t>(original_.size())
                           : alignment_.back().end;
    return {at, at};
  }
  TF_CHECK(span.end <= alignment_.size());
  uint32_t begin = alignment_[span.begin].begin;
  uint32_t end = alignment_[span.end - 1].end;
  // Reordering normalizers (NFD of combining marks) may map later bytes to
  // earlier originals; take the hull.
  for (uint32_t i = span.begin; i < span.end; ++i) {
    begin = std::min(begin, alignment_[i].begin);
    end = std::max(end, alignment_[i].end);
  }
  return {begin, end};
}

void NormalizedString::Transform(NormalizedBuilder builder) {
  TF_CHECK(builder.source_ == this);
  if (builder.text_ == normalized_) {
    // Nothing changed; still compose, since alignment may have been
    // regrouped, unless the builder copied byte for byte.
    bool copied = true;
    for (size_t i = 0; i < builder.sources_.size() && copied; ++i) {
      copied = builder.sources_[i].begin == i && builder.sources_[i].end == i + 1;
    }
    if (copied) return;
  }
  std::vector<ByteSpan> composed(builder.sources_.size());
  for (size_t i = 0; i < builder.sources_.size(); ++i) {
    const ByteSpan s = builder.sources_[i];
    composed[i] = ToOriginal(s);
  }
  normalized_ = std::move(builder.text_);
  alignment_ = std::move(composed);
  identity_ = false;
}

NormalizedBuilder::NormalizedBuilder(const NormalizedString& source)
    : source_(&source) {
  text_.reserve(source.normalized().size());
  sources_.reserve(source.normalized().size());
}

void NormalizedBuilder::Append(absl::string_view piece, ByteSpan source) {
  text_.append(piece.data(), piece.size());
  const ByteSpan tag = source.empty() ? ByteSpan{source.begin, source.begin} : source;
  sources_.insert(sources_.end(), piece.size(), tag);
}

void NormalizedBuilder::Copy(ByteSpan source) {
  text_.append(source_->normalized().data() + source.begin, source.size());
  for (uint32_t i = source.begin; i < source.end; ++i) {
    sources_.push_back({i, i + 1});
  }
}

}  // namespace tokenforge
