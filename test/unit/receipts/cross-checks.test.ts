import { describe, expect, it } from 'vitest';
import type { OcrLine } from '../../../shared/ocr/types';
import { parseReceipt } from '../../../shared/receipts/parser';
import { tokenConfidence } from '../../../shared/receipts/parser/common';
import { amountEvidence, cashSettlements, checksOf, rateOf, readVat, roundedBy, roundings, runningSums, vatRowGross } from '../../../shared/receipts/parser/cross-checks';
import { dateChecks, longNumbers, readDate, wordFactor } from '../../../shared/receipts/parser/date-time';
import { prepareLines } from '../../../shared/receipts/parser/lines';
import { byChecks, readTotal } from '../../../shared/receipts/parser/total';

/** Prepared lines of a receipt's text (one OCR line each, confidence 0.95 unless given). */
const lines = (texts: Array<string | OcrLine>) => prepareLines(texts.map((t) => (typeof t === 'string' ? { text: t, confidence: 0.95 } : t)));

// A receipt in a language the parser has no label for: only the arithmetic can find its total.
const ITEMS = ['KAFFEE 4,99', 'MILCH 1,19', 'BROT 2,49', 'APFEL 1,83'];
const SUM = 1050;

describe('VAT rows read by their arithmetic', () => {
  it('reads the rate whatever its writing, and nothing that is not a rate', () => {
    expect(rateOf('B 7,0%  5,00')).toBeCloseTo(0.07);
    expect(rateOf('TVA 20 %')).toBeCloseTo(0.2);
    expect(rateOf('GST @6%')).toBeCloseTo(0.06);
    expect(rateOf('19.00 % MwSt')).toBeCloseTo(0.19);
    expect(rateOf('REMISE 50%')).toBeUndefined();
    expect(rateOf('KAFFEE 4,99')).toBeUndefined();
  });

  it('finds the gross column in any order of the columns', () => {
    // net, tax, gross (French) and tax, net, gross (German tills)
    expect(vatRowGross(0.2, [1000, 200, 1200])).toEqual({ gross: 1200 });
    expect(vatRowGross(0.07, [52, 745, 797])).toEqual({ gross: 797 });
    // one cent of rounding
    expect(vatRowGross(0.19, [2018, 383, 2401])).toEqual({ gross: 2401 });
    // a row with a code column that adds up too
    expect(vatRowGross(0.055, [1, 1043, 57, 1100])).toEqual({ gross: 1100 });
  });

  it('pairs net and tax, or gross and the tax it includes, on a two-amount row', () => {
    expect(vatRowGross(0.2, [1000, 200])).toEqual({ gross: 1200 });
    expect(vatRowGross(0.2, [1200, 200])).toEqual({ gross: 1200 });
    expect(vatRowGross(0.2, [1200])).toEqual({ tax: 1200 });
  });

  it('refuses amounts that are not a VAT row', () => {
    expect(vatRowGross(0.2, [1000, 300, 1300])).toBeUndefined();
    expect(vatRowGross(0.2, [499, 119])).toBeUndefined();
  });

  it('adds the gross column of a table with one row per rate', () => {
    const v = readVat(lines(['MwSt  NETTO  MwSt  UMSATZ', 'B 7%  7,45  0,52  7,97', 'C 19%  20,18  3,83  24,01']));
    expect(v.gross).toBe(3198);
    expect([...v.rows]).toEqual([1, 2]);
  });

  it('pairs a tax line with the net printed beside it', () => {
    const v = readVat(lines(['incl. 19 % VAT  18,36', 'net  96,62']));
    expect(v.gross).toBe(9662 + 1836);
  });

  it('adds the zero-rated rows of a table with other rates', () => {
    const v = readVat(lines(['GST SUMMARY  AMOUNT  TAX', 'SR @ 6%  23.20  1.39', 'ZR @ 0%  11.50  0.00']));
    expect(v.gross).toBe(2320 + 139 + 1150);
    // alone, a 0 % is no VAT table
    expect(readVat(lines(['YAOURT 0%  2,50'])).gross).toBeUndefined();
  });

  it('pairs a tax line with the sub-total above it (prices without the tax)', () => {
    const v = readVat(lines(['SUB TOTAL  37.63', 'GST 6%  2.26', 'TOTAL  39.89']));
    expect(v.gross).toBe(3989);
  });

  it('is not thrown off by a total line naming its rate, nor by an item with a percentage far above', () => {
    const withTotal = readVat(lines(['TOTAL INCL. GST @6%  24.38', 'GST SUMMARY', 'SR 6%  23.00  1.38']));
    expect(withTotal.gross).toBe(2438);
    const item = readVat(lines(['STEAK HACHE 15%  18,90', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'TOTAL 18,90', 'TVA 5,5%  17,91  0,99  18,90']));
    expect(item.gross).toBe(1890);
    // an unexplained tax line beside the table: the sum may be partial, so none is given
    expect(readVat(lines(['5,5%  17,91  0,99  18,90', 'TVA 20%  3,00'])).gross).toBeUndefined();
  });

  it('keeps a lone tax line to check a candidate against', () => {
    const v = readVat(lines(['dont TVA 20%  2,00']));
    expect(v.gross).toBeUndefined();
    expect(v.taxOnly).toEqual({ rate: 0.2, tax: 200 });
  });
});

