// tokenizers/models/scored_piece.h
//
// A vocabulary entry of a score-based model (Unigram, SentencePiece BPE):
// the piece, its score (log probability for Unigram, merge priority for
// SentencePiece BPE) and its SentencePiece type, which decides whether the
// piece can be matched in text:
//
//   kNormal, kUserDefined, kUnused  are in the lookup trie (kUnused pieces
//                                   are found but never emitted);
//   kUnknown, kControl, kByte       are never matched in text.
//
// Models loaded from HF tokenizer.json have only kNormal pieces (HF knows no
// types) unless our "piece_types" extension says otherwise.

#ifndef TOKENFORGE_TOKENIZERS_MODELS_SCORED_PIECE_H_
#define TOKENFORGE_TOKENIZERS_MODELS_SCORED_PIECE_H_

#include <cstdint>
#include <string>

namespace tokenforge {

// The values of SentencePiece's ModelProto.SentencePiece.Type.
enum class PieceType : uint8_t {
  kNormal = 1,
  kUnknown = 2,
  kControl = 3,
  kUserDefined = 4,
  kUnused = 5,
  kByte = 6,
};

struct ScoredPiece {
  std::string piece;
  float score = 0.0f;
  PieceType type = PieceType::kNormal;
};

// True for the types SentencePiece puts in its matching trie.
inline bool IsMatchable(PieceType type) {
  return type == PieceType::kNormal || type == PieceType::kUserDefined ||
         type == PieceType::kUnused;
}

// Returns the byte of a "<0xNN>" piece (upper-case hex, as SentencePiece
// writes it), or -1.
inline int ByteOfPiece(const std::string& piece) {
  if (piece.size() != 6 || piece.compare(0, 3, "<0x") != 0 || piece[5] != '>') {
    return -1;
  }
  int value = 0;
  for (int i = 3; i < 5; ++i) {
    const char c = piece[i];
    value <<= 4;
    if (c >= '0' && c <= '9') {
      value |= c - '0';
    } else if (c >= 'A' && c <= 'F') {
      value |= c - 'A' + 10;
    } else {
      return -1;
    }
  }
  return value;
}

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_MODELS_SCORED_PIECE_H_
