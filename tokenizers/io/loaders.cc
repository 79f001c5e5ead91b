#include "tokenizers/io/loaders.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/file.h"
#include "common/status_macros.h"
#include "tokenizers/io/gpt2_files.h"
#include "tokenizers/io/tiktoken_file.h"
#include "tokenizers/io/tokenizer_json.h"

namespace tokenforge {
namespace {

// True if the JSON file looks like HF tokenizer.json rather than a bare
// vocab.json: it has a top-level "model" key. Reads only the head.
absl::StatusOr<bool> IsTokenizerJson(absl::string_view path) {
  TF_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  return absl::StrContains(text, "\"model\"") &&
         (absl::StrContains(text, "\"pre_tokenizer\"") ||
          absl::StrContains(text, "\"normalizer\"") ||
          absl::StrContains(text, "\"added_tokens\""));
}

}  // namespace

absl::StatusOr<std::unique_ptr<Tokenizer>> LoadTokenizer(
    absl::string_view path, const LoadOptions& options) {
  if (!FileExists(path)) {
    return absl::NotFoundError(absl::StrCat(path, ": no such file"));
  }
  const absl::string_view name = Basename(path);
  if (absl::EndsWith(name, ".tiktoken") || !options.encoding.empty()) {
    return LoadTiktoken(path, options.encoding);
  }
  if (absl::EndsWith(name, ".json")) {
    TF_ASSIGN_OR_RETURN(bool is_tokenizer_json, IsTokenizerJson(path));
    if (is_tokenizer_json) return LoadTokenizerJson(path);
    return LoadGpt2Files(path, options.merges);
  }
  if (absl::EndsWith(name, ".model")) return LoadSentencePieceFile(path);
  if (absl::EndsWith(name, ".txt")) return LoadWordPieceFile(path, options);
  return absl::InvalidArgumentError(absl::StrCat(
      path, ": unknown tokenizer format (expected tokenizer.json, vocab.json, "
            "*.tiktoken, *.model or vocab.txt)"));
}

}  // namespace tokenforge
