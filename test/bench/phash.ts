/**
 * `node --import tsx test/bench/phash.ts`: how the receipt perceptual hash
 * (shared/ocr/perceptual-hash.ts) spreads near-duplicates and different receipts, whether its
 * band index finds them, and how long it takes. Figures, not pass/fail.
 *
 * Receipts come from the synthetic corpus (test/fixtures/corpus/: content.ts writes them,
 * render.ts draws and degrades them), from a seed the hash was not tuned on. Per receipt:
 *
 * - (a) the same image transformed with sharp (sharp only makes inputs; the module is pure JS),
 *   from two sources: a scan-like JPEG (the clean drawing, q92) and a photo on a table: JPEG
 *   re-encodes, PNG copy, resizes, crops of the borders, brightness/contrast/gamma, rotations of
 *   1-3°, EXIF-tagged copies, a photo of a screen (blur, moiré, noise, tint);
 * - the same receipt drawn again with each degradation of render.ts (a new photo of the ticket),
 *   against the clean drawing; those turned a quarter or upside down without EXIF are also
 *   matched with `perceptualHashTurns`;
 * - (b) different receipts: every pair of sources, and receipts of the same shop and layout
 *   (same look and seed) whose figures, item names or item lines differ;
 * - the committed corpus subset and the OCR fixtures: every pair (all different receipts).
 *
 * Then the band index (`hashBands`): the share of near-duplicate pairs within the threshold that
 * share a band (recall) and of different-receipt pairs that do (candidates fetched per lookup),
 * and the decode+hash time of a 12-megapixel phone JPEG, a 2 MP JPEG and a 1 MP PNG.
 *
 * Environment: BENCH_PHASH_COUNT (receipts, default 24), BENCH_PHASH_SEED (default 20260517),
 * BENCH_PHASH_JSON=<file> writes the figures as JSON. About 10 minutes for 24 receipts on 2 cores.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jpeg from 'jpeg-js';
import sharp, { type Sharp } from 'sharp';
import {
  hammingDistance,
  hashBands,
  NEAR_DUPLICATE_MAX_DISTANCE,
  PERCEPTUAL_HASH_BITS,
  type PerceptualHash,
  perceptualHash,
  perceptualHashTurns,
} from '../../shared/ocr/perceptual-hash';
import { INDEXED_BANDS, lookAlikeIndexKeys, RECOMMENDED_BANDS } from '../../shared/domain/fraud/photo-hash';
import { Dice, type ReceiptContent, type Row } from '../fixtures/corpus/content';
import { COMMITTED_DIR, corpus, DEGRADATIONS, type Degradation } from '../fixtures/corpus/generate';
import { renderContent } from '../fixtures/corpus/render';

const COUNT = Number(process.env.BENCH_PHASH_COUNT ?? 24);
const SEED = Number(process.env.BENCH_PHASH_SEED ?? 20_260_517);
const RECEIPTS_DIR = fileURLToPath(new URL('../fixtures/receipts/', import.meta.url));
const T = NEAR_DUPLICATE_MAX_DISTANCE;

const log = (s: string) => process.stderr.write(`${s}\n`);
const hashOf = (b: Uint8Array | Buffer): PerceptualHash => {
  const h = perceptualHash(new Uint8Array(b));
  if (!h) throw new Error('no hash for a bench image');
  return h;
};

// ------------------------------------------------------------------------------------------------
// Transforms of one image (sharp makes the inputs)
// ------------------------------------------------------------------------------------------------

function gaussian(d: Dice): number {
  const u = Math.max(1e-9, d.next());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * d.next());
}

type Transform = (src: Buffer, w: number, h: number, background: string, d: Dice) => Promise<Buffer>;
const jpg = (s: Sharp, quality = 90) => s.jpeg({ quality }).toBuffer();
/** Cuts the given fractions off the left, top, right and bottom. */
const crop = (src: Buffer, w: number, h: number, l: number, t: number, r: number, b: number) => {
  const [left, top] = [Math.round(w * l), Math.round(h * t)];
  return jpg(sharp(src).extract({ left, top, width: w - left - Math.round(w * r), height: h - top - Math.round(h * b) }));
};

