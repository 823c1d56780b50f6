/**
 * Cross-checks of the total that hold in any language and any layout: arithmetic on the amounts a
 * receipt prints, not the words beside them. For every amount printed on the receipt:
 *
 * - items: the amounts of the lines above it (from the first priced line) add up to it. A line
 *   that only gives a unit price ("3 X 0,99", the line below saying 2,97) is not counted twice,
 *   and a line whose amount is the sum so far (a sub-total, the total itself) is a sum, not an item;
 * - VAT: the VAT table's gross column adds up to it. A row is read by its arithmetic, whatever its
 *   columns' order or headings: a rate r, and amounts net n, tax t, gross g with n + t = g and
 *   t = r x n (one cent or so of rounding); a tax row alone pairs with a net printed beside it
 *   ("incl. 19 % VAT 18,36" / "net 96,62"), or is the tax included in the amount at the one rate;
 * - cash: cash tendered minus the change given, on two amount lines below it (the change printed
 *   positive or negative);
 * - repeated: it is printed again on another line below (the payment line, the card slip).
 *
 * Each check alone can be a coincidence; several agreeing on one amount cannot, and the total's
 * confidence says how many did (see total.ts).
 */
import type { Line } from './common';

/** What the arithmetic of a receipt says about one amount. */
export interface AmountEvidence {
  cents: number;
  /** Lines where the amount is printed (as any amount of the line, VAT rows left out). */
  lines: number[];
  items: boolean;
  vat: boolean;
  cash: boolean;
  repeated: boolean;
}

/** How many of the checks agree on the amount. */
export const checksOf = (e: AmountEvidence | undefined): number =>
  e ? Number(e.items) + Number(e.vat) + Number(e.cash) + Number(e.repeated) : 0;

/** A VAT rate printed on a line ("7,0%", "19.00 %", "TVA 20%", "GST @6%"), as a fraction; undefined if none. */
export function rateOf(text: string): number | undefined {
  const m = /(?<![\d.,])(\d{1,2}(?:[.,]\d{1,3})?)\s?%/.exec(text);
  if (!m) return undefined;
  const r = Number(m[1]!.replace(',', '.'));
  return r >= 1 && r <= 27 ? r / 100 : undefined;
}

/** The positive amounts with cents on a line, left to right. */
const centsOf = (line: Line) => line.amounts.filter((a) => !a.integer && a.cents > 0).map((a) => a.cents);

/** t is the tax on a net amount n at rate r, give or take the rounding of a few lines. */
export const taxOnNet = (n: number, t: number, r: number) => n > 0 && t > 0 && t < n && Math.abs(t - r * n) <= 2 + 0.005 * t;
/** t is the tax included in a gross amount g at rate r. */
export const taxInGross = (g: number, t: number, r: number) => g > 0 && t > 0 && t < g && Math.abs(t - (r * g) / (1 + r)) <= 2 + 0.005 * t;

/**
 * The gross amount of one VAT row (rate and amounts on one line), from its arithmetic; the tax
 * alone when that is all the row gives; undefined when its amounts are not a VAT row's.
 */
export function vatRowGross(rate: number, amounts: number[]): { gross: number } | { tax: number } | undefined {
  if (amounts.length >= 3) {
    // Any order: tax, net, gross (German tills) or net, tax, gross (French).
    const g = Math.max(...amounts);
    const rest = amounts.filter((a, k) => k !== amounts.indexOf(g));
    for (const n of rest) for (const t of rest) if (n !== t && Math.abs(n + t - g) <= 1 && taxOnNet(n, t, rate)) return { gross: g };
    // A row with more columns than that (a code, a count): any three that add up.
    for (const [i, n] of amounts.entries()) {
      for (const [j, t] of amounts.entries()) {
        if (i === j || !taxOnNet(n, t, rate)) continue;
        if (amounts.some((g2, k) => k !== i && k !== j && Math.abs(n + t - g2) <= 1)) return { gross: n + t };
      }
    }
    return undefined;
  }
  if (amounts.length === 2) {
    const [x, y] = amounts as [number, number];
    if (taxOnNet(x, y, rate) || taxOnNet(y, x, rate)) return { gross: x + y };
    if (taxInGross(x, y, rate) || taxInGross(y, x, rate)) return { gross: Math.max(x, y) };
    return undefined;
  }
  if (amounts.length === 1) return { tax: amounts[0]! };
  return undefined;
}

