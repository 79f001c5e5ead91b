// vocab_learning/unigram_suffix_array.h
//
// Linear-time suffix array construction (SA-IS: Nong, Zhang and Chan,
// "Two Efficient Algorithms for Linear Time Suffix Array Construction",
// 2011) over an integer alphabet, for the Unigram trainer's seed pieces.
// It replaces a comparison sort of the suffixes, which was O(n log n)
// comparisons of up to max_piece_length characters and the largest serial
// step of seeding on CJK text. SortSuffixPrefixes is what seeding uses: it
// needs the suffixes ordered only on their first max_piece_length
// characters, so the text is sorted in two halves on two threads and
// merged. Internal to vocab_learning.
//
//   std::vector<int32_t> text = {2, 1, 2, 1, 0};   // values in [0, 3)
//   std::vector<int32_t> sa = SuffixArray(text, 3);  // {4, 3, 1, 2, 0}

#ifndef TOKENFORGE_VOCAB_LEARNING_UNIGRAM_SUFFIX_ARRAY_H_
#define TOKENFORGE_VOCAB_LEARNING_UNIGRAM_SUFFIX_ARRAY_H_

#include <cstdint>
#include <vector>

namespace tokenforge::internal {

// Returns the start positions of the suffixes of `text` in lexicographic
// order (a proper prefix sorts first). REQUIRES: every value in
// [0, alphabet_size), text.size() < 2^31.
std::vector<int32_t> SuffixArray(const std::vector<int32_t>& text, int32_t alphabet_size);

// Returns the positions p of `text` with text[p] != 0, ordered by their
// capped prefixes: the symbols from p up to max_length of them or up to the
// next 0, whichever comes first (a proper prefix sorts first). Positions
// with equal capped prefixes are adjacent, in an order fixed by the text
// alone. Large texts are cut in two at a 0, each half sorted by SA-IS on
// its own thread and the halves merged in parallel: the result never
// depends on num_threads. REQUIRES: every value in [0, alphabet_size),
// text.size() < 2^31, text empty or ending with 0.
std::vector<int32_t> SortSuffixPrefixes(const std::vector<int32_t>& text,
                                        int32_t alphabet_size, int max_length,
                                        int num_threads);

}  // namespace tokenforge::internal

#endif  // TOKENFORGE_VOCAB_LEARNING_UNIGRAM_SUFFIX_ARRAY_H_
