#!/usr/bin/python3
# Writes tests/golden/spm_<model>/encode.tsv: generated texts (mixed scripts,
# whitespace runs, control and compatibility characters, user symbols) and
# their ids from python3-sentencepiece (Debian, 0.1.97), one case per line as
# <C-escaped input>\t<space-separated ids>. Run from the repository root:
#   /usr/bin/python3 tests/tokenizers/spm/make_spm_golden.py
import os
import random
import sentencepiece as spm

MODELS = ["llama2_tokenizer", "albert_spiece", "spm_botchan_unigram1000"]
VOCABS = "/work/shared/data/vocabs/sentencepiece"

POOLS = [
    "abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "0123456789",
    " ", "  ", "\t", "\r", ".,;:!?'\"()[]{}<>-_/\\@#$%^&*+=|~`",
    "éèêëàâäôöûüçñßÆØÅæøå", "e\u0301a\u0300o\u0308",  # combining marks
    "中文字符漢字日本語", "ひらがなカタカナ", "한국어", "Ελληνικά", "русский",
    "ﬁﬂ①②Ⅻ㍻ｶﾀｶﾅＡＢＣ１２３", "\u3000\u00a0\u2009\u200b\ufeff",
    "😀🎉👍🏽👨\u200d👩\u200d👧", "\x01\x02\x7f\u0085", "▁", "\ufffd",
    "<s></s><unk><pad>[CLS]<0x41>",
]


def escape(s):
    out = []
    for b in s.encode("utf-8"):
        c = chr(b)
        if c == "\\":
            out.append("\\\\")
        elif c == "\t":
            out.append("\\t")
        elif c == "\n":
            out.append("\\n")
        elif c == "\r":
            out.append("\\r")
        elif c == '"':
            out.append('\\"')
        elif c == "'":
            out.append("\\'")
        elif 32 <= b < 127:
            out.append(c)
        else:
            out.append("\\%03o" % b)
    return "".join(out)


def texts(rng, n):
    fixed = ["", " ", "   ", "Hello world", " Hello  world ", "unaffable",
             "I saw a girl with a telescope.", "吾輩は猫である。", "ﬁve ①",
             "a\u3000b", "\ufeffBOM", "x\r", "tab\there"]
    out = list(fixed)
    while len(out) < n:
        k = rng.randint(1, 12)
        out.append("".join(rng.choice(rng.choice(POOLS)) * rng.choice([1, 1, 1, 2])
                           for _ in range(k)))
    return out


def main():
    rng = random.Random(20240603)
    cases = texts(rng, 400)
    for m in MODELS:
        sp = spm.SentencePieceProcessor(model_file=os.path.join(VOCABS, m + ".model"))
        d = os.path.join("tests/golden", "spm_" + m)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "encode.tsv"), "w", encoding="utf-8") as f:
            for t in cases:
                ids = sp.encode(t)
                f.write(escape(t) + "\t" + " ".join(map(str, ids)) + "\n")


if __name__ == "__main__":
    main()
