// tokenizers/pipeline.h
//
// The stages of a tokenizer, after huggingface/tokenizers. Encoding runs
//
//   text -> added/special-token split -> Normalizer -> PreTokenizer -> Model
//        -> PostProcessor -> Encoding
//
// and decoding runs ids -> Model::IdToToken -> Decoder -> text.
//
// Every stage is immutable once built and may be called from many threads at
// once. Stages report bad input with absl::Status and never throw. Each stage
// also knows how to describe itself as HF tokenizer.json ("ToJson"), so that a
// pipeline we load or train can be saved in the format people already use.

#ifndef TOKENFORGE_TOKENIZERS_PIPELINE_H_
#define TOKENFORGE_TOKENIZERS_PIPELINE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "nlohmann/json_fwd.hpp"

namespace tokenforge {

using TokenId = int32_t;

// A half-open byte range [begin, end).
struct ByteSpan {
  uint32_t begin = 0;
  uint32_t end = 0;

  uint32_t size() const { return end - begin; }
  bool empty() const { return begin == end; }
  friend bool operator==(const ByteSpan& a, const ByteSpan& b) {
    return a.begin == b.begin && a.end == b.end;
  }
};

class NormalizedString;

// Rewrites text->normalized() in place, keeping every output byte aligned to
// the original bytes it came from (NormalizedString::Transform).
class Normalizer {
 public:
  virtual ~Normalizer() = default;
  virtual absl::Status Normalize(NormalizedString* text) const = 0;
  // Returns the tokenizer.json "normalizer" object.
  virtual nlohmann::json ToJson() const = 0;
};

// Splits normalized text into words. On entry *words holds non-overlapping
// spans of text->normalized() in order (initially one span covering it all);
// the pre-tokenizer replaces each span by the spans of its pieces, in order.
// Bytes not covered by any span are dropped. A pre-tokenizer may rewrite the
// text (Metaspace turns ' ' into U+2581) through text->Transform(), and must
// then return spans into the rewritten text.
class PreTokenizer {
 public:
  virtual ~PreTokenizer() = default;
  virtual absl::Status PreTokenize(NormalizedString* text,
                                   std::vector<ByteSpan>* words) const = 0;
  virtual nlohmann::json ToJson() const = 0;
};

struct Token {
  TokenId id = 0;
  ByteSpan span;  // Relative to the word given to Model::Tokenize().
};

// Splits one word into tokens: the character, BPE, WordPiece and Unigram
// models.
class Model {
 public:
  virtual ~Model() = default;

  // Appends the tokens of `word` to *tokens. Their spans lie inside `word`, in
  // order; a token made from part of a character (byte fallback) carries the
  // span of the whole character.
  virtual absl::Status Tokenize(absl::string_view word,
                                std::vector<Token>* tokens) const = 0;

  // Returns the id of a token string as written in the vocabulary file.
  virtual std::optional<TokenId> TokenToId(absl::string_view token) const = 0;

  // Returns the token string as written in the vocabulary file (byte-level
  // BPE: the GPT-2 byte-to-unicode form, e.g. "Ġworld").
  // REQUIRES: 0 <= id < vocab_size().
  virtual absl::string_view IdToToken(TokenId id) const = 0;

  virtual int vocab_size() const = 0;

  // Returns the tokenizer.json "model" object.
  virtual nlohmann::json ToJson() const = 0;
};

struct Encoding;

// Adds the special tokens a downstream model expects ([CLS] x [SEP],
// <s> x </s>) and fills type ids. `pair` is null for single sequences.
class PostProcessor {
 public:
  virtual ~PostProcessor() = default;
  virtual absl::Status Process(Encoding* encoding, Encoding* pair) const = 0;
  // Returns how many tokens Process adds (for truncation).
  virtual int AddedTokens(bool is_pair) const = 0;
  virtual nlohmann::json ToJson() const = 0;
};

// Turns token strings back into text: joins WordPiece "##" pieces, maps the
// metaspace U+2581 to ' ', reassembles byte-level tokens into bytes. Decoders
// chain: each rewrites the list of token strings (HF semantics), and the
// result is their concatenation.
class Decoder {
 public:
  virtual ~Decoder() = default;
  virtual absl::Status DecodeChain(std::vector<std::string>* tokens) const = 0;
  virtual nlohmann::json ToJson() const = 0;
};

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_PIPELINE_H_
