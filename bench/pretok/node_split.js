// bench/pretok/node_split.js PATTERN FILE OUT
//
// The JavaScript side of the offline corpus check of the known-pattern
// splitters: splits every line of FILE (split on "\n", without it), and then
// the whole file, with Node's RegExp, and writes one output line per input
// line (the whole file last): the UTF-8 byte lengths of the matches,
// space-separated, with "gap:N" for text no match covered.
//
// The patterns are tiktoken's, translated to JS: JS's \s adds U+FEFF and
// lacks U+0085, so \s is spelled out as White_Space; JS has no (?i:..) (Node
// 20), so the contractions are spelled out, U+017F LONG S included; and the
// possessive forms of the newest cl100k spelling are replaced by their
// greedy equivalents ("\s++$" by "\s+$": "$" can only follow the whole run).
'use strict';
const fs = require('fs');

const WS = '\\t-\\r \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000';
const S = `[${WS}]`;
const NS = `[^${WS}]`;
const CI = "(?:'[sS\\u017F]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])";
const NOT_SLN = `[^${WS}\\p{L}\\p{N}]`;

const PATTERNS = {
  gpt2: `'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?${NOT_SLN}+|${S}+(?!${NS})|${S}+`,
  cl100k: `${CI}|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?${NOT_SLN}+[\\r\\n]*|${S}*[\\r\\n]+|${S}+(?!${NS})|${S}+`,
  cl100k_possessive: `${CI}|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?${NOT_SLN}+[\\r\\n]*|${S}+$|${S}*[\\r\\n]|${S}+(?!${NS})|${S}`,
  o200k: `[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+${CI}?|` +
         `[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]*${CI}?|` +
         `\\p{N}{1,3}| ?${NOT_SLN}+[\\r\\n/]*|${S}*[\\r\\n]+|${S}+(?!${NS})|${S}+`,
};

function split(re, text) {
  const out = [];
  let prev = 0;
  for (const m of text.matchAll(re)) {
    if (m.index !== prev) out.push('gap:' + Buffer.byteLength(text.slice(prev, m.index)));
    out.push(Buffer.byteLength(m[0]));
    prev = m.index + m[0].length;
  }
  if (prev !== text.length) out.push('gap:' + Buffer.byteLength(text.slice(prev)));
  return out.join(' ');
}

module.exports = {PATTERNS};
if (require.main !== module) return;

const [name, file, outFile] = process.argv.slice(2);
const re = new RegExp(PATTERNS[name], 'gu');
const text = fs.readFileSync(file, 'utf8');
const lines = text.split('\n');
const out = lines.map((line) => split(re, line));
out.push(split(re, text));
fs.writeFileSync(outFile, out.join('\n') + '\n');
console.log(`${name} ${file}: ${lines.length} lines`);
