// tokenizers/pre_tokenizers/known_patterns.cc
//
// The splitters follow each regex alternative by alternative, in order, and
// resolve the backtracking of the regex engine analytically; the comments
// give the reasoning for each case. They are checked against a backtracking
// matcher (tests/testing/backtracking_regex.h) on random adversarial text and
// against Node's RegExp on the shared corpora.
//
// Speed: every character is classified by one table load (ASCII) or one
// UTF-8 decode plus two table loads (UnicodeProps); runs of one class are
// scanned in tight loops. No piece is ever scanned more than a constant
// number of times, so the splitters are linear even where the regexes
// backtrack (o200k's "[..]*[..]+").

#include "tokenizers/pre_tokenizers/known_patterns.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

#include "common/utf8.h"
#include "tokenizers/unicode_props.h"

namespace tokenforge {
namespace {

// Character classes, as bits.
enum : uint8_t {
  kL = 1,      // \p{L}
  kN = 2,      // \p{N}
  kS = 4,      // \s
  kUp = 8,     // o200k [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]
  kLow = 16,   // o200k [\p{Ll}\p{Lm}\p{Lo}\p{M}]
  kCrLf = 32,  // \r or \n
};

// A character that is neither letter, number nor space: [^\s\p{L}\p{N}].
inline bool IsOther(uint8_t cls) { return (cls & (kL | kN | kS)) == 0; }
// [^\r\n\p{L}\p{N}], the optional prefix of the letter alternatives.
inline bool IsPrefix(uint8_t cls) { return (cls & (kL | kN | kCrLf)) == 0; }

uint8_t ClassOfInfo(uint8_t info) {
  const CategoryMask bit = CategoryMask{1}
                           << (info & UnicodeProps::kCategoryBits);
  uint8_t cls = 0;
  if (bit & kCategoryLetter) cls |= kL;
  if (bit & kCategoryNumber) cls |= kN;
  if (bit & kCategoryO200kUpper) cls |= kUp;
  if (bit & kCategoryO200kLower) cls |= kLow;
  if (info & UnicodeProps::kWhiteSpaceBit) cls |= kS;
  return cls;
}

struct Tables {
  std::array<uint8_t, 128> by_info;  // UnicodeProps::Info() -> class.
  std::array<uint8_t, 128> ascii;    // ASCII byte -> class.
};

const Tables& GetTables() {
  static const Tables tables = [] {
    Tables t;
    for (int i = 0; i < 128; ++i) t.by_info[i] = ClassOfInfo(uint8_t(i));
    const UnicodeProps& props = UnicodeProps::Get();
    for (int c = 0; c < 128; ++c) t.ascii[c] = t.by_info[props.Info(c)];
    t.ascii['\r'] |= kCrLf;
    t.ascii['\n'] |= kCrLf;
    return t;
  }();
  return tables;
}

struct Char {
  uint8_t cls;
  uint32_t len;
};

// The text being split, with the class lookups.
class Text {
 public:
  Text(absl::string_view text, const Tables& tables)
      : view_(text),
        s_(reinterpret_cast<const uint8_t*>(text.data())),
        n_(text.size()),
        tables_(tables),
        props_(UnicodeProps::Get()) {}

  size_t size() const { return n_; }
  uint8_t byte(size_t pos) const { return s_[pos]; }

  // REQUIRES: pos < size().
  Char At(size_t pos) const {
    const uint8_t b = s_[pos];
    if (b < 0x80) return {tables_.ascii[b], 1};
    return Slow(pos);
  }

  // Returns the end of the run of characters from `pos` whose class has a
  // bit of `mask` (kWant) or none (!kWant).
  template <uint8_t kMask, bool kWant>
  size_t Run(size_t pos) const {
    while (pos < n_) {
      const uint8_t b = s_[pos];
      if (b < 0x80) {
        if (((tables_.ascii[b] & kMask) != 0) != kWant) break;
        ++pos;
      } else {
        const Char c = Slow(pos);
        if (((c.cls & kMask) != 0) != kWant) break;
        pos += c.len;
      }
    }
    return pos;
  }

  // Returns the end of [\r\n]* (or [\r\n/]* with kSlash) from `pos`.
  template <bool kSlash>
  size_t RunCrLf(size_t pos) const {
    while (pos < n_ &&
           (s_[pos] == '\r' || s_[pos] == '\n' || (kSlash && s_[pos] == '/'))) {
      ++pos;
    }
    return pos;
  }

