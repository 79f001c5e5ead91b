#!/usr/bin/env python3
"""gen_inputs.py OUT [N] [SEED]: writes N adversarial test texts, C-escaped.

The texts are generated here (no corpus text is copied): fragments chosen to
stress the GPT-2 / cl100k / o200k / Llama-3 split rules and byte-level BPE:
contractions in both cases, digit runs, whitespace runs of every kind before
letters and at line ends, punctuation runs, CJK, Hangul, combining marks,
emoji with ZWJ, title-case and modifier letters, and mixed scripts. One case
per line, escaped like absl::CEscape so tests can read them byte for byte.
"""
import random
import sys

FRAGMENTS = [
    "Hello", "world", "the", "The", "THE", "don't", "DON'T", "I'm", "we're",
    "you've", "he'll", "she'd", "it's", "IT'S", "'s", "'S", "'ll", "'Ll", "'ve",
    "'re", "'d", "'m", "'t", "x'y", "''", "123", "4567", "1234567", "3.14159",
    "0x1F", "v2.0", "١٢٣", "५६", "Ⅻ", "½", " ", "  ", "   ", "\t", "\n", "\r\n",
    "\n\n", " \n", "\t\n ", "\u00a0", "\u2009", "\u3000", "\u200b", ".", ",", "!?",
    "...", "--", "->", "==", "(", ")", "[]", "{}", "/*", "*/", "//", "#", "@", "$",
    "%", "&&", "||", "\\", "\"", "'", "`", "~", "^", "_", "__init__", "snake_case",
    "CamelCase", "HTTPServer", "naïve", "café", "Ñandú", "e\u0301", "a\u0308\u0304",
    "ǅungla", "ǈ", "ʰ", "ᵃ", "ß", "ẞ", "İstanbul", "ﬁ", "Ωmega", "Привет",
    "мир", "Ελληνικά", "עברית", "العربية", "हिन्दी", "ภาษาไทย", "日本語",
    "東京", "ひらがな", "カタカナ", "中文", "漢字", "한국어", "안녕하세요",
    "😀", "👍🏽", "👨\u200d👩\u200d👧", "🇯🇵", "♥", "™", "©", "€100", "£", "¥",
    "→", "∑", "√2", "∞", "\u00ad", "\ufeff", "<|endoftext|>", "<s>", "</s>",
]


def c_escape(data: bytes) -> str:
    out = []
    for b in data:
        c = chr(b)
        if c == "\n":
            out.append("\\n")
        elif c == "\r":
            out.append("\\r")
        elif c == "\t":
            out.append("\\t")
        elif c == '"':
            out.append('\\"')
        elif c == "'":
            out.append("\\'")
        elif c == "\\":
            out.append("\\\\")
        elif 0x20 <= b < 0x7F:
            out.append(c)
        else:
            out.append("\\%03o" % b)
    return "".join(out)


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 400
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 20261204)
    cases = list(FRAGMENTS)
    while len(cases) < n:
        k = rng.randint(2, 12)
        cases.append("".join(rng.choice(FRAGMENTS) for _ in range(k)))
    with open(out, "w") as f:
        for c in cases[:n]:
            f.write(c_escape(c.encode("utf-8")) + "\n")


if __name__ == "__main__":
    main()
