#include "cli/tokenizer_flags.h"

#include "tokenizers/io/loaders.h"

namespace tokenforge::cli {

void AddTokenizerFlags(CLI::App* command, TokenizerFlags* flags) {
  command
      ->add_option("--tokenizer,-t", flags->tokenizer,
                   "tokenizer.json, vocab.json (+ merges.txt), *.tiktoken, "
                   "*.model or vocab.txt")
      ->required();
  command->add_option("--encoding", flags->encoding,
                      "tiktoken encoding: r50k_base, p50k_base, cl100k_base, "
                      "o200k_base (default: from the file name)");
  command->add_option("--merges", flags->merges,
                      "merges.txt for a GPT-2 vocab.json (default: beside it)");
  command->add_flag("--lowercase", flags->lowercase,
                    "vocab.txt: lowercase and strip accents (BERT uncased)");
  command->add_flag("--cased", flags->cased,
                    "vocab.txt: keep case and accents (BERT cased)");
}

absl::StatusOr<std::unique_ptr<Tokenizer>> LoadFromFlags(
    const TokenizerFlags& flags) {
  LoadOptions options;
  options.encoding = flags.encoding;
  options.merges = flags.merges;
  if (flags.lowercase) options.lowercase = true;
  if (flags.cased) options.lowercase = false;
  return LoadTokenizer(flags.tokenizer, options);
}

}  // namespace tokenforge::cli
