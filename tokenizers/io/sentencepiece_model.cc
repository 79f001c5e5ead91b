#include "tokenizers/io/sentencepiece_model.h"

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "tokenizers/io/protobuf_wire.h"
#include "tokenizers/models/spm_bpe_model.h"
#include "tokenizers/models/unigram_model.h"

namespace tokenforge {
namespace {

// Field numbers of sentencepiece_model.proto.
constexpr uint32_t kModelPieces = 1;
constexpr uint32_t kModelTrainerSpec = 2;
constexpr uint32_t kModelNormalizerSpec = 3;
constexpr uint32_t kPiecePiece = 1;
constexpr uint32_t kPieceScore = 2;
constexpr uint32_t kPieceType = 3;
constexpr uint32_t kTrainerModelType = 3;
constexpr uint32_t kTrainerTreatWhitespaceAsSuffix = 24;
constexpr uint32_t kTrainerByteFallback = 35;
constexpr uint32_t kTrainerUnkId = 40;
constexpr uint32_t kNormalizerName = 1;
constexpr uint32_t kNormalizerCharsmap = 2;
constexpr uint32_t kNormalizerAddDummyPrefix = 3;
constexpr uint32_t kNormalizerRemoveExtraWhitespaces = 4;
constexpr uint32_t kNormalizerEscapeWhitespaces = 5;

// Checks the wire type of a known field.
absl::Status Expect(const ProtoReader& reader, const ProtoField& field,
                    WireType type) {
  if (field.wire_type == type) return absl::OkStatus();
  return reader.FieldError(field.number,
                           absl::StrCat("wire type ", static_cast<int>(field.wire_type),
                                        ", expected ", static_cast<int>(type)));
}

absl::StatusOr<ScoredPiece> ParsePiece(absl::string_view bytes) {
  ProtoReader reader(bytes, "ModelProto.SentencePiece");
  ScoredPiece piece;
  ProtoField f;
  while (true) {
    TF_ASSIGN_OR_RETURN(const bool more, reader.Next(&f));
    if (!more) break;
    if (f.number == kPiecePiece) {
      TF_RETURN_IF_ERROR(Expect(reader, f, WireType::kLengthDelimited));
      piece.piece = std::string(f.bytes);
    } else if (f.number == kPieceScore) {
      TF_RETURN_IF_ERROR(Expect(reader, f, WireType::kFixed32));
      piece.score = f.AsFloat();
    } else if (f.number == kPieceType) {
      TF_RETURN_IF_ERROR(Expect(reader, f, WireType::kVarint));
      if (f.varint < 1 || f.varint > 6) {
        return reader.FieldError(f.number, absl::StrCat("unknown piece type ", f.varint));
      }
      piece.type = static_cast<PieceType>(f.varint);
    }
  }
  return piece;
}

absl::Status ParseTrainerSpec(absl::string_view bytes,
                              SentencePieceModelProto* proto) {
  ProtoReader reader(bytes, "TrainerSpec");
  ProtoField f;
  while (true) {
    TF_ASSIGN_OR_RETURN(const bool more, reader.Next(&f));
    if (!more) break;
    switch (f.number) {
      case kTrainerModelType:
        TF_RETURN_IF_ERROR(Expect(reader, f, WireType::kVarint));
        if (f.varint < 1 || f.varint > 4) {
          return reader.FieldError(f.number, absl::StrCat("unknown model type ", f.varint));
        }
        proto->model_type = static_cast<SentencePieceModelProto::ModelType>(f.varint);
        break;
      case kTrainerTreatWhitespaceAsSuffix:
        TF_RETURN_IF_ERROR(Expect(reader, f, WireType::kVarint));
        proto->treat_whitespace_as_suffix = f.varint != 0;
        break;
      case kTrainerByteFallback:
        TF_RETURN_IF_ERROR(Expect(reader, f, WireType::kVarint));
        proto->byte_fallback = f.varint != 0;
        break;
      case kTrainerUnkId:
        TF_RETURN_IF_ERROR(Expect(reader, f, WireType::kVarint));
        proto->unk_id = static_cast<int32_t>(f.varint);
        break;
      default:
        break;
    }
  }
  return absl::OkStatus();
}

absl::Status ParseNormalizerSpec(absl::string_view bytes,
                                 SentencePieceModelProto* proto) {
  ProtoReader reader(bytes, "NormalizerSpec");
  ProtoField f;
  while (true) {
    TF_ASSIGN_OR_RETURN(const bool more, reader.Next(&f));
    if (!more) break;
    const bool is_bool = f.number >= kNormalizerAddDummyPrefix &&
                         f.number <= kNormalizerEscapeWhitespaces;
    if (is_bool) TF_RETURN_IF_ERROR(Expect(reader, f, WireType::kVarint));
    if (f.number == kNormalizerName) {
      TF_RETURN_IF_ERROR(Expect(reader, f, WireType::kLengthDelimited));
      proto->normalizer_name = std::string(f.bytes);
    } else if (f.number == kNormalizerCharsmap) {
      TF_RETURN_IF_ERROR(Expect(reader, f, WireType::kLengthDelimited));
      proto->precompiled_charsmap = std::string(f.bytes);
    } else if (f.number == kNormalizerAddDummyPrefix) {
      proto->add_dummy_prefix = f.varint != 0;
    } else if (f.number == kNormalizerRemoveExtraWhitespaces) {
      proto->remove_extra_whitespaces = f.varint != 0;
    } else if (f.number == kNormalizerEscapeWhitespaces) {
      proto->escape_whitespaces = f.varint != 0;
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<SentencePieceModelProto> ParseSentencePieceModel(
    absl::string_view bytes) {
  SentencePieceModelProto proto;
  ProtoReader reader(bytes, "ModelProto");
  ProtoField f;
  while (true) {
    TF_ASSIGN_OR_RETURN(const bool more, reader.Next(&f));
    if (!more) break;
    if (f.number == kModelPieces) {
      TF_RETURN_IF_ERROR(Expect(reader, f, WireType::kLengthDelimited));
      TF_ASSIGN_OR_RETURN(ScoredPiece piece, ParsePiece(f.bytes));
      proto.pieces.push_back(std::move(piece));
    } else if (f.number == kModelTrainerSpec) {
      TF_RETURN_IF_ERROR(Expect(reader, f, WireType::kLengthDelimited));
      TF_RETURN_IF_ERROR(ParseTrainerSpec(f.bytes, &proto));
    } else if (f.number == kModelNormalizerSpec) {
      TF_RETURN_IF_ERROR(Expect(reader, f, WireType::kLengthDelimited));
      TF_RETURN_IF_ERROR(ParseNormalizerSpec(f.bytes, &proto));
    }
  }
  if (proto.pieces.empty()) {
    return absl::InvalidArgumentError("SentencePiece model has no pieces");
  }
  return proto;
}

absl::StatusOr<SentencePieceComponents> BuildSentencePieceComponents(
    const SentencePieceModelProto& proto) {
  // SentencePiece takes the unknown piece from the piece types, not from
  // trainer_spec.unk_id; there must be exactly one.
  int unk_id = -1;
  PrecompiledNormalizerOptions norm;
  for (size_t i = 0; i < proto.pieces.size(); ++i) {
    const ScoredPiece& p = proto.pieces[i];
    if (p.type == PieceType::kUnknown) {
      if (unk_id >= 0) return absl::InvalidArgumentError("unk is defined twice");
      unk_id = static_cast<int>(i);
    }
    if (p.type == PieceType::kByte && !proto.byte_fallback) {
      return absl::InvalidArgumentError(absl::StrCat(
          "byte piece ", p.piece, " in a model without byte_fallback"));
    }
    if (p.type == PieceType::kUserDefined) norm.user_defined_symbols.push_back(p.piece);
  }
  if (unk_id < 0) return absl::InvalidArgumentError("unk is not defined");
  norm.precompiled_charsmap = proto.precompiled_charsmap;
  norm.add_dummy_prefix = proto.add_dummy_prefix;
  norm.remove_extra_whitespaces = proto.remove_extra_whitespaces;
  norm.escape_whitespaces = proto.escape_whitespaces;
  norm.treat_whitespace_as_suffix = proto.treat_whitespace_as_suffix;
  SentencePieceComponents out;
  TF_ASSIGN_OR_RETURN(out.normalizer, PrecompiledNormalizer::Create(std::move(norm)));
  switch (proto.model_type) {
    case SentencePieceModelProto::ModelType::kUnigram: {
      UnigramModelOptions options;
      options.unk_id = unk_id;
      options.byte_fallback = proto.byte_fallback;
      options.spm_float_scores = true;
      TF_ASSIGN_OR_RETURN(out.model, UnigramModel::Create(proto.pieces, options));
      break;
    }
    case SentencePieceModelProto::ModelType::kBpe: {
      SpmBpeModelOptions options;
      options.unk_id = unk_id;
      options.byte_fallback = proto.byte_fallback;
      TF_ASSIGN_OR_RETURN(out.model, SpmBpeModel::Create(proto.pieces, options));
      break;
    }
    default:
      return absl::UnimplementedError(absl::StrCat(
          "SentencePiece model type ", static_cast<int>(proto.model_type),
          " (word/char) is not supported"));
  }
  return out;
}

}  // namespace tokenforge
