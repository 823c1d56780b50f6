/**
 * `npm run bench:web`: builds the web apps as they are shipped (minified) and prints the size of
 * the JavaScript and CSS each one sends, raw and gzipped (level 9, as CloudFront and most servers
 * compress), measured on the built files in web/dist. The staff console's budget is 250 KB of
 * JavaScript gzipped in all, every lazily loaded chunk counted (the map's Leaflet included); the
 * bench exits non-zero above it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildWeb, type BuiltApp } from './build';

const BUDGET_KB: Partial<Record<BuiltApp['name'], number>> = { console: 250, app: 100 };

function kb(bytes: number) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

async function measure(app: BuiltApp, ext: '.js' | '.css') {
  const files = app.files.filter((f) => f.endsWith(ext));
  const sizes = await Promise.all(
    files.map(async (f) => {
      const bytes = await readFile(path.join(app.dir, f));
      return { file: f, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    }),
  );
  return { files: sizes.sort((a, b) => b.gzip - a.gzip), raw: sizes.reduce((s, x) => s + x.raw, 0), gzip: sizes.reduce((s, x) => s + x.gzip, 0) };
}

let over = false;
for (const app of await buildWeb({ minify: true })) {
  const js = await measure(app, '.js');
  const css = await measure(app, '.css');
  const entry = js.files.find((f) => /^assets\/main-[^/]+\.js$/.test(f.file));
  console.log(`web/dist/${app.name}`);
  for (const f of js.files) console.log(`  ${f.file.padEnd(40)} ${kb(f.raw).padStart(10)} ${kb(f.gzip).padStart(10)} gzip`);
  console.log(`  JavaScript: ${js.files.length} files, ${kb(js.raw)}, ${kb(js.gzip)} gzipped${entry ? ` (entry ${kb(entry.gzip)} gzipped)` : ''}`);
  console.log(`  CSS: ${kb(css.raw)}, ${kb(css.gzip)} gzipped`);
  const budget = BUDGET_KB[app.name];
  if (budget !== undefined) {
    const ok = js.gzip <= budget * 1024;
    if (!ok) over = true;
    console.log(`  budget: ${kb(js.gzip)} of ${budget} KB of JavaScript gzipped: ${ok ? 'within' : 'OVER'}`);
  }
}
// The residents' app: time to its first usable screen on a throttled slow 4G (web/scripts/bench-app.ts).
if (!(await (await import('./bench-app')).benchLoad()).ok) over = true;
if (over) process.exitCode = 1;
