import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { formatIbanMasked } from '../../../shared/payouts/iban';
import { PAYOUT_CSV_HEADER, PayoutBatchError, buildPain001, buildPayoutCsv, csvCell, formatCents } from '../../../shared/payouts/pain001';
import { IBANS, batch, item, texts, unescapeXml } from './fixtures';

const rows = (csv: string): string[][] => parse(csv.replace(/^\uFEFF/, ''), { relax_column_count: false });

describe('buildPayoutCsv', () => {
  it('writes a header and one RFC 4180 line per item, CRLF-terminated', () => {
    const csv = buildPayoutCsv(
      batch({
        items: [
          item({ amountCents: 12_345, creditor: { name: 'Élodie Müller', iban: IBANS.DE }, remittance: 'Cabas, mars 2026' }, 0),
          item({ amountCents: 5, creditor: { name: 'Bob "Le Boulanger"', iban: IBANS.FR } }, 1),
        ],
      }),
    );
    expect(csv.split('\r\n')).toEqual([
      'reference,beneficiaire,iban,montant_eur,libelle',
      `PI-000000,Elodie Muller,${formatIbanMasked(IBANS.DE)},123.45,"Cabas, mars 2026"`,
      `PI-000001,Bob 'Le Boulanger',${formatIbanMasked(IBANS.FR)},0.05,Cabas - remboursement mars 2026`,
      '',
    ]);
    expect(csv).not.toMatch(/[^\r]\n/);
    expect(rows(csv)).toEqual([
      [...PAYOUT_CSV_HEADER],
      ['PI-000000', 'Elodie Muller', formatIbanMasked(IBANS.DE), '123.45', 'Cabas, mars 2026'],
      ['PI-000001', "Bob 'Le Boulanger'", formatIbanMasked(IBANS.FR), '0.05', 'Cabas - remboursement mars 2026'],
    ]);
  });

  it('never shows a full IBAN', () => {
    const csv = buildPayoutCsv(batch({ items: Object.values(IBANS).map((iban, i) => item({ creditor: { name: 'X', iban } }, i)) }));
    for (const iban of Object.values(IBANS)) expect(csv).not.toContain(iban.slice(4, -4));
  });

  it('neutralises cells that a spreadsheet would read as a formula', () => {
    const csv = buildPayoutCsv(
      batch({
        items: [
          item({ endToEndId: '+33-1', creditor: { name: '-Minus', iban: IBANS.DE }, remittance: '+1 cmd' }, 0),
          item({ endToEndId: "-2+3", creditor: { name: '@SUM(1+1)', iban: IBANS.DE }, remittance: "=HYPERLINK('x')" }, 1),
        ],
      }),
    );
    const [, a, b] = rows(csv);
    expect(a).toEqual(["'+33-1", "'-Minus", formatIbanMasked(IBANS.DE), '12.34', "'+1 cmd"]);
    // '@' and '=' are outside the SEPA set: transliteration already turned them into spaces.
    expect(b).toEqual(["'-2+3", 'SUM(1+1)', formatIbanMasked(IBANS.DE), '12.34', "HYPERLINK('x')"]);
  });

  it('csvCell quotes and prefixes per RFC 4180 and OWASP', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('=1+2')).toBe("'=1+2");
    expect(csvCell('=1,2')).toBe(`"'=1,2"`);
    expect(csvCell('@x')).toBe("'@x");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('can start with a byte order mark for Excel', () => {
    const csv = buildPayoutCsv(batch(), { bom: true });
    expect(csv.startsWith('\uFEFFreference,')).toBe(true);
    expect(buildPayoutCsv(batch()).startsWith('reference,')).toBe(true);
  });

  it('refuses the batches the XML refuses', () => {
    expect(() => buildPayoutCsv(batch({ items: [] }))).toThrow(PayoutBatchError);
    expect(() => buildPayoutCsv(batch({ items: [item({ amountCents: 1.5 })] }))).toThrow(PayoutBatchError);
  });

  it('agrees with the XML on every random batch: same items, names, amounts and total', () => {
    const itemsArb = fc.array(
      fc.record({
        amountCents: fc.integer({ min: 1, max: 99_999_999_999 }),
        name: fc.string({ unit: fc.constantFrom(...'aéZ0 ,"\'&=+-@\n;'), minLength: 1, maxLength: 90, size: 'max' }).map((s) => `N${s}`),
        remittance: fc.string({ unit: fc.constantFrom(...'aéZ0 ,"\'&=+-@\n;'), maxLength: 160, size: 'max' }),
      }),
      { minLength: 1, maxLength: 30, size: 'max' },
    );
    fc.assert(
      fc.property(itemsArb, (records) => {
        const b = batch({
          items: records.map((r, i) => item({ amountCents: r.amountCents, creditor: { name: r.name, iban: IBANS.NL }, remittance: r.remittance }, i)),
        });
        const xml = buildPain001(b);
        const [header, ...lines] = rows(buildPayoutCsv(b));
        expect(header).toEqual([...PAYOUT_CSV_HEADER]);
        expect(lines).toHaveLength(records.length);
        const unprefix = (cell: string) => cell.replace(/^'(?=[=+\-@\t\r])/, '');
        expect(lines.map((l) => l[0])).toEqual(texts(xml, 'EndToEndId'));
        expect(lines.map((l) => unprefix(l[1]!))).toEqual(texts(xml, 'Nm').slice(2).map(unescapeXml));
        expect(lines.map((l) => l[3])).toEqual(texts(xml, 'InstdAmt'));
        const total = lines.reduce((s, l) => s + BigInt(l[3]!.replace('.', '')), 0n);
        expect(formatCents(total)).toBe(texts(xml, 'CtrlSum')[0]);
      }),
      { numRuns: 100 },
    );
  });
});
