// Decoders invert their encoders on random input:
//  - ByteLevel: any bytes, written in the byte-level alphabet and cut into
//    random tokens, decode to exactly those bytes (all 256 bytes included);
//  - ByteFallback: any bytes as "<0xNN>" tokens, mixed with plain tokens;
//  - Metaspace/WordPiece: words marked by the pre-tokenizer convention
//    decode to the text they came from.

#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "common/random.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tests/tokenizers/normalizers/mixed_text.h"
#include "tokenizers/byte_level_alphabet.h"
#include "tokenizers/decoders/byte_decoders.h"
#include "tokenizers/decoders/subword_decoders.h"

namespace tokenforge {
namespace {

constexpr int kTrials = 2000;

std::string Joined(const Decoder& d, std::vector<std::string> tokens) {
  EXPECT_TRUE(d.DecodeChain(&tokens).ok());
  return absl::StrJoin(tokens, "");
}

// Cuts `s` into tokens at random character boundaries.
std::vector<std::string> CutAtChars(const std::string& s, Rng* rng) {
  std::vector<std::string> tokens;
  std::string current;
  size_t pos = 0;
  while (pos < s.size()) {
    const uint32_t len = DecodeUtf8(s, pos).length;
    current.append(s, pos, len);
    pos += len;
    if (rng->Below(3) == 0) tokens.push_back(std::move(current)), current.clear();
  }
  if (!current.empty()) tokens.push_back(current);
  return tokens;
}

TEST(ByteLevelDecoderPropertyTest, InvertsByteLevelEncoding) {
  ByteLevelDecoder d;
  std::string all;
  for (int b = 0; b < 256; ++b) all.push_back(static_cast<char>(b));
  Rng rng(/*seed=*/5);
  EXPECT_EQ(Joined(d, CutAtChars(BytesToByteLevel(all), &rng)), all);
  for (int b = 0; b < 256; ++b) {
    const std::string one(1, static_cast<char>(b));
    ASSERT_EQ(Joined(d, {BytesToByteLevel(one)}), one) << b;
  }
  testing::MixedText gen(/*seed=*/9);
  for (int trial = 0; trial < kTrials; ++trial) {
    std::string bytes = trial % 2 == 0 ? gen.Next(20, /*allow_invalid=*/true)
                                       : std::string(rng.Below(30), '\0');
    if (trial % 2 == 1) {
      for (char& c : bytes) c = static_cast<char>(rng.Below(256));
    }
    ASSERT_EQ(Joined(d, CutAtChars(BytesToByteLevel(bytes), &rng)), bytes)
        << absl::CEscape(bytes);
  }
}

TEST(ByteFallbackDecoderPropertyTest, InvertsByteTokens) {
  ByteFallbackDecoder d;
  Rng rng(/*seed=*/6);
  testing::MixedText gen(/*seed=*/10);
  for (int trial = 0; trial < kTrials; ++trial) {
    std::vector<std::string> tokens;
    std::string expected;
    for (int piece = static_cast<int>(rng.Below(6)); piece > 0; --piece) {
      if (rng.Below(2) == 0) {
        const std::string word = gen.Next(3, /*allow_invalid=*/false);
        if (word.empty() || word[0] == '<') continue;
        tokens.push_back(word);
        expected += word;
      } else {
        for (int k = static_cast<int>(rng.Below(4)); k >= 0; --k) {
          const auto b = static_cast<uint8_t>(rng.Below(256));
          tokens.push_back(absl::StrFormat("<0x%02X>", b));
          expected.push_back(static_cast<char>(b));
        }
      }
    }
    ASSERT_EQ(Joined(d, tokens), expected) << absl::StrJoin(tokens, "|");
  }
}

TEST(MetaspaceDecoderPropertyTest, InvertsMetaspaceSplitting) {
  const std::string kMeta = "\xE2\x96\x81";
  MetaspaceDecoder d(kMeta, PrependScheme::kAlways, true);
  testing::MixedText gen(/*seed=*/12);
  Rng rng(/*seed=*/13);
  for (int trial = 0; trial < kTrials; ++trial) {
    // Words without spaces or '▁', joined by single spaces: the Metaspace
    // pre-tokenizer gives "▁w1", "▁w2", ... and the decoder must give back
    // the text.
    std::vector<std::string> words;
    for (int k = static_cast<int>(rng.Below(5)) + 1; k > 0; --k) {
      std::string w = gen.Next(4, /*allow_invalid=*/false);
      std::string clean;
      for (char c : w) {
        if (c != ' ') clean.push_back(c);
      }
      if (clean.find(kMeta) != std::string::npos || clean.empty()) clean.assign(1, 'x');
      words.push_back(clean);
    }
    std::vector<std::string> tokens;
    for (const std::string& w : words) {
      // Each word is further cut into subword pieces.
      std::vector<std::string> pieces = CutAtChars(kMeta + w, &rng);
      tokens.insert(tokens.end(), pieces.begin(), pieces.end());
    }
    ASSERT_EQ(Joined(d, tokens), absl::StrJoin(words, " "));
  }
}

}  // namespace
}  // namespace tokenforge
