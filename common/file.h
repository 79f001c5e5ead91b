// common/file.h
//
// Whole-file reading and atomic writing, reported through absl::Status.
// Every output file of the project goes through WriteFileAtomically (or an
// AtomicFileWriter), so a failed run never leaves a partial file behind: the
// data is written to "<path>.tmp.<pid>" and renamed over <path> on success.
//
//   TF_ASSIGN_OR_RETURN(std::string text, ReadFile("corpus.txt"));
//   TF_RETURN_IF_ERROR(WriteFileAtomically("out.json", json));

#ifndef TOKENFORGE_COMMON_FILE_H_
#define TOKENFORGE_COMMON_FILE_H_

#include <cstdio>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tokenforge {

// Returns the bytes of the file at `path`; gzip files (by magic number) are
// decompressed. "-" reads standard input. kNotFound when it does not exist.
absl::StatusOr<std::string> ReadFile(absl::string_view path);

// Writes `contents` to `path` atomically (temporary file, then rename).
absl::Status WriteFileAtomically(absl::string_view path,
                                 absl::string_view contents);

// Streams output to a temporary file and renames it over the target only on
// Commit(). Destroying an uncommitted writer removes the temporary file.
// "-" writes to standard output (no atomicity possible there).
class AtomicFileWriter {
 public:
  static absl::StatusOr<AtomicFileWriter> Open(absl::string_view path);
  AtomicFileWriter(AtomicFileWriter&& other) noexcept;
  AtomicFileWriter& operator=(AtomicFileWriter&&) = delete;
  ~AtomicFileWriter();

  absl::Status Write(absl::string_view data);
  absl::Status Commit();

 private:
  AtomicFileWriter(std::string path, std::string tmp_path, std::FILE* file);
  std::string path_;
  std::string tmp_path_;
  std::FILE* file_ = nullptr;
};

// Returns the final component of `path` ("a/b/c.txt" -> "c.txt").
absl::string_view Basename(absl::string_view path);
// Returns the directory part of `path` ("a/b/c.txt" -> "a/b", "c" -> ".").
std::string Dirname(absl::string_view path);
// Returns true if a file exists at `path`.
bool FileExists(absl::string_view path);

}  // namespace tokenforge

#endif  // TOKENFORGE_COMMON_FILE_H_
