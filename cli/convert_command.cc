#include "cli/convert_command.h"

#include "common/status_macros.h"
#include "tokenizers/io/tokenizer_json.h"

namespace tokenforge::cli {

CLI::App* RegisterConvert(CLI::App& app, ConvertFlags* flags) {
  CLI::App* cmd = app.add_subcommand(
      "convert", "Write a tokenizer as HF tokenizer.json");
  AddTokenizerFlags(cmd, &flags->tokenizer);
  cmd->add_option("--output,-o", flags->output, "tokenizer.json to write")
      ->required();
  return cmd;
}

absl::Status RunConvert(const ConvertFlags& flags) {
  TF_ASSIGN_OR_RETURN(std::unique_ptr<Tokenizer> tokenizer,
                      LoadFromFlags(flags.tokenizer));
  return SaveTokenizerJson(*tokenizer, flags.output);
}

}  // namespace tokenforge::cli
