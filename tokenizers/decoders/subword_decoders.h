// tokenizers/decoders/subword_decoders.h
//
// Decoders that undo a subword model's word-boundary marks.
//
// Metaspace (HF "Metaspace"): the replacement character (U+2581 '▁') becomes
// ' '. Unless prepend_scheme is "never", HF drops *every* replacement
// character of the first token (not only the leading one); we do the same so
// that output matches HF byte for byte.
//   always: ["▁Hey", "▁friend"] -> ["Hey", " friend"]
//
// WordPiece (HF "WordPiece"): tokens after the first lose `prefix` ("##")
// or else get a leading ' '; with cleanup, BERT's detokenization fixes
// (" ." -> ".", " n't" -> "n't", ...) are applied to each token.
//   ["un", "##aff", "##able", "."] -> ["un", "aff", "able", "."]
//
// BPEDecoder (HF "BPEDecoder"): `suffix` ("</w>") becomes ' ', or "" in the
// last token.   ["hel", "lo</w>", "world</w>"] -> ["hel", "lo ", "world"]
//
// CTC (HF "CTC"): merges repeats, drops pad tokens and, with cleanup, turns
// the word delimiter into ' ' and applies the WordPiece cleanup.
//   ["h", "h", "<pad>", "i", "|", "x"] -> ["h", "i", " ", "x"]

#ifndef TOKENFORGE_TOKENIZERS_DECODERS_SUBWORD_DECODERS_H_
#define TOKENFORGE_TOKENIZERS_DECODERS_SUBWORD_DECODERS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"
#include "tokenizers/pipeline.h"
#include "tokenizers/pre_tokenizers/metaspace_pre_tokenizer.h"

namespace tokenforge {

// PrependScheme, ParsePrependScheme and PrependSchemeName are shared with
// the Metaspace pre-tokenizer (pre_tokenizers/metaspace_pre_tokenizer.h);
// the decoder only distinguishes "never" from the others.

class MetaspaceDecoder : public Decoder {
 public:
  // `replacement` is one UTF-8 character.
  MetaspaceDecoder(std::string replacement, PrependScheme prepend_scheme,
                   bool split)
      : replacement_(std::move(replacement)),
        prepend_scheme_(prepend_scheme),
        split_(split) {}

  absl::Status DecodeChain(std::vector<std::string>* tokens) const override;
  // {"type": "Metaspace", "replacement": "▁", "prepend_scheme": "always",
  //  "split": true}
  nlohmann::json ToJson() const override;

 private:
  std::string replacement_;
  PrependScheme prepend_scheme_;
  bool split_;  // Pre-tokenizer field, kept for JSON.
};

// Applies BERT's detokenization fixes (HF decoders::wordpiece::cleanup).
std::string WordPieceCleanup(std::string text);

class WordPieceDecoder : public Decoder {
 public:
  WordPieceDecoder(std::string prefix, bool cleanup)
      : prefix_(std::move(prefix)), cleanup_(cleanup) {}

  absl::Status DecodeChain(std::vector<std::string>* tokens) const override;
  // {"type": "WordPiece", "prefix": "##", "cleanup": true}
  nlohmann::json ToJson() const override;

 private:
  std::string prefix_;
  bool cleanup_;
};

class BpeDecoder : public Decoder {
 public:
  explicit BpeDecoder(std::string suffix) : suffix_(std::move(suffix)) {}

  absl::Status DecodeChain(std::vector<std::string>* tokens) const override;
  nlohmann::json ToJson() const override;  // {"type":"BPEDecoder","suffix":"</w>"}

 private:
  std::string suffix_;
};

class CtcDecoder : public Decoder {
 public:
  CtcDecoder(std::string pad_token, std::string word_delimiter_token,
             bool cleanup)
      : pad_token_(std::move(pad_token)),
        word_delimiter_token_(std::move(word_delimiter_token)),
        cleanup_(cleanup) {}

  absl::Status DecodeChain(std::vector<std::string>* tokens) const override;
  // {"type": "CTC", "pad_token": "<pad>", "word_delimiter_token": "|",
  //  "cleanup": true}
  nlohmann::json ToJson() const override;

 private:
  std::string pad_token_;
  std::string word_delimiter_token_;
  bool cleanup_;
};

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_DECODERS_SUBWORD_DECODERS_H_
