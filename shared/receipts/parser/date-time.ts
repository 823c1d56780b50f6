/**
 * Date and time of the purchase. The date is the one printed the most surely (with the time, on
 * the date line, not an offer's end or a best-before), and its confidence says how many other
 * things agree with it, in any language: printed again (the card slip), with a time a few
 * minutes from the receipt's, or inside a long number (the ticket's barcode or transaction
 * number, which many tills build from the date). A date nothing confirms is only as sure as the
 * word it was read from.
 */
import type { OcrHint } from '../../ocr/types';
import { type DateMatch, findDates, findTimes } from '../text';
import { type Field, type Line, clamp, round2, ocrFactor, tokenConfidence } from './common';

export interface DateReading {
  date?: Field<string>;
  line?: number;
  /** What agrees with the chosen date (see dateChecks). */
  checks?: DateChecks;
}

export interface DateChecks {
  /** Printed with a time on its line. */
  time: boolean;
  /** Printed on another line too. */
  repeated: boolean;
  /** Printed again with a time within half an hour of the first (the card slip). */
  slip: boolean;
  /** Held by a long number printed on the receipt (barcode, transaction number). */
  number: boolean;
  /** repeated + slip + number. */
  count: number;
}

/** Minutes since midnight of a time "14:52" or "14:52:05". */
const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** The digits of the long numbers a receipt prints (at least 10 digits, spaces or dashes between groups allowed). */
export function longNumbers(lines: Line[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    // A line of digits spaced out ("0 0 1 0 5 4 5 0 3 0 4 2 0"), as under a barcode.
    const compact = line.text.replace(/\s+/g, '');
    if (/^[\dOoIl|]{12,}$/.test(compact.replace(/[-/]/g, ''))) {
      out.push(compact.replace(/[Oo]/g, '0').replace(/[Il|]/g, '1').replace(/\D/g, ''));
      continue;
    }
    for (const m of line.text.matchAll(/\d(?:[\d-]|\s(?=\d{3}))*\d/g)) {
      const digits = m[0].replace(/\D/g, '');
      if (digits.length >= 10) out.push(digits);
    }
  }
  return out;
}

/** The compact forms a till may write a date in, inside a longer number. */
function compactForms(iso: string): string[] {
  const [y, m, d] = iso.split('-') as [string, string, string];
  return [`${y}${m}${d}`, `${y.slice(2)}${m}${d}`, `${d}${m}${y}`, `${d}${m}${y.slice(2)}`];
}

/** What agrees with a date read on `lines` (its printings `at`, the first being the one chosen). */
export function dateChecks(lines: Line[], iso: string, at: Line[], numbers = longNumbers(lines)): DateChecks {
  const timesNear = (l: Line) =>
    [l, lines[l.index + 1], lines[l.index - 1]].flatMap((x, k) => (x ? findTimes(x.text).slice(0, k === 0 ? 2 : 1) : [])).map((t) => minutesOf(t.value));
  const printed = [...new Set(at.map((l) => l.index))].map((k) => lines[k]!);
  const time = findTimes(at[0]!.text).length > 0;
  const repeated = printed.length > 1;
  let slip = false;
  for (const [i, a] of printed.entries()) {
    for (const b of printed.slice(i + 1)) {
      if (Math.abs(a.index - b.index) < 2) continue;
      if (timesNear(a).some((x) => timesNear(b).some((y) => Math.abs(x - y) <= 30))) slip = true;
    }
  }
  const forms = compactForms(iso);
  const number = numbers.some((n) => forms.some((f) => n.includes(f)));
  return { time, repeated, slip, number, count: Number(repeated) + Number(slip) + Number(number) };
}

/**
 * How much the engine's confidence in the date's own word lets us trust it when nothing else
 * confirms it: a faded digit (a 5 read as 9) is a doubtful word in a line read well.
 */
export const wordFactor = (c: number) => (c >= 0.85 ? 1 : clamp((c - 0.55) / 0.3));

const DATE_DECOY =
  /\b(DLC|DLUO|DDM|CONSOMMER|VALABLE|JUSQU|ECHEANCE|EXPIR\w*|DUE DATE|DUE|NAISSANCE|NE LE|PERIODE|GARANTIE|RETOUR|LIMITE|OFFRE|DEPUIS|PROCHAIN\w*|AVANT LE|LIVRAISON|ANNIVERSAIRE|VALIDITE|VALID\w*|UNTIL|BEST BEFORE|USE BY|EXP|GULTIG\w*|HALTBAR\w*)\b/;

