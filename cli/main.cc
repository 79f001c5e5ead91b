// cli/main.cc
//
// The tokenforge binary: one subcommand per job. Each subcommand parses its
// flags into a struct and runs `absl::Status RunX(const XFlags&)`; this file
// is the only place a Status becomes an exit code (STYLE.md 4.4).

#include <cstdio>
#include <string>

#include "CLI/CLI.hpp"
#include "absl/status/status.h"
#include "cli/convert_command.h"
#include "cli/count_command.h"
#include "cli/encode_command.h"
#include "cli/lm_command.h"
#include "cli/train_command.h"

namespace {

int ReportAndExit(const absl::Status& status) {
  if (status.ok()) return 0;
  std::fprintf(stderr, "tokenforge: %s\n", std::string(status.message()).c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  namespace cli = tokenforge::cli;
  CLI::App app{"tokenforge: tokenizers and vocabulary learning"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "tokenforge 0.1.0");

  cli::EncodeFlags encode_flags;
  cli::DecodeFlags decode_flags;
  cli::InfoFlags info_flags;
  cli::ConvertFlags convert_flags;
  cli::TrainFlags train_flags;
  cli::CountFlags count_flags;
  absl::Status lm_status;
  CLI::App* encode = cli::RegisterEncode(app, &encode_flags);
  CLI::App* decode = cli::RegisterDecode(app, &decode_flags);
  CLI::App* info = cli::RegisterInfo(app, &info_flags);
  CLI::App* convert = cli::RegisterConvert(app, &convert_flags);
  CLI::App* train = cli::RegisterTrain(app, &train_flags);
  CLI::App* count = cli::RegisterCount(app, &count_flags);
  tokenforge::RegisterLmCommand(app, &lm_status);

  CLI11_PARSE(app, argc, argv);
  if (encode->parsed()) return ReportAndExit(cli::RunEncode(encode_flags));
  if (decode->parsed()) return ReportAndExit(cli::RunDecode(decode_flags));
  if (info->parsed()) return ReportAndExit(cli::RunInfo(info_flags));
  if (convert->parsed()) return ReportAndExit(cli::RunConvert(convert_flags));
  if (train->parsed()) return ReportAndExit(cli::RunTrain(train_flags));
  if (count->parsed()) return ReportAndExit(cli::RunCount(count_flags));
  if (!lm_status.ok()) return ReportAndExit(lm_status);
  if (app.got_subcommand("lm")) return 0;
  return ReportAndExit(absl::InternalError("no subcommand ran"));
}
