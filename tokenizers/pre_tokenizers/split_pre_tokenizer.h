// tokenizers/pre_tokenizers/split_pre_tokenizer.h
//
// HF's Split pre-tokenizer: cuts every word at the matches of a pattern,
// which is a literal string ({"String": ","}) or a regex ({"Regex": ...}),
// and treats the matches according to a SplitBehavior, optionally inverted
// (then the matches are the pieces kept by Removed, the usual way to express
// "split into the matches of this regex").
//
// A regex equal to one of the published GPT-2 / cl100k / o200k / Llama 3
// patterns (known_patterns.h) runs on the exact hand-written splitter; any
// other regex runs on RE2. HF uses Oniguruma, so regexes that need
// backtracking features (lookaround, backreferences, possessive
// quantifiers) are rejected by Create() with RE2's error.
//
//   Split(Regex "\\d+", Isolated): "ab12cd" -> "ab", "12", "cd"
//   Split(String "-", Removed):    "a-b--c" -> "a", "b", "c"

#ifndef TOKENFORGE_TOKENIZERS_PRE_TOKENIZERS_SPLIT_PRE_TOKENIZER_H_
#define TOKENFORGE_TOKENIZERS_PRE_TOKENIZERS_SPLIT_PRE_TOKENIZER_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"
#include "tokenizers/pipeline.h"
#include "tokenizers/pre_tokenizers/known_patterns.h"
#include "tokenizers/pre_tokenizers/split_behavior.h"

namespace re2 {
class RE2;
}

namespace tokenforge {

struct SplitOptions {
  std::string pattern;
  bool is_regex = false;  // {"Regex": pattern} rather than {"String": ..}.
  SplitBehavior behavior = SplitBehavior::kIsolated;
  bool invert = false;
};

class SplitPreTokenizer : public PreTokenizer {
 public:
  // kInvalidArgument (with RE2's message) for a regex RE2 cannot compile.
  static absl::StatusOr<std::unique_ptr<SplitPreTokenizer>> Create(
      SplitOptions options);
  ~SplitPreTokenizer() override;

  absl::Status PreTokenize(NormalizedString* text,
                           std::vector<ByteSpan>* words) const override;
  // {"type": "Split", "pattern": {"Regex": ..}, "behavior": "Isolated",
  //  "invert": false}
  nlohmann::json ToJson() const override;

 private:
  explicit SplitPreTokenizer(SplitOptions options);

  // Appends the pieces of text[word] (matches and the text between them).
  void FindPieces(absl::string_view text, ByteSpan word,
                  std::vector<SplitPiece>* pieces) const;

  SplitOptions options_;
  std::optional<KnownPattern> known_;
  std::unique_ptr<re2::RE2> regex_;
};

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_PRE_TOKENIZERS_SPLIT_PRE_TOKENIZER_H_
