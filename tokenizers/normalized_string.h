// tokenizers/normalized_string.h
//
// Text under normalization, with an alignment from every normalized byte back
// to the bytes of the original text it came from, so that token offsets always
// point into the caller's text (as HF's NormalizedString does).
//
// Normalizers rewrite the text with a NormalizedBuilder: they append output
// pieces, each tagged with the span of the *current* normalized text that
// produced it, and Transform() composes that with the existing alignment.
//
//   NormalizedString text("Héllo");
//   NormalizedBuilder out(text);
//   out.Append("He", {0, 3});     // "Hé" (3 bytes) became "He"
//   out.Append("llo", {3, 6});
//   text.Transform(std::move(out));
//   text.ToOriginal({1, 2});      // -> {1, 3}: the "e" came from "é"
//
// While no normalizer has changed anything the alignment is the identity and
// costs nothing.

#ifndef TOKENFORGE_TOKENIZERS_NORMALIZED_STRING_H_
#define TOKENFORGE_TOKENIZERS_NORMALIZED_STRING_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "tokenizers/pipeline.h"

namespace tokenforge {

class NormalizedBuilder;

class NormalizedString {
 public:
  // `original` must outlive this object.
  explicit NormalizedString(absl::string_view original);

  absl::string_view original() const { return original_; }
  const std::string& normalized() const { return normalized_; }
  absl::string_view Slice(ByteSpan span) const {
    return absl::string_view(normalized_).substr(span.begin, span.size());
  }

  // Returns the span of original() that the normalized bytes `span` came
  // from. An empty span maps to an empty span at the matching position.
  ByteSpan ToOriginal(ByteSpan span) const;

  // Replaces the normalized text with the builder's output.
  // REQUIRES: `builder` was made for this string and its text has not
  // changed since.
  void Transform(NormalizedBuilder builder);

  // True while normalized() == original() byte for byte with identity
  // alignment.
  bool is_identity() const { return alignment_.empty() && identity_; }

 private:
  friend class NormalizedBuilder;
  absl::string_view original_;
  std::string normalized_;
  // alignment_[i] is the original span of normalized byte i; empty while
  // identity_ holds.
  std::vector<ByteSpan> alignment_;
  bool identity_ = true;
};

// Accumulates the output of one normalization pass over a NormalizedString.
class NormalizedBuilder {
 public:
  explicit NormalizedBuilder(const NormalizedString& source);

  // Appends `piece`, produced from the bytes `source` of the current
  // normalized text. Every byte of `piece` is aligned to all of `source`;
  // an insertion (empty source) is aligned to the empty span at source.begin.
  void Append(absl::string_view piece, ByteSpan source);

  // Appends the current normalized bytes `source` unchanged, byte by byte
  // aligned.
  void Copy(ByteSpan source);

  const std::string& text() const { return text_; }

 private:
  friend class NormalizedString;
  const NormalizedString* source_;
  std::string text_;
  std::vector<ByteSpan> sources_;  // Per output byte, in current coordinates.
};

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_NORMALIZED_STRING_H_
