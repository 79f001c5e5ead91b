// cli/count_command.cc

#include "cli/count_command.h"

#include "common/status_macros.h"
#include "vocab_learning/train_tokenizer.h"
#include "vocab_learning/trainer_pipeline.h"
#include "vocab_learning/word_counts.h"

namespace tokenforge::cli {

CLI::App* RegisterCount(CLI::App& app, CountFlags* flags) {
  CLI::App* cmd = app.add_subcommand(
      "count", "Count the words a trainer would see (word<TAB>count)");
  cmd->add_option("corpus", flags->corpus, "Text files (plain or gzip), - for stdin")
      ->required();
  cmd->add_option("--output,-o", flags->output, "Count file to write (- = stdout)")
      ->required();
  cmd->add_option("--model", flags->model,
                  "Pipeline to split with: bpe, wordpiece, unigram or char")
      ->capture_default_str();
  cmd->add_option("--threads,--num_threads", flags->threads, "Worker threads");
  cmd->add_option("--max-line-bytes,--max_line_bytes", flags->max_line_bytes,
                  "Skip lines longer than this (0 = no limit)");
  cmd->add_flag("--byte-fallback,--byte_fallback", flags->byte_fallback,
                "Same pipeline as train --byte-fallback");
  cmd->add_flag("--char-level,--char_level", flags->char_level,
                "Same pipeline as train --model bpe --char-level");
  return cmd;
}

absl::Status RunCount(const CountFlags& flags) {
  TrainTokenizerOptions options;
  TF_ASSIGN_OR_RETURN(options.kind, ParseTrainerKind(flags.model));
  options.bpe_char_level = flags.char_level;
  options.byte_fallback = flags.byte_fallback;
  TF_RETURN_IF_ERROR(options.Validate());
  const TrainerKind kind = PipelineKind(options);
  CorpusStats stats;
  TF_ASSIGN_OR_RETURN(WordCounts counts,
                      CountCorpus(kind, flags.byte_fallback, flags.corpus, {},
                                  flags.threads, flags.max_line_bytes, &stats));
  return WriteWordCounts(counts, flags.output);
}

}  // namespace tokenforge::cli
