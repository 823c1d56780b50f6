import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AwsServiceError } from '../../../shared/adapters/aws/transport';
import { createOcrEngine } from '../../../shared/ocr/engines';
import { OcrError } from '../../../shared/ocr/errors';
import { fromAnalyzeExpenseResponse, TextractExpenseEngine } from '../../../shared/ocr/textract-expense';
import { fromDetectDocumentTextResponse, TextractTextEngine } from '../../../shared/ocr/textract-text';
import { parseReceipt } from '../../../shared/receipts/parser';
import { TEXTRACT_DATA_DIR, TEXTRACT_EXPECTED } from '../../fixtures/textract/expected';

// The saved responses live in test/fixtures/textract/ (its README.md gives their source and licence).
const load = async (name: string): Promise<unknown> => JSON.parse(await readFile(path.join(TEXTRACT_DATA_DIR, name), 'utf8'));
const IMAGE = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);

/** Textract answering from a script, hearing every call (the AWS side: test/unit/adapters/textract-json.test.ts). */
function fakeTextract(answer: (operation: string) => Promise<unknown>) {
  const calls: Array<{ operation: string; document: Uint8Array }> = [];
  return {
    calls,
    analyzeExpense: (document: Uint8Array) => (calls.push({ operation: 'AnalyzeExpense', document }), answer('AnalyzeExpense')),
    detectDocumentText: (document: Uint8Array) => (calls.push({ operation: 'DetectDocumentText', document }), answer('DetectDocumentText')),
  };
}
const refusal = (name: string, status = 400) => new AwsServiceError(name, name, status, {}, undefined, 1);

const EXPECTED = TEXTRACT_EXPECTED;

describe('fromAnalyzeExpenseResponse on the saved responses', () => {
  it.each(Object.entries(EXPECTED))('%s', async (file, expected) => {
    const ocr = fromAnalyzeExpenseResponse(await load(file));
    expect(ocr.engine).toBe('textract-expense');
    expect(ocr.lines).toHaveLength(expected.lines);
    expect(ocr.hints).toHaveLength(expected.hints);
    for (const line of ocr.lines) {
      expect(line.text.trim()).not.toBe('');
      expect(line.confidence).toBeGreaterThanOrEqual(0);
      expect(line.confidence).toBeLessThanOrEqual(1);
      if (expected.boxes) expect(line.box).toBeDefined();
    }
    for (const hint of ocr.hints) {
      expect(hint.type).toMatch(/^[A-Z_]+$/);
      expect(hint.value).not.toBe('');
      expect(hint.confidence).toBeLessThanOrEqual(1);
    }

    const e = parseReceipt(ocr);
    expect(e.totalCents?.value).toBe(expected.totalCents);
    expect(e.purchaseDate?.value).toBe(expected.purchaseDate);
    if (expected.shopSign) expect(e.shopSign?.value).toBe(expected.shopSign);
    else if (e.shopSign) expect(e.shopSign.confidence).toBeLessThan(0.75); // a guess, not a sign
    expect(e.siret).toBeUndefined();
    expect(e.confidence).toBeLessThanOrEqual(expected.maxConfidence);
  });

  it('does not pay on a guess: a sign read at 24 % confidence stays doubtful', async () => {
    const e = parseReceipt(fromAnalyzeExpenseResponse(await load('sample2-costco.analyze-expense.json')));
    expect(e.shopSign?.value).toBe('costco');
    expect(e.shopSign!.confidence).toBeLessThan(0.6);
    // AMOUNT, **** TOTAL and SUBTOTAL all say 38.48: a confirmed total.
    expect(e.totalCents!.confidence).toBeGreaterThanOrEqual(0.6);
  });

  it('prefers the Grand Total to the invoice\'s "Total" (its subtotal), TOTAL to TEND and SUBTOTAL', async () => {
    const invoice = parseReceipt(fromAnalyzeExpenseResponse(await load('invoice.analyze-expense.json')));
    expect(invoice.totalCents?.value).toBe(623109);
    expect(invoice.shopSign?.value).not.toBe('Some City, XYZ, USA'); // an address, named so by the hints
    const retail = parseReceipt(fromAnalyzeExpenseResponse(await load('us-retail-receipt.analyze-expense.json')));
    expect(retail.totalCents?.value).toBe(181046);
    expect(retail.totalCents!.confidence).toBeGreaterThanOrEqual(0.6);
  });

  it('keeps boxes, confidences and hint labels', async () => {
    const ocr = fromAnalyzeExpenseResponse(await load('us-retail-receipt.analyze-expense.json'));
    expect(ocr.lines[0]).toMatchObject({ text: 'MEGA BIGBOK', box: { left: expect.any(Number), top: expect.any(Number) } });
    expect(ocr.lines[0]!.confidence).toBeCloseTo(0.778, 2);
    expect(ocr.hints).toContainEqual({ type: 'TOTAL', label: 'TOTAL', value: '$1810.46', confidence: expect.closeTo(0.999, 2) });
    expect(ocr.hints).toContainEqual(expect.objectContaining({ type: 'VENDOR_NAME', value: 'MEGA MARKET PLUS' }));
  });

  it('rebuilds lines from the fields when there are no blocks', async () => {
    const ocr = fromAnalyzeExpenseResponse(await load('sample2-costco.analyze-expense.json'));
    const texts = ocr.lines.map((l) => l.text);
    expect(texts).toContain('AMOUNT: $38.48');
    expect(texts).toContain('E 33841 BNLS/SL BRST 22.10 E');
    // top to bottom
    const tops = ocr.lines.map((l) => l.box!.top);
    expect([...tops].sort((a, b) => a - b)).toEqual(tops);
  });

  it('does not crash on odd input', () => {
    for (const json of [null, 42, 'x', {}, { ExpenseDocuments: null }, { ExpenseDocuments: [null, {}, { Blocks: [{}] }] }]) {
      expect(fromAnalyzeExpenseResponse(json)).toEqual({ engine: 'textract-expense', lines: [], hints: [] });
    }
  });
});