interface VatReading {
  /** The gross column's sum, when every VAT row gave its gross. */
  gross?: number;
  /** The tax of the one rate printed, when the rows give only that: checked against a candidate. */
  taxOnly?: { rate: number; tax: number };
  /** Lines read as VAT rows. */
  rows: Set<number>;
}

/** The VAT table (or lines) of a receipt, read by arithmetic. */
export function readVat(lines: Line[]): VatReading {
  const rows = new Set<number>();
  const grossByRow = new Map<string, number>();
  const taxes: Array<{ rate: number; tax: number; line: number }> = [];
  let unexplained = 0;
  for (const line of lines) {
    const rate = rateOf(line.text);
    if (rate === undefined) continue;
    const amounts = centsOf(line);
    if (amounts.length === 0) continue;
    const read = vatRowGross(rate, amounts);
    if (!read) continue;
    rows.add(line.index);
    if ('gross' in read) {
      // The same row printed twice (receipt and slip) counts once.
      grossByRow.set(`${rate}:${amounts.join(',')}`, read.gross);
      continue;
    }
    // A tax alone: its net may be printed on a line beside it, without a rate.
    let paired = false;
    for (const k of [line.index + 1, line.index - 1, line.index + 2, line.index - 2]) {
      const other = lines[k];
      if (!other || rateOf(other.text) !== undefined) continue;
      const net = centsOf(other);
      if (net.length !== 1) continue;
      if (taxOnNet(net[0]!, read.tax, rate)) {
        grossByRow.set(`${rate}:${read.tax}`, net[0]! + read.tax);
        rows.add(other.index);
        paired = true;
        break;
      }
    }
    if (!paired) {
      taxes.push({ rate, tax: read.tax, line: line.index });
      unexplained++;
    }
  }
  const out: VatReading = { rows };
  if (grossByRow.size > 0 && unexplained === 0) out.gross = [...grossByRow.values()].reduce((s, g) => s + g, 0);
  const distinctTaxes = new Map(taxes.map((t) => [`${t.rate}:${t.tax}`, t]));
  if (grossByRow.size === 0 && distinctTaxes.size === 1) {
    const t = [...distinctTaxes.values()][0]!;
    out.taxOnly = { rate: t.rate, tax: t.tax };
  }
  return out;
}

/** A quantity and a unit price on a line ("3 X 0,99", "0,512 kg x 2,99 EUR/kg", "2 * 1,50"): the quantity. */
function quantityOf(text: string): number | undefined {
  const m = /(?<![\d.,])(\d{1,3}(?:[.,]\d{1,3})?)\s*(?:KG|G|L|STK|ST|PCS?|U)?\s*[xX*×]\s*(?=\d|[A-Za-z]*\s*\d|$)/i.exec(text);
  if (!m) return undefined;
  const q = Number(m[1]!.replace(',', '.'));
  return q > 0 ? q : undefined;
}

/**
 * The sum of the item amounts above each line: `sums[k]` and `counts[k]` add the last amount of
 * every priced line from the first down to line k - 1. Not counted: VAT rows, a line giving only
 * a unit price that the line below multiplies, and a line whose amount is the sum so far (a
 * sub-total or the total: a sum, not an item).
 */
