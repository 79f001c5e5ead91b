// vocab_learning/line_reader.cc

#include "vocab_learning/line_reader.h"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "absl/strings/str_cat.h"

namespace tokenforge {

absl::StatusOr<LineReader> LineReader::Open(absl::string_view path) {
  const std::string name(path);
  int fd = name == "-" ? dup(STDIN_FILENO) : open(name.c_str(), O_RDONLY);
  if (fd < 0) {
    const std::string message =
        absl::StrCat(path, ": cannot open: ", std::strerror(errno));
    if (errno == ENOENT) return absl::NotFoundError(message);
    return absl::UnavailableError(message);
  }
  if (name != "-" && std::filesystem::is_directory(name)) {
    close(fd);
    return absl::InvalidArgumentError(absl::StrCat(path, ": is a directory"));
  }
  gzFile file = gzdopen(fd, "rb");
  if (file == nullptr) {
    close(fd);
    return absl::ResourceExhaustedError(absl::StrCat(path, ": gzdopen failed"));
  }
  gzbuffer(file, 1 << 18);
  return LineReader(name, file);
}

LineReader::LineReader(LineReader&& other) noexcept
    : path_(std::move(other.path_)),
      file_(other.file_),
      carry_(std::move(other.carry_)),
      eof_(other.eof_) {
  other.file_ = nullptr;
}

LineReader::~LineReader() {
  if (file_ != nullptr) gzclose(static_cast<gzFile>(file_));
}

absl::StatusOr<bool> LineReader::NextBlock(int64_t max_bytes,
                                           std::string* block) {
  block->swap(carry_);
  carry_.clear();
  const size_t target = static_cast<size_t>(std::max<int64_t>(max_bytes, 1));
  // Read until the block holds `target` bytes and at least one '\n'.
  while (!eof_ && (block->size() < target ||
                   block->find('\n') == std::string::npos)) {
    const size_t old_size = block->size();
    const size_t want = std::max<size_t>(target > old_size ? target - old_size : 0,
                                         1 << 16);
    block->resize(old_size + want);
    const int n = gzread(static_cast<gzFile>(file_), block->data() + old_size,
                         static_cast<unsigned>(want));
    if (n < 0) {
      int err = 0;
      const char* message = gzerror(static_cast<gzFile>(file_), &err);
      return absl::DataLossError(absl::StrCat(path_, ": read failed: ", message));
    }
    block->resize(old_size + static_cast<size_t>(n));
    if (n == 0) eof_ = true;
  }
  if (eof_ && gzdirect(static_cast<gzFile>(file_)) == 0) {
    int err = 0;
    gzerror(static_cast<gzFile>(file_), &err);
    if (err != Z_OK) {  // Z_BUF_ERROR: truncated.
      return absl::DataLossError(absl::StrCat(path_, ": corrupt gzip data"));
    }
  }
  if (block->empty()) return false;
  const size_t last_nl = block->rfind('\n');
  if (last_nl == std::string::npos) {
    block->push_back('\n');  // Only possible at end of file.
  } else if (last_nl + 1 < block->size()) {
    if (eof_) {
      block->push_back('\n');
    } else {
      carry_.assign(*block, last_nl + 1, std::string::npos);
      block->resize(last_nl + 1);
    }
  }
  return true;
}

}  // namespace tokenforge
