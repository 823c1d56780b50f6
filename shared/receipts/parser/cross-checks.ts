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
  const row = vatRow(rate, amounts);
  return row && 'gross' in row ? { gross: row.gross } : row;
}

/** A VAT row's gross and the tax in it; the tax alone when that is all the row gives. */
function vatRow(rate: number, amounts: number[]): { gross: number; tax: number } | { tax: number } | undefined {
  if (amounts.length >= 3) {
    // Any order: tax, net, gross (German tills) or net, tax, gross (French).
    const g = Math.max(...amounts);
    const rest = amounts.filter((a, k) => k !== amounts.indexOf(g));
    for (const n of rest) for (const t of rest) if (n !== t && Math.abs(n + t - g) <= 1 && taxOnNet(n, t, rate)) return { gross: g, tax: t };
    // A row with more columns than that (a code, a count): any three that add up.
    for (const [i, n] of amounts.entries()) {
      for (const [j, t] of amounts.entries()) {
        if (i === j || !taxOnNet(n, t, rate)) continue;
        if (amounts.some((g2, k) => k !== i && k !== j && Math.abs(n + t - g2) <= 1)) return { gross: n + t, tax: t };
      }
    }
    return undefined;
  }
  if (amounts.length === 2) {
    const [x, y] = amounts as [number, number];
    if (taxOnNet(x, y, rate)) return { gross: x + y, tax: y };
    if (taxOnNet(y, x, rate)) return { gross: x + y, tax: x };
    if (taxInGross(x, y, rate)) return { gross: x, tax: y };
    if (taxInGross(y, x, rate)) return { gross: y, tax: x };
    return undefined;
  }
  if (amounts.length === 1) return { tax: amounts[0]! };
  return undefined;
}

/** A zero rate printed on a line ("ZR @ 0%", "0,00 %"): a VAT row whose net is its gross, in a table with other rates. */
const ZERO_RATE = /(?<![\d.,])0(?:[.,]0{1,3})?\s?%/;

interface VatReading {
  /** The gross column's sum, when every VAT row gave its gross. */
  gross?: number;
  /** The tax of the one rate printed, when the rows give only that: checked against a candidate. */
  taxOnly?: { rate: number; tax: number };
  /** Lines read as VAT rows. */
  rows: Set<number>;
}

/**
 * The VAT table (or lines) of a receipt, read by arithmetic. A row gives its gross (net + tax at
 * its rate); a line giving only a tax is paired with the net printed beside it ("GST 6%  2,26"
 * under "SUB TOTAL 37,63"). The gross column's sum is trusted only when every rated line near the
 * table is explained: a row, its tax printed again, the sum of the taxes (a TOTAL TVA line) or the
 * sum of the gross column (a total line that names its rate, "TOTAL INCL. GST @6%  36,30"). A line
 * of the items with a percentage in its name ("STEAK HACHE 15%"), far above the table, does not
 * count. Zero-rated rows ("ZR @ 0%  11,50  0,00") add their amount, in a table with other rates.
 */
export function readVat(lines: Line[]): VatReading {
  const rows = new Set<number>();
  const grossByRow = new Map<string, { gross: number; tax: number; line: number }>();
  const zeroRated = new Map<number, number>();
  const lone: Array<{ rate: number; tax: number; line: number }> = [];
  for (const line of lines) {
    const rate = rateOf(line.text);
    const amounts = centsOf(line);
    if (amounts.length === 0) continue;
    if (rate === undefined) {
      // A zero-rated row: one amount, or the same amount twice (net and gross), the tax 0,00.
      if (ZERO_RATE.test(line.text) && new Set(amounts).size === 1 && amounts.length <= 2) zeroRated.set(line.index, amounts[0]!);
      continue;
    }
    const read = vatRow(rate, amounts);
    if (!read) continue;
    if ('gross' in read) {
      rows.add(line.index);
      // The same row printed twice (receipt and slip) counts once.
      grossByRow.set(`${rate}:${amounts.join(',')}`, { gross: read.gross, tax: read.tax, line: line.index });
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
        grossByRow.set(`${rate}:${read.tax}`, { gross: net[0]! + read.tax, tax: read.tax, line: line.index });
        rows.add(line.index);
        rows.add(other.index);
        paired = true;
        break;
      }
    }
    if (!paired) lone.push({ rate, tax: read.tax, line: line.index });
  }
  const out: VatReading = { rows };
  const table = [...grossByRow.values()];
  if (table.length > 0) {
    const first = Math.min(...table.map((r) => r.line));
    const last = Math.max(...table.map((r) => r.line));
    // Zero-rated rows belong to the table when they sit in it.
    const zeros = [...zeroRated].filter(([k]) => k >= first - 3 && k <= last + 3);
    for (const [k] of zeros) rows.add(k);
    const gross = table.reduce((sum, r) => sum + r.gross, 0) + zeros.reduce((sum, [, c]) => sum + c, 0);
    const taxSum = table.reduce((sum, r) => sum + r.tax, 0);
    const explained = (l: { tax: number; line: number }) =>
      l.line < first - 6 || l.tax === gross || l.tax === taxSum || table.some((r) => r.tax === l.tax || r.gross === l.tax);
    if (lone.every(explained)) out.gross = gross;
  }
  const distinctTaxes = new Map(lone.map((t) => [`${t.rate}:${t.tax}`, t]));
  if (grossByRow.size === 0 && distinctTaxes.size === 1) {
    const t = [...distinctTaxes.values()][0]!;
    out.taxOnly = { rate: t.rate, tax: t.tax };
  }
  return out;
}

