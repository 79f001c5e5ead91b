"""Tests of the tokenforge Python bindings (bindings/python).

They check the bindings, not the algorithms again (STYLE.md 4.10): exact ids
for a tokenizer.json written here, str/bytes handling, byte offsets,
lossless round trips on random bytes, exception types, that the GIL is
released, and, when the shared vocabularies are present, cl100k_base against
the tiktoken goldens in tests/golden.

Run: PYTHONPATH=build/bindings/python /usr/bin/python3 -m pytest -q tests/python
"""

import codecs
import json
import os
import pickle
import random
import tempfile
import threading
import time
from pathlib import Path

import pytest

import tokenforge

try:
    import hypothesis
    import hypothesis.configuration
    from hypothesis import strategies as st
    # Hypothesis caches data (its Unicode tables) under ./.hypothesis; keep
    # that out of the source tree.
    hypothesis.configuration.set_hypothesis_home_dir(
        os.path.join(tempfile.gettempdir(), "tokenforge-hypothesis"))
except ImportError:  # python3-hypothesis is optional; seeded random instead.
    hypothesis = None

ROOT = Path(__file__).resolve().parents[2]
SHARED_DATA = Path(os.environ.get("TF_SHARED_DATA", ROOT.parent / "shared" / "data"))
CL100K = SHARED_DATA / "vocabs" / "tiktoken" / "cl100k_base.tiktoken"


