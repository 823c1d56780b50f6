/** Helpers of the parser's unit tests (test/unit/receipts/parser*.test.ts): OCR lines as an engine gives them, and a parse that checks the Extraction contract. */
import { expect } from 'vitest';
import type { OcrHint, OcrLine, OcrResult } from '../../shared/ocr/types';
import { Extraction } from '../../shared/receipts/extraction';
import { parseReceipt } from '../../shared/receipts/parser';

// Valid identifiers (Luhn / VAT key), made with shared/receipts/identifiers.ts.
export const SIRET_A = '40483304800014'; // SIREN 404833048, TVA FR83404833048
export const SIRET_B = '73282932000025'; // SIREN 732829320, TVA FR44732829320
export const SIREN_C = '512345679'; // TVA FR75512345679

export const ocr = (lines: Array<string | OcrLine>, hints: OcrHint[] = []): OcrResult => ({
  engine: 'test',
  lines: lines.map((l) => (typeof l === 'string' ? { text: l, confidence: 0.95 } : l)),
  hints,
});

export const parse = (lines: Array<string | OcrLine>, hints: OcrHint[] = []) => {
  const e = parseReceipt(ocr(lines, hints));
  // The contract: whatever it reads, the result is a valid Extraction.
  expect(() => Extraction.parse(e)).not.toThrow();
  return e;
};

/** A plain French receipt; `middle` replaces the items-and-total part. */
export const receipt = (middle: string[], head: string[] = ['BOUCHERIE MARTIN', '8 rue des Halles', '37410 MONTCLAIR-SUR-LOIRE', '12/03/2026 10:15']) => [
  ...head,
  ...middle,
  `SIRET ${SIRET_A}`,
];
