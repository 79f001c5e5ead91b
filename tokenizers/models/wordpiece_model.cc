#include "tokenizers/models/wordpiece_model.h"

#include <algorithm>
#include <deque>
#include <limits>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"

namespace tokenforge {
namespace {

// Trie value of the continuation prefix when it is not itself a token.
constexpr int32_t kPrefixOnly = std::numeric_limits<int32_t>::max();
constexpr int32_t kNoLink = -1;

}  // namespace

absl::Status WordPieceModelOptions::Validate() const {
  if (unk_token.empty()) return absl::InvalidArgumentError("unk_token is empty");
  if (max_input_chars_per_word < 0) {
    return absl::InvalidArgumentError("max_input_chars_per_word must be >= 0");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<WordPieceModel>> WordPieceModel::Create(
    const std::vector<std::pair<std::string, TokenId>>& vocab,
    const WordPieceModelOptions& options) {
  TF_RETURN_IF_ERROR(options.Validate());
  std::unique_ptr<WordPieceModel> model(new WordPieceModel());
  model->options_ = options;
  TF_RETURN_IF_ERROR(model->Init(vocab));
  return model;
}

absl::Status WordPieceModel::Init(
    const std::vector<std::pair<std::string, TokenId>>& vocab) {
  TokenId max_id = -1;
  for (const auto& [token, id] : vocab) {
    if (id < 0) return absl::InvalidArgumentError("negative token id");
    max_id = std::max(max_id, id);
  }
  // Holes in the ids are allowed, but the id table is dense: bound it by the
  // vocabulary size so a stray huge id cannot allocate gigabytes.
  if (static_cast<int64_t>(max_id) >= 2 * static_cast<int64_t>(vocab.size()) + 1024) {
    return absl::InvalidArgumentError(absl::StrCat(
        "token id ", max_id, " is far beyond the vocabulary size ", vocab.size()));
  }
  id_to_token_.assign(static_cast<size_t>(max_id) + 1, "");
  std::vector<std::pair<std::string, int32_t>> keys;
  for (const auto& [token, id] : vocab) {
    if (token.empty()) return absl::InvalidArgumentError("empty token in vocab");
    if (!id_to_token_[id].empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "id ", id, " is used by both \"", absl::CEscape(id_to_token_[id]),
          "\" and \"", absl::CEscape(token), "\""));
    }
    if (!token_to_id_.emplace(token, id).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("token \"", absl::CEscape(token), "\" is duplicated"));
    }
    id_to_token_[id] = token;
    keys.push_back({token, id});
  }
  const auto unk = token_to_id_.find(options_.unk_token);
  if (unk == token_to_id_.end()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "unk_token \"", options_.unk_token, "\" is not in the vocabulary"));
  }
  unk_id_ = unk->second;
  const std::string& prefix = options_.continuing_subword_prefix;
  if (!prefix.empty() && !token_to_id_.contains(prefix)) {
    keys.push_back({prefix, kPrefixOnly});
  }
  TF_ASSIGN_OR_RETURN(trie_, DoubleArrayTrie::Build(std::move(keys)));
  const int64_t r = trie_.Find(prefix);
  TF_CHECK(r >= 0);
  suffix_root_ = static_cast<uint32_t>(r);
  return BuildFailureLinks();
}

