/**
 * The French receipt parser: OCR lines (any engine) -> Extraction. Pure TypeScript, no I/O.
 *
 * It reads what a French till receipt prints (shop sign, SIRET/SIREN/TVA, phone, address,
 * date and time, total TTC, payment, ticket number, items) with labels and patterns rather than
 * positions, so it does not depend on one till's layout. AnalyzeExpense hints are used as
 * supporting evidence (they raise or lower a field's confidence, and fill a field the lines do
 * not give, with a low confidence), never as the truth: AnalyzeExpense does not read French.
 *
 * Every field carries a confidence 0..1; `confidence` is the receipt's: low when the total or
 * the date is missing or disputed, or when neither the SIRET nor the shop sign and postcode were
 * found, so that doubtful receipts go to review.
 */
import type { Box, OcrHint, OcrLine, OcrResult } from '../ocr/types';
import { Extraction } from './extraction';
import { checkVatNumber, isValidSiren, isValidSiret } from './identifiers';
import {
  type AmountMatch,
  type DateMatch,
  editDistance,
  findAmounts,
  findDates,
  findTimes,
  fixDigitConfusions,
  fold,
  nameKey,
  parseAmount,
  respell,
  upperSameLength,
} from './text';

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

interface Field<T> {
  value: T;
  confidence: number;
}

interface Line {
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
}

const clamp = (n: number, lo = 0, hi = 1) => Math.max(lo, Math.min(hi, n));
const round2 = (n: number) => Math.round(n * 100) / 100;
/** How much a line's OCR confidence lets us trust what we read on it. */
const ocrFactor = (line: Line | undefined) => (line ? 0.7 + 0.3 * clamp(line.confidence) : 0.85);

// ------------------------------------------------------------------------------------------------
// Lines
// ------------------------------------------------------------------------------------------------

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
    return {
      text: row.map((r) => r.text.trim()).join('  '),
      confidence: row.reduce((s, r) => s + r.confidence * r.text.length, 0) / chars,
      box: { left, top, width: right - left, height: bottom - top },
    };
  });
}

function prepareLines(ocrLines: OcrLine[]): Line[] {
  return toRows(ocrLines).map((l, index) => {
    const raw = l.text.replace(/\s+$/u, '').replace(/^\s+/u, '');
    let text = fixDigitConfusions(raw.replace(/[\t\u00a0\u202f]/g, ' ')).replace(/ {2,}/g, '  ');
    // An amount in the right-hand column misread with a colon ("3:31"): a time never sits there
    // after other amounts or a total label.
    const colonTail = /\s{2,}(-?\d{1,4})[:;](\d{2})$/.exec(text);
    if (colonTail && (findAmounts(text).length > 0 || totalLabelScore(fold(text)) > 0)) {
      text = `${text.slice(0, colonTail.index)}  ${colonTail[1]},${colonTail[2]}`;
    }
    return {
      index,
      raw,
      text,
      fold: fold(text),
      upper: upperSameLength(text),
      confidence: Number.isFinite(l.confidence) ? clamp(l.confidence) : 0.5,
      ...(l.box ? { box: l.box } : {}),
      amounts: findAmounts(text),
    };
  });
}

