import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DomainError } from '../../../shared/domain/errors';
import {
  MAX_AMOUNT_CENTS,
  PAIN_001_001_09_NS,
  PayoutBatchError,
  buildPain001,
  controlSumCents,
  formatCents,
  type PayoutBatchFile,
  type PayoutBatchItem,
} from '../../../shared/payouts/pain001';
import { escapeXml, toSepaText } from '../../../shared/payouts/sepa-text';
import { CITY_IBAN, IBANS, batch, item, makeIban, makeRib, texts, unescapeXml } from './fixtures';
import { SAMPLE_PAIN_001_001_09, validatePain001 } from './xsd';

async function expectValid(...documents: string[]) {
  const result = await validatePain001(...documents);
  expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
  expect(result.valid).toBe(true);
}

function batchError(f: () => unknown): PayoutBatchError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(PayoutBatchError);
    expect(e).toBeInstanceOf(DomainError);
    expect((e as PayoutBatchError).code).toBe('INVALID_PAYOUT_BATCH');
    return e as PayoutBatchError;
  }
  throw new Error('expected a PayoutBatchError');
}

describe('amounts', () => {
  it.each([
    [0, '0.00'],
    [1, '0.01'],
    [5, '0.05'],
    [10, '0.10'],
    [99, '0.99'],
    [100, '1.00'],
    [12_345, '123.45'],
    [MAX_AMOUNT_CENTS, '999999999.99'],
    [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
  ])('formatCents(%d) = %s', (cents, text) => {
    expect(formatCents(cents)).toBe(text);
  });

  it('formatCents takes bigints and refuses fractions and negatives', () => {
    expect(formatCents(123_456_789_012_345_678n)).toBe('1234567890123456.78');
    expect(() => formatCents(1.5)).toThrow(RangeError);
    expect(() => formatCents(-1)).toThrow(RangeError);
    expect(() => formatCents(Number.NaN)).toThrow(RangeError);
  });

  it('formatCents agrees with a decimal reference on every integer', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (cents) => {
        const text = formatCents(cents);
        expect(text).toMatch(/^(0|[1-9][0-9]*)\.[0-9]{2}$/);
        expect(BigInt(text.replace('.', ''))).toBe(BigInt(cents));
      }),
    );
  });

  it('controlSumCents adds exactly', () => {
    expect(controlSumCents([{ amountCents: 1 }, { amountCents: 2 }, { amountCents: 99_999_999_999 }])).toBe(100_000_000_002);
    expect(controlSumCents([])).toBe(0);
    expect(() => controlSumCents([{ amountCents: 0.5 }])).toThrow(RangeError);
    expect(() => controlSumCents([{ amountCents: Number.MAX_SAFE_INTEGER }, { amountCents: 1 }])).toThrow(RangeError);
  });
});

describe('the validator', () => {
  it('accepts the reference sample and rejects a broken document', async () => {
    await expectValid(SAMPLE_PAIN_001_001_09);
    const xml = buildPain001(batch());
    const broken = await validatePain001(xml.replace(/<ChrgBr>SLEV<\/ChrgBr>/, '<ChrgBr>NONE</ChrgBr>'), xml.replace(/<DbtrAgt>[\s\S]*?<\/DbtrAgt>/, ''));
    expect(broken.valid).toBe(false);
    expect(broken.errors.some((e) => e.loc?.fileName === 'doc0.xml' && /ChrgBr/.test(e.message))).toBe(true);
    expect(broken.errors.some((e) => e.loc?.fileName === 'doc1.xml' && /ChrgBr/.test(e.message) && /DbtrAgt/.test(e.message))).toBe(true);
  });
});

