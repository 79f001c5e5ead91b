// vocab_learning/word_counts.cc
//
// Counting runs block by block: a block of complete lines is cut into
// kNumShards shards at line boundaries, each shard counts into its own
// kNumPartitions small maps (partitioned by word hash), and then each
// partition is merged into the global map of that partition, partitions in
// parallel. Integer sums do not depend on order, and Finish() sorts, so the
// result is the same for any thread count.

#include "vocab_learning/word_counts.h"

#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>

#include "absl/hash/hash.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/file.h"
#include "common/parallel.h"
#include "common/status_macros.h"
#include "common/utf8.h"
#include "vocab_learning/line_reader.h"

namespace tokenforge {
namespace {

bool AddOverflows(int64_t a, int64_t b, int64_t* sum) {
  return __builtin_add_overflow(a, b, sum);
}

// Merges sorted runs of disjoint words into one sorted WordCounts (a
// k-way merge by a min-heap of run heads), moving the words.
WordCounts MergeSortedRuns(std::vector<WordCounts>* runs) {
  size_t total = 0;
  for (const WordCounts& run : *runs) total += run.size();
  WordCounts out;
  out.reserve(total);
  std::vector<std::pair<size_t, size_t>> heads;  // (run, index), a min-heap.
  const auto later = [&](const std::pair<size_t, size_t>& a,
                         const std::pair<size_t, size_t>& b) {
    return (*runs)[a.first][a.second].word > (*runs)[b.first][b.second].word;
  };
  for (size_t r = 0; r < runs->size(); ++r) {
    if (!(*runs)[r].empty()) heads.emplace_back(r, 0);
  }
  std::make_heap(heads.begin(), heads.end(), later);
  while (!heads.empty()) {
    std::pop_heap(heads.begin(), heads.end(), later);
    auto& [r, i] = heads.back();
    out.push_back(std::move((*runs)[r][i]));
    if (++i < (*runs)[r].size()) {
      std::push_heap(heads.begin(), heads.end(), later);
    } else {
      heads.pop_back();
    }
  }
  return out;
}

absl::Status OverflowError(absl::string_view word) {
  return absl::OutOfRangeError(absl::StrCat(
      "count of word \"", EscapeCountWord(word), "\" overflows int64"));
}

// Returns the shard boundaries of `block`: kNumShards + 1 offsets, each one
// the start of a line (or block.size()).
std::vector<size_t> ShardBounds(absl::string_view block, int shards) {
  std::vector<size_t> bounds(shards + 1, block.size());
  bounds[0] = 0;
  for (int i = 1; i < shards; ++i) {
    size_t pos = std::max(bounds[i - 1], block.size() * i / shards);
    if (pos > 0 && pos < block.size() && block[pos - 1] != '\n') {
      const size_t nl = block.find('\n', pos);
      pos = nl == absl::string_view::npos ? block.size() : nl + 1;
    }
    bounds[i] = pos;
  }
  return bounds;
}

}  // namespace

absl::Status CountOptions::Validate() const {
  if (num_threads < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("num_threads must be >= 0, got ", num_threads));
  }
  if (max_line_bytes < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("max_line_bytes must be >= 0, got ", max_line_bytes));
  }
  if (block_bytes < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("block_bytes must be >= 1, got ", block_bytes));
  }
  return absl::OkStatus();
}

LineSplitter WhitespaceSplitter() {
  return [](absl::string_view line, WordEmitter emit) {
    size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && absl::ascii_isspace(line[i])) ++i;
      const size_t begin = i;
      while (i < line.size() && !absl::ascii_isspace(line[i])) ++i;
      if (i > begin) emit(line.substr(begin, i - begin));
    }
    return absl::OkStatus();
  };
}

WordCounter::WordCounter(CountOptions options, LineSplitter splitter)
    : options_(std::move(options)),
      splitter_(std::move(splitter)),
      partitions_(kNumPartitions) {}

int WordCounter::PartitionOf(absl::string_view word) {
  // High bits: the maps themselves index by the low bits of the same hash.
  return static_cast<int>(absl::Hash<absl::string_view>{}(word) >> 60) %
         kNumPartitions;
}

absl::Status WordCounter::AddWord(absl::string_view word, int64_t count) {
  if (count < 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "negative count ", count, " for \"", EscapeCountWord(word), "\""));
  }
  if (count == 0) return absl::OkStatus();
  int64_t& slot = partitions_[PartitionOf(word)][word];
  if (AddOverflows(slot, count, &slot) ||
      AddOverflows(stats_.words, count, &stats_.words)) {
    return OverflowError(word);
  }
  return absl::OkStatus();
}

absl::Status WordCounter::AddFile(absl::string_view path) {
  TF_RETURN_IF_ERROR(options_.Validate());
  TF_ASSIGN_OR_RETURN(LineReader reader, LineReader::Open(path));
  int64_t first_line = 1;
  std::string block;
  while (true) {
    TF_ASSIGN_OR_RETURN(bool more, reader.NextBlock(options_.block_bytes,
                                                    &block));
    if (!more) break;
    TF_RETURN_IF_ERROR(CountBlock(block, path, first_line));
    first_line += std::count(block.begin(), block.end(), '\n');
  }
  return absl::OkStatus();
}

