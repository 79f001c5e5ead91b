#include "common/file.h"

#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "absl/strings/str_cat.h"

namespace tokenforge {
namespace {

absl::Status ErrnoStatus(absl::string_view what, absl::string_view path) {
  const int err = errno;
  const std::string message =
      absl::StrCat(path, ": cannot ", what, ": ", std::strerror(err));
  if (err == ENOENT) return absl::NotFoundError(message);
  return absl::UnavailableError(message);
}

bool IsGzip(absl::string_view data) {
  return data.size() >= 2 && static_cast<unsigned char>(data[0]) == 0x1f &&
         static_cast<unsigned char>(data[1]) == 0x8b;
}

absl::StatusOr<std::string> Gunzip(absl::string_view data,
                                   absl::string_view path) {
  z_stream stream{};
  // 16 + MAX_WBITS: expect a gzip header; concatenated members are handled
  // by resetting after each Z_STREAM_END.
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) {
    return absl::InternalError("zlib inflateInit2 failed");
  }
  std::string out;
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  char buffer[1 << 16];
  int rc = Z_OK;
  while (true) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof(buffer);
    rc = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer, sizeof(buffer) - stream.avail_out);
    if (rc == Z_STREAM_END) {
      if (stream.avail_in == 0) break;
      inflateReset(&stream);
      continue;
    }
    if (rc != Z_OK) break;
  }
  inflateEnd(&stream);
  if (rc != Z_STREAM_END) {
    return absl::DataLossError(
        absl::StrCat(path, ": corrupt or truncated gzip data"));
  }
  return out;
}

}  // namespace

absl::StatusOr<std::string> ReadFile(absl::string_view path) {
  const bool is_stdin = path == "-";
  std::FILE* file =
      is_stdin ? stdin : std::fopen(std::string(path).c_str(), "rb");
  if (file == nullptr) return ErrnoStatus("open", path);
  std::string data;
  char buffer[1 << 16];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof(buffer), file)) > 0) {
    data.append(buffer, n);
  }
  const bool failed = std::ferror(file) != 0;
  if (!is_stdin) std::fclose(file);
  if (failed) return ErrnoStatus("read", path);
  if (std::filesystem::is_directory(std::string(path))) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": is a directory"));
  }
  if (IsGzip(data)) return Gunzip(data, path);
  return data;
}

AtomicFileWriter::AtomicFileWriter(std::string path, std::string tmp_path,
                                   std::FILE* file)
    : path_(std::move(path)), tmp_path_(std::move(tmp_path)), file_(file) {}

AtomicFileWriter::AtomicFileWriter(AtomicFileWriter&& other) noexcept
    : path_(std::move(other.path_)),
      tmp_path_(std::move(other.tmp_path_)),
      file_(other.file_) {
  other.file_ = nullptr;
}

AtomicFileWriter::~AtomicFileWriter() {
  if (file_ == nullptr) return;
  if (file_ == stdout) {
    std::fflush(stdout);
    return;
  }
  std::fclose(file_);
  std::remove(tmp_path_.c_str());
}

absl::StatusOr<AtomicFileWriter> AtomicFileWriter::Open(absl::string_view path) {
  if (path == "-") return AtomicFileWriter("-", "", stdout);
  std::string tmp = absl::StrCat(path, ".tmp.", getpid());
  std::FILE* file = std::fopen(tmp.c_str(), "wb");
  // Name the file the user asked for, not our temporary.
  if (file == nullptr) return ErrnoStatus("create", path);
  return AtomicFileWriter(std::string(path), std::move(tmp), file);
}

absl::Status AtomicFileWriter::Write(absl::string_view data) {
  if (file_ == nullptr) return absl::FailedPreconditionError("writer is closed");
  if (std::fwrite(data.data(), 1, data.size(), file_) != data.size()) {
    return ErrnoStatus("write", file_ == stdout ? "<stdout>" : tmp_path_);
  }
  return absl::OkStatus();
}

absl::Status AtomicFileWriter::Commit() {
  if (file_ == nullptr) return absl::FailedPreconditionError("writer is closed");
  if (file_ == stdout) {
    file_ = nullptr;
    if (std::fflush(stdout) != 0) return ErrnoStatus("write", "<stdout>");
    return absl::OkStatus();
  }
  std::FILE* file = file_;
  file_ = nullptr;
  const bool write_failed = std::fflush(file) != 0 || std::ferror(file) != 0;
  if (std::fclose(file) != 0 || write_failed) {
    std::remove(tmp_path_.c_str());
    return ErrnoStatus("write", tmp_path_);
  }
  if (std::rename(tmp_path_.c_str(), path_.c_str()) != 0) {
    absl::Status status = ErrnoStatus("rename into place", path_);
    std::remove(tmp_path_.c_str());
    return status;
  }
  return absl::OkStatus();
}

absl::Status WriteFileAtomically(absl::string_view path,
                                 absl::string_view contents) {
  absl::StatusOr<AtomicFileWriter> writer = AtomicFileWriter::Open(path);
  if (!writer.ok()) return writer.status();
  if (absl::Status s = writer->Write(contents); !s.ok()) return s;
  return writer->Commit();
}

absl::string_view Basename(absl::string_view path) {
  const size_t slash = path.rfind('/');
  return slash == absl::string_view::npos ? path : path.substr(slash + 1);
}

std::string Dirname(absl::string_view path) {
  const size_t slash = path.rfind('/');
  if (slash == absl::string_view::npos) return ".";
  if (slash == 0) return "/";
  return std::string(path.substr(0, slash));
}

bool FileExists(absl::string_view path) {
  std::error_code ec;
  return std::filesystem::exists(std::string(path), ec);
}

}  // namespace tokenforge
