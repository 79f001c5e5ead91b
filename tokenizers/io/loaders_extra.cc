// The loaders of SentencePiece .model and BERT vocab.txt files.
#include "tokenizers/io/loaders.h"
#include "tokenizers/io/sentencepiece_model.h"
#include "tokenizers/io/wordpiece_vocab.h"

namespace tokenforge {

absl::StatusOr<std::unique_ptr<Tokenizer>> LoadSentencePieceFile(
    absl::string_view path) {
  return LoadSentencePieceModel(path);
}

absl::StatusOr<std::unique_ptr<Tokenizer>> LoadWordPieceFile(
    absl::string_view path, const LoadOptions& options) {
  WordPieceVocabOptions wordpiece;
  wordpiece.lowercase = options.lowercase;
  return LoadWordPieceVocab(path, wordpiece);
}

}  // namespace tokenforge
