// tokenizers/normalizers/unicode_normalizer.h
//
// The four Unicode normalization forms (HF "NFC", "NFD", "NFKC", "NFKD"),
// computed by ICU 72's Normalizer2 (Unicode 15.0).
//
// ICU's output carries no alignment, so each valid-UTF-8 run is normalized
// in one call that also fills an icu::Edits: the list of input spans ICU
// rewrote. ICU cuts those spans at normalization boundaries
// (hasBoundaryBefore: characters that never interact with what precedes
// them), so every rewritten span is one or more whole segments, and its
// output is aligned to that span; unchanged text keeps byte-for-byte
// alignment. Text that is already normalized (isNormalized) is not touched.
// Bytes that are not UTF-8 are boundaries on both sides and pass through
// unchanged, aligned to themselves.
//
// Against HF tokenizers 0.23.2 over every code point (one character per
// string): NFC agrees everywhere; NFD differs on 1 code point and NFKC/NFKD
// on ~135, all characters added after HF's tables were made (U+32FF,
// U+A7F2.., U+10781..), where ICU 72 knows the newer decompositions.
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
