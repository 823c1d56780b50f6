/**
 * Benches of the residents' app (web/app) in Debian's Chromium, driven by playwright-core:
 *
 * - `load` (run by `npm run bench:web`): the time to the first usable screen of a signed-in
 *   resident (the "Mes tickets" page with its list or its empty state, and the "Envoyer un ticket"
 *   button) on a throttled "slow 4G" profile: 150 ms of round trip, 1.6 Mbit/s down, 750 kbit/s
 *   up (CDP Network.emulateNetworkConditions), and the CPU slowed 4 times (Emulation.
 *   setCPUThrottlingRate), cold cache, no service worker. Target: under 3 s. Against a local
 *   stack started for the bench (an empty data directory, no demo).
 * - `shrink` (`npm run bench:shrink`): what the browser's shrink does to the reading. The very
 *   function the app runs (web/app/shrink.ts, bundled by esbuild) shrinks each image of the
 *   committed synthetic corpus (test/fixtures/corpus/images, with its truth) in Chromium; tesseract
 *   (the local stack's engine) and the parser read the original and the shrunk image; the fields
 *   read right (SIRET, date, total) are counted both ways. Two cases: the corpus as it is (the app
 *   shrinks only an image whose longest side exceeds 2,000 px), and "phone photos": each image
 *   first enlarged to a 4,032-pixel longest side (a 12-megapixel phone's), which the app always
 *   shrinks. BENCH_SHRINK_COUNT limits the images (default: all 42).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import sharp from 'sharp';
import { launchChromium } from '../../test/support/browser';
import { removeDir, startStackProcess } from '../../test/support/local-stack';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export async function benchLoad(): Promise<{ ms: number; ok: boolean }> {
  const [stack, browser] = await Promise.all([startStackProcess({ demo: false }), launchChromium()]);
  try {
    const context = await browser.newContext({ viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true, locale: 'fr-FR', serviceWorkers: 'block' });
    const page = await context.newPage();
    // Signed in once, unthrottled: the session stays in the tab.
    await page.goto(`${stack.url}/`);
    await page.waitForURL(/\/connexion/);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${stack.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Mes tickets' }).waitFor();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.clearBrowserCache');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      await page.goto(`${stack.url}/`, { waitUntil: 'commit' });
      await page.waitForFunction(
        () => {
          const d = (globalThis as any).document;
          const h1 = d.querySelector('h1');
          return h1?.textContent === 'Mes tickets' && d.querySelector('a.button[href="/envoyer"]') && (d.querySelector('.receipt-list') || /aucun ticket/.test(d.querySelector('main')?.textContent ?? ''));
        },
        undefined,
        { timeout: 30_000, polling: 20 },
      );
      // Milliseconds since the navigation started, by the page's own clock.
      runs.push(await page.evaluate(() => (globalThis as any).performance.now() as number));
    }
    const ms = runs.sort((a, b) => a - b)[1]!;
    console.log(`web/dist/app: first usable screen on slow 4G (150 ms RTT, 1.6 Mbit/s, CPU ×4), cold cache: ${runs.map((r) => `${Math.round(r)} ms`).join(', ')}; median ${Math.round(ms)} ms: ${ms < 3000 ? 'within' : 'OVER'} the 3 s target`);
    return { ms, ok: ms < 3000 };
  } finally {
    await browser.close();
    await stack.stop();
    await removeDir(stack.dataDir);
  }
}

interface Truth {
  siret: string;
  purchaseDate: string;
  totalCents: number;
}

async function benchShrink(): Promise<void> {
  const { TesseractEngine } = await import('../../shared/ocr/tesseract');
  const { parseReceipt } = await import('../../shared/receipts/parser');
  const dir = path.join(ROOT, 'test/fixtures/corpus/images');
  const count = Number(process.env.BENCH_SHRINK_COUNT ?? 1000);
  const files = (await readdir(dir)).filter((f) => /\.(jpe?g|png)$/.test(f)).sort().slice(0, count);
  const bundle = await build({ entryPoints: [path.join(ROOT, 'web/app/shrink.ts')], bundle: true, write: false, format: 'iife', globalName: 'cabasShrink', target: 'es2022', platform: 'browser' });
  const browser = await launchChromium();
  const page = await browser.newPage();
  await page.setContent('<!doctype html><title>shrink</title>');
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  const shrinkInBrowser = async (bytes: Buffer, type: string): Promise<{ bytes: Buffer; width: number; height: number }> => {
    const out = await page.evaluate(
      async ({ b64, type }) => {
        const g = globalThis as any;
        const bin = g.atob(b64);
        const arr = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) arr[i] = bin.charCodeAt(i);
        const r = await g.cabasShrink.shrinkImage(new g.Blob([arr], { type }));
        const back = new Uint8Array(await r.blob.arrayBuffer());
        let s = '';
        for (let i = 0; i < back.length; i += 0x8000) s += String.fromCharCode(...back.subarray(i, i + 0x8000));
        return { b64: g.btoa(s) as string, width: r.width as number, height: r.height as number };
      },
      { b64: bytes.toString('base64'), type },
    );
    return { bytes: Buffer.from(out.b64, 'base64'), width: out.width, height: out.height };
  };
  const engine = new TesseractEngine();
  const score = async (bytes: Buffer, type: 'image/jpeg' | 'image/png', truth: Truth) => {
    const e = parseReceipt(await engine.read(new Uint8Array(bytes), type));
    return { siret: e.siret?.value === truth.siret, date: e.purchaseDate?.value === truth.purchaseDate, total: e.totalCents?.value === truth.totalCents };
  };
  type Tally = { siret: number; date: number; total: number; bytes: number; n: number };
  const tally = (): Tally => ({ siret: 0, date: 0, total: 0, bytes: 0, n: 0 });
  const add = (t: Tally, s: { siret: boolean; date: boolean; total: boolean }, bytes: number) => {
    t.siret += Number(s.siret);
    t.date += Number(s.date);
    t.total += Number(s.total);
    t.bytes += bytes;
    t.n += 1;
  };
  const asIs = { original: tally(), app: tally(), shrunk: 0 };
  const phone = { original: tally(), app: tally() };
  try {
    for (const [k, f] of files.entries()) {
      const truth = JSON.parse(await readFile(path.join(dir, f.replace(/\.(jpe?g|png)$/, '.json')), 'utf8')) as Truth;
      const type = f.endsWith('.png') ? 'image/png' : 'image/jpeg';
      const original = await readFile(path.join(dir, f));
      const meta = await sharp(original).metadata();
      const base = await score(original, type, truth);
      add(asIs.original, base, original.length);
      // The corpus as it is: the app shrinks only what is longer than 2,000 px.
      if (Math.max(meta.width ?? 0, meta.height ?? 0) > 2000) {
        const s = await shrinkInBrowser(original, type);
        add(asIs.app, await score(s.bytes, 'image/jpeg', truth), s.bytes.length);
        asIs.shrunk += 1;
      } else add(asIs.app, base, original.length);
      // Phone photos: enlarged to 4,032 px (JPEG 92), then shrunk by the app.
      const big = await sharp(original).rotate().resize({ width: (meta.width ?? 0) >= (meta.height ?? 0) ? 4032 : undefined, height: (meta.height ?? 0) > (meta.width ?? 0) ? 4032 : undefined, kernel: 'lanczos3' }).jpeg({ quality: 92 }).toBuffer();
      add(phone.original, base, big.length);
      const s = await shrinkInBrowser(big, 'image/jpeg');
      add(phone.app, await score(s.bytes, 'image/jpeg', truth), s.bytes.length);
      process.stderr.write(`  ${k + 1}/${files.length} ${f}\n`);
    }
  } finally {
    await engine.close();
    await browser.close();
  }
  const pct = (x: number, n: number) => `${((100 * x) / Math.max(1, n)).toFixed(1)} %`;
  const line = (name: string, t: Tally) =>
    `  ${name.padEnd(38)} SIRET ${pct(t.siret, t.n).padStart(7)}  date ${pct(t.date, t.n).padStart(7)}  total ${pct(t.total, t.n).padStart(7)}  mean ${(t.bytes / t.n / 1024).toFixed(0).padStart(5)} KB`;
  console.log(`Reading accuracy before/after the browser's shrink (${files.length} images of the committed corpus; tesseract + parser)`);
  console.log(`corpus as it is (${asIs.shrunk} of ${files.length} images longer than 2,000 px, shrunk):`);
  console.log(line('original files', asIs.original));
  console.log(line('what the app sends', asIs.app));
  console.log('phone photos (each enlarged to 4,032 px, then shrunk by the app to 2,000 px):');
  console.log(line('read on the original (reference)', phone.original).replace(/mean +\d+ KB/, `mean ${(phone.original.bytes / phone.original.n / 1024).toFixed(0)} KB as a 4,032-px photo`));
  console.log(line('what the app sends', phone.app));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const mode = process.argv[2] ?? 'load';
  if (mode === 'shrink') await benchShrink();
  else {
    const { ok } = await benchLoad();
    if (!ok) process.exitCode = 1;
  }
}
