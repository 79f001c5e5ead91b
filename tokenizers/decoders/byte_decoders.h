// tokenizers/decoders/byte_decoders.h
//
// Decoders that turn tokens back into raw bytes.
//
// ByteLevel (HF "ByteLevel"): every token written in GPT-2's byte-level
// alphabet (byte_level_alphabet.h) becomes its bytes; a token with a
// character outside the alphabet (an added token such as "<|endoftext|>")
// is kept as its own UTF-8 bytes. All tokens are fused into one.
//   ["Hello", "Ġworld", "ĠðŁĺ", "Ģ"] -> ["Hello world 😀"]
//
// ByteFallback (HF "ByteFallback"): runs of "<0xNN>" tokens become the bytes
// they name; other tokens are kept.
//   ["<0xE5>", "<0x8F>", "<0xAB>", "a"] -> ["叫", "a"]
//
// Both differ from HF in one deliberate way: bytes that do not form valid
// UTF-8 are returned as they are, where HF substitutes U+FFFD. tokenforge's
// Decode returns exact bytes, so a caller streaming tokens can join partial
// characters itself (and Decode(Encode(x)) == x for any bytes x).

#ifndef TOKENFORGE_TOKENIZERS_DECODERS_BYTE_DECODERS_H_
#define TOKENFORGE_TOKENIZERS_DECODERS_BYTE_DECODERS_H_

#include <string>
#include <vector>

#include "nlohmann/json.hpp"
#include "tokenizers/pipeline.h"

namespace tokenforge {

class ByteLevelDecoder : public Decoder {
 public:
  // The three flags belong to HF's shared ByteLevel object (pre-tokenizer,
  // post-processor, decoder); decoding ignores them but keeps them for JSON.
  ByteLevelDecoder(bool add_prefix_space = true, bool trim_offsets = true,
                   bool use_regex = true)
      : add_prefix_space_(add_prefix_space),
        trim_offsets_(trim_offsets),
        use_regex_(use_regex) {}

  absl::Status DecodeChain(std::vector<std::string>* tokens) const override;
  // {"type": "ByteLevel", "add_prefix_space": true, "trim_offsets": true,
  //  "use_regex": true}
  nlohmann::json ToJson() const override;

 private:
  bool add_prefix_space_;
  bool trim_offsets_;
  bool use_regex_;
};

class ByteFallbackDecoder : public Decoder {
 public:
  absl::Status DecodeChain(std::vector<std::string>* tokens) const override;
  nlohmann::json ToJson() const override;  // {"type": "ByteFallback"}
};

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_DECODERS_BYTE_DECODERS_H_
