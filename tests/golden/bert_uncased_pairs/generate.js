// Regenerates tests/golden/bert_uncased_pairs/encode.tsv with HF tokenizers
// 0.23.2 (Node binding): bert-base-uncased's vocab.txt (shared data) with
// BertNormalizer + BertPreTokenizer + WordPiece + BertProcessing +
// WordPiece decoder, on seeded random sentence pairs.
//
//   NODE_PATH=/tmp/peers-node/node_modules node generate.js \
//       ../../../../shared/data/vocabs/bert-base-uncased/vocab.txt
//
// Line: a \t b \t ids \t type ids \t special mask \t offsets \t decoded,
// where a, b and decoded are written with 3-digit octal escapes for bytes
// outside printable ASCII (absl::CUnescape reads them), offsets are byte
// offsets "begin,end" into a or b, and decoding skips special tokens.
'use strict';
const fs = require('fs');
const path = require('path');
const t = require('tokenizers');

let state = 424242;
function next() {
  state ^= state << 13; state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5; state >>>= 0;
  return state;
}
const below = (n) => next() % n;

const WORDS = ['the', 'The', 'cat', 'sat', 'on', 'mat', 'running', 'unbelievable', 'tokenizer',
  "don't", "isn't", 'Hello', 'WORLD', 'naïve', 'café', 'Crème', 'brûlée', 'São', 'Paulo', 'İstanbul',
  'straße', 'Ünïcödé', 'ﬁne', '１２３', 'ｆｕｌｌ', '東京', '中国人', '한국어', 'こんにちは', 'Москва',
  'ελληνικά', 'مرحبا', 'שלום', '😀', '👩‍💻', '3.14', '42', '(x)', '"quoted"', 'e-mail', 'a,b',
  'end.', '?!', '...', '\u00ad', '\u200b', '\t', 'x\u0301', 'Ǆ', 'K'];
function sentence() {
  const words = [];
  for (let n = below(12) + 1; n > 0; --n) words.push(WORDS[below(WORDS.length)]);
  return words.join(below(5) === 0 ? '  ' : ' ');
}
function escape(s) {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    out += (b >= 0x20 && b <= 0x7e && b !== 0x5c && b !== 0x22 && b !== 0x27)
        ? String.fromCharCode(b) : '\\' + b.toString(8).padStart(3, '0');
  }
  return out;
}
function byteOffsets(s, [a, b]) {
  const pre = [0];
  for (const c of Array.from(s)) pre.push(pre[pre.length - 1] + Buffer.byteLength(c));
  return [pre[a], pre[b]];
}

(async () => {
  const model = await t.WordPiece.fromFile(process.argv[2], {unkToken: '[UNK]'});
  const tok = new t.Tokenizer(model);
  tok.setNormalizer(t.bertNormalizer({lowercase: true}));
  tok.setPreTokenizer(t.bertPreTokenizer());
  tok.setPostProcessor(t.bertProcessing(['[SEP]', 102], ['[CLS]', 101]));
  tok.setDecoder(t.wordPieceDecoder('##', true));
  const lines = [];
  for (let i = 0; i < 300; ++i) {
    const a = sentence();
    const b = sentence();
    const e = await tok.encode(a, b);
    const seq = e.getSequenceIds();
    const offsets = e.getOffsets().map((o, k) =>
        seq[k] === 0 ? byteOffsets(a, o) : seq[k] === 1 ? byteOffsets(b, o) : o);
    lines.push([escape(a), escape(b), e.getIds().join(' '), e.getTypeIds().join(' '),
                e.getSpecialTokensMask().join(' '), offsets.map((o) => o.join(',')).join(' '),
                escape(await tok.decode(e.getIds(), true))].join('\t'));
  }
  fs.writeFileSync(path.join(__dirname, 'encode.tsv'), lines.join('\n') + '\n');
})();
