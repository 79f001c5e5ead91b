// tokenizers/pre_tokenizers/char_pre_tokenizers.h
//
// The HF pre-tokenizers that split on a character property, with HF's exact
// character classes (see tokenizers/unicode_props.h). They are tiny and share
// one implementation, so they share this header (an exception to "one class
// per header", for readability).
//
//   Whitespace       "\w+|[^\w\s]+" kept, the rest dropped:
//                    "Hey, you!" -> "Hey", ",", "you", "!"
//   WhitespaceSplit  split on White_Space, dropped: "a\tb  c" -> "a", "b", "c"
//   Punctuation      every punctuation character a match (BERT's class),
//                    behavior decides (default Isolated): "a,b" -> "a", ",",
//                    "b"
//   Digits           every \p{N} character a match; Isolated when
//                    individual_digits, else Contiguous: "a123" -> "a", "123"
//   BertPreTokenizer WhitespaceSplit, then Punctuation(Isolated)

#ifndef TOKENFORGE_TOKENIZERS_PRE_TOKENIZERS_CHAR_PRE_TOKENIZERS_H_
#define TOKENFORGE_TOKENIZERS_PRE_TOKENIZERS_CHAR_PRE_TOKENIZERS_H_

#include <vector>

#include "nlohmann/json.hpp"
#include "tokenizers/normalized_string.h"
#include "tokenizers/pipeline.h"
#include "tokenizers/pre_tokenizers/split_behavior.h"

namespace tokenforge {

class WhitespacePreTokenizer : public PreTokenizer {
 public:
  absl::Status PreTokenize(NormalizedString* text,
                           std::vector<ByteSpan>* words) const override;
  nlohmann::json ToJson() const override;  // {"type": "Whitespace"}
};

class WhitespaceSplitPreTokenizer : public PreTokenizer {
 public:
  absl::Status PreTokenize(NormalizedString* text,
                           std::vector<ByteSpan>* words) const override;
  nlohmann::json ToJson() const override;  // {"type": "WhitespaceSplit"}
};

class PunctuationPreTokenizer : public PreTokenizer {
 public:
  explicit PunctuationPreTokenizer(
      SplitBehavior behavior = SplitBehavior::kIsolated)
      : behavior_(behavior) {}
  absl::Status PreTokenize(NormalizedString* text,
                           std::vector<ByteSpan>* words) const override;
  // {"type": "Punctuation", "behavior": "Isolated"}
  nlohmann::json ToJson() const override;

 private:
  SplitBehavior behavior_;
};

class DigitsPreTokenizer : public PreTokenizer {
 public:
  explicit DigitsPreTokenizer(bool individual_digits = false)
      : individual_digits_(individual_digits) {}
  absl::Status PreTokenize(NormalizedString* text,
                           std::vector<ByteSpan>* words) const override;
  // {"type": "Digits", "individual_digits": false}
  nlohmann::json ToJson() const override;

 private:
  bool individual_digits_;
};

class BertPreTokenizer : public PreTokenizer {
 public:
  absl::Status PreTokenize(NormalizedString* text,
                           std::vector<ByteSpan>* words) const override;
  nlohmann::json ToJson() const override;  // {"type": "BertPreTokenizer"}
};

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_PRE_TOKENIZERS_CHAR_PRE_TOKENIZERS_H_
