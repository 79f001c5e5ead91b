// tokenizer.json I/O of the score-based models: UnigramModel (HF "Unigram")
// and SpmBpeModel (HF "BPE" with merges derived from the scores).
//
// HF has no piece types, so both write our extension "piece_types" (the
// SentencePiece type of every piece) when any piece is not normal, and
// "spm_float_scores" / "sentencepiece_scores" to keep SentencePiece's exact
// arithmetic; HF ignores the unknown fields.

#include <algorithm>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "common/utf8.h"
#include "tokenizers/models/spm_bpe_model.h"
#include "tokenizers/models/unigram_model.h"

namespace tokenforge {
namespace {

using nlohmann::json;

absl::Status JsonError(absl::string_view field, absl::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat("tokenizer.json model field \"", field, "\": ", what));
}

// Reads "piece_types" into pieces (absent: all normal).
absl::Status ReadPieceTypes(const json& model, std::vector<ScoredPiece>* pieces) {
  const auto it = model.find("piece_types");
  if (it == model.end() || it->is_null()) return absl::OkStatus();
  if (!it->is_array() || it->size() != pieces->size()) {
    return JsonError("piece_types", "must be an array as long as the vocab");
  }
  for (size_t i = 0; i < pieces->size(); ++i) {
    const json& t = (*it)[i];
    if (!t.is_number_integer() || t.get<int>() < 1 || t.get<int>() > 6) {
      return JsonError("piece_types", absl::StrCat("entry ", i, " is not 1..6"));
    }
    (*pieces)[i].type = static_cast<PieceType>(t.get<int>());
  }
  return absl::OkStatus();
}

void WritePieceTypes(const std::vector<ScoredPiece>& pieces, json* model) {
  const bool all_normal =
      std::all_of(pieces.begin(), pieces.end(),
                  [](const ScoredPiece& p) { return p.type == PieceType::kNormal; });
  if (all_normal) return;
  json types = json::array();
  for (const ScoredPiece& p : pieces) types.push_back(static_cast<int>(p.type));
  (*model)["piece_types"] = std::move(types);
}

bool GetBool(const json& j, const char* key, bool fallback) {
  const auto it = j.find(key);
  return it != j.end() && it->is_boolean() ? it->get<bool>() : fallback;
}

}  // namespace

absl::StatusOr<std::unique_ptr<UnigramModel>> UnigramModel::FromJson(
    const json& model) {
  if (!model.is_object() || model.value("type", "") != "Unigram") {
    return JsonError("type", "expected \"Unigram\"");
  }
  const auto vocab = model.find("vocab");
  if (vocab == model.end() || !vocab->is_array()) {
    return JsonError("vocab", "must be an array of [piece, score]");
  }
  std::vector<ScoredPiece> pieces;
  pieces.reserve(vocab->size());
  for (size_t i = 0; i < vocab->size(); ++i) {
    const json& e = (*vocab)[i];
    if (!e.is_array() || e.size() != 2 || !e[0].is_string() || !e[1].is_number()) {
      return JsonError("vocab", absl::StrCat("entry ", i, " is not [string, number]"));
    }
    pieces.push_back({e[0].get<std::string>(), static_cast<float>(e[1].get<double>()),
                      PieceType::kNormal});
  }
  TF_RETURN_IF_ERROR(ReadPieceTypes(model, &pieces));
  UnigramModelOptions options;
  const auto unk = model.find("unk_id");
  if (unk != model.end() && !unk->is_null()) {
    if (!unk->is_number_integer()) return JsonError("unk_id", "must be an integer");
    options.unk_id = unk->get<TokenId>();
  }
  options.byte_fallback = GetBool(model, "byte_fallback", false);
  options.spm_float_scores = GetBool(model, "spm_float_scores", false);
  return Create(std::move(pieces), options);
}

json UnigramModel::ToJson() const {
  json vocab = json::array();
  for (const ScoredPiece& p : pieces_) {
    vocab.push_back(json::array({p.piece, static_cast<double>(p.score)}));
  }
  json model = {{"type", "Unigram"},
                {"unk_id", unk_id_},
                {"vocab", std::move(vocab)},
                {"byte_fallback", options_.byte_fallback}};
  if (options_.spm_float_scores) model["spm_float_scores"] = true;
  WritePieceTypes(pieces_, &model);
  return model;
}

