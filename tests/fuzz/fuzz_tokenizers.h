// tests/fuzz/fuzz_tokenizers.h
//
// The small tokenizers the encode and decode fuzzers run, built in code once
// per process and never freed (libFuzzer calls the target millions of times).
//
//   LosslessTokenizers(): byte-level pipelines for which
//     Decode(Encode(x)) == x on every byte string x:
//       0  tiktoken-style ranks, no pre-tokenizer, ByteLevel decoder
//       1  GPT-2: ByteLevel pre-tokenizer (regex), BPE merges, ByteLevel decoder
//       2  Llama 3 / cl100k: Split(cl100k regex, known-pattern fast path)
//          + ByteLevel(use_regex=false)
//       3  Split(an RE2 regex, Isolated) + ByteLevel(use_regex=false)
//       4  Split(" ", MergedWithNext) + ByteLevel(use_regex=false)
//     Each has a special "<|endoftext|>" and a non-special "<pad>" added token.
//   DecoderTokenizers(): the lossless ones plus pipelines with the other
//     decoders (WordPiece, byte-fallback BPE with Replace/ByteFallback/Fuse/
//     Strip, Unigram with Metaspace, CTC).
//
// A pipeline that fails to build is a bug in this file: TF_CHECK aborts.

#ifndef TOKENFORGE_TESTS_FUZZ_FUZZ_TOKENIZERS_H_
#define TOKENFORGE_TESTS_FUZZ_FUZZ_TOKENIZERS_H_

#include <vector>

#include "tokenizers/tokenizer.h"

namespace tokenforge {
namespace fuzz {

const std::vector<const Tokenizer*>& LosslessTokenizers();
const std::vector<const Tokenizer*>& DecoderTokenizers();

}  // namespace fuzz
}  // namespace tokenforge

#endif  // TOKENFORGE_TESTS_FUZZ_FUZZ_TOKENIZERS_H_
