/**
 * Total: the amount paid, from the lines with a total label, ranked by their labels and by what
 * corroborates them.
 */
import type { OcrHint } from '../../ocr/types';
import { parseAmount } from '../text';
import { type Field, type Line, clamp, round2, ocrFactor, tokenConfidence } from './common';
import { type AmountEvidence, amountEvidence, checksOf, roundedBy, roundings } from './cross-checks';
import { wordFactor } from './date-time';
import { HARD_NOT_TOTAL, SOFT_NOT_TOTAL, totalLabelScore, labelLetters } from './labels';

export interface TotalReading {
  field?: Field<number>;
  /** Line index of the chosen total, to bound the line items. */
  line?: number;
  /** The cross-checks that agree on the chosen total (cross-checks.ts), and whether a total label names it. */
  checks?: { items: boolean; vat: boolean; cash: boolean; repeated: boolean; labelled: boolean; count: number };
}

/** A payment line: card, cash, cheque, voucher. */
const PAYMENT_LINE =
  /\b(CB|C\.B\.?|CARTE|CARTE BANCAIRE|VISA|MASTERCARD|MAESTRO|AMEX|SANS CONTACT|CONTACTLESS|ESPECES|ESP|CASH|CHEQUE|CHQ|TICKETS? RESTAURANT|TITRES? RESTAURANT|AVOIR|PAIEMENT|CARD|CREDIT|DEBIT|EFTPOS|TENDER\w*|PAID)\b/;

