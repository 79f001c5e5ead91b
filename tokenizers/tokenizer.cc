#include "tokenizers/tokenizer.h"

#include <algorithm>
#include <bitset>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "nlohmann/json.hpp"
#include "common/parallel.h"
#include "common/status_macros.h"
#include "common/utf8.h"
#include "tokenizers/models/bpe_model.h"
#include "tokenizers/models/unigram_model.h"
#include "tokenizers/normalized_string.h"
#include "tokenizers/normalizers/precompiled_normalizer.h"
#include "tokenizers/post_processors/piece_processor.h"

namespace tokenforge {
namespace {

// A piece of the input: plain text for the pipeline, or one added token.
struct Segment {
  ByteSpan span;
  std::optional<TokenId> added_id;
  bool special = false;
};

bool IsWordByte(unsigned char c) {
  return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z') || c == '_';
}

bool IsSpaceByte(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
         c == '\f';
}

// Returns the pattern when `pre_tokenizer` (with no normalizer before it)
// only splits text by a known pattern, in one of the spellings our loaders
// and HF use for GPT-2 and tiktoken pipelines; nullopt otherwise.
std::optional<KnownPattern> FastSplitPattern(const PreTokenizer& pre_tokenizer) {
  const nlohmann::json j = pre_tokenizer.ToJson();
  auto is_plain_byte_level = [](const nlohmann::json& b, bool use_regex) {
    return b.value("type", "") == "ByteLevel" &&
           !b.value("add_prefix_space", true) &&
           b.value("use_regex", true) == use_regex;
  };
  auto known_split = [](const nlohmann::json& x) -> std::optional<KnownPattern> {
    if (x.value("type", "") != "Split" || x.value("behavior", "") != "Isolated" ||
        x.value("invert", true) || !x.contains("pattern") ||
        !x["pattern"].contains("Regex")) {
      return std::nullopt;
    }
    return RecognizeKnownPattern(x["pattern"]["Regex"].get<std::string>());
  };
  if (is_plain_byte_level(j, /*use_regex=*/true)) return KnownPattern::kGpt2;
  if (j.value("type", "") == "Split") return known_split(j);
  if (j.value("type", "") == "Sequence" && j.contains("pretokenizers") &&
      j["pretokenizers"].size() == 2 &&
      is_plain_byte_level(j["pretokenizers"][1], /*use_regex=*/false)) {
    return known_split(j["pretokenizers"][0]);
  }
  return std::nullopt;
}

// Appends the token ids a post-processor inserts, from its tokenizer.json
// form (TemplateProcessing special_tokens, Bert/Roberta sep and cls, and the
// steps of a Sequence).
void CollectPostProcessorIds(const nlohmann::json& j, std::vector<int64_t>* ids) {
  if (!j.is_object()) return;
  if (auto it = j.find("special_tokens"); it != j.end() && it->is_object()) {
    for (const auto& [name, token] : it->items()) {
      if (!token.contains("ids")) continue;
      for (const nlohmann::json& id : token["ids"]) {
        if (id.is_number_integer()) ids->push_back(id.get<int64_t>());
      }
    }
  }
  for (const char* key : {"sep", "cls"}) {
    if (auto it = j.find(key); it != j.end() && it->is_array() && it->size() == 2 &&
                               (*it)[1].is_number_integer()) {
      ids->push_back((*it)[1].get<int64_t>());
    }
  }
  if (auto it = j.find("processors"); it != j.end() && it->is_array()) {
    for (const nlohmann::json& p : *it) CollectPostProcessorIds(p, ids);
  }
}

}  // namespace

// Finds added tokens in raw text, leftmost first and longest at a position
// (HF's leftmost-longest rule).
class Tokenizer::AddedTokenMatcher {
 public:
  explicit AddedTokenMatcher(const std::vector<AddedToken>& tokens) {
    for (const AddedToken& t : tokens) {
      if (t.content.empty()) continue;
      entries_.push_back(&t);
      first_bytes_.set(static_cast<unsigned char>(t.content[0]));
    }
    std::stable_sort(entries_.begin(), entries_.end(),
                     [](const AddedToken* a, const AddedToken* b) {
                       return a->content.size() > b->content.size();
                     });
  }