describe('TextractExpenseEngine', () => {
  it('sends the bytes to AnalyzeExpense and reads the response', async () => {
    const textract = fakeTextract(() => load('us-retail-receipt.analyze-expense.json'));
    const ocr = await new TextractExpenseEngine(textract).read(IMAGE, 'image/jpeg');
    expect(ocr.lines).toHaveLength(39);
    expect(textract.calls).toEqual([{ operation: 'AnalyzeExpense', document: IMAGE }]);
  });

  it('sends a PDF as bytes too', async () => {
    const textract = fakeTextract(() => load('missing-geometry.analyze-expense.json'));
    const pdf = new TextEncoder().encode('%PDF-1.4 ...');
    const ocr = await new TextractExpenseEngine(textract).read(pdf, 'application/pdf');
    expect(ocr.lines).toEqual([]);
    expect(textract.calls).toEqual([{ operation: 'AnalyzeExpense', document: pdf }]);
  });

  it('maps a refused document to UNREADABLE and lets throttling through for a retry', async () => {
    for (const name of ['UnsupportedDocumentException', 'BadDocumentException', 'DocumentTooLargeException', 'InvalidParameterException']) {
      const engine = new TextractExpenseEngine(fakeTextract(() => Promise.reject(refusal(name))));
      await expect(engine.read(IMAGE, 'image/jpeg'), name).rejects.toMatchObject({ name: 'OcrError', code: 'UNREADABLE' });
    }
    const engine = new TextractExpenseEngine(fakeTextract(() => Promise.reject(refusal('ThrottlingException'))));
    const err = await engine.read(IMAGE, 'image/jpeg').catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(OcrError);
    expect(err).toMatchObject({ name: 'ThrottlingException' });
  });
});

describe('DetectDocumentText on the same pages (LINE blocks only, no hints)', () => {
  it.each(Object.entries(EXPECTED))('%s', async (file, expected) => {
    const json = (await load(file)) as { ExpenseDocuments?: Array<{ Blocks?: unknown[] }> };
    const blocks = (json.ExpenseDocuments ?? []).flatMap((d) => d.Blocks ?? []);
    const ocr = fromDetectDocumentTextResponse({ Blocks: blocks });
    expect(ocr.lines).toHaveLength(expected.lineBlocks);
    if (expected.lineBlocks === 0) return;
    const e = parseReceipt(ocr);
    // Without AnalyzeExpense's hints, the French parser still finds what the page carries.
    expect(e.totalCents?.value).toBe(expected.totalCents);
    expect(e.purchaseDate?.value).toBe(expected.purchaseDate);
    expect(e.siret).toBeUndefined();
    expect(e.confidence).toBeLessThanOrEqual(Math.max(expected.maxConfidence, 0.5));
  });

  it('on responses saved without blocks, reads the lines rebuilt from the fields as well without hints', async () => {
    for (const [file, expected] of Object.entries(EXPECTED)) {
      if (expected.lineBlocks > 0) continue;
      const lines = fromAnalyzeExpenseResponse(await load(file)).lines;
      const e = parseReceipt({ engine: 'textract-text', lines, hints: [] });
      expect(e.totalCents?.value).toBe(expected.totalCents);
      expect(e.purchaseDate?.value).toBe(expected.purchaseDate);
    }
  });
});

describe('TextractTextEngine (DetectDocumentText)', () => {
  const detectResponse = async () => {
    const expense = (await load('us-retail-receipt.analyze-expense.json')) as { ExpenseDocuments: Array<{ Blocks: unknown[] }> };
    return { DocumentMetadata: { Pages: 1 }, Blocks: expense.ExpenseDocuments[0]!.Blocks };
  };

  it('reads LINE blocks only, with no hints', async () => {
    const ocr = fromDetectDocumentTextResponse(await detectResponse());
    expect(ocr.engine).toBe('textract-text');
    expect(ocr.lines).toHaveLength(39);
    expect(ocr.hints).toEqual([]);
    const e = parseReceipt(ocr);
    expect(e.totalCents?.value).toBe(181046);
    expect(e.purchaseDate?.value).toBe('2019-12-07');
    expect(fromDetectDocumentTextResponse({})).toEqual({ engine: 'textract-text', lines: [], hints: [] });
  });

  it('sends the bytes to DetectDocumentText', async () => {
    const textract = fakeTextract(detectResponse);
    const ocr = await new TextractTextEngine(textract).read(IMAGE, 'image/png');
    expect(ocr.lines).toHaveLength(39);
    expect(textract.calls).toEqual([{ operation: 'DetectDocumentText', document: IMAGE }]);
    const refused = new TextractTextEngine(fakeTextract(() => Promise.reject(refusal('BadDocumentException'))));
    await expect(refused.read(IMAGE, 'image/png')).rejects.toMatchObject({ name: 'OcrError', code: 'UNREADABLE' });
  });
});

describe('createOcrEngine', () => {
  it('builds the configured engine', async () => {
    const client = fakeTextract(() => Promise.resolve({}));
    expect((await createOcrEngine('textract-expense', { textract: client })).name).toBe('textract-expense');
    expect((await createOcrEngine('textract-text', { textract: client })).name).toBe('textract-text');
    await expect(createOcrEngine('textract-text', {})).rejects.toThrow(/needs a Textract client/);
    const tesseract = await createOcrEngine('tesseract', {});
    expect(tesseract.name).toBe('tesseract');
    await tesseract.close?.(); // never started: nothing to end
  });
});