describe('the sum of the lines', () => {
  it('adds the priced lines above each line', () => {
    const { sums, counts } = runningSums(lines([...ITEMS, 'XYZ 10,50']));
    expect(sums[4]).toBe(SUM);
    expect(counts[4]).toBe(4);
  });

  it('counts a unit price once, and a sub-total not at all', () => {
    const { sums } = runningSums(lines(['3 X 0,99', 'RIEGEL 2,97', 'WASSER 1,03', 'ZS 4,00', 'KEKS 1,00', 'END 5,00']));
    expect(sums[3]).toBe(400);
    // the sub-total line 3 is a sum, not an item
    expect(sums[5]).toBe(500);
  });
});

describe('the sum of the lines with the tax added (prices without it)', () => {
  it('counts a tax line above the total in the taxed sum only', () => {
    const { sums, taxed } = runningSums(lines(['PEN  3.18', 'PAPER  25.44', 'STAPLER  9.01', 'SUB TOTAL  37.63', 'GST 6%  2.26', 'TOTAL  39.89']));
    expect(sums[5]).toBe(3763);
    expect(taxed[5]).toBe(3989);
    const e = amountEvidence(lines(['PEN  3.18', 'PAPER  25.44', 'STAPLER  9.01', 'SUB TOTAL  37.63', 'GST 6%  2.26', 'TOTAL  39.89']));
    expect(e.get(3989)?.items).toBe(true);
  });

  it('has no taxed sum without a tax line', () => {
    expect(runningSums(lines(ITEMS)).taxed.every((x) => Number.isNaN(x))).toBe(true);
  });
});

describe('roundings', () => {
  it('reads small amounts printed alone as roundings, with their sign', () => {
    expect(roundings(lines(['TOTAL 36.09', 'ROUNDING ADJ -0.04', 'TOTAL 36.05', 'CHANGE 0.95']))).toEqual([-4]);
    expect(roundings(lines(['ARRONDI 0,02']))).toEqual([2]);
    expect(roundings(lines(['GST 6% 0.03', 'KEKS 0,10']))).toEqual([]);
  });

  it('links an amount and the same amount rounded by a printed rounding', () => {
    expect(roundedBy(13038, 13035, [-3])).toBe(true);
    // printed without its sign
    expect(roundedBy(13038, 13035, [3])).toBe(true);
    expect(roundedBy(13038, 13033, [-3])).toBe(false);
    expect(roundedBy(13038, 13038, [-3])).toBe(false);
  });

  it('the VAT table confirms the rounded total through the rounding line', () => {
    const ls = lines([...ITEMS, 'TOTAL  10,52', 'ROUNDING  -0,02', 'TOTAL ROUNDED  10,50', 'A 7%  9,83  0,69  10,52']);
    expect(amountEvidence(ls).get(SUM)?.vat).toBe(true);
    expect(amountEvidence(lines([...ITEMS, 'TOTAL ROUNDED  10,50', 'A 7%  9,83  0,69  10,52'])).get(SUM)?.vat).toBe(false);
  });

  it('a total and its rounded amount are one total, not a dispute', () => {
    const t = readTotal(lines(['OIL FILTER  25.00', 'ENGINE OIL  98.00', 'SUB-TOTAL  123.00', 'GST 6%  7.38', 'TOTAL  130.38', 'ROUNDING  -0.03', 'NETT TOTAL  130.35', 'CASH  150.00', 'CHANGE  19.65']), []);
    expect(t.field?.value).toBe(13035);
    expect(t.checks).toMatchObject({ vat: true, cash: true });
    expect(t.field!.confidence).toBeGreaterThanOrEqual(0.85);
  });
});

describe('cash tendered minus change', () => {
  it('settles the amount from the two lines, the change printed negative or positive', () => {
    expect(cashSettlements(lines(['XYZ 10,50', 'BAR 20,00', 'ZURUCK -9,50']))).toContainEqual({ cents: SUM, line: 1 });
    expect(cashSettlements(lines(['XYZ 10,50', 'CASH 20,00', 'CHANGE 9,50']))).toContainEqual({ cents: SUM, line: 1 });
  });

  it('skips a line without amounts between them, not one with several', () => {
    expect(cashSettlements(lines(['EFECTIVO 20,00', 'gracias', 'CAMBIO 9,50']))).toContainEqual({ cents: SUM, line: 0 });
    expect(cashSettlements(lines(['A 20,00', 'B 1,00 2,00 3,00', 'C 9,50']))).toEqual([]);
  });
});

