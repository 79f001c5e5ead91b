// Tests for vocab_learning/word_counts.h: determinism across threads and
// block sizes, gzip and file input, count-file escaping round trips, error
// locations and 64-bit counts.

#include "vocab_learning/word_counts.h"

#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/file.h"
#include "common/random.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace tokenforge {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::tokenforge::testing::StatusIs;

std::string TempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() /
          absl::StrCat("tf_wc_", getpid(), "_", name))
      .string();
}

std::string RandomCorpus(uint64_t seed, int lines) {
  Rng rng(seed);
  static const char* kWords[] = {"a", "b", "ab", "the", "cat", "é", "日本",
                                 "x\\y", "zz", "😀"};
  std::string text;
  for (int i = 0; i < lines; ++i) {
    const int n = static_cast<int>(rng.Below(8));
    for (int j = 0; j < n; ++j) {
      absl::StrAppend(&text, kWords[rng.Below(10)], rng.Below(4) ? " " : "\t");
    }
    text += "\n";
  }
  return text;
}

// The obvious count: split every line, count in an ordered map.
WordCounts NaiveCount(const std::string& text) {
  std::map<std::string, int64_t> counts;
  for (absl::string_view word :
       absl::StrSplit(text, absl::ByAnyChar(" \t\n"), absl::SkipEmpty())) {
    ++counts[std::string(word)];
  }
  WordCounts out;
  for (const auto& [w, c] : counts) out.push_back({w, c});
  return out;
}

WordCounts CountText(const std::string& text, int threads, int64_t block) {
  const std::string path = TempPath(absl::StrCat("corpus", threads, block));
  EXPECT_TRUE(WriteFileAtomically(path, text).ok());
  CountOptions options;
  options.num_threads = threads;
  options.block_bytes = block;
  WordCounter counter(options, WhitespaceSplitter());
  EXPECT_TRUE(counter.AddFile(path).ok());
  std::filesystem::remove(path);
  return counter.Finish();
}

TEST(WordCountsTest, MatchesNaiveCountForAnyThreadsAndBlockSize) {
  const std::string text = RandomCorpus(1, 3000);
  const WordCounts expected = NaiveCount(text);
  for (int threads : {1, 2, 3, 8}) {
    for (int64_t block : {int64_t{1}, int64_t{100}, int64_t{8} << 20}) {
      EXPECT_EQ(CountText(text, threads, block), expected)
          << threads << " threads, block " << block;
    }
  }
}

// Thousands of distinct words, many longer than the small-string buffer (as
// CJK lines without spaces are), so every partition holds a sorted run of
// heap-allocated words for Finish() to merge.
TEST(WordCountsTest, ManyLongWordsSortedForAnyThreads) {
  Rng rng(7);
  static const char* kChars[] = {"日", "本", "語", "の", "a", "文"};
  std::string text;
  for (int i = 0; i < 4000; ++i) {
    const int len = 1 + static_cast<int>(rng.Below(24));
    for (int j = 0; j < len; ++j) text += kChars[rng.Below(6)];
    text += rng.Below(5) ? " " : "\n";
  }
  const WordCounts expected = NaiveCount(text);
  ASSERT_GT(expected.size(), 2000u);
  for (int threads : {1, 2, 3}) {
    EXPECT_EQ(CountText(text, threads, 1000), expected) << threads << " threads";
  }
}

TEST(WordCountsTest, HalvesMergeToTheWhole) {
  const std::string a = RandomCorpus(2, 500), b = RandomCorpus(3, 700);
  TF_ASSERT_OK_AND_ASSIGN(WordCounts merged,
                          MergeWordCounts(NaiveCount(a), NaiveCount(b)));
  EXPECT_EQ(merged, NaiveCount(a + b));
}

TEST(WordCountsTest, ReadsGzipAndLastLineWithoutNewline) {
  const std::string path = TempPath("c.gz");
  gzFile f = gzopen(path.c_str(), "wb");
  const std::string text = "b a\na";
  gzwrite(f, text.data(), static_cast<unsigned>(text.size()));
  gzclose(f);
  WordCounter counter({}, WhitespaceSplitter());
  TF_ASSERT_OK(counter.AddFile(path));
  EXPECT_EQ(counter.stats().lines, 2);
  EXPECT_EQ(counter.stats().bytes, 4);
  EXPECT_THAT(counter.Finish(),
              ElementsAre(WordCount{"a", 2}, WordCount{"b", 1}));
  std::filesystem::remove(path);
}

