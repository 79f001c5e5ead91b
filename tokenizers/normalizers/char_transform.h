// tokenizers/normalizers/char_transform.h
//
// The per-character rewrite that Lowercase, StripAccents, BertNormalizer and
// friends share: walk the characters of text->normalized(), let a callback
// replace some of them, and keep every output byte aligned to the character
// it came from. Bytes that are not UTF-8 are never shown to the callback;
// they pass through unchanged, aligned to themselves.
//
//   // Deletes every 'x' and doubles every 'y'.
//   TransformChars(&text, [](char32_t c, std::string* out) {
//     if (c == 'x') return true;                       // replaced by ""
//     if (c == 'y') { *out = "yy"; return true; }
//     return false;                                    // kept as is
//   });

#ifndef TOKENFORGE_TOKENIZERS_NORMALIZERS_CHAR_TRANSFORM_H_
#define TOKENFORGE_TOKENIZERS_NORMALIZERS_CHAR_TRANSFORM_H_

#include <string>

#include "absl/functional/function_ref.h"
#include "tokenizers/normalized_string.h"

namespace tokenforge {

// Returns true when `c` must be replaced, after writing its replacement
// (possibly empty, which deletes it) to *out. *out is empty on entry.
using CharRewrite = absl::FunctionRef<bool(char32_t c, std::string* out)>;

// Applies `rewrite` to every valid character of text->normalized(). Leaves
// *text untouched (no allocation) when no character changes.
void TransformChars(NormalizedString* text, CharRewrite rewrite);

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_NORMALIZERS_CHAR_TRANSFORM_H_