/** A mark no till prints right before a date's first digit: what is left of a misread digit. */
const GLUED_MARK = /[([{|!\\/'"`]/;

export function readDate(lines: Line[], hints: OcrHint[], monthFirst: boolean): DateReading {
  interface Candidate {
    match: DateMatch;
    line: Line;
    score: number;
  }
  const candidates: Candidate[] = [];
  for (const line of lines) {
    const dates = findDates(line.text, { monthFirst });
    if (dates.length === 0) continue;
    const hasTime = findTimes(line.text).length > 0;
    for (const [k, match] of dates.entries()) {
      let score = 1;
      if (hasTime) score += 1.5;
      if (/\bDATE\b|\bLE\b|\bDU\b|^[A-Z]{3,8}\.? \d/.test(line.fold)) score += 0.7;
      if (DATE_DECOY.test(line.fold)) score -= 2;
      if (k > 0) score -= 0.3; // "du 01/03 au 31/03": the first counts more
      if (match.monthFirst && !monthFirst) score -= 0.5;
      if (match.misread) score -= 0.2;
      candidates.push({ match, line, score });
    }
  }
  const hintDates = hints
    .filter((h) => h.type === 'INVOICE_RECEIPT_DATE')
    .flatMap((h) => findDates(h.value, { monthFirst }).map((d) => ({ iso: d.iso, confidence: clamp(h.confidence) })));

  if (candidates.length === 0) {
    const best = hintDates.sort((a, b) => b.confidence - a.confidence)[0];
    return best ? { date: { value: best.iso, confidence: round2(0.45 * best.confidence) } } : {};
  }
  const byValue = new Map<string, Candidate[]>();
  for (const c of candidates) byValue.set(c.match.iso, [...(byValue.get(c.match.iso) ?? []), c]);
  const ranked = [...byValue.entries()]
    .map(([iso, cs]) => {
      const scores = cs.map((c) => c.score).sort((a, b) => b - a);
      return { iso, cs, total: scores[0]! + 0.4 * scores.slice(1).reduce((s, x) => s + Math.max(0, x), 0) };
    })
    .sort((a, b) => b.total - a.total);
  const best = ranked[0]!;
  const top = best.cs.reduce((a, b) => (b.score > a.score ? b : a));
  let confidence = top.score >= 2 ? 0.92 : top.score >= 1.5 ? 0.88 : top.score >= 1 ? 0.8 : 0.45;
  confidence *= ocrFactor(top.line);
  const checks = dateChecks(lines, best.iso, [top.line, ...best.cs.filter((c) => c !== top).map((c) => c.line)]);
  if (checks.repeated) confidence += 0.04;
  if (checks.slip) confidence += 0.03;
  if (checks.number) confidence += 0.04;
  // Nothing else confirms it: only as sure as the word it was read from (where the engine says).
  if (checks.count === 0 && top.line.words?.length) confidence *= wordFactor(tokenConfidence(top.line, top.line.text.slice(top.match.index, top.match.end)));
  // A date glued to a stray mark ("(13.04.20" for "03.04.20"): the engine split a digit into a
  // bracket and another digit. Nothing confirming it, it goes to review.
  if (checks.count === 0 && GLUED_MARK.test(top.line.text.slice(Math.max(0, top.match.index - 1), top.match.index))) confidence *= 0.6;
  if (top.match.misread) confidence *= 0.9;
  if (top.match.ambiguous && monthFirst) confidence *= 0.9;
  // A date that reads only month first on a receipt that writes them day first: a digit misread
  // ("08.16.16" for "08.10.16"), unless a number or the card slip holds the same date.
  if (top.match.monthFirst && !monthFirst) confidence *= checks.number || checks.slip ? 0.8 : 0.5;
  const runnerUp = ranked[1];
  if (runnerUp && runnerUp.total > 0.6 * best.total) confidence *= 0.75;
  if (hintDates.length > 0) {
    if (hintDates.some((h) => h.iso === best.iso)) confidence += 0.04;
    else confidence *= 0.85;
  }
  return { date: { value: best.iso, confidence: round2(clamp(confidence, 0, 0.99)) }, line: top.line.index, checks };
}

export function readTime(lines: Line[], dateLine: number | undefined): Field<string> | undefined {
  const onDateLine = dateLine !== undefined ? findTimes(lines[dateLine]!.text)[0] : undefined;
  if (onDateLine) return { value: onDateLine.value, confidence: round2(0.9 * ocrFactor(lines[dateLine!])) };
  // Next to the date line (a date and a time on two rows).
  for (const k of dateLine !== undefined ? [dateLine + 1, dateLine - 1] : []) {
    const l = lines[k];
    if (!l || l.amounts.length > 0) continue;
    const t = findTimes(l.text)[0];
    if (t) return { value: t.value, confidence: round2(0.75 * ocrFactor(l)) };
  }
  for (const l of lines) {
    if (l.amounts.length > 0) continue;
    const t = findTimes(l.text).find((x) => x.withSeconds || /\d[:]\d/.test(x.value));
    if (t && !DATE_DECOY.test(l.fold) && !/\bHORAIRES?\b|\bOUVERT\b|\bFERME\b/.test(l.fold)) {
      return { value: t.value, confidence: round2(0.6 * ocrFactor(l)) };
    }
  }
  return undefined;
}