def bytes_to_unicode():
    """GPT-2's byte -> printable character table."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(0xA1, 0xAD)) + list(range(0xAE, 0x100))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, map(chr, cs)))


BYTE_TO_CHAR = bytes_to_unicode()
EOT = 265  # "<|endoftext|>"

# A GPT-2 style byte-level BPE: id = byte value for the 256 bytes, then one
# id per merge. "hello" and " world" each merge to one token.
MERGES = [("h", "e"), ("l", "l"), ("he", "ll"), ("hell", "o"), ("\u0120", "w"),
          ("o", "r"), ("\u0120w", "or"), ("l", "d"), ("\u0120wor", "ld")]


def small_tokenizer_json():
    vocab = {BYTE_TO_CHAR[b]: b for b in range(256)}
    for i, (left, right) in enumerate(MERGES):
        vocab[left + right] = 256 + i
    byte_level = {"type": "ByteLevel", "add_prefix_space": False,
                  "trim_offsets": False, "use_regex": True}
    return json.dumps({
        "version": "1.0",
        "added_tokens": [{"id": EOT, "content": "<|endoftext|>", "special": True,
                          "single_word": False, "lstrip": False, "rstrip": False,
                          "normalized": False}],
        "normalizer": None,
        "pre_tokenizer": byte_level,
        "model": {"type": "BPE", "vocab": vocab,
                  "merges": [f"{l} {r}" for l, r in MERGES]},
        "post_processor": None,
        "decoder": byte_level,
    })


@pytest.fixture(scope="module")
def tok():
    return tokenforge.Tokenizer.from_json_str(small_tokenizer_json())


@pytest.fixture(scope="module")
def cl100k():
    if not CL100K.exists():
        pytest.skip(f"shared vocabulary {CL100K} is absent "
                    "(set TF_SHARED_DATA or check out ../shared/data)")
    return tokenforge.Tokenizer.from_file(CL100K)


# --- Exact encodings of the small tokenizer -------------------------------

def test_encode_exact_ids_tokens_offsets(tok):
    e = tok.encode("hello world")
    assert e.ids == [259, 264]
    assert e.tokens == ["hello", "\u0120world"]
    assert e.offsets == [(0, 5), (5, 11)]
    assert e.word_ids == [0, 1]
    assert e.attention_mask == [1, 1]
    assert e.special_tokens_mask == [0, 0]
    assert e.type_ids == [0, 0]
    assert len(e) == 2
    assert tok.encode_ids("hello world") == [259, 264]
    assert isinstance(e.ids, list) and all(type(i) is int for i in e.ids)


def test_offsets_are_utf8_byte_offsets(tok):
    text = "h\u00e9llo"  # "é" is 2 bytes: the string has 5 characters, 6 bytes.
    e = tok.encode(text)
    assert e.ids == [ord("h"), 0xC3, 0xA9, 257, ord("o")]
    assert e.offsets == [(0, 1), (1, 2), (2, 3), (3, 5), (5, 6)]
    raw = text.encode("utf-8")
    assert b"".join(raw[b:e_] for b, e_ in e.offsets) == raw


def test_str_and_bytes_give_the_same_encoding(tok):
    text = "hello w\u00f6rld \U0001F600"
    assert tok.encode_ids(text) == tok.encode_ids(text.encode("utf-8"))
    assert tok.encode(text).offsets == tok.encode(text.encode("utf-8")).offsets


def test_special_tokens_only_when_allowed(tok):
    text = "hello<|endoftext|>"
    assert tok.encode_ids(text, allow_special=True) == [259, EOT]
    assert tok.encode_ids(text) == [259] + list(b"<|endoftext|>")
    e = tok.encode(text, allow_special=True)
    assert e.special_tokens_mask == [0, 1]
    assert e.word_ids == [0, None]
    assert e.offsets[1] == (5, 18)
    assert tok.decode([259, EOT]) == text
    assert tok.decode([259, EOT], skip_special_tokens=True) == "hello"


def test_decode_and_decode_bytes(tok):
    assert tok.decode([259, 264]) == "hello world"
    # A token sequence cut inside "é": str gets U+FFFD, bytes stay exact.
    assert tok.decode([0xC3]) == "\ufffd"
    assert tok.decode_bytes([0xC3]) == b"\xc3"
    assert tok.decode([]) == ""


def test_vocabulary_lookups(tok):
    assert tok.vocab_size == 266
    assert tok.token_to_id("\u0120world") == 264
    assert tok.token_to_id(b"hello") == 259
    assert tok.token_to_id("nope") is None
    assert tok.id_to_token(259) == "hello"
    assert tok.id_to_token(EOT) == "<|endoftext|>"
    assert tok.id_to_token(266) is None
    assert tok.id_to_token(-1) is None
    assert tok.id_to_token(2**40) is None


def test_pre_tokenize_returns_the_input_type(tok):
    words = tok.pre_tokenize("hello world's")
    assert "".join(words) == "hello world's"
    assert all(isinstance(w, str) for w in words)
    raw = tok.pre_tokenize(b"hello \xff")
    assert all(isinstance(w, bytes) for w in raw)
    assert b"".join(raw) == b"hello \xff"


def test_encode_pair(tok):
    # No post-processor: the two encodings are concatenated, the pair's
    # type ids are 1 and its offsets are into the pair text (as in HF).
    e = tok.encode("hello", pair="world")
    assert e.ids == [259, ord("w"), 261, 263]
    assert e.type_ids == [0, 1, 1, 1]
    assert e.offsets == [(0, 5), (0, 1), (1, 3), (3, 5)]


# --- Round trips ------------------------------------------------------------

def check_round_trip(tok, data):
    assert tok.decode_bytes(tok.encode_ids(data)) == data
    e = tok.encode(data)
    assert b"".join(data[b:e_] for b, e_ in e.offsets) == data


def test_round_trip_random_bytes_seeded(tok):
    rng = random.Random(20240611)
    alphabet = list(b"hello world\n\t '") + [0xC3, 0xA9, 0xF0, 0x9F, 0x98, 0x80, 0xFF]
    for _ in range(500):
        n = rng.randrange(0, 64)
        if rng.random() < 0.5:
            data = bytes(rng.randrange(256) for _ in range(n))
        else:
            data = bytes(rng.choice(alphabet) for _ in range(n))
        check_round_trip(tok, data)


def test_round_trip_random_text_seeded(tok):
    rng = random.Random(7)
    pieces = ["hello", " world", "\u00e9", "\u4e2d\u6587", "\U0001F600", "\u200d", " ",
              "\n", "'s", "123", "<|endoftext|>"]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 12)))
        assert tok.decode(tok.encode_ids(text)) == text


if hypothesis is not None:
    # derandomize: the same examples every run (fixed seeds, STYLE.md 4.1);
    # database=None: no .hypothesis/ directory in the source tree.
    @hypothesis.settings(max_examples=300, deadline=None, database=None,
                         derandomize=True)
    @hypothesis.given(data=st.binary(max_size=128))
    def test_round_trip_hypothesis_bytes(tok, data):
        check_round_trip(tok, data)

    @hypothesis.settings(max_examples=300, deadline=None, database=None,
                         derandomize=True)
    @hypothesis.given(text=st.text(max_size=64))
    def test_round_trip_hypothesis_text(tok, text):
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:  # Lone surrogates are rejected (below).
            return
        assert tok.decode(tok.encode_ids(text)) == text


# --- Serialization ------------------------------------------------------------

def test_json_save_load_pickle_round_trips(tok, tmp_path):
    text = "hello world <|endoftext|> h\u00e9llo"
    expected = tok.encode_ids(text, allow_special=True)
    again = tokenforge.Tokenizer.from_json_str(tok.to_json_str())
    assert again.encode_ids(text, allow_special=True) == expected
    assert json.loads(tok.to_json_str())["model"]["type"] == "BPE"

    path = tmp_path / "tokenizer.json"
    tok.save(path)
    loaded = tokenforge.Tokenizer.from_file(path)
    assert loaded.encode_ids(text, allow_special=True) == expected
    assert tokenforge.Tokenizer.from_file(str(path)).vocab_size == tok.vocab_size

    unpickled = pickle.loads(pickle.dumps(tok))
    assert unpickled.encode_ids(text, allow_special=True) == expected


# --- Errors -------------------------------------------------------------------

def test_decode_out_of_range_is_value_error(tok):
    for bad in ([266], [9999], [-1], [2**40]):
        with pytest.raises(ValueError, match="outside the vocabulary"):
            tok.decode(bad)
    with pytest.raises(ValueError):
        tok.decode_bytes([259, 10**6])


def test_load_errors_map_to_python_exceptions(tmp_path):
    with pytest.raises(FileNotFoundError):
        tokenforge.Tokenizer.from_file(tmp_path / "missing" / "tokenizer.json")
    with pytest.raises(ValueError):
        tokenforge.Tokenizer.from_json_str("{not json")
    # kUnimplemented: NotImplementedError, which is a RuntimeError.
    with pytest.raises(NotImplementedError, match="NoSuchModel"):
        tokenforge.Tokenizer.from_json_str('{"model": {"type": "NoSuchModel"}}')
    assert issubclass(NotImplementedError, RuntimeError)
    with pytest.raises(ValueError):
        tokenforge.Tokenizer.from_json_str('{"model": {"type": "BPE", "vocab": [1]}}')
    bad = tmp_path / "tokenizer.json"
    bad.write_text('{"model": 17, "normalizer": null}')
    with pytest.raises(ValueError):
        tokenforge.Tokenizer.from_file(bad)


def test_wrong_argument_types(tok):
    with pytest.raises(TypeError):
        tok.encode(123)
    with pytest.raises(TypeError):
        tok.encode(bytearray(b"hello"))  # Mutable: not viewed without the GIL.
    with pytest.raises(TypeError):
        tok.encode_batch("hello")  # A single text is not a batch.
    with pytest.raises(TypeError, match=r"texts\[1\]"):
        tok.encode_ids_batch(["hello", 5])
    with pytest.raises(TypeError):
        tok.decode(["a"])
    with pytest.raises(UnicodeEncodeError):
        tok.encode("\ud800")


# --- Batches and threads -----------------------------------------------------

def test_batches_match_single_calls_for_any_thread_count(tok):
    rng = random.Random(3)
    texts = ["".join(rng.choice(["hello", " world", "\u00e9", " ", "x"])
                     for _ in range(rng.randrange(0, 30))) for _ in range(200)]
    texts.append(b"\xff\xfe bytes")
    expected = [tok.encode_ids(t) for t in texts]
    for threads in (1, 2, 3, 0):
        assert tok.encode_ids_batch(texts, num_threads=threads) == expected
        batch = tok.encode_batch(texts, num_threads=threads)
        assert [e.ids for e in batch] == expected
        assert [e.offsets for e in batch] == [tok.encode(t).offsets for t in texts]
    assert tok.encode_ids_batch(iter(["hello"])) == [[259]]
    assert tok.encode_ids_batch([]) == []


def test_encode_batch_from_two_python_threads(tok):
    texts = ["hello world " * (i % 17) + str(i) for i in range(2000)]
    expected = tok.encode_ids_batch(texts, num_threads=1)
    results, errors = {}, []

    def work(name):
        try:
            for _ in range(3):
                results[name] = [e.ids for e in tok.encode_batch(texts, num_threads=2)]
        except Exception as error:  # Reported below; a thread cannot raise.
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert results["a"] == expected and results["b"] == expected


def test_long_calls_release_the_gil(tok):
    # While another thread is inside encode_ids, this thread must keep
    # running Python code. With the GIL held, the largest gap between two of
    # our loop iterations would be the whole call.
    text = "hello world " * 20000
    start = time.perf_counter()
    tok.encode_ids(text)
    while time.perf_counter() - start < 0.3 and len(text) < 64_000_000:
        text += text
        start = time.perf_counter()
        tok.encode_ids(text)
    call = {}

    def work():
        begin = time.perf_counter()
        tok.encode_ids(text)
        call["seconds"] = time.perf_counter() - begin

    worker = threading.Thread(target=work)
    # Start the clock before start(): a worker holding the GIL from its
    # first instruction would otherwise finish before our loop begins.
    last, max_gap = time.perf_counter(), 0.0
    worker.start()
    while worker.is_alive():
        now = time.perf_counter()
        max_gap = max(max_gap, now - last)
        last = now
    worker.join()
    assert max_gap < 0.5 * call["seconds"], (max_gap, call["seconds"])


# --- cl100k_base (shared data) -----------------------------------------------

def test_cl100k_hello_world(cl100k):
    assert cl100k.encode_ids("Hello world") == [9906, 1917]
    e = cl100k.encode("Hello world")
    assert e.ids == [9906, 1917]
    assert e.offsets == [(0, 5), (5, 11)]
    assert cl100k.decode([9906, 1917]) == "Hello world"


def test_cl100k_special_tokens(cl100k):
    assert cl100k.encode_ids("<|endoftext|>", allow_special=True) == [100257]
    assert 100257 not in cl100k.encode_ids("<|endoftext|>")
    assert cl100k.token_to_id("<|endoftext|>") == 100257


def test_cl100k_matches_tiktoken_goldens(cl100k):
    lines = (ROOT / "tests/golden/tiktoken_cl100k_base/encode.tsv").read_bytes().splitlines()
    inputs, expected = [], []
    for line in lines:
        escaped, _, ids = line.partition(b"\t")
        inputs.append(codecs.escape_decode(escaped)[0])
        expected.append([int(i) for i in ids.split()])
    assert len(inputs) > 100
    assert cl100k.encode_ids_batch(inputs, num_threads=2) == expected
    for data, ids in zip(inputs, expected):
        assert cl100k.decode_bytes(ids) == data


def test_cl100k_round_trip_random_bytes(cl100k):
    rng = random.Random(11)
    for _ in range(200):
        data = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 100)))
        assert cl100k.decode_bytes(cl100k.encode_ids(data)) == data
