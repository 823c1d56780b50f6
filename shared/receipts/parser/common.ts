/**
 * What the parser's sections share: the prepared line, a field with its confidence, the payment
 * means, and the small arithmetic of confidences.
 */
import type { Box, OcrWord } from '../../ocr/types';
import { type AmountMatch, fixDigitConfusions } from '../text';

export const MAX_TEXT_LENGTH = 8000;

/** Canonical payment means. */
export const PAYMENT_MEANS = [
  'CB',
  'CB_SANS_CONTACT',
  'ESPECES',
  'CHEQUE',
  'TITRE_RESTAURANT',
  'APPLE_PAY',
  'GOOGLE_PAY',
  'AVOIR',
] as const;
export type PaymentMeans = (typeof PAYMENT_MEANS)[number];

export interface Field<T> {
  value: T;
  confidence: number;
}

export interface Line {
  index: number;
  /** As read, whitespace trimmed. */
  raw: string;
  /** Digit confusions undone, whitespace collapsed. */
  text: string;
  /** `text` folded: uppercase, no accents, single spaces (for matching labels). */
  fold: string;
  /** `text` uppercased without accents, same length as `text` (for slicing at a match). */
  upper: string;
  confidence: number;
  box?: Box;
  amounts: AmountMatch[];
  /** The engine's words and their confidences, when it gives them. */
  words?: OcrWord[];
}

export const clamp = (n: number, lo = 0, hi = 1) => Math.max(lo, Math.min(hi, n));
export const round2 = (n: number) => Math.round(n * 100) / 100;
/** How much a line's OCR confidence lets us trust what we read on it. */
export const ocrFactor = (line: Line | undefined) => (line ? 0.7 + 0.3 * clamp(line.confidence) : 0.85);

const digitsOf = (s: string) => s.replace(/\D/g, '');

/**
 * The engine's confidence in the word(s) holding `raw` (a date, an amount read on the line): the
 * lowest of the words whose digits are part of it (or hold it whole); the line's confidence when
 * the engine gives no words or none of them matches.
 */
export function tokenConfidence(line: Line, raw: string): number {
  const want = digitsOf(fixDigitConfusions(raw));
  if (!line.words?.length || want.length < 3) return line.confidence;
  let lowest: number | undefined;
  for (const w of line.words) {
    const d = digitsOf(fixDigitConfusions(w.text));
    if (d.length < 3 || !(want.includes(d) || d.includes(want))) continue;
    lowest = Math.min(lowest ?? 1, Number.isFinite(w.confidence) ? clamp(w.confidence) : line.confidence);
  }
  return lowest ?? line.confidence;
}