// Song et al. 2021, Algorithm 2: breadth-first over the trie, each node's
// failure link and pops follow from its parent's. For u = child(v, c):
//   u is a token:  f(u) = r#, F(u) = [u]
//   otherwise:     walk z = f(v), f(f(v)), ... collecting F(v) ++ F(z) ...
//                  until z has a c edge; f(u) = child(z, c).
// r and r# have no failure link.
absl::Status WordPieceModel::BuildFailureLinks() {
  const size_t slots = trie_.num_slots();
  fail_.assign(slots, kNoLink);
  pops_begin_.assign(slots, 0);
  pops_end_.assign(slots, 0);
  std::vector<uint32_t> depth(slots, 0);
  std::vector<bool> in_suffix(slots, false);
  const auto prefix_len = static_cast<uint32_t>(options_.continuing_subword_prefix.size());
  in_suffix[suffix_root_] = true;
  std::deque<uint32_t> queue = {DoubleArrayTrie::kRoot};
  std::vector<std::pair<uint8_t, uint32_t>> children;
  std::vector<Pop> collected;
  while (!queue.empty()) {
    const uint32_t v = queue.front();
    queue.pop_front();
    children.clear();
    trie_.Children(v, &children);
    for (const auto& [c, u] : children) {
      queue.push_back(u);
      depth[u] = depth[v] + 1;
      in_suffix[u] = in_suffix[u] || in_suffix[v];
      if (u == suffix_root_) continue;
      const int32_t value = trie_.Value(u);
      if (value != DoubleArrayTrie::kNoValue && value != kPrefixOnly) {
        fail_[u] = static_cast<int32_t>(suffix_root_);
        pops_begin_[u] = static_cast<uint32_t>(pops_.size());
        pops_.push_back({value, depth[u] - (in_suffix[u] ? prefix_len : 0)});
        pops_end_[u] = static_cast<uint32_t>(pops_.size());
        continue;
      }
      collected.assign(pops_.begin() + pops_begin_[v], pops_.begin() + pops_end_[v]);
      int32_t z = fail_[v];
      uint32_t next = 0;
      while (z != kNoLink) {
        next = static_cast<uint32_t>(z);
        if (trie_.Step(&next, c)) break;
        collected.insert(collected.end(), pops_.begin() + pops_begin_[z],
                         pops_.begin() + pops_end_[z]);
        z = fail_[z];
      }
      if (z == kNoLink) continue;
      fail_[u] = static_cast<int32_t>(next);
      pops_begin_[u] = static_cast<uint32_t>(pops_.size());
      pops_.insert(pops_.end(), collected.begin(), collected.end());
      pops_end_[u] = static_cast<uint32_t>(pops_.size());
    }
  }
  return absl::OkStatus();
}

bool WordPieceModel::TooLong(absl::string_view word) const {
  if (word.size() <= static_cast<size_t>(options_.max_input_chars_per_word)) {
    return false;
  }
  size_t chars = 0;
  for (const char c : word) chars += (static_cast<uint8_t>(c) & 0xC0) != 0x80;
  return chars > static_cast<size_t>(options_.max_input_chars_per_word);
}

// Song et al. 2021, Algorithm 1 (MatchLoop + the end-of-input pops).
// `emit(id, begin, end)` receives the tokens; nothing is emitted when the
// word turns out unknown, since the caller needs all-or-nothing output and
// pops are buffered.
template <typename Emit>
bool WordPieceModel::MatchFast(absl::string_view word, Emit emit) const {
  constexpr size_t kInline = 32;
  Pop buffer[kInline];
  std::vector<Pop> spill;
  size_t count = 0;
  auto push = [&](uint32_t node) {
    for (uint32_t k = pops_begin_[node]; k < pops_end_[node]; ++k) {
      if (count < kInline) {
        buffer[count] = pops_[k];
      } else {
        if (spill.empty()) spill.assign(buffer, buffer + kInline);
        spill.push_back(pops_[k]);
      }
      ++count;
    }
  };
  uint32_t u = DoubleArrayTrie::kRoot;
  for (const char ch : word) {
    const auto c = static_cast<uint8_t>(ch);
    while (!trie_.Step(&u, c)) {
      if (fail_[u] == kNoLink) return false;
      push(u);
      u = static_cast<uint32_t>(fail_[u]);
    }
  }
  while (u != suffix_root_) {
    if (fail_[u] == kNoLink) return false;
    push(u);
    u = static_cast<uint32_t>(fail_[u]);
  }
  const Pop* all = count <= kInline ? buffer : spill.data();
  uint32_t pos = 0;
  for (size_t k = 0; k < count; ++k) {
    emit(all[k].id, pos, pos + all[k].length);
    pos += all[k].length;
  }
  return true;
}

bool WordPieceModel::MatchDirect(absl::string_view word,
                                 std::vector<Token>* tokens) const {
  const size_t first = tokens->size();
  std::string candidate;
  for (size_t start = 0; start < word.size();) {
    size_t end = word.size();
    bool found = false;
    while (start < end) {
      candidate.assign(start > 0 ? options_.continuing_subword_prefix : "");
      candidate.append(word.data() + start, end - start);
      if (const auto it = token_to_id_.find(candidate); it != token_to_id_.end()) {
        tokens->push_back({it->second, {static_cast<uint32_t>(start),
                                        static_cast<uint32_t>(end)}});
        found = true;
        break;
      }
      // Step back one character (HF: the last char's UTF-8 length).
      do {
        --end;
      } while (end > start && (static_cast<uint8_t>(word[end]) & 0xC0) == 0x80);
    }
    if (!found) {
      tokens->resize(first);
      return false;
    }
    start = end;
  }
  return true;
}

