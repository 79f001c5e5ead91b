#include "tokenizers/io/wordpiece_vocab.h"

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/file.h"
#include "common/status_macros.h"
#include "nlohmann/json.hpp"
#include "tokenizers/decoders/decoder_factory.h"
#include "tokenizers/models/wordpiece_model.h"
#include "tokenizers/normalizers/normalizer_factory.h"
#include "tokenizers/post_processors/post_processor_factory.h"
#include "tokenizers/pre_tokenizers/pre_tokenizer_factory.h"

namespace tokenforge {
namespace {

bool HasUpperAscii(const std::vector<std::pair<std::string, TokenId>>& vocab) {
  for (const auto& [token, id] : vocab) {
    // Special tokens ([CLS], <unk>) are upper case in cased and uncased
    // vocabularies alike.
    if (token.size() > 2 && (token.front() == '[' || token.front() == '<')) continue;
    for (const char c : token) {
      if (absl::ascii_isupper(static_cast<unsigned char>(c))) return true;
    }
  }
  return false;
}

}  // namespace

absl::Status WordPieceVocabOptions::Validate() const {
  if (unk_token.empty()) return absl::InvalidArgumentError("unk_token is empty");
  if (max_input_chars_per_word < 0) {
    return absl::InvalidArgumentError("max_input_chars_per_word must be >= 0");
  }
  return absl::OkStatus();
}

std::vector<std::pair<std::string, TokenId>> ParseWordPieceVocab(
    absl::string_view text) {
  absl::flat_hash_map<std::string, TokenId> ids;
  std::vector<std::string> order;
  TokenId index = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    const TokenId id = index++;
    const absl::string_view token = absl::StripTrailingAsciiWhitespace(line);
    if (token.empty()) continue;
    const auto [it, inserted] = ids.insert_or_assign(std::string(token), id);
    if (inserted) order.push_back(it->first);
  }
  // A final newline does not start another entry.
  std::vector<std::pair<std::string, TokenId>> vocab;
  vocab.reserve(order.size());
  for (const std::string& token : order) vocab.push_back({token, ids[token]});
  return vocab;
}

absl::StatusOr<std::unique_ptr<Tokenizer>> LoadWordPieceVocab(
    absl::string_view path, const WordPieceVocabOptions& options) {
  TF_RETURN_IF_ERROR(options.Validate());
  TF_ASSIGN_OR_RETURN(const std::string text, ReadFile(path));
  const auto vocab = ParseWordPieceVocab(text);
  const bool lowercase = options.lowercase.value_or(!HasUpperAscii(vocab));
  WordPieceModelOptions model_options;
  model_options.unk_token = options.unk_token;
  model_options.max_input_chars_per_word = options.max_input_chars_per_word;
  Tokenizer::Parts parts;
  TF_ASSIGN_OR_RETURN(parts.model, WordPieceModel::Create(vocab, model_options));
  nlohmann::json normalizer = {{"type", "BertNormalizer"},
                               {"clean_text", options.clean_text},
                               {"handle_chinese_chars", options.handle_chinese_chars},
                               {"strip_accents", nullptr},
                               {"lowercase", lowercase}};
  if (options.strip_accents.has_value()) normalizer["strip_accents"] = *options.strip_accents;
  TF_ASSIGN_OR_RETURN(parts.normalizer, NormalizerFromJson(normalizer));
  TF_ASSIGN_OR_RETURN(parts.pre_tokenizer,
                      PreTokenizerFromJson({{"type", "BertPreTokenizer"}}));
  TF_ASSIGN_OR_RETURN(parts.decoder, DecoderFromJson({{"type", "WordPiece"},
                                                      {"prefix", "##"},
                                                      {"cleanup", true}}));
  for (const std::string* special : {&options.pad_token, &options.unk_token,
                                     &options.cls_token, &options.sep_token,
                                     &options.mask_token}) {
    const std::optional<TokenId> id = parts.model->TokenToId(*special);
    if (!id.has_value()) continue;
    AddedToken added;
    added.content = *special;
    added.id = *id;
    added.special = true;
    parts.added_tokens.push_back(added);
  }
  const std::optional<TokenId> cls = parts.model->TokenToId(options.cls_token);
  const std::optional<TokenId> sep = parts.model->TokenToId(options.sep_token);
  if (cls.has_value() && sep.has_value()) {
    TF_ASSIGN_OR_RETURN(parts.post_processor,
                        PostProcessorFromJson({{"type", "BertProcessing"},
                                               {"sep", {options.sep_token, static_cast<uint32_t>(*sep)}},
                                               {"cls", {options.cls_token, static_cast<uint32_t>(*cls)}}}));
  }
  return Tokenizer::Create(std::move(parts));
}

}  // namespace tokenforge
