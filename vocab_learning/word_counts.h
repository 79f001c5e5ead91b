// vocab_learning/word_counts.h
//
// Corpus -> counted words: the input every trainer shares. A corpus (files,
// gzip or plain, or stdin as "-") is streamed block by block; each line is
// split into words by a LineSplitter (the tokenizer's normalizer and
// pre-tokenizer, so that training sees exactly what encoding will see), and
// the words are counted with 64-bit counts in hash-partitioned maps. Memory
// grows with the number of distinct words, never with the corpus.
//
// The result, WordCounts, is sorted by word bytes and has no duplicates, so
// it is the same for every thread count, block size and file order: counting
// a corpus, or counting its halves and merging, or reading the count files
// written from either, all give equal WordCounts.
//
//   WordCounter counter(CountOptions(), WhitespaceSplitter());
//   TF_RETURN_IF_ERROR(counter.AddFile("corpus.txt.gz"));
//   WordCounts counts = std::move(counter).Finish();
//   TF_RETURN_IF_ERROR(WriteWordCounts(counts, "counts.tsv"));
//
// Count files ("word<TAB>count" lines, the format of SentencePiece's
// --input_format=tsv) escape four bytes and every byte that is not part of
// valid UTF-8, so any word round-trips (EscapeCountWord).

#ifndef TOKENFORGE_VOCAB_LEARNING_WORD_COUNTS_H_
#define TOKENFORGE_VOCAB_LEARNING_WORD_COUNTS_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace tokenforge {

struct WordCount {
  std::string word;
  int64_t count = 0;
  friend bool operator==(const WordCount& a, const WordCount& b) {
    return a.word == b.word && a.count == b.count;
  }
};

// Distinct words with their counts (> 0), sorted by word bytes.
using WordCounts = std::vector<WordCount>;

// Receives one word of a line; the view is valid only during the call.
using WordEmitter = absl::FunctionRef<void(absl::string_view)>;

// Splits one line (without its '\n') into words, calling emit for each.
// Must be safe to call from several threads at once.
using LineSplitter =
    std::function<absl::Status(absl::string_view line, WordEmitter emit)>;

// Returns a splitter that cuts lines at ASCII whitespace (for tests and for
// count files of already-split text).
LineSplitter WhitespaceSplitter();

struct CountOptions {
  // Worker threads; 0 means all cores. The counts never depend on it.
  int num_threads = 0;
  // Lines longer than this many bytes are skipped (and counted in
  // CorpusStats::skipped_lines), as SentencePiece's max_sentence_length
  // does. 0 means no limit.
  int64_t max_line_bytes = 0;
  // When false, a line that is not valid UTF-8 fails the count with
  // kInvalidArgument naming file and line. Byte-level pipelines set it.
  bool allow_invalid_utf8 = false;
  // Bytes read per block; each block is split into kNumShards shards that
  // are counted in parallel. Bounds the memory taken by raw text.
  int64_t block_bytes = 8 << 20;

  absl::Status Validate() const;
};

struct CorpusStats {
  int64_t lines = 0;          // Lines counted (skipped ones excluded).
  int64_t bytes = 0;          // Bytes of those lines, newlines excluded.
  int64_t skipped_lines = 0;  // Lines longer than max_line_bytes.
  int64_t words = 0;          // Word occurrences, sum of all counts.
};

// Accumulates word counts from any number of sources. Not thread-safe
// itself; it parallelizes internally.
class WordCounter {
 public:
  // Work is cut into this many shards per block whatever the thread count.
  static constexpr int kNumShards = 16;

  WordCounter(CountOptions options, LineSplitter splitter);

  // Streams the file at `path` ("-" = stdin; gzip detected by zlib).
  absl::Status AddFile(absl::string_view path);
  // Counts the lines of `text`; `source` names it in error messages.
  absl::Status AddText(absl::string_view text, absl::string_view source);
  // Adds `count` occurrences of an already split word. kOutOfRange when a
  // count would overflow int64.
  absl::Status AddWord(absl::string_view word, int64_t count);
  // Reads a count file ("word<TAB>count" lines) and adds its counts.
  absl::Status AddCountFile(absl::string_view path);

  const CorpusStats& stats() const { return stats_; }
  // Returns the sorted counts, leaving the counter empty.
  WordCounts Finish();

 private:
  using Map = absl::flat_hash_map<std::string, int64_t>;
  static constexpr int kNumPartitions = 16;
  static int PartitionOf(absl::string_view word);
  // Counts the complete lines of `block`; first_line is the 1-based number
  // of its first line in `source`.
  absl::Status CountBlock(absl::string_view block, absl::string_view source,
                          int64_t first_line);
  absl::Status MergeShards(std::vector<std::vector<Map>>* shards);

  CountOptions options_;
  LineSplitter splitter_;
  std::vector<Map> partitions_;
  CorpusStats stats_;
};

// Returns the words of `counts` merged with `more` (sums of counts), sorted.
absl::StatusOr<WordCounts> MergeWordCounts(const WordCounts& counts,
                                           const WordCounts& more);

// Escapes a word for a count file: '\\' -> "\\\\", TAB -> "\\t",
// LF -> "\\n", CR -> "\\r", and each byte that is not part of valid UTF-8
// -> "\\xNN" (two lowercase hex digits). All other bytes are kept as is.
std::string EscapeCountWord(absl::string_view word);
// Inverts EscapeCountWord; kInvalidArgument on a malformed escape.
absl::StatusOr<std::string> UnescapeCountWord(absl::string_view escaped);

// Writes "escaped_word<TAB>count\n" lines, in the order of `counts`.
absl::Status WriteWordCounts(const WordCounts& counts, absl::string_view path);
// Reads one count file into sorted WordCounts (duplicates are summed).
absl::StatusOr<WordCounts> ReadWordCounts(absl::string_view path);

}  // namespace tokenforge

#endif  // TOKENFORGE_VOCAB_LEARNING_WORD_COUNTS_H_
