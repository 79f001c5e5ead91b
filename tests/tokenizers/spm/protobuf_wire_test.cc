// Tests of the protobuf wire reader and the .model parser on malformed
// input: every error is kDataLoss naming the field, never a crash.

#include "tokenizers/io/protobuf_wire.h"

#include <cstring>
#include <string>

#include "common/file.h"
#include "common/random.h"
#include "common/status_macros.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/shared_data.h"
#include "tests/testing/status_matchers.h"
#include "tokenizers/io/sentencepiece_model.h"

namespace tokenforge {
namespace {

using ::testing::HasSubstr;
using ::tokenforge::testing::StatusIs;

std::string Varint(uint64_t v) {
  std::string out;
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
  return out;
}
std::string Key(uint32_t field, int wire) { return Varint((field << 3) | wire); }
std::string Bytes(uint32_t field, const std::string& s) {
  return Key(field, 2) + Varint(s.size()) + s;
}
std::string Float(uint32_t field, float f) {
  std::string out = Key(field, 5);
  uint32_t bits;
  std::memcpy(&bits, &f, 4);
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>(bits >> (8 * i)));
  return out;
}

absl::StatusOr<std::vector<ProtoField>> ReadAll(const std::string& data) {
  ProtoReader reader(data, "Test");
  std::vector<ProtoField> fields;
  ProtoField f;
  while (true) {
    TF_ASSIGN_OR_RETURN(bool more, reader.Next(&f));
    if (!more) return fields;
    fields.push_back(f);
  }
}

TEST(ProtoReaderTest, ReadsEveryWireType) {
  const std::string data = Key(1, 0) + Varint(300) + Bytes(2, "hi") +
                           Float(3, 1.5f) + Key(4, 1) + std::string(8, '\x01') +
                           Key(5, 3) + Key(1, 0) + Varint(7) + Key(5, 4);
  TF_ASSERT_OK_AND_ASSIGN(auto fields, ReadAll(data));
  ASSERT_EQ(fields.size(), 4u);  // The group is skipped.
  EXPECT_EQ(fields[0].varint, 300u);
  EXPECT_EQ(fields[1].bytes, "hi");
  EXPECT_EQ(fields[2].AsFloat(), 1.5f);
  EXPECT_EQ(fields[3].varint, 0x0101010101010101ULL);
}

TEST(ProtoReaderTest, MalformedInputIsDataLossNamingTheField) {
  EXPECT_THAT(ReadAll(Key(7, 0) + "\xff"),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("field 7")));
  EXPECT_THAT(ReadAll(Key(9, 2) + Varint(10) + "abc"),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("field 9")));
  EXPECT_THAT(ReadAll(Key(3, 5) + "ab"),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("field 3")));
  EXPECT_THAT(ReadAll(Key(2, 7)), StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_THAT(ReadAll(Key(2, 3) + Key(1, 0)), StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_THAT(ReadAll(std::string(11, '\xff')), StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_THAT(ReadAll(std::string("\x00", 1)), StatusIs(absl::StatusCode::kDataLoss));
}

TEST(SentencePieceModelTest, ParsesAHandWrittenModel) {
  const std::string piece = [] {
    return Bytes(1, "<unk>") + Float(2, 0) + Key(3, 0) + Varint(2);
  }();
  const std::string a = Bytes(1, "\xe2\x96\x81" "a") + Float(2, -1.0f);
  const std::string trainer = Key(3, 0) + Varint(1) + Key(35, 0) + Varint(0);
  const std::string normalizer = Key(3, 0) + Varint(0);  // add_dummy_prefix off
  const std::string model = Bytes(1, piece) + Bytes(1, a) + Bytes(2, trainer) +
                            Bytes(3, normalizer);
  TF_ASSERT_OK_AND_ASSIGN(SentencePieceModelProto proto, ParseSentencePieceModel(model));
  ASSERT_EQ(proto.pieces.size(), 2u);
  EXPECT_EQ(proto.pieces[0].type, PieceType::kUnknown);
  EXPECT_EQ(proto.pieces[1].score, -1.0f);
  EXPECT_FALSE(proto.add_dummy_prefix);
  EXPECT_TRUE(proto.remove_extra_whitespaces);
  TF_ASSERT_OK_AND_ASSIGN(auto parts, BuildSentencePieceComponents(proto));
  std::string normalized;
  parts.normalizer->NormalizeToString("  a  a ", &normalized);
  EXPECT_EQ(normalized, "a\xe2\x96\x81" "a");
}

TEST(SentencePieceModelTest, WrongWireTypeOfAKnownFieldIsDataLoss) {
  const std::string model = Key(1, 0) + Varint(5);
  EXPECT_THAT(ParseSentencePieceModel(model),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("ModelProto field 1")));
  const std::string bad_piece = Bytes(1, Key(2, 0) + Varint(1));
  EXPECT_THAT(ParseSentencePieceModel(bad_piece),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("SentencePiece field 2")));
}

TEST(SentencePieceModelTest, TruncatedAndCorruptedRealModelsNeverCrash) {
  const std::string path =
      testing::SharedDataPath("vocabs/sentencepiece/spm_botchan_unigram1000.model");
  if (path.empty()) GTEST_SKIP() << testing::SharedDataMissing("spm_botchan_unigram1000.model");
  TF_ASSERT_OK_AND_ASSIGN(const std::string bytes, ReadFile(path));
  TF_ASSERT_OK(ParseSentencePieceModel(bytes).status());
  Rng rng(17);
  for (int trial = 0; trial < 300; ++trial) {
    const size_t cut = rng.Below(bytes.size());
    const auto truncated = ParseSentencePieceModel(bytes.substr(0, cut));
    if (!truncated.ok()) {
      EXPECT_TRUE(truncated.status().code() == absl::StatusCode::kDataLoss ||
                  truncated.status().code() == absl::StatusCode::kInvalidArgument)
          << truncated.status();
    }
    std::string corrupted = bytes;
    for (int k = 0; k < 8; ++k) corrupted[rng.Below(corrupted.size())] = static_cast<char>(rng.Next());
    const auto parsed = ParseSentencePieceModel(corrupted);
    if (parsed.ok()) {
      // Whatever parsed must build or fail cleanly, and then encode.
      auto parts = BuildSentencePieceComponents(*parsed);
      if (parts.ok()) {
        std::string normalized;
        parts->normalizer->NormalizeToString("Hello, world \xff\xfe!", &normalized);
        std::vector<Token> tokens;
        TF_EXPECT_OK(parts->model->Tokenize(normalized, &tokens));
      }
    }
  }
}

}  // namespace
}  // namespace tokenforge
