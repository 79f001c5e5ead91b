// encode_peer.js KIND ARG CORPUS [IDS_OUT]
//
// Encodes CORPUS line by line with one peer, under the same protocol as
// bench/encode_bench.cc: lines split on "\n", no special tokens, the timed
// pass counts tokens, an untimed pass writes ids.
//   KIND tiktoken  ARG = encoding name (cl100k_base, o200k_base, gpt2); with
//                  TIKTOKEN_THREADS=N the timed pass splits the lines into N
//                  contiguous parts encoded by N worker threads (the WASM
//                  build itself is single-threaded)
//   KIND hf-batch  ARG = tokenizer.json; encodeBatch over 1024-line chunks;
//                  threads from RAYON_NUM_THREADS
// Prints "RESULT encode tool=... tokens=N load_s=S encode_s=S mb_s=M".
'use strict';
const fs = require('fs');
const path = require('path');
const { Worker, isMainThread, parentPort, workerData } = require('worker_threads');

// Worker side of TIKTOKEN_THREADS: encodes its share of lines, returns the
// token count.
if (!isMainThread) {
  const enc = require('tiktoken').get_encoding(workerData.encoding);
  let n = 0;
  for (const l of workerData.lines) n += enc.encode_ordinary(l).length;
  parentPort.postMessage(n);
  return;
}

// Counts the tokens of `lines` with `threads` workers; resolves to the count.
// Worker start-up (loading the WASM module and the ranks) is inside the timed
// span, as a user of worker threads would pay it.
function countWithWorkers(encoding, lines, threads) {
  const per = Math.ceil(lines.length / threads);
  const jobs = [];
  for (let t = 0; t < threads; t++) {
    const part = lines.slice(t * per, (t + 1) * per);
    jobs.push(new Promise((resolve, reject) => {
      const w = new Worker(__filename, { workerData: { encoding, lines: part } });
      w.on('message', resolve);
      w.on('error', reject);
    }));
  }
  return Promise.all(jobs).then((counts) => counts.reduce((a, b) => a + b, 0));
}

// The installed version of a package (its package.json may not be exported).
function versionOf(name) {
  const file = path.join(__dirname, 'node_modules', name, 'package.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')).version;
}

async function makeEncoder(kind, arg) {
  if (kind === 'tiktoken') {
    const { get_encoding } = require('tiktoken');
    const enc = get_encoding(arg);
    return {
      version: versionOf('tiktoken'),
      async encodeAll(lines, emit) {
        for (const l of lines) emit(enc.encode_ordinary(l));
      },
    };
  }
  if (kind === 'hf-batch') {
    const { Tokenizer } = require('tokenizers');
    const tok = Tokenizer.fromFile(arg);
    return {
      version: versionOf('tokenizers'),
      async encodeAll(lines, emit) {
        const BATCH = 1024;
        for (let i = 0; i < lines.length; i += BATCH) {
          const encs = await tok.encodeBatch(lines.slice(i, i + BATCH), { addSpecialTokens: false });
          for (const e of encs) emit(e.getIds());
        }
      },
    };
  }
  throw new Error(`unknown KIND ${kind}`);
}

async function main() {
  const [kind, arg, corpus, idsOut] = process.argv.slice(2);
  if (!corpus) {
    console.error('usage: node encode_peer.js tiktoken|hf-batch ARG CORPUS [IDS_OUT]');
    process.exit(2);
  }
  const t0 = process.hrtime.bigint();
  const encoder = await makeEncoder(kind, arg);
  const loadS = Number(process.hrtime.bigint() - t0) / 1e9;
  const text = fs.readFileSync(corpus, 'utf8');
  const bytes = fs.statSync(corpus).size;
  const lines = text.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  let tokens = 0;
  const workers = kind === 'tiktoken' ? Number(process.env.TIKTOKEN_THREADS || 1) : 1;
  const t1 = process.hrtime.bigint();
  if (workers > 1) {
    tokens = await countWithWorkers(arg, lines, workers);
  } else {
    await encoder.encodeAll(lines, (ids) => { tokens += ids.length; });
  }
  const encodeS = Number(process.hrtime.bigint() - t1) / 1e9;
  if (idsOut) {
    const out = [];
    await encoder.encodeAll(lines, (ids) => { out.push(Array.from(ids).join(' ')); });
    fs.writeFileSync(idsOut, out.join('\n') + '\n');
  }
  const threads = kind === 'hf-batch' ? (process.env.RAYON_NUM_THREADS || 'all') : workers;
  console.log(`RESULT encode tool=${kind} version=${encoder.version} tokenizer=${arg.split('/').pop()} ` +
    `bytes=${bytes} lines=${lines.length} tokens=${tokens} threads=${threads} ` +
    `load_s=${loadS.toFixed(3)} encode_s=${encodeS.toFixed(3)} mb_s=${(bytes / 1e6 / encodeS).toFixed(2)}`);
}

main().catch((e) => { console.error(e); process.exit(1); });