absl::Status WordCounter::AddText(absl::string_view text,
                                  absl::string_view source) {
  TF_RETURN_IF_ERROR(options_.Validate());
  std::string block(text);
  if (!block.empty() && block.back() != '\n') block.push_back('\n');
  return CountBlock(block, source, 1);
}

absl::Status WordCounter::CountBlock(absl::string_view block,
                                     absl::string_view source,
                                     int64_t first_line) {
  const std::vector<size_t> bounds = ShardBounds(block, kNumShards);
  struct Shard {
    std::vector<Map> maps = std::vector<Map>(kNumPartitions);
    CorpusStats stats;
    int64_t newlines = 0;
    absl::Status status;
    int64_t error_line = 0;  // 0-based within the shard.
  };
  std::vector<Shard> shards(kNumShards);
  ParallelFor(kNumShards, options_.num_threads, [&](size_t s) {
    Shard& shard = shards[s];
    absl::string_view text = block.substr(bounds[s], bounds[s + 1] - bounds[s]);
    auto emit = [&](absl::string_view word) {
      ++shard.maps[PartitionOf(word)][word];
      ++shard.stats.words;
    };
    while (!text.empty()) {
      const size_t nl = text.find('\n');
      const absl::string_view line = text.substr(0, nl);
      text.remove_prefix(nl == absl::string_view::npos ? text.size() : nl + 1);
      ++shard.newlines;
      if (options_.max_line_bytes > 0 &&
          static_cast<int64_t>(line.size()) > options_.max_line_bytes) {
        ++shard.stats.skipped_lines;
        continue;
      }
      if (!options_.allow_invalid_utf8 && !IsValidUtf8(line)) {
        shard.status = absl::InvalidArgumentError(absl::StrCat(
            "invalid UTF-8 at byte ", FindInvalidUtf8(line) + 1,
            " (use a byte-level model to train on raw bytes)"));
      } else {
        shard.status = splitter_(line, emit);
      }
      if (!shard.status.ok()) {
        shard.error_line = shard.newlines - 1;
        return;
      }
      ++shard.stats.lines;
      shard.stats.bytes += static_cast<int64_t>(line.size());
    }
  });
  int64_t line = first_line;
  for (const Shard& shard : shards) {
    if (!shard.status.ok()) {
      return Annotate(shard.status,
                      absl::StrCat(source, ":", line + shard.error_line));
    }
    line += shard.newlines;
    stats_.lines += shard.stats.lines;
    stats_.bytes += shard.stats.bytes;
    stats_.skipped_lines += shard.stats.skipped_lines;
    if (AddOverflows(stats_.words, shard.stats.words, &stats_.words)) {
      return absl::OutOfRangeError("total word count overflows int64");
    }
  }
  std::vector<std::vector<Map>> maps;
  maps.reserve(kNumShards);
  for (Shard& shard : shards) maps.push_back(std::move(shard.maps));
  return MergeShards(&maps);
}

absl::Status WordCounter::MergeShards(std::vector<std::vector<Map>>* shards) {
  std::vector<absl::Status> statuses(kNumPartitions);
  ParallelFor(kNumPartitions, options_.num_threads, [&](size_t p) {
    Map& global = partitions_[p];
    for (std::vector<Map>& shard : *shards) {
      for (const auto& [word, count] : shard[p]) {
        int64_t& slot = global[word];
        if (AddOverflows(slot, count, &slot)) {
          statuses[p] = OverflowError(word);
          return;
        }
      }
      Map().swap(shard[p]);  // Free as we go: bounds the peak.
    }
  });
  for (const absl::Status& status : statuses) TF_RETURN_IF_ERROR(status);
  return absl::OkStatus();
}

WordCounts WordCounter::Finish() {
  // Partitions hold disjoint words: each is emptied into a run and sorted on
  // its own thread, and the sorted runs are merged. Words are moved out of
  // the maps (extract), not copied: long CJK words live on the heap.
  std::vector<WordCounts> runs(partitions_.size());
  ParallelFor(partitions_.size(), options_.num_threads, [&](size_t p) {
    Map& map = partitions_[p];
    WordCounts& run = runs[p];
    run.reserve(map.size());
    for (auto it = map.begin(); it != map.end();) {
      auto node = map.extract(it++);
      run.push_back({std::move(node.key()), node.mapped()});
    }
    Map().swap(map);
    std::sort(run.begin(), run.end(),
              [](const WordCount& a, const WordCount& b) { return a.word < b.word; });
  });
  stats_ = CorpusStats();
  return MergeSortedRuns(&runs);
}

absl::StatusOr<WordCounts> MergeWordCounts(const WordCounts& counts,
                                           const WordCounts& more) {
  WordCounts merged;
  merged.reserve(counts.size() + more.size());
  size_t i = 0, j = 0;
  while (i < counts.size() || j < more.size()) {
    if (j == more.size() || (i < counts.size() && counts[i].word < more[j].word)) {
      merged.push_back(counts[i++]);
    } else if (i == counts.size() || more[j].word < counts[i].word) {
      merged.push_back(more[j++]);
    } else {
      WordCount sum = counts[i++];
      if (AddOverflows(sum.count, more[j++].count, &sum.count)) {
        return OverflowError(sum.word);
      }
      merged.push_back(std::move(sum));
    }
  }
  return merged;
}

}  // namespace tokenforge
