#include "tokenizers/normalizers/bert_normalizer.h"

#include "common/status_macros.h"
#include "common/utf8.h"
#include "tokenizers/normalizers/char_transform.h"
#include "tokenizers/normalizers/lowercase_normalizer.h"
#include "tokenizers/normalizers/strip_normalizer.h"
#include "tokenizers/normalizers/unicode_normalizer.h"
#include "unicode/uchar.h"

namespace tokenforge {
namespace {

// BERT's _is_control: categories Cc, Cf, Co and Cs, except \t \n \r which
// count as whitespace. (HF's table for Cn is empty, so unassigned code
// points are kept.)
bool IsControl(char32_t c) {
  if (c == '\t' || c == '\n' || c == '\r') return false;
  const uint32_t mask = U_GET_GC_MASK(static_cast<UChar32>(c));
  return (mask & (U_GC_CC_MASK | U_GC_CF_MASK | U_GC_CO_MASK | U_GC_CS_MASK)) != 0;
}

// Steps 1 and 2 in one pass: both rewrite characters independently.
bool CleanAndSpaceChinese(const BertNormalizerOptions& options, char32_t c,
                          std::string* out) {
  if (c < 0x80) {  // ASCII: no ideographs; controls are 0x00-0x1F and 0x7F.
    if (!options.clean_text || (c >= 0x20 && c != 0x7F) || c == ' ') return false;
    if (c == '\t' || c == '\n' || c == '\r') out->push_back(' ');
    return true;  // Replaced by ' ' or deleted.
  }
  if (options.clean_text) {
    if (c == 0 || c == 0xFFFD || IsControl(c)) return true;  // Deleted.
    if (c != ' ' && IsUnicodeWhitespace(c)) {
      out->push_back(' ');
      return true;
    }
  }
  if (options.handle_chinese_chars && IsChineseChar(c)) {
    out->push_back(' ');
    AppendUtf8(c, out);
    out->push_back(' ');
    return true;
  }
  return false;
}

}  // namespace

bool IsChineseChar(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x2A6DF) || (c >= 0x2A700 && c <= 0x2B73F) ||
         (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B920 && c <= 0x2CEAF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

absl::Status BertNormalizer::Normalize(NormalizedString* text) const {
  if (options_.clean_text || options_.handle_chinese_chars) {
    TransformChars(text, [this](char32_t c, std::string* out) {
      return CleanAndSpaceChinese(options_, c, out);
    });
  }
  if (options_.strip_accents.value_or(options_.lowercase)) {
    TF_ASSIGN_OR_RETURN(const std::unique_ptr<UnicodeNormalizer> nfd,
                        UnicodeNormalizer::Create(UnicodeForm::kNfd));
    TF_RETURN_IF_ERROR(nfd->Normalize(text));
    // Dropping Mn and lowercasing in one pass equals HF's two passes: after
    // NFD no character lowercases to something with a mark (U+0130, the only
    // one, has been decomposed).
    const bool lowercase = options_.lowercase;
    TransformChars(text, [lowercase](char32_t c, std::string* out) {
      if (c >= 0x300 && u_charType(static_cast<UChar32>(c)) == U_NON_SPACING_MARK) {
        return true;
      }
      return lowercase && LowercaseChar(c, out);
    });
  } else if (options_.lowercase) {
    TransformChars(text, LowercaseChar);
  }
  return absl::OkStatus();
}

nlohmann::json BertNormalizer::ToJson() const {
  nlohmann::json json{{"type", "BertNormalizer"},
                      {"clean_text", options_.clean_text},
                      {"handle_chinese_chars", options_.handle_chinese_chars},
                      {"strip_accents", nullptr},
                      {"lowercase", options_.lowercase}};
  if (options_.strip_accents.has_value()) {
    json["strip_accents"] = *options_.strip_accents;
  }
  return json;
}

}  // namespace tokenforge
