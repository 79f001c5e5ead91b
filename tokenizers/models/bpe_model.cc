#include "tokenizers/models/bpe_model.h"

#include <algorithm>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/random.h"
#include "common/status_macros.h"
#include "common/utf8.h"
#include "nlohmann/json.hpp"
#include "tokenizers/byte_level_alphabet.h"

namespace tokenforge {
namespace {

uint64_t PairKey(TokenId left, TokenId right) {
  return (static_cast<uint64_t>(static_cast<uint32_t>(left)) << 32) |
         static_cast<uint32_t>(right);
}

std::string ByteFallbackToken(uint8_t byte) {
  return absl::StrFormat("<0x%02X>", byte);
}

}  // namespace

absl::Status BpeModelOptions::Validate() const {
  if (dropout < 0.0f || dropout >= 1.0f) {
    return absl::InvalidArgumentError(
        absl::StrCat("dropout must be in [0, 1), got ", dropout));
  }
  if (byte_level && (byte_fallback || !continuing_subword_prefix.empty() ||
                     !end_of_word_suffix.empty())) {
    return absl::UnimplementedError(
        "byte-level BPE with byte_fallback, continuing_subword_prefix or "
        "end_of_word_suffix is not supported");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<BpeModel>> BpeModel::Create(
    const std::vector<std::pair<std::string, TokenId>>& vocab,
    const std::vector<std::pair<std::string, std::string>>& merges,
    const BpeModelOptions& options) {
  TF_RETURN_IF_ERROR(options.Validate());
  std::unique_ptr<BpeModel> model(new BpeModel());
  model->options_ = options;
  TokenId max_id = -1;
  for (const auto& [token, id] : vocab) {
    if (id < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("vocab: token '", token, "' has negative id ", id));
    }
    max_id = std::max(max_id, id);
  }
  // Ids must be 0..n-1; checking the bound first keeps a stray huge id from
  // allocating gigabytes.
  if (static_cast<size_t>(max_id) + 1 != vocab.size()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "vocab: ids must be contiguous from 0; ", vocab.size(),
        " tokens but the largest id is ", max_id));
  }
  const size_t size = static_cast<size_t>(max_id + 1);
  model->id_to_token_.resize(size);
  model->id_to_bytes_.resize(size);
  std::vector<bool> seen(size, false);
  for (const auto& [token, id] : vocab) {
    if (seen[id]) {
      return absl::InvalidArgumentError(
          absl::StrCat("vocab: id ", id, " is used twice (token '", token, "')"));
    }
    seen[id] = true;
    std::string bytes = token;
    if (options.byte_level) {
      absl::StatusOr<std::string> raw = ByteLevelToBytes(token);
      // Byte-level vocabularies may hold added tokens outside the byte
      // alphabet ("<|endoftext|>" is inside it, but others may not be);
      // they are reachable only as added tokens, so keep their text.
      if (raw.ok()) bytes = *std::move(raw);
    }
    if (!model->token_to_id_.emplace(token, id).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("vocab: token '", token, "' appears twice"));
    }
    model->bytes_to_id_.emplace(bytes, id);
    model->id_to_token_[id] = token;
    model->id_to_bytes_[id] = std::move(bytes);
  }
  for (size_t id = 0; id < size; ++id) {
    if (!seen[id]) {
      return absl::InvalidArgumentError(
          absl::StrCat("vocab: ids must be contiguous; id ", id, " is missing"));
    }
  }
  model->merges_.reserve(merges.size());
  for (size_t rank = 0; rank < merges.size(); ++rank) {
    const auto& [left, right] = merges[rank];
    auto l = model->token_to_id_.find(left);
    auto r = model->token_to_id_.find(right);
    auto m = model->token_to_id_.find(absl::StrCat(left, right));
    if (l == model->token_to_id_.end() || r == model->token_to_id_.end() ||
        m == model->token_to_id_.end()) {
      const char* missing = l == model->token_to_id_.end()   ? "left part"
                            : r == model->token_to_id_.end() ? "right part"
                                                             : "result";
      return absl::InvalidArgumentError(absl::StrCat(
          "merges: merge ", rank + 1, " '", left, " ", right, "': its ", missing,
          " is not in the vocabulary"));
    }
    // The first occurrence of a pair wins, as in HF.
    model->merges_.emplace(PairKey(l->second, r->second),
                           MergeTarget{static_cast<uint32_t>(rank), m->second});
  }
  TF_RETURN_IF_ERROR(model->FinishInit());
  return model;
}