absl::StatusOr<std::unique_ptr<SpmBpeModel>> SpmBpeModel::FromJson(
    const json& model) {
  if (!model.is_object() || model.value("type", "") != "BPE") {
    return JsonError("type", "expected \"BPE\"");
  }
  const auto vocab = model.find("vocab");
  const auto scores = model.find("sentencepiece_scores");
  if (vocab == model.end() || !vocab->is_object()) {
    return JsonError("vocab", "must be an object of piece: id");
  }
  if (scores == model.end() || !scores->is_array() || scores->size() != vocab->size()) {
    return JsonError("sentencepiece_scores", "must be an array as long as the vocab");
  }
  std::vector<ScoredPiece> pieces(vocab->size());
  std::vector<bool> seen(vocab->size(), false);
  for (const auto& [piece, id] : vocab->items()) {
    if (!id.is_number_integer() || id.get<int64_t>() < 0 ||
        id.get<uint64_t>() >= pieces.size() || seen[id.get<size_t>()]) {
      return JsonError("vocab", absl::StrCat("bad or repeated id for \"", piece, "\""));
    }
    seen[id.get<size_t>()] = true;
    pieces[id.get<size_t>()].piece = piece;
  }
  for (size_t i = 0; i < pieces.size(); ++i) {
    if (!(*scores)[i].is_number()) {
      return JsonError("sentencepiece_scores", absl::StrCat("entry ", i, " is not a number"));
    }
    pieces[i].score = static_cast<float>((*scores)[i].get<double>());
  }
  TF_RETURN_IF_ERROR(ReadPieceTypes(model, &pieces));
  SpmBpeModelOptions options;
  options.byte_fallback = GetBool(model, "byte_fallback", false);
  const auto unk = model.find("unk_token");
  if (unk != model.end() && unk->is_string()) {
    for (size_t i = 0; i < pieces.size(); ++i) {
      if (pieces[i].piece == unk->get<std::string>()) options.unk_id = static_cast<TokenId>(i);
    }
  }
  return Create(std::move(pieces), options);
}

json SpmBpeModel::ToJson() const {
  json vocab = json::object();
  json scores = json::array();
  for (size_t i = 0; i < pieces_.size(); ++i) {
    vocab[pieces_[i].piece] = i;
    scores.push_back(static_cast<double>(pieces_[i].score));
  }
  // Merges as HF's SentencePieceExtractor derives them: every split of a
  // normal piece into two pieces, by the merged piece's score (descending),
  // then its id, then the parts' ids.
  std::vector<std::tuple<float, TokenId, TokenId, TokenId>> merges;
  for (size_t i = 0; i < pieces_.size(); ++i) {
    const ScoredPiece& p = pieces_[i];
    if (p.type != PieceType::kNormal) continue;
    for (size_t cut = 1; cut < p.piece.size();) {
      const auto left = matchable_.find(absl::string_view(p.piece).substr(0, cut));
      const auto right = matchable_.find(absl::string_view(p.piece).substr(cut));
      if (left != matchable_.end() && right != matchable_.end()) {
        merges.push_back({-p.score, static_cast<TokenId>(i), left->second, right->second});
      }
      cut += DecodeUtf8(p.piece, cut).length;
    }
  }
  std::sort(merges.begin(), merges.end());
  json merge_list = json::array();
  for (const auto& [neg_score, merged, l, r] : merges) {
    merge_list.push_back(json::array({pieces_[l].piece, pieces_[r].piece}));
  }
  json model = {{"type", "BPE"},
                {"dropout", nullptr},
                {"unk_token", pieces_[options_.unk_id].piece},
                {"continuing_subword_prefix", nullptr},
                {"end_of_word_suffix", nullptr},
                {"fuse_unk", true},
                {"byte_fallback", options_.byte_fallback},
                {"ignore_merges", false},
                {"vocab", std::move(vocab)},
                {"merges", std::move(merge_list)},
                {"sentencepiece_scores", std::move(scores)}};
  WritePieceTypes(pieces_, &model);
  return model;
}

}  // namespace tokenforge
