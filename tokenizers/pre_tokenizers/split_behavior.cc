// tokenizers/pre_tokenizers/split_behavior.cc
//
// ApplySplitBehavior follows HF NormalizedString::split (normalizer.rs)
// fold by fold, including its treatment of a leading match.

#include "tokenizers/pre_tokenizers/split_behavior.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace tokenforge {

namespace {

constexpr std::pair<SplitBehavior, absl::string_view> kNames[] = {
    {SplitBehavior::kRemoved, "Removed"},
    {SplitBehavior::kIsolated, "Isolated"},
    {SplitBehavior::kMergedWithPrevious, "MergedWithPrevious"},
    {SplitBehavior::kMergedWithNext, "MergedWithNext"},
    {SplitBehavior::kContiguous, "Contiguous"},
};

void Push(ByteSpan span, std::vector<ByteSpan>* out) {
  if (!span.empty()) out->push_back(span);
}

// A match joins the piece before it unless that piece was a match too.
void MergeWithPrevious(absl::Span<const SplitPiece> pieces,
                       std::vector<ByteSpan>* merged) {
  bool previous_match = false;
  for (const SplitPiece& p : pieces) {
    if (p.is_match && !previous_match && !merged->empty()) {
      merged->back().end = p.span.end;
    } else {
      merged->push_back(p.span);
    }
    previous_match = p.is_match;
  }
}

// The mirror image: a match joins the piece after it unless that piece is a
// match too (HF folds over the reversed pieces).
void MergeWithNext(absl::Span<const SplitPiece> pieces,
                   std::vector<ByteSpan>* merged) {
  bool previous_match = false;
  for (size_t i = pieces.size(); i-- > 0;) {
    const SplitPiece& p = pieces[i];
    if (p.is_match && !previous_match && !merged->empty()) {
      merged->back().begin = p.span.begin;
    } else {
      merged->push_back(p.span);
    }
    previous_match = p.is_match;
  }
  std::reverse(merged->begin(), merged->end());
}

// Consecutive pieces of the same kind join.
void MergeContiguous(absl::Span<const SplitPiece> pieces,
                     std::vector<ByteSpan>* merged) {
  bool previous_match = false;
  for (const SplitPiece& p : pieces) {
    if (p.is_match == previous_match && !merged->empty()) {
      merged->back().end = p.span.end;
    } else {
      merged->push_back(p.span);
    }
    previous_match = p.is_match;
  }
}

}  // namespace

absl::StatusOr<SplitBehavior> ParseSplitBehavior(absl::string_view name) {
  for (const auto& [behavior, n] : kNames) {
    if (absl::EqualsIgnoreCase(n, name)) return behavior;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown split behavior '", name,
                   "' (expected Removed, Isolated, MergedWithPrevious, "
                   "MergedWithNext or Contiguous)"));
}

absl::string_view SplitBehaviorName(SplitBehavior behavior) {
  for (const auto& [b, name] : kNames) {
    if (b == behavior) return name;
  }
  return "Isolated";
}

void ApplySplitBehavior(SplitBehavior behavior,
                        absl::Span<const SplitPiece> pieces,
                        std::vector<ByteSpan>* out) {
  std::vector<ByteSpan> merged;
  switch (behavior) {
    case SplitBehavior::kRemoved:
      for (const SplitPiece& p : pieces) {
        if (!p.is_match) Push(p.span, out);
      }
      return;
    case SplitBehavior::kIsolated:
      for (const SplitPiece& p : pieces) Push(p.span, out);
      return;
    case SplitBehavior::kMergedWithPrevious:
      MergeWithPrevious(pieces, &merged);
      break;
    case SplitBehavior::kMergedWithNext:
      MergeWithNext(pieces, &merged);
      break;
    case SplitBehavior::kContiguous:
      MergeContiguous(pieces, &merged);
      break;
  }
  for (const ByteSpan& s : merged) Push(s, out);
}

void SplitOnLiteral(absl::string_view text, ByteSpan word,
                    absl::string_view literal,
                    std::vector<SplitPiece>* pieces) {
  const absl::string_view w = text.substr(word.begin, word.size());
  size_t gap_start = 0;
  if (!literal.empty()) {
    for (size_t at = w.find(literal); at != absl::string_view::npos;
         at = w.find(literal, at + literal.size())) {
      if (gap_start < at) {
        pieces->push_back(
            {{word.begin + uint32_t(gap_start), word.begin + uint32_t(at)},
             false});
      }
      pieces->push_back({{word.begin + uint32_t(at),
                          word.begin + uint32_t(at + literal.size())},
                         true});
      gap_start = at + literal.size();
    }
  }
  if (gap_start < w.size()) {
    pieces->push_back({{word.begin + uint32_t(gap_start), word.end}, false});
  }
}

void InvertPieces(std::vector<SplitPiece>* pieces) {
  for (SplitPiece& p : *pieces) p.is_match = !p.is_match;
}

}  // namespace tokenforge