/** US receipts (dollar amounts, AM/PM times) write dates month first. */
function looksAmerican(lines: Line[]): boolean {
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

// ------------------------------------------------------------------------------------------------
// Labels
// ------------------------------------------------------------------------------------------------

// OCR-tolerant spellings of the words that matter most.
const TOTAL = String.raw`T[O0Q]T[A4][LI1|]`;
const PAYER = String.raw`P[A4]Y[E3]R`;

/** Total labels by strength (matched on folded text). */
const TOTAL_LABELS: Array<[RegExp, number]> = [
  [new RegExp(String.raw`\b${TOTAL}\s*\.?\s*T\.?\s?T\.?\s?C\b`), 10],
  [new RegExp(String.raw`\bNET\s*(A|À)?\s*${PAYER}\b`), 10],
  [new RegExp(String.raw`\b${TOTAL}\s*(A|À)\s*${PAYER}\b`), 10],
  [new RegExp(String.raw`\bMONTANT\s*(T\.?T\.?C|(A|À)\s*${PAYER}|DU|TOTAL)\b`), 10],
  [new RegExp(String.raw`\b(GRAND|NET)\s*${TOTAL}\b|\b${TOTAL}\s*(EUROS?|EUR|€|DUE|NET|TICKET|GENERAL|CLIENT)\b`), 9.5],
  [/\b(AMOUNT|BALANCE)\s*DUE\b/, 9.5],
  [new RegExp(String.raw`\b${TOTAL}\b`), 8.5],
  [new RegExp(String.raw`(^|\s)(A|À)\s*${PAYER}\b`), 8.5],
  [new RegExp(String.raw`\b(${TOTAL}|NET|MONTANT)?\s*(A|À)\s*REGLER\b`), 9],
  [/^NET\b/, 7],
  [/\bT\.?T\.?C\b/, 7],
  [/\bMONTANT\b|\bAMOUNT\b|\bSOMME\b/, 5],
  [
    /\b(CB|C\.B\.?|CARTE|CARTE BANCAIRE|CARTE BLEUE|PAIEMENT|REGLEMENT|REGLE|VISA|MASTERCARD|MAESTRO|AMEX|DEBIT|SANS CONTACT|CONTACTLESS|PAYE|TEND|CREDIT CARD|APPLE PAY|GOOGLE PAY)\b/,
    5,
  ],
  [/\b(ESPECES|ESP|CASH|CHEQUE|CHQ|TICKET RESTAURANT|TITRE RESTAURANT)\b/, 3],
];

/** Never a total: sub-totals, change, discounts, loyalty. */
const HARD_NOT_TOTAL =
  /\b(SOUS[- ]?TOTAL|SS[- ]?TOTAL|S\/ ?TOTAL|S\. ?TOTAL|SUB ?TOTAL|SUBTOTAL|RENDU|A RENDRE|MONNAIE|CHANGE|REMISES?|ECONOMI\w*|RESTE|POURBOIRE|FIDELITE|CAGNOTTE|AVANTAGES?|POINTS?|PTS|ACOMPTE|ARRONDI|DONT|QTE|QUANTITE|SOLDE FIDELITE|BON D'ACHAT|TICKET N|PLAFOND|AUTORISATION)\b/;
/** Not a TTC total unless the line says TTC: tax lines and their bases. */
const SOFT_NOT_TOTAL = /\b(H\.? ?T\.?|HORS TAXES?|TVA|T\.V\.A\.?|TAXES?|TAX|BASE|TAUX|TX)\b/;
const SAYS_TTC = /\bT\.?\s?T\.?\s?C\b|TVA INCL|TAXES? INCL|TAX INCL/;

function totalLabelScore(folded: string): number {
  if (HARD_NOT_TOTAL.test(folded)) return 0;
  if (SOFT_NOT_TOTAL.test(folded) && !SAYS_TTC.test(folded)) return 0;
  for (const [re, score] of TOTAL_LABELS) if (re.test(folded)) return score;
  return 0;
}

/** Letters on a line, ignoring currency words: to tell a label line from a bare amount line. */
function labelLetters(line: Line): number {
  return line.fold.replace(/\b(EUR|EUROS|USD|TTC)\b|[^A-Z]/g, '').length;
}

// ------------------------------------------------------------------------------------------------
// Total
// ------------------------------------------------------------------------------------------------

interface TotalReading {
  field?: Field<number>;
  /** Line index of the chosen total, to bound the line items. */
  line?: number;
}

/** A payment line: card, cash, cheque, voucher. */
const PAYMENT_LINE =
  /\b(CB|C\.B\.?|CARTE|CARTE BANCAIRE|VISA|MASTERCARD|MAESTRO|AMEX|SANS CONTACT|CONTACTLESS|ESPECES|ESP|CASH|CHEQUE|CHQ|TICKETS? RESTAURANT|TITRES? RESTAURANT|AVOIR|PAIEMENT)\b/;

/** A discount among the items: counted (negative) in their sum. */
const DISCOUNT = /\b(REMISES?|PROMO\w*|REDUC\w*|RABAIS|BON DE REDUCTION|BON D'ACHAT|COUPON)\b/;

/**
 * The running sum of the item amounts above each line: `sums[k]` adds, from the first priced
 * line down to line k - 1, the last amount of every line that reads as an item or a discount
 * (not a total, sub-total, tax, payment or change line, not an amount without cents). When the
 * sum above a total candidate equals it, the items agree with that total.
 */
function itemSums(lines: Line[]): number[] {
  const sums: number[] = [];
  let sum = 0;
  let started = false;
  // Above the first strong total label, a weak one is an item's name ("CARTE MESSAGE 2,65").
  const firstTotal = lines.find((l) => totalLabelScore(l.fold) >= 8.5)?.index ?? lines.length;
  for (const line of lines) {
    sums.push(started ? sum : Number.NaN);
    const amount = line.amounts[line.amounts.length - 1];
    if (!amount || amount.integer) continue;
    const f = line.fold;
    const label = totalLabelScore(f);
    if ((label > 0 && (label >= 8.5 || line.index >= firstTotal)) || SOFT_NOT_TOTAL.test(f) || /%/.test(line.text)) continue;
    if (HARD_NOT_TOTAL.test(f) && !(DISCOUNT.test(f) && amount.cents < 0)) continue;
    sum += amount.cents;
    started = true;
  }
  sums.push(started ? sum : Number.NaN);
  return sums;
}

/** The last amount on the first line matching `re`, and that line. */
function labelledAmount(lines: Line[], re: RegExp, from = 0): number | undefined {
  for (const l of lines.slice(from)) if (re.test(l.fold) && l.amounts.length) return l.amounts[l.amounts.length - 1]!.cents;
  return undefined;
}

/**
 * The total: every line with a total label (TOTAL TTC, NET A PAYER, MONTANT, A PAYER, CB...)
 * gives a candidate amount; candidates are grouped by value and ranked by their labels, then by
 * what corroborates them: the value printed again (payment line, card slip), the items adding
 * up to it, HT + TVA, cash given minus change. The confidence says how much of that was found:
 * a total read once, on a doubtful line, with nothing to confirm it, stays under the review
 * threshold, and so does an amount without cents.
 */
function readTotal(lines: Line[], hints: OcrHint[]): TotalReading {
  interface Candidate {
    cents: number;
    score: number;
    line: Line;
    strength: number;
    integer: boolean;
  }
  const candidates: Candidate[] = [];
  const n = lines.length;
  for (const line of lines) {
    const strength = totalLabelScore(line.fold);
    if (strength === 0) continue;
    // Amounts after the label on the same line: take the rightmost (a TVA table's last column is TTC).
    let amount = [...line.amounts].reverse().find((a) => a.cents >= 0);
    let source = line;
    let score = strength;
    if (!amount) {
      // Label alone, amount on the next line (or the one after, past a blank-ish line).
      for (const next of lines.slice(line.index + 1, line.index + 3)) {
        const a = [...next.amounts].reverse().find((x) => x.cents >= 0);
        if (a && labelLetters(next) <= 3) {
          amount = a;
          source = next;
          score = strength * 0.85;
          break;
        }
        if (next.amounts.length > 0 || labelLetters(next) > 3) break;
      }
    }
    if (!amount) continue;
    if (amount.integer) score *= 0.7;
    if (amount.cents === 0) score *= 0.3;
    // Totals are printed after the items: a small preference for lower lines.
    score *= 0.85 + 0.3 * (n > 1 ? line.index / (n - 1) : 1);
    candidates.push({ cents: amount.cents, score, line: source, strength, integer: amount.integer });
  }

  const hintTotals = hints
    .filter((h) => h.type === 'TOTAL' || h.type === 'AMOUNT_PAID' || h.type === 'AMOUNT_DUE')
    .map((h) => ({ cents: parseAmount(h.value), confidence: clamp(h.confidence) }))
    .filter((h): h is { cents: number; confidence: number } => h.cents !== undefined && h.cents >= 0);

  if (candidates.length === 0) {
    const best = hintTotals.sort((a, b) => b.confidence - a.confidence)[0];
    return best ? { field: { value: best.cents, confidence: round2(0.45 * best.confidence) } } : {};
  }

  // An amount without cents that is another candidate times 100 lost its decimal comma.
  const withCents = new Set(candidates.filter((c) => !c.integer).map((c) => c.cents));
  const kept = candidates.filter((c) => !(c.integer && c.cents % 100 === 0 && withCents.has(c.cents / 100)));

  const sums = itemSums(lines);
  const ht = labelledAmount(lines, /\bTOTAL\s*H\.?\s?T\b|\bMONTANT\s*H\.?\s?T\b|^H\.?T\.?\b/);
  // The tax: a TOTAL TVA line, else the sum of the TVA lines by rate ("TVA 5,5 %   0,57").
  const rateLines = lines.filter((l) => /^(DONT\s+)?T\.?V\.?A\b/.test(l.fold) && /%/.test(l.text) && l.amounts.length === 1);
  const tva =
    labelledAmount(lines, /\bTOTAL\s*T\.?V\.?A\b|^T\.?V\.?A\b(?!.*%)|\bMONTANT\s*T\.?V\.?A\b/) ??
    (rateLines.length ? rateLines.reduce((sum, l) => sum + l.amounts[0]!.cents, 0) : undefined);
  // A TVA table: one row per rate ("5,5%  10,43  0,57  11,00"), the last column TTC.
  const tableRows = lines.filter((l) => /\d\s?%/.test(l.text) && l.amounts.length >= 3 && !/\bTOTAL\b/.test(l.fold));
  const tableTtc = tableRows.length ? tableRows.reduce((sum, l) => sum + l.amounts[l.amounts.length - 1]!.cents, 0) : undefined;
  // What was paid, line by line, after the total: card, cash (less the change), vouchers.
  const payments = (after: number) => {
    let paid = 0;
    let any = false;
    for (const l of lines.slice(after + 1)) {
      const a = l.amounts[l.amounts.length - 1];
      if (!a || a.integer || !PAYMENT_LINE.test(l.fold) || HARD_NOT_TOTAL.test(l.fold)) continue;
      paid += a.cents;
      any = true;
    }
    return any ? paid : undefined;
  };
  const given = labelledAmount(lines, /\b(ESPECES|ESP|CASH|NUMERAIRE)\b/);
  const change = labelledAmount(lines, /\b(RENDU|A RENDRE|MONNAIE|CHANGE)\b/);

  // Group by value: a total printed as TOTAL, then CB, then on the card slip, is one value.
  const byValue = new Map<number, Candidate[]>();
  for (const c of kept) byValue.set(c.cents, [...(byValue.get(c.cents) ?? []), c]);
  const ranked = [...byValue.entries()]
    .map(([cents, cs]) => {
      const scores = cs.map((c) => c.score).sort((a, b) => b - a);
      const lineCount = new Set(cs.map((c) => c.line.index)).size;
      const itemsAgree = cs.some((c) => sums[c.line.index] === cents);
      const taxAgrees = ht !== undefined && tva !== undefined && ht + tva === cents;
      const cashAgrees = given !== undefined && change !== undefined && change >= 0 && given - change === cents;
      const tableAgrees = tableTtc === cents;
      // Several payments adding up to it (a meal voucher and a card): the cash line is "given".
      const paymentsAgree = cs.some((c) => {
        const paid = payments(c.line.index);
        return paid !== undefined && paid === cents && !lines.slice(c.line.index + 1).some((l) => l.amounts.some((a) => a.cents === cents) && PAYMENT_LINE.test(l.fold));
      });
      const hintAgrees = hintTotals.some((h) => h.cents === cents);
      // Arithmetic on other lines confirms a value more than its label does: it outranks it.
      const arithmetic = (itemsAgree ? 1.5 : 0) + (taxAgrees ? 1 : 0) + (tableAgrees ? 1 : 0) + (cashAgrees ? 1 : 0) + (paymentsAgree ? 1 : 0);
      const support = Math.min(2, lineCount - 1) + arithmetic + (hintAgrees ? 0.5 : 0);
      const total = scores[0]! + 0.35 * scores.slice(1).reduce((s, x) => s + x, 0) + 4 * arithmetic + (hintAgrees ? 1 : 0);
      return {
        cents,
        cs,
        total,
        support,
        strongest: Math.max(...cs.map((c) => c.strength)),
        integer: cs.every((c) => c.integer),
      };
    })
    .sort((a, b) => b.total - a.total || b.cents - a.cents);

  const best = ranked[0]!;
  const runnerUp = ranked[1];
  const bestLine = best.cs.reduce((a, b) => (b.strength > a.strength ? b : a)).line;

  let confidence = best.strongest >= 9 ? 0.9 : best.strongest >= 8 ? 0.85 : best.strongest >= 5 ? 0.6 : 0.45;
  confidence *= ocrFactor(bestLine);
  confidence += 0.04 * Math.min(best.support, 3);
  if (best.support === 0) {
    // Read once and confirmed by nothing: only as sure as the OCR was of that line.
    confidence = Math.min(confidence, 0.45 + 0.4 * clamp((bestLine.confidence - 0.5) / 0.45));
    if (best.integer) confidence = Math.min(confidence, 0.45);
  }
  if (runnerUp) {
    const ratio = runnerUp.total / best.total;
    // Two values read with total labels: keep the stronger, but doubt it.
    if (runnerUp.strongest >= 8 && ratio > 0.5 && runnerUp.support >= best.support) confidence *= 0.7;
    else if (ratio > 0.8) confidence *= 0.75;
    else if (ratio > 0.5) confidence *= 0.9;
    // A payment line (CB, MONTANT...) with another amount, and nothing settling it: one of the
    // two is misread (or the payment was split, which staff can see).
    const paidOtherwise = ranked.slice(1).some((r) => r.strongest >= 5 && r.cs.some((c) => c.line.index > bestLine.index));
    if (paidOtherwise && best.support - Math.min(2, best.cs.length - 1) < 1) confidence *= 0.75;
  }
  // Hints disagreeing: AnalyzeExpense read another total.
  if (hintTotals.length > 0 && !hintTotals.some((h) => h.cents === best.cents)) confidence *= 0.85;
  return { field: { value: best.cents, confidence: round2(clamp(confidence, 0, 0.99)) }, line: bestLine.index };
}

// ------------------------------------------------------------------------------------------------
// Date and time
// ------------------------------------------------------------------------------------------------

const DATE_DECOY =
  /\b(DLC|DLUO|DDM|CONSOMMER|VALABLE|JUSQU|ECHEANCE|EXPIR\w*|DUE DATE|DUE|NAISSANCE|NE LE|PERIODE|GARANTIE|RETOUR|LIMITE|OFFRE|DEPUIS|PROCHAIN\w*|AVANT LE|LIVRAISON|ANNIVERSAIRE|VALIDITE)\b/;

function readDate(lines: Line[], hints: OcrHint[], monthFirst: boolean): { date?: Field<string>; line?: number } {
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
  if (best.cs.length > 1) confidence += 0.04;
  if (top.match.ambiguous && monthFirst) confidence *= 0.9;
  if (top.match.monthFirst && !monthFirst) confidence *= 0.8;
  const runnerUp = ranked[1];
  if (runnerUp && runnerUp.total > 0.6 * best.total) confidence *= 0.75;
  if (hintDates.length > 0) {
    if (hintDates.some((h) => h.iso === best.iso)) confidence += 0.04;
    else confidence *= 0.85;
  }
  return { date: { value: best.iso, confidence: round2(clamp(confidence, 0, 0.99)) }, line: top.line.index };
}

function readTime(lines: Line[], dateLine: number | undefined): Field<string> | undefined {
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

// ------------------------------------------------------------------------------------------------
// Identifiers
// ------------------------------------------------------------------------------------------------

const SIRET_LABEL = /\bS[I1L|][R][E3]T\b|\bN[°O]?\s*S[I1L|]R[E3]T\b/;
const SIREN_LABEL = /\bS[I1L|]R[E3]N\b|\bR\.?\s?C\.?\s?S\.?\b/;

/** In the text after an identifier label, look-alike letters in digit tokens are digits. */
function digitsAfterLabel(text: string): string {
  return text.replace(/[0-9OoIl|SB]+/g, (tok) =>
    /\d/.test(tok) ? tok.replace(/[Oo]/g, '0').replace(/[Il|]/g, '1').replace(/S/g, '5').replace(/B/g, '8') : tok,
  );
}

/**
 * A labelled SIRET with one unreadable character among 14 ("7995501240003)"): Luhn leaves one
 * digit that fits; a guess, so with a low confidence.
 */
function repairSiret(afterLabel: string): string | undefined {
  const run = afterLabel.replace(/^[\s:.#°N]+/, '').replace(/[\s.]/g, '');
  const chars = run.slice(0, 14);
  if (chars.length !== 14) return undefined;
  const bad = [...chars].flatMap((c, k) => (/\d/.test(c) ? [] : [k]));
  if (bad.length !== 1) return undefined;
  for (let d = 0; d <= 9; d++) {
    const candidate = chars.slice(0, bad[0]) + d + chars.slice(bad[0]! + 1);
    if (isValidSiret(candidate)) return candidate;
  }
  return undefined;
}


interface Identifiers {
  siret?: Field<string>;
  siren?: Field<string>;
  vatNumber?: Field<string>;
  /** Lines holding identifiers (not shop signs, not items). */
  lines: Set<number>;
}

function readIdentifiers(lines: Line[], hints: OcrHint[]): Identifiers {
  const ids: Identifiers = { lines: new Set() };
  let siret: Field<string> | undefined;
  let siren: Field<string> | undefined;
  let vat: Field<string> | undefined;
  const better = <T>(a: Field<T> | undefined, b: Field<T>) => (!a || b.confidence > a.confidence ? b : a);

  const unlabelled: Array<Field<string> & { line: number }> = [];
  for (const line of lines) {
    const f = line.fold;
    // SIRET, labelled: the digits after the label (or on the next line).
    const label = SIRET_LABEL.exec(line.upper);
    if (label) {
      ids.lines.add(line.index);
      const firstRun = (src: string) => /\d(?:[ .\-]?\d)*/.exec(src)?.[0].replace(/\D/g, '') ?? '';
      // After a SIRET label, every token made of digits and look-alikes is a number.
      const afterLabel = digitsAfterLabel(line.text.slice(label.index + label[0].length));
      let digits = firstRun(afterLabel);
      let sameLine = true;
      const next = lines[line.index + 1];
      if (digits.length < 9 && next) {
        // "SIRET :" with the number on the next line.
        digits = firstRun(next.text);
        sameLine = false;
        if (digits.length >= 9) ids.lines.add(next.index);
      }
      if (digits.length >= 14 && isValidSiret(digits.slice(0, 14))) {
        siret = better(siret, { value: digits.slice(0, 14), confidence: round2((sameLine ? 0.96 : 0.88) * ocrFactor(line)) });
      } else {
        const repaired = sameLine ? repairSiret(afterLabel) : undefined;
        if (repaired) siret = better(siret, { value: repaired, confidence: round2(0.5 * ocrFactor(line)) });
        else if (digits.length >= 9 && isValidSiren(digits.slice(0, 9))) {
          // The SIRET is misread but its SIREN part holds.
          siren = better(siren, { value: digits.slice(0, 9), confidence: round2(0.6 * ocrFactor(line)) });
        }
      }
    } else {
      // Unlabelled 14-digit numbers that pass Luhn: could be a SIRET, or a barcode that happens to
      // (one in ten does). SIRENs do not start with 0 or 1; GTIN barcodes usually do.
      for (const m of line.text.matchAll(/(?<![\d])\d{3}[ .]?\d{3}[ .]?\d{3}[ .]?\d{5}(?![\d])/g)) {
        const digits = m[0].replace(/\D/g, '');
        if (/^[01]/.test(digits) || !isValidSiret(digits)) continue;
        const spaced = /\d{3}[ .]\d{3}[ .]\d{3}[ .]\d{5}/.test(m[0]);
        const itemish = line.amounts.length > 0;
        unlabelled.push({ value: digits, confidence: round2((itemish ? 0.2 : spaced ? 0.45 : 0.35) * ocrFactor(line)), line: line.index });
      }
    }
    // SIREN, labelled (RCS ...).
    const sl = SIREN_LABEL.exec(line.upper);
    if (sl) {
      ids.lines.add(line.index);
      for (const m of line.text.slice(sl.index + sl[0].length).matchAll(/(?<![\d])(\d{3}[ .]?\d{3}[ .]?\d{3})(?![ .]?\d)/g)) {
        const digits = m[1]!.replace(/\D/g, '');
        if (isValidSiren(digits)) siren = better(siren, { value: digits, confidence: round2(0.9 * ocrFactor(line)) });
      }
    }
    // TVA intracommunautaire.
    for (const m of f.matchAll(/\bFR\s?([0-9A-HJ-NP-Z]{2})\s?(\d{3}\s?\d{3}\s?\d{3})(?!\s?\d)/g)) {
      const value = `FR${m[1]}${m[2]!.replace(/\s/g, '')}`;
      const check = checkVatNumber(value);
      if (check === 'invalid') continue;
      ids.lines.add(line.index);
      const labelled = /\bTVA\b|\bT\.V\.A\b|\bVAT\b|INTRA/.test(f);
      const confidence = (check === 'valid' ? 0.95 : labelled ? 0.6 : 0.4) * ocrFactor(line);
      vat = better(vat, { value, confidence: round2(confidence) });
      const vatSiren = value.slice(4);
      if (check === 'valid' && isValidSiren(vatSiren)) siren = better(siren, { value: vatSiren, confidence: round2(confidence * 0.95) });
    }
    if (/\b(APE|NAF|RCS|CAPITAL|SARL|SAS|EURL|SASU|SNC|SIEGE SOCIAL)\b/.test(f)) ids.lines.add(line.index);
  }

  // Several different unlabelled "SIRETs" are product barcodes: trust none of them.
  const distinctUnlabelled = new Set(unlabelled.map((u) => u.value));
  if (!siret && distinctUnlabelled.size === 1) {
    const u = unlabelled.reduce((a, b) => (b.confidence > a.confidence ? b : a));
    siret = { value: u.value, confidence: u.confidence };
    ids.lines.add(u.line);
  }

  // Hints (TAX_PAYER_ID, VENDOR_VAT_NUMBER) are read like a line, with less trust.
  for (const h of hints) {
    if (h.type !== 'TAX_PAYER_ID' && h.type !== 'VENDOR_VAT_NUMBER') continue;
    const digits = fixDigitConfusions(h.value).replace(/[\s.]/g, '');
    const c = clamp(h.confidence) * 0.6;
    if (/^\d{14}$/.test(digits) && isValidSiret(digits)) {
      if (siret?.value === digits) siret = { value: digits, confidence: round2(clamp(siret.confidence + 0.03, 0, 0.99)) };
      else if (!siret || siret.confidence < c) siret = { value: digits, confidence: round2(c) };
    }
    const v = /^FR([0-9A-HJ-NP-Z]{2})(\d{9})$/.exec(digits.toUpperCase());
    if (v && checkVatNumber(v[0]) === 'valid' && !vat) vat = { value: v[0], confidence: round2(c) };
  }

  // SIREN derived from the SIRET when not printed alone.
  if (siret) {
    const fromSiret = siret.value.slice(0, 9);
    if (!siren || (siren.value !== fromSiret && siren.confidence < siret.confidence)) {
      siren = { value: fromSiret, confidence: siret.confidence };
    } else if (siren.value === fromSiret) {
      siren = { value: fromSiret, confidence: round2(clamp(Math.max(siren.confidence, siret.confidence) + 0.02, 0, 0.99)) };
    }
  }
  // SIRET, SIREN and TVA that agree reinforce each other.
  if (siret && vat && vat.value.slice(4) === siret.value.slice(0, 9)) {
    siret = { value: siret.value, confidence: round2(clamp(siret.confidence + 0.05, 0, 0.99)) };
  }
  if (siret) ids.siret = siret;
  if (siren) ids.siren = siren;
  if (vat) ids.vatNumber = vat;
  return ids;
}

// ------------------------------------------------------------------------------------------------
// Phone, address
// ------------------------------------------------------------------------------------------------

const PHONE = /(?<![\d+])(?:(?:\+|00)\s?33\s?\(?0?\)?\s?([1-9])|0([1-9]))((?:[\s.\-/]?\d{2}){4})(?![\d])/g;

function readPhone(lines: Line[], hints: OcrHint[]): { phone?: Field<string>; lines: Set<number> } {
  const used = new Set<number>();
  let best: Field<string> | undefined;
  for (const line of lines) {
    for (const m of line.text.matchAll(PHONE)) {
      const digits = `0${m[1] ?? m[2]}${m[3]!.replace(/\D/g, '')}`;
      if (digits.length !== 10) continue;
      const labelled = /\bT[E3]L\b|\bTEL\.|TELEPHONE|PHONE|\bFAX\b|☎|\bTEL:/.test(line.fold);
      if (/\bFAX\b/.test(line.fold) && !/\bT[E3]L/.test(line.fold)) continue;
      used.add(line.index);
      const value = digits.replace(/(\d{2})(?=\d)/g, '$1 ');
      const confidence = round2((labelled ? 0.95 : 0.75) * ocrFactor(line));
      if (!best || confidence > best.confidence) best = { value, confidence };
    }
  }
  if (!best) {
    for (const h of hints.filter((x) => x.type === 'VENDOR_PHONE')) {
      const m = [...h.value.matchAll(PHONE)][0];
      if (m) {
        const digits = `0${m[1] ?? m[2]}${m[3]!.replace(/\D/g, '')}`;
        best = { value: digits.replace(/(\d{2})(?=\d)/g, '$1 '), confidence: round2(0.5 * clamp(h.confidence)) };
        break;
      }
    }
  }
  return best ? { phone: best, lines: used } : { lines: used };
}

const VOIE =
  "RUE|AVENUE|AVE|AV|BOULEVARD|BD|BLD|BVD|PLACE|PL|CHEMIN|CHE|CH|ALLEE|ALLEES|IMPASSE|IMP|QUAI|ROUTE|RTE|COURS|CRS|FAUBOURG|FBG|FG|SQUARE|SQ|PASSAGE|VOIE|PROMENADE|PROM|ESPLANADE|CHAUSSEE|PARVIS|ROND[- ]POINT|RD[- ]POINT|MAIL|SENTIER|RESIDENCE|RES|ZONE|ZA|ZI|ZAC|ZAE|CENTRE COMMERCIAL|CCIAL|C\\.C\\.|LIEU[- ]DIT|LD|HAMEAU|CITE|VILLA|TRAVERSE|MONTEE|RAMPE|RUELLE|GRANDE RUE|GRAND RUE|GRAND'RUE|LOTISSEMENT|PARC|DOMAINE|CLOS|CARREFOUR|ROCADE|CORNICHE|GALERIE|PORT|PONT|QUARTIER|VC|CD|RN";
const STREET_WITH_NUMBER = new RegExp(String.raw`(?<![\d,.])(\d{1,4}(?:\s?(?:BIS|TER|QUATER|B|T|A)\b)?)\s*,?\s+(${VOIE})\.?\s+\S`);
const STREET_NO_NUMBER = new RegExp(String.raw`^(${VOIE})\.?\s+(DE |DU |DES |D'|LA |LE |L'|[A-Z])`);

const POSTCODE_CITY =
  /(?<![\d,.])(?:F[- ]?)?((?:0[1-9]|[1-8]\d|9[0-8])\d{3})\s+([A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’\- ]*[A-Za-zÀ-ÖØ-öø-ÿ]|[A-ZÀ-Ö]{2,})/;
const NOT_A_CITY =
  /^(EUR|EUROS?|ART|ARTICLES?|TTC|HT|KG|G|GR|PIECES?|PCS|POINTS?|PTS|CAISSE|TICKET|X|CB|CARTE|TVA|TOTAL|VENDEUR|OPERATEUR|CLIENT|MAGASIN|TRANS|REF|AUTO|NUM)\b/;

interface Address {
  street?: Field<string>;
  postcode?: Field<string>;
  city?: Field<string>;
  lines: Set<number>;
}

function cleanCity(raw: string): string | undefined {
  let city = raw.split(/\s{2,}/)[0]!;
  city = city.replace(/\s+CEDEX(\s*\d+)?\b.*$/i, '').replace(/\s+(TEL|TÉL|FAX)\b.*$/i, '');
  city = city.replace(/[\s'’-]+$/, '').trim();
  if (city.replace(/[^A-Za-zÀ-ÿ]/g, '').length < 2) return undefined;
  if (NOT_A_CITY.test(fold(city))) return undefined;
  return city;
}

function readAddress(lines: Line[], hints: OcrHint[], itemsStart: number): Address {
  const out: Address = { lines: new Set() };
  const n = lines.length;
  let best: { postcode: string; city: string; score: number; line: Line } | undefined;
  for (const line of lines) {
    const m = POSTCODE_CITY.exec(line.text);
    if (!m) continue;
    const city = cleanCity(m[2]!);
    if (!city) continue;
    if (line.amounts.length > 0) continue;
    let score = 1;
    if (city === city.toUpperCase()) score += 0.5;
    if (line.index < itemsStart) score += 0.6; // header
    else if (line.index > n * 0.7) score += 0.2; // footer (legal mentions)
    const prev = lines[line.index - 1];
    if (STREET_WITH_NUMBER.test(line.fold) || (prev && STREET_WITH_NUMBER.test(prev.fold))) score += 0.5;
    if (!best || score > best.score) best = { postcode: m[1]!, city, score, line };
  }
  if (best) {
    const c = best.score >= 2 ? 0.92 : best.score >= 1.5 ? 0.85 : 0.65;
    out.postcode = { value: best.postcode, confidence: round2(c * ocrFactor(best.line)) };
    out.city = { value: best.city, confidence: round2(c * 0.95 * ocrFactor(best.line)) };
    out.lines.add(best.line.index);
  } else {
    const hint = hints.find((h) => h.type === 'ZIP_CODE' || h.type === 'VENDOR_ADDRESS' || h.type === 'ADDRESS');
    const m = hint ? POSTCODE_CITY.exec(hint.value.replace(/\n/g, ' ')) : null;
    if (hint && m) {
      out.postcode = { value: m[1]!, confidence: round2(0.45 * clamp(hint.confidence)) };
      const city = cleanCity(m[2]!);
      if (city) out.city = { value: city, confidence: round2(0.4 * clamp(hint.confidence)) };
    }
  }

  // Street: numbered first, near the postcode line, in the header.
  let street: { value: string; score: number; line: Line } | undefined;
  for (const line of lines) {
    if (line.amounts.length > 0 && !out.lines.has(line.index)) continue;
    const numbered = STREET_WITH_NUMBER.exec(line.upper);
    const bare = numbered ? null : STREET_NO_NUMBER.exec(line.upper);
    if (!numbered && !bare) continue;
    if (SIRET_LABEL.test(line.fold) || /\bTEL\b/.test(line.fold) && !numbered) continue;
    // The street is the text from the number (or the voie) up to a postcode on the same line.
    let value = line.text.slice((numbered ?? bare)!.index);
    const pc = POSTCODE_CITY.exec(value);
    if (pc && pc.index > 0) value = value.slice(0, pc.index);
    value = value.split(/\s{2,}/)[0]!.replace(/[\s,;-]+$/, '').trim();
    if (value.length < 4) continue;
    let score = numbered ? 1.5 : 0.8;
    if (best && Math.abs(best.line.index - line.index) <= 1) score += 0.8;
    if (line.index < itemsStart) score += 0.4;
    if (!street || score > street.score) street = { value, score, line };
  }
  if (street) {
    const c = street.score >= 2.5 ? 0.9 : street.score >= 1.9 ? 0.8 : 0.6;
    out.street = { value: street.value, confidence: round2(c * ocrFactor(street.line)) };
    out.lines.add(street.line.index);
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// Shop sign
// ------------------------------------------------------------------------------------------------

const GENERIC_LINE =
  /^(TICKET|TICKET DE CAISSE|TICKET CLIENT|BIENVENUE|BONJOUR|BONSOIR|CAISSE|CAISSIER|CAISSIERE|MERCI|FACTURE|FACTURETTE|DUPLICATA|COPIE|CLIENT|RECU|NOTE|ADDITION|VENTE|MAGASIN|HORAIRES?|OUVERT|TEL|TELEPHONE|FAX|WWW|HTTP|E-?MAIL|MAIL|SERVEUR|SERVEUSE|TABLE|COUVERTS?|VENDEUR|OPERATEUR|HOTE|HOTESSE|CUSTOMER|RECEIPT|INVOICE|SHIP TO|BILL TO|SOLD TO|SALE|STORE|DATE|HEURE|N°|NO|NUM|PAGE|CARTE|CB)\b/;
const GENERIC_ANYWHERE =
  /BIENVENUE|\bMERCI\b|A BIENTOT|\bWWW\.|HTTPS?:|@|\.COM\b|\.FR\b|TICKET DE CAISSE|\bSIRET\b|\bSIREN\b|\bRCS\b|\bAPE\b|\bNAF\b|\bTVA\b|\bCAPITAL\b|HORAIRE|OUVERT|\bCOPY\b|\bCOPIE\b|DUPLICATA/;
const FOREIGN_STREET = /^\d{1,5}\s+(\S+\s+){0,3}(STREET|ST|AVENUE|AVE|ROAD|RD|BLVD|DRIVE|DR|LANE|LN|WAY|HIGHWAY|HWY|STRASSE|STR|PLAZA)\b/;
/** A legal form at either end of the line (matched without dots: S.A.R.L.): the company, not the sign. */
const LEGAL_FORM = /^(SARL|SAS|SASU|EURL|SA|SNC|SCI|SELARL|EI|EIRL|SCOP|SCA)\b|\b(SARL|SAS|SASU|EURL|SA|SNC|SCI|SELARL|EIRL|SCOP)$/;
/** A slogan or tagline: speaking to the customer, exclaiming, or dating the house. */
const SLOGAN = /^(VOTRE|VOS|NOTRE|NOS)\b|!$|\bDEPUIS (18|19|20)\d\d\b|\bFONDEE? EN\b/;
/** The words of a table's column headings ("DESIGNATION  QTE  P.U.  MONTANT"). */
const COLUMN_HEADING =
  /^(DESIGNATIONS?|LIBELLES?|ARTICLES?|PRODUITS?|DESCRIPTION|QTES?|QT|QTY|QUANTITES?|PRIX|PU|UNIT|UNITAIRE|MONTANTS?|TOTAL|TVA|TX|TAUX|CODE|REF|EUR|TTC|HT|PRICE|AMOUNT|ITEMS?|X)$/;
const isColumnHeadings = (f: string) => {
  const words = f.replace(/[.:]/g, '').replace(/[/€]/g, ' ').split(' ').filter(Boolean);
  return words.length > 0 && words.every((w) => COLUMN_HEADING.test(w));
};
/** A word a name cannot end on: the sign goes on on the next line ("AU FOURNIL DE" / "LA GARE"). */
const CONNECTOR_END = /(?:^|\s)(DE|DU|DES|D'|L'|LA|LE|LES|AU|AUX|ET|&|CHEZ|A|SUR|EN|SOUS)$/;
/** The card slip's "LE 12/03/26 A 10:15:32", followed by the merchant's name as the bank knows it. */
const SLIP_DATE_LINE = /^LE \d{1,2}[/.-]\d{1,2}[/.-]\d{2,4} A \d{1,2}[:H]\d{2}/;
/** Webmail and platform domains, which name no shop. */
const NOT_A_SHOP_DOMAIN = /^(GMAIL|HOTMAIL|OUTLOOK|LIVE|YAHOO|ORANGE|WANADOO|FREE|SFR|LAPOSTE|NEUF|AOL|ICLOUD|GMX|FACEBOOK|INSTAGRAM|TRIPADVISOR|GOOGLE|PAGESJAUNES)$/;

const LETTER_CLASS = 'A-Za-zÀ-ÖØ-öø-ÿ';
/** A fragment at the end of a line that is no part of a name: a lone mark, a digit, one letter. */
const TWO_LETTERS = new RegExp(`[${LETTER_CLASS}]{2}`);
const isStray = (part: string) => part.trim().length <= 2 || !TWO_LETTERS.test(part);
/** A lone stroke at either end, one space off: the paper's edge or a fold read as 1, I, |, !, a bracket. */
const EDGE_STROKE_START = new RegExp(String.raw`^(?:[1I|!\[\](){}]\s+)+(?=[${LETTER_CLASS}'’])`);
const EDGE_STROKE_END = new RegExp(String.raw`(?<=[${LETTER_CLASS}])(?:\s+[1I|!\[\](){}])+$`);
/** A word at either end made of border marks (two stars, equals signs... at least) and at most one letter. */
const DECORATION_START = new RegExp(String.raw`^(?=\S*[*=#~_]\S*[*=#~_])[*=#~_.+-]*[${LETTER_CLASS}]?[*=#~_.+-]*\s+`);
const DECORATION_END = new RegExp(String.raw`\s+(?=\S*[*=#~_]\S*[*=#~_])[*=#~_.+-]*[${LETTER_CLASS}]?[*=#~_.+-]*$`);
/** A mark stuck to the first word, where a letter was (not a star or a quote: decoration, around a sign that may start with "À"). */
const MARK_STUCK_TO_WORD = new RegExp(`^[.,:;+|!]+(?=[${LETTER_CLASS}])`);

function cleanSign(text: string): string {
  // Marks set apart by a wide gap at either end are the paper's edge or a smudge read as letters
  // ("4      LA PETITE EPICERIE", "BOUCHERIE RENARD      E").
  const parts = text.split(/\s{2,}/);
  while (parts.length > 1 && isStray(parts[0]!)) parts.shift();
  while (parts.length > 1 && isStray(parts[parts.length - 1]!)) parts.pop();
  let s = parts.join('  ').trim().replace(EDGE_STROKE_START, '').replace(EDGE_STROKE_END, '');
  // A border of stars with one of them read as a letter ("**x CHEZ NATHAN ***"): all border.
  s = s.replace(DECORATION_START, '').replace(DECORATION_END, '');
  // The article's L lost at the paper's edge, leaving a mark or nothing: "'ATELIER FLORAL" (an
  // elision before a vowel), ".e Fournil de Maëlle", "+A PAGE BLANCHE" (a mark stuck to the word).
  s = s.replace(/^['’`´](?=[AEIOUYHÀÂÉÈÊËÎÏÔÛÙaeiouyhàâéèêëîïôûù][A-Za-zÀ-ÿ])/, "L'");
  const glued = MARK_STUCK_TO_WORD.test(s);
  s = s
    .replace(/^[\s*=#~_.\-+<>|"'«»:,;!]+|[\s*=#~_.\-+<>|"«»:]+$/g, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
  const m = /^(\S+)\s+(\S+)/.exec(s);
  if (m) {
    const [, first, next] = m as unknown as [string, string, string];
    const startsUpper = /^[A-ZÀ-Ö]/.test(next);
    const article = /^(LA|LE|LES|L'|L’)$/i.test(next);
    if (!article && ((/^(e|es)$/.test(first) && startsUpper) || (glued && /^(e|es|a|E|ES|A)$/.test(first)))) s = `L${s}`;
  }
  return s;
}

interface SignReading {
  text: string;
  key: string;
  confidence: number;
  /** A header line (not an echo found further down). */
  header: boolean;
  line: number;
}

/**
 * Two readings of one name: the same letters but for a few (one per five), or one holding the
 * other whole with a few letters more (cut at the paper's edge, or truncated on the card slip).
 */
function sameName(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length < 4) return false;
  if (long.includes(short) && short.length >= 6 && long.length - short.length <= 3) return true;
  return Math.abs(a.length - b.length) <= 2 && editDistance(a, b) <= Math.max(1, Math.floor(long.length / 5));
}

/** The shop's web or mail domain, as letters (`www.la-page-blanche.fr` -> `LAPAGEBLANCHE`). */
function domainKeys(lines: Line[]): string[] {
  const keys = new Set<string>();
  for (const line of lines) {
    const t = line.text.replace(/\s*\.\s*/g, '.').toLowerCase();
    for (const m of t.matchAll(/(?:https?:\/\/|www\.|@)([a-z0-9.-]+)\.(?:fr|com|net|org|eu|shop|store|bzh|paris|alsace|corsica|info|biz)\b/g)) {
      const label = m[1]!.split('.').pop()!;
      const key = nameKey(label.replace(/\d+/g, ''));
      if (key.length >= 4 && !NOT_A_SHOP_DOMAIN.test(key)) keys.add(key);
    }
  }
  return [...keys];
}

/**
 * The shop sign: the header line that reads best as a name (near the top, big, in capitals;
 * not a generic word, an address, a phone, a date, a company name, a slogan or a table's column
 * headings), cleaned of what the paper's edge and the borders leave at its ends, and joined with
 * the next line when it stops on "DE", "DU", "L'"... Then every other reading of that name is
 * weighed: the same line read twice by the engine, the merchant name the card slip prints under
 * its date, an echo in the footer; the spelling most of them agree on wins (a cut reading counts
 * for the whole one holding it), with the words of the other lines (the town, the company) to
 * settle a tie. A name nothing confirms is put right from the shop's web or mail domain where
 * that spells one or two letters otherwise. When the header has no name at all (cut off), the
 * card slip's merchant name is taken, with a low confidence.
 */
function readShopSign(
  lines: Line[],
  hints: OcrHint[],
  excluded: Set<number>,
  itemsStart: number,
  monthFirst: boolean,
  city?: string,
): Field<string> | undefined {
  const cityKey = city ? nameKey(city) : undefined;
  const heights = lines.map((l) => l.box?.height).filter((h): h is number => h !== undefined && h > 0);
  const medianHeight = heights.length ? [...heights].sort((a, b) => a - b)[Math.floor(heights.length / 2)]! : 0;
  const limit = Math.min(lines.length, Math.max(3, Math.min(itemsStart, 10)));
  interface Candidate {
    value: string;
    score: number;
    line: Line;
  }
  /** What a line would give as a sign, or undefined when it cannot be one. */
  const signOf = (line: Line): string | undefined => {
    // "Bienvenue chez Fleurs & Co": the sign is what follows.
    const welcome = /^[\s*=~-]*BIENVENUE\s+(?:CHEZ|A|À|AU|AUX|DANS VOTRE MAGASIN|DANS VOTRE BOUTIQUE)\s+(.{3,})$/i.exec(line.text);
    const value = cleanSign(welcome ? welcome[1]! : line.text);
    const f = fold(value);
    const letters = f.replace(/[^A-Z]/g, '').length;
    if (letters < 3 || letters / Math.max(1, f.replace(/\s/g, '').length) < 0.55) return undefined;
    if (GENERIC_LINE.test(f) || GENERIC_ANYWHERE.test(f) || isColumnHeadings(f)) return undefined;
    if (line.amounts.length > 0 || findDates(line.text, { monthFirst }).length || findTimes(line.text).length) return undefined;
    if (POSTCODE_CITY.test(line.text) || STREET_WITH_NUMBER.test(f) || FOREIGN_STREET.test(f)) return undefined;
    return value;
  };

  // The card slip names the merchant under its date line; any line further down that spells the
  // same name as a header line echoes the sign (the slip, a footer).
  const slipNames: SignReading[] = [];
  for (const line of lines.slice(limit)) {
    if (!SLIP_DATE_LINE.test(line.fold)) continue;
    const next = lines[line.index + 1];
    const value = next && !excluded.has(next.index) ? signOf(next) : undefined;
    if (next && value) slipNames.push({ text: value, key: nameKey(value), confidence: next.confidence, header: false, line: next.index });
  }
  const echoes: SignReading[] = [];
  for (const line of lines.slice(limit)) {
    if (excluded.has(line.index) || line.amounts.length > 0) continue;
    const value = cleanSign(line.text);
    const key = nameKey(value);
    if (key.length >= 4) echoes.push({ text: value, key, confidence: line.confidence, header: false, line: line.index });
  }

  const candidates: Candidate[] = [];
  let seen = 0;
  for (const line of lines.slice(0, limit)) {
    if (excluded.has(line.index)) continue;
    const value = signOf(line);
    if (!value) continue;
    const f = fold(value);
    const key = nameKey(value);
    let score = 3 - seen * 0.8 - line.index * 0.1;
    if (medianHeight && line.box) score += clamp(line.box.height / medianHeight - 1, 0, 1.5);
    if (value === value.toUpperCase()) score += 0.2;
    if (LEGAL_FORM.test(f.replace(/\./g, ''))) score -= 1.2;
    if (SLOGAN.test(line.fold)) score -= 1;
    // A line read with little confidence is more likely the table or a smudge than the sign.
    score += 1.5 * (Math.min(line.confidence, 0.9) - 0.8);
    // The town alone (printed again on the card slip, under the merchant's name) is no sign.
    if (key === cityKey) score -= 1.5;
    // Printed again further down (on the card slip, in the footer): the name the shop goes by.
    else if (echoes.some((e) => sameName(e.key, key))) score += 1;
    candidates.push({ value, score, line });
    seen++;
  }
  const vendorHints = hints.filter((h) => h.type === 'VENDOR_NAME' || h.type === 'NAME').map((h) => ({ ...h, f: fold(h.value) }));
  // AnalyzeExpense's address fields name lines that are addresses, not signs.
  const addressHints = hints.filter((h) => ADDRESS_HINT.test(h.type)).map((h) => fold(h.value.replace(/\s+/g, ' ')));
  const notAddress = candidates.filter((c) => {
    const f = fold(c.value);
    return !addressHints.some((a) => a.includes(f));
  });
  const ranked = notAddress.sort((a, b) => b.score - a.score);
  const best = ranked[0];
  if (!best) {
    // The header is cut off or unreadable: the card slip's merchant name, else the engine's guess.
    const slip = slipNames.sort((a, b) => b.confidence - a.confidence)[0];
    if (slip) return { value: slip.text, confidence: round2(0.6 * (0.4 + 0.6 * clamp(slip.confidence))) };
    const h = vendorHints.filter((x) => x.value.trim()).sort((a, b) => b.confidence - a.confidence)[0];
    return h ? { value: cleanSign(h.value), confidence: round2(0.45 * clamp(h.confidence)) } : undefined;
  }

  const value = joinSplitSign(best, candidates, excluded);
  const key = nameKey(value);
  // Every reading of that name: other header lines (a sign read twice), the echoes further down.
  const readings: SignReading[] = [{ text: value, key, confidence: best.line.confidence, header: true, line: best.line.index }];
  for (const c of candidates) {
    if (c !== best && sameName(nameKey(c.value), key)) {
      readings.push({ text: c.value, key: nameKey(c.value), confidence: c.line.confidence, header: true, line: c.line.index });
    }
  }
  for (const e of [...echoes, ...slipNames]) {
    if (sameName(e.key, key) && !readings.some((r) => r.line === e.line)) readings.push(e);
  }
  // The words of the other lines (town, company name, domain), to settle between readings.
  const readingLines = new Set(readings.map((r) => r.line));
  const context = new Set(
    lines
      .filter((l) => !readingLines.has(l.index) && l.amounts.length === 0)
      .flatMap((l) => fold(l.text).split(/[^A-Z0-9]+/))
      .filter((w) => w.length >= 4),
  );
  const voteOf = (r: SignReading) => {
    let vote = 0;
    for (const o of readings) {
      if (o.key === r.key) vote += 1;
      // A reading this one holds whole, with a few letters fewer: cut or truncated, the same name.
      // (Not when the letters more are a stray mark: "x CHEZ NATHAN" holds "CHEZ NATHAN".)
      else if (r.key.includes(o.key) && r.key.length - o.key.length <= 3 && wordLikeness(r.text) >= wordLikeness(o.text)) vote += 0.6;
    }
    const words = new Set(fold(r.text).split(/[^A-Z0-9]+/).filter((w) => w.length >= 4));
    for (const w of words) if (context.has(w)) vote += 0.25;
    return vote + 0.3 * clamp(r.confidence) + 0.1 * wordLikeness(r.text) + (r.header ? 0.05 : 0);
  };
  const chosen = readings.map((r) => ({ r, vote: voteOf(r) })).sort((a, b) => b.vote - a.vote)[0]!.r;
  // Of the readings spelling the chosen name, the header's (its case and accents as printed).
  let sign = readings.find((r) => r.key === chosen.key && r.header)?.text ?? chosen.text;
  const confirmed = readings.filter((r) => r.key === nameKey(sign)).length > 1;

  // The web or mail domain spells the name too: a letter misread, or the end cut off at the
  // paper's edge ("BRICO MORL", www.bricomoreau.fr), is put right when nothing else confirms it.
  let repaired = false;
  if (!confirmed) {
    const k = nameKey(sign);
    for (const d of domainKeys(lines)) {
      if (d === k || d.includes(k) || k.length < 5 || Math.abs(d.length - k.length) > 4) continue;
      // A domain shortens a name as it likes (letters the reading has and the domain lacks prove
      // nothing), but a letter it spells otherwise is a misreading.
      const r = respell(sign, d);
      if (r.deletions > 0 || r.substitutions === 0 || r.substitutions > 2 || r.insertions > 3) continue;
      if (r.substitutions + r.insertions > Math.max(1, Math.floor(k.length / 3))) continue;
      sign = r.text;
      repaired = true;
      break;
    }
  }

  let confidence = best.score >= 3 ? 0.85 : best.score >= 2 ? 0.75 : 0.6;
  // A sign read with little confidence, or that does not read as words, is a guess.
  confidence *= 0.4 + 0.6 * clamp(Math.max(best.line.confidence, confirmed ? chosen.confidence : 0));
  const plausible = wordLikeness(sign);
  if (plausible < 0.75) confidence *= 0.5 + 0.5 * plausible;
  const runnerUp = ranked.find((c) => c !== best && !sameName(nameKey(c.value), key));
  if (runnerUp && best.score - runnerUp.score < 0.3) confidence *= 0.85;
  if (confirmed) confidence += 0.05;
  if (repaired) confidence *= 0.9;
  const bf = fold(sign);
  if (vendorHints.some((h) => h.f && (bf.includes(h.f) || h.f.includes(bf)))) confidence += 0.08;
  return { value: sign, confidence: round2(clamp(confidence, 0, 0.99)) };
}

/**
 * A sign printed over two lines: the first ends on a word a name cannot end on ("AU FOURNIL DE" /
 * "MAELLE"). (Two lines printed at the same big size prove nothing: the trade under the sign is
 * often printed as big.)
 */
function joinSplitSign(best: { value: string; line: Line }, candidates: Array<{ value: string; line: Line }>, excluded: Set<number>): string {
  const byLine = new Map(candidates.map((c) => [c.line.index, c]));
  // Both halves read as words, clearly, and (where the engine gives boxes) printed at one size.
  const clear = (c: { value: string; line: Line }) => c.line.confidence >= 0.6 && wordLikeness(c.value) >= 0.75;
  const sameSize = (a: Line, b: Line) => !a.box || !b.box || Math.abs(a.box.height - b.box.height) <= 0.3 * Math.max(a.box.height, b.box.height);
  const continues = (upper: { value: string; line: Line }, lower: { value: string; line: Line }) =>
    !excluded.has(lower.line.index) &&
    !/\d/.test(lower.value) &&
    clear(upper) &&
    clear(lower) &&
    sameSize(upper.line, lower.line) &&
    !sameName(nameKey(upper.value), nameKey(lower.value)) &&
    CONNECTOR_END.test(fold(upper.value));
  let value = best.value;
  let top = best;
  let bottom = best;
  for (let k = 0; k < 2; k++) {
    const above = byLine.get(top.line.index - 1);
    const below = byLine.get(bottom.line.index + 1);
    if (below && continues({ value, line: bottom.line }, below)) {
      value = /['’]$/.test(value) ? `${value}${below.value}` : `${value} ${below.value}`;
      bottom = below;
    } else if (above && continues(above, { value, line: top.line })) {
      value = /['’]$/.test(above.value) ? `${above.value}${value}` : `${above.value} ${value}`;
      top = above;
    } else break;
  }
  return value;
}

const ADDRESS_HINT = /^(ADDRESS|ADDRESS_BLOCK|STREET|CITY|STATE|ZIP_CODE|COUNTRY|VENDOR_ADDRESS|RECEIVER_ADDRESS|RECEIVER_NAME)$/;
const SHORT_WORDS = new Set(['LA', 'LE', 'DE', 'DU', 'AU', 'ET', 'EN', 'A', 'L', 'D', 'LES', 'DES', 'AUX', 'SUR', 'ST', 'STE', 'CHEZ', '&']);

/** The share of a name's tokens that read as words (letters with a vowel, or short French words). */
function wordLikeness(value: string): number {
  const tokens = fold(value)
    .split(/[\s'’-]+/)
    .filter(Boolean);
  if (tokens.length === 0) return 0;
  const good = tokens.filter(
    (t) => SHORT_WORDS.has(t.replace(/[^A-Z&]/g, '')) || (/^[A-Z&.,]{3,}$/.test(t) && /[AEIOUY]/.test(t)) || /^\d+$/.test(t),
  ).length;
  return good / tokens.length;
}

// ------------------------------------------------------------------------------------------------
// Payment, ticket number, items
// ------------------------------------------------------------------------------------------------

const PAYMENT_PATTERNS: Array<[RegExp, PaymentMeans]> = [
  [/\bAPPLE ?PAY\b/, 'APPLE_PAY'],
  [/\bGOOGLE ?PAY\b|\bG ?PAY\b/, 'GOOGLE_PAY'],
  [/\b(TICKETS? RESTAURANT|TICKETS? RESTO|TITRES? RESTAURANT|TITRE-RESTAURANT|CHEQUES? DEJEUNER|SWILE|UP DEJEUNER|PASS RESTAURANT|EDENRED|APETIZ|T\.?R\.?)\b/, 'TITRE_RESTAURANT'],
  [/\bSANS CONTACT\b|\bCONTACTLESS\b|\bNFC\b/, 'CB_SANS_CONTACT'],
  [/\b(CB|C\.B\.?|CARTE BANCAIRE|CARTE BLEUE|CARTE|VISA|MASTERCARD|MASTER CARD|MAESTRO|AMEX|AMERICAN EXPRESS|CREDIT CARD|DEBIT CARD|EMV)\b/, 'CB'],
  [/\b(ESPECES|ESP|CASH|NUMERAIRE|LIQUIDE)\b/, 'ESPECES'],
  [/\b(CHEQUE|CHQ|CHEQUES)\b/, 'CHEQUE'],
  [/\bAVOIR\b/, 'AVOIR'],
];

function readPayment(lines: Line[], total: number | undefined, totalLine: number | undefined): Field<string> | undefined {
  interface Candidate {
    means: PaymentMeans;
    score: number;
    line: Line;
  }
  const found: Candidate[] = [];
  for (const line of lines) {
    const f = line.fold;
    if (/FIDELITE|CARTE (DE )?FIDELITE|CARTE CADEAU|CARTE CLIENT|RENDU|A RENDRE/.test(f)) continue;
    for (const [re, means] of PAYMENT_PATTERNS) {
      if (!re.test(f)) continue;
      let score = 1;
      if (total !== undefined && line.amounts.some((a) => a.cents === total)) score += 1;
      if (totalLine !== undefined && line.index >= totalLine) score += 0.5;
      if (/PAIEMENT|REGLEMENT|PAYE|MODE/.test(f)) score += 0.3;
      found.push({ means, score, line });
      break;
    }
  }
  if (found.length === 0) return undefined;
  // "CB" then "SANS CONTACT" on the card slip: contactless is the finer reading.
  const kinds = new Set(found.map((c) => c.means));
  if (kinds.has('CB') && kinds.has('CB_SANS_CONTACT')) {
    for (const c of found) if (c.means === 'CB') c.means = 'CB_SANS_CONTACT';
  }
  const best = found.sort((a, b) => b.score - a.score)[0]!;
  const distinct = new Set(found.map((c) => c.means)).size;
  let confidence = best.score >= 2 ? 0.9 : best.score >= 1.5 ? 0.8 : 0.65;
  if (distinct > 1) confidence *= 0.85;
  return { value: best.means, confidence: round2(confidence * ocrFactor(best.line)) };
}

const TICKET_LABELS: Array<[RegExp, number]> = [
  [/\b(?:N[°O]?\.?\s*(?:DE\s*)?TICKET|TICKET\s*(?:N[°O]?\.?|NO\.?|NUM(?:ERO)?\.?|#)?)\s*[:#]?\s*([A-Z0-9][A-Z0-9\-/.]{0,20})/, 0.9],
  [/\b(?:VENTE|FACTURE|FACT|BON|RECU|NOTE|COMMANDE|CDE)\s*(?:N[°O]?\.?|NO\.?|#)\s*[:#]?\s*([A-Z0-9][A-Z0-9\-/.]{0,20})/, 0.8],
  [/\b(?:TRANS(?:ACTION)?|TRX|TR#|TRANS\.)\s*(?:N[°O]?\.?|#|ID)?\s*[:#-]?\s*([A-Z0-9][A-Z0-9\-/]{0,20})/, 0.65],
  [/\b(?:REF|REFERENCE|INVOICE|RECEIPT)\s*(?:N[°O]?\.?|#|NO\.?)?\s*[:#-]?\s*([A-Z0-9][A-Z0-9\-/]{0,20})/, 0.5],
];

function readTicketNumber(lines: Line[], hints: OcrHint[], monthFirst: boolean): Field<string> | undefined {
  let best: Field<string> | undefined;
  for (const line of lines) {
    for (const [re, base] of TICKET_LABELS) {
      const m = re.exec(line.fold);
      const value = m?.[1]?.replace(/[.\-/]+$/, '');
      if (!value || !/\d/.test(value)) continue;
      if (findDates(value, { monthFirst }).length) continue;
      const confidence = round2(base * ocrFactor(line));
      if (!best || confidence > best.confidence) best = { value, confidence };
      break;
    }
  }
  if (!best) {
    const h = hints.find((x) => x.type === 'INVOICE_RECEIPT_ID' && /\d/.test(x.value));
    if (h) best = { value: h.value.trim(), confidence: round2(0.45 * clamp(h.confidence)) };
  }
  return best;
}

const NOT_AN_ITEM =
  /\b(TOTAL|T0TAL|SOUS[- ]?TOTAL|SUBTOTAL|NET A PAYER|A PAYER|TVA|T\.V\.A|H\.?T\b|TTC|RENDU|MONNAIE|ESPECES|CB|CARTE|CHEQUE|PAIEMENT|REGLEMENT|MONTANT|TAX|TEND|CHANGE|BALANCE|VISA|MASTERCARD|SANS CONTACT|AMOUNT|DUE|CASH)\b/;

function readItems(lines: Line[], start: number, end: number, excluded: Set<number>): Array<{ label: string; amountCents: number; quantity?: number }> {
  const items: Array<{ label: string; amountCents: number; quantity?: number }> = [];
  let pendingLabel: string | undefined;
  for (const line of lines.slice(start, end)) {
    if (excluded.has(line.index)) {
      pendingLabel = undefined;
      continue;
    }
    if (NOT_AN_ITEM.test(line.fold)) {
      pendingLabel = undefined;
      continue;
    }
    const amount = line.amounts[line.amounts.length - 1];
    const labelText = (amount ? line.text.slice(0, amount.index) : line.text).replace(/\s{2,}/g, ' ').trim();
    const letters = fold(labelText).replace(/[^A-Z]/g, '').length;
    if (!amount) {
      pendingLabel = letters >= 2 && !/^[-=*_ .]+$/.test(labelText) ? labelText : undefined;
      continue;
    }
    // "2 x 1,30" / "0,850 kg x 3,20 EUR/kg" details under a label line.
    // Quantities: "2 x BAGUETTE", "0,850 kg x 3,20 EUR/kg", "Menu du jour 2 x 15,50", "2 Menu du jour".
    let quantity: number | undefined;
    const num = (t: string) => Number(t.replace(',', '.'));
    let label = labelText
      .replace(/\s+\d+(?:[.,]\d+)?\s*(?:€|EUR)?\s*\/\s*(?:KG|L|U|UNIT|PCE|PIECE)\b.*$/i, '')
      .replace(/^(\d+(?:[.,]\d+)?)\s*(?:KG\s*)?[xX*]\s*/i, (_, q: string) => {
        quantity = num(q);
        return '';
      })
      .replace(/\s+(\d+(?:[.,]\d+)?)\s*[xX*]\s*(?:\d+[.,]\d{2}\s*(?:€|EUR)?)?\s*$/, (_, q: string) => {
        quantity ??= num(q);
        return '';
      })
      // "BAGUETTE 1,30   2,60": the unit price is not part of the label.
      .replace(/\s+\d+[.,]\d{2}\s*(?:€|EUR)?$/i, '')
      .replace(/^(\d{1,2})\s+(?=[A-Za-zÀ-ÿ])/, (_, q: string) => {
        quantity ??= num(q);
        return '';
      })
      .replace(/[\s:.\-]+$/, '')
      .trim();
    const detailOnly = fold(label).replace(/\b(KG|G|X|EUR|L|U|UNIT)\b/g, '').replace(/[^A-Z]/g, '').length < 2;
    if (detailOnly) {
      if (!pendingLabel) continue;
      label = pendingLabel;
    }
    pendingLabel = undefined;
    if (fold(label).replace(/[^A-Z]/g, '').length < 2) continue;
    items.push({
      label,
      amountCents: amount.cents,
      ...(quantity !== undefined && Number.isFinite(quantity) && quantity > 0 && quantity < 1000 ? { quantity } : {}),
    });
  }
  return items;
}

// ------------------------------------------------------------------------------------------------
// The parser
// ------------------------------------------------------------------------------------------------

export function parseReceipt(ocr: OcrResult): Extraction {
  const lines = prepareLines(ocr.lines ?? []);
  const hints = (ocr.hints ?? []).filter((h) => typeof h.value === 'string' && h.value.trim() !== '');
  const monthFirst = looksAmerican(lines);

  const ids = readIdentifiers(lines, hints);
  const { date, line: dateLine } = readDate(lines, hints, monthFirst);
  const time = readTime(lines, dateLine);
  const { field: rawTotal, line: totalLine } = readTotal(lines, hints);
  const phone = readPhone(lines, hints);

  // The header ends at the first line with an amount (the first item), or at the total.
  const firstAmountLine = lines.find((l) => l.amounts.length > 0 && !ids.lines.has(l.index))?.index ?? lines.length;
  const itemsStart = Math.min(firstAmountLine, totalLine ?? lines.length);
  const address = readAddress(lines, hints, itemsStart);

  const excluded = new Set<number>([...ids.lines, ...phone.lines, ...address.lines]);
  if (dateLine !== undefined) excluded.add(dateLine);
  const shopSign = readShopSign(lines, hints, excluded, itemsStart, monthFirst, address.city?.value);

  // Items: lines with an amount between the header and the total.
  const itemsEnd = totalLine ?? lines.length;
  let headerEnd = 0;
  for (const l of lines.slice(0, itemsEnd)) {
    if (l.amounts.length > 0 && !excluded.has(l.index)) break;
    headerEnd = l.index + 1;
  }
  // A label line right above the first priced line belongs to the items.
  const itemsFrom = Math.max(0, headerEnd > 0 && lines[headerEnd - 1] && !excluded.has(headerEnd - 1) ? headerEnd - 1 : headerEnd);
  const lineItems = totalLine !== undefined ? readItems(lines, itemsFrom, itemsEnd, excluded) : [];
  const total = rawTotal;

  const paymentMeans = readPayment(lines, total?.value, totalLine);
  const ticketNumber = readTicketNumber(lines, hints, monthFirst);

  // The receipt's confidence: the weakest of what the match stage needs, tempered by the rest.
  const identity = Math.max(
    ids.siret?.confidence ?? 0,
    Math.min(shopSign?.confidence ?? 0, address.postcode?.confidence ?? 0),
    ids.siren ? ids.siren.confidence * 0.9 : 0,
  );
  const core = [total?.confidence ?? 0, date?.confidence ?? 0, identity];
  let confidence = 0.6 * Math.min(...core) + 0.4 * (core.reduce((s, x) => s + x, 0) / core.length);
  if (!total && !date) confidence = Math.min(confidence, 0.15);
  else if (!total) confidence = Math.min(confidence, 0.3);
  else if (!date) confidence = Math.min(confidence, 0.4);
  if (!ids.siret && !(shopSign && address.postcode)) confidence = Math.min(confidence, 0.5);
  if (lines.length === 0) confidence = 0;

  const text = (ocr.lines ?? [])
    .map((l) => (typeof l?.text === 'string' ? l.text : ''))
    .join('\n')
    .slice(0, MAX_TEXT_LENGTH);

  const extraction = {
    engine: ocr.engine,
    ...(shopSign ? { shopSign } : {}),
    ...(ids.siret ? { siret: ids.siret } : {}),
    ...(ids.siren ? { siren: ids.siren } : {}),
    ...(ids.vatNumber ? { vatNumber: ids.vatNumber } : {}),
    ...(phone.phone ? { phone: phone.phone } : {}),
    ...(address.street ? { street: address.street } : {}),
    ...(address.postcode ? { postcode: address.postcode } : {}),
    ...(address.city ? { city: address.city } : {}),
    ...(date ? { purchaseDate: date } : {}),
    ...(time ? { purchaseTime: time } : {}),
    ...(total ? { totalCents: total } : {}),
    ...(paymentMeans ? { paymentMeans } : {}),
    ...(ticketNumber ? { ticketNumber } : {}),
    lineItems,
    confidence: round2(clamp(confidence)),
    ...(text ? { text } : {}),
  };
  return validated(extraction);
}

/** The extraction as the schema wants it; a field that fails (a bug, not a receipt) is dropped, not thrown. */
function validated(extraction: Record<string, unknown>): Extraction {
  const first = Extraction.safeParse(extraction);
  if (first.success) return first.data;
  const bad = new Set(first.error.issues.map((i) => String(i.path[0])));
  const kept = Object.fromEntries(Object.entries(extraction).filter(([k]) => !bad.has(k) || k === 'engine'));
  if (bad.has('lineItems')) kept.lineItems = [];
  if (bad.has('confidence')) kept.confidence = 0;
  return Extraction.parse(kept);
}