const TRANSFORMS: Record<string, Transform> = {
  'jpeg q90': (s) => jpg(sharp(s), 90),
  'jpeg q70': (s) => jpg(sharp(s), 70),
  'jpeg q50': (s) => jpg(sharp(s), 50),
  'jpeg q30': (s) => jpg(sharp(s), 30),
  'png copy': (s) => sharp(s).png().toBuffer(),
  'resize 50%': (s, w) => jpg(sharp(s).resize({ width: Math.round(w / 2) }), 85),
  'resize 25%': (s, w) => jpg(sharp(s).resize({ width: Math.round(w / 4) }), 85),
  'crop 3% each side': (s, w, h) => crop(s, w, h, 0.03, 0.03, 0.03, 0.03),
  'crop 2-5% uneven': (s, w, h) => crop(s, w, h, 0.05, 0.02, 0.03, 0.05),
  'crop 5% of the top': (s, w, h) => crop(s, w, h, 0, 0.05, 0, 0),
  'brighter x1.25': (s) => jpg(sharp(s).modulate({ brightness: 1.25 })),
  'darker x0.7': (s) => jpg(sharp(s).modulate({ brightness: 0.7 })),
  'contrast x1.4': (s) => jpg(sharp(s).linear(1.4, -60)),
  'gamma 2.2': (s) => jpg(sharp(s).gamma(2.2, 1)),
  'rotate 1°': (s, _w, _h, bg) => jpg(sharp(s).rotate(1, { background: bg })),
  'rotate -2°': (s, _w, _h, bg) => jpg(sharp(s).rotate(-2, { background: bg })),
  'rotate 3°': (s, _w, _h, bg) => jpg(sharp(s).rotate(3, { background: bg })),
  'rotate -3° + crop 4%': async (s, w, h, bg) => {
    const r = await sharp(s).rotate(-3, { background: bg }).toBuffer({ resolveWithObject: true });
    const cw = Math.round(w * 0.92);
    const ch = Math.round(h * 0.92);
    return jpg(sharp(r.data).extract({ left: Math.round((r.info.width - cw) / 2), top: Math.round((r.info.height - ch) / 2), width: cw, height: ch }));
  },
  'EXIF 6 copy': async (s) => sharp(await sharp(s).rotate(270).png().toBuffer()).withMetadata({ orientation: 6 }).jpeg({ quality: 90 }).toBuffer(),
  'EXIF 8 copy': async (s) => sharp(await sharp(s).rotate(90).png().toBuffer()).withMetadata({ orientation: 8 }).jpeg({ quality: 90 }).toBuffer(),
  'photo of a screen': async (s, w, h, _bg, d) => {
    // Shown smaller, blurred by the lens, moiré of the pixel grid, sensor noise, a blue cast.
    const raw = await sharp(s).resize({ width: Math.round(w * 0.8), height: Math.round(h * 0.8), fit: 'fill' }).blur(1.4).greyscale().raw().toBuffer({ resolveWithObject: true });
    const px = raw.data;
    for (let i = 0; i < px.length; i++) {
      const x = i % raw.info.width;
      const y = Math.floor(i / raw.info.width);
      px[i] = Math.max(0, Math.min(255, px[i]! * 0.85 + 20 + 6 * Math.sin(x * 0.9 + y * 0.35) + 8 * gaussian(d)));
    }
    return jpg(sharp(px, { raw: { width: raw.info.width, height: raw.info.height, channels: 1 } }).tint({ r: 200, g: 220, b: 255 }), 80);
  },
  'photo of a screen, askew, dark frame': async (s, w) => {
    const r = await sharp(s).resize({ width: Math.round(w * 0.7) }).blur(1.2).rotate(2, { background: '#202020' }).modulate({ brightness: 0.9 }).toBuffer();
    const pad = Math.round(((await sharp(r).metadata()).width ?? w) * 0.05);
    return jpg(sharp(r).extend({ top: pad, bottom: pad, left: pad, right: pad, background: '#151515' }), 75);
  },
};

// ------------------------------------------------------------------------------------------------
// Same shop, same layout, other ticket
// ------------------------------------------------------------------------------------------------

