// tokenizers/post_processors/template_processing.h
//
// HF "TemplateProcessing": the single and pair templates say where the
// sequences go and which special tokens surround them, each with a type id.
//
//   single: "[CLS]:0 $A:0 [SEP]:0"
//   pair:   "[CLS]:0 $A:0 [SEP]:0 $B:1 [SEP]:1"
//   special_tokens: [CLS] -> [101], [SEP] -> [102]
//   A = [7592, 2088] -> ids [101, 7592, 2088, 102], type ids [0, 0, 0, 0]
//
// Piece syntax (HF's): "$A" / "$B" (also "$a", "$b"), "$" (= $A), "$N"
// (= $A with type id N), "<piece>:<type id>", anything else is a special
// token id that must be in special_tokens. A special token may stand for
// several ids ("ids": [1, 2]). Special tokens get offsets {0, 0}, word id -1
// and special mask 1; the sequences keep their masks and get the template's
// type id (their overflowing pieces too).

#ifndef TOKENFORGE_TOKENIZERS_POST_PROCESSORS_TEMPLATE_PROCESSING_H_
#define TOKENFORGE_TOKENIZERS_POST_PROCESSORS_TEMPLATE_PROCESSING_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "nlohmann/json.hpp"
#include "tokenizers/post_processors/piece_processor.h"

namespace tokenforge {

struct TemplatePiece {
  enum class Kind { kSequenceA, kSequenceB, kSpecialToken };
  Kind kind = Kind::kSequenceA;
  std::string special_id;  // For kSpecialToken: a key of special_tokens.
  uint8_t type_id = 0;

  friend bool operator==(const TemplatePiece&, const TemplatePiece&) = default;
};

// One entry of "special_tokens": the id used in templates and the token
// ids (and token strings) it stands for.
struct TemplateSpecialToken {
  std::string id;
  std::vector<TokenId> ids;
  std::vector<std::string> tokens;  // Same length as ids.
};

// Parses "[CLS]:0 $A:0 [SEP]:0" (pieces separated by single spaces).
absl::StatusOr<std::vector<TemplatePiece>> ParseTemplate(absl::string_view text);

class TemplateProcessing : public PieceProcessor {
 public:
  // kInvalidArgument if `pair` lacks $A or $B, if a template names a special
  // token missing from `special_tokens`, or if ids and tokens differ in
  // length.
  static absl::StatusOr<std::unique_ptr<TemplateProcessing>> Create(
      std::vector<TemplatePiece> single, std::vector<TemplatePiece> pair,
      std::vector<TemplateSpecialToken> special_tokens);

  absl::Status ProcessPieces(std::vector<Encoding>* pieces,
                             bool add_special_tokens) const override;
  int AddedTokens(bool is_pair) const override;
  // {"type": "TemplateProcessing", "single": [...], "pair": [...],
  //  "special_tokens": {...}}
  nlohmann::json ToJson() const override;

 protected:
  // HF's BertProcessing and RobertaProcessing are fixed templates that also
  // clear the sequences' special-token masks, and differ without special
  // tokens: Bert changes nothing, Roberta sets every type id to 0.
  enum class Flavor { kTemplate, kBert, kRoberta };

  TemplateProcessing(std::vector<TemplatePiece> single,
                     std::vector<TemplatePiece> pair,
                     std::vector<TemplateSpecialToken> special_tokens,
                     Flavor flavor);
  // Validates the templates against the special tokens.
  absl::Status Validate() const;

 private:
  const TemplateSpecialToken* FindSpecial(const std::string& id) const;

  std::vector<TemplatePiece> single_;
  std::vector<TemplatePiece> pair_;
  std::vector<TemplateSpecialToken> special_tokens_;  // Sorted by id.
  Flavor flavor_;
};

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_POST_PROCESSORS_TEMPLATE_PROCESSING_H_
