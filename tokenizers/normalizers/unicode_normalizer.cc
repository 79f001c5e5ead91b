#include "tokenizers/normalizers/unicode_normalizer.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "common/utf8.h"
#include "unicode/bytestream.h"
#include "unicode/normalizer2.h"
#include "unicode/stringpiece.h"

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

// Returns true if every valid-UTF-8 run of `s` is already normalized, so the
// caller can skip building anything (the common case).
bool AllRunsNormalized(const icu::Normalizer2& impl, absl::string_view s) {
  size_t pos = 0;
  while (pos < s.size()) {
    const size_t run_end = pos + FindInvalidUtf8(s.substr(pos));
    if (run_end > pos) {
      UErrorCode status = U_ZERO_ERROR;
      const ByteSpan run{static_cast<uint32_t>(pos),
                         static_cast<uint32_t>(run_end)};
      if (!impl.isNormalizedUTF8(Piece(s, run), status) || U_FAILURE(status)) {
        return false;
      }
    }
    pos = run_end + 1;  // Skips the invalid byte, if any.
  }
  return true;
}

bool IsAscii(absl::string_view s, ByteSpan span) {
  for (uint32_t i = span.begin; i < span.end; ++i) {
    if (static_cast<unsigned char>(s[i]) >= 0x80) return false;
  }
  return true;
}

// Normalizes one segment (no boundary inside it) into *out.
void NormalizeSegment(const icu::Normalizer2& impl, absl::string_view s,
                      ByteSpan segment, NormalizedBuilder* out) {
  if (IsAscii(s, segment)) {
    out->Copy(segment);  // ASCII is normalized in all four forms.
    return;
  }
  UErrorCode status = U_ZERO_ERROR;
  if (impl.isNormalizedUTF8(Piece(s, segment), status) && U_SUCCESS(status)) {
    out->Copy(segment);
    return;
  }
  std::string normalized;
  icu::StringByteSink<std::string> sink(&normalized);
  status = U_ZERO_ERROR;
  impl.normalizeUTF8(0, Piece(s, segment), sink, nullptr, status);
  if (U_FAILURE(status)) {
    out->Copy(segment);  // Unreachable for valid UTF-8; keep the text.
    return;
  }
  out->Append(normalized, segment);
}

// Cuts the valid-UTF-8 run [begin, end) of `s` at normalization boundaries.
void NormalizeRun(const icu::Normalizer2& impl, absl::string_view s,
                  uint32_t begin, uint32_t end, NormalizedBuilder* out) {
  uint32_t segment_begin = begin;
  uint32_t pos = begin;
  while (pos < end) {
    const DecodedChar c = DecodeUtf8(s, pos);
    if (pos > segment_begin && impl.hasBoundaryBefore(c.code_point)) {
      NormalizeSegment(impl, s, {segment_begin, pos}, out);
      segment_begin = pos;
    }
    pos += c.length;
  }
  if (end > segment_begin) NormalizeSegment(impl, s, {segment_begin, end}, out);
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
  if (AllRunsNormalized(*impl, s)) return absl::OkStatus();

  NormalizedBuilder out(*text);
  uint32_t pos = 0;
  const auto size = static_cast<uint32_t>(s.size());
  while (pos < size) {
    const auto run_end =
        static_cast<uint32_t>(pos + FindInvalidUtf8(s.substr(pos)));
    NormalizeRun(*impl, s, pos, run_end, &out);
    if (run_end < size) out.Copy({run_end, run_end + 1});  // Invalid byte.
    pos = run_end + 1;
  }
  text->Transform(std::move(out));
  return absl::OkStatus();
}

nlohmann::json UnicodeNormalizer::ToJson() const {
  return nlohmann::json{{"type", FormName(form_)}};
}

}  // namespace tokenforge
