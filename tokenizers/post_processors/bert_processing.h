// tokenizers/post_processors/bert_processing.h
//
// HF "BertProcessing" and "RobertaProcessing": fixed templates.
//
//   Bert     single: [CLS] A [SEP]             type ids 0 ... 0
//            pair:   [CLS] A [SEP] B [SEP]     type ids 0 ... 0 1 ... 1
//   Roberta  single: <s> A </s>
//            pair:   <s> A </s> </s> B </s>    type ids all 0
//
// Unlike TemplateProcessing, both clear the special-token mask of the
// sequences' own tokens, as HF does.
//
// RobertaProcessing's trim_offsets/add_prefix_space are read and written for
// JSON but not applied: trimming needs each token's string, which an
// Encoding does not carry (offsets keep the leading space of "Ġword").

#ifndef TOKENFORGE_TOKENIZERS_POST_PROCESSORS_BERT_PROCESSING_H_
#define TOKENFORGE_TOKENIZERS_POST_PROCESSORS_BERT_PROCESSING_H_

#include <memory>
#include <string>
#include <utility>

#include "nlohmann/json.hpp"
#include "tokenizers/post_processors/template_processing.h"

namespace tokenforge {

// A (token, id) pair as HF writes it: ["[SEP]", 102].
struct SpecialToken {
  std::string token;
  TokenId id = 0;
};

class BertProcessing : public TemplateProcessing {
 public:
  BertProcessing(SpecialToken sep, SpecialToken cls);
  // {"type": "BertProcessing", "sep": ["[SEP]", 102], "cls": ["[CLS]", 101]}
  nlohmann::json ToJson() const override;

 private:
  SpecialToken sep_;
  SpecialToken cls_;
};

class RobertaProcessing : public TemplateProcessing {
 public:
  RobertaProcessing(SpecialToken sep, SpecialToken cls, bool trim_offsets,
                    bool add_prefix_space);
  // {"type": "RobertaProcessing", "sep": ["</s>", 2], "cls": ["<s>", 0],
  //  "trim_offsets": true, "add_prefix_space": true}
  nlohmann::json ToJson() const override;

 private:
  SpecialToken sep_;
  SpecialToken cls_;
  bool trim_offsets_;
  bool add_prefix_space_;
};

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_POST_PROCESSORS_BERT_PROCESSING_H_