absl::Status WordPieceModel::Tokenize(absl::string_view word,
                                      std::vector<Token>* tokens) const {
  if (word.empty()) return absl::OkStatus();
  const ByteSpan whole = {0, static_cast<uint32_t>(word.size())};
  if (TooLong(word)) {
    tokens->push_back({unk_id_, whole});
    return absl::OkStatus();
  }
  const std::string& prefix = options_.continuing_subword_prefix;
  bool ok;
  if (prefix.empty() || !absl::StartsWith(word, prefix)) {
    ok = MatchFast(word, [&](TokenId id, uint32_t b, uint32_t e) {
      tokens->push_back({id, {b, e}});
    });
  } else {
    ok = MatchDirect(word, tokens);
  }
  if (!ok) tokens->push_back({unk_id_, whole});
  return absl::OkStatus();
}

void WordPieceModel::TokenizeIds(absl::string_view word,
                                 std::vector<TokenId>* ids) const {
  if (word.empty()) return;
  const std::string& prefix = options_.continuing_subword_prefix;
  if (!TooLong(word) && (prefix.empty() || !absl::StartsWith(word, prefix))) {
    const size_t first = ids->size();
    if (MatchFast(word, [&](TokenId id, uint32_t, uint32_t) { ids->push_back(id); })) {
      return;
    }
    ids->resize(first);
  }
  std::vector<Token> tokens;
  (void)Tokenize(word, &tokens);
  for (const Token& t : tokens) ids->push_back(t.id);
}

std::optional<TokenId> WordPieceModel::TokenToId(absl::string_view token) const {
  const auto it = token_to_id_.find(token);
  if (it == token_to_id_.end()) return std::nullopt;
  return it->second;
}

absl::string_view WordPieceModel::IdToToken(TokenId id) const {
  TF_CHECK(id >= 0 && id < vocab_size());
  return id_to_token_[id];
}

absl::StatusOr<std::unique_ptr<WordPieceModel>> WordPieceModel::FromJson(
    const nlohmann::json& json) {
  if (!json.is_object() || json.value("type", "") != "WordPiece") {
    return absl::InvalidArgumentError("WordPiece model: \"type\" must be \"WordPiece\"");
  }
  WordPieceModelOptions options;
  if (const auto it = json.find("unk_token"); it != json.end() && it->is_string()) {
    options.unk_token = it->get<std::string>();
  }
  if (const auto it = json.find("continuing_subword_prefix");
      it != json.end() && it->is_string()) {
    options.continuing_subword_prefix = it->get<std::string>();
  }
  if (const auto it = json.find("max_input_chars_per_word");
      it != json.end() && it->is_number_integer()) {
    options.max_input_chars_per_word = it->get<int>();
  }
  const auto vocab = json.find("vocab");
  if (vocab == json.end() || !vocab->is_object()) {
    return absl::InvalidArgumentError("WordPiece model field \"vocab\" must be an object");
  }
  std::vector<std::pair<std::string, TokenId>> entries;
  for (const auto& [token, id] : vocab->items()) {
    if (!id.is_number_integer()) {
      return absl::InvalidArgumentError(
          absl::StrCat("WordPiece model field \"vocab\": id of \"", token, "\" is not an integer"));
    }
    entries.push_back({token, id.get<TokenId>()});
  }
  return Create(entries, options);
}

nlohmann::json WordPieceModel::ToJson() const {
  nlohmann::json vocab = nlohmann::json::object();
  for (size_t id = 0; id < id_to_token_.size(); ++id) {
    if (!id_to_token_[id].empty()) vocab[id_to_token_[id]] = id;
  }
  return {{"type", "WordPiece"},
          {"unk_token", options_.unk_token},
          {"continuing_subword_prefix", options_.continuing_subword_prefix},
          {"max_input_chars_per_word", options_.max_input_chars_per_word},
          {"vocab", std::move(vocab)}};
}

}  // namespace tokenforge
