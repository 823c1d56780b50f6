import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OcrError } from '../../../shared/ocr/errors';
import { readBestOrientation, readingQuality, TesseractEngine } from '../../../shared/ocr/tesseract';
import { prepareImage } from '../../../shared/ocr/tesseract-page';
import type { OcrResult } from '../../../shared/ocr/types';
import { parseReceipt } from '../../../shared/receipts/parser';
import { fold } from '../../../shared/receipts/text';
import { buildPdf } from './pdf-builder';
import type { Truth } from '../../fixtures/generate-receipts';

const FIXTURES = new URL('../../fixtures/receipts/', import.meta.url);

const fixtures = (await readdir(FIXTURES)).filter((f) => /\.(jpe?g|png)$/.test(f)).sort();
const contentType = (f: string) => (f.endsWith('.png') ? 'image/png' : 'image/jpeg');
const OCR_TIMEOUT = 120_000;

describe('tesseract engine on the committed fixture receipts', () => {
  let engine: TesseractEngine;
  const seconds: number[] = [];
  beforeAll(() => {
    engine = new TesseractEngine();
  });
  afterAll(async () => {
    await engine.close();
    if (seconds.length) {
      console.info(`tesseract: ${seconds.map((s) => s.toFixed(1)).join(' s, ')} s (the first includes the worker start)`);
    }
  });

  it('has fixtures to read', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(5);
  });

  it.each(fixtures)(
    '%s',
    async (file) => {
      const truth = JSON.parse(await readFile(new URL(file.replace(/\.\w+$/, '.json'), FIXTURES), 'utf8')) as Truth;
      const bytes = new Uint8Array(await readFile(new URL(file, FIXTURES)));
      const started = performance.now();
      const ocr = await engine.read(bytes, contentType(file));
      seconds.push((performance.now() - started) / 1000);
      expect(ocr.engine).toBe('tesseract');
      for (const line of ocr.lines) {
        expect(line.confidence).toBeGreaterThanOrEqual(0);
        expect(line.confidence).toBeLessThanOrEqual(1);
        expect(line.box!.left + line.box!.width).toBeLessThanOrEqual(1.0001);
      }
      const e = parseReceipt(ocr);
      expect(fold(e.shopSign?.value ?? '')).toBe(fold(truth.shopSign));
      expect(e.siret?.value).toBe(truth.siret);
      expect(e.postcode?.value).toBe(truth.postcode);
      expect(e.city?.value).toBe(truth.city);
      expect(e.purchaseDate?.value).toBe(truth.purchaseDate);
      expect(e.totalCents?.value).toBe(truth.totalCents);
      expect(e.confidence).toBeGreaterThan(0.7);
    },
    OCR_TIMEOUT,
  );

  it(
    'honours EXIF, and without it turns a sideways receipt the right way by trying orientations',
    async () => {
      const bytes = await readFile(new URL('fromagerie-rotated.jpg', FIXTURES));
      expect((await sharp(bytes).metadata()).orientation).toBe(6);
      const prepared = await prepareImage(bytes);
      expect(prepared.height).toBeGreaterThan(prepared.width); // upright: a tall receipt
      // The same pixels with the EXIF tag dropped: the engine has to find the orientation itself.
      const stripped = new Uint8Array(await sharp(bytes).jpeg().toBuffer());
      expect((await sharp(stripped).metadata()).orientation).toBeUndefined();
      const e = parseReceipt(await engine.read(stripped, 'image/jpeg'));
      expect(e.totalCents?.value).toBe(3422);
      expect(e.purchaseDate?.value).toBe('2026-11-14');
    },
    OCR_TIMEOUT,
  );

  it('reads a PDF with a text layer without OCR, and refuses a scanned one as UNREADABLE', async () => {
    const lines = ['LA CAVE DES COTEAUX', '37410 MONTCLAIR-SUR-LOIRE', '02/11/2026 18:21', 'TOTAL TTC 57,10 €', 'SIRET 883 102 741 00013'];
    for (const compress of [false, true]) {
      const ocr = await engine.read(buildPdf([lines], { compress }), 'application/pdf');
      expect(ocr.lines.map((l) => l.text)).toEqual(lines);
      const e = parseReceipt(ocr);
      expect(e.totalCents?.value).toBe(5710);
      expect(e.siret?.value).toBe('88310274100013');
    }
    await expect(engine.read(buildPdf([[]], { scanned: true }), 'application/pdf')).rejects.toMatchObject({
      name: 'OcrError',
      code: 'UNREADABLE',
    });
  });

  it('refuses an image it cannot decode as UNREADABLE', async () => {
    const broken = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0, 1, 2, 3, 4]);
    const err = await engine.read(broken, 'image/jpeg').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OcrError);
    expect(err).toMatchObject({ code: 'UNREADABLE' });
  });
});

