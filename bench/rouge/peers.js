// bench/rouge/peers.js - npm summarizer peers over the same articles as
// galley's: node peers.js ts-textrank|lexrank LIST OUTDIR (K | -K REFDIR)
// LIST lines are "ID<TAB>BODY PATH"; writes OUTDIR/ID.txt, one sentence a
// line, and prints "docs wall-seconds docs/s CPU-seconds docs/s".
'use strict';
const fs = require('fs');
const path = require('path');

function lines(file) {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
}

function tsTextrank() {
  const tr = require('ts-textrank');
  const parser = new tr.DefaultTextParser();
  const sim = new tr.SorensenDiceSimilarity();
  const logger = new tr.NullLogger();
  const byK = new Map();
  return (text, k) => {
    if (!byK.has(k)) {
      const conf = new tr.AbsoluteSummarizerConfig(k, sim, parser, 0.85,
                                                   tr.Summarizer.SORT_OCCURENCE);
      byK.set(k, new tr.Summarizer(conf, logger));
    }
    return byK.get(k).summarize(text, 'en').map((s) => String(s));
  };
}

function lexrank() {
  const lr = require('lexrank');
  return (text, k) => {
    let out = [];
    // the callback runs synchronously
    lr.summarize(text, k, (err, top) => {
      if (!err && top) out = top.sort((a, b) => a.index - b.index).map((t) => t.text);
    });
    return out;
  };
}

function main() {
  const [name, list, outdir, a, b] = process.argv.slice(2);
  const make = { 'ts-textrank': tsTextrank, lexrank: lexrank }[name];
  if (!make || !list || !outdir || !a) {
    console.error('usage: node peers.js ts-textrank|lexrank LIST OUTDIR (K | -K REFDIR)');
    process.exit(2);
  }
  const summarize = make();
  const rows = lines(list).map((l) => l.split('\t'));
  let cpu = 0;
  const t0 = process.hrtime.bigint();
  for (const [id, file] of rows) {
    const k = a === '-K' ? Math.max(1, lines(path.join(b, id + '.txt')).length) : Number(a);
    const text = fs.readFileSync(file, 'utf8');
    const c0 = process.cpuUsage();
    let sents = [];
    try {
      sents = summarize(text, k);
    } catch (e) {
      sents = [];   // a peer failing on one article scores 0 there
    }
    const c1 = process.cpuUsage(c0);
    cpu += (c1.user + c1.system) / 1e6;
    const body = sents.map((s) => s.replace(/\s+/g, ' ').trim()).filter((s) => s).join('\n');
    fs.writeFileSync(path.join(outdir, id + '.txt'), body ? body + '\n' : '');
  }
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const n = rows.length;
  console.log(`${n} ${wall.toFixed(3)} ${(n / wall).toFixed(1)} ${cpu.toFixed(3)} ${(n / cpu).toFixed(1)}`);
}

main();