  bool empty() const { return entries_.empty(); }

  // Appends the segments of `text`.
  void Split(absl::string_view text, bool allow_special,
             std::vector<Segment>* out) const {
    uint32_t plain_begin = 0;
    const uint32_t n = static_cast<uint32_t>(text.size());
    for (uint32_t pos = 0; pos < n;) {
      const AddedToken* match = nullptr;
      if (first_bytes_.test(static_cast<unsigned char>(text[pos]))) {
        match = MatchAt(text, pos, allow_special);
      }
      if (match == nullptr) {
        ++pos;
        continue;
      }
      uint32_t begin = pos;
      uint32_t end = pos + static_cast<uint32_t>(match->content.size());
      if (match->lstrip) {
        while (begin > plain_begin &&
               IsSpaceByte(static_cast<unsigned char>(text[begin - 1]))) {
          --begin;
        }
      }
      if (match->rstrip) {
        while (end < n && IsSpaceByte(static_cast<unsigned char>(text[end]))) {
          ++end;
        }
      }
      if (begin > plain_begin) out->push_back({{plain_begin, begin}, {}, false});
      out->push_back({{begin, end}, match->id, match->special});
      plain_begin = pos = end;
    }
    if (plain_begin < n) out->push_back({{plain_begin, n}, {}, false});
  }

 private:
  const AddedToken* MatchAt(absl::string_view text, uint32_t pos,
                            bool allow_special) const {
    for (const AddedToken* t : entries_) {
      if (t->special && !allow_special) continue;
      if (text.compare(pos, t->content.size(), t->content) != 0) continue;
      if (t->single_word) {
        const size_t end = pos + t->content.size();
        if (pos > 0 && IsWordByte(static_cast<unsigned char>(text[pos - 1]))) continue;
        if (end < text.size() && IsWordByte(static_cast<unsigned char>(text[end]))) continue;
      }
      return t;
    }
    return nullptr;
  }

  std::vector<const AddedToken*> entries_;
  std::bitset<256> first_bytes_;
};

Tokenizer::Tokenizer(Parts parts) : parts_(std::move(parts)) {
  matcher_ = std::make_unique<AddedTokenMatcher>(parts_.added_tokens);
  bpe_ = dynamic_cast<const BpeModel*>(parts_.model.get());
  for (const AddedToken& t : parts_.added_tokens) {
    added_by_id_.emplace(t.id, &t);
    has_non_special_added_ |= !t.special;
  }
  if (parts_.pre_tokenizer == nullptr) {
    spm_normalizer_ = dynamic_cast<const PrecompiledNormalizer*>(parts_.normalizer.get());
    unigram_ = dynamic_cast<const UnigramModel*>(parts_.model.get());
  }
  if (parts_.normalizer == nullptr && parts_.pre_tokenizer != nullptr &&
      bpe_ != nullptr && bpe_->options().byte_level) {
    fast_split_ = FastSplitPattern(*parts_.pre_tokenizer);
  }
}

Tokenizer::~Tokenizer() = default;

absl::StatusOr<std::unique_ptr<Tokenizer>> Tokenizer::Create(Parts parts) {
  if (parts.model == nullptr) {
    return absl::InvalidArgumentError("a tokenizer needs a model");
  }
  TF_RETURN_IF_ERROR(parts.truncation.Validate());
  // Encodings are padded in memory: refuse lengths no model could take.
  constexpr uint32_t kMaxPadding = 1 << 24;
  if (parts.padding.has_value() && (parts.padding->length > kMaxPadding ||
                                    parts.padding->pad_to_multiple_of > kMaxPadding)) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "padding length ", parts.padding->length, " is above the limit of ",
        kMaxPadding, " tokens"));
  }
  for (const AddedToken& t : parts.added_tokens) {
    if (t.content.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("added token ", t.id, " has empty content"));
    }
    if (t.id < 0 || t.id == INT32_MAX) {
      return absl::InvalidArgumentError(absl::StrCat(
          "added token '", t.content, "' has id ", t.id, " outside [0, 2^31 - 1)"));
    }
  }
  std::unique_ptr<Tokenizer> tokenizer(new Tokenizer(std::move(parts)));
  // Every id the post-processor inserts must decode.
  if (tokenizer->parts_.post_processor != nullptr) {
    std::vector<int64_t> ids;
    CollectPostProcessorIds(tokenizer->parts_.post_processor->ToJson(), &ids);
    for (int64_t id : ids) {
      if (id < 0 || id >= tokenizer->vocab_size()) {
        return absl::InvalidArgumentError(absl::StrCat(
            "post_processor: special token id ", id,
            " is outside the vocabulary (size ", tokenizer->vocab_size(), ")"));
      }
    }
  }
  return tokenizer;
}

