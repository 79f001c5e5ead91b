#include "cli/encode_command.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/file.h"
#include "common/parallel.h"
#include "common/status_macros.h"
#include "nlohmann/json.hpp"

namespace tokenforge::cli {
namespace {

// Lines are encoded in blocks so that memory stays bounded on large inputs
// while each block still has enough lines to keep every thread busy.
constexpr size_t kLinesPerBlock = 1 << 15;
constexpr size_t kLinesPerTask = 256;

// Splits `text` into lines without their '\n'; a final '\n' does not start
// another line.
std::vector<absl::string_view> SplitLines(absl::string_view text) {
  std::vector<absl::string_view> lines = absl::StrSplit(text, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

std::string InputName(const std::string& input) {
  return input == "-" ? "<stdin>" : input;
}

void AppendIds(const std::vector<TokenId>& ids, std::string* out) {
  char buffer[16];
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) out->push_back(' ');
    char* end = absl::numbers_internal::FastIntToBuffer(ids[i], buffer);
    out->append(buffer, end);
  }
  out->push_back('\n');
}

absl::Status FormatLine(const Tokenizer& tokenizer, const EncodeFlags& flags,
                        absl::string_view line, std::string* out) {
  const EncodeOptions options{.add_special_tokens = flags.add_special_tokens,
                              .allow_special = flags.allow_special};
  if (flags.format == "ids") {
    std::vector<TokenId> ids;
    TF_RETURN_IF_ERROR(tokenizer.EncodeIds(line, options, &ids));
    AppendIds(ids, out);
    return absl::OkStatus();
  }
  TF_ASSIGN_OR_RETURN(Encoding encoding, tokenizer.Encode(line, options));
  std::vector<std::string> tokens;
  tokens.reserve(encoding.size());
  for (TokenId id : encoding.ids) {
    TF_ASSIGN_OR_RETURN(std::string token, tokenizer.IdToToken(id));
    tokens.push_back(std::move(token));
  }
  if (flags.format == "tokens") {
    absl::StrAppend(out, absl::StrJoin(tokens, " "), "\n");
    return absl::OkStatus();
  }
  nlohmann::json offsets = nlohmann::json::array();
  for (const ByteSpan& s : encoding.offsets) offsets.push_back({s.begin, s.end});
  const nlohmann::json record = {{"ids", encoding.ids},
                                 {"tokens", tokens},
                                 {"offsets", std::move(offsets)}};
  absl::StrAppend(out, record.dump(-1, ' ', false,
                                   nlohmann::json::error_handler_t::replace),
                  "\n");
  return absl::OkStatus();
}

// Encodes lines [begin, end) in parallel into *out, in order.
absl::Status EncodeBlock(const Tokenizer& tokenizer, const EncodeFlags& flags,
                         const std::vector<absl::string_view>& lines,
                         size_t begin, size_t end, std::string* out) {
  const size_t tasks = (end - begin + kLinesPerTask - 1) / kLinesPerTask;
  std::vector<std::string> pieces(tasks);
  std::vector<absl::Status> status(tasks);
  ParallelFor(tasks, flags.threads, [&](size_t t) {
    const size_t first = begin + t * kLinesPerTask;
    const size_t last = std::min(end, first + kLinesPerTask);
    for (size_t i = first; i < last; ++i) {
      absl::Status s = FormatLine(tokenizer, flags, lines[i], &pieces[t]);
      if (!s.ok()) {
        status[t] = Annotate(s, absl::StrCat(InputName(flags.input), ":", i + 1));
        return;
      }
    }
  });
  for (size_t t = 0; t < tasks; ++t) {
    TF_RETURN_IF_ERROR(status[t]);
    out->append(pieces[t]);
  }
  return absl::OkStatus();
}

}  // namespace

CLI::App* RegisterEncode(CLI::App& app, EncodeFlags* flags) {
  CLI::App* cmd = app.add_subcommand(
      "encode", "Encode text line by line: one line of output per input line");
  AddTokenizerFlags(cmd, &flags->tokenizer);
  cmd->add_option("--input,-i", flags->input, "input text (default: stdin)");
  cmd->add_option("--output,-o", flags->output, "output (default: stdout)");
  cmd->add_option("--format", flags->format, "ids, tokens or jsonl")
      ->check(CLI::IsMember({"ids", "tokens", "jsonl"}));
  cmd->add_option("--threads", flags->threads,
                  "worker threads (0: all cores); output is identical for any");
  cmd->add_flag("--add-special-tokens", flags->add_special_tokens,
                "run the post-processor (BOS/EOS, [CLS]/[SEP])");
  cmd->add_flag("--allow-special", flags->allow_special,
                "treat special-token text in the input as special tokens");
  cmd->add_flag("--stats", flags->stats,
                "print lines, tokens, bytes per token and throughput to stderr");
  return cmd;
}

absl::Status RunEncode(const EncodeFlags& flags) {
  TF_ASSIGN_OR_RETURN(std::unique_ptr<Tokenizer> tokenizer,
                      LoadFromFlags(flags.tokenizer));
  TF_ASSIGN_OR_RETURN(std::string text, ReadFile(flags.input));
  const std::vector<absl::string_view> lines = SplitLines(text);
  TF_ASSIGN_OR_RETURN(AtomicFileWriter writer,
                      AtomicFileWriter::Open(flags.output));
  std::string out;
  size_t tokens = 0;
  const auto start = std::chrono::steady_clock::now();
  for (size_t begin = 0; begin < lines.size(); begin += kLinesPerBlock) {
    out.clear();
    const size_t end = std::min(lines.size(), begin + kLinesPerBlock);
    TF_RETURN_IF_ERROR(EncodeBlock(*tokenizer, flags, lines, begin, end, &out));
    if (flags.stats && flags.format == "ids") {
      for (size_t i = 0; i < out.size(); ++i) {
        // Each id is followed by a space or the line's newline.
        tokens += (out[i] == ' ' || out[i] == '\n') && i > 0 && out[i - 1] != '\n';
      }
    }
    TF_RETURN_IF_ERROR(writer.Write(out));
  }
  TF_RETURN_IF_ERROR(writer.Commit());
  if (flags.stats) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(stderr,
                 "encode: %zu lines, %zu bytes, %zu tokens, %.3f bytes/token, "
                 "%.2f s, %.2f MB/s (encode and format)\n",
                 lines.size(), text.size(), tokens,
                 tokens ? static_cast<double>(text.size()) / tokens : 0.0,
                 seconds, text.size() / 1e6 / std::max(seconds, 1e-9));
  }
  return absl::OkStatus();
}