describe('amountEvidence: the checks that agree on each amount', () => {
  it('counts items, VAT, cash and printing again independently', () => {
    const ls = lines([...ITEMS, 'XYZ  10,50', 'A 7%  9,81  0,69  10,50', 'GIVEN  20,00', 'BACK  -9,50', 'CARD SLIP  10,50']);
    const e = amountEvidence(ls).get(SUM)!;
    expect(e).toMatchObject({ items: true, vat: true, cash: true, repeated: true });
    expect(checksOf(e)).toBe(4);
  });

  it('gives nothing to an amount printed only where a total never is', () => {
    const ls = lines([...ITEMS, 'SOUS-TOTAL 10,50']);
    expect(amountEvidence(ls, (l) => /SOUS/.test(l.fold)).get(SUM)).toBeUndefined();
  });

  it('a single item is not the sum of the items', () => {
    const e = amountEvidence(lines(['KAFFEE 4,99', 'XYZ 4,99'])).get(499)!;
    expect(e.items).toBe(false);
  });
});

describe('readTotal: the amount the checks agree on, with a confidence saying how many did', () => {
  it('the confidence grows with the number of checks', () => {
    expect(byChecks(0)).toBeLessThan(0.6);
    expect(byChecks(1)).toBeLessThan(0.6);
    expect(byChecks(2)).toBeGreaterThanOrEqual(0.6);
    expect(byChecks(3)).toBeGreaterThan(byChecks(2));
  });

  it('one check alone, without a label: found, but sent to review', () => {
    const t = readTotal(lines([...ITEMS, 'XYZ  10,50']), []);
    expect(t.field?.value).toBe(SUM);
    expect(t.checks?.count).toBe(1);
    expect(t.field!.confidence).toBeLessThan(0.6);
  });

  it('two checks agreeing pass an unlabelled total; three make it sure', () => {
    const two = readTotal(lines([...ITEMS, 'XYZ  10,50', 'A 7%  9,81  0,69  10,50']), []);
    expect(two.field?.value).toBe(SUM);
    expect(two.checks?.count).toBe(2);
    expect(two.field!.confidence).toBeGreaterThanOrEqual(0.6);
    const three = readTotal(lines([...ITEMS, 'XYZ  10,50', 'A 7%  9,81  0,69  10,50', 'GIVEN  20,00', 'BACK  -9,50']), []);
    expect(three.checks?.count).toBe(3);
    expect(three.field!.confidence).toBeGreaterThan(two.field!.confidence);
  });

  it('the card slip printing the amount again confirms the total', () => {
    const t = readTotal(lines([...ITEMS, 'SUMME  10,50', 'Kartenzahlung', 'Betrag EUR  10,50']), []);
    expect(t.field?.value).toBe(SUM);
    expect(t.checks).toMatchObject({ items: true, repeated: true, labelled: true });
    expect(t.field!.confidence).toBeGreaterThanOrEqual(0.85);
  });

  it('a misread total the arithmetic does not confirm stays doubtful', () => {
    // the items add up to 10,50, the VAT table too; the labelled line says 16,50
    const ls = lines([...ITEMS, { text: 'SUMME  16,50', confidence: 0.6 }, 'A 7%  9,81  0,69  10,50']);
    const t = readTotal(ls, []);
    if (t.field?.value === 1650) expect(t.field.confidence).toBeLessThan(0.6);
    else expect(t.field?.value).toBe(SUM);
  });

  it('German and English labels name the total; change and sub-totals never do', () => {
    expect(readTotal(lines(['BROT 2,49', 'ZU ZAHLEN 2,49']), []).checks?.labelled).toBe(true);
    const change = readTotal(lines(['SUMME EUR 31,98', 'BAR EUR 40,00', 'Rückgeld EUR -8,02']), []);
    expect(change.field?.value).toBe(3198);
    expect(change.checks?.cash).toBe(true);
    expect(readTotal(lines(['ZWISCHENSUMME 5,00', 'SUMME 6,00']), []).field?.value).toBe(600);
    expect(readTotal(lines(['SUB TOTAL 5,00', 'ROUNDING -0,02', 'TOTAL 4,98']), []).field?.value).toBe(498);
  });
});

