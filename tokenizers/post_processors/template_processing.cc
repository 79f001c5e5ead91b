#include "tokenizers/post_processors/template_processing.h"

#include <algorithm>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status_macros.h"

namespace tokenforge {
namespace {

// HF's Piece::extract_id: "$..." is a sequence, anything else a special
// token.
absl::StatusOr<TemplatePiece> ExtractId(absl::string_view s,
                                        absl::string_view whole) {
  TemplatePiece piece;
  if (s.empty() || s[0] != '$') {
    piece.kind = TemplatePiece::Kind::kSpecialToken;
    piece.special_id = std::string(s);
    return piece;
  }
  const absl::string_view rest = s.substr(1);
  uint32_t type_id = 0;
  if (rest.empty() || rest == "A" || rest == "a") return piece;
  if (rest == "B" || rest == "b") {
    piece.kind = TemplatePiece::Kind::kSequenceB;
    return piece;
  }
  if (absl::SimpleAtoi(rest, &type_id) && type_id <= 255 && rest[0] != '+' &&
      rest[0] != '-') {
    piece.type_id = static_cast<uint8_t>(type_id);
    return piece;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("cannot build a template piece from \"", whole, "\""));
}

absl::StatusOr<TemplatePiece> ParsePiece(absl::string_view s) {
  const std::vector<absl::string_view> parts = absl::StrSplit(s, ':');
  if (parts.size() > 2) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot build a template piece from \"", s, "\""));
  }
  TF_ASSIGN_OR_RETURN(TemplatePiece piece, ExtractId(parts[0], s));
  if (parts.size() == 2) {
    uint32_t type_id = 0;
    if (!absl::SimpleAtoi(parts[1], &type_id) || type_id > 255 ||
        parts[1].empty() || parts[1][0] == '+' || parts[1][0] == '-') {
      return absl::InvalidArgumentError(
          absl::StrCat("cannot build a template piece from \"", s, "\""));
    }
    piece.type_id = static_cast<uint8_t>(type_id);
  }
  return piece;
}

nlohmann::json PieceJson(const TemplatePiece& p) {
  if (p.kind == TemplatePiece::Kind::kSpecialToken) {
    return {{"SpecialToken", {{"id", p.special_id}, {"type_id", p.type_id}}}};
  }
  const char* id = p.kind == TemplatePiece::Kind::kSequenceA ? "A" : "B";
  return {{"Sequence", {{"id", id}, {"type_id", p.type_id}}}};
}

}  // namespace

absl::StatusOr<std::vector<TemplatePiece>> ParseTemplate(absl::string_view text) {
  std::vector<TemplatePiece> pieces;
  for (absl::string_view s : absl::StrSplit(text, ' ')) {
    TF_ASSIGN_OR_RETURN(TemplatePiece piece, ParsePiece(s));
    pieces.push_back(std::move(piece));
  }
  return pieces;
}

TemplateProcessing::TemplateProcessing(
    std::vector<TemplatePiece> single, std::vector<TemplatePiece> pair,
    std::vector<TemplateSpecialToken> special_tokens, Flavor flavor)
    : single_(std::move(single)),
      pair_(std::move(pair)),
      special_tokens_(std::move(special_tokens)),
      flavor_(flavor) {
  std::sort(special_tokens_.begin(), special_tokens_.end(),
            [](const auto& a, const auto& b) { return a.id < b.id; });
}

absl::StatusOr<std::unique_ptr<TemplateProcessing>> TemplateProcessing::Create(
    std::vector<TemplatePiece> single, std::vector<TemplatePiece> pair,
    std::vector<TemplateSpecialToken> special_tokens) {
  std::unique_ptr<TemplateProcessing> p(new TemplateProcessing(
      std::move(single), std::move(pair), std::move(special_tokens),
      Flavor::kTemplate));
  TF_RETURN_IF_ERROR(p->Validate());
  return p;
}