absl::Status Tokenizer::NormalizeAndSplit(NormalizedString* text,
                                          std::vector<ByteSpan>* words) const {
  if (parts_.normalizer != nullptr) {
    TF_RETURN_IF_ERROR(parts_.normalizer->Normalize(text));
  }
  words->clear();
  if (!text->normalized().empty()) {
    words->push_back({0, static_cast<uint32_t>(text->normalized().size())});
  }
  if (parts_.pre_tokenizer != nullptr) {
    TF_RETURN_IF_ERROR(parts_.pre_tokenizer->PreTokenize(text, words));
  }
  return absl::OkStatus();
}

absl::Status Tokenizer::EncodePlain(absl::string_view text, uint32_t base,
                                    int32_t* word_index, Encoding* encoding,
                                    std::vector<TokenId>* ids) const {
  if (encoding == nullptr && fast_split_.has_value()) {
    thread_local std::vector<ByteSpan> pieces;
    pieces.clear();
    SplitKnownPattern(*fast_split_, text, &pieces);
    for (const ByteSpan& p : pieces) {
      TF_RETURN_IF_ERROR(bpe_->TokenizeIds(text.substr(p.begin, p.size()), ids));
    }
    return absl::OkStatus();
  }
  if (encoding == nullptr && spm_normalizer_ != nullptr && unigram_ != nullptr) {
    thread_local std::string normalized_text;
    normalized_text.clear();
    spm_normalizer_->NormalizeToString(text, &normalized_text);
    unigram_->TokenizeIds(normalized_text, ids);
    return absl::OkStatus();
  }
  NormalizedString normalized(text);
  thread_local std::vector<ByteSpan> words;
  TF_RETURN_IF_ERROR(NormalizeAndSplit(&normalized, &words));
  if (encoding == nullptr && bpe_ != nullptr) {
    for (const ByteSpan& word : words) {
      TF_RETURN_IF_ERROR(bpe_->TokenizeIds(normalized.Slice(word), ids));
    }
    return absl::OkStatus();
  }
  thread_local std::vector<Token> tokens;
  for (const ByteSpan& word : words) {
    tokens.clear();
    TF_RETURN_IF_ERROR(parts_.model->Tokenize(normalized.Slice(word), &tokens));
    if (encoding == nullptr) {
      for (const Token& t : tokens) ids->push_back(t.id);
      continue;
    }
    for (const Token& t : tokens) {
      ByteSpan span = normalized.ToOriginal(
          {word.begin + t.span.begin, word.begin + t.span.end});
      span.begin += base;
      span.end += base;
      encoding->Append(t.id, span, *word_index, /*special=*/false);
    }
    ++*word_index;
  }
  return absl::OkStatus();
}

absl::Status Tokenizer::EncodeInto(absl::string_view text,
                                   const EncodeOptions& options,
                                   Encoding* encoding,
                                   std::vector<TokenId>* ids) const {
  int32_t word_index = 0;
  if (matcher_->empty() || (!options.allow_special && !has_non_special_added_)) {
    return EncodePlain(text, 0, &word_index, encoding, ids);
  }
  std::vector<Segment> segments;
  matcher_->Split(text, options.allow_special, &segments);
  for (const Segment& s : segments) {
    if (s.added_id.has_value()) {
      if (encoding != nullptr) {
        encoding->Append(*s.added_id, s.span, -1, s.special);
      } else {
        ids->push_back(*s.added_id);
      }
      continue;
    }
    TF_RETURN_IF_ERROR(EncodePlain(text.substr(s.span.begin, s.span.size()),
                                   s.span.begin, &word_index, encoding, ids));
  }
  return absl::OkStatus();
}

