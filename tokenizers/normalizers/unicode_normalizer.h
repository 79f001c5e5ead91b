// tokenizers/normalizers/unicode_normalizer.h
//
// The four Unicode normalization forms (HF "NFC", "NFD", "NFKC", "NFKD"),
// computed by ICU 72's Normalizer2 (Unicode 15.0).
//
// ICU gives no alignment, so the text is cut at normalization boundaries
// (Normalizer2::hasBoundaryBefore: a character that never interacts with
// what precedes it) and each segment is normalized on its own; its output is
// aligned to the whole input segment. By the definition of a boundary this
// equals normalizing the whole string. Segments that are already normalized
// (ASCII, or isNormalized) are copied byte for byte. Bytes that are not UTF-8
// are boundaries on both sides and pass through unchanged.
//
//   NFKC: "ﬁne ①" -> "fine 1"   ("fi" aligned to the 3 bytes of U+FB01)
//   NFD:  "é"     -> "e\u0301"  (both characters aligned to "é")

#ifndef TOKENFORGE_TOKENIZERS_NORMALIZERS_UNICODE_NORMALIZER_H_
#define TOKENFORGE_TOKENIZERS_NORMALIZERS_UNICODE_NORMALIZER_H_

#include <memory>

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"
#include "tokenizers/normalized_string.h"
#include "tokenizers/pipeline.h"

namespace tokenforge {

enum class UnicodeForm { kNfc, kNfd, kNfkc, kNfkd };

class UnicodeNormalizer : public Normalizer {
 public:
  // Returns the normalizer for `form`; kInternal if ICU's data is missing.
  static absl::StatusOr<std::unique_ptr<UnicodeNormalizer>> Create(
      UnicodeForm form);

  absl::Status Normalize(NormalizedString* text) const override;
  nlohmann::json ToJson() const override;  // {"type": "NFKC"}

  UnicodeForm form() const { return form_; }

 private:
  explicit UnicodeNormalizer(UnicodeForm form) : form_(form) {}

  // ICU's Normalizer2 singletons are looked up per call (a cached pointer
  // behind an init-once), which keeps ICU out of this header.
  UnicodeForm form_;
};

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_NORMALIZERS_UNICODE_NORMALIZER_H_