absl::Status TemplateProcessing::Validate() const {
  bool has_a = false;
  bool has_b = false;
  for (const TemplatePiece& p : pair_) {
    has_a |= p.kind == TemplatePiece::Kind::kSequenceA;
    has_b |= p.kind == TemplatePiece::Kind::kSequenceB;
  }
  if (!has_a || !has_b) {
    return absl::InvalidArgumentError(
        "TemplateProcessing: template for `pair` must use both sequences");
  }
  for (size_t i = 1; i < special_tokens_.size(); ++i) {
    if (special_tokens_[i].id == special_tokens_[i - 1].id) {
      return absl::InvalidArgumentError(absl::StrCat(
          "TemplateProcessing: special token '", special_tokens_[i].id,
          "' is listed twice"));
    }
  }
  for (const TemplateSpecialToken& t : special_tokens_) {
    if (t.ids.size() != t.tokens.size()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "TemplateProcessing: special token '", t.id,
          "': ids and tokens must be of the same length"));
    }
  }
  for (const auto* tmpl : {&single_, &pair_}) {
    for (const TemplatePiece& p : *tmpl) {
      if (p.kind == TemplatePiece::Kind::kSpecialToken &&
          FindSpecial(p.special_id) == nullptr) {
        return absl::InvalidArgumentError(absl::StrCat(
            "TemplateProcessing: missing special token with id '",
            p.special_id, "' in special_tokens"));
      }
    }
  }
  return absl::OkStatus();
}

const TemplateSpecialToken* TemplateProcessing::FindSpecial(
    const std::string& id) const {
  const auto it = std::lower_bound(
      special_tokens_.begin(), special_tokens_.end(), id,
      [](const TemplateSpecialToken& t, const std::string& key) { return t.id < key; });
  return it != special_tokens_.end() && it->id == id ? &*it : nullptr;
}

absl::Status TemplateProcessing::ProcessPieces(std::vector<Encoding>* pieces,
                                               bool add_special_tokens) const {
  if (pieces->empty() || pieces->size() > 2) {
    return absl::InvalidArgumentError(absl::StrCat(
        "TemplateProcessing takes 1 or 2 sequences, got ", pieces->size()));
  }
  if (!add_special_tokens && flavor_ == Flavor::kBert) return absl::OkStatus();
  if (!add_special_tokens && flavor_ == Flavor::kRoberta) {
    for (Encoding& e : *pieces) SetTypeIds(&e, 0);
    return absl::OkStatus();
  }
  const std::vector<TemplatePiece>& tmpl = pieces->size() == 2 ? pair_ : single_;
  std::vector<Encoding> out;
  out.reserve(tmpl.size());
  for (const TemplatePiece& p : tmpl) {
    if (p.kind == TemplatePiece::Kind::kSpecialToken) {
      if (add_special_tokens) {
        out.push_back(SpecialTokensEncoding(FindSpecial(p.special_id)->ids, p.type_id));
      }
      continue;
    }
    const size_t index = p.kind == TemplatePiece::Kind::kSequenceA ? 0 : 1;
    if (index >= pieces->size()) continue;  // $B in a single template.
    Encoding e = (*pieces)[index];
    SetTypeIds(&e, p.type_id);
    if (flavor_ != Flavor::kTemplate) {
      e.special_tokens_mask.assign(e.ids.size(), 0);
      for (Encoding& o : e.overflowing) o.special_tokens_mask.assign(o.ids.size(), 0);
    }
    out.push_back(std::move(e));
  }
  *pieces = std::move(out);
  return absl::OkStatus();
}

int TemplateProcessing::AddedTokens(bool is_pair) const {
  int added = 0;
  for (const TemplatePiece& p : is_pair ? pair_ : single_) {
    if (p.kind == TemplatePiece::Kind::kSpecialToken) {
      added += static_cast<int>(FindSpecial(p.special_id)->ids.size());
    }
  }
  return added;
}

nlohmann::json TemplateProcessing::ToJson() const {
  nlohmann::json single = nlohmann::json::array();
  for (const TemplatePiece& p : single_) single.push_back(PieceJson(p));
  nlohmann::json pair = nlohmann::json::array();
  for (const TemplatePiece& p : pair_) pair.push_back(PieceJson(p));
  nlohmann::json specials = nlohmann::json::object();
  for (const TemplateSpecialToken& t : special_tokens_) {
    specials[t.id] = {{"id", t.id}, {"ids", t.ids}, {"tokens", t.tokens}};
  }
  return {{"type", "TemplateProcessing"},
          {"single", single},
          {"pair", pair},
          {"special_tokens", specials}};
}

}  // namespace tokenforge
