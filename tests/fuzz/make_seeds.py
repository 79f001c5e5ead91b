#!/usr/bin/env python3
"""Writes the hand-made seed inputs of tests/fuzz/corpus/<fuzzer>/seed_*.

Run from anywhere: python3 tests/fuzz/make_seeds.py. Inputs found by fuzzing
(crash-*, regression-*) live beside the seeds and are not touched.
"""

import base64
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def write(fuzzer, name, data):
    directory = os.path.join(HERE, "corpus", fuzzer)
    os.makedirs(directory, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(directory, "seed_" + name), "wb") as f:
        f.write(data)


def byte_level(s):
    """GPT-2's bytes_to_unicode applied to the UTF-8 bytes of s."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(0xA1, 0xAD)) + list(range(0xAE, 0x100))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    table = dict(zip(bs, map(chr, cs)))
    return "".join(table[b] for b in s.encode("utf-8"))


def tokenizer_json_seeds():
    vocab = {byte_level(chr(c)): i for i, c in enumerate(range(32, 127))}
    merges = [["t", "h"], ["th", "e"], [byte_level(" "), "t"]]
    for left, right in merges:
        vocab.setdefault(left + right, len(vocab))
    gpt2 = {
        "version": "1.0",
        "added_tokens": [{"id": 200, "content": "<|endoftext|>", "special": True,
                          "single_word": False, "lstrip": False, "rstrip": False,
                          "normalized": False}],
        "normalizer": None,
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False,
                          "trim_offsets": True, "use_regex": True},
        "model": {"type": "BPE", "vocab": vocab, "merges": [" ".join(m) for m in merges]},
        "post_processor": {"type": "ByteLevel", "trim_offsets": True},
        "decoder": {"type": "ByteLevel"},
        "truncation": {"max_length": 8, "stride": 2, "direction": "Right"},
        "padding": {"strategy": {"Fixed": 10}, "pad_id": 0, "pad_type_id": 0,
                    "direction": "Left", "pad_to_multiple_of": None},
    }
    write("tokenizer_json_fuzzer", "gpt2_bpe.json", json.dumps(gpt2, indent=1))

    bert = {
        "normalizer": {"type": "BertNormalizer", "clean_text": True,
                       "handle_chinese_chars": True, "strip_accents": None,
                       "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "model": {"type": "WordPiece", "unk_token": "[UNK]",
                  "continuing_subword_prefix": "##", "max_input_chars_per_word": 100,
                  "vocab": {"[PAD]": 0, "[UNK]": 1, "[CLS]": 2, "[SEP]": 3,
                            "hello": 4, "world": 5, "##s": 6, ",": 7}},
        "post_processor": {"type": "TemplateProcessing",
                           "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}},
                                      {"Sequence": {"id": "A", "type_id": 0}},
                                      {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
                           "pair": [{"Sequence": {"id": "A", "type_id": 0}},
                                    {"Sequence": {"id": "B", "type_id": 1}}],
                           "special_tokens": {"[CLS]": {"id": "[CLS]", "ids": [2], "tokens": ["[CLS]"]},
                                              "[SEP]": {"id": "[SEP]", "ids": [3], "tokens": ["[SEP]"]}}},
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
    }
    write("tokenizer_json_fuzzer", "bert_wordpiece.json", json.dumps(bert))

    unigram = {
        "normalizer": {"type": "Sequence", "normalizers": [
            {"type": "NFKC"}, {"type": "Replace", "pattern": {"String": " "}, "content": "\u2581"},
            {"type": "Prepend", "prepend": "\u2581"}]},
        "pre_tokenizer": {"type": "Metaspace", "replacement": "\u2581",
                          "prepend_scheme": "first", "split": True},
        "model": {"type": "Unigram", "unk_id": 0, "byte_fallback": False,
                  "vocab": [["<unk>", 0.0], ["\u2581", -1.0], ["a", -2.0], ["\u2581ab", -1.5]]},
        "decoder": {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "always",
                    "split": True},
    }
    write("tokenizer_json_fuzzer", "unigram_metaspace.json", json.dumps(unigram))

    split = {
        "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
            {"type": "Split", "pattern": {"Regex": "\\s+|\\d{1,3}"}, "behavior": "Isolated",
             "invert": False},
            {"type": "Digits", "individual_digits": True},
            {"type": "Punctuation", "behavior": "Contiguous"},
            {"type": "WhitespaceSplit"}]},
        "model": {"type": "BPE", "vocab": {"<unk>": 0, "a": 1, "b": 2, "ab": 3},
                  "merges": [["a", "b"]], "unk_token": "<unk>", "byte_fallback": False,
                  "continuing_subword_prefix": "##", "end_of_word_suffix": "</w>"},
        "decoder": {"type": "Sequence", "decoders": [
            {"type": "BPEDecoder", "suffix": "</w>"}, {"type": "Strip", "content": " ",
                                                        "start": 1, "stop": 0}]},
    }
    write("tokenizer_json_fuzzer", "split_sequence.json", json.dumps(split))
    write("tokenizer_json_fuzzer", "not_an_object.json", "[1, 2, {\"model\": null}]")
    write("tokenizer_json_fuzzer", "wrong_types.json",
          '{"model": {"type": "BPE", "vocab": [1], "merges": {"a": 1}},'
          ' "added_tokens": [{"id": "x"}], "truncation": {"max_length": -1}}')


def tiktoken_seeds():
    lines = [f"{base64.b64encode(bytes([b])).decode()} {b}" for b in range(256)]
    lines += [f"{base64.b64encode(t).decode()} {256 + i}"
              for i, t in enumerate([b"he", b"ll", b"hell", b"hello", b" w", b"\xe4\xb8"])]
    write("tiktoken_ranks_fuzzer", "bytes_and_merges.tiktoken", "\n".join(lines) + "\n")
    write("tiktoken_ranks_fuzzer", "crlf_and_gaps.tiktoken", "IQ== 0\r\nIg== 5\r\n\r\nIyM= 6\r\n")
    write("tiktoken_ranks_fuzzer", "bad_base64.tiktoken", "!!!! 0\nQQ== x\nQQ==\n")
    write("tiktoken_ranks_fuzzer", "duplicate.tiktoken", "QQ== 0\nQQ== 1\nQkI= 2147483647\n")


def merges_seeds():
    write("merges_txt_fuzzer", "gpt2.txt",
          "#version: 0.2\n\u0120 t\nh e\n\u0120t he\ni n\n\u0120 a\n")
    write("merges_txt_fuzzer", "crlf.txt", "a b\r\nab c\r\n\r\n")
    write("merges_txt_fuzzer", "bad_lines.txt", "#version: 0.2\na\n a b\na  b\nab \n")


def roundtrip_seeds():
    texts = [
        "Hello world, the thing's 123 testing\n\n  done",
        "caf\u00e9 \u4e2d\u6587 \U0001F600\U0001F600 emoji \u200d zwj",
        "<|endoftext|>the<pad> <|endoftext|>",
        "tabs\t\tand    spaces \r\n\u00a0nbsp\u3000",
    ]
    for i, text in enumerate(texts):
        for pipeline in range(5):
            write("roundtrip_fuzzer", f"text{i}_p{pipeline}", bytes([pipeline]) + text.encode())
    write("roundtrip_fuzzer", "invalid_utf8_special", bytes([0x81]) + b"\xff\xfe\xc3 \xe4\xb8 \xf0\x9f\x98")
    write("roundtrip_fuzzer", "invalid_utf8_re2", bytes([3]) + b"a\x80b \xed\xa0\x80 \xc0\xaf1234")


def decode_seeds():
    def ids(*values):
        return b"".join(v.to_bytes(2, "big") for v in values)
    for pipeline in range(9):
        write("decode_fuzzer", f"p{pipeline}", bytes([pipeline]) + ids(4, 5, 6, 7, 8, 260, 270))
        write("decode_fuzzer", f"p{pipeline}_skip_special",
              bytes([0x80 | pipeline]) + ids(280, 281, 10, 11, 12))
    write("decode_fuzzer", "out_of_range", bytes([1]) + ids(0, 0xFFFF, 0xFFFE, 3))
    write("decode_fuzzer", "odd_length", bytes([7]) + ids(3, 4) + b"\x01")


def known_patterns_seeds():
    texts = [
        "Hello world's  test\n\n  x  ",
        "I'LL 've 'S \u017f 123456 1,234.5 \U0001F600!! ...",
        "a\n  \r\n\t b\u00a0\u3000c\u2028",
        "\u4e2d\u6587\u0301e\u0301 \u0663\u0664 \u00bd",
    ]
    for i, text in enumerate(texts):
        for pattern in range(5):
            write("known_patterns_fuzzer", f"text{i}_pattern{pattern}",
                  bytes([pattern]) + text.encode())
    write("known_patterns_fuzzer", "invalid_utf8", bytes([1]) + b"a\xff 's\x80\x80 \xc3")


if __name__ == "__main__":
    tokenizer_json_seeds()
    tiktoken_seeds()
    merges_seeds()
    roundtrip_seeds()
    decode_seeds()
    known_patterns_seeds()