describe('tesseract engine failures', () => {
  it(
    'turns a worker that cannot start into an ENGINE_FAILURE, without crashing the process',
    async () => {
      const empty = await mkdtemp(join(tmpdir(), 'cabas-no-tessdata-'));
      const cache = await mkdtemp(join(tmpdir(), 'cabas-no-cache-'));
      const errors: unknown[] = [];
      const engine = new TesseractEngine({ langPath: empty, cachePath: cache, onWorkerError: (e) => errors.push(e), timeoutMs: 30_000 });
      try {
        const png = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#fff' } }).png().toBuffer();
        await expect(engine.read(new Uint8Array(png), 'image/png')).rejects.toMatchObject({ name: 'OcrError', code: 'ENGINE_FAILURE' });
        expect(errors.length).toBeGreaterThan(0);
      } finally {
        await engine.close();
        await rm(empty, { recursive: true, force: true });
        await rm(cache, { recursive: true, force: true });
      }
    },
    OCR_TIMEOUT,
  );
});

describe('orientation policy', () => {
  const reading = (text: string, confidence: number): OcrResult => ({
    engine: 't',
    lines: text.split('\n').map((t) => ({ text: t, confidence })),
    hints: [],
  });
  const good = reading('BOULANGERIE\n12 rue de la Paix\n75002 PARIS\n12/03/2026 10:15\nPAIN 1,20\nTOTAL 1,20\nCB 1,20\nMerci', 0.92);
  const noise = reading("'. ,~ |i: ;: ..\n=- ;'\n|| ll ,.", 0.3);

  it('scores a receipt above noise', () => {
    expect(readingQuality(good)).toBeGreaterThan(0.7);
    expect(readingQuality(noise)).toBeLessThan(0.4);
    expect(readingQuality({ engine: 't', lines: [], hints: [] })).toBe(0);
  });

  it('keeps a good upright reading without trying others', async () => {
    const angles: number[] = [];
    const best = await readBestOrientation(async (a) => (angles.push(a), good), readingQuality, 0.55);
    expect(angles).toEqual([0]);
    expect(best.angle).toBe(0);
  });

  it('tries the other orientations and keeps the best', async () => {
    const angles: number[] = [];
    const best = await readBestOrientation(async (a) => (angles.push(a), a === 270 ? good : noise), readingQuality, 0.55);
    expect(angles).toEqual([0, 90, 270]);
    expect(best.angle).toBe(270);
    expect(best.result).toBe(good);
  });

  it('tries only the angles it is given, from a reading it already has', async () => {
    const angles: number[] = [];
    const start = { result: noise, angle: 0 as const, score: readingQuality(noise) };
    const best = await readBestOrientation(async (a) => (angles.push(a), a === 180 ? good : noise), readingQuality, 0.55, [180, 90, 270], start);
    expect(angles).toEqual([180]);
    expect(best.angle).toBe(180);
  });

  it('can let the receipt parser judge', async () => {
    const judge = (r: OcrResult) => parseReceipt(r).confidence;
    const best = await readBestOrientation(async (a) => (a === 180 ? good : noise), judge, 0.9);
    expect(best.angle).toBe(180);
  });
});