  // Returns the end of \p{N}{1,3} at `pos`. REQUIRES: a number at pos.
  size_t Numbers3(size_t pos) const {
    for (int i = 0; i < 3 && pos < n_; ++i) {
      const Char c = At(pos);
      if ((c.cls & kN) == 0) break;
      pos += c.len;
    }
    return pos;
  }

  // Returns the length of a contraction after an apostrophe at `pos` (the
  // "s" of "'s"), or 0. Case-insensitive matching includes U+017F LONG S,
  // which Unicode simple case folding maps to "s".
  size_t Contraction(size_t pos, bool ignore_case) const {
    if (pos >= n_) return 0;
    auto fold = [&](uint8_t x) -> uint8_t {
      return ignore_case && x >= 'A' && x <= 'Z' ? x + 32 : x;
    };
    const uint8_t c0 = fold(s_[pos]);
    if (c0 == 's' || c0 == 't' || c0 == 'm' || c0 == 'd') return 1;
    if (pos + 1 >= n_) return 0;
    if (ignore_case && c0 == 0xC5 && s_[pos + 1] == 0xBF) return 2;
    const uint8_t c1 = fold(s_[pos + 1]);
    if ((c0 == 'r' || c0 == 'v') && c1 == 'e') return 2;
    if (c0 == 'l' && c1 == 'l') return 2;
    return 0;
  }

 private:
  Char Slow(size_t pos) const {
    const DecodedChar d = DecodeUtf8(view_, pos);
    return {tables_.by_info[props_.Info(d.code_point)], d.length};
  }

  absl::string_view view_;
  const uint8_t* s_;
  size_t n_;
  const Tables& tables_;
  const UnicodeProps& props_;
};

// Appends pieces with the base offset applied.
class Emitter {
 public:
  Emitter(std::vector<ByteSpan>* pieces, uint32_t base)
      : pieces_(pieces), base_(base) {}
  void Emit(size_t begin, size_t end) {
    pieces_->push_back({base_ + static_cast<uint32_t>(begin),
                        base_ + static_cast<uint32_t>(end)});
  }

