// tokenizers/io/wordpiece_vocab.h
//
// BERT's vocab.txt (one token per line, id = line number) as a complete
// tokenizer with HF's BertWordPieceTokenizer pipeline:
//
//   BertNormalizer -> BertPreTokenizer -> WordPiece("##", [UNK])
//   -> BertProcessing ([CLS] $A [SEP]) ; WordPiece decoder
//
// with [PAD] [UNK] [CLS] [SEP] [MASK] as special added tokens. The vocab file
// cannot say whether the model is cased, so `lowercase` is an option; unset,
// it is guessed: a vocabulary without any upper-case ASCII letter is
// uncased.
//
//   TF_ASSIGN_OR_RETURN(auto bert, LoadWordPieceVocab("vocab.txt", {}));

#ifndef TOKENFORGE_TOKENIZERS_IO_WORDPIECE_VOCAB_H_
#define TOKENFORGE_TOKENIZERS_IO_WORDPIECE_VOCAB_H_

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "tokenizers/tokenizer.h"

namespace tokenforge {

struct WordPieceVocabOptions {
  // Lowercase (BERT uncased). Unset: guessed from the vocabulary.
  std::optional<bool> lowercase;
  // Strip accents; unset follows lowercase (as in BERT and HF).
  std::optional<bool> strip_accents;
  bool handle_chinese_chars = true;
  bool clean_text = true;
  std::string unk_token = "[UNK]";
  std::string cls_token = "[CLS]";
  std::string sep_token = "[SEP]";
  std::string pad_token = "[PAD]";
  std::string mask_token = "[MASK]";
  int max_input_chars_per_word = 100;

  absl::Status Validate() const;
};

// Parses vocab.txt text as HF does: line i (trailing whitespace trimmed) has
// id i; a repeated line keeps its last id; empty lines are skipped.
std::vector<std::pair<std::string, TokenId>> ParseWordPieceVocab(
    absl::string_view text);

absl::StatusOr<std::unique_ptr<Tokenizer>> LoadWordPieceVocab(
    absl::string_view path, const WordPieceVocabOptions& options);

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_IO_WORDPIECE_VOCAB_H_
