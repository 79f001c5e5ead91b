// cli/train_command.cc

#include "cli/train_command.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

#include "absl/strings/str_format.h"
#include "common/status_macros.h"
#include "tokenizers/io/tokenizer_json.h"
#include "vocab_learning/train_tokenizer.h"
#include "vocab_learning/trainer_pipeline.h"

namespace tokenforge::cli {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

// Draws "[#####.....]  45%  13500 / 30000 tokens  2.1 s" over the last
// progress line. Unigram reports a shrinking piece count (done > total
// until the end), so the fraction is clamped.
void DrawProgressBar(int64_t done, int64_t total, double seconds) {
  constexpr int kWidth = 30;
  double fraction = total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 1.0;
  if (done > total) fraction = static_cast<double>(total) / static_cast<double>(done);
  fraction = std::clamp(fraction, 0.0, 1.0);
  const int filled = static_cast<int>(fraction * kWidth);
  std::string bar(static_cast<size_t>(filled), '#');
  bar.append(static_cast<size_t>(kWidth - filled), '.');
  std::fprintf(stderr, "\r[%s] %3d%%  %lld / %lld tokens  %.1f s   ", bar.c_str(),
               static_cast<int>(fraction * 100.0), static_cast<long long>(done),
               static_cast<long long>(total), seconds);
}

}  // namespace

CLI::App* RegisterTrain(CLI::App& app, TrainFlags* flags) {
  CLI::App* cmd = app.add_subcommand(
      "train", "Train a tokenizer on text corpora or word-count files");
  cmd->add_option("--model", flags->model, "bpe, wordpiece, unigram or char")
      ->capture_default_str();
  cmd->add_option("--vocab-size,--vocab_size", flags->vocab_size,
                  "Final vocabulary size, special tokens included")
      ->capture_default_str();
  cmd->add_option("--output,-o", flags->output, "tokenizer.json to write")
      ->required();
  cmd->add_option("--threads,--num_threads", flags->threads,
                  "Worker threads (0 = all cores); the output never depends on it");
  cmd->add_option("--from-counts,--from_counts", flags->from_counts,
                  "word<TAB>count files (from `tokenforge count`)");
  cmd->add_option("corpus", flags->corpus, "Text files (plain or gzip), - for stdin");
  cmd->add_option("--min-frequency,--min_frequency", flags->min_frequency,
                  "BPE/WordPiece: never merge pairs seen fewer times");
  cmd->add_option("--special-tokens,--special_tokens", flags->special_tokens,
                  "Special tokens, ids 0.. (default depends on --model)")
      ->delimiter(',');
  cmd->add_flag("--no-special-tokens", flags->no_special_tokens,
                "Train without special tokens");
  cmd->add_option("--character-coverage,--character_coverage",
                  flags->character_coverage,
                  "Char-level models: fraction of characters to cover");
  cmd->add_option("--limit-alphabet,--limit_alphabet", flags->limit_alphabet,
                  "Char-level models: keep at most this many characters");
  cmd->add_flag("--byte-fallback,--byte_fallback", flags->byte_fallback,
                "Unigram/char/character-level bpe: add <0xNN> byte tokens");
  cmd->add_flag("--char-level,--char_level", flags->char_level,
                "bpe: character-level on the SentencePiece-like pipeline of char "
                "(Metaspace), instead of byte-level GPT-2");
  cmd->add_option("--initial-alphabet,--initial_alphabet", flags->initial_alphabet,
                  "Character-level bpe: characters always in the alphabet");
  cmd->add_option("--max-token-length,--max_token_length", flags->max_token_length,
                  "Longest token in characters (0 = no limit)");
  cmd->add_option("--wordpiece-mode", flags->wordpiece_mode,
                  "likelihood (count(ab)/(count(a)count(b)), the default), gain "
                  "(likelihood gain, count(ab) * log of that ratio times N) or hf "
                  "(HF's BPE-based trainer)");
  cmd->add_option("--max-line-bytes,--max_line_bytes", flags->max_line_bytes,
                  "Skip corpus lines longer than this (0 = no limit)");
  cmd->add_flag("--quiet,-q", flags->quiet, "No progress or summary");
  return cmd;
}