 private:
  std::vector<ByteSpan>* pieces_;
  uint32_t base_;
};

// "\s+(?!\S)|\s+" at `pos`, a whitespace character. Greedy \s+ takes the whole
// run; (?!\S) holds at the end of the text, else the engine gives back one
// character, after which the next character is the run's last (a space). A
// run of one character followed by \S fails the lookahead and falls to \s+.
// With kNewlines, "\s*[\r\n]+" comes first: \s* backtracks from the end of the
// run to its last \r or \n, so the match ends right after that character.
// With kTailRun, "\s++$" comes before that: a run reaching the end is one
// piece.
template <bool kNewlines, bool kTailRun>
size_t WhitespaceEnd(const Text& t, size_t pos) {
  size_t last = pos;         // Start of the run's last character.
  size_t after_newline = 0;  // End of the run's last \r or \n, if any.
  size_t q = pos;
  while (q < t.size()) {
    const Char c = t.At(q);
    if ((c.cls & kS) == 0) break;
    if (kNewlines && (c.cls & kCrLf)) after_newline = q + 1;
    last = q;
    q += c.len;
  }
  if (kTailRun && q == t.size()) return q;
  if (kNewlines && after_newline != 0) return after_newline;
  if (q == t.size() || last == pos) return q;
  return last;
}

// 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
void SplitGpt2(const Text& t, Emitter* out) {
  size_t pos = 0;
  while (pos < t.size()) {
    size_t end;
    size_t contraction;
    if (t.byte(pos) == '\'' &&
        (contraction = t.Contraction(pos + 1, /*ignore_case=*/false)) != 0) {
      end = pos + 1 + contraction;
    } else {
      // " ?" is taken whenever the next character is not a space: then one of
      // the three " ?X+" alternatives matches it.
      size_t p = pos;
      Char c = t.At(pos);
      if (t.byte(pos) == ' ' && pos + 1 < t.size()) {
        const Char next = t.At(pos + 1);
        if ((next.cls & kS) == 0) {
          p = pos + 1;
          c = next;
        }
      }
      if (c.cls & kL) {
        end = t.Run<kL, true>(p + c.len);
      } else if (c.cls & kN) {
        end = t.Run<kN, true>(p + c.len);
      } else if ((c.cls & kS) == 0) {
        end = t.Run<kL | kN | kS, false>(p + c.len);
      } else {
        end = WhitespaceEnd<false, false>(t, pos);
      }
    }
    out->Emit(pos, end);
    pos = end;
  }
}

// (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}|
//  ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+
// and, with kTailRun, the newest spelling whose "\s++$" precedes the
// whitespace alternatives.
template <bool kTailRun>
void SplitCl100k(const Text& t, Emitter* out) {
  size_t pos = 0;
  while (pos < t.size()) {
    size_t end;
    size_t contraction;
    const Char c = t.At(pos);
    if (t.byte(pos) == '\'' &&
        (contraction = t.Contraction(pos + 1, /*ignore_case=*/true)) != 0) {
      end = pos + 1 + contraction;
    } else if (c.cls & kL) {
      end = t.Run<kL, true>(pos + c.len);
    } else if (IsPrefix(c.cls) && pos + c.len < t.size() &&
               (t.At(pos + c.len).cls & kL)) {
      end = t.Run<kL, true>(pos + c.len);
    } else if (c.cls & kN) {
      end = t.Numbers3(pos);
    } else if (IsOther(c.cls)) {
      end = t.RunCrLf<false>(t.Run<kL | kN | kS, false>(pos + c.len));
    } else if (t.byte(pos) == ' ' && pos + 1 < t.size() &&
               IsOther(t.At(pos + 1).cls)) {
      end = t.RunCrLf<false>(t.Run<kL | kN | kS, false>(pos + 1));
    } else {
      end = WhitespaceEnd<true, kTailRun>(t, pos);
    }
    out->Emit(pos, end);
    pos = end;
  }
}

// Returns the end of "(?i:'s|'t|'re|'ve|'m|'ll|'d)?" at `pos`.
size_t OptionalContraction(const Text& t, size_t pos) {
  if (pos >= t.size() || t.byte(pos) != '\'') return pos;
  const size_t contraction = t.Contraction(pos + 1, /*ignore_case=*/true);
  return contraction == 0 ? pos : pos + 1 + contraction;
}

// o200k's first letter alternative after its optional prefix:
// [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|...)?
// at `pos`. Returns the end, or 0 when it does not match. The greedy "Up*"
// takes the whole run of Up characters, then gives them back one at a time
// until "Low+" can start: at the character after the run (which must then be
// Ll) or, failing that, at the run's last character that is also Low
// (Lm, Lo or M). Low+ then runs greedily; the contraction is optional.
size_t O200kLowerAlt(const Text& t, size_t pos) {
  size_t q = pos;
  size_t last_both = SIZE_MAX;  // Last character in Up that is also Low.
  while (q < t.size()) {
    const Char c = t.At(q);
    if ((c.cls & kUp) == 0) break;
    if (c.cls & kLow) last_both = q;
    q += c.len;
  }
  size_t low_start;
  if (q < t.size() && (t.At(q).cls & kLow)) {
    low_start = q;
  } else if (last_both != SIZE_MAX) {
    low_start = last_both;
  } else {
    return 0;
  }
  return OptionalContraction(t, t.Run<kLow, true>(low_start));
}

// o200k's second letter alternative:
// [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|...)?
// at `pos`. Both runs are greedy and nothing after them can fail, so no
// backtracking happens. Returns the end, or 0.
size_t O200kUpperAlt(const Text& t, size_t pos) {
  if ((t.At(pos).cls & kUp) == 0) return 0;
  return OptionalContraction(t, t.Run<kLow, true>(t.Run<kUp, true>(pos)));
}

// Tries o200k's two letter alternatives at `pos` in the engine's order: each
// first with the optional [^\r\n\p{L}\p{N}] prefix taken, then without.
// Returns the end, or 0.
size_t O200kLetters(const Text& t, size_t pos, Char c) {
  const bool prefix = IsPrefix(c.cls) && pos + c.len < t.size();
  size_t end = 0;
  if (prefix && (end = O200kLowerAlt(t, pos + c.len)) != 0) return end;
  if ((c.cls & (kUp | kLow)) && (end = O200kLowerAlt(t, pos)) != 0) return end;
  if (prefix && (end = O200kUpperAlt(t, pos + c.len)) != 0) return end;
  if (c.cls & kUp) return O200kUpperAlt(t, pos);
  return 0;
}

// [^\r\n\p{L}\p{N}]?[Up]*[Low]+(?i:'s|..)?|[^\r\n\p{L}\p{N}]?[Up]+[Low]*
// (?i:'s|..)?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+
void SplitO200k(const Text& t, Emitter* out) {
  size_t pos = 0;
  while (pos < t.size()) {
    const Char c = t.At(pos);
    size_t end = O200kLetters(t, pos, c);
    if (end != 0) {
      // Matched a letter alternative.
    } else if (c.cls & kN) {
      end = t.Numbers3(pos);
    } else if (IsOther(c.cls)) {
      end = t.RunCrLf<true>(t.Run<kL | kN | kS, false>(pos + c.len));
    } else if (t.byte(pos) == ' ' && pos + 1 < t.size() &&
               IsOther(t.At(pos + 1).cls)) {
      end = t.RunCrLf<true>(t.Run<kL | kN | kS, false>(pos + 1));
    } else {
      end = WhitespaceEnd<true, false>(t, pos);
    }
    out->Emit(pos, end);
    pos = end;
  }
}

constexpr absl::string_view kGpt2Regex =
    R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";
constexpr absl::string_view kCl100kRegex =
    R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";
constexpr absl::string_view kCl100kPossessiveRegex =
    R"('(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s)";
constexpr absl::string_view kO200kRegex =
    R"([^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+)";

// js-tiktoken writes "(?i:'s|...)" out, since JS RegExp lacks inline flags.
constexpr absl::string_view kJsContractions =
    R"(('s|'S|'t|'T|'re|'rE|'Re|'RE|'ve|'vE|'Ve|'VE|'m|'M|'ll|'lL|'Ll|'LL|'d|'D))";

struct Spelling {
  absl::string_view regex;
  KnownPattern pattern;
};

// Replaces every "(?i:...)" group of `regex` by js-tiktoken's spelled-out
// contractions.
std::string JsSpelling(absl::string_view regex) {
  std::string out(regex);
  for (size_t at; (at = out.find("(?i:")) != std::string::npos;) {
    out.replace(at, out.find(')', at) + 1 - at, std::string(kJsContractions));
  }
  return out;
}

const std::vector<Spelling>& Spellings() {
  static const std::string* const js_cl100k =
      new std::string(JsSpelling(kCl100kRegex));
  static const std::string* const js_o200k =
      new std::string(JsSpelling(kO200kRegex));
  static const std::vector<Spelling>* const spellings = new std::vector<
      Spelling>{
      {kGpt2Regex, KnownPattern::kGpt2},
      {R"('(?:[sdmt]|ll|ve|re)| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)",
       KnownPattern::kGpt2},
      {R"('(?:[sdmt]|ll|ve|re)| ?\p{L}++| ?\p{N}++| ?[^\s\p{L}\p{N}]++|\s++$|\s+(?!\S)|\s)",
       KnownPattern::kGpt2},
      {kCl100kRegex, KnownPattern::kCl100k},
      {R"('(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]++[\r\n]*|\s*[\r\n]|\s+(?!\S)|\s+)",
       KnownPattern::kCl100k},
      {*js_cl100k, KnownPattern::kCl100k},
      {kCl100kPossessiveRegex, KnownPattern::kCl100kPossessive},
      {kO200kRegex, KnownPattern::kO200k},
      {*js_o200k, KnownPattern::kO200k},
  };
  return *spellings;
}

}  // namespace

absl::string_view KnownPatternRegex(KnownPattern pattern) {
  switch (pattern) {
    case KnownPattern::kGpt2:
      return kGpt2Regex;
    case KnownPattern::kCl100k:
    case KnownPattern::kLlama3:
      return kCl100kRegex;
    case KnownPattern::kCl100kPossessive:
      return kCl100kPossessiveRegex;
    case KnownPattern::kO200k:
      return kO200kRegex;
  }
  return kGpt2Regex;
}

std::optional<KnownPattern> RecognizeKnownPattern(absl::string_view regex) {
  for (const Spelling& spelling : Spellings()) {
    if (spelling.regex == regex) return spelling.pattern;
  }
  return std::nullopt;
}

void SplitKnownPattern(KnownPattern pattern, absl::string_view text,
                       std::vector<ByteSpan>* pieces, uint32_t base) {
  const Text t(text, GetTables());
  Emitter out(pieces, base);
  switch (pattern) {
    case KnownPattern::kGpt2:
      SplitGpt2(t, &out);
      return;
    case KnownPattern::kCl100k:
    case KnownPattern::kLlama3:
      SplitCl100k</*kTailRun=*/false>(t, &out);
      return;
    case KnownPattern::kCl100kPossessive:
      SplitCl100k</*kTailRun=*/true>(t, &out);
      return;
    case KnownPattern::kO200k:
      SplitO200k(t, &out);
      return;
  }
}

}  // namespace tokenforge