/** Lines that stay the same on every ticket of a shop: identifiers, phone, web address. */
const SHOP_LINE = /SIRET|Siret|SIREN|TVA intra|TVA Intra|N° TVA|TVA FR|FR\d{2}|RCS|capital|T[eé]l|TEL|www\./;
/** Rows of items: an amount at the right, and not a total, VAT, payment or loyalty line. */
const NOT_ITEM = /TOTAL|TVA|TTC|HT|CB|CARTE|ESP|PAYER|MONTANT|RENDU|CHEQUE|TITRE|REMISE|PROMO|FIDEL|CAGNOTTE|Points|Solde|TAUX|Monnaie/i;
const AMOUNT = /\d+,\d\d/;

type Variant = 'figures' | 'item names' | 'item lines';

/**
 * Another ticket of the same shop and till: the header (everything before the first rule or gap)
 * and the shop's identifiers unchanged; figures redrawn ('figures'); also the item names moved
 * between rows ('item names', same number of rows); or items dropped and added ('item lines').
 */
function sameShopTicket(content: ReceiptContent, d: Dice, variant: Variant): ReceiptContent {
  const headerEnd = content.rows.findIndex((r) => r.kind === 'rule' || r.kind === 'gap');
  const digits = (s: string) => s.replace(/\d/g, () => String(d.int(0, 9)));
  const redraw = (r: Row): Row => {
    if (r.kind === 'text') return SHOP_LINE.test(r.text) ? r : { ...r, text: digits(r.text) };
    if (r.kind === 'cols') return SHOP_LINE.test(r.cells.join(' ')) ? r : { ...r, cells: r.cells.map(digits) };
    return r;
  };
  let rows = content.rows.map((r, i) => (i <= headerEnd ? r : redraw(r)));
  if (variant === 'figures') return { ...content, rows };
  const isItem = (r: Row, i: number) => i > headerEnd && r.kind === 'cols' && AMOUNT.test(r.cells[r.cells.length - 1]!) && !NOT_ITEM.test(r.cells[0]!);
  const items = rows.map((r, i) => (isItem(r, i) ? i : -1)).filter((i) => i >= 0);
  const names = d.shuffle(items.map((i) => (rows[i] as Extract<Row, { kind: 'cols' }>).cells[0]!));
  const renamed = (r: Row, k: number): Row => (r.kind === 'cols' ? { ...r, cells: [names[k % names.length]!, ...r.cells.slice(1)] } : r);
  if (variant === 'item names') return { ...content, rows: rows.map((r, i) => (items.includes(i) ? renamed(r, items.indexOf(i) + 1) : r)) };
  // Item lines: about a third of the items dropped, others bought twice (a second line).
  const out: Row[] = [];
  rows.forEach((r, i) => {
    const k = items.indexOf(i);
    if (k < 0) return out.push(r);
    if (items.length > 1 && d.chance(0.35)) return;
    out.push(renamed(r, k + 1));
    if (d.chance(0.4)) out.push(redraw(renamed(r, k + 2)));
  });
  rows = out;
  return { ...content, rows };
}

// ------------------------------------------------------------------------------------------------
// Statistics
// ------------------------------------------------------------------------------------------------

const groups = new Map<string, number[]>();
const add = (group: string, d: number) => {
  const g = groups.get(group) ?? [];
  g.push(d);
  groups.set(group, g);
};
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.round(p * (s.length - 1))))]!;
};
const within = (xs: number[], t = T) => xs.filter((x) => x <= t).length / xs.length;

function table(title: string, prefix: string): void {
  console.log(`\n${title}`);
  console.log(`  ${'case'.padEnd(44)} ${'n'.padStart(4)} ${'min'.padStart(4)} ${'p50'.padStart(4)} ${'p90'.padStart(4)} ${'p95'.padStart(4)} ${'p99'.padStart(4)} ${'max'.padStart(4)}  <=${T}`);
  for (const [k, v] of groups) {
    if (!k.startsWith(prefix)) continue;
    const cells = [Math.min(...v), pct(v, 0.5), pct(v, 0.9), pct(v, 0.95), pct(v, 0.99), Math.max(...v)].map((x) => String(x).padStart(4)).join(' ');
    console.log(`  ${k.slice(prefix.length).padEnd(44)} ${String(v.length).padStart(4)} ${cells}  ${(100 * within(v)).toFixed(0).padStart(3)}%`);
  }
}
const all = (prefix: string) => [...groups].filter(([k]) => k.startsWith(prefix)).flatMap(([, v]) => v);
const summary = (xs: number[]) =>
  `n ${xs.length}, min ${Math.min(...xs)}, p1 ${pct(xs, 0.01)}, p5 ${pct(xs, 0.05)}, p50 ${pct(xs, 0.5)}, p95 ${pct(xs, 0.95)}, p99 ${pct(xs, 0.99)}, max ${Math.max(...xs)}; within ${T}: ${(100 * within(xs)).toFixed(1)}%`;

