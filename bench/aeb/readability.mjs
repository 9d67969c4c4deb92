// bench/aeb/readability.mjs - the Readability.js peer: extracts every page of a
// directory in one process (linkedom DOM), prints {id: {articleBody}} to OUT
// and its speed on stderr.  Usage: node readability.mjs DIR OUT
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';

const [dir, out] = process.argv.slice(2);
const files = readdirSync(dir).filter((f) => f.endsWith('.html')).sort();
const result = {};
let bytes = 0;
const t0 = process.hrtime.bigint();
for (const f of files) {
  const html = readFileSync(join(dir, f), 'utf8');
  bytes += Buffer.byteLength(html);
  let body = '';
  try {
    const { document } = parseHTML(html);
    const article = new Readability(document).parse();
    body = article && article.textContent ? article.textContent : '';
  } catch (e) {
    body = '';
  }
  result[f.replace(/\.html$/, '')] = { articleBody: body };
}
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
writeFileSync(out, JSON.stringify(result));
process.stderr.write(`readability.js: ${files.length} pages, ${(bytes / 1e6).toFixed(1)} MB in ` +
  `${secs.toFixed(2)} s: ${(files.length / secs).toFixed(0)} pages/s, ` +
  `${(bytes / 1e6 / secs).toFixed(1)} MB/s\n`);
