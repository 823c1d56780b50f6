import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_FRAUD_POLICY as REVIEW_POLICY } from '../../../shared/domain/fraud-policy';
import { TesseractEngine } from '../../../shared/ocr/tesseract';
import { prepareImage } from '../../../shared/ocr/tesseract-page';
import { parseReceipt } from '../../../shared/receipts/parser';
import { fold } from '../../../shared/receipts/text';
import { COMMITTED, COMMITTED_DIR, DEGRADATIONS, type TruthFile } from '../../fixtures/corpus/generate';

// The committed corpus subset (test/fixtures/corpus/images/): held out, never tuned on. The unit
// suite reads one receipt of each degradation kind (the benchmark, `npm run bench:ocr`, reads them
// all and more); CI has 2 cores, so this stays around 15 s.
const files = (await readdir(COMMITTED_DIR)).filter((f) => /^r\d{3}-.*\.(png|jpg)$/.test(f)).sort();
const truthOf = async (f: string) => JSON.parse(await readFile(join(COMMITTED_DIR, f.replace(/\.\w+$/, '.json')), 'utf8')) as TruthFile;
const firstOfEachKind = DEGRADATIONS.map((kind) => files.find((f) => f.replace(/\.\w+$/, '').endsWith(`-${kind}`))).filter((f): f is string => Boolean(f));
const sign = (s: string | undefined) =>
  fold(s ?? '')
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();

describe('the committed corpus subset', () => {
  it('holds every degradation kind, with its truth, in well under 10 MB', async () => {
    expect(files).toHaveLength(COMMITTED.count);
    expect(firstOfEachKind).toHaveLength(DEGRADATIONS.length);
    let bytes = 0;
    for (const f of files) {
      bytes += (await stat(join(COMMITTED_DIR, f))).size;
      const truth = await truthOf(f);
      expect(truth.purchaseDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(truth.totalCents).toBeGreaterThan(0);
      expect(truth.lines.join('\n')).toContain(truth.shopSign);
    }
    expect(bytes).toBeLessThan(10 * 1024 * 1024);
  });
});

describe('page preparation on the committed subset', () => {
  it('turns sideways pages a quarter and straightens skewed ones', async () => {
    for (const f of files.filter((x) => /-(rot90|rot270|skew)\./.test(x))) {
      const prepared = await prepareImage(new Uint8Array(await readFile(join(COMMITTED_DIR, f))));
      expect(prepared.pgm.subarray(0, 2).toString('latin1')).toBe('P5');
      if (/rot(90|270)/.test(f)) expect(prepared.turned).toBe(90);
      else {
        const applied = Number(/skew (-?[\d.]+)°/.exec((await truthOf(f)).detail)![1]);
        expect(prepared.turned).toBe(0);
        expect(Math.abs(prepared.skew + applied)).toBeLessThanOrEqual(0.75);
      }
    }
  });
});

describe('tesseract on one committed receipt of each degradation kind', () => {
  const engine = new TesseractEngine();
  afterAll(() => engine.close());
  const results: Array<{ file: string; wrong: string[]; doubtfulButWrong: boolean; confidentlyWrong: string[] }> = [];

  it.each(firstOfEachKind)(
    '%s',
    async (file) => {
      const truth = await truthOf(file);
      const e = parseReceipt(await engine.read(new Uint8Array(await readFile(join(COMMITTED_DIR, file))), file.endsWith('.png') ? 'image/png' : 'image/jpeg'));
      const wrong: string[] = [];
      const confidentlyWrong: string[] = [];
      const check = (name: string, ok: boolean, confidence: number | undefined, threshold: number) => {
        if (ok) return;
        wrong.push(name);
        if ((confidence ?? 0) >= threshold) confidentlyWrong.push(name);
      };
      check('siret', truth.siret ? e.siret?.value === truth.siret : e.siren?.value === truth.siren, e.siret?.confidence ?? e.siren?.confidence, REVIEW_POLICY.minReadingConfidence);
      check('date', e.purchaseDate?.value === truth.purchaseDate, e.purchaseDate?.confidence, REVIEW_POLICY.minDateConfidence);
      check('total', e.totalCents?.value === truth.totalCents, e.totalCents?.confidence, REVIEW_POLICY.minTotalConfidence);
      check('sign', sign(e.shopSign?.value) === sign(truth.shopSign), e.shopSign?.confidence, 1.1);
      results.push({ file, wrong, doubtfulButWrong: false, confidentlyWrong });
      // A total or a date read wrong must never be confident: it would be paid.
      expect(confidentlyWrong.filter((f) => f === 'total' || f === 'date')).toEqual([]);
    },
    60_000,
  );

  it('reads at least 95 % of the fields exactly', () => {
    const fields = results.length * 4;
    const wrong = results.reduce((s, r) => s + r.wrong.length, 0);
    expect(results.length).toBe(firstOfEachKind.length);
    expect((fields - wrong) / fields).toBeGreaterThanOrEqual(0.95);
  });
});
