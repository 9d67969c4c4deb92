// bench/entities/peer-compromise.mjs - npm `compromise` people/places/
// organizations as galley-style JSON records (byte offsets), for score.py.
// usage: node peer-compromise.mjs FILE... > records.jsonl
import fs from 'node:fs';
import nlp from 'compromise';

const kinds = [['people', 'PERSON'], ['places', 'LOC'], ['organizations', 'ORG']];
for (const path of process.argv.slice(2)) {
  const text = fs.readFileSync(path, 'utf8');
  const doc = nlp(text);
  const entity = [];
  for (const [method, label] of kinds) {
    for (const m of doc[method]().json({ offset: true })) {
      const s = m.offset.start, e = s + m.offset.length;
      entity.push({ start: Buffer.byteLength(text.slice(0, s)),
                    end: Buffer.byteLength(text.slice(0, e)), label });
    }
  }
  process.stdout.write(JSON.stringify({ id: path, text, layers: { entity } }) + '\n');
}