absl::Status RunTrain(const TrainFlags& flags) {
  const auto start = std::chrono::steady_clock::now();
  TrainTokenizerOptions options;
  TF_ASSIGN_OR_RETURN(options.kind, ParseTrainerKind(flags.model));
  if (flags.corpus.empty() && flags.from_counts.empty()) {
    return absl::InvalidArgumentError("give a corpus or --from-counts");
  }
  if (flags.wordpiece_mode != "likelihood" && flags.wordpiece_mode != "gain" &&
      flags.wordpiece_mode != "hf") {
    return absl::InvalidArgumentError("--wordpiece-mode must be likelihood, gain or hf");
  }
  options.vocab_size = flags.vocab_size;
  options.min_frequency = flags.min_frequency;
  if (flags.no_special_tokens) {
    options.special_tokens = std::vector<std::string>();
  } else if (!flags.special_tokens.empty()) {
    options.special_tokens = flags.special_tokens;
  }
  options.character_coverage = flags.character_coverage;
  options.limit_alphabet = flags.limit_alphabet;
  options.byte_fallback = flags.byte_fallback;
  options.bpe_char_level = flags.char_level;
  options.initial_alphabet = flags.initial_alphabet;
  options.max_token_length = flags.max_token_length;
  options.wordpiece_hf_compat = flags.wordpiece_mode == "hf";
  options.wordpiece_score =
      flags.wordpiece_mode == "gain" ? WordPieceScore::kGain : WordPieceScore::kRatio;
  options.num_threads = flags.threads;
  TF_RETURN_IF_ERROR(options.Validate());

  const bool show_progress = !flags.quiet && isatty(STDERR_FILENO);
  if (show_progress) std::fprintf(stderr, "counting words...\r");
  CorpusStats stats;
  TF_ASSIGN_OR_RETURN(
      WordCounts counts,
      CountCorpus(PipelineKind(options), flags.byte_fallback, flags.corpus,
                  flags.from_counts, flags.threads, flags.max_line_bytes, &stats));
  const size_t distinct_words = counts.size();
  const double count_seconds = SecondsSince(start);
  int64_t word_bytes = 0;
  for (const WordCount& wc : counts) {
    word_bytes += wc.count * static_cast<int64_t>(wc.word.size());
  }
  TrainProgress progress;
  if (show_progress) {
    const auto train_start = std::chrono::steady_clock::now();
    progress = [train_start](int64_t done, int64_t total) {
      DrawProgressBar(done, total, SecondsSince(train_start));
    };
  }
  TF_ASSIGN_OR_RETURN(TrainedTokenizer trained,
                      TrainTokenizer(counts, options, progress));
  if (show_progress) std::fprintf(stderr, "\n");
  WordCounts().swap(counts);
  // The document is written as built: every trainer's JSON is loaded back
  // by the tests (train_tokenizer_test), and rebuilding a Tokenizer here
  // only to serialize it again cost a sixth of a small training's time and
  // its peak memory.
  TF_RETURN_IF_ERROR(SaveJsonDocument(trained.json, flags.output));
  if (!flags.quiet) {
    std::fprintf(
        stderr,
        "trained %s: vocab %d in %.2f s (counting %.2f s); %zu distinct words, "
        "%lld lines skipped; %lld tokens on %lld word bytes = %.4f bytes/token\n",
        flags.model.c_str(), trained.vocab_size, SecondsSince(start),
        count_seconds, distinct_words,
        static_cast<long long>(stats.skipped_lines),
        static_cast<long long>(trained.training_tokens),
        static_cast<long long>(word_bytes),
        trained.training_tokens > 0
            ? static_cast<double>(word_bytes) / trained.training_tokens
            : 0.0);
  }
  return absl::OkStatus();
}

}  // namespace tokenforge::cli
