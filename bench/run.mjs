// `npm run bench`: runs every dist/bench/*.bench.js (built from bench/*.bench.ts) and prints
// one table: each row's baseline measured in the same run, our figure, and the ratio.
// Optional filter: `npm run bench -- pkpass` runs only benches whose file name contains it.
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dir = path.join(root, 'dist', 'bench');
const filter = process.argv[2];
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.js') && (!filter || f.includes(filter)))
  .sort();

const rows = [];
for (const file of files) {
  const started = Date.now();
  process.stderr.write(`running ${file} ...\n`);
  const mod = require(path.join(dir, file));
  const result = await mod.default();
  for (const row of result) rows.push({ bench: file.replace(/\.bench\.js$/, ''), ...row });
  process.stderr.write(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

const fmt = (n) => (n === null || n === undefined ? '—' : Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : Number(n.toFixed(2)).toString());
const table = [['bench', 'measure', 'unit', 'baseline', 'ours', 'ratio']];
for (const r of rows) {
  const ratio = r.baseline ? (r.lowerIsBetter ? r.baseline / r.value : r.value / r.baseline) : null;
  table.push([r.bench, r.name, r.unit, fmt(r.baseline), fmt(r.value), ratio ? `${ratio.toFixed(1)}×` : '—']);
}
const widths = table[0].map((_, i) => Math.max(...table.map((row) => String(row[i]).length)));
const line = (row) => `| ${row.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
console.log(line(table[0]));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of table.slice(1)) console.log(line(row));
// Benches may leave pools or sockets open; the table is the output.
process.exit(0);