// ------------------------------------------------------------------------------------------------
// Run
// ------------------------------------------------------------------------------------------------

interface Pair {
  a: string;
  b: string;
  near: boolean;
}
const pairs: Pair[] = [];

async function distances(): Promise<void> {
  const items = corpus(SEED, COUNT, ['clean']);
  const sources: Array<{ scan: PerceptualHash; photo: PerceptualHash }> = [];
  for (const [k, item] of items.entries()) {
    const t0 = performance.now();
    const d = Dice.of(item.seed ^ 0xbe7c);
    const clean = (await renderContent(item.content, { seed: item.seed, degradation: 'clean' })).bytes;
    const photo = (await renderContent(item.content, { seed: item.seed, degradation: 'photo' })).bytes;
    const scan = await sharp(clean).jpeg({ quality: 92 }).toBuffer();
    const hashes = { scan: hashOf(scan), photo: hashOf(photo) };
    sources.push(hashes);
    // (a) The same image transformed.
    for (const [src, bytes, bg] of [['scan', scan, '#f6f6f4'], ['photo', photo, '#606060']] as const) {
      const { width = 0, height = 0 } = await sharp(bytes).metadata();
      for (const [name, f] of Object.entries(TRANSFORMS)) {
        const h = hashOf(await f(bytes, width, height, bg, d));
        add(`same:${name}`, hammingDistance(h.hex, hashes[src].hex));
        pairs.push({ a: h.hex, b: hashes[src].hex, near: true });
      }
    }
    // The same receipt drawn again, degraded otherwise: against the clean drawing.
    const cleanHash = hashOf(clean);
    for (const kind of DEGRADATIONS.filter((x) => x !== 'clean')) {
      const bytes = (await renderContent(item.content, { seed: item.seed, degradation: kind })).bytes;
      if (/^rot/.test(kind)) {
        const turns = perceptualHashTurns(new Uint8Array(bytes))!;
        add(`turned:${kind} (perceptualHash)`, hammingDistance(turns[0]!.hex, cleanHash.hex));
        add(`turned:${kind} (closest of perceptualHashTurns)`, Math.min(...turns.map((t) => hammingDistance(t.hex, cleanHash.hex))));
        continue;
      }
      const h = hashOf(bytes);
      add(`redrawn:${kind as Degradation}`, hammingDistance(h.hex, cleanHash.hex));
      pairs.push({ a: h.hex, b: cleanHash.hex, near: true });
    }
    // (b) Same shop and layout, another ticket: clean against clean, photo against photo (the
    // same table, angle and light: the photographer's habits do not change either).
    for (const variant of ['figures', 'item names', 'item lines'] as const) {
      for (let v = 0; v < 2; v++) {
        const other = sameShopTicket(item.content, d, variant);
        for (const kind of ['clean', 'photo'] as const) {
          const h = hashOf((await renderContent(other, { seed: item.seed, degradation: kind })).bytes);
          add(`shop:${variant}, ${kind}`, hammingDistance(h.hex, kind === 'clean' ? cleanHash.hex : hashes.photo.hex));
        }
      }
    }
    log(`receipt ${k + 1}/${items.length} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  for (let i = 0; i < sources.length; i++) {
    for (let j = i + 1; j < sources.length; j++) {
      const [a, b] = [sources[i]!, sources[j]!];
      add('diff:scan vs scan', hammingDistance(a.scan.hex, b.scan.hex));
      add('diff:photo vs photo', hammingDistance(a.photo.hex, b.photo.hex));
      add('diff:scan vs photo', hammingDistance(a.scan.hex, b.photo.hex));
      add('diff:photo vs scan', hammingDistance(a.photo.hex, b.scan.hex));
      for (const [x, y] of [[a.scan, b.scan], [a.photo, b.photo], [a.scan, b.photo], [a.photo, b.scan]] as const) pairs.push({ a: x.hex, b: y.hex, near: false });
    }
  }
  // Held-out files: the committed corpus subset (42 receipts, every degradation) and the OCR fixtures.
  for (const [name, dir] of [['committed corpus subset', COMMITTED_DIR], ['OCR fixture receipts', RECEIPTS_DIR]] as const) {
    const files = (await readdir(dir)).filter((f) => /\.(jpg|png)$/.test(f)).sort();
    const hs = await Promise.all(files.map(async (f) => hashOf(await readFile(join(dir, f)))));
    for (let i = 0; i < hs.length; i++) {
      for (let j = i + 1; j < hs.length; j++) {
        add(`held:${name}`, hammingDistance(hs[i]!.hex, hs[j]!.hex));
        pairs.push({ a: hs[i]!.hex, b: hs[j]!.hex, near: false });
      }
    }
  }
}

function bands(): void {
  console.log(`\nBand index (hashBands): near-duplicate pairs within ${T} that share a band (recall), and different-receipt pairs that share one (fetched for nothing)`);
  const near = pairs.filter((p) => p.near && hammingDistance(p.a, p.b) <= T);
  const far = pairs.filter((p) => !p.near);
  for (const n of [8, 16, 32]) {
    const shares = (p: Pair) => {
      const kb = new Set(hashBands(p.b, n));
      return hashBands(p.a, n).some((k) => kb.has(k));
    };
    const recall = near.filter(shares).length / near.length;
    const fetched = far.filter(shares).length / far.length;
    // A band whose chunk is common to many receipts fills its index bucket: the worst band.
    const perBand = Array.from({ length: n }, (_, b) => far.filter((p) => hashBands(p.a, n)[b] === hashBands(p.b, n)[b]).length / far.length);
    const worst = perBand.indexOf(Math.max(...perBand));
    console.log(
      `  ${String(n).padStart(2)} bands of ${PERCEPTUAL_HASH_BITS / n} bits: exhaustive up to ${n - 1} bits; recall at <=${T}: ${(100 * recall).toFixed(1)}% of ${near.length}; ` +
        `different pairs sharing a band: ${(100 * fetched).toFixed(2)}% of ${far.length} (worst band ${worst}: ${(100 * perBand[worst]!).toFixed(2)}%)`,
    );
  }
  // The index the match stage keeps (lookAlikeIndexKeys, the city's lookAlikeIndexBands): the first k of the 16 bands of 16 bits.
  for (const k of [RECOMMENDED_BANDS, INDEXED_BANDS, 12, 10]) {
    const shares = (p: Pair) => {
      const kb = new Set(lookAlikeIndexKeys(p.b, k));
      return lookAlikeIndexKeys(p.a, k).some((x) => kb.has(x));
    };
    const found = near.filter(shares).length;
    const fetched = far.filter(shares).length / far.length;
    console.log(
      `  first ${String(k).padStart(2)} of ${RECOMMENDED_BANDS} bands${k === INDEXED_BANDS ? ' (the default index)' : ''}: exhaustive up to ${k - 1} bits; recall at <=${T}: ${((100 * found) / near.length).toFixed(1)}% (${found} of ${near.length}); ` +
        `different pairs sharing a band: ${(100 * fetched).toFixed(2)}% of ${far.length}`,
    );
  }
}

async function timing(): Promise<Record<string, unknown>> {
  console.log('\nTime (this machine, one core; a Lambda at 1,024 MB gets about 0.6 of a vCPU: expect ~1.7x)');
  const item = corpus(SEED + 1, 1, ['photo'])[0]!;
  const photo = (await renderContent(item.content, { seed: item.seed, degradation: 'photo' })).bytes;
  // A 12 MP phone photo: 4000 x 3000 stored, portrait shown (EXIF 6), baseline q90, 4:2:0.
  const phone = await sharp(await sharp(photo).resize({ width: 3000, height: 4000, fit: 'fill' }).rotate(270).png().toBuffer())
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 90 })
    .toBuffer();
  const twoMp = await sharp(photo).resize({ width: 1200, height: 1650, fit: 'fill' }).jpeg({ quality: 85 }).toBuffer();
  const png = await sharp(photo).resize({ width: 800, height: 1250, fit: 'fill' }).greyscale().png().toBuffer();
  const out: Record<string, unknown> = {};
  for (const [name, bytes] of [['12 MP phone JPEG (4000x3000, EXIF 6)', phone], ['2 MP JPEG (1200x1650)', twoMp], ['1 MP PNG (800x1250, grey)', png]] as const) {
    const decode: number[] = [];
    const total: number[] = [];
    for (let k = 0; k < 5; k++) {
      let t = performance.now();
      if (bytes[0] === 0xff) jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false, maxResolutionInMP: 50, maxMemoryUsageInMB: 640 });
      decode.push(performance.now() - t);
      t = performance.now();
      perceptualHash(new Uint8Array(bytes));
      total.push(performance.now() - t);
    }
    const fig = { kib: Math.round(bytes.length / 1024), jpegJsDecodeMs: bytes[0] === 0xff ? Math.round(pct(decode.slice(1), 0.5)) : null, hashFirstMs: Math.round(total[0]!), hashWarmMs: Math.round(pct(total.slice(1), 0.5)) };
    out[name] = fig;
    console.log(
      `  ${name.padEnd(38)} ${String(fig.kib).padStart(5)} KiB: perceptualHash ${fig.hashWarmMs} ms warm (first call ${fig.hashFirstMs} ms)${fig.jpegJsDecodeMs !== null ? `, of which jpeg-js decode ~${fig.jpegJsDecodeMs} ms` : ''}`,
    );
  }
  console.log(`  peak RSS of this process: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB (includes sharp and the corpus renderer)`);
  return out;
}

async function main(): Promise<void> {
  const started = performance.now();
  console.log(`Perceptual hash bench: ${COUNT} receipts from seed ${SEED}, ${PERCEPTUAL_HASH_BITS}-bit hashes, threshold NEAR_DUPLICATE_MAX_DISTANCE = ${T}`);
  await distances();
  table('(a) The same image transformed (against its source: a scan-like JPEG, or a photo on a table)', 'same:');
  table('The same receipt drawn again with another degradation (a new photo), against the clean drawing', 'redrawn:');
  table('Turned a quarter or upside down without EXIF (not a near-duplicate for perceptualHash alone)', 'turned:');
  table('(b) Different receipts, same shop and layout (another ticket of the same till)', 'shop:');
  table('(b) Different receipts', 'diff:');
  table('Held-out files, every pair (all different receipts)', 'held:');
  const same = all('same:');
  const redrawn = all('redrawn:');
  const diff = [...all('diff:'), ...all('held:')];
  console.log('\nSummary');
  console.log(`  same image transformed:        ${summary(same)}`);
  console.log(`  same receipt drawn again:      ${summary(redrawn)}`);
  console.log(`  different receipts (all):      ${summary(diff)}`);
  console.log(`  same shop, figures only:       ${summary(all('shop:figures'))}`);
  console.log(`  same shop, item names moved:   ${summary(all('shop:item names'))}`);
  console.log(`  same shop, item lines differ:  ${summary(all('shop:item lines'))}`);
  console.log(`  margin: closest different receipts ${Math.min(...diff)} bits vs threshold ${T} (x${(Math.min(...diff) / T).toFixed(2)})`);
  bands();
  const time = await timing();
  log(`done in ${((performance.now() - started) / 60_000).toFixed(1)} min`);
  if (process.env.BENCH_PHASH_JSON) {
    const figures = Object.fromEntries([...groups].map(([k, v]) => [k, { n: v.length, min: Math.min(...v), p50: pct(v, 0.5), p90: pct(v, 0.9), p95: pct(v, 0.95), p99: pct(v, 0.99), max: Math.max(...v) }]));
    await writeFile(process.env.BENCH_PHASH_JSON, `${JSON.stringify({ count: COUNT, seed: SEED, threshold: T, figures, time }, null, 2)}\n`);
  }
}

await main();
