// Regenerates tests/golden/normalizers/*.tsv and tests/golden/decoders/*.tsv
// from HF tokenizers (the npm Node binding, 0.23.2):
//
//   NODE_PATH=/tmp/peers-node/node_modules node generate_hf_golden.js
//
// Each line is "<escaped input>\t<escaped output>", where bytes outside
// printable ASCII (and \ " ') are written as 3-digit octal escapes, which
// absl::CUnescape reads back. Inputs are seeded random mixed-script strings
// drawn from characters assigned since Unicode 9 or earlier, so that the
// Unicode versions of HF's tables and of ICU 72 agree on them.
'use strict';
const fs = require('fs');
const path = require('path');
const t = require('tokenizers');

// xorshift32 with a fixed seed: the same inputs on every run.
let state = 20261204;
function next() {
  state ^= state << 13; state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5; state >>>= 0;
  return state;
}
function below(n) { return next() % n; }

const POOLS = [
  [[0x20, 0x7e]], [[0x20, 0x7e]], [[0x09, 0x0a]],
  [[0x300, 0x36f], [0x20d0, 0x20f0], [0x0903, 0x0903]],
  [[0xc0, 0x17f], [0x1e00, 0x1eff]],
  [[0xac00, 0xd7a3], [0x1100, 0x1112], [0x1161, 0x1175], [0x11a8, 0x11c2]],
  [[0x4e00, 0x9fcc], [0x3400, 0x4db5], [0x3040, 0x30ff], [0xf900, 0xfad9]],
  [[0x600, 0x61c], [0x61e, 0x6ff], [0xfb50, 0xfbc1], [0xfe70, 0xfe74], [0xfe76, 0xfefc]],
  [[0xfb00, 0xfb06], [0xff01, 0xff5e], [0x2460, 0x24ff], [0x3300, 0x33ff],
   [0x2000, 0x200f], [0x2028, 0x202f], [0x3000, 0x3000], [0xa0, 0xbf],
   [0x130, 0x130], [0x3a3, 0x3a3], [0x391, 0x3a1], [0x3a3, 0x3ce], [0x212a, 0x212b],
   [0x80, 0x9f], [0xfffd, 0xfffd], [0xe000, 0xe010], [0x1, 0x8]],
  [[0x1f600, 0x1f64f], [0x1f300, 0x1f3ff]],
];

function randomString(maxChars) {
  let s = '';
  const n = below(maxChars + 1);
  for (let i = 0; i < n; ++i) {
    const pool = POOLS[below(POOLS.length)];
    const [lo, hi] = pool[below(pool.length)];
    s += String.fromCodePoint(lo + below(hi - lo + 1));
    if (below(8) === 0) s += '\u200d';
  }
  return s;
}

function escape(bytes) {
  let out = '';
  for (const b of bytes) {
    if (b >= 0x20 && b <= 0x7e && b !== 0x5c && b !== 0x22 && b !== 0x27) {
      out += String.fromCharCode(b);
    } else {
      out += '\\' + b.toString(8).padStart(3, '0');
    }
  }
  return out;
}
const esc = (s) => escape(Buffer.from(s, 'utf8'));

function write(dir, name, lines) {
  fs.writeFileSync(path.join(__dirname, '..', dir, name + '.tsv'), lines.join('\n') + '\n');
}

const inputs = [];
for (let i = 0; i < 400; ++i) inputs.push(randomString(16));

const NORMALIZERS = {
  nfc: t.nfcNormalizer(), nfd: t.nfdNormalizer(), nfkc: t.nfkcNormalizer(),
  nfkd: t.nfkdNormalizer(), lowercase: t.lowercase(),
  strip_accents: t.stripAccentsNormalizer(), strip: t.stripNormalizer(true, true),
  bert_default: t.bertNormalizer(),
  bert_strip_no_lower: t.bertNormalizer({lowercase: false, stripAccents: true}),
  replace_space: t.replace(' ', '\u2581'), prepend: t.prependNormalizer('\u2581'),
  nfkd_strip_lower: t.sequenceNormalizer([t.nfkdNormalizer(), t.stripAccentsNormalizer(),
                                          t.lowercase()]),
};
// Regex patterns are only reachable through tokenizer.json in the binding.
function fromJson(normalizer) {
  const json = {version: '1.0', truncation: null, padding: null, added_tokens: [], normalizer,
                pre_tokenizer: null, post_processor: null, decoder: null,
                model: {type: 'WordLevel', vocab: {a: 0}, unk_token: 'a'}};
  return t.Tokenizer.fromString(JSON.stringify(json)).getNormalizer();
}
NORMALIZERS.regex_spaces =
    fromJson({type: 'Replace', pattern: {Regex: '\\s+'}, content: '\u2581'});
NORMALIZERS.regex_digits = fromJson({type: 'Replace', pattern: {Regex: '\\d'}, content: '0'});
NORMALIZERS.regex_words = fromJson({type: 'Replace', pattern: {Regex: '\\w+'}, content: 'w'});
NORMALIZERS.regex_class =
    fromJson({type: 'Replace', pattern: {Regex: '[\\s\\d]+|x*'}, content: '|'});
for (const [name, n] of Object.entries(NORMALIZERS)) {
  write('normalizers', name, inputs.map((s) => esc(s) + '\t' + esc(n.normalizeString(s))));
}

// Decoders: token lists joined with U+001F (unit separator) in the input.
const DECODERS = {
  metaspace: t.metaspaceDecoder('\u2581', 'always', true),
  metaspace_never: t.metaspaceDecoder('\u2581', 'never', true),
  wordpiece: t.wordPieceDecoder('##', true),
  bpe: t.bpeDecoder('</w>'),
  ctc: t.ctcDecoder('<pad>', '|', true),
  strip: t.stripDecoder('\u2581', 1, 0),
  llama: t.sequenceDecoder([t.replaceDecoder('\u2581', ' '), t.byteFallbackDecoder(),
                            t.fuseDecoder(), t.stripDecoder(' ', 1, 0)]),
};
const PIECES = ['\u2581', '##', '</w>', '<pad>', '|', ' ', '.', ',', "'", "n't", 'do',
                ' not', '<0x41>', '<0xC3>', '<0xA9>', '<0xE5>', '<0x8F>', '<0xAB>'];
function randomTokens() {
  const tokens = [];
  for (let n = below(7); n > 0; --n) {
    let tok = '';
    for (let k = below(3) + 1; k > 0; --k) {
      tok += below(2) === 0 ? PIECES[below(PIECES.length)] : randomString(2);
    }
    // HF's Strip decoder panics on some short tokens; keep them non-empty.
    tokens.push(tok === '' ? 'x' : tok);
  }
  return tokens;
}
const tokenLists = [];
for (let i = 0; i < 300; ++i) tokenLists.push(randomTokens());
for (const [name, d] of Object.entries(DECODERS)) {
  const lines = [];
  for (const tokens of tokenLists) {
    const out = d.decode(tokens);
    // HF prints U+FFFD for invalid bytes where tokenforge keeps the bytes;
    // such cases are left out of the golden file.
    if (out.includes('\ufffd')) continue;
    lines.push(esc(tokens.join('\u001f')) + '\t' + esc(out));
  }
  write('decoders', name, lines);
}