absl::StatusOr<Encoding> Tokenizer::Encode(absl::string_view text,
                                           const EncodeOptions& options) const {
  if (text.size() > UINT32_MAX) {
    return absl::ResourceExhaustedError("texts over 4 GiB are not supported");
  }
  Encoding encoding;
  TF_RETURN_IF_ERROR(EncodeInto(text, options, &encoding, nullptr));
  return Finish(std::move(encoding), nullptr, options);
}

absl::StatusOr<Encoding> Tokenizer::EncodePair(
    absl::string_view a, absl::string_view b,
    const EncodeOptions& options) const {
  Encoding first, second;
  TF_RETURN_IF_ERROR(EncodeInto(a, options, &first, nullptr));
  TF_RETURN_IF_ERROR(EncodeInto(b, options, &second, nullptr));
  return Finish(std::move(first), &second, options);
}

absl::StatusOr<Encoding> Tokenizer::Finish(Encoding encoding, Encoding* pair,
                                           const EncodeOptions& options) const {
  const bool post = options.add_special_tokens && parts_.post_processor != nullptr;
  if (parts_.truncation.max_length > 0) {
    TruncationOptions t = parts_.truncation;
    const uint32_t added =
        post ? static_cast<uint32_t>(parts_.post_processor->AddedTokens(pair != nullptr)) : 0;
    t.max_length = t.max_length > added ? t.max_length - added : 1;
    if (t.stride >= t.max_length) t.stride = 0;
    encoding.Truncate(t);
    if (pair != nullptr) pair->Truncate(t);
  }
  if (post) {
    TF_RETURN_IF_ERROR(parts_.post_processor->Process(&encoding, pair));
  } else if (const auto* pieces =
                 dynamic_cast<const PieceProcessor*>(parts_.post_processor.get());
             pieces != nullptr && pair != nullptr) {
    // HF runs the processor even without special tokens: it still sets the
    // pair's type ids its own way.
    TF_RETURN_IF_ERROR(pieces->Process(&encoding, pair, /*add_special_tokens=*/false));
  } else if (pair != nullptr) {
    encoding.Extend(*pair, 1);
  }
  if (parts_.padding.has_value() && parts_.padding->length > 0) {
    encoding.Pad(*parts_.padding);
  }
  return encoding;
}

absl::Status Tokenizer::EncodeIds(absl::string_view text,
                                  const EncodeOptions& options,
                                  std::vector<TokenId>* ids) const {
  const bool plain = !options.add_special_tokens &&
                     parts_.truncation.max_length == 0 &&
                     !parts_.padding.has_value();
  if (plain) return EncodeInto(text, options, nullptr, ids);
  TF_ASSIGN_OR_RETURN(Encoding encoding, Encode(text, options));
  ids->insert(ids->end(), encoding.ids.begin(), encoding.ids.end());
  return absl::OkStatus();
}

namespace {

// Texts per parallel task: large enough to amortize scheduling, small
// enough to balance two threads on short batches.
constexpr size_t kBatchChunk = 64;

}  // namespace

absl::StatusOr<std::vector<Encoding>> Tokenizer::EncodeBatch(
    absl::Span<const absl::string_view> texts, const EncodeOptions& options,
    int num_threads) const {
  std::vector<Encoding> out(texts.size());
  const size_t chunks = (texts.size() + kBatchChunk - 1) / kBatchChunk;
  std::vector<absl::Status> status(chunks);
  ParallelFor(chunks, num_threads, [&](size_t c) {
    for (size_t i = c * kBatchChunk; i < std::min(texts.size(), (c + 1) * kBatchChunk); ++i) {
      absl::StatusOr<Encoding> e = Encode(texts[i], options);
      if (!e.ok()) {
        status[c] = Annotate(e.status(), absl::StrCat("text ", i));
        return;
      }
      out[i] = *std::move(e);
    }
  });
  for (const absl::Status& s : status) TF_RETURN_IF_ERROR(s);
  if (parts_.padding.has_value() && parts_.padding->length == 0) {
    uint32_t longest = 0;
    for (const Encoding& e : out) longest = std::max<uint32_t>(longest, static_cast<uint32_t>(e.size()));
    for (Encoding& e : out) e.Pad(*parts_.padding, longest);
  }
  return out;
}