/** A discount among the items: counted (negative) in their sum. */
const DISCOUNT = /\b(REMISES?|PROMO\w*|REDUC\w*|RABAIS|BON DE REDUCTION|BON D'ACHAT|COUPON|DISCOUNTS?|RABATT)\b/;

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
 * gives a candidate amount, and so does every amount that the receipt's arithmetic confirms
 * whatever its label (cross-checks.ts: the items adding up to it, the VAT table's gross column,
 * cash tendered minus change, printed again on the payment line or the card slip), in any
 * language. Candidates are grouped by value and ranked by their labels, then by what
 * corroborates them (arithmetic outranks a label). The confidence says how much of that was
 * found: a total read once, on a doubtful line, with nothing to confirm it, stays under the
 * review threshold, and so does an amount without cents; an amount with no label the parser
 * knows needs two checks agreeing to pass it, three to be sure.
 */
export function readTotal(lines: Line[], hints: OcrHint[]): TotalReading {
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

  // Amounts the arithmetic confirms, whatever the words beside them (a label the parser does not
  // know, another language, or a label misread): candidates too, without a label's score. Lines
  // the parser knows to be a sub-total, change, a discount or a tax give none.
  const notTotal = (l: Line) => totalLabelScore(l.fold) === 0 && (HARD_NOT_TOTAL.test(l.fold) || SOFT_NOT_TOTAL.test(l.fold));
  const evidence = amountEvidence(lines, notTotal);
  const labelledValues = new Set(candidates.map((c) => c.cents));
  for (const e of evidence.values()) {
    if (labelledValues.has(e.cents) || !(e.items || e.vat || e.cash)) continue;
    const first = lines[Math.min(...e.lines.filter((k) => !notTotal(lines[k]!)))]!;
    candidates.push({ cents: e.cents, score: 0, line: first, strength: 0, integer: false });
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
  const change = labelledAmount(lines, /\b(RENDU|A RENDRE|MONNAIE|CHANGE|RUCKGELD|BALANCE(?! ?DUE))\b/);

  // Group by value: a total printed as TOTAL, then CB, then on the card slip, is one value.
  const byValue = new Map<number, Candidate[]>();
  for (const c of kept) byValue.set(c.cents, [...(byValue.get(c.cents) ?? []), c]);
  const ranked = [...byValue.entries()]
    .map(([cents, cs]) => {
      const ev: AmountEvidence | undefined = evidence.get(cents);
      const scores = cs.map((c) => c.score).sort((a, b) => b - a);
      const lineCount = Math.max(new Set(cs.map((c) => c.line.index)).size, ev?.lines.length ?? 0);
      const itemsAgree = cs.some((c) => sums[c.line.index] === cents) || Boolean(ev?.items);
      const taxAgrees = ht !== undefined && tva !== undefined && ht + tva === cents;
      const cashAgrees = (given !== undefined && change !== undefined && change >= 0 && given - change === cents) || Boolean(ev?.cash);
      const tableAgrees = tableTtc === cents || Boolean(ev?.vat);
      // Several payments adding up to it (a meal voucher and a card): the cash line is "given".
      const paymentsAgree = cs.some((c) => {
        const paid = payments(c.line.index);
        return paid !== undefined && paid === cents && !lines.slice(c.line.index + 1).some((l) => l.amounts.some((a) => a.cents === cents) && PAYMENT_LINE.test(l.fold));
      });
      const hintAgrees = hintTotals.some((h) => h.cents === cents);
      // Arithmetic on other lines confirms a value more than its label does: it outranks it.
      const arithmetic = (itemsAgree ? 1.5 : 0) + (taxAgrees ? 1 : 0) + (tableAgrees ? 1 : 0) + (cashAgrees ? 1 : 0) + (paymentsAgree ? 1 : 0);
      const support = Math.min(2, lineCount - 1) + arithmetic + (hintAgrees ? 0.5 : 0);
      const strongest = Math.max(...cs.map((c) => c.strength));
      // A value no label names is ranked by its checks alone; printed again counts a little.
      const total =
        scores[0]! + 0.35 * scores.slice(1).reduce((s, x) => s + x, 0) + 4 * arithmetic + (hintAgrees ? 1 : 0) + (strongest === 0 && lineCount > 1 ? 2 : 0);
      // The independent checks that agree: each counts once, however it was found.
      const checks = {
        items: itemsAgree,
        vat: tableAgrees || taxAgrees,
        cash: cashAgrees || paymentsAgree,
        repeated: lineCount > 1,
        labelled: strongest >= 8.5,
      };
      const count = Number(checks.items) + Number(checks.vat) + Number(checks.cash) + Number(checks.repeated);
      return {
        cents,
        cs,
        total,
        support,
        strongest,
        integer: cs.every((c) => c.integer),
        checks: { ...checks, count },
      };
    })
    .sort((a, b) => b.total - a.total || b.cents - a.cents);

  // A total and the same total rounded by a rounding line ("TOTAL 130,38", "ROUNDING -0,03",
  // "NETT TOTAL 130,35") are one total, not two readings disputing it: the rounded one, printed
  // below, is what was paid.
  const printedRoundings = roundings(lines);
  const lowest = (r: (typeof ranked)[number]) => Math.max(...r.cs.map((c) => c.line.index));
  const linked = (x: (typeof ranked)[number], y: (typeof ranked)[number]) =>
    roundedBy(x.cents, y.cents, printedRoundings) || roundedBy(y.cents, x.cents, printedRoundings);
  let top = ranked[0]!;
  const roundedTo = ranked.slice(1).find((r) => linked(top, r) && r.strongest >= 8.5 && top.strongest > 0 && lowest(r) > lowest(top));
  if (roundedTo) top = roundedTo;
  const others = ranked.filter((r) => r !== top && !linked(top, r));
  const best = top;
  const runnerUp = others[0];
  const bestLine = best.cs.reduce((a, b) => (b.strength > a.strength ? b : a)).line;

  let confidence: number;
  if (best.strongest > 0) {
    confidence = best.strongest >= 9 ? 0.9 : best.strongest >= 8 ? 0.85 : best.strongest >= 5 ? 0.6 : 0.45;
    confidence *= ocrFactor(bestLine);
    confidence += 0.04 * Math.min(best.support, 3);
    if (best.support === 0) {
      // Read once and confirmed by nothing: only as sure as the OCR was of that line.
      confidence = Math.min(confidence, 0.45 + 0.4 * clamp((bestLine.confidence - 0.5) / 0.45));
      if (best.integer) confidence = Math.min(confidence, 0.45);
      // A payment line or a weak label (CB, MONTANT) alone: a card slip's amount, or an item's.
      if (best.strongest < 8) confidence = Math.min(confidence, 0.55);
      // And only as sure as the word the amount was read from: one faded digit in a line read well.
      const printed = bestLine.amounts.find((a) => a.cents === best.cents);
      if (printed && bestLine.words?.length) confidence *= wordFactor(tokenConfidence(bestLine, printed.raw));
    }
    // A weak label (a payment line, MONTANT) that two checks confirm is as sure as they are.
    if (best.checks.count >= 2) confidence = Math.max(confidence, byChecks(best.checks.count) * ocrFactor(bestLine));
  } else {
    // No label: as sure as the number of checks agreeing (one is a coincidence, not a total).
    confidence = byChecks(best.checks.count) * ocrFactor(bestLine);
  }
  if (runnerUp) {
    const ratio = runnerUp.total / best.total;
    // Two values read with total labels: keep the stronger, but doubt it.
    if (runnerUp.strongest >= 8 && ratio > 0.5 && runnerUp.support >= best.support) confidence *= 0.7;
    else if (ratio > 0.8) confidence *= 0.75;
    else if (ratio > 0.5) confidence *= 0.9;
    // Another value that as many checks confirm: one of the two is misread.
    if (runnerUp.checks.count >= 2 && runnerUp.checks.count >= best.checks.count - 1 && runnerUp.strongest === 0) confidence *= 0.7;
    // A payment line (CB, MONTANT...) with another amount, and nothing settling it: one of the
    // two is misread (or the payment was split, which staff can see).
    const paidOtherwise = others.some((r) => r.strongest >= 5 && r.cs.some((c) => c.line.index > bestLine.index));
    if (paidOtherwise && best.support - Math.min(2, best.cs.length - 1) < 1) confidence *= 0.75;
  }
  // Hints disagreeing: AnalyzeExpense read another total.
  if (hintTotals.length > 0 && !hintTotals.some((h) => h.cents === best.cents)) confidence *= 0.85;
  return { field: { value: best.cents, confidence: round2(clamp(confidence, 0, 0.99)) }, line: bestLine.index, checks: best.checks };
}

/** The confidence in a total that `count` independent checks agree on, before the OCR's own. */
export function byChecks(count: number): number {
  return count >= 3 ? 0.9 : count === 2 ? 0.74 : count === 1 ? 0.45 : 0.3;
}
