// tokenizers/normalizers/bert_normalizer.h
//
// HF "BertNormalizer" (BERT's BasicTokenizer cleanup), in HF's order:
//   1. clean_text: drop U+0000, U+FFFD and "other" characters (Cc, Cf, Co,
//      Cs; '\t' '\n' '\r' excepted), then map every White_Space character
//      (and '\t' '\n' '\r') to ' ';
//   2. handle_chinese_chars: put ' ' before and after every CJK ideograph
//      (the CJK Unified/Compatibility blocks BERT lists; not Hangul or kana);
//   3. strip_accents: NFD, then drop nonspacing marks (Mn);
//   4. lowercase: as the Lowercase normalizer.
// strip_accents null (unset) follows lowercase, as in HF and BERT.
// Character classes come from ICU 72; HF's are older, so on single code
// points clean_text differs on 20 (e.g. U+0890, U+08E2: Cf for ICU, kept by
// HF) and the default normalizer on ~500, all recent additions.
//
//   default: "Héllo\t中国!" -> "hello  中  国 !"

#ifndef TOKENFORGE_TOKENIZERS_NORMALIZERS_BERT_NORMALIZER_H_
#define TOKENFORGE_TOKENIZERS_NORMALIZERS_BERT_NORMALIZER_H_

#include <optional>

#include "nlohmann/json.hpp"
#include "tokenizers/normalized_string.h"
#include "tokenizers/pipeline.h"

namespace tokenforge {

struct BertNormalizerOptions {
  // Remove control characters and map all whitespace to ' '.
  bool clean_text = true;
  // Surround CJK ideographs with spaces so they become single words.
  bool handle_chinese_chars = true;
  // Remove accents (NFD + drop Mn); unset means "same as lowercase".
  std::optional<bool> strip_accents;
  // Lowercase (full Unicode lowercase per character).
  bool lowercase = true;
};

// Returns true for the CJK ideograph blocks of BERT's _is_chinese_char.
bool IsChineseChar(char32_t c);

class BertNormalizer : public Normalizer {
 public:
  explicit BertNormalizer(const BertNormalizerOptions& options)
      : options_(options) {}

  absl::Status Normalize(NormalizedString* text) const override;
  // {"type": "BertNormalizer", "clean_text": true, "handle_chinese_chars":
  //  true, "strip_accents": null, "lowercase": true}
  nlohmann::json ToJson() const override;

  const BertNormalizerOptions& options() const { return options_; }

 private:
  BertNormalizerOptions options_;
};

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_NORMALIZERS_BERT_NORMALIZER_H_
