// vocab_learning/line_reader.h
//
// Streams a text file (plain or gzip, detected by zlib; "-" is stdin) in
// blocks of complete lines, so that counting never holds the whole corpus.
//
//   TF_ASSIGN_OR_RETURN(LineReader reader, LineReader::Open(path));
//   std::string block;
//   while (true) {
//     TF_ASSIGN_OR_RETURN(bool more, reader.NextBlock(8 << 20, &block));
//     if (!more) break;
//     ...  // block holds whole lines, each ending in '\n'.
//   }

#ifndef TOKENFORGE_VOCAB_LEARNING_LINE_READER_H_
#define TOKENFORGE_VOCAB_LEARNING_LINE_READER_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tokenforge {

class LineReader {
 public:
  // kNotFound when the file does not exist.
  static absl::StatusOr<LineReader> Open(absl::string_view path);
  LineReader(LineReader&& other) noexcept;
  LineReader& operator=(LineReader&&) = delete;
  ~LineReader();

  // Replaces *block with the next lines: about `max_bytes` bytes, always
  // whole lines (at least one, however long), each ending in '\n' (one is
  // added after a last line that lacks it). Returns false at end of file.
  // kDataLoss for corrupt gzip data.
  absl::StatusOr<bool> NextBlock(int64_t max_bytes, std::string* block);

 private:
  LineReader(std::string path, void* file) : path_(std::move(path)), file_(file) {}
  std::string path_;
  void* file_ = nullptr;  // gzFile.
  std::string carry_;     // Bytes after the last '\n' of the previous read.
  bool eof_ = false;
};

}  // namespace tokenforge

#endif  // TOKENFORGE_VOCAB_LEARNING_LINE_READER_H_