absl::StatusOr<std::unique_ptr<BpeModel>> BpeModel::FromRanks(
    const std::vector<std::pair<std::string, TokenId>>& ranks) {
  std::unique_ptr<BpeModel> model(new BpeModel());
  model->options_.byte_level = true;
  model->from_ranks_ = true;
  TokenId max_id = -1;
  for (const auto& entry : ranks) max_id = std::max(max_id, entry.second);
  // Contiguous ranks end at ranks.size() - 1. Checked before sizing the
  // tables: a rank near INT32_MAX would overflow max_id + 1 and ask for
  // gigabytes (found by tests/fuzz/tiktoken_ranks_fuzzer).
  if (max_id >= 0 && static_cast<size_t>(max_id) >= ranks.size()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "ranks must be contiguous; rank ", max_id, " is above the ", ranks.size(),
        " ranks given"));
  }
  const size_t size = static_cast<size_t>(max_id) + 1;
  model->id_to_token_.resize(size);
  model->id_to_bytes_.resize(size);
  std::vector<bool> seen(size, false);
  for (const auto& [bytes, id] : ranks) {
    if (id < 0 || seen[id]) {
      return absl::InvalidArgumentError(
          absl::StrCat("rank ", id, " is negative or used twice"));
    }
    seen[id] = true;
    if (!model->bytes_to_id_.emplace(bytes, id).second) {
      return absl::InvalidArgumentError(absl::StrCat(
          "token bytes '", absl::CHexEscape(bytes), "' appear twice"));
    }
    model->id_to_bytes_[id] = bytes;
    model->id_to_token_[id] = BytesToByteLevel(bytes);
    model->token_to_id_.emplace(model->id_to_token_[id], id);
  }
  for (size_t id = 0; id < size; ++id) {
    if (!seen[id]) {
      return absl::InvalidArgumentError(
          absl::StrCat("ranks must be contiguous; rank ", id, " is missing"));
    }
  }
  // tiktoken merges any adjacent pair whose concatenation is a token, with
  // that token's rank: enumerate every split of every token into two tokens.
  for (size_t id = 0; id < size; ++id) {
    const std::string& bytes = model->id_to_bytes_[id];
    for (size_t cut = 1; cut < bytes.size(); ++cut) {
      auto l = model->bytes_to_id_.find(absl::string_view(bytes).substr(0, cut));
      auto r = model->bytes_to_id_.find(absl::string_view(bytes).substr(cut));
      if (l == model->bytes_to_id_.end() || r == model->bytes_to_id_.end()) continue;
      model->merges_.emplace(PairKey(l->second, r->second),
                             MergeTarget{static_cast<uint32_t>(id),
                                         static_cast<TokenId>(id)});
    }
  }
  TF_RETURN_IF_ERROR(model->FinishInit());
  return model;
}

