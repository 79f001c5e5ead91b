#include "tokenizers/io/tiktoken_file.h"

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/file.h"
#include "common/status_macros.h"
#include "tokenizers/decoders/decoder_factory.h"
#include "tokenizers/models/bpe_model.h"
#include "tokenizers/pre_tokenizers/known_patterns.h"
#include "tokenizers/pre_tokenizers/pre_tokenizer_factory.h"

namespace tokenforge {
namespace {

struct EncodingSpec {
  const char* name;
  KnownPattern pattern;
  std::vector<std::pair<const char*, TokenId>> special_tokens;
};

// The special tokens of tiktoken_ext/openai_public.py.
const std::vector<EncodingSpec>& EncodingSpecs() {
  static const auto* specs = new std::vector<EncodingSpec>{
      {"r50k_base", KnownPattern::kGpt2, {{"<|endoftext|>", 50256}}},
      {"gpt2", KnownPattern::kGpt2, {{"<|endoftext|>", 50256}}},
      {"p50k_base", KnownPattern::kGpt2, {{"<|endoftext|>", 50256}}},
      {"cl100k_base",
       KnownPattern::kCl100k,
       {{"<|endoftext|>", 100257},
        {"<|fim_prefix|>", 100258},
        {"<|fim_middle|>", 100259},
        {"<|fim_suffix|>", 100260},
        {"<|endofprompt|>", 100276}}},
      {"o200k_base",
       KnownPattern::kO200k,
       {{"<|endoftext|>", 199999}, {"<|endofprompt|>", 200018}}},
  };
  return *specs;
}

absl::StatusOr<const EncodingSpec*> FindSpec(absl::string_view name) {
  for (const EncodingSpec& spec : EncodingSpecs()) {
    if (name == spec.name) return &spec;
  }
  std::string known;
  for (const EncodingSpec& spec : EncodingSpecs()) {
    absl::StrAppend(&known, known.empty() ? "" : ", ", spec.name);
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown tiktoken encoding '", name, "' (known: ", known,
      "); name it with --encoding"));
}

}  // namespace

absl::StatusOr<std::vector<std::pair<std::string, TokenId>>> ParseTiktokenRanks(
    absl::string_view text, absl::string_view file_name) {
  std::vector<std::pair<std::string, TokenId>> ranks;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    const size_t space = line.find(' ');
    std::string bytes;
    int64_t rank = -1;
    if (space == absl::string_view::npos ||
        !absl::Base64Unescape(line.substr(0, space), &bytes) ||
        !absl::SimpleAtoi(line.substr(space + 1), &rank) || rank < 0 ||
        rank > INT32_MAX || bytes.empty()) {
      return absl::DataLossError(absl::StrCat(
          file_name, ":", line_number,
          ": expected '<base64 token> <rank>', got '",
          absl::CEscape(line.substr(0, 80)), "'"));
    }
    ranks.emplace_back(std::move(bytes), static_cast<TokenId>(rank));
  }
  if (ranks.empty()) {
    return absl::DataLossError(absl::StrCat(file_name, ": no ranks found"));
  }
  return ranks;
}

absl::StatusOr<std::unique_ptr<Tokenizer>> LoadTiktoken(
    absl::string_view path, absl::string_view encoding) {
  std::string name(encoding);
  if (name.empty()) {
    name = std::string(Basename(path));
    if (absl::EndsWith(name, ".tiktoken")) name.resize(name.size() - 9);
  }
  TF_ASSIGN_OR_RETURN(const EncodingSpec* spec, FindSpec(name));
  TF_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  TF_ASSIGN_OR_RETURN(auto ranks, ParseTiktokenRanks(text, path));
  absl::StatusOr<std::unique_ptr<BpeModel>> model = BpeModel::FromRanks(ranks);
  if (!model.ok()) return Annotate(model.status(), path);

  Tokenizer::Parts parts;
  // The HF spelling of a tiktoken pipeline: split with the pattern, then
  // byte-level without its own regex. Saved as tokenizer.json, it loads in HF.
  const nlohmann::json pre = {
      {"type", "Sequence"},
      {"pretokenizers",
       {{{"type", "Split"},
         {"pattern", {{"Regex", std::string(KnownPatternRegex(spec->pattern))}}},
         {"behavior", "Isolated"},
         {"invert", false}},
        {{"type", "ByteLevel"},
         {"add_prefix_space", false},
         {"trim_offsets", true},
         {"use_regex", false}}}}};
  TF_ASSIGN_OR_RETURN(parts.pre_tokenizer, PreTokenizerFromJson(pre));
  TF_ASSIGN_OR_RETURN(parts.decoder,
                      DecoderFromJson({{"type", "ByteLevel"},
                                       {"add_prefix_space", true},
                                       {"trim_offsets", true},
                                       {"use_regex", true}}));
  for (const auto& [content, id] : spec->special_tokens) {
    parts.added_tokens.push_back(
        {.content = content, .id = id, .special = true});
  }
  parts.model = *std::move(model);
  return Tokenizer::Create(std::move(parts));
}

}  // namespace tokenforge
