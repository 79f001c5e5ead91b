// tokenizers/pre_tokenizers/known_patterns.h
//
// Exact, hand-written splitters for the regular expressions of the well-known
// byte-level BPE vocabularies. RE2 has no lookahead (the "\s+(?!\S)" clause)
// and no possessive quantifiers, so these patterns are coded by hand; they
// must agree with the reference regex engines on every input, invalid UTF-8
// included (a byte that is not UTF-8 is treated as a character that is neither
// letter, number nor space).
//
//   std::vector<ByteSpan> pieces;
//   SplitKnownPattern(KnownPattern::kCl100k, "Hello world", &pieces);
//   // pieces == {{0, 5}, {5, 11}}: "Hello", " world"

#ifndef TOKENFORGE_TOKENIZERS_PRE_TOKENIZERS_KNOWN_PATTERNS_H_
#define TOKENFORGE_TOKENIZERS_PRE_TOKENIZERS_KNOWN_PATTERNS_H_

#include <optional>
#include <vector>

#include "absl/strings/string_view.h"
#include "tokenizers/pipeline.h"

namespace tokenforge {

enum class KnownPattern {
  kGpt2,    // GPT-2, r50k_base, p50k_base, HF ByteLevel(use_regex=true).
  kCl100k,  // cl100k_base.
  kO200k,   // o200k_base.
  kLlama3,  // Llama 3.
};

// Returns the regex as tiktoken / HF tokenizer.json spell it.
absl::string_view KnownPatternRegex(KnownPattern pattern);

// Returns the pattern whose regex (in any of its published spellings) equals
// `regex`, or nullopt.
std::optional<KnownPattern> RecognizeKnownPattern(absl::string_view regex);

// Appends the matches of `pattern` in `text`, in order, as spans of `text`
// shifted by `base`. The matches cover `text` exactly (these patterns match
// every character). Runs in time linear in text.size().
void SplitKnownPattern(KnownPattern pattern, absl::string_view text,
                       std::vector<ByteSpan>* pieces, uint32_t base = 0);

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_PRE_TOKENIZERS_KNOWN_PATTERNS_H_