describe('the date against the time, the card slip and the ticket number', () => {
  it('finds the long numbers a till prints, spaced out or not', () => {
    expect(longNumbers(lines(['0 0 1 0 5 4 5 2 8 0 2 2 0 0 0 0 4 0 0 8', 'Beleg 20200228134512']))).toEqual(['00105452802200004008', '20200228134512']);
  });

  it('counts a second printing with a time close to the first (the card slip) and a number holding the date', () => {
    const ls = lines(['28.02.20 09:58 Bon 8130', 'XYZ 10,50', 'Terminal 5603', 'Datum 28.02.2020 09:59 Uhr', 'TA-Nr 2802200958']);
    const c = dateChecks(ls, '2020-02-28', [ls[0]!, ls[3]!]);
    expect(c).toMatchObject({ time: true, repeated: true, slip: true, number: true, count: 3 });
  });

  it('two printings hours apart are not a card slip', () => {
    const ls = lines(['28.02.20 09:58', 'XYZ 10,50', 'foo', 'Gutschein gültig ab 28.02.20 18:00']);
    expect(dateChecks(ls, '2020-02-28', [ls[0]!, ls[3]!]).slip).toBe(false);
  });

  it('a date nothing confirms is only as sure as its word', () => {
    const doubtful: OcrLine = { text: '25.02.20 13:07', confidence: 0.9, words: [{ text: '25.02.20', confidence: 0.4 }, { text: '13:07', confidence: 0.95 }] };
    const sure: OcrLine = { ...doubtful, words: [{ text: '25.02.20', confidence: 0.96 }, { text: '13:07', confidence: 0.95 }] };
    const low = readDate(lines([doubtful]), [], false);
    const high = readDate(lines([sure]), [], false);
    expect(low.date?.value).toBe('2020-02-25');
    expect(low.date!.confidence).toBeLessThan(0.6);
    expect(high.date!.confidence).toBeGreaterThanOrEqual(0.85);
    expect(wordFactor(0.9)).toBe(1);
    expect(tokenConfidence(lines([doubtful])[0]!, '25.02.20')).toBe(0.4);
  });

  it('a confirmed date keeps its confidence even from a doubtful word', () => {
    const doubtful: OcrLine = { text: '25.02.20 13:07', confidence: 0.9, words: [{ text: '25.02.20', confidence: 0.4 }, { text: '13:07', confidence: 0.95 }] };
    const d = readDate(lines([doubtful, 'XYZ 10,50', 'Beleg 250220130712']), [], false);
    expect(d.checks?.number).toBe(true);
    expect(d.date!.confidence).toBeGreaterThanOrEqual(0.85);
  });
});

describe('a whole receipt in a language without labels the parser knows', () => {
  it('is paid on its arithmetic, and sent to review when only one check holds', () => {
    const full = parseReceipt({
      engine: 'test',
      hints: [],
      lines: ['KAUPPA OY', '28.02.2020 09:58', ...ITEMS, 'YHTEENSÄ 10,50', 'ALV 24%  8,47  2,03  10,50', 'KÄTEINEN 20,00', 'TAKAISIN -9,50'].map((text) => ({ text, confidence: 0.95 })),
    });
    expect(full.totalCents?.value).toBe(SUM);
    expect(full.totalCents!.confidence).toBeGreaterThanOrEqual(0.6);
    const thin = parseReceipt({ engine: 'test', hints: [], lines: ['KAUPPA OY', '28.02.2020 09:58', 'KAHVI 4,99', 'YHTEENSÄ 4,99'].map((text) => ({ text, confidence: 0.95 })) });
    expect(thin.totalCents?.confidence ?? 0).toBeLessThan(0.6);
  });
});

describe('a date glued to a stray mark', () => {
  it('is what is left of a misread digit: sent to review unless something confirms it', () => {
    const glued = readDate(lines(['(13.04.20 09:53 0000545 005 028 7347']), [], false);
    expect(glued.date?.value).toBe('2020-04-13');
    expect(glued.date!.confidence).toBeLessThan(0.6);
    const clean = readDate(lines(['03.04.20 09:53 0000545 005 028 7347']), [], false);
    expect(clean.date!.confidence).toBeGreaterThanOrEqual(0.85);
  });
});

describe('a total nothing confirms', () => {
  it('is only as sure as the word its amount was read from', () => {
    const faded: OcrLine = { text: 'SUMME  EUR  8.47', confidence: 0.67, words: [{ text: 'SUMME', confidence: 0.9 }, { text: 'EUR', confidence: 0.9 }, { text: '8.47', confidence: 0.15 }] };
    const clear: OcrLine = { ...faded, confidence: 0.95, words: [{ text: 'SUMME', confidence: 0.95 }, { text: 'EUR', confidence: 0.95 }, { text: '8.47', confidence: 0.96 }] };
    expect(readTotal(lines([faded]), []).field!.confidence).toBeLessThan(0.6);
    expect(readTotal(lines([clear]), []).field!.confidence).toBeGreaterThanOrEqual(0.6);
  });
});
