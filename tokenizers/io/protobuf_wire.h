// tokenizers/io/protobuf_wire.h
//
// A small reader for the protobuf wire format (proto2/proto3 binary
// encoding), enough to read SentencePiece's ModelProto without depending on
// protobuf. It walks the fields of one message in order; nested messages are
// read by constructing a new reader over a length-delimited field's bytes.
//
//   ProtoReader reader(bytes, "ModelProto");
//   ProtoField field;
//   while (true) {
//     TF_ASSIGN_OR_RETURN(bool more, reader.Next(&field));
//     if (!more) break;
//     if (field.number == 1 && field.wire_type == WireType::kLengthDelimited)
//       ...field.bytes...
//   }
//
// Every malformation (truncated varint, length past the end, bad wire type)
// gives kDataLoss naming the message and field number; the reader never
// reads out of bounds.

#ifndef TOKENFORGE_TOKENIZERS_IO_PROTOBUF_WIRE_H_
#define TOKENFORGE_TOKENIZERS_IO_PROTOBUF_WIRE_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tokenforge {

enum class WireType : uint8_t {
  kVarint = 0,
  kFixed64 = 1,
  kLengthDelimited = 2,
  kStartGroup = 3,
  kEndGroup = 4,
  kFixed32 = 5,
};

struct ProtoField {
  uint32_t number = 0;
  WireType wire_type = WireType::kVarint;
  uint64_t varint = 0;     // kVarint, kFixed64, kFixed32 (raw bits).
  absl::string_view bytes;  // kLengthDelimited.

  // Returns the fixed32 payload as a float (proto `float`).
  float AsFloat() const;
};

class ProtoReader {
 public:
  // `data` must outlive the reader. `message_name` only labels errors.
  ProtoReader(absl::string_view data, absl::string_view message_name)
      : data_(data), name_(message_name) {}

  // Reads the next field into *field. Returns false at the end of the
  // message; kDataLoss on malformed input. Groups are skipped.
  absl::StatusOr<bool> Next(ProtoField* field);

  // Returns a kDataLoss error naming this message and `field_number`.
  absl::Status FieldError(uint32_t field_number, absl::string_view what) const;

 private:
  absl::StatusOr<uint64_t> ReadVarint(uint32_t field_number);
  absl::Status SkipGroup(uint32_t field_number);

  absl::string_view data_;
  std::string name_;
  size_t pos_ = 0;
};

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_IO_PROTOBUF_WIRE_H_
