// tokenizers/post_processors/simple_processors.h
//
// HF "ByteLevel" post-processor and "Sequence".
//
// ByteLevel leaves ids and type ids alone; a pair is appended to the first
// sequence. HF uses it to trim the leading space of "Ġword" from offsets
// when trim_offsets is set; that needs token strings, which an Encoding does
// not carry, so tokenforge keeps the flags for JSON only.
//
// Sequence runs its processors' ProcessPieces on the same list, in order,
// and merges once at the end (HF semantics):
//   Sequence[ByteLevel, TemplateProcessing("<s> $A")]

#ifndef TOKENFORGE_TOKENIZERS_POST_PROCESSORS_SIMPLE_PROCESSORS_H_
#define TOKENFORGE_TOKENIZERS_POST_PROCESSORS_SIMPLE_PROCESSORS_H_

#include <memory>
#include <vector>

#include "nlohmann/json.hpp"
#include "tokenizers/post_processors/piece_processor.h"

namespace tokenforge {

class ByteLevelProcessing : public PieceProcessor {
 public:
  ByteLevelProcessing(bool add_prefix_space, bool trim_offsets, bool use_regex)
      : add_prefix_space_(add_prefix_space),
        trim_offsets_(trim_offsets),
        use_regex_(use_regex) {}

  absl::Status ProcessPieces(std::vector<Encoding>* pieces,
                             bool add_special_tokens) const override;
  int AddedTokens(bool) const override { return 0; }
  // {"type": "ByteLevel", "add_prefix_space": true, "trim_offsets": true,
  //  "use_regex": true}
  nlohmann::json ToJson() const override;

 private:
  bool add_prefix_space_;
  bool trim_offsets_;
  bool use_regex_;
};

class SequenceProcessing : public PieceProcessor {
 public:
  explicit SequenceProcessing(std::vector<std::unique_ptr<PieceProcessor>> steps)
      : steps_(std::move(steps)) {}

  absl::Status ProcessPieces(std::vector<Encoding>* pieces,
                             bool add_special_tokens) const override;
  // The sum over the steps.
  int AddedTokens(bool is_pair) const override;
  // {"type": "Sequence", "processors": [...]}
  nlohmann::json ToJson() const override;

 private:
  std::vector<std::unique_ptr<PieceProcessor>> steps_;
};

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_POST_PROCESSORS_SIMPLE_PROCESSORS_H_