describe('buildPain001', () => {
  it('writes one transfer that validates against the official schema', async () => {
    const xml = buildPain001(batch());
    await expectValid(xml);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09">')).toBe(true);
    expect(xml).toContain(`xmlns="${PAIN_001_001_09_NS}"`);
    expect(texts(xml, 'MsgId')).toEqual(['PB-2026-03-01-0001']);
    expect(texts(xml, 'PmtInfId')).toEqual(['PB-2026-03-01-0001']);
    expect(texts(xml, 'CreDtTm')).toEqual(['2026-03-01T06:00:00Z']);
    expect(texts(xml, 'NbOfTxs')).toEqual(['1', '1']);
    expect(texts(xml, 'CtrlSum')).toEqual(['12.34', '12.34']);
    expect(texts(xml, 'PmtMtd')).toEqual(['TRF']);
    expect(texts(xml, 'BtchBookg')).toEqual(['true']);
    expect(xml).toMatch(/<PmtTpInf>\s*<SvcLvl>\s*<Cd>SEPA<\/Cd>\s*<\/SvcLvl>\s*<\/PmtTpInf>/);
    expect(texts(xml, 'Dt')).toEqual(['2026-03-02']);
    expect(texts(xml, 'ChrgBr')).toEqual(['SLEV']);
    expect(texts(xml, 'Nm')).toEqual(['Ville de Montclair-sur-Loire', 'Ville de Montclair-sur-Loire', 'Alice Martin']);
    expect(xml).toMatch(
      /<PstlAdr>\s*<StrtNm>Place de la Mairie<\/StrtNm>\s*<BldgNb>1<\/BldgNb>\s*<PstCd>37410<\/PstCd>\s*<TwnNm>Montclair-sur-Loire<\/TwnNm>\s*<Ctry>FR<\/Ctry>\s*<\/PstlAdr>/,
    );
    expect(texts(xml, 'IBAN')).toEqual([CITY_IBAN, IBANS.FR]);
    expect(xml).toMatch(/<DbtrAgt>\s*<FinInstnId>\s*<BICFI>BDFEFRPPCCT<\/BICFI>/);
    expect(texts(xml, 'InstrId')).toEqual(['PI-000000']);
    expect(texts(xml, 'EndToEndId')).toEqual(['PI-000000']);
    expect(xml).toContain('<InstdAmt Ccy="EUR">12.34</InstdAmt>');
    expect(texts(xml, 'Ustrd')).toEqual(['Cabas - remboursement mars 2026']);
    expect(xml).not.toContain('<CdtrAgt>'); // no BIC known: IBAN-only
    expect(xml.endsWith('</Document>\n')).toBe(true);
  });

  it('writes NOTPROVIDED for an unknown debtor BIC, CdtrAgt for a known creditor BIC, no address when none', async () => {
    const xml = buildPain001(
      batch({
        debtor: { name: 'Ville', iban: CITY_IBAN },
        items: [item({ creditor: { name: 'Bob', iban: IBANS.DE, bic: 'COBADEFFXXX' } })],
      }),
    );
    await expectValid(xml);
    expect(xml).toMatch(/<DbtrAgt>\s*<FinInstnId>\s*<Othr>\s*<Id>NOTPROVIDED<\/Id>\s*<\/Othr>\s*<\/FinInstnId>\s*<\/DbtrAgt>/);
    expect(xml).toMatch(/<CdtrAgt>\s*<FinInstnId>\s*<BICFI>COBADEFFXXX<\/BICFI>\s*<\/FinInstnId>\s*<\/CdtrAgt>\s*<Cdtr>/);
    expect(xml).not.toContain('<PstlAdr>');
  });

  it('writes a minimal structured address (postcode, town, country)', async () => {
    const xml = buildPain001(batch({ debtor: { name: 'Ville', iban: CITY_IBAN, address: { postcode: '97400', townName: 'Saint-Denis', country: 'RE' } } }));
    await expectValid(xml);
    expect(xml).toMatch(/<PstlAdr>\s*<PstCd>97400<\/PstCd>\s*<TwnNm>Saint-Denis<\/TwnNm>\s*<Ctry>RE<\/Ctry>\s*<\/PstlAdr>/);
  });

  it('writes 100 transfers that validate, in order, with their total', async () => {
    const items = Array.from({ length: 100 }, (_, i) =>
      item({ amountCents: 1 + i * 997, creditor: { name: `Résident n°${i}`, iban: Object.values(IBANS)[i % 15]! } }, i),
    );
    const xml = buildPain001(batch({ items }));
    await expectValid(xml);
    expect(texts(xml, 'NbOfTxs')).toEqual(['100', '100']);
    const total = items.reduce((s, it) => s + it.amountCents, 0);
    expect(texts(xml, 'CtrlSum')).toEqual([formatCents(total), formatCents(total)]);
    expect(texts(xml, 'EndToEndId')).toEqual(items.map((it) => it.endToEndId));
    expect(texts(xml, 'InstdAmt').map((a) => Math.round(Number(a) * 100))).toEqual(items.map((it) => it.amountCents));
    expect(texts(xml, 'Nm').slice(2, 4)).toEqual(['Resident no0', 'Resident no1']);
  });

  it('transliterates accents and XML specials, cuts names to 70 and remittance to 140', async () => {
    const longName = 'Société Coopérative & Associés <Les Halles> "Chez Noël" ' + 'Œ'.repeat(60);
    const xml = buildPain001(
      batch({
        debtor: { name: 'Ville d’Évry & Cœur <Essonne>', iban: CITY_IBAN, address: { street: 'Rue de l’Église', postcode: '91000', townName: 'Évry-Courcouronnes', country: 'FR' } },
        items: [
          item({ creditor: { name: 'Élodie Müller & <Fils>', iban: IBANS.ES }, remittance: 'Remboursement « Cabas » — 3 tickets ; merci & à bientôt <3' }, 0),
          item({ creditor: { name: longName, iban: IBANS.IT }, remittance: 'é'.repeat(300) }, 1),
          item({ creditor: { name: "O'Brien + Sons (Dublin) Ltd.", iban: IBANS.BE }, remittance: "a/b-c?d:e(f)g.h,i'j+k" }, 2),
        ],
      }),
    );
    await expectValid(xml);
    const names = texts(xml, 'Nm').map(unescapeXml);
    expect(names[0]).toBe("Ville d'Evry + Coeur Essonne");
    expect(names[2]).toBe('Elodie Muller + Fils');
    expect(names[3]).toHaveLength(70);
    expect(names[3]).toMatch(/^Societe Cooperative \+ Associes Les Halles 'Chez Noel' OEOE/);
    expect(names[4]).toBe("O'Brien + Sons (Dublin) Ltd.");
    expect(texts(xml, 'StrtNm').map(unescapeXml)).toEqual(["Rue de l'Eglise"]);
    expect(texts(xml, 'TwnNm')).toEqual(['Evry-Courcouronnes']);
    const remittances = texts(xml, 'Ustrd').map(unescapeXml);
    expect(remittances[0]).toBe("Remboursement ' Cabas ' - 3 tickets , merci + a bientot 3");
    expect(remittances[1]).toBe('e'.repeat(140));
    expect(remittances[2]).toBe("a/b-c?d:e(f)g.h,i'j+k");
    // Every text between tags is in the SEPA set once unescaped.
    for (const m of xml.matchAll(/<(\w+)(?: [^>]*)?>([^<]*)<\/\1>/g)) expect(unescapeXml(m[2]!)).toMatch(/^[A-Za-z0-9/\-?:().,'+ ]*$/);
    expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
  });

  it('omits RmtInf when nothing of the remittance is left', async () => {
    const xml = buildPain001(batch({ items: [item({ remittance: '   ' }), item({ remittance: '***' }, 1)] }));
    await expectValid(xml);
    expect(xml).not.toContain('<RmtInf>');
  });

  it('escapes the five XML specials', () => {
    expect(escapeXml(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f');
    expect(toSepaText('  Zoë  &  Chloé\t\n', 140)).toBe('Zoe + Chloe');
  });
});

describe('buildPain001 refuses invalid batches with INVALID_PAYOUT_BATCH', () => {
  const cases: Array<[string, Partial<PayoutBatchFile>, string]> = [
    ['an empty batch', { items: [] }, 'items'],
    ['a fractional amount', { items: [item({ amountCents: 12.5 })] }, 'items.0.amountCents'],
    ['a zero amount', { items: [item(), item({ amountCents: 0 }, 1)] }, 'items.1.amountCents'],
    ['a negative amount', { items: [item({ amountCents: -100 })] }, 'items.0.amountCents'],
    ['NaN', { items: [item({ amountCents: Number.NaN })] }, 'items.0.amountCents'],
    ['an amount above the SCT maximum', { items: [item({ amountCents: MAX_AMOUNT_CENTS + 1 })] }, 'items.0.amountCents'],
    ['a bad creditor IBAN', { items: [item({ creditor: { name: 'A', iban: 'FR7630006000011234567890188' } })] }, 'items.0.creditor.iban'],
    ['a non-SEPA creditor IBAN', { items: [item({ creditor: { name: 'A', iban: 'US64SVBKUS6S3300958879' } })] }, 'items.0.creditor.iban'],
    ['a bad debtor IBAN', { debtor: { name: 'Ville', iban: 'FR00' } }, 'debtor.iban'],
    ['a bad creditor BIC', { items: [item({ creditor: { name: 'A', iban: IBANS.DE, bic: 'cobadeff' } })] }, 'items.0.creditor.bic'],
    ['a creditor name with nothing writable', { items: [item({ creditor: { name: '王小明', iban: IBANS.DE } })] }, 'items.0.creditor.name'],
    ['an empty debtor name', { debtor: { name: ' ', iban: CITY_IBAN } }, 'debtor.name'],
    ['a message id of 36 characters', { messageId: 'M'.repeat(36) }, 'messageId'],
    ['an empty message id', { messageId: '' }, 'messageId'],
    ['a message id with an underscore', { messageId: 'PB_1' }, 'messageId'],
    ['a message id with an accent', { messageId: 'PB-é' }, 'messageId'],
    ['a message id starting with /', { messageId: '/PB-1' }, 'messageId'],
    ['a message id with //', { messageId: 'PB//1' }, 'messageId'],
    ['an end-to-end id of 36 characters', { items: [item({ endToEndId: 'E'.repeat(36) })] }, 'items.0.endToEndId'],
    ['an end-to-end id with <', { items: [item({ endToEndId: 'E<1' })] }, 'items.0.endToEndId'],
    ['an end-to-end id ending with a space', { items: [item({ endToEndId: 'E1 ' })] }, 'items.0.endToEndId'],
    ['a duplicate end-to-end id', { items: [item({}, 7), item({}, 8), item({}, 7)] }, 'items.2.endToEndId'],
    ['an execution date that does not exist', { requestedExecutionDate: '2026-02-30' }, 'requestedExecutionDate'],
    ['an execution date with a time', { requestedExecutionDate: '2026-03-02T00:00:00Z' }, 'requestedExecutionDate'],
    ['an invalid Date', { createdAt: new Date('nope') }, 'createdAt'],
    ['an address without town', { debtor: { name: 'V', iban: CITY_IBAN, address: { postcode: '37410', townName: '', country: 'FR' } } }, 'debtor.address.townName'],
    ['an address with a lower-case country', { debtor: { name: 'V', iban: CITY_IBAN, address: { postcode: '37410', townName: 'X', country: 'fr' } } }, 'debtor.address.country'],
  ];

  it.each(cases)('%s', (_, over, path) => {
    const error = batchError(() => buildPain001(batch(over)));
    expect(error.errors?.map((e) => e.path)).toContain(path);
    expect(error.message).toMatch(/cannot be written as a SEPA file/);
  });

  it('lists every problem at once', () => {
    const error = batchError(() =>
      buildPain001(batch({ messageId: 'x'.repeat(40), items: [item({ amountCents: 0 }), item({ endToEndId: 'a_b' }, 1)] })),
    );
    expect(error.errors?.map((e) => e.path).sort()).toEqual(['items.0.amountCents', 'items.1.endToEndId', 'messageId']);
    expect(error.status).toBe(422);
  });

  it('accepts every character of the identifier set', async () => {
    const xml = buildPain001(batch({ messageId: "Az09/-?:().,'+ x", items: [item({ endToEndId: "a/b-c?d:e(f)g.h,i'j+k l" })] }));
    await expectValid(xml);
    expect(texts(xml, 'EndToEndId').map(unescapeXml)).toEqual(["a/b-c?d:e(f)g.h,i'j+k l"]);
  });
});

describe('property: random batches always make a valid file with the right totals', () => {
  const ID_CHARS = [..."ABCXYZabcxyz0189/-?:().,'+ "];
  const idTail = fc.string({ unit: fc.constantFrom(...ID_CHARS), maxLength: 28, size: 'max' }).map((s) => s.replace(/\/+/g, '/'));
  const ibanArb = fc.oneof(
    fc.constantFrom(...Object.values(IBANS)),
    fc.stringMatching(/^[0-9]{18}$/).map((bban) => makeIban('DE', bban)),
    fc.tuple(fc.stringMatching(/^[0-9]{10}$/), fc.stringMatching(/^[0-9A-Z]{11}$/)).map(([bankBranch, account]) =>
      makeIban('FR', makeRib(bankBranch.slice(0, 5), bankBranch.slice(5), account)),
    ),
  );
  // Texts mostly of Latin letters, accents and XML specials (so that cutting to length matters),
  // sometimes of any Unicode character.
  const LATINISH = [...'abcdefghijklmnopqrstuvwxyzABCXYZ0189 éèêàçôûüïœæßÉÈÀÇŒØøŁł&<>"\'’«»—;:!?/()[]_-+.,@=\t\n'];
  const textArb = (maxLength: number) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...LATINISH), maxLength, size: 'max' }) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength, size: 'max' }) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength, size: 'max' }) },
    );
  const nameArb = fc.tuple(fc.constantFrom('A', 'é', 'Z', '0', 'Œ'), textArb(160)).map(([a, b]) => a + b);
  const amountArb = fc.oneof(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: MAX_AMOUNT_CENTS }));
  const itemsArb = fc
    .array(
      fc.record({
        tail: idTail,
        amountCents: amountArb,
        name: nameArb,
        iban: ibanArb,
        bic: fc.option(fc.constantFrom('COBADEFFXXX', 'BNPAFRPP', 'INGBNL2A', 'AGRIFRPP882'), { nil: undefined }),
        remittance: textArb(220),
      }),
      { minLength: 1, maxLength: 50, size: 'max' }, // 1..50 items, not just the default small sizes
    )
    .map((records) =>
      records.map(
        (r, i): PayoutBatchItem => ({
          endToEndId: `E${i}-${r.tail}Z`,
          amountCents: r.amountCents,
          creditor: { name: r.name, iban: r.iban, ...(r.bic ? { bic: r.bic } : {}) },
          remittance: r.remittance,
        }),
      ),
    );

  it('NbOfTxs is the item count, CtrlSum the sum of the cents, and the schema accepts every file', async () => {
    const documents: string[] = [];
    fc.assert(
      fc.property(itemsArb, fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (items, createdAt) => {
        const xml = buildPain001(batch({ items, createdAt }));
        const expected = formatCents(items.reduce((s, it) => s + BigInt(it.amountCents), 0n));
        expect(texts(xml, 'NbOfTxs')).toEqual([String(items.length), String(items.length)]);
        expect(texts(xml, 'CtrlSum')).toEqual([expected, expected]);
        expect(texts(xml, 'CdtTrfTxInf')).toHaveLength(0); // sanity: a container, never a text
        expect(xml.match(/<CdtTrfTxInf>/g)).toHaveLength(items.length);
        const amounts = texts(xml, 'InstdAmt');
        expect(formatCents(amounts.reduce((s, a) => s + BigInt(a.replace('.', '')), 0n))).toBe(expected);
        documents.push(xml);
      }),
      { numRuns: 100 },
    );
    // One xmllint run for all the files: starting the WebAssembly worker dominates the cost.
    const result = await validatePain001(...documents);
    const failed = [...new Set(result.errors.map((e) => e.loc?.fileName))];
    expect(result.errors.slice(0, 5).map((e) => e.rawMessage), `first invalid: ${failed[0]}\n${documents[Number(failed[0]?.match(/\d+/)?.[0] ?? 0)]}`).toEqual([]);
    expect(result.valid).toBe(true);
    expect(documents).toHaveLength(100);
  });
});
