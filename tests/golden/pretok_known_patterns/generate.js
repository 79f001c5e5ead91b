// tests/golden/pretok_known_patterns/generate.js
//
// Regenerates <pattern>.tsv: random strings from an adversarial alphabet
// (valid UTF-8 only: JS strings cannot hold invalid bytes), split by Node's
// RegExp with the patterns of bench/pretok/node_split.js. Each line is
//   <absl::CEscape-compatible input> TAB <UTF-8 byte lengths of the matches>
// Run: node generate.js   (from this directory). Fixed seed; the output only
// changes if the alphabet, the count or Node's Unicode data changes (the
// alphabet avoids code points assigned after Unicode 15.0, ICU 72's version).
'use strict';
const fs = require('fs');
const path = require('path');
const {PATTERNS} = require('../../../bench/pretok/node_split.js');

const ALPHABET = [
  'a', 'b', 'z', 'A', 'Z', 's', 't', 'd', 'm', 'l', 'e', 'r', 'v', 'S', 'T',
  'D', 'M', 'L', 'E', 'R', 'V', '0', '7', '9', '!', '.', ',', '-', '/', '_',
  '"', '(', '$', "'", "'", "'", "'s", "'T", "'re", "'VE", "'ll", "'Ll",
  ' ', ' ', ' ', ' ', '  ', '\t', '\r', '\n', '\r\n', '\v', '\f',
  '\u00A0', '\u2009', '\u3000', '\u0085', '\uFEFF', '\u200B', '\u0301',
  '\u0903', '\u20DD', '\u4E2D', '\u6587', '\u00E9', '\u00C9', '\u01C5',
  '\u02B0', '\u30FC', '\u05D0', '\u017F', '\u212A', '\u0130', '\u{1F600}',
  '\u200D', '\u0663', '\u0966', '\u2163', '\u00BD', '\u{1D400}', '\u1680',
  '\u2028', '\u180E',
];

// SplitMix64, as common/random.h, so the sequence is documented and stable.
let state = 20240611n;
const MASK = (1n << 64n) - 1n;
function next() {
  state = (state + 0x9e3779b97f4a7c15n) & MASK;
  let z = state;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK;
  return z ^ (z >> 31n);
}
const below = (n) => Number(next() % BigInt(n));

// Escapes like absl::CEscape: printable ASCII as is (with \\ \" \'),
// \n \r \t, other bytes below 0x80 as 3-digit octal; UTF-8 bytes >= 0x80 as
// 3-digit octal too, so the file is plain ASCII.
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

const lengths = (re, text) =>
  [...text.matchAll(re)].map((m) => Buffer.byteLength(m[0])).join(' ');

for (const [name, source] of Object.entries(PATTERNS)) {
  const re = new RegExp(source, 'gu');
  const lines = [];
  state = 20240611n;
  for (let i = 0; i < 1500; ++i) {
    const n = below(i < 750 ? 13 : 41);
    let text = '';
    for (let j = 0; j < n; ++j) text += ALPHABET[below(ALPHABET.length)];
    // Every pattern matches every character, so the lengths cover the text.
    lines.push(cEscape(text) + '\t' + lengths(re, text));
  }
  fs.writeFileSync(path.join(__dirname, name + '.tsv'), lines.join('\n') + '\n');
}
