/**
 * Lines: the engine's OCR lines put back into rows (label and amount on one row), cleaned of
 * digit confusions and folded for label matching; whether the receipt looks American (month-first
 * dates).
 */
import type { OcrLine } from '../../ocr/types';
import { findAmounts, fixDigitConfusions, fold, upperSameLength } from '../text';
import { type Line, clamp } from './common';
import { totalLabelScore } from './labels';

/**
 * Engines that return label and amount as separate lines on the same row (Textract does) are
 * put back into rows using their boxes; lines without boxes keep the engine's order.
 */
function toRows(lines: OcrLine[]): OcrLine[] {
  const usable = lines.filter((l) => typeof l?.text === 'string' && l.text.trim().length > 0);
  const withBoxes = usable.filter((l) => l.box && l.box.height > 0);
  if (usable.length < 2 || withBoxes.length < usable.length) return usable;
  const sorted = [...usable].sort((a, b) => a.box!.top + a.box!.height / 2 - (b.box!.top + b.box!.height / 2));
  const rows: OcrLine[][] = [];
  for (const line of sorted) {
    const box = line.box!;
    const cy = box.top + box.height / 2;
    const row = rows[rows.length - 1];
    if (row) {
      const first = row[0]!.box!;
      const rcy = first.top + first.height / 2;
      const overlapsHorizontally = row.some(
        (r) => box.left < r.box!.left + r.box!.width && r.box!.left < box.left + box.width,
      );
      if (Math.abs(cy - rcy) < 0.5 * Math.min(box.height, first.height) && !overlapsHorizontally) {
        row.push(line);
        continue;
      }
    }
    rows.push([line]);
  }
  return rows.map((row) => {
    if (row.length === 1) return row[0]!;
    row.sort((a, b) => a.box!.left - b.box!.left);
    const left = Math.min(...row.map((r) => r.box!.left));
    const top = Math.min(...row.map((r) => r.box!.top));
    const right = Math.max(...row.map((r) => r.box!.left + r.box!.width));
    const bottom = Math.max(...row.map((r) => r.box!.top + r.box!.height));
    const chars = row.reduce((s, r) => s + r.text.length, 0) || 1;
    const words = row.flatMap((r) => r.words ?? []);
    return {
      text: row.map((r) => r.text.trim()).join('  '),
      confidence: row.reduce((s, r) => s + r.confidence * r.text.length, 0) / chars,
      box: { left, top, width: right - left, height: bottom - top },
      ...(words.length ? { words } : {}),
    };
  });
}

export function prepareLines(ocrLines: OcrLine[]): Line[] {
  return toRows(ocrLines).map((l, index) => {
    const raw = l.text.replace(/\s+$/u, '').replace(/^\s+/u, '');
    let text = fixDigitConfusions(raw.replace(/[\t\u00a0\u202f]/g, ' ')).replace(/ {2,}/g, '  ');
    // An amount in the right-hand column misread with a colon ("3:31"): a time never sits there
    // after other amounts or a total label.
    const colonTail = /\s{2,}(-?\d{1,4})[:;](\d{2})$/.exec(text);
    if (colonTail && (findAmounts(text).length > 0 || totalLabelScore(fold(text)) > 0)) {
      text = `${text.slice(0, colonTail.index)}  ${colonTail[1]},${colonTail[2]}`;
    }
    // An amount at the right margin read with a space after its decimal mark ("20. 00", "5, 47 B").
    text = text.replace(/(^|\s)(-?\d{1,5})([.,]) (\d{2})(?=(?:\s+\S{1,2})?\s*$)/, '$1$2$3$4');
    return {
      index,
      raw,
      text,
      fold: fold(text),
      upper: upperSameLength(text),
      confidence: Number.isFinite(l.confidence) ? clamp(l.confidence) : 0.5,
      ...(l.box ? { box: l.box } : {}),
      amounts: findAmounts(text),
      ...(Array.isArray(l.words) && l.words.length ? { words: l.words } : {}),
    };
  });
}

/** US receipts (dollar amounts, AM/PM times) write dates month first. */
export function looksAmerican(lines: Line[]): boolean {
  let dollars = 0;
  let euros = 0;
  let ampm = 0;
  for (const l of lines) {
    for (const a of l.amounts) {
      if (a.currency === 'USD') dollars++;
      if (a.currency === 'EUR') euros++;
    }
    if (/\$\s?\d/.test(l.text)) dollars++;
    if (/€|\bEUR\b|\bEUROS?\b|\bTTC\b|\bTVA\b/.test(l.fold)) euros++;
    if (/\d{1,2}:\d{2}\s?[AP]\.?M\b/.test(l.fold)) ampm++;
  }
  return (dollars > 0 && euros === 0) || (ampm > 0 && euros === 0);
}
