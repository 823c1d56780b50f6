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

/** Numeric dates whose first two numbers tell the order they are written in ("25/12/2019": day first). */
const NUMERIC_DAY_MONTH = /(?<![\d.,/])(\d{1,2})\s?([/.-])\s?(\d{1,2})\s?\2\s?(?:\d{4}|\d{2})(?![\d]|[.,/]\d)/g;

/** Words and currencies of countries that write the day first: no US receipt prints them. */
const DAY_FIRST_MARKS = /\b(MYR|SGD|GST|SST|VAT|TVA|MWST|UST|IVA|BTW|SDN\.? BHD|BHD|PTE\.? LTD|ABN)\b|\bRM ?-?\d|\(RM\)|£/;

/**
 * Whether the receipt writes its numeric dates month first (US receipts). Euros or the marks of a
 * day-first country (ringgit, GST, VAT, MwSt...) say day first. Otherwise what the receipt itself
 * proves comes next: a date on it that reads only one way ("25/12/2019" is day first,
 * "12/25/2019" month first); and last, a receipt in dollars is taken for an American one. AM/PM
 * times alone prove nothing: Malaysian, British, Indian and Australian tills print them too.
 */
export function looksAmerican(lines: Line[]): boolean {
  let dayFirst = 0;
  let monthFirst = 0;
  let dollars = 0;
  let euros = 0;
  let elsewhere = 0;
  for (const l of lines) {
    for (const m of l.text.matchAll(NUMERIC_DAY_MONTH)) {
      const a = Number(m[1]);
      const b = Number(m[3]);
      if (a > 12 && a <= 31 && b >= 1 && b <= 12) dayFirst++;
      // Only slashes and dashes: no till writes a month-first date with dots ("08.16.16" is a misread).
      else if (b > 12 && b <= 31 && a >= 1 && a <= 12 && m[2] !== '.') monthFirst++;
    }
    for (const a of l.amounts) {
      if (a.currency === 'USD') dollars++;
      if (a.currency === 'EUR') euros++;
    }
    if (/\$\s?\d/.test(l.text)) dollars++;
    if (/€|\bEUR\b|\bEUROS?\b|\bTTC\b/.test(l.fold)) euros++;
    if (DAY_FIRST_MARKS.test(l.fold)) elsewhere++;
  }
  // Euros or the marks of a day-first country settle it: a date that reads only month first there is misread.
  if (euros > 0 || elsewhere > 0) return false;
  if (dayFirst !== monthFirst) return monthFirst > dayFirst;
  return dollars > 0;
}
