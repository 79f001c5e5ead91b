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
//
// Semantics are those of tiktoken (fancy-regex over the Rust regex crate) and
// HF tokenizers (Oniguruma), which agree on these patterns: leftmost-first
// alternation with backtracking, \s = White_Space, \p{..} = general
// categories (here from ICU 72, Unicode 15.0; see tokenizers/unicode_props.h),
// "$" = end of text, and "(?i:'s...)" folds case the Unicode way, so "'ſ"
// (U+017F LONG S) is a contraction like "'s".
//
// Published spellings (RecognizeKnownPattern accepts each):
//   GPT-2 / r50k / p50k: the original
//     's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+|
//     ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+ and tiktoken's later equivalent spellings
//     "'(?:[sdmt]|ll|ve|re)| ?..." with and without possessive quantifiers and
//     "\s++$".
//   cl100k / Llama 3: "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|
//     \p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+" (the
//     string in tiktoken's npm package and in Llama 3's tokenizer.json; the
//     two are the same string), its equivalent intermediate tiktoken spelling
//     and js-tiktoken's spelling with the contractions written out.
//   cl100k, newest tiktoken spelling (kCl100kPossessive): "'(?i:[sdmt]|ll|ve|
//     re)|...|\s++$|\s*[\r\n]|\s+(?!\S)|\s". NOT equivalent: "\s++$" takes a
//     whole trailing whitespace run, so "a\n  " splits "a", "\n  " instead of
//     "a", "\n", "  ".
//   o200k: tiktoken's spelling and js-tiktoken's (contractions written out).
// js-tiktoken's spellings are mapped to tiktoken's semantics: run in a JS
// engine they differ from tiktoken on U+017F after an apostrophe and, through
// JS's \s, on U+FEFF and U+0085; tiktoken is the reference.

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
  kLlama3,  // Llama 3: the same regex (and splits) as kCl100k.
  kCl100kPossessive,  // cl100k_base as spelled by tiktoken since 2024.
};

// Returns the regex as tiktoken / HF tokenizer.json spell it.
absl::string_view KnownPatternRegex(KnownPattern pattern);

// Returns the pattern whose regex (in any of its published spellings) equals
// `regex`, or nullopt. The cl100k / Llama 3 string gives kCl100k.
std::optional<KnownPattern> RecognizeKnownPattern(absl::string_view regex);

// Appends the matches of `pattern` in `text`, in order, as spans of `text`
// shifted by `base`. The matches cover `text` exactly (these patterns match
// every character). Runs in time linear in text.size().
void SplitKnownPattern(KnownPattern pattern, absl::string_view text,
                       std::vector<ByteSpan>* pieces, uint32_t base = 0);

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_PRE_TOKENIZERS_KNOWN_PATTERNS_H_
