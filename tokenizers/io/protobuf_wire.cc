#include "tokenizers/io/protobuf_wire.h"

#include <cstring>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"

namespace tokenforge {
namespace {

// Nested groups deeper than this are rejected rather than recursed into.
constexpr int kMaxGroupDepth = 64;

}  // namespace

float ProtoField::AsFloat() const {
  const uint32_t bits = static_cast<uint32_t>(varint);
  float value;
  std::memcpy(&value, &bits, sizeof(value));
  return value;
}

absl::Status ProtoReader::FieldError(uint32_t field_number,
                                     absl::string_view what) const {
  return absl::DataLossError(absl::StrCat("protobuf ", name_, " field ",
                                          field_number, ": ", what,
                                          " at byte ", pos_));
}

absl::StatusOr<uint64_t> ProtoReader::ReadVarint(uint32_t field_number) {
  uint64_t value = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (pos_ >= data_.size()) {
      return FieldError(field_number, "truncated varint");
    }
    const uint8_t byte = static_cast<uint8_t>(data_[pos_++]);
    value |= static_cast<uint64_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) return value;
  }
  return FieldError(field_number, "varint longer than 10 bytes");
}

absl::Status ProtoReader::SkipGroup(uint32_t field_number) {
  // Groups are deprecated and absent from SentencePiece models; skipping them
  // keeps the reader total over any valid wire input.
  int depth = 1;
  while (depth > 0) {
    if (pos_ >= data_.size()) return FieldError(field_number, "unterminated group");
    ProtoField inner;
    TF_ASSIGN_OR_RETURN(const uint64_t key, ReadVarint(field_number));
    const auto type = static_cast<WireType>(key & 7);
    if (type == WireType::kStartGroup) {
      if (++depth > kMaxGroupDepth) return FieldError(field_number, "groups nested too deep");
      continue;
    }
    if (type == WireType::kEndGroup) {
      --depth;
      continue;
    }
    // Rewind and let Next() skip the scalar; it never recurses for scalars.
    size_t key_len = 1;
    for (uint64_t k = key >> 7; k != 0; k >>= 7) ++key_len;
    pos_ -= key_len;
    TF_ASSIGN_OR_RETURN(const bool more, Next(&inner));
    if (!more) return FieldError(field_number, "unterminated group");
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> ProtoReader::Next(ProtoField* field) {
  while (true) {
    if (pos_ >= data_.size()) return false;
    TF_ASSIGN_OR_RETURN(const uint64_t key, ReadVarint(0));
    const uint64_t number = key >> 3;
    if (number == 0 || number > 0x1FFFFFFF) {
      return FieldError(static_cast<uint32_t>(number), "invalid field number");
    }
    field->number = static_cast<uint32_t>(number);
    field->wire_type = static_cast<WireType>(key & 7);
    field->bytes = {};
    field->varint = 0;
    switch (field->wire_type) {
      case WireType::kVarint: {
        TF_ASSIGN_OR_RETURN(field->varint, ReadVarint(field->number));
        return true;
      }
      case WireType::kFixed64:
      case WireType::kFixed32: {
        const size_t width = field->wire_type == WireType::kFixed64 ? 8 : 4;
        if (data_.size() - pos_ < width) {
          return FieldError(field->number, "truncated fixed-width value");
        }
        uint64_t value = 0;
        for (size_t i = 0; i < width; ++i) {  // Little-endian.
          value |= static_cast<uint64_t>(static_cast<uint8_t>(data_[pos_ + i]))
                   << (8 * i);
        }
        pos_ += width;
        field->varint = value;
        return true;
      }
      case WireType::kLengthDelimited: {
        TF_ASSIGN_OR_RETURN(const uint64_t length, ReadVarint(field->number));
        if (length > data_.size() - pos_) {
          return FieldError(field->number,
                            absl::StrCat("length ", length, " runs past the end"));
        }
        field->bytes = data_.substr(pos_, length);
        pos_ += length;
        return true;
      }
      case WireType::kStartGroup:
        TF_RETURN_IF_ERROR(SkipGroup(field->number));
        continue;
      default:
        return FieldError(field->number,
                          absl::StrCat("invalid wire type ", key & 7));
    }
  }
}

}  // namespace tokenforge
