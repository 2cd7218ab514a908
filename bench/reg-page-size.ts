/**
 * The residents' registration page must stay light (≤ 150 KB of JS, gzipped, for
 * everything it loads): phones on a weak signal scan a QR code and should see the
 * form at once. Reads dist/web/reg.html (build first: `npx vite build`), follows
 * the scripts and module preloads it names and every chunk those import (static
 * `from"./x.js"`, `import"./x.js"`, dynamic `import("./x.js")`, Vite's preload map),
 * gzips each and prints a table. Exits 1 over budget.
 *
 *   npx tsx bench/reg-page-size.ts [dist/web]
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 150 * 1024;
const root = path.resolve(process.argv[2] ?? 'dist/web');
const htmlPath = path.join(root, 'reg.html');
if (!existsSync(htmlPath)) {
  console.error(`${htmlPath} is missing: build first (npx vite build)`);
  process.exit(2);
}

/** A URL in the page (/assets/x.js) or a chunk's import (./x.js, relative to that chunk) as a file under root. */
function resolve(ref: string, from: string): string {
  if (ref.startsWith('/')) return path.join(root, ref);
  if (ref.startsWith('.')) return path.resolve(path.dirname(from), ref);
  return path.join(root, ref); // Vite's preload map names files from the base: "assets/x.js"
}

const html = readFileSync(htmlPath, 'utf8');
const queue: string[] = [];
for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+\.js)"/g)) queue.push(resolve(m[1]!, htmlPath));
for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+\.js)"/g))
  queue.push(resolve(m[1]!, htmlPath));

const IMPORTS = [
  /\bfrom\s*["'](\.{1,2}\/[^"']+\.js)["']/g,
  /\bimport\s*["'](\.{1,2}\/[^"']+\.js)["']/g,
  /\bimport\(\s*["'](\.{1,2}\/[^"']+\.js)["']\s*\)/g,
  /["'](assets\/[^"']+\.js)["']/g,
];

const seen = new Map<string, { raw: number; gzip: number }>();
while (queue.length) {
  const file = queue.shift()!;
  if (seen.has(file)) continue;
  if (!existsSync(file)) {
    console.error(`referenced but missing: ${path.relative(root, file)}`);
    process.exit(2);
  }
  const buf = readFileSync(file);
  seen.set(file, { raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length });
  const text = buf.toString('utf8');
  for (const re of IMPORTS) for (const m of text.matchAll(re)) queue.push(resolve(m[1]!, file));
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const rows = [...seen].map(([file, s]) => ({ file: path.relative(root, file), ...s })).sort((a, b) => b.gzip - a.gzip);
const width = Math.max(...rows.map((r) => r.file.length), 5);
console.log(`${'file'.padEnd(width)}  ${'raw'.padStart(10)}  ${'gzip'.padStart(10)}`);
for (const r of rows) console.log(`${r.file.padEnd(width)}  ${kb(r.raw).padStart(10)}  ${kb(r.gzip).padStart(10)}`);
const total = rows.reduce((s, r) => s + r.gzip, 0);
const raw = rows.reduce((s, r) => s + r.raw, 0);
console.log(
  `${'total'.padEnd(width)}  ${kb(raw).padStart(10)}  ${kb(total).padStart(10)}   (budget ${kb(BUDGET)} gzipped)`,
);
if (total > BUDGET) {
  console.error(`over budget by ${kb(total - BUDGET)}`);
  process.exit(1);
}