CLI::App* RegisterDecode(CLI::App& app, DecodeFlags* flags) {
  CLI::App* cmd = app.add_subcommand(
      "decode", "Decode lines of space-separated ids into lines of text");
  AddTokenizerFlags(cmd, &flags->tokenizer);
  cmd->add_option("--input,-i", flags->input, "ids (default: stdin)");
  cmd->add_option("--output,-o", flags->output, "output (default: stdout)");
  cmd->add_flag("--skip-special-tokens", flags->skip_special_tokens,
                "leave special tokens out of the text");
  return cmd;
}

absl::Status RunDecode(const DecodeFlags& flags) {
  TF_ASSIGN_OR_RETURN(std::unique_ptr<Tokenizer> tokenizer,
                      LoadFromFlags(flags.tokenizer));
  TF_ASSIGN_OR_RETURN(std::string text, ReadFile(flags.input));
  TF_ASSIGN_OR_RETURN(AtomicFileWriter writer,
                      AtomicFileWriter::Open(flags.output));
  const std::vector<absl::string_view> lines = SplitLines(text);
  std::vector<TokenId> ids;
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    ids.clear();
    int field = 0;
    for (absl::string_view item :
         absl::StrSplit(lines[i], ' ', absl::SkipWhitespace())) {
      ++field;
      TokenId id;
      if (!absl::SimpleAtoi(item, &id)) {
        return absl::InvalidArgumentError(
            absl::StrCat(InputName(flags.input), ":", i + 1, ": field ", field,
                         ": '", item.substr(0, 32), "' is not a token id"));
      }
      ids.push_back(id);
    }
    absl::StatusOr<std::string> decoded =
        tokenizer->Decode(ids, flags.skip_special_tokens);
    if (!decoded.ok()) {
      return Annotate(decoded.status(),
                      absl::StrCat(InputName(flags.input), ":", i + 1));
    }
    absl::StrAppend(&out, *decoded, "\n");
  }
  TF_RETURN_IF_ERROR(writer.Write(out));
  return writer.Commit();
}

CLI::App* RegisterInfo(CLI::App& app, InfoFlags* flags) {
  CLI::App* cmd = app.add_subcommand("info", "Describe a tokenizer");
  AddTokenizerFlags(cmd, &flags->tokenizer);
  return cmd;
}

absl::Status RunInfo(const InfoFlags& flags) {
  TF_ASSIGN_OR_RETURN(std::unique_ptr<Tokenizer> tokenizer,
                      LoadFromFlags(flags.tokenizer));
  const Tokenizer::Parts& parts = tokenizer->parts();
  auto type_of = [](const auto& stage) -> std::string {
    if (stage == nullptr) return "none";
    const nlohmann::json j = stage->ToJson();
    return j.value("type", "?");
  };
  std::string out = absl::StrCat(
      "tokenizer: ", flags.tokenizer.tokenizer, "\n",
      "model: ", type_of(parts.model), "\n",
      "vocab_size: ", tokenizer->vocab_size(), "\n",
      "normalizer: ", type_of(parts.normalizer), "\n",
      "pre_tokenizer: ", type_of(parts.pre_tokenizer), "\n",
      "post_processor: ", type_of(parts.post_processor), "\n",
      "decoder: ", type_of(parts.decoder), "\n",
      "added_tokens: ", parts.added_tokens.size(), "\n");
  for (const AddedToken& t : parts.added_tokens) {
    absl::StrAppend(&out, "  ", t.id, "\t", t.content,
                    t.special ? "\tspecial" : "", "\n");
  }
  std::fputs(out.c_str(), stdout);
  return absl::OkStatus();
}

}  // namespace tokenforge::cli
