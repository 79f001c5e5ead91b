// tests/golden/pretok_hf/generate.js
//
// Regenerates <case>.tsv from HF tokenizers' Node binding (npm tokenizers
// 0.23, see /work/shared/peers): random strings from an adversarial alphabet
// pre-tokenized by each HF pre-tokenizer. The first line of a file is
//   #config TAB <the tokenizer.json "pre_tokenizer" object>
// and every other line
//   <absl::CEscape-compatible input> TAB <JSON [[piece, begin, end], ...]>
// where piece is the pre-tokenized text (ByteLevel's "Ġ" alphabet mapped back
// to raw bytes, since tokenforge's ByteLevel only splits) and begin/end are
// UTF-8 byte offsets into the input. Run: NODE_PATH=<peers>/node/node_modules
// node generate.js (from this directory). Fixed seed.
'use strict';
const fs = require('fs');
const path = require('path');
const t = require('tokenizers');

const ALPHABET = [
  'a', 'b', 'Z', 'x', 'e', '0', '7', '12', '!', ',', '.', '-', '$', '_', "'",
  '(', '"', '/', '▁', '▁', ' ', ' ', ' ', ' ', '  ', '\t', '\n', '\r\n',
  '\u00A0', '\u3000', '\u2009', '\u0301', '\u4E2D', '\u00E9', '\u00B2',
  '\u00BD', '\u2163', '\u24B6', '\u200D', '\u0663', '\u{1F600}', '\u00BF',
  '\u2014', '\u00AB', '\u3002', '\u30FC', '\u0085', '\uFEFF', '\u200B',
];

let state = 42n;
const MASK = (1n << 64n) - 1n;
function next() {  // SplitMix64, as common/random.h.
  state = (state + 0x9e3779b97f4a7c15n) & MASK;
  let z = state;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK;
  return z ^ (z >> 31n);
}
const below = (n) => Number(next() % BigInt(n));

function cEscape(text) {
  let out = '';
  for (const b of Buffer.from(text, 'utf8')) {
    if (b === 0x0a) out += '\\n';
    else if (b === 0x0d) out += '\\r';
    else if (b === 0x09) out += '\\t';
    else if (b === 0x5c) out += '\\\\';
    else if (b === 0x22) out += '\\"';
    else if (b === 0x27) out += "\\'";
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += '\\' + b.toString(8).padStart(3, '0');
  }
  return out;
}

// GPT-2's bytes_to_unicode, inverted.
const unicodeToByte = new Map();
{
  const bs = [];
  for (let b = 33; b <= 126; ++b) bs.push(b);
  for (let b = 161; b <= 172; ++b) bs.push(b);
  for (let b = 174; b <= 255; ++b) bs.push(b);
  const cs = [...bs];
  let n = 0;
  for (let b = 0; b < 256; ++b) {
    if (!bs.includes(b)) { bs.push(b); cs.push(256 + n++); }
  }
  bs.forEach((b, i) => unicodeToByte.set(String.fromCodePoint(cs[i]), b));
}
const unmapBytes = (s) =>
  Buffer.from(Array.from(s).map((c) => unicodeToByte.get(c))).toString('utf8');

const B = (s) => s;  // Behavior names: JSON spelling -> binding spelling.
const binding = {Removed: 'removed', Isolated: 'isolated',
  MergedWithPrevious: 'mergedWithPrevious', MergedWithNext: 'mergedWithNext',
  Contiguous: 'contiguous'};

const CASES = {
  byte_level: [{type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true},
               () => t.byteLevelPreTokenizer(false, true), true],
  byte_level_prefix: [{type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true},
                      () => t.byteLevelPreTokenizer(true, true), true],
  byte_level_no_regex: [{type: 'ByteLevel', add_prefix_space: true, trim_offsets: false, use_regex: false},
                        () => t.byteLevelPreTokenizer(true, false), true],
  whitespace: [{type: 'Whitespace'}, () => t.whitespacePreTokenizer()],
  whitespace_split: [{type: 'WhitespaceSplit'}, () => t.whitespaceSplitPreTokenizer()],
  bert: [{type: 'BertPreTokenizer'}, () => t.bertPreTokenizer()],
  digits: [{type: 'Digits', individual_digits: false}, () => t.digitsPreTokenizer(false)],
  digits_individual: [{type: 'Digits', individual_digits: true}, () => t.digitsPreTokenizer(true)],
  metaspace: [{type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true},
              () => t.metaspacePreTokenizer('▁', 'always', true)],
  metaspace_first_nosplit: [{type: 'Metaspace', replacement: '▁', prepend_scheme: 'first', split: false},
                            () => t.metaspacePreTokenizer('▁', 'first', false)],
  metaspace_never: [{type: 'Metaspace', replacement: '▁', prepend_scheme: 'never', split: true},
                    () => t.metaspacePreTokenizer('▁', 'never', true)],
  sequence_split_metaspace_first: [
    {type: 'Sequence', pretokenizers: [{type: 'WhitespaceSplit'},
      {type: 'Metaspace', replacement: '▁', prepend_scheme: 'first', split: true}]},
    () => t.sequencePreTokenizer([t.whitespaceSplitPreTokenizer(),
                                  t.metaspacePreTokenizer('▁', 'first', true)])],
  sequence_punct_bytelevel: [
    {type: 'Sequence', pretokenizers: [{type: 'Punctuation', behavior: 'MergedWithNext'},
      {type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true}]},
    () => t.sequencePreTokenizer([t.punctuationPreTokenizer('mergedWithNext'),
                                  t.byteLevelPreTokenizer(true, true)]), true],
};
for (const b of Object.keys(binding)) {
  CASES['punctuation_' + b] = [{type: 'Punctuation', behavior: b},
                               () => t.punctuationPreTokenizer(binding[b])];
  for (const invert of [false, true]) {
    CASES[`split_string_${b}${invert ? '_invert' : ''}`] = [
      {type: 'Split', pattern: {String: ' '}, behavior: B(b), invert},
      () => t.splitPreTokenizer(' ', binding[b], invert)];
  }
}

for (const [name, [config, make, byteLevel]] of Object.entries(CASES)) {
  const pt = make();
  state = 42n;
  const lines = ['#config\t' + JSON.stringify(config)];
  for (let i = 0; i < 200; ++i) {
    const n = below(i < 100 ? 8 : 20);
    let text = '';
    for (let j = 0; j < n; ++j) text += ALPHABET[below(ALPHABET.length)];
    const cps = Array.from(text);
    const byteOffset = (k) => Buffer.byteLength(cps.slice(0, k).join(''));
    const pieces = pt.preTokenizeString(text).map(([piece, [b, e]]) =>
      [byteLevel ? unmapBytes(piece) : piece, byteOffset(b), byteOffset(e)]);
    lines.push(cEscape(text) + '\t' + JSON.stringify(pieces));
  }
  fs.writeFileSync(path.join(__dirname, name + '.tsv'), lines.join('\n') + '\n');
}
