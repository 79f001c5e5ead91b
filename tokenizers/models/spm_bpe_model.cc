#include "tokenizers/models/spm_bpe_model.h"

#include <algorithm>
#include <queue>

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

struct Symbol {
  int prev;
  int next;
  uint32_t begin;
  uint32_t length;  // 0 once merged into its left neighbour.
  bool freeze;      // User-defined symbols never merge.
};

struct SymbolPair {
  float score;
  int left;
  int right;
  uint32_t size;
};

// SentencePiece's SymbolPairComparator: higher score first, then the
// leftmost pair.
struct PairOrder {
  bool operator()(const SymbolPair& a, const SymbolPair& b) const {
    return a.score < b.score || (a.score == b.score && a.left > b.left);
  }
};

}  // namespace

absl::Status SpmBpeModelOptions::Validate() const {
  if (unk_id < 0) return absl::InvalidArgumentError("unk_id must be >= 0");
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<SpmBpeModel>> SpmBpeModel::Create(
    std::vector<ScoredPiece> pieces, const SpmBpeModelOptions& options) {
  TF_RETURN_IF_ERROR(options.Validate());
  std::unique_ptr<SpmBpeModel> model(new SpmBpeModel());
  model->options_ = options;
  model->pieces_ = std::move(pieces);
  TF_RETURN_IF_ERROR(model->Init());
  return model;
}

absl::Status SpmBpeModel::Init() {
  if (options_.unk_id >= static_cast<TokenId>(pieces_.size())) {
    return absl::InvalidArgumentError(absl::StrCat(
        "unk_id ", options_.unk_id, " outside the vocabulary of ", pieces_.size()));
  }
  std::vector<std::pair<std::string, int32_t>> user;
  for (size_t i = 0; i < pieces_.size(); ++i) {
    const ScoredPiece& p = pieces_[i];
    if (p.piece.empty()) {
      return absl::InvalidArgumentError(absl::StrCat("piece ", i, " is empty"));
    }
    auto& map = IsMatchable(p.type) ? matchable_ : reserved_;
    if (!map.emplace(p.piece, static_cast<TokenId>(i)).second) {
      return absl::InvalidArgumentError(absl::StrCat(
          "piece \"", absl::CEscape(p.piece), "\" (id ", i, ") is duplicated"));
    }
    if (p.type == PieceType::kUserDefined) {
      user.push_back({p.piece, static_cast<int32_t>(i)});
    }
  }
  if (!user.empty()) {
    TF_ASSIGN_OR_RETURN(user_symbols_, DoubleArrayTrie::Build(std::move(user)));
    has_user_symbols_ = true;
  }
  if (options_.byte_fallback) {
    for (int b = 0; b < 256; ++b) {
      const TokenId id = PieceId(absl::StrFormat("<0x%02X>", b));
      if (id == options_.unk_id) {
        return absl::InvalidArgumentError(absl::StrFormat(
            "byte_fallback needs the piece <0x%02X>, which is missing", b));
      }
      byte_ids_[b] = id;
    }
  }
  return absl::OkStatus();
}

TokenId SpmBpeModel::PieceId(absl::string_view piece) const {
  if (const auto it = reserved_.find(piece); it != reserved_.end()) return it->second;
  if (const auto it = matchable_.find(piece); it != matchable_.end()) return it->second;
  return options_.unk_id;
}

void SpmBpeModel::Resegment(
    absl::string_view piece, uint32_t begin,
    const absl::flat_hash_map<absl::string_view,
                              std::pair<absl::string_view, absl::string_view>>& rev,
    std::vector<Token>* out) const {
  const TokenId id = PieceId(piece);
  const auto end = static_cast<uint32_t>(begin + piece.size());
  if (pieces_[id].type != PieceType::kUnused) {
    out->push_back({id, {begin, end}});
    return;
  }
  const auto it = rev.find(piece);
  if (it == rev.end()) {
    out->push_back({id, {begin, end}});
    return;
  }
  Resegment(it->second.first, begin, rev, out);
  Resegment(it->second.second, begin + static_cast<uint32_t>(it->second.first.size()),
            rev, out);
}

// SentencePiece bpe_model.cc Model::Encode.
absl::Status SpmBpeModel::Tokenize(absl::string_view word,
                                   std::vector<Token>* tokens) const {
  if (word.empty()) return absl::OkStatus();
  // Splits the input into characters; user-defined pieces stay whole.
  std::vector<Symbol> symbols;
  symbols.reserve(word.size());
  for (uint32_t pos = 0; pos < word.size();) {
    uint32_t length = 0;
    bool freeze = false;
    if (has_user_symbols_) {
      uint32_t node = DoubleArrayTrie::kRoot;
      for (size_t i = pos; i < word.size(); ++i) {
        if (!user_symbols_.Step(&node, static_cast<uint8_t>(word[i]))) break;
        if (user_symbols_.Value(node) >= 0) length = static_cast<uint32_t>(i + 1 - pos);
      }
      freeze = length > 0;
    }
    if (length == 0) {
      length = std::min<uint32_t>(OneCharLen(static_cast<uint8_t>(word[pos])),
                                  static_cast<uint32_t>(word.size()) - pos);
    }
    const int index = static_cast<int>(symbols.size());
    pos += length;
    symbols.push_back({index - 1, pos < word.size() ? index + 1 : -1, pos - length,
                       length, freeze});
  }
  std::priority_queue<SymbolPair, std::vector<SymbolPair>, PairOrder> agenda;
  absl::flat_hash_map<absl::string_view,
                      std::pair<absl::string_view, absl::string_view>>
      rev_merge;
  auto piece_of = [&](const Symbol& s) { return word.substr(s.begin, s.length); };
  auto maybe_add_pair = [&](int left, int right) {
    if (left == -1 || right == -1 || symbols[left].freeze || symbols[right].freeze) {
      return;
    }
    const absl::string_view piece =
        word.substr(symbols[left].begin, symbols[left].length + symbols[right].length);
    const auto it = matchable_.find(piece);
    if (it == matchable_.end()) return;
    agenda.push({pieces_[it->second].score, left, right,
                 static_cast<uint32_t>(piece.size())});
    if (pieces_[it->second].type == PieceType::kUnused) {
      rev_merge[piece] = {piece_of(symbols[left]), piece_of(symbols[right])};
    }
  };
  for (size_t i = 1; i < symbols.size(); ++i) {
    maybe_add_pair(static_cast<int>(i) - 1, static_cast<int>(i));
  }
  // Main loop: merge the best pair until none is left.
  while (!agenda.empty()) {
    const SymbolPair top = agenda.top();
    agenda.pop();
    Symbol& left = symbols[top.left];
    Symbol& right = symbols[top.right];
    // The pair is stale if either side has changed since it was queued.
    if (left.length == 0 || right.length == 0 ||
        left.length + right.length != top.size) {
      continue;
    }
    left.length += right.length;
    left.next = right.next;
    if (right.next >= 0) symbols[right.next].prev = top.left;
    right.length = 0;
    maybe_add_pair(left.prev, top.left);
    maybe_add_pair(top.left, left.next);
  }
  std::vector<Token> raw;
  for (int index = 0; index != -1; index = symbols[index].next) {
    Resegment(piece_of(symbols[index]), symbols[index].begin, rev_merge, &raw);
  }
  // Unknown pieces: bytes with byte_fallback, else fuse runs.
  bool prev_unk = false;
  for (const Token& t : raw) {
    const bool is_unk = t.id == options_.unk_id;
    if (is_unk && options_.byte_fallback) {
      for (uint32_t c = t.span.begin; c < t.span.end;) {
        const uint32_t len =
            std::min(OneCharLen(static_cast<uint8_t>(word[c])), t.span.end - c);
        for (uint32_t b = c; b < c + len; ++b) {
          tokens->push_back({byte_ids_[static_cast<uint8_t>(word[b])], {c, c + len}});
        }
        c += len;
      }
    } else if (is_unk && prev_unk) {
      tokens->back().span.end = t.span.end;
    } else {
      tokens->push_back(t);
    }
    prev_unk = is_unk;
  }
  return absl::OkStatus();
}

std::optional<TokenId> SpmBpeModel::TokenToId(absl::string_view token) const {
  if (const auto it = reserved_.find(token); it != reserved_.end()) return it->second;
  if (const auto it = matchable_.find(token); it != matchable_.end()) return it->second;
  return std::nullopt;
}

absl::string_view SpmBpeModel::IdToToken(TokenId id) const {
  TF_CHECK(id >= 0 && id < vocab_size());
  return pieces_[id].piece;
}

}  // namespace tokenforge
