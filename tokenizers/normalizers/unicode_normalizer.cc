#include "tokenizers/normalizers/unicode_normalizer.h"

#include <string>

#include "absl/container/inlined_vector.h"
#include "absl/strings/str_cat.h"
#include "unicode/bytestream.h"
#include "unicode/edits.h"
#include "unicode/normalizer2.h"
#include "unicode/stringpiece.h"
#include "unicode/utf8.h"

namespace tokenforge {
namespace {

const icu::Normalizer2* GetInstance(UnicodeForm form, UErrorCode* status) {
  switch (form) {
    case UnicodeForm::kNfc:
      return icu::Normalizer2::getNFCInstance(*status);
    case UnicodeForm::kNfd:
      return icu::Normalizer2::getNFDInstance(*status);
    case UnicodeForm::kNfkc:
      return icu::Normalizer2::getNFKCInstance(*status);
    case UnicodeForm::kNfkd:
      return icu::Normalizer2::getNFKDInstance(*status);
  }
  return nullptr;
}

const char* FormName(UnicodeForm form) {
  switch (form) {
    case UnicodeForm::kNfc:
      return "NFC";
    case UnicodeForm::kNfd:
      return "NFD";
    case UnicodeForm::kNfkc:
      return "NFKC";
    case UnicodeForm::kNfkd:
      return "NFKD";
  }
  return "";
}

icu::StringPiece Piece(absl::string_view s, ByteSpan span) {
  return icu::StringPiece(s.data() + span.begin,
                          static_cast<int32_t>(span.size()));
}

// Returns the offset of the first byte at or after `pos` that does not start
// a well-formed UTF-8 sequence, or s.size(). ICU's U8_NEXT applies the same
// rules as common/utf8.h (no overlongs, surrogates or values past U+10FFFF)
// but is inline, and ASCII is skipped without decoding.
size_t FindInvalid(absl::string_view s, size_t pos) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  auto i = static_cast<int32_t>(pos);
  while (i < n) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return static_cast<size_t>(start);
  }
  return s.size();
}

// The valid-UTF-8 runs of `s`, in order; the single bytes between them are
// not UTF-8.
// Inline storage: almost every text is one run, and Normalize() runs once
// per pre-tokenizer input, so a heap allocation would show.
using Runs = absl::InlinedVector<ByteSpan, 4>;

Runs ValidRuns(absl::string_view s) {
  Runs runs;
  size_t pos = 0;
  while (pos < s.size()) {
    const size_t run_end = FindInvalid(s, pos);
    if (run_end > pos) {
      runs.push_back({static_cast<uint32_t>(pos), static_cast<uint32_t>(run_end)});
    }
    pos = run_end + 1;  // Skips the invalid byte, if any.
  }
  return runs;
}

bool AllNormalized(const icu::Normalizer2& impl, absl::string_view s,
                   const Runs& runs) {
  for (const ByteSpan run : runs) {
    UErrorCode status = U_ZERO_ERROR;
    if (!impl.isNormalizedUTF8(Piece(s, run), status) || U_FAILURE(status)) {
      return false;
    }
  }
  return true;
}

// Normalizes the valid-UTF-8 run [begin, end) of `s` into *out with one ICU
// call. icu::Edits records which input spans ICU rewrote; ICU cuts them at
// normalization boundaries (hasBoundaryBefore), so each rewritten span is one
// or more whole segments, and its output is aligned to that span. Unchanged
// spans are copied byte for byte.
void NormalizeRun(const icu::Normalizer2& impl, absl::string_view s,
                  uint32_t begin, uint32_t end, NormalizedBuilder* out) {
  std::string normalized;
  icu::StringByteSink<std::string> sink(&normalized);
  icu::Edits edits;
  UErrorCode status = U_ZERO_ERROR;
  impl.normalizeUTF8(0, Piece(s, {begin, end}), sink, &edits, status);
  if (U_FAILURE(status)) {
    out->Copy({begin, end});  // Unreachable for valid UTF-8; keep the text.
    return;
  }
  icu::Edits::Iterator it = edits.getFineIterator();
  while (it.next(status)) {
    const auto from = begin + static_cast<uint32_t>(it.sourceIndex());
    const ByteSpan source{from, from + static_cast<uint32_t>(it.oldLength())};
    if (!it.hasChange()) {
      out->Copy(source);
    } else {
      out->Append(absl::string_view(normalized).substr(
                      static_cast<size_t>(it.destinationIndex()),
                      static_cast<size_t>(it.newLength())),
                  source);
    }
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<UnicodeNormalizer>> UnicodeNormalizer::Create(
    UnicodeForm form) {
  UErrorCode status = U_ZERO_ERROR;
  if (GetInstance(form, &status) == nullptr || U_FAILURE(status)) {
    return absl::InternalError(absl::StrCat("ICU has no ", FormName(form),
                                            " data: ", u_errorName(status)));
  }
  return std::unique_ptr<UnicodeNormalizer>(new UnicodeNormalizer(form));
}

absl::Status UnicodeNormalizer::Normalize(NormalizedString* text) const {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* impl = GetInstance(form_, &status);
  if (impl == nullptr || U_FAILURE(status)) {
    return absl::InternalError(absl::StrCat("ICU ", FormName(form_),
                                            " instance: ", u_errorName(status)));
  }
  const absl::string_view s = text->normalized();
  const Runs runs = ValidRuns(s);
  if (AllNormalized(*impl, s, runs)) return absl::OkStatus();

  NormalizedBuilder out(*text);
  uint32_t copied = 0;
  for (const ByteSpan run : runs) {
    out.Copy({copied, run.begin});  // Invalid bytes between runs.
    NormalizeRun(*impl, s, run.begin, run.end, &out);
    copied = run.end;
  }
  out.Copy({copied, static_cast<uint32_t>(s.size())});
  text->Transform(std::move(out));
  return absl::OkStatus();
}

nlohmann::json UnicodeNormalizer::ToJson() const {
  return nlohmann::json{{"type", FormName(form_)}};
}

}  // namespace tokenforge
