#include "common/file.h"

#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace tokenforge {
namespace {

using ::tokenforge::testing::StatusIs;

std::string TempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("tf_file_test_" + name)).string();
}

TEST(FileTest, WriteThenReadRoundTrips) {
  const std::string path = TempPath("roundtrip");
  const std::string data("a\0b\xff\n", 5);
  TF_ASSERT_OK(WriteFileAtomically(path, data));
  TF_ASSERT_OK_AND_ASSIGN(std::string read, ReadFile(path));
  EXPECT_EQ(read, data);
  std::remove(path.c_str());
}

TEST(FileTest, MissingFileIsNotFoundAndNamesThePath) {
  EXPECT_THAT(ReadFile("/nonexistent/tf/x.txt"),
              StatusIs(absl::StatusCode::kNotFound,
                       ::testing::HasSubstr("/nonexistent/tf/x.txt")));
}

TEST(FileTest, UncommittedWriterLeavesNoFile) {
  const std::string path = TempPath("uncommitted");
  std::remove(path.c_str());
  {
    TF_ASSERT_OK_AND_ASSIGN(AtomicFileWriter writer, AtomicFileWriter::Open(path));
    TF_ASSERT_OK(writer.Write("partial"));
  }
  EXPECT_FALSE(FileExists(path));
  for (const auto& entry : std::filesystem::directory_iterator(
           std::filesystem::temp_directory_path())) {
    EXPECT_EQ(entry.path().string().find(path + ".tmp"), std::string::npos);
  }
}

TEST(FileTest, CommitReplacesExistingFileWhole) {
  const std::string path = TempPath("replace");
  TF_ASSERT_OK(WriteFileAtomically(path, "old contents"));
  TF_ASSERT_OK_AND_ASSIGN(AtomicFileWriter writer, AtomicFileWriter::Open(path));
  TF_ASSERT_OK(writer.Write("new"));
  TF_ASSERT_OK_AND_ASSIGN(std::string before, ReadFile(path));
  EXPECT_EQ(before, "old contents");
  TF_ASSERT_OK(writer.Commit());
  TF_ASSERT_OK_AND_ASSIGN(std::string after, ReadFile(path));
  EXPECT_EQ(after, "new");
  std::remove(path.c_str());
}

TEST(FileTest, WritingIntoMissingDirectoryFails) {
  EXPECT_FALSE(WriteFileAtomically("/nonexistent/dir/out.txt", "x").ok());
}

TEST(FileTest, ReadsGzipTransparently) {
  const std::string path = TempPath("gz.gz");
  gzFile gz = gzopen(path.c_str(), "wb");
  ASSERT_NE(gz, nullptr);
  const std::string text = "line one\nline two\n";
  gzwrite(gz, text.data(), static_cast<unsigned>(text.size()));
  gzclose(gz);
  TF_ASSERT_OK_AND_ASSIGN(std::string read, ReadFile(path));
  EXPECT_EQ(read, text);
  std::remove(path.c_str());
}

TEST(FileTest, TruncatedGzipIsDataLoss) {
  const std::string path = TempPath("trunc.gz");
  TF_ASSERT_OK(WriteFileAtomically(path, std::string("\x1f\x8b\x08\x00", 4)));
  EXPECT_THAT(ReadFile(path), StatusIs(absl::StatusCode::kDataLoss));
  std::remove(path.c_str());
}

TEST(FileTest, PathHelpers) {
  EXPECT_EQ(Basename("a/b/c.txt"), "c.txt");
  EXPECT_EQ(Basename("c.txt"), "c.txt");
  EXPECT_EQ(Dirname("a/b/c.txt"), "a/b");
  EXPECT_EQ(Dirname("c.txt"), ".");
}

}  // namespace
}  // namespace tokenforge
