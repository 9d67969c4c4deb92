// bench/keyphrases/peer-keyword-extractor.mjs - npm keyword-extractor's words
// ranked by frequency (first occurrence breaks ties), top 10, as JSON records
// for score.py.  usage: node peer-keyword-extractor.mjs FILE... > records.jsonl
import fs from 'node:fs';
import ke from 'keyword-extractor';
for (const path of process.argv.slice(2)) {
  const text = fs.readFileSync(path, 'utf8');
  const words = ke.extract(text, { language: 'english', remove_digits: true, return_changed_case: true, remove_duplicates: false });
  const c = new Map(); words.forEach((w, i) => { if (!c.has(w)) c.set(w, [0, i]); c.get(w)[0]++; });
  const top = [...c.entries()].sort((a, b) => b[1][0] - a[1][0] || a[1][1] - b[1][1]).slice(0, 10).map(e => ({ value: e[0] }));
  process.stdout.write(JSON.stringify({ id: path, fields: { keyword: top } }) + '\n');
}
