#!/usr/bin/env python3
# Writes an HF tokenizer.json for a BERT vocab.txt (the BertWordPieceTokenizer
# pipeline) so that the peers' Node HF binding can encode with it:
#   make_bert_json.py VOCAB_TXT OUT_JSON [--cased]
import json
import sys

vocab_path, out = sys.argv[1], sys.argv[2]
lower = "--cased" not in sys.argv
vocab = {}
with open(vocab_path, encoding="utf-8") as f:
    for i, line in enumerate(f):
        vocab[line.rstrip()] = i
specials = [t for t in ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] if t in vocab]
doc = {
    "version": "1.0", "truncation": None, "padding": None,
    "added_tokens": [{"id": vocab[t], "content": t, "single_word": False, "lstrip": False,
                      "rstrip": False, "normalized": False, "special": True} for t in specials],
    "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                   "strip_accents": None, "lowercase": lower},
    "pre_tokenizer": {"type": "BertPreTokenizer"},
    "post_processor": {"type": "BertProcessing", "sep": ["[SEP]", vocab["[SEP]"]],
                       "cls": ["[CLS]", vocab["[CLS]"]]},
    "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
    "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
              "max_input_chars_per_word": 100, "vocab": vocab},
}
with open(out, "w", encoding="utf-8") as f:
    json.dump(doc, f, ensure_ascii=False)
