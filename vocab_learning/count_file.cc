// vocab_learning/count_file.cc
//
// Count files: "escaped_word<TAB>count\n" lines. The escaping keeps valid
// UTF-8 readable and makes every byte string representable (see
// EscapeCountWord in word_counts.h).

#include <cstdio>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/file.h"
#include "common/status_macros.h"
#include "common/utf8.h"
#include "vocab_learning/line_reader.h"
#include "vocab_learning/word_counts.h"

namespace tokenforge {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Parses one "word<TAB>count" line into *word and *count.
absl::Status ParseCountLine(absl::string_view line, std::string* word,
                            int64_t* count) {
  const size_t tab = line.rfind('\t');
  if (tab == absl::string_view::npos) {
    return absl::DataLossError("expected \"word<TAB>count\"");
  }
  absl::string_view number = line.substr(tab + 1);
  if (!number.empty() && number.back() == '\r') number.remove_suffix(1);
  if (!absl::SimpleAtoi(number, count) || *count < 0) {
    return absl::DataLossError(absl::StrCat(
        "bad count \"", absl::CEscape(number), "\" (want an integer >= 0)"));
  }
  TF_ASSIGN_OR_RETURN(*word, UnescapeCountWord(line.substr(0, tab)));
  return absl::OkStatus();
}

}  // namespace

std::string EscapeCountWord(absl::string_view word) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(word.size());
  size_t pos = 0;
  while (pos < word.size()) {
    const DecodedChar c = DecodeUtf8(word, pos);
    if (c.code_point == kInvalidCodePoint) {
      const unsigned char b = static_cast<unsigned char>(word[pos]);
      out += "\\x";
      out.push_back(kHex[b >> 4]);
      out.push_back(kHex[b & 15]);
    } else if (c.code_point == '\\') {
      out += "\\\\";
    } else if (c.code_point == '\t') {
      out += "\\t";
    } else if (c.code_point == '\n') {
      out += "\\n";
    } else if (c.code_point == '\r') {
      out += "\\r";
    } else {
      out.append(word.data() + pos, c.length);
    }
    pos += c.length;
  }
  return out;
}

absl::StatusOr<std::string> UnescapeCountWord(absl::string_view escaped) {
  std::string out;
  out.reserve(escaped.size());
  for (size_t i = 0; i < escaped.size(); ++i) {
    if (escaped[i] != '\\') {
      out.push_back(escaped[i]);
      continue;
    }
    if (i + 1 == escaped.size()) {
      return absl::DataLossError("dangling '\\' at end of word");
    }
    const char e = escaped[++i];
    switch (e) {
      case '\\': out.push_back('\\'); break;
      case 't': out.push_back('\t'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case 'x': {
        const int hi = i + 1 < escaped.size() ? HexValue(escaped[i + 1]) : -1;
        const int lo = i + 2 < escaped.size() ? HexValue(escaped[i + 2]) : -1;
        if (hi < 0 || lo < 0) {
          return absl::DataLossError("\\x must be followed by two hex digits");
        }
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        break;
      }
      default:
        return absl::DataLossError(
            absl::StrCat("unknown escape \\", absl::CEscape(std::string(1, e))));
    }
  }
  return out;
}

absl::Status WriteWordCounts(const WordCounts& counts, absl::string_view path) {
  TF_ASSIGN_OR_RETURN(AtomicFileWriter writer, AtomicFileWriter::Open(path));
  std::string buffer;
  for (const WordCount& wc : counts) {
    absl::StrAppend(&buffer, EscapeCountWord(wc.word), "\t", wc.count, "\n");
    if (buffer.size() >= (1 << 20)) {
      TF_RETURN_IF_ERROR(writer.Write(buffer));
      buffer.clear();
    }
  }
  TF_RETURN_IF_ERROR(writer.Write(buffer));
  return writer.Commit();
}

absl::Status WordCounter::AddCountFile(absl::string_view path) {
  TF_ASSIGN_OR_RETURN(LineReader reader, LineReader::Open(path));
  std::string block, word;
  int64_t line_number = 0;
  while (true) {
    TF_ASSIGN_OR_RETURN(bool more, reader.NextBlock(1 << 20, &block));
    if (!more) break;
    absl::string_view text = block;
    while (!text.empty()) {
      const size_t nl = text.find('\n');
      const absl::string_view line = text.substr(0, nl);
      text.remove_prefix(nl + 1);
      ++line_number;
      if (line.empty()) continue;
      int64_t count = 0;
      absl::Status status = ParseCountLine(line, &word, &count);
      if (status.ok()) status = AddWord(word, count);
      if (!status.ok()) {
        return Annotate(status, absl::StrCat(path, ":", line_number));
      }
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<WordCounts> ReadWordCounts(absl::string_view path) {
  WordCounter counter({}, WhitespaceSplitter());
  TF_RETURN_IF_ERROR(counter.AddCountFile(path));
  return counter.Finish();
}

}  // namespace tokenforge
