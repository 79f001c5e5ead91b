// tokenizers/normalizers/sequence_normalizer.h
//
// HF "Sequence": runs normalizers one after the other on the same text; the
// alignments compose, so offsets still point into the original.
//
//   Sequence[NFD, StripAccents, Lowercase]: "Élan" -> "elan"

#ifndef TOKENFORGE_TOKENIZERS_NORMALIZERS_SEQUENCE_NORMALIZER_H_
#define TOKENFORGE_TOKENIZERS_NORMALIZERS_SEQUENCE_NORMALIZER_H_

#include <memory>
#include <vector>

#include "nlohmann/json.hpp"
#include "tokenizers/normalized_string.h"
#include "tokenizers/pipeline.h"

namespace tokenforge {

class SequenceNormalizer : public Normalizer {
 public:
  explicit SequenceNormalizer(std::vector<std::unique_ptr<Normalizer>> steps)
      : steps_(std::move(steps)) {}

  absl::Status Normalize(NormalizedString* text) const override;
  // {"type": "Sequence", "normalizers": [...]}
  nlohmann::json ToJson() const override;

 private:
  std::vector<std::unique_ptr<Normalizer>> steps_;
};

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_NORMALIZERS_SEQUENCE_NORMALIZER_H_
