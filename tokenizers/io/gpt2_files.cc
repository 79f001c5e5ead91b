#include "tokenizers/io/gpt2_files.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/file.h"
#include "common/status_macros.h"
#include "nlohmann/json.hpp"
#include "tokenizers/decoders/decoder_factory.h"
#include "tokenizers/models/bpe_model.h"
#include "tokenizers/pre_tokenizers/pre_tokenizer_factory.h"

namespace tokenforge {

absl::StatusOr<std::vector<std::pair<std::string, std::string>>> ParseMergesTxt(
    absl::string_view text, absl::string_view file_name) {
  std::vector<std::pair<std::string, std::string>> merges;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || (line_number == 1 && absl::StartsWith(line, "#version"))) {
      continue;
    }
    const size_t space = line.find(' ', 1);
    if (space == absl::string_view::npos || space + 1 >= line.size() ||
        line.find(' ', space + 1) != absl::string_view::npos) {
      return absl::DataLossError(absl::StrCat(
          file_name, ":", line_number, ": expected 'left right', got '",
          line.substr(0, 80), "'"));
    }
    merges.emplace_back(line.substr(0, space), line.substr(space + 1));
  }
  return merges;
}

absl::StatusOr<std::unique_ptr<Tokenizer>> LoadGpt2Files(
    absl::string_view vocab_path, absl::string_view merges_path) {
  std::string merges_file(merges_path);
  if (merges_file.empty()) {
    const std::string dir = Dirname(vocab_path);
    merges_file = dir + "/merges.txt";
    if (!FileExists(merges_file) && FileExists(dir + "/vocab.bpe")) {
      merges_file = dir + "/vocab.bpe";
    }
  }
  TF_ASSIGN_OR_RETURN(std::string vocab_text, ReadFile(vocab_path));
  const nlohmann::json vocab_json =
      nlohmann::json::parse(vocab_text, nullptr, /*allow_exceptions=*/false);
  if (!vocab_json.is_object()) {
    return absl::DataLossError(
        absl::StrCat(vocab_path, ": expected a JSON object of token -> id"));
  }
  std::vector<std::pair<std::string, TokenId>> vocab;
  vocab.reserve(vocab_json.size());
  for (auto it = vocab_json.begin(); it != vocab_json.end(); ++it) {
    if (!it.value().is_number_integer()) {
      return absl::DataLossError(absl::StrCat(
          vocab_path, ": id of '", it.key(), "' is not an integer"));
    }
    vocab.emplace_back(it.key(), it.value().get<TokenId>());
  }
  absl::StatusOr<std::string> merges_text = ReadFile(merges_file);
  if (!merges_text.ok()) {
    return Annotate(merges_text.status(),
                    "merges file (give it with --merges)");
  }
  TF_ASSIGN_OR_RETURN(auto merges, ParseMergesTxt(*merges_text, merges_file));
  absl::StatusOr<std::unique_ptr<BpeModel>> model =
      BpeModel::Create(vocab, merges, {.byte_level = true});
  if (!model.ok()) return Annotate(model.status(), merges_file);

  Tokenizer::Parts parts;
  const nlohmann::json byte_level = {{"type", "ByteLevel"},
                                     {"add_prefix_space", false},
                                     {"trim_offsets", true},
                                     {"use_regex", true}};
  TF_ASSIGN_OR_RETURN(parts.pre_tokenizer, PreTokenizerFromJson(byte_level));
  TF_ASSIGN_OR_RETURN(parts.decoder, DecoderFromJson(byte_level));
  if (std::optional<TokenId> eot = (*model)->TokenToId("<|endoftext|>")) {
    parts.added_tokens.push_back(
        {.content = "<|endoftext|>", .id = *eot, .special = true});
  }
  parts.model = *std::move(model);
  return Tokenizer::Create(std::move(parts));
}

}  // namespace tokenforge