/**
 * Small amounts printed alone on a line (at most 5 cents, either sign): a rounding to the
 * nearest 5 or 10 cents ("ROUNDING ADJ -0.02", "Arrondi 0,01", in any language). A total may be
 * another amount plus one of them.
 */
export function roundings(lines: Line[]): number[] {
  const out = new Set<number>();
  for (const line of lines) {
    if (line.amounts.length !== 1 || rateOf(line.text) !== undefined) continue;
    const a = line.amounts[0]!;
    if (!a.integer && a.cents !== 0 && Math.abs(a.cents) <= 5) out.add(a.cents);
  }
  return [...out];
}

/** `to` is `from` rounded by one of the printed roundings (printed with its sign or without). */
export const roundedBy = (from: number, to: number, printed: readonly number[]): boolean =>
  from !== to && printed.some((r) => from + r === to || Math.abs(to - from) === Math.abs(r));

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
 * sub-total or the total: a sum, not an item). A line with a rate and one amount is a tax added
 * to the items on receipts whose prices leave it out ("GST 6%  2,26" above the total), and an
 * item elsewhere ("STEAK HACHE 15%  18,90"), and neither on receipts whose prices include it
 * ("MwSt 19%  1,83" above the total): `taxed[k]` is the sum counting those lines, `sums[k]` the
 * sum leaving them out.
 */
export function runningSums(lines: Line[], vatRows: Set<number> = new Set()): { sums: number[]; counts: number[]; taxed: number[] } {
  const sums: number[] = [];
  const counts: number[] = [];
  const taxed: number[] = [];
  let sum = 0;
  let count = 0;
  let withTax = 0;
  let rated = 0;
  const priced = (l: Line | undefined) => {
    const a = l?.amounts[l.amounts.length - 1];
    return a && !a.integer ? a : undefined;
  };
  for (const line of lines) {
    sums.push(count > 0 ? sum : Number.NaN);
    counts.push(count);
    taxed.push(count > 0 && rated > 0 ? withTax : Number.NaN);
    const amount = priced(line);
    if (!amount) continue;
    if (rateOf(line.text) !== undefined) {
      if (line.amounts.length === 1 && count > 0 && amount.cents > 0 && amount.cents !== withTax) {
        withTax += amount.cents;
        rated++;
      }
      continue;
    }
    if (vatRows.has(line.index)) continue;
    if (count >= 2 && (amount.cents === sum || amount.cents === withTax)) continue;
    // A unit price the next priced line multiplies: "3 X 0,99" above "RIEGEL 2,97".
    const q = quantityOf(line.text);
    if (q !== undefined && line.amounts.length === 1) {
      const next = [lines[line.index + 1], lines[line.index + 2]].map(priced).find(Boolean);
      if (next && q * amount.cents !== amount.cents && Math.abs(next.cents - q * amount.cents) <= 1) continue;
    }
    sum += amount.cents;
    withTax += amount.cents;
    count++;
  }
  return { sums, counts, taxed };
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
  const { sums, counts, taxed } = runningSums(lines, vat.rows);
  const cash = cashSettlements(lines);
  const rounded = roundings(lines);
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
    e.items = usable.some((k) => isLast(k) && counts[k]! >= 2 && (sums[k] === cents || taxed[k] === cents));
    // The gross column, or the gross rounded by a rounding line ("ROUNDING ADJ -0.02").
    e.vat =
      (vat.gross !== undefined && (vat.gross === cents || roundedBy(vat.gross, cents, rounded))) ||
      (vat.taxOnly !== undefined && taxInGross(cents, vat.taxOnly.tax, vat.taxOnly.rate));
    // Tendered and change below the amount (or right above it, on tills that print them first).
    e.cash = cash.some((c) => c.cents === cents && c.line > first - 3 && !e.lines.includes(c.line));
    e.repeated = usable.length >= 2;
  }
  return byValue;
}
