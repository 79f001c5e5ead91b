// vocab_learning/vocab_evaluation.cc

#include "vocab_learning/vocab_evaluation.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "model/data.h"

namespace tokenforge {
namespace {

// Lines per EncodeIdsBatch call: bounds the memory of one batch's id lists.
constexpr size_t kLinesPerBatch = 1 << 14;

struct EncodedPart {
  std::vector<TokenId> ids;
  int64_t lossy_lines = 0;
};

// Encodes `text` line by line, appending `line_end` after each "\n".
// `first_line` numbers the lines in error messages.
absl::StatusOr<EncodedPart> EncodeLines(const Tokenizer& tokenizer, absl::string_view text,
                                        TokenId line_end, int64_t first_line,
                                        int num_threads) {
  std::vector<absl::string_view> lines;
  for (size_t start = 0; start < text.size();) {
    const size_t nl = text.find('\n', start);
    const size_t end = nl == absl::string_view::npos ? text.size() : nl;
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  const bool ends_with_newline = !text.empty() && text.back() == '\n';
  EncodedPart part;
  for (size_t first = 0; first < lines.size(); first += kLinesPerBatch) {
    const size_t n = std::min(kLinesPerBatch, lines.size() - first);
    const absl::Span<const absl::string_view> batch(lines.data() + first, n);
    absl::StatusOr<std::vector<std::vector<TokenId>>> ids =
        tokenizer.EncodeIdsBatch(batch, EncodeOptions{}, num_threads);
    if (!ids.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "lines ", first_line + first, "-", first_line + first + n - 1, ": ",
          ids.status().message()));
    }
    for (size_t i = 0; i < n; ++i) {
      const std::vector<TokenId>& line_ids = (*ids)[i];
      part.ids.insert(part.ids.end(), line_ids.begin(), line_ids.end());
      if (first + i + 1 < lines.size() || ends_with_newline) part.ids.push_back(line_end);
      absl::StatusOr<std::string> decoded = tokenizer.Decode(line_ids);
      if (!decoded.ok() || *decoded != batch[i]) ++part.lossy_lines;
    }
  }
  return part;
}

}  // namespace

absl::StatusOr<TokenizedCorpus> TokenizeForLm(const Tokenizer& tokenizer,
                                              absl::string_view text,
                                              double val_fraction, int num_threads) {
  if (!(val_fraction > 0.0 && val_fraction < 1.0)) {
    return absl::InvalidArgumentError(
        absl::StrCat("val_fraction must be in (0, 1), got ", val_fraction));
  }
  // Cut after the first line end at or past (1 - val_fraction) of the bytes.
  const size_t target = static_cast<size_t>(static_cast<double>(text.size()) *
                                            (1.0 - val_fraction));
  const size_t nl = target == 0 ? absl::string_view::npos : text.find('\n', target - 1);
  if (nl == absl::string_view::npos || nl + 1 >= text.size()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the corpus (", text.size(),
        " bytes) has no line break that leaves both a training and a validation part"));
  }
  const absl::string_view train_text = text.substr(0, nl + 1);
  const absl::string_view val_text = text.substr(nl + 1);
  TokenizedCorpus corpus;
  corpus.line_end = tokenizer.vocab_size();
  corpus.vocab_size = tokenizer.vocab_size() + 1;
  corpus.train_bytes = static_cast<int64_t>(train_text.size());
  corpus.val_bytes = static_cast<int64_t>(val_text.size());
  const int64_t train_lines =
      static_cast<int64_t>(std::count(train_text.begin(), train_text.end(), '\n'));
  TF_ASSIGN_OR_RETURN(EncodedPart train,
                      EncodeLines(tokenizer, train_text, corpus.line_end, 1, num_threads));
  TF_ASSIGN_OR_RETURN(EncodedPart val, EncodeLines(tokenizer, val_text, corpus.line_end,
                                                   train_lines + 1, num_threads));
  corpus.train = std::move(train.ids);
  corpus.val = std::move(val.ids);
  corpus.lossy_lines = train.lossy_lines + val.lossy_lines;
  return corpus;
}

TextSplit LmSplit(const TokenizedCorpus& corpus, int64_t context_length) {
  return SplitTokens(corpus.train, corpus.val, corpus.val_bytes, context_length);
}

absl::StatusOr<TrainResult> TrainLmOnTokens(const TokenizedCorpus& corpus,
                                            LmSetup setup, const TrainRunOptions& run,
                                            std::ostream* log) {
  setup.model.vocab_size = corpus.vocab_size;
  TF_RETURN_IF_ERROR(setup.Validate());
  if (static_cast<int64_t>(corpus.train.size()) <= setup.model.context_length) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the training part has ", corpus.train.size(),
        " tokens; the model needs more than its context length ",
        setup.model.context_length));
  }
  return TrainLm(setup, LmSplit(corpus, setup.model.context_length), run, log);
}

}  // namespace tokenforge