absl::Status BpeModel::FinishInit() {
  max_rank_ = 0;
  for (const auto& entry : merges_) max_rank_ = std::max(max_rank_, entry.second.rank);
  if (options_.byte_level) {
    for (int b = 0; b < 256; ++b) {
      auto it = bytes_to_id_.find(std::string(1, static_cast<char>(b)));
      if (it == bytes_to_id_.end()) {
        return absl::InvalidArgumentError(absl::StrCat(
            "byte-level vocabulary lacks the single byte 0x",
            absl::Hex(b, absl::kZeroPad2)));
      }
      byte_ids_[b] = it->second;
    }
    byte_pair_merges_.assign(256 * 256, MergeTarget{kNoRank, 0});
    for (int l = 0; l < 256; ++l) {
      for (int r = 0; r < 256; ++r) {
        if (const MergeTarget* m = FindMerge(byte_ids_[l], byte_ids_[r])) {
          byte_pair_merges_[l * 256 + r] = *m;
        }
      }
    }
  }
  if (!options_.unk_token.empty()) {
    auto it = token_to_id_.find(options_.unk_token);
    if (it == token_to_id_.end()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "unk_token '", options_.unk_token, "' is not in the vocabulary"));
    }
    unk_id_ = it->second;
  }
  if (options_.byte_fallback) {
    for (int b = 0; b < 256; ++b) {
      auto it = token_to_id_.find(ByteFallbackToken(static_cast<uint8_t>(b)));
      byte_fallback_ids_[b] = it == token_to_id_.end() ? -1 : it->second;
    }
  }
  // A whole word may be looked up directly only where the merges would
  // build it: always for tiktoken ranks, or when ignore_merges is set; for
  // HF merges, for exactly the tokens the merges reach (checked here once).
  whole_word_.assign(id_to_bytes_.size(), from_ranks_ || options_.ignore_merges);
  if (!from_ranks_ && !options_.ignore_merges && options_.byte_level) {
    std::vector<Token> symbols;
    for (size_t id = 0; id < id_to_bytes_.size(); ++id) {
      symbols.clear();
      if (!InitialSymbols(id_to_bytes_[id], &symbols).ok()) continue;
      MergeSymbols(&symbols);
      whole_word_[id] = symbols.size() == 1 &&
                        symbols[0].id == static_cast<TokenId>(id);
    }
  }
  return absl::OkStatus();
}

const BpeModel::MergeTarget* BpeModel::FindMerge(TokenId left,
                                                 TokenId right) const {
  auto it = merges_.find(PairKey(left, right));
  return it == merges_.end() ? nullptr : &it->second;
}

absl::Status BpeModel::InitialSymbols(absl::string_view word,
                                      std::vector<Token>* symbols) const {
  const uint32_t n = static_cast<uint32_t>(word.size());
  if (options_.byte_level) {
    for (uint32_t i = 0; i < n; ++i) {
      symbols->push_back({byte_ids_[static_cast<uint8_t>(word[i])], {i, i + 1}});
    }
    return absl::OkStatus();
  }
  std::string piece;
  bool previous_unk = false;
  for (uint32_t pos = 0; pos < n;) {
    const uint32_t len = DecodeUtf8(word, pos).length;
    const bool last = pos + len == n;
    piece.clear();
    if (pos > 0) piece += options_.continuing_subword_prefix;
    piece.append(word.data() + pos, len);
    if (last) piece += options_.end_of_word_suffix;
    const ByteSpan span{pos, pos + len};
    if (auto it = token_to_id_.find(piece); it != token_to_id_.end()) {
      symbols->push_back({it->second, span});
      previous_unk = false;
    } else if (options_.byte_fallback &&
               byte_fallback_ids_[static_cast<uint8_t>(word[pos])] >= 0) {
      for (uint32_t i = pos; i < pos + len; ++i) {
        const TokenId id = byte_fallback_ids_[static_cast<uint8_t>(word[i])];
        if (id < 0) {
          return absl::InvalidArgumentError(absl::StrCat(
              "byte fallback token for byte 0x",
              absl::Hex(static_cast<uint8_t>(word[i]), absl::kZeroPad2),
              " is not in the vocabulary"));
        }
        symbols->push_back({id, span});
      }
      previous_unk = false;
    } else if (unk_id_.has_value()) {
      if (options_.fuse_unk && previous_unk) {
        symbols->back().span.end = span.end;
      } else {
        symbols->push_back({*unk_id_, span});
      }
      previous_unk = true;
    } else {
      return absl::InvalidArgumentError(absl::StrCat(
          "character '", word.substr(pos, len),
          "' is not in the vocabulary and the model has no unk_token"));
    }
    pos += len;
  }
  return absl::OkStatus();
}

absl::Status BpeModel::Tokenize(absl::string_view word,
                                std::vector<Token>* tokens) const {
  if (word.empty()) return absl::OkStatus();
  if (options_.dropout == 0.0f) {
    auto it = bytes_to_id_.find(word);
    if (it != bytes_to_id_.end() && whole_word_[it->second] &&
        options_.continuing_subword_prefix.empty() &&
        options_.end_of_word_suffix.empty()) {
      tokens->push_back({it->second, {0, static_cast<uint32_t>(word.size())}});
      return absl::OkStatus();
    }
  }
  const size_t start = tokens->size();
  TF_RETURN_IF_ERROR(InitialSymbols(word, tokens));
  if (start == 0) {
    MergeSymbols(tokens);
    return absl::OkStatus();
  }
  std::vector<Token> symbols(tokens->begin() + static_cast<ptrdiff_t>(start),
                             tokens->end());
  tokens->resize(start);
  MergeSymbols(&symbols);
  tokens->insert(tokens->end(), symbols.begin(), symbols.end());
  return absl::OkStatus();
}

