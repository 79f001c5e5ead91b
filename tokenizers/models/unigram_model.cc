#include "tokenizers/models/unigram_model.h"

#include <algorithm>
#include <cfloat>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/status_macros.h"

namespace tokenforge {
namespace {

uint32_t OneCharLen(uint8_t lead) {
  static constexpr uint8_t kLen[16] = {1, 1, 1, 1, 1, 1, 1, 1,
                                       1, 1, 1, 1, 2, 2, 3, 4};
  return kLen[lead >> 4];
}

// One entry per byte position: the best path ending there
// (SentencePiece's BestPathNode).
template <typename Score>
struct BestPath {
  TokenId id = -1;
  Score score = 0;
  int32_t starts_at = -1;
};

}  // namespace

absl::Status UnigramModelOptions::Validate() const {
  if (unk_id.has_value() && *unk_id < 0) {
    return absl::InvalidArgumentError("unk_id must be >= 0");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<UnigramModel>> UnigramModel::Create(
    std::vector<ScoredPiece> pieces, const UnigramModelOptions& options) {
  TF_RETURN_IF_ERROR(options.Validate());
  std::unique_ptr<UnigramModel> model(new UnigramModel());
  model->options_ = options;
  model->pieces_ = std::move(pieces);
  TF_RETURN_IF_ERROR(model->Init());
  return model;
}

absl::Status UnigramModel::Init() {
  if (!options_.unk_id.has_value()) {
    return absl::InvalidArgumentError("Unigram model needs an unk_id");
  }
  unk_id_ = *options_.unk_id;
  if (unk_id_ >= static_cast<TokenId>(pieces_.size())) {
    return absl::InvalidArgumentError(absl::StrCat(
        "unk_id ", unk_id_, " outside the vocabulary of ", pieces_.size()));
  }
  // SentencePiece starts max_score at FLT_MIN (not -FLT_MAX), so the
  // user-defined bonus length * max_score - 0.1 is about -0.1 for models
  // whose scores are all negative. Kept for exactness.
  min_score_ = FLT_MAX;
  max_score_ = FLT_MIN;
  std::vector<std::pair<std::string, int32_t>> keys;
  for (size_t i = 0; i < pieces_.size(); ++i) {
    const ScoredPiece& p = pieces_[i];
    if (p.piece.empty()) {
      return absl::InvalidArgumentError(absl::StrCat("piece ", i, " is empty"));
    }
    if (!piece_to_id_.emplace(p.piece, static_cast<TokenId>(i)).second) {
      return absl::InvalidArgumentError(absl::StrCat(
          "piece \"", absl::CEscape(p.piece), "\" (id ", i, ") is duplicated"));
    }
    if (p.type == PieceType::kNormal) {
      min_score_ = std::min(min_score_, p.score);
      max_score_ = std::max(max_score_, p.score);
    }
    if (p.type == PieceType::kUserDefined) has_user_defined_ = true;
    if (IsMatchable(p.type)) keys.push_back({p.piece, static_cast<int32_t>(i)});
  }
  TF_ASSIGN_OR_RETURN(trie_, DoubleArrayTrie::Build(std::move(keys)));
  if (options_.byte_fallback) {
    for (int b = 0; b < 256; ++b) {
      const auto it = piece_to_id_.find(absl::StrFormat("<0x%02X>", b));
      if (it == piece_to_id_.end()) {
        return absl::InvalidArgumentError(absl::StrFormat(
            "byte_fallback needs the piece <0x%02X>, which is missing", b));
      }
      byte_ids_[b] = it->second;
    }
  }
  return absl::OkStatus();
}

double UnigramModel::NodeScore(TokenId id, uint32_t byte_length) const {
  if (pieces_[id].type == PieceType::kUserDefined) {
    return static_cast<float>(byte_length) * max_score_ - 0.1;
  }
  return pieces_[id].score;
}

// SentencePiece unigram_model.cc EncodeOptimized: the lattice is walked
// on the fly and only the best path ending at each byte is kept, O(n * k)
// for k matches per position. `Score` is float for SentencePiece's
// arithmetic (a double candidate compared with, then stored as, a float
// path score) and double for HF's.
template <typename Score>
void UnigramModel::Viterbi(absl::string_view word,
                           std::vector<Token>* out) const {
  const auto size = static_cast<uint32_t>(word.size());
  std::vector<BestPath<Score>> best(size + 1);
  const Score unk_score = static_cast<Score>(min_score_) - kUnkPenalty;
  const auto* bytes = reinterpret_cast<const uint8_t*>(word.data());
  for (uint32_t starts_at = 0; starts_at < size;) {
    const Score till_here = best[starts_at].score;
    const uint32_t mblen = std::min(OneCharLen(bytes[starts_at]), size - starts_at);
    bool has_single_node = false;
    uint32_t node = DoubleArrayTrie::kRoot;
    for (uint32_t key_pos = starts_at; key_pos < size;) {
      if (!trie_.Step(&node, bytes[key_pos])) break;
      ++key_pos;
      const int32_t id = trie_.Value(node);
      if (id < 0 || pieces_[id].type == PieceType::kUnused) continue;
      const uint32_t length = key_pos - starts_at;
      const double score =
          has_user_defined_ ? NodeScore(id, length) : pieces_[id].score;
      const auto candidate = score + static_cast<double>(till_here);
      BestPath<Score>& target = best[key_pos];
      if (target.starts_at == -1 || candidate > target.score) {
        target.score = static_cast<Score>(candidate);
        target.starts_at = static_cast<int32_t>(starts_at);
        target.id = id;
      }
      if (length == mblen) has_single_node = true;
    }
    if (!has_single_node) {
      BestPath<Score>& target = best[starts_at + mblen];
      const Score candidate = unk_score + till_here;
      if (target.starts_at == -1 || candidate > target.score) {
        target.score = candidate;
        target.starts_at = static_cast<int32_t>(starts_at);
        target.id = unk_id_;
      }
    }
    starts_at += mblen;
  }
  const size_t first = out->size();
  for (uint32_t ends_at = size; ends_at > 0;) {
    const BestPath<Score>& node = best[ends_at];
    out->push_back({node.id, {static_cast<uint32_t>(node.starts_at), ends_at}});
    ends_at = static_cast<uint32_t>(node.starts_at);
  }
  std::reverse(out->begin() + first, out->end());
}

void UnigramModel::Finish(absl::string_view word, const std::vector<Token>& raw,
                          std::vector<Token>* tokens) const {
  bool prev_unk = false;
  for (const Token& t : raw) {
    const bool is_unk = t.id == unk_id_;
    if (is_unk && options_.byte_fallback) {
      // Each byte carries the span of its whole character.
      for (uint32_t c = t.span.begin; c < t.span.end;) {
        const uint32_t len =
            std::min(OneCharLen(static_cast<uint8_t>(word[c])), t.span.end - c);
        for (uint32_t b = c; b < c + len; ++b) {
          tokens->push_back({byte_ids_[static_cast<uint8_t>(word[b])], {c, c + len}});
        }
        c += len;
      }
    } else if (is_unk && prev_unk) {
      tokens->back().span.end = t.span.end;  // Fuse unknown runs.
    } else {
      tokens->push_back(t);
    }
    prev_unk = is_unk;
  }
}

absl::Status UnigramModel::Tokenize(absl::string_view word,
                                    std::vector<Token>* tokens) const {
  std::vector<Token> raw;
  if (options_.spm_float_scores) {
    Viterbi<float>(word, &raw);
  } else {
    Viterbi<double>(word, &raw);
  }
  Finish(word, raw, tokens);
  return absl::OkStatus();
}

void UnigramModel::TokenizeIds(absl::string_view word,
                               std::vector<TokenId>* ids) const {
  std::vector<Token> tokens;
  (void)Tokenize(word, &tokens);
  for (const Token& t : tokens) ids->push_back(t.id);
}

void UnigramModel::PopulateLattice(absl::string_view word,
                                   Lattice* lattice) const {
  lattice->SetSentence(word);
  const double unk_score = static_cast<double>(min_score_) - kUnkPenalty;
  const auto* bytes = reinterpret_cast<const uint8_t*>(word.data());
  const uint32_t n = lattice->num_chars();
  for (uint32_t pos = 0; pos < n; ++pos) {
    const uint32_t begin = lattice->ByteOffset(pos);
    uint32_t node = DoubleArrayTrie::kRoot;
    bool has_single_node = false;
    uint32_t end_char = pos;
    for (uint32_t key_pos = begin; key_pos < word.size();) {
      if (!trie_.Step(&node, bytes[key_pos])) break;
      ++key_pos;
      while (end_char < n && lattice->ByteOffset(end_char) < key_pos) ++end_char;
      const int32_t id = trie_.Value(node);
      if (id < 0 || pieces_[id].type == PieceType::kUnused) continue;
      if (lattice->ByteOffset(end_char) != key_pos) continue;  // Mid-character.
      lattice->Insert(pos, end_char - pos, id, NodeScore(id, key_pos - begin));
      if (end_char - pos == 1) has_single_node = true;
    }
    if (!has_single_node) lattice->Insert(pos, 1, unk_id_, unk_score);
  }
}

std::vector<std::pair<std::vector<Token>, double>> UnigramModel::NBest(
    absl::string_view word, int n) const {
  Lattice lattice;
  PopulateLattice(word, &lattice);
  std::vector<std::pair<std::vector<Token>, double>> results;
  for (const auto& [path, score] : lattice.NBest(n)) {
    std::vector<Token> raw;
    for (const int v : path) raw.push_back({lattice.node(v).id, lattice.Span(v)});
    std::vector<Token> tokens;
    Finish(word, raw, &tokens);
    results.push_back({std::move(tokens), score});
  }
  return results;
}

std::vector<Token> UnigramModel::Sample(absl::string_view word, double alpha,
                                        Rng* rng) const {
  Lattice lattice;
  PopulateLattice(word, &lattice);
  std::vector<Token> raw;
  for (const int v : lattice.Sample(alpha, rng)) {
    raw.push_back({lattice.node(v).id, lattice.Span(v)});
  }
  std::vector<Token> tokens;
  Finish(word, raw, &tokens);
  return tokens;
}

std::optional<TokenId> UnigramModel::TokenToId(absl::string_view token) const {
  const auto it = piece_to_id_.find(token);
  if (it == piece_to_id_.end()) return std::nullopt;
  return it->second;
}

absl::string_view UnigramModel::IdToToken(TokenId id) const {
  TF_CHECK(id >= 0 && id < vocab_size());
  return pieces_[id].piece;
}

}  // namespace tokenforge