TEST(WordCountsTest, InvalidUtf8IsReportedWithFileAndLine) {
  CountOptions options;
  options.num_threads = 2;
  WordCounter counter(options, WhitespaceSplitter());
  std::string text = RandomCorpus(4, 400);
  text += "ok\nbad \xff byte\n";
  EXPECT_THAT(counter.AddText(text, "mem.txt"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("mem.txt:402: invalid UTF-8 at byte 5")));
  options.allow_invalid_utf8 = true;
  WordCounter bytes(options, WhitespaceSplitter());
  TF_ASSERT_OK(bytes.AddText("bad \xff\n", "mem.txt"));
  EXPECT_THAT(bytes.Finish(),
              ElementsAre(WordCount{"bad", 1}, WordCount{"\xff", 1}));
}

TEST(WordCountsTest, SkipsLongLines) {
  CountOptions options;
  options.max_line_bytes = 3;
  WordCounter counter(options, WhitespaceSplitter());
  TF_ASSERT_OK(counter.AddText("a b\nlong line\nc\n", "t"));
  EXPECT_EQ(counter.stats().skipped_lines, 1);
  EXPECT_EQ(counter.Finish().size(), 3u);
}

TEST(WordCountsTest, MissingFileIsNotFound) {
  WordCounter counter({}, WhitespaceSplitter());
  EXPECT_THAT(counter.AddFile("/nonexistent/x"),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST(WordCountsTest, EscapingRoundTripsEveryByteString) {
  EXPECT_EQ(EscapeCountWord("a\tb\\c\nd\re\xff é"),
            "a\\tb\\\\c\\nd\\re\\xff é");
  Rng rng(5);
  for (int trial = 0; trial < 2000; ++trial) {
    std::string word;
    const int n = static_cast<int>(rng.Below(12));
    for (int i = 0; i < n; ++i) {
      word.push_back(static_cast<char>(rng.Below(4) ? "\\\t\nxé"[rng.Below(6)]
                                                    : rng.Below(256)));
    }
    const std::string escaped = EscapeCountWord(word);
    ASSERT_EQ(escaped.find_first_of("\t\n"), std::string::npos);
    TF_ASSERT_OK_AND_ASSIGN(std::string back, UnescapeCountWord(escaped));
    ASSERT_EQ(back, word) << absl::CEscape(word);
  }
  EXPECT_THAT(UnescapeCountWord("a\\q"), StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_THAT(UnescapeCountWord("a\\x4"), StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_THAT(UnescapeCountWord("a\\"), StatusIs(absl::StatusCode::kDataLoss));
}

TEST(WordCountsTest, CountFileRoundTripAndSummedDuplicates) {
  const WordCounts counts = {{"\t", 3}, {"a b", 1}, {"\xfe\xff", 7}};
  const std::string path = TempPath("counts.tsv");
  TF_ASSERT_OK(WriteWordCounts(counts, path));
  TF_ASSERT_OK_AND_ASSIGN(WordCounts back, ReadWordCounts(path));
  EXPECT_EQ(back, counts);

  TF_ASSERT_OK(WriteFileAtomically(path, "x\t2\ny\t1\nx\t5\n"));
  TF_ASSERT_OK_AND_ASSIGN(back, ReadWordCounts(path));
  EXPECT_THAT(back, ElementsAre(WordCount{"x", 7}, WordCount{"y", 1}));

  TF_ASSERT_OK(WriteFileAtomically(path, "x\t2\ny 1\n"));
  EXPECT_THAT(ReadWordCounts(path),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr(":2:")));
  TF_ASSERT_OK(WriteFileAtomically(path, "x\t-2\n"));
  EXPECT_THAT(ReadWordCounts(path), StatusIs(absl::StatusCode::kDataLoss));
  std::filesystem::remove(path);
}

TEST(WordCountsTest, CountsPast32BitsAndOverflowIsAnError) {
  WordCounter counter({}, WhitespaceSplitter());
  const int64_t big = int64_t{3} << 31;  // 6.4e9 > 2^32.
  TF_ASSERT_OK(counter.AddWord("the", big));
  TF_ASSERT_OK(counter.AddWord("the", big));
  TF_ASSERT_OK(counter.AddText("the\n", "t"));
  const std::string path = TempPath("big.tsv");
  TF_ASSERT_OK(WriteWordCounts(counter.Finish(), path));
  TF_ASSERT_OK_AND_ASSIGN(WordCounts back, ReadWordCounts(path));
  EXPECT_THAT(back, ElementsAre(WordCount{"the", 2 * big + 1}));
  std::filesystem::remove(path);

  WordCounter full({}, WhitespaceSplitter());
  TF_ASSERT_OK(full.AddWord("a", INT64_MAX));
  EXPECT_THAT(full.AddWord("a", 1), StatusIs(absl::StatusCode::kOutOfRange));
  EXPECT_THAT(MergeWordCounts({{"a", INT64_MAX}}, {{"a", 1}}),
              StatusIs(absl::StatusCode::kOutOfRange));
}

}  // namespace
}  // namespace tokenforge