absl::StatusOr<std::vector<std::vector<TokenId>>> Tokenizer::EncodeIdsBatch(
    absl::Span<const absl::string_view> texts, const EncodeOptions& options,
    int num_threads) const {
  std::vector<std::vector<TokenId>> out(texts.size());
  const size_t chunks = (texts.size() + kBatchChunk - 1) / kBatchChunk;
  std::vector<absl::Status> status(chunks);
  ParallelFor(chunks, num_threads, [&](size_t c) {
    // Encoding into one scratch vector and copying out gives each result a
    // single exact allocation instead of a chain of growths.
    std::vector<TokenId> scratch;
    for (size_t i = c * kBatchChunk; i < std::min(texts.size(), (c + 1) * kBatchChunk); ++i) {
      scratch.clear();
      absl::Status s = EncodeIds(texts[i], options, &scratch);
      if (!s.ok()) {
        status[c] = Annotate(s, absl::StrCat("text ", i));
        return;
      }
      out[i].assign(scratch.begin(), scratch.end());
    }
  });
  for (const absl::Status& s : status) TF_RETURN_IF_ERROR(s);
  return out;
}

absl::StatusOr<std::string> Tokenizer::IdToToken(TokenId id) const {
  if (auto it = added_by_id_.find(id); it != added_by_id_.end()) {
    return it->second->content;
  }
  if (id < 0 || id >= parts_.model->vocab_size()) {
    return absl::OutOfRangeError(absl::StrCat(
        "token id ", id, " is outside the vocabulary (size ", vocab_size(), ")"));
  }
  return std::string(parts_.model->IdToToken(id));
}

std::optional<TokenId> Tokenizer::TokenToId(absl::string_view token) const {
  for (const AddedToken& t : parts_.added_tokens) {
    if (t.content == token) return t.id;
  }
  return parts_.model->TokenToId(token);
}

int Tokenizer::vocab_size() const {
  int size = parts_.model->vocab_size();
  for (const AddedToken& t : parts_.added_tokens) size = std::max(size, t.id + 1);
  return size;
}

absl::StatusOr<std::string> Tokenizer::Decode(absl::Span<const TokenId> ids,
                                              bool skip_special_tokens) const {
  std::vector<std::string> tokens;
  tokens.reserve(ids.size());
  for (TokenId id : ids) {
    if (auto it = added_by_id_.find(id); it != added_by_id_.end()) {
      if (skip_special_tokens && it->second->special) continue;
    }
    TF_ASSIGN_OR_RETURN(std::string token, IdToToken(id));
    tokens.push_back(std::move(token));
  }
  if (parts_.decoder == nullptr) return absl::StrJoin(tokens, " ");
  TF_RETURN_IF_ERROR(parts_.decoder->DecodeChain(&tokens));
  return absl::StrJoin(tokens, "");
}

absl::Status Tokenizer::PreTokenize(absl::string_view text,
                                    std::vector<std::string>* words) const {
  std::vector<Segment> segments;
  matcher_->Split(text, /*allow_special=*/true, &segments);
  for (const Segment& s : segments) {
    if (s.added_id.has_value()) continue;
    NormalizedString normalized(text.substr(s.span.begin, s.span.size()));
    std::vector<ByteSpan> spans;
    TF_RETURN_IF_ERROR(NormalizeAndSplit(&normalized, &spans));
    for (const ByteSpan& w : spans) words->emplace_back(normalized.Slice(w));
  }
  return absl::OkStatus();
}

}  // namespace tokenforge
