#include "tokenizers/post_processors/bert_processing.h"

#include <vector>

namespace tokenforge {
namespace {

// Template keys are prefixed so that cls and sep stay distinct even when
// they are the same token (Roberta-style models sometimes use one token).
constexpr char kClsKey[] = "\x01" "cls";
constexpr char kSepKey[] = "\x01" "sep";

TemplatePiece Special(const char* key, uint8_t type_id) {
  return {TemplatePiece::Kind::kSpecialToken, key, type_id};
}

TemplatePiece Sequence(TemplatePiece::Kind kind, uint8_t type_id) {
  return {kind, "", type_id};
}

std::vector<TemplateSpecialToken> Specials(const SpecialToken& sep,
                                           const SpecialToken& cls) {
  return {{kClsKey, {cls.id}, {cls.token}}, {kSepKey, {sep.id}, {sep.token}}};
}

nlohmann::json PairJson(const SpecialToken& t) {
  return nlohmann::json::array({t.token, t.id});
}

using Kind = TemplatePiece::Kind;

}  // namespace

BertProcessing::BertProcessing(SpecialToken sep, SpecialToken cls)
    : TemplateProcessing(
          {Special(kClsKey, 0), Sequence(Kind::kSequenceA, 0), Special(kSepKey, 0)},
          {Special(kClsKey, 0), Sequence(Kind::kSequenceA, 0), Special(kSepKey, 0),
           Sequence(Kind::kSequenceB, 1), Special(kSepKey, 1)},
          Specials(sep, cls), Flavor::kBert),
      sep_(std::move(sep)),
      cls_(std::move(cls)) {}

nlohmann::json BertProcessing::ToJson() const {
  return {{"type", "BertProcessing"}, {"sep", PairJson(sep_)}, {"cls", PairJson(cls_)}};
}

RobertaProcessing::RobertaProcessing(SpecialToken sep, SpecialToken cls,
                                     bool trim_offsets, bool add_prefix_space)
    : TemplateProcessing(
          {Special(kClsKey, 0), Sequence(Kind::kSequenceA, 0), Special(kSepKey, 0)},
          {Special(kClsKey, 0), Sequence(Kind::kSequenceA, 0), Special(kSepKey, 0),
           Special(kSepKey, 0), Sequence(Kind::kSequenceB, 0), Special(kSepKey, 0)},
          Specials(sep, cls), Flavor::kRoberta),
      sep_(std::move(sep)),
      cls_(std::move(cls)),
      trim_offsets_(trim_offsets),
      add_prefix_space_(add_prefix_space) {}

nlohmann::json RobertaProcessing::ToJson() const {
  return {{"type", "RobertaProcessing"},
          {"sep", PairJson(sep_)},
          {"cls", PairJson(cls_)},
          {"trim_offsets", trim_offsets_},
          {"add_prefix_space", add_prefix_space_}};
}

}  // namespace tokenforge
