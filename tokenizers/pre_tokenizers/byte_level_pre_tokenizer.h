// tokenizers/pre_tokenizers/byte_level_pre_tokenizer.h
//
// HF's ByteLevel pre-tokenizer: optionally prepends a space to every word
// that does not start with one, then splits with the GPT-2 pattern
// (KnownPattern::kGpt2). Unlike HF it does NOT rewrite the text into the
// GPT-2 byte-to-unicode alphabet ("Ġ"): in tokenforge, byte-level BPE works
// on raw bytes and the model does that mapping, so here ByteLevel only
// splits (and inserts the prefix space through NormalizedString, so offsets
// stay exact: as in HF, the inserted space maps to the original span of the
// word's first character).
//
//   ByteLevelPreTokenizer({.add_prefix_space = true});
//   "Hello world" -> " Hello", " world"   (offsets {0,5}, {5,11})

#ifndef TOKENFORGE_TOKENIZERS_PRE_TOKENIZERS_BYTE_LEVEL_PRE_TOKENIZER_H_
#define TOKENFORGE_TOKENIZERS_PRE_TOKENIZERS_BYTE_LEVEL_PRE_TOKENIZER_H_

#include <vector>

#include "common/utf8.h"
#include "nlohmann/json.hpp"
#include "tokenizers/normalized_string.h"
#include "tokenizers/pipeline.h"

namespace tokenforge {

struct ByteLevelOptions {
  // Prepend ' ' to every word that does not start with one.
  bool add_prefix_space = true;
  // Trim spaces from token offsets: a post-processing concern, kept here only
  // so the JSON round-trips.
  bool trim_offsets = true;
  // Split with the GPT-2 pattern; without it each word stays whole.
  bool use_regex = true;
};

class ByteLevelPreTokenizer : public PreTokenizer {
 public:
  explicit ByteLevelPreTokenizer(ByteLevelOptions options)
      : options_(options) {}

  absl::Status PreTokenize(NormalizedString* text,
                           std::vector<ByteSpan>* words) const override;
  // {"type": "ByteLevel", "add_prefix_space": .., "trim_offsets": ..,
  //  "use_regex": ..}
  nlohmann::json ToJson() const override;

  const ByteLevelOptions& options() const { return options_; }

 private:
  ByteLevelOptions options_;
};

// Rewrites *text so that every non-empty word of *words starts with
// `prefix` (inserting it where missing; inserted bytes map to the word's
// first character, HF's NormalizedString::prepend) and returns the words in the
// new text, each including its prefix. `needs_prefix(word)` says whether a word
// needs it. Bytes outside the words are kept. Shared with Metaspace.
template <typename NeedsPrefix>
void PrefixWords(absl::string_view prefix, NeedsPrefix needs_prefix,
                 NormalizedString* text, std::vector<ByteSpan>* words);

// Implementation details below.

template <typename NeedsPrefix>
void PrefixWords(absl::string_view prefix, NeedsPrefix needs_prefix,
                 NormalizedString* text, std::vector<ByteSpan>* words) {
  bool any = false;
  for (const ByteSpan& w : *words) any |= !w.empty() && needs_prefix(w);
  if (!any) return;
  NormalizedBuilder out(*text);
  uint32_t copied = 0;
  for (ByteSpan& w : *words) {
    if (copied < w.begin) out.Copy({copied, w.begin});
    const uint32_t new_begin = static_cast<uint32_t>(out.text().size());
    if (!w.empty() && needs_prefix(w)) {
      const uint32_t first =
          DecodeUtf8(text->normalized().substr(0, w.end), w.begin).length;
      out.Append(prefix, {w.begin, w.begin + first});
    }
    out.Copy(w);
    copied = w.end;
    w = {new_begin, static_cast<uint32_t>(out.text().size())};
  }
  const uint32_t size = static_cast<uint32_t>(text->normalized().size());
  if (copied < size) out.Copy({copied, size});
  text->Transform(std::move(out));
}

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_PRE_TOKENIZERS_BYTE_LEVEL_PRE_TOKENIZER_H_