export function runningSums(lines: Line[], vatRows: Set<number> = new Set()): { sums: number[]; counts: number[] } {
  const sums: number[] = [];
  const counts: number[] = [];
  let sum = 0;
  let count = 0;
  const priced = (l: Line | undefined) => {
    const a = l?.amounts[l.amounts.length - 1];
    return a && !a.integer ? a : undefined;
  };
  for (const line of lines) {
    sums.push(count > 0 ? sum : Number.NaN);
    counts.push(count);
    const amount = priced(line);
    if (!amount || vatRows.has(line.index) || rateOf(line.text) !== undefined) continue;
    if (count >= 2 && amount.cents === sum) continue;
    // A unit price the next priced line multiplies: "3 X 0,99" above "RIEGEL 2,97".
    const q = quantityOf(line.text);
    if (q !== undefined && line.amounts.length === 1) {
      const next = [lines[line.index + 1], lines[line.index + 2]].map(priced).find(Boolean);
      if (next && q * amount.cents !== amount.cents && Math.abs(next.cents - q * amount.cents) <= 1) continue;
    }
    sum += amount.cents;
    count++;
  }
  return { sums, counts };
}

/**
 * Cash tendered and change given: two amount lines in a row (at most one line between), the
 * first larger than the amount, the second the difference (printed positive or negative).
 * Returns the amounts (in cents) they settle, with the line each pair starts on.
 */
export function cashSettlements(lines: Line[]): Array<{ cents: number; line: number }> {
  const out: Array<{ cents: number; line: number }> = [];
  const last = (l: Line) => l.amounts[l.amounts.length - 1];
  for (const line of lines) {
    const given = last(line);
    if (!given || given.integer || given.cents <= 0 || line.amounts.length > 2) continue;
    for (const k of [line.index + 1, line.index + 2]) {
      const next = lines[k];
      const change = next && last(next);
      if (!next || !change) {
        if (next && next.amounts.length === 0) continue;
        break;
      }
      if (change.integer || change.cents === 0 || next.amounts.length > 2) break;
      const settled = given.cents - Math.abs(change.cents);
      if (settled > 0) out.push({ cents: settled, line: line.index });
      break;
    }
  }
  return out;
}

/**
 * Every positive amount with cents the receipt prints, with the checks that agree on it. `notTotal`
 * says which lines can never hold the total (a sub-total or change label, where the parser knows
 * the words): an amount printed only there gets no evidence.
 */
export function amountEvidence(lines: Line[], notTotal: (line: Line) => boolean = () => false): Map<number, AmountEvidence> {
  const vat = readVat(lines);
  const { sums, counts } = runningSums(lines, vat.rows);
  const cash = cashSettlements(lines);
  const byValue = new Map<number, AmountEvidence>();
  for (const line of lines) {
    if (vat.rows.has(line.index)) continue;
    for (const a of line.amounts) {
      if (a.integer || a.cents <= 0) continue;
      let e = byValue.get(a.cents);
      if (!e) {
        e = { cents: a.cents, lines: [], items: false, vat: false, cash: false, repeated: false };
        byValue.set(a.cents, e);
      }
      if (!e.lines.includes(line.index)) e.lines.push(line.index);
    }
  }
  for (const [cents, e] of byValue) {
    const usable = e.lines.filter((k) => !notTotal(lines[k]!));
    if (usable.length === 0) {
      byValue.delete(cents);
      continue;
    }
    const first = Math.min(...usable);
    const isLast = (k: number) => lines[k]!.amounts[lines[k]!.amounts.length - 1]?.cents === cents;
    e.items = usable.some((k) => isLast(k) && counts[k]! >= 2 && sums[k] === cents);
    e.vat = (vat.gross !== undefined && vat.gross === cents) || (vat.taxOnly !== undefined && taxInGross(cents, vat.taxOnly.tax, vat.taxOnly.rate));
    // Tendered and change below the amount (or right above it, on tills that print them first).
    e.cash = cash.some((c) => c.cents === cents && c.line > first - 3 && !e.lines.includes(c.line));
    e.repeated = usable.length >= 2;
  }
  return byValue;
}
