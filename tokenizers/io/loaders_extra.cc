// The loaders of issue 3's formats, kept apart so that the SentencePiece and
// WordPiece readers register in one place.
#include "absl/strings/str_cat.h"
#include "tokenizers/io/loaders.h"

namespace tokenforge {

absl::StatusOr<std::unique_ptr<Tokenizer>> LoadSentencePieceFile(
    absl::string_view path) {
  return absl::UnimplementedError(
      absl::StrCat(path, ": SentencePiece .model files are not supported yet"));
}

absl::StatusOr<std::unique_ptr<Tokenizer>> LoadWordPieceFile(
    absl::string_view path, const LoadOptions& options) {
  (void)options;
  return absl::UnimplementedError(
      absl::StrCat(path, ": WordPiece vocab.txt files are not supported yet"));
}

}  // namespace tokenforge
