// tokenizers/decoders/string_decoders.h
//
// Generic decoders that rewrite token strings.
//
// Fuse (HF "Fuse"): joins all tokens into one.   ["a", "b"] -> ["ab"]
// Strip (HF "Strip"): removes up to `start` leading and `stop` trailing
//   copies of the character `content` from every token.
//   Strip('▁', 1, 0): ["▁▁a", "b"] -> ["▁a", "b"]
// Replace (HF "Replace"): replaces pattern matches in every token
//   (see normalizers/replace_normalizer.h).   Replace("▁", " ")
// Sequence (HF "Sequence"): runs decoders in order on the token list.

#ifndef TOKENFORGE_TOKENIZERS_DECODERS_STRING_DECODERS_H_
#define TOKENFORGE_TOKENIZERS_DECODERS_STRING_DECODERS_H_

#include <memory>
#include <string>
#include <vector>

#include "nlohmann/json.hpp"
#include "tokenizers/normalizers/replace_normalizer.h"
#include "tokenizers/pipeline.h"

namespace tokenforge {

class FuseDecoder : public Decoder {
 public:
  absl::Status DecodeChain(std::vector<std::string>* tokens) const override;
  nlohmann::json ToJson() const override;  // {"type": "Fuse"}
};

class StripDecoder : public Decoder {
 public:
  // `content` is one UTF-8 character.
  StripDecoder(std::string content, size_t start, size_t stop)
      : content_(std::move(content)), start_(start), stop_(stop) {}

  absl::Status DecodeChain(std::vector<std::string>* tokens) const override;
  // {"type": "Strip", "content": " ", "start": 1, "stop": 0}
  nlohmann::json ToJson() const override;

 private:
  std::string content_;
  size_t start_;
  size_t stop_;
};

class ReplaceDecoder : public Decoder {
 public:
  explicit ReplaceDecoder(ReplacePattern pattern)
      : pattern_(std::move(pattern)) {}

  absl::Status DecodeChain(std::vector<std::string>* tokens) const override;
  // {"type": "Replace", "pattern": {"String": "▁"}, "content": " "}
  nlohmann::json ToJson() const override;

 private:
  ReplacePattern pattern_;
};

class SequenceDecoder : public Decoder {
 public:
  explicit SequenceDecoder(std::vector<std::unique_ptr<Decoder>> steps)
      : steps_(std::move(steps)) {}

  absl::Status DecodeChain(std::vector<std::string>* tokens) const override;
  // {"type": "Sequence", "decoders": [...]}
  nlohmann::json ToJson() const override;

 private:
  std::vector<std::unique_ptr<Decoder>> steps_;
};

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_DECODERS_STRING_DECODERS_H_
