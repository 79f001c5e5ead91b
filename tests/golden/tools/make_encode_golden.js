// make_encode_golden.js KIND ARG INPUTS OUT
//
// Writes a golden file for encode tests: for each C-escaped input line of
// INPUTS, "<same escaped input>\t<ids>" with the ids of a reference encoder:
//   KIND tiktoken  ARG = encoding name (gpt2, cl100k_base, o200k_base)
//   KIND hf        ARG = tokenizer.json (HF tokenizers Node binding)
// Needs the peers from bench/peers (npm install there).
'use strict';
const fs = require('fs');
const path = require('path');
const peers = path.join(__dirname, '../../../bench/peers/node_modules');

function unescapeC(s) {
  const bytes = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\') { bytes.push(...Buffer.from(c, 'latin1')); continue; }
    const n = s[++i];
    const simple = { n: 10, r: 13, t: 9, '"': 34, "'": 39, '\\': 92 };
    if (n in simple) { bytes.push(simple[n]); continue; }
    bytes.push(parseInt(s.substr(i, 3), 8)); i += 2;
  }
  return Buffer.from(bytes).toString('utf8');
}

async function main() {
  const [kind, arg, inputs, out] = process.argv.slice(2);
  let encode;
  if (kind === 'tiktoken') {
    const enc = require(path.join(peers, 'tiktoken')).get_encoding(arg);
    encode = async (t) => Array.from(enc.encode_ordinary(t));
  } else {
    const { Tokenizer } = require(path.join(peers, 'tokenizers'));
    const tok = Tokenizer.fromFile(arg);
    encode = async (t) => (await tok.encode(t, null, { addSpecialTokens: false })).getIds();
  }
  const lines = fs.readFileSync(inputs, 'latin1').split('\n').filter((l) => l.length);
  const rows = [];
  for (const l of lines) rows.push(`${l}\t${(await encode(unescapeC(l))).join(' ')}`);
  fs.writeFileSync(out, rows.join('\n') + '\n');
}
main().catch((e) => { console.error(e); process.exit(1); });
