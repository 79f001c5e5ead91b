// vocab_learning/char_trainer.cc

#include "vocab_learning/char_trainer.h"

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/status_macros.h"
#include "common/utf8.h"
#include "vocab_learning/bpe_trainer.h"

namespace tokenforge {

absl::Status CharTrainerOptions::Validate() const {
  if (!(character_coverage > 0.0 && character_coverage <= 1.0)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "character_coverage must be in (0, 1], got ", character_coverage));
  }
  const int reserved = static_cast<int>(special_tokens.size()) + (byte_fallback ? 256 : 0);
  if (vocab_size <= reserved) {
    return absl::InvalidArgumentError(absl::StrCat(
        "vocab_size must exceed the ", reserved, " special and byte tokens, got ",
        vocab_size));
  }
  return absl::OkStatus();
}

absl::StatusOr<CharVocab> TrainChars(const WordCounts& counts,
                                     const CharTrainerOptions& options) {
  TF_RETURN_IF_ERROR(options.Validate());
  CharVocab vocab;
  vocab.tokens = options.special_tokens;
  vocab.num_special = static_cast<int>(vocab.tokens.size());
  if (options.byte_fallback) {
    for (int b = 0; b < 256; ++b) vocab.tokens.push_back(absl::StrFormat("<0x%02X>", b));
  }
  const int limit = options.vocab_size - static_cast<int>(vocab.tokens.size());
  TF_ASSIGN_OR_RETURN(std::vector<char32_t> alphabet,
                      internal::SelectAlphabet(counts, limit, options.character_coverage, {}));
  const absl::flat_hash_set<char32_t> kept(alphabet.begin(), alphabet.end());
  const absl::flat_hash_set<std::string> reserved(vocab.tokens.begin(), vocab.tokens.end());
  for (const char32_t c : alphabet) {
    std::string s;
    AppendUtf8(c, &s);
    if (!reserved.contains(s)) vocab.tokens.push_back(std::move(s));
  }
  int64_t covered = 0, total = 0;
  for (const WordCount& wc : counts) {
    for (size_t pos = 0; pos < wc.word.size();) {
      const DecodedChar c = DecodeUtf8(wc.word, pos);
      pos += c.length;
      total += wc.count;
      if (kept.contains(c.code_point)) {
        covered += wc.count;
        vocab.training_tokens += wc.count;
      } else {
        vocab.training_tokens += wc.count * (options.byte_fallback ? c.length : 1);
      }
    }
  }
  vocab.coverage = total > 0 ? static_cast<double>(covered) / total : 1.0;
  return vocab;
}

}  // namespace tokenforge
