// tokenizers/io/gpt2_files.h
//
// The GPT-2 release format: vocab.json (token -> id, byte-to-unicode form)
// and merges.txt (one "left right" merge per line after a "#version" line).
// Loaded as HF does: ByteLevel pre-tokenizer (GPT-2 pattern, no prefix
// space), byte-level BPE, ByteLevel decoder, "<|endoftext|>" special.
//
//   TF_ASSIGN_OR_RETURN(auto tok, LoadGpt2Files("vocab.json", "merges.txt"));

#ifndef TOKENFORGE_TOKENIZERS_IO_GPT2_FILES_H_
#define TOKENFORGE_TOKENIZERS_IO_GPT2_FILES_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "tokenizers/tokenizer.h"

namespace tokenforge {

// Parses merges.txt text. Errors name the file and line.
absl::StatusOr<std::vector<std::pair<std::string, std::string>>> ParseMergesTxt(
    absl::string_view text, absl::string_view file_name);

// `merges_path` empty means "merges.txt beside vocab.json" (or vocab.bpe).
absl::StatusOr<std::unique_ptr<Tokenizer>> LoadGpt2Files(
    absl::string_view vocab_path, absl::string_view merges_path);

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_IO_GPT2_FILES_H_