std::optional<TokenId> BpeModel::TokenToId(absl::string_view token) const {
  auto it = token_to_id_.find(token);
  if (it == token_to_id_.end()) return std::nullopt;
  return it->second;
}

absl::string_view BpeModel::IdToToken(TokenId id) const {
  TF_CHECK(id >= 0 && static_cast<size_t>(id) < id_to_token_.size());
  return id_to_token_[id];
}

absl::string_view BpeModel::TokenBytes(TokenId id) const {
  TF_CHECK(id >= 0 && static_cast<size_t>(id) < id_to_bytes_.size());
  return id_to_bytes_[id];
}

int BpeModel::vocab_size() const { return static_cast<int>(id_to_token_.size()); }

std::vector<std::pair<std::string, std::string>> BpeModel::Merges() const {
  std::vector<std::pair<uint32_t, uint64_t>> by_rank;
  by_rank.reserve(merges_.size());
  for (const auto& [key, target] : merges_) by_rank.push_back({target.rank, key});
  // Ranks from tiktoken files repeat (one per split of a token); order the
  // splits of one token by the left part's id to stay deterministic.
  std::sort(by_rank.begin(), by_rank.end());
  std::vector<std::pair<std::string, std::string>> out;
  out.reserve(by_rank.size());
  for (const auto& [rank, key] : by_rank) {
    out.emplace_back(id_to_token_[key >> 32], id_to_token_[key & 0xffffffffu]);
  }
  return out;
}

nlohmann::json BpeModel::ToJson() const {
  nlohmann::json vocab = nlohmann::json::object();
  for (size_t id = 0; id < id_to_token_.size(); ++id) {
    vocab[id_to_token_[id]] = id;
  }
  nlohmann::json merges = nlohmann::json::array();
  for (const auto& [left, right] : Merges()) {
    merges.push_back(nlohmann::json::array({left, right}));
  }
  nlohmann::json out;
  out["type"] = "BPE";
  out["dropout"] = options_.dropout > 0 ? nlohmann::json(options_.dropout)
                                        : nlohmann::json(nullptr);
  out["unk_token"] = options_.unk_token.empty()
                         ? nlohmann::json(nullptr)
                         : nlohmann::json(options_.unk_token);
  out["continuing_subword_prefix"] =
      options_.continuing_subword_prefix.empty()
          ? nlohmann::json(nullptr)
          : nlohmann::json(options_.continuing_subword_prefix);
  out["end_of_word_suffix"] = options_.end_of_word_suffix.empty()
                                  ? nlohmann::json(nullptr)
                                  : nlohmann::json(options_.end_of_word_suffix);
  out["fuse_unk"] = options_.fuse_unk;
  out["byte_fallback"] = options_.byte_fallback;
  out["ignore_merges"] = options_.ignore_merges;
  out["vocab"] = std::move(vocab);
  out["merges"] = std::move(merges);
  return out;
}

absl::Status BpeModel::TokenizeIds(absl::string_view word,
                                   std::vector<TokenId>* ids) const {
  if (word.empty()) return absl::OkStatus();
  if (options_.dropout == 0.0f && options_.continuing_subword_prefix.empty() &&
      options_.end_of_word_suffix.empty()) {
    auto it = bytes_to_id_.find(word);
    if (it != bytes_to_id_.end() && whole_word_[it->second]) {
      ids->push_back(it->second);
      return absl::OkStatus();
    }
  }
  thread_local std::vector<Token> symbols;
  symbols.clear();
  TF_RETURN_IF_ERROR(InitialSymbols(word, &symbols));
  MergeSymbols(&symbols, options_.byte_level ? word.data() : nullptr);
  for (const Token& t : symbols) ids->push_back(t.id);
  return absl::OkStatus();
}

}  // namespace tokenforge
