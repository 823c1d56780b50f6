import { describe, expect, it } from 'vitest';
import type { OcrHint, OcrLine, OcrResult } from '../../../shared/ocr/types';
import { Extraction } from '../../../shared/receipts/extraction';
import { MAX_TEXT_LENGTH, parseReceipt } from '../../../shared/receipts/parser';

// Valid identifiers (Luhn / VAT key), made with shared/receipts/identifiers.ts.
const SIRET_A = '40483304800014'; // SIREN 404833048, TVA FR83404833048
const SIRET_B = '73282932000025'; // SIREN 732829320, TVA FR44732829320
const SIREN_C = '512345679'; // TVA FR75512345679

const ocr = (lines: Array<string | OcrLine>, hints: OcrHint[] = []): OcrResult => ({
  engine: 'test',
  lines: lines.map((l) => (typeof l === 'string' ? { text: l, confidence: 0.95 } : l)),
  hints,
});

const parse = (lines: Array<string | OcrLine>, hints: OcrHint[] = []) => {
  const e = parseReceipt(ocr(lines, hints));
  // The contract: whatever it reads, the result is a valid Extraction.
  expect(() => Extraction.parse(e)).not.toThrow();
  return e;
};

/** A plain French receipt; `middle` replaces the items-and-total part. */
const receipt = (middle: string[], head: string[] = ['BOUCHERIE MARTIN', '8 rue des Halles', '37410 MONTCLAIR-SUR-LOIRE', '12/03/2026 10:15']) => [
  ...head,
  ...middle,
  `SIRET ${SIRET_A}`,
];

describe('parseReceipt: a complete French receipt', () => {
  const lines = [
    '*** BIENVENUE ***',
    'AU FOURNIL D\'ELISE',
    'Boulangerie - Patisserie',
    '12 rue de la République',
    '37410 MONTCLAIR-SUR-LOIRE',
    'Tél : 02 47 58 12 34',
    'SIRET 404 833 048 00014',
    '21/11/2026 08:47          Caisse 1',
    'Ticket N° 004512     Vendeur: Elise',
    '--------------------------------',
    '2 x BAGUETTE TRADITION 1,30     2,60',
    '3 x CROISSANT BEURRE 1,20       3,60',
    'PAIN AUX CEREALES               3,40',
    'TARTE POMMES 4 PARTS           14,50',
    '--------------------------------',
    'TOTAL TTC               24,10 EUR',
    'TVA 5,5%                      1,26',
    'TOTAL HT                     22,84',
    'CB                           24,10',
    'Merci de votre visite',
  ];
  const e = parse(lines);

  it('reads every field', () => {
    expect(e.shopSign?.value).toBe("AU FOURNIL D'ELISE");
    expect(e.siret?.value).toBe(SIRET_A);
    expect(e.siren?.value).toBe('404833048');
    expect(e.phone?.value).toBe('02 47 58 12 34');
    expect(e.street?.value).toBe('12 rue de la République');
    expect(e.postcode?.value).toBe('37410');
    expect(e.city?.value).toBe('MONTCLAIR-SUR-LOIRE');
    expect(e.purchaseDate?.value).toBe('2026-11-21');
    expect(e.purchaseTime?.value).toBe('08:47');
    expect(e.totalCents?.value).toBe(2410);
    expect(e.paymentMeans?.value).toBe('CB');
    expect(e.ticketNumber?.value).toBe('004512');
  });

  it('reads the line items between the header and the total', () => {
    expect(e.lineItems).toEqual([
      { label: 'BAGUETTE TRADITION', amountCents: 260, quantity: 2 },
      { label: 'CROISSANT BEURRE', amountCents: 360, quantity: 3 },
      { label: 'PAIN AUX CEREALES', amountCents: 340 },
      { label: 'TARTE POMMES 4 PARTS', amountCents: 1450 },
    ]);
  });

  it('is confident, and every field has a confidence', () => {
    expect(e.confidence).toBeGreaterThan(0.8);
    for (const f of [e.shopSign, e.siret, e.purchaseDate, e.totalCents, e.postcode]) {
      expect(f!.confidence).toBeGreaterThan(0.7);
      expect(f!.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('keeps the OCR text, capped', () => {
    expect(e.text).toBe(lines.join('\n'));
    const long = parseReceipt(ocr(Array.from({ length: 400 }, (_, i) => `ARTICLE NUMERO ${i} TRES LONG   1,00`)));
    expect(long.text!.length).toBe(MAX_TEXT_LENGTH);
  });
});

describe('parseReceipt: totals', () => {
  const cases: Array<[string, string[], number]> = [
    ['TOTAL TTC with EUR', ['TOTAL TTC   24,10 EUR'], 2410],
    ['NET A PAYER with thousands', ['NET A PAYER : 1 234,56 €'], 123456],
    ['NET À PAYER with accent and 12€50', ['NET À PAYER     12€50'], 1250],
    ['MONTANT TTC EUR before', ['MONTANT TTC    EUR 18,37'], 1837],
    ['TOTAL EUR, dot decimals', ['TOTAL EUR    7.90'], 790],
    ['A PAYER', ['A PAYER  9,99'], 999],
    ['À PAYER', ['À PAYER  19,99 €'], 1999],
    ['TOTAL alone', ['TOTAL   45,90'], 4590],
    ['label and amount on two lines', ['TOTAL', '45,90'], 4590],
    ['TOTAL with an article count', ['TOTAL 3 ARTICLES   17,25'], 1725],
    ['dotted thousands', ['TOTAL TTC   1.250,00'], 125000],
    ['OCR noise in label and amount', ['T0TAL TTC   l2,5O'], 1250],
    ['OCR noise TOTAI', ['TOTAI   8,40'], 840],
    ['amount with a colon for a comma', ['TOTAL TTC          3:31'], 331],
    ['HT and TVA decoys after', ['TOTAL TTC 57,10', 'TOTAL HT 47,58', 'TVA 20,00% 9,52'], 5710],
    ['HT and TVA decoys before, bigger base', ['TOTAL HT 100,00', 'TVA 20% 20,00', 'TOTAL TTC 120,00'], 12000],
    ['a TVA table (last column is TTC)', ['TAUX  HT  TVA  TTC', '5,5%  10,00  0,55  10,55', 'TOTAL  10,00  0,55  10,55'], 1055],
    ['change given decoy', ['NET A PAYER   34,22', 'ESPECES   50,00', 'RENDU   15,78'], 3422],
    ['cash given before the total line', ['ESPECES 20,00', 'A RENDRE 7,50', 'TOTAL 12,50'], 1250],
    ['sub-total decoy', ['SOUS-TOTAL 50,00', 'REMISE -5,00', 'TOTAL A PAYER 45,00'], 4500],
    ['subtotal spelt S/TOTAL', ['S/TOTAL 50,00', 'REMISE FIDELITE 5,00', 'TOTAL 45,00'], 4500],
    ['loyalty decoys', ['TOTAL 23,00', 'CAGNOTTE FIDELITE 1,15', 'VOUS AVEZ ECONOMISE 2,00'], 2300],
    ['card slip only', ['CARTE BANCAIRE', 'MONTANT 12,30 EUR', 'DEBIT'], 1230],
    ['CB line only', ['CB    15,60'], 1560],
    ['total repeated on the card slip', ['TOTAL 8,80', 'CB 8,80', 'MONTANT = 8,80 EUR'], 880],
    ['integer euros', ['TOTAL 12 €'], 1200],
    ['trailing minus lines are not totals', ['RETOUR 5,00-', 'TOTAL 10,00'], 1000],
    ['TOTAL A REGLER', ['TOTAL A REGLER   31,90'], 3190],
    ['remaining to pay after payment', ['TOTAL 12,00', 'CB 12,00', 'RESTE A PAYER 0,00'], 1200],
    ['savings are not totals', ['TOTAL 23,00', 'TOTAL ECONOMISE 2,00'], 2300],
    ['a lone TTC label', ['TTC   14,30'], 1430],
  ];
  it.each(cases)('%s', (_name, middle, cents) => {
    expect(parse(receipt(middle)).totalCents?.value).toBe(cents);
  });

  it('is less sure of a card-slip amount than of a labelled total', () => {
    const slip = parse(receipt(['CB 15,60'])).totalCents!.confidence;
    const total = parse(receipt(['TOTAL TTC 15,60'])).totalCents!.confidence;
    expect(slip).toBeLessThan(total);
    expect(slip).toBeLessThan(0.75);
  });

  it('lowers the confidence when two totals disagree', () => {
    const e = parse(receipt(['TOTAL 12,00', 'TOTAL 15,00']));
    expect([1200, 1500]).toContain(e.totalCents?.value);
    expect(e.totalCents!.confidence).toBeLessThan(0.7);
    expect(parse(receipt(['TOTAL 12,00'])).totalCents!.confidence).toBeGreaterThan(0.8);
  });

  it('gains confidence when the items add up and HT + TVA = TTC', () => {
    const plain = parse(receipt(['PAIN 3,00', 'TOTAL 9,00']));
    const checked = parse(receipt(['PAIN 3,00', 'BRIOCHE 6,00', 'TOTAL TTC 9,00', 'TOTAL HT 8,53', 'TVA 0,47']));
    expect(checked.totalCents?.value).toBe(900);
    expect(checked.totalCents!.confidence).toBeGreaterThan(plain.totalCents!.confidence);
  });

  it('finds no total without a total label', () => {
    const e = parse(receipt(['PAIN 3,00', 'BRIOCHE 6,00']));
    expect(e.totalCents).toBeUndefined();
    expect(e.confidence).toBeLessThanOrEqual(0.3);
  });
});

describe('parseReceipt: AnalyzeExpense hints are evidence, not truth', () => {
  const hint = (type: string, value: string, confidence = 0.99): OcrHint => ({ type, value, confidence });

  it('an agreeing TOTAL hint raises the confidence', () => {
    const without = parse(receipt(['TOTAL 12,00'])).totalCents!;
    const withHint = parse(receipt(['TOTAL 12,00']), [hint('TOTAL', '12,00')]).totalCents!;
    expect(withHint.value).toBe(1200);
    expect(withHint.confidence).toBeGreaterThan(without.confidence);
  });

  it('a disagreeing TOTAL hint loses to the line text and lowers the confidence', () => {
    const without = parse(receipt(['TOTAL TTC 12,00', 'TVA 2,00'])).totalCents!;
    const e = parse(receipt(['TOTAL TTC 12,00', 'TVA 2,00']), [hint('TOTAL', '2,00')]).totalCents!;
    expect(e.value).toBe(1200);
    expect(e.confidence).toBeLessThan(without.confidence);
  });

  it('fills the total, date and shop sign from hints when the lines lack them, with low confidence', () => {
    const e = parse(['quelque chose', 'illisible'], [
      hint('TOTAL', '€23.40'),
      hint('INVOICE_RECEIPT_DATE', '14/03/2026'),
      hint('VENDOR_NAME', 'Chez Paul'),
    ]);
    expect(e.totalCents).toEqual({ value: 2340, confidence: expect.any(Number) });
    expect(e.totalCents!.confidence).toBeLessThan(0.5);
    expect(e.purchaseDate?.value).toBe('2026-03-14');
    expect(e.purchaseDate!.confidence).toBeLessThan(0.5);
    expect(e.shopSign?.value).toBe('quelque chose'); // a line still beats a hint for the sign
  });

  it('uses a VENDOR_NAME hint to confirm the sign', () => {
    const lines = receipt(['TOTAL 5,00']);
    const a = parse(lines).shopSign!;
    const b = parse(lines, [hint('VENDOR_NAME', 'Boucherie Martin')]).shopSign!;
    expect(b.value).toBe('BOUCHERIE MARTIN');
    expect(b.confidence).toBeGreaterThan(a.confidence);
  });
});

describe('parseReceipt: dates and times', () => {
  const dates: Array<[string, string | undefined]> = [
    ['12/03/2026', '2026-03-12'],
    ['12-03-26', '2026-03-12'],
    ['12.03.2026', '2026-03-12'],
    ['12 / 03 / 2026', '2026-03-12'],
    ['12 mars 2026', '2026-03-12'],
    ['12 MARS 26', '2026-03-12'],
    ['2026-03-12', '2026-03-12'],
    ['Le 1er févr. 2026', '2026-02-01'],
    ['3 FEVRIER 2026', '2026-02-03'],
    ['15 août 2026', '2026-08-15'],
    ['15 AOUT 2026', '2026-08-15'],
    ['Jeudi 5 décembre 2026', '2026-12-05'],
    ['05-déc.-2026', '2026-12-05'],
    ['01-Jan-2026', '2026-01-01'],
    ['29/02/2028', '2028-02-29'],
    ['31/02/2026', undefined],
    ['29/02/2026', undefined],
    ['32/01/2026', undefined],
    ['00/01/2026', undefined],
  ];
  it.each(dates)('%s', (written, iso) => {
    const e = parse(['BOUCHERIE MARTIN', written, 'TOTAL 5,00']);
    expect(e.purchaseDate?.value).toBe(iso);
  });

  const times: Array<[string, string]> = [
    ['12/03/2026 14:32', '14:32'],
    ['12/03/2026 14h32', '14:32'],
    ['12/03/2026 14H32', '14:32'],
    ['12/03/2026 14:32:05', '14:32:05'],
    ['Le 03/04/2026 à 9h05', '09:05'],
    ['04/12/2026 2:32 PM', '14:32'],
  ];
  it.each(times)('%s', (written, time) => {
    expect(parse(['BOUCHERIE MARTIN', written, 'TOTAL 5,00']).purchaseTime?.value).toBe(time);
  });

  it('prefers the dated line with a time over a best-before date or an offer', () => {
    const e = parse([
      'BOUCHERIE MARTIN',
      'DLC 20/03/2026',
      'Offre valable jusqu\'au 30/04/2026',
      'TOTAL 5,00',
      '12/03/2026 10:15 CAISSE 2',
    ]);
    expect(e.purchaseDate?.value).toBe('2026-03-12');
    expect(e.purchaseTime?.value).toBe('10:15');
  });

  it('reads a phone number as no date', () => {
    expect(parse(['BOUCHERIE', 'Tel 01.02.03.04.05', 'TOTAL 5,00']).purchaseDate).toBeUndefined();
  });

  it('reads month first on a US receipt', () => {
    const e = parse(['MEGA MARKET', 'TOTAL $18.10', '12/07/2019 12:22 PM']);
    expect(e.purchaseDate?.value).toBe('2019-12-07');
    expect(e.purchaseTime?.value).toBe('12:22');
  });

  it('has a low overall confidence without a date', () => {
    const e = parse(['BOUCHERIE MARTIN', '37410 MONTCLAIR', `SIRET ${SIRET_A}`, 'TOTAL 5,00']);
    expect(e.purchaseDate).toBeUndefined();
    expect(e.confidence).toBeLessThanOrEqual(0.4);
  });
});

describe('parseReceipt: identifiers', () => {
  const sirets: Array<[string, string | undefined]> = [
    [`SIRET ${SIRET_A}`, SIRET_A],
    ['SIRET 404 833 048 00014', SIRET_A],
    ['Siret : 404.833.048.00014', SIRET_A],
    ['N° SIRET: 404 833 048 000 14', SIRET_A],
    ['SIRET 4O4 833 O48 OOO14', SIRET_A], // O for 0
    ['SlRET 404833048000l4', SIRET_A], // l for I and 1
    ['SIRET 404 833 048 00015', undefined], // fails Luhn
    ['SIRET 732 B29 32O 00025', SIRET_B], // B for 8, O for 0
    ['SIRET 40483304800O1)', SIRET_A], // one unreadable character: Luhn leaves one digit
    [`${SIRET_B.slice(0, 3)} ${SIRET_B.slice(3, 6)} ${SIRET_B.slice(6, 9)} ${SIRET_B.slice(9)}`, SIRET_B], // unlabelled
  ];
  it.each(sirets)('%s', (written, siret) => {
    expect(parse(['BOUCHERIE', written, '12/03/2026', 'TOTAL 5,00']).siret?.value).toBe(siret);
  });

  it('takes the SIRET from the line after its label', () => {
    const e = parse(['BOUCHERIE', 'SIRET :', SIRET_A, 'TOTAL 5,00']);
    expect(e.siret?.value).toBe(SIRET_A);
  });

  it('trusts a labelled SIRET more than an unlabelled number', () => {
    const labelled = parse(['BOUCHERIE', `SIRET ${SIRET_B}`, 'TOTAL 5,00']).siret!.confidence;
    const bare = parse(['BOUCHERIE', SIRET_B, 'TOTAL 5,00']).siret!.confidence;
    expect(bare).toBeLessThan(0.5);
    expect(labelled).toBeGreaterThan(0.85);
  });

  it('ignores barcodes that pass Luhn by chance', () => {
    const e = parse(['EPICERIE', 'PATES 500G   1,20', '04800016666407', 'RIZ 1KG   2,10', '04806510073840', 'TOTAL 3,30']);
    expect(e.siret).toBeUndefined();
  });

  it('keeps the SIREN of a misread SIRET', () => {
    const e = parse(['BOUCHERIE', 'SIRET 404 833 048 00015', 'TOTAL 5,00']);
    expect(e.siret).toBeUndefined();
    expect(e.siren?.value).toBe('404833048');
  });

  it('reads the SIREN from RCS and SIREN labels', () => {
    expect(parse(['LIBRAIRIE', `RCS Tours B ${SIREN_C.replace(/(\d{3})(?=\d)/g, '$1 ')}`, 'TOTAL 5,00']).siren?.value).toBe(SIREN_C);
    expect(parse(['LIBRAIRIE', `SIREN : ${SIREN_C}`, 'TOTAL 5,00']).siren?.value).toBe(SIREN_C);
  });

  it('reads a TVA number whose key checks, and derives the SIREN', () => {
    const e = parse(['LIBRAIRIE', 'TVA intracom. FR 75 512 345 679', 'TOTAL 5,00']);
    expect(e.vatNumber?.value).toBe('FR75512345679');
    expect(e.siren?.value).toBe(SIREN_C);
    expect(parse(['LIBRAIRIE', 'TVA FR76512345679', 'TOTAL 5,00']).vatNumber).toBeUndefined();
  });
});

describe('parseReceipt: shop sign, address, phone', () => {
  it('skips generic lines to find the sign', () => {
    const e = parse(['*** BIENVENUE ***', 'TICKET DE CAISSE', '= Boucherie Martin =', '8 rue des Halles', '37410 MONTCLAIR', 'TOTAL 5,00']);
    expect(e.shopSign?.value).toBe('Boucherie Martin');
  });

  it('reads the sign in a welcome line', () => {
    expect(parse(['Bienvenue chez Fleurs & Co', '8 rue des Halles', 'TOTAL 5,00']).shopSign?.value).toBe('Fleurs & Co');
  });

  it('skips dates, addresses, phones and numbers at the top', () => {
    const e = parse(['12/03/2026 10:15', '0247581234', '8 rue des Halles', 'LE COMPTOIR DES HALLES', 'TOTAL 5,00']);
    expect(e.shopSign?.value).toBe('LE COMPTOIR DES HALLES');
  });

  it('prefers the tallest line near the top when boxes are known', () => {
    const line = (text: string, top: number, height: number): OcrLine => ({
      text,
      confidence: 0.95,
      box: { left: 0.1, top, width: 0.8, height },
    });
    const e = parse([
      line('Sarl Dupont et Fils', 0.02, 0.015),
      line('CHEZ DUPONT', 0.05, 0.04),
      line('8 rue des Halles', 0.1, 0.015),
      line('TOTAL 5,00', 0.5, 0.015),
    ]);
    expect(e.shopSign?.value).toBe('CHEZ DUPONT');
  });

  const addresses: Array<[string[], { street?: string; postcode?: string; city?: string }]> = [
    [['3 bis quai Paul Bert', '37410 MONTCLAIR-SUR-LOIRE'], { street: '3 bis quai Paul Bert', postcode: '37410', city: 'MONTCLAIR-SUR-LOIRE' }],
    [['12, av. de la Gare', '75001 PARIS CEDEX 01'], { street: '12, av. de la Gare', postcode: '75001', city: 'PARIS' }],
    [['Place du Marché', '13100 Aix-en-Provence'], { street: 'Place du Marché', postcode: '13100', city: 'Aix-en-Provence' }],
    [['145 Bd Saint-Germain 75006 PARIS'], { street: '145 Bd Saint-Germain', postcode: '75006', city: 'PARIS' }],
    [['ZA des Pins', 'F-97400 SAINT-DENIS'], { postcode: '97400', city: 'SAINT-DENIS' }],
    [['Centre Commercial Les Arcades', '93160 NOISY LE GRAND'], { postcode: '93160', city: 'NOISY LE GRAND' }],
  ];
  it.each(addresses)('%j', (addr, expected) => {
    const e = parse(['LA BOUTIQUE', ...addr, '12/03/2026', 'TOTAL 5,00']);
    if (expected.street) expect(e.street?.value).toBe(expected.street);
    expect(e.postcode?.value).toBe(expected.postcode);
    expect(e.city?.value).toBe(expected.city);
  });

  it('does not take a ticket number or an item line for a postcode', () => {
    const e = parse(['LA BOUTIQUE', 'Ticket 12345 ARTICLES', 'E 33841 BNLS/SL BRST 22.10', 'TOTAL 22,10']);
    expect(e.postcode).toBeUndefined();
  });

  const phones: Array<[string, string]> = [
    ['Tél. : 01 23 45 67 89', '01 23 45 67 89'],
    ['TEL 01.23.45.67.89', '01 23 45 67 89'],
    ['+33 1 23 45 67 89', '01 23 45 67 89'],
    ['Tel: +33 (0)6 12 34 56 78', '06 12 34 56 78'],
    ['0247581234', '02 47 58 12 34'],
  ];
  it.each(phones)('%s', (written, phone) => {
    expect(parse(['LA BOUTIQUE', written, 'TOTAL 5,00']).phone?.value).toBe(phone);
  });
});

describe('parseReceipt: payment and ticket number', () => {
  const payments: Array<[string[], string]> = [
    [['CB 12,00'], 'CB'],
    [['CARTE BANCAIRE 12,00'], 'CB'],
    [['VISA 12,00'], 'CB'],
    [['CB 12,00', 'PAIEMENT SANS CONTACT'], 'CB_SANS_CONTACT'],
    [['ESPECES 20,00', 'RENDU 8,00'], 'ESPECES'],
    [['Espèces 12,00'], 'ESPECES'],
    [['CHEQUE 12,00'], 'CHEQUE'],
    [['Chèque 12,00'], 'CHEQUE'],
    [['TICKET RESTAURANT 12,00'], 'TITRE_RESTAURANT'],
    [['Apple Pay 12,00'], 'APPLE_PAY'],
  ];
  it.each(payments)('%j', (lines, means) => {
    expect(parse(receipt(['TOTAL 12,00', ...lines])).paymentMeans?.value).toBe(means);
  });

  it('does not take a loyalty card for a payment', () => {
    expect(parse(receipt(['TOTAL 12,00', 'CARTE FIDELITE N 1234'])).paymentMeans).toBeUndefined();
  });

  const tickets: Array<[string, string]> = [
    ['N° ticket : 4521', '4521'],
    ['Ticket 000873   Caisse 02', '000873'],
    ['TICKET N°12/0042', '12/0042'],
    ['Trans. 5531', '5531'],
    ['Vente n. 2026-1187', '2026-1187'],
  ];
  it.each(tickets)('%s', (written, ticket) => {
    expect(parse(['LA BOUTIQUE', 'TICKET DE CAISSE', written, 'TOTAL 5,00']).ticketNumber?.value).toBe(ticket);
  });
});

describe('parseReceipt: layout and noise', () => {
  it('puts back on one row the label and amount that an engine returns as two lines', () => {
    const box = (left: number, top: number, width: number) => ({ left, top, width, height: 0.02 });
    const e = parse([
      { text: 'MEGA EPICERIE', confidence: 0.99, box: box(0.3, 0.02, 0.4) },
      { text: 'SOUS-TOTAL', confidence: 0.99, box: box(0.1, 0.3, 0.2) },
      { text: '16,99', confidence: 0.99, box: box(0.7, 0.301, 0.1) },
      { text: 'TVA', confidence: 0.99, box: box(0.1, 0.33, 0.1) },
      { text: '1,10', confidence: 0.99, box: box(0.7, 0.331, 0.1) },
      { text: 'TOTAL', confidence: 0.99, box: box(0.1, 0.36, 0.1) },
      { text: '18,09', confidence: 0.99, box: box(0.7, 0.359, 0.1) },
      { text: 'ESPECES', confidence: 0.99, box: box(0.1, 0.39, 0.1) },
      { text: '20,00', confidence: 0.99, box: box(0.7, 0.39, 0.1) },
    ]);
    expect(e.totalCents?.value).toBe(1809);
  });

  it('lowers field confidences with the OCR confidence', () => {
    const low = parse(receipt(['TOTAL 5,00']).map((text) => ({ text, confidence: 0.3 })));
    const high = parse(receipt(['TOTAL 5,00']));
    expect(low.totalCents!.confidence).toBeLessThan(high.totalCents!.confidence);
  });

  it('returns an empty extraction with zero confidence for no lines', () => {
    const e = parse([]);
    expect(e).toEqual({ engine: 'test', lineItems: [], confidence: 0 });
  });

  it('is doubtful without a SIRET or both shop sign and postcode', () => {
    const e = parse(['TICKET', '12/03/2026 10:15', 'TOTAL 5,00']);
    expect(e.confidence).toBeLessThanOrEqual(0.5);
  });

  it('survives garbage', () => {
    const e = parse(['%%%% ~~~', '|||| 1,,,2 ..', '€€€ 12/13/14/15', 'TOTAL TOTAL TOTAL', '999999999999999999999,99']);
    expect(e.confidence).toBeLessThan(0.5);
  });
});

describe('parseReceipt: other layouts', () => {
  it('a supermarket receipt with a remise, a TVA table and the date at the bottom', () => {
    const e = parse([
      'CARREFOUR MARKET',
      'SAS DISTRI MONTCLAIR',
      '12 AV DU GENERAL DE GAULLE',
      '37410 MONTCLAIR SUR LOIRE',
      'TEL : 02.47.00.11.22',
      'SIRET 44306184100104 - NAF 4711D',
      'TVA FR64443061841',
      '-----------------------------------',
      'LAIT DEMI ECREME 1L        1,05 €',
      'PAIN DE MIE                 1,89 €',
      'BANANES',
      '0,986 kg x 1,99 €/kg        1,96 €',
      'SOUS TOTAL                  4,90 €',
      'REMISE IMMEDIATE           -0,50 €',
      'TOTAL A PAYER               4,40 €',
      '   3 ARTICLES',
      'CB EMV                      4,40 €',
      'RENDU MONNAIE               0,00 €',
      'TVA    HT     TVA    TTC',
      '5,50%  4,17   0,23   4,40',
      'MAG 1234 CAISSE 004 TICKET 0567',
      '12/11/2026   18:42:13',
      'MERCI DE VOTRE VISITE',
    ]);
    expect(e).toMatchObject({
      shopSign: { value: 'CARREFOUR MARKET' },
      siret: { value: '44306184100104' },
      vatNumber: { value: 'FR64443061841' },
      street: { value: '12 AV DU GENERAL DE GAULLE' },
      postcode: { value: '37410' },
      city: { value: 'MONTCLAIR SUR LOIRE' },
      purchaseDate: { value: '2026-11-12' },
      purchaseTime: { value: '18:42:13' },
      totalCents: { value: 440 },
      paymentMeans: { value: 'CB' },
      ticketNumber: { value: '0567' },
    });
    expect(e.lineItems).toEqual([
      { label: 'LAIT DEMI ECREME 1L', amountCents: 105 },
      { label: 'PAIN DE MIE', amountCents: 189 },
      { label: 'BANANES', amountCents: 196, quantity: 0.986 },
      { label: 'REMISE IMMEDIATE', amountCents: -50 },
    ]);
  });

  it('a restaurant bill with mixed case, RCS and a spaced SIRET at the bottom', () => {
    const e = parse([
      'LE BISTROT DU MARCHE',
      'Restaurant - Bar',
      "5, place de l'Église",
      '37410 Montclair-sur-Loire',
      'Tél. 02 47 11 22 33',
      'Table 12 - Couverts 2',
      'Serveur : Julie',
      '2 Menu du jour     2 x 15,50   31,00',
      '1 Café gourmand              7,50',
      'Total TTC                   38,50 €',
      'dont TVA 10%                 3,50 €',
      'Le 13/11/2026 à 21:07',
      'SARL LE BISTROT - RCS Tours 512 345 679',
      'Siret 512 345 679 00025',
    ]);
    expect(e).toMatchObject({
      shopSign: { value: 'LE BISTROT DU MARCHE' },
      siret: { value: '51234567900025' },
      siren: { value: '512345679' },
      street: { value: "5, place de l'Église" },
      city: { value: 'Montclair-sur-Loire' },
      purchaseDate: { value: '2026-11-13' },
      purchaseTime: { value: '21:07' },
      totalCents: { value: 3850 },
    });
    expect(e.lineItems).toEqual([
      { label: 'Menu du jour', amountCents: 3100, quantity: 2 },
      { label: 'Café gourmand', amountCents: 750, quantity: 1 },
    ]);
    expect(e.confidence).toBeGreaterThan(0.8);
  });
});

describe('parseReceipt: confidence calibration (a guess is never paid)', () => {
  const REVIEW = 0.6; // REVIEW_POLICY.minTotalConfidence and minDateConfidence
  const at = (c: number) => (text: string): OcrLine => ({ text, confidence: c });

  it('is sure of a total the items, the payment line or HT + TVA confirm', () => {
    for (const middle of [
      ['PAIN 3,00', 'BRIOCHE 6,00', 'TOTAL 9,00'],
      ['TOTAL 9,00', 'CB 9,00'],
      ['TOTAL TTC 9,00', 'TOTAL HT 8,53', 'TVA 0,47'],
      ['NET A PAYER 9,00', 'ESPECES 10,00', 'RENDU 1,00'],
    ]) {
      const e = parse(receipt(middle).map(at(0.75)));
      expect(e.totalCents?.value).toBe(900);
      expect(e.totalCents!.confidence).toBeGreaterThanOrEqual(REVIEW);
    }
  });

  it('doubts a total read once, on a doubtful line, that nothing confirms', () => {
    const e = parse(receipt(['PAIN 3,00', 'BRIOCHE 6,00', 'TOTAL 19,00']).map(at(0.65)));
    expect(e.totalCents?.value).toBe(1900);
    expect(e.totalCents!.confidence).toBeLessThan(REVIEW);
  });

  it('doubts an amount without cents that nothing confirms', () => {
    const e = parse(receipt(['PAIN 3,00', 'NET A PAYER 39 EUR']));
    expect(e.totalCents?.value).toBe(3900);
    expect(e.totalCents!.confidence).toBeLessThan(REVIEW);
  });

  it('takes the items sum over a misread total label line, with doubt', () => {
    // "TOTAL 14,05" misread from 74,05; the items and the card line say 74,05.
    const e = parse(receipt(['VIN ROUGE 50,00', 'FROMAGE 24,05', 'TOTAL TTC 14,05', 'CB 74,05']));
    expect(e.totalCents?.value).toBe(7405);
  });

  it('reads an amount that lost its decimal comma as the one with cents printed elsewhere', () => {
    const e = parse(receipt(['GANTS 35,80', 'RUBAN 52,35', 'A PAYER 8815€', 'CHEQUE 88,15']));
    expect(e.totalCents?.value).toBe(8815);
  });

  it('gives a sign that does not read as words, or read with little confidence, a low confidence', () => {
    const garbage = parse([{ text: 'Re RES, Le re a Ft ds ere us', confidence: 0.6 }, '8 rue des Halles', '37410 MONTCLAIR', '12/03/2026 10:15', 'TOTAL 5,00']);
    expect(garbage.shopSign?.confidence ?? 0).toBeLessThan(0.5);
    const faint = parse([{ text: 'costco', confidence: 0.24 }, 'TOTAL 5,00']);
    expect(faint.shopSign?.confidence ?? 0).toBeLessThan(0.5);
    const clear = parse(['BOUCHERIE MARTIN', '8 rue des Halles', '37410 MONTCLAIR', 'TOTAL 5,00']);
    expect(clear.shopSign?.confidence).toBeGreaterThan(0.7);
  });

  it('drops stray marks that the paper edge leaves at the ends of the sign line', () => {
    expect(parse(['4      LA PETITE ÉPICERIE', '8 rue des Halles', 'TOTAL 5,00']).shopSign?.value).toBe('LA PETITE ÉPICERIE');
    expect(parse(['BOUCHERIE RENARD        E', '8 rue des Halles', 'TOTAL 5,00']).shopSign?.value).toBe('BOUCHERIE RENARD');
  });

  it('does not take an address that AnalyzeExpense names as such for the sign', () => {
    const e = parse(['123 Some Street', 'Some City, XYZ, USA', 'Total $10.00'], [
      { type: 'VENDOR_ADDRESS', value: '123 Some Street\nSome City, XYZ, USA', confidence: 0.99 },
    ]);
    expect(e.shopSign?.value).not.toBe('Some City, XYZ, USA');
  });
});

describe('parseReceipt: the shop sign on damaged headers', () => {
  /** The card slip printed under the receipt: the bank's merchant name follows its date line. */
  const slip = (name: string, town: string) => [
    'CARTE BANCAIRE',
    'SANS CONTACT',
    'A0000000421010',
    'LE 14/03/26 A 11:02:47',
    name,
    town,
    '4471029',
    'MONTANT REEL =',
    '18,40 EUR',
    'DEBIT',
    'TICKET CLIENT',
    'A CONSERVER',
  ];
  const sign = (lines: string[]) => parse(lines).shopSign?.value;

  it('does not take the column headings of a header cut off for the sign, and falls back on the card slip', () => {
    const table = ['Op. 12', 'DESIGNATION   QTE   P.U.   MONTANT', 'JAMBON BLANC        2   9,20   18,40', 'TOTAL TTC   18,40', 'CB   18,40'];
    expect(sign(table)).toBeUndefined();
    expect(sign(['Caisse 2', 'PRIX   MONTANT', 'POMMES  1,203kg   4,03', 'A PAYER   4,03'])).toBeUndefined();
    const e = parse([...table, ...slip('CHARCUTERIE GRANGIER', 'SAINT-FLOUR')]);
    expect(e.shopSign?.value).toBe('CHARCUTERIE GRANGIER');
    expect(e.shopSign?.confidence).toBeLessThan(0.7);
  });

  it('drops a border of stars with one star read as a letter, and prefers the reading without the stray letter', () => {
    const rest = ['Brasserie', '145 faubourg du Port', '82820 ROCHEBRUNE', 'TOTAL 5,00'];
    expect(sign(['**x CHEZ NATHAN ***', ...rest])).toBe('CHEZ NATHAN');
    expect(sign(['*** CHEZ NATHAN ***', '**x CHEZ NATHAN ***', ...rest])).toBe('CHEZ NATHAN');
    expect(sign(['x CHEZ NATHAN', 'CHEZ NATHAN', ...rest])).toBe('CHEZ NATHAN');
  });

  it('drops a lone stroke that the paper edge leaves beside the sign', () => {
    expect(sign(["1 L'ESTAMINET DU BEFFROI", '12 rue des Arbalétriers', '59000 LILLE', 'TOTAL 5,00'])).toBe("L'ESTAMINET DU BEFFROI");
    expect(sign(['CAVE SAINT-VINCENT I', '3 place du Marché', '21200 BEAUNE', 'TOTAL 5,00'])).toBe('CAVE SAINT-VINCENT');
    expect(sign(['1 2 3 SOLEIL', '3 place du Marché', '21200 BEAUNE', 'TOTAL 5,00'])).toBe('1 2 3 SOLEIL');
  });

  it("gives back the article's L lost at the paper edge", () => {
    const at = (first: string) => sign([first, '8 rue des Halles', '37410 MONTCLAIR', 'TOTAL 5,00']);
    expect(at('.e Petit Zinc')).toBe('Le Petit Zinc');
    expect(at('es Délices d’Alice')).toBe('Les Délices d’Alice');
    expect(at('+A TAVERNE DU PORT')).toBe('LA TAVERNE DU PORT');
    expect(at("'ORANGERIE DU PARC")).toBe("L'ORANGERIE DU PARC");
    // Not where the first word stands as printed.
    expect(at('À LA BONNE HEURE')).toBe('À LA BONNE HEURE');
    expect(at('*A LA BONNE HEURE*')).toBe('A LA BONNE HEURE');
    expect(at('E.LECLERC')).toBe('E.LECLERC');
  });

  it('settles a sign read twice two ways by the card slip, or by the town on the address', () => {
    const bySlip = [
      'Chocolaterie Vannler',
      'Chocolaterie Vannier',
      '5 place de la Liberté',
      '24200 SARLAT-LA-CANÉDA',
      '14/03/2026 11:02',
      'BALLOTIN 250G   18,40',
      'TOTAL TTC   18,40',
      ...slip('CHOCOLATERIE VANNIER', 'SARLAT-LA-CANEDA'),
    ];
    expect(sign(bySlip)).toBe('Chocolaterie Vannier');
    const byTown = ['LE CELLIER DE MIREPOlX', 'LE CELLIER DE MIREPOIX', '3 allée des Cordeliers', '09500 MIREPOIX', 'TOTAL 5,00'];
    expect(sign(byTown)).toBe('LE CELLIER DE MIREPOIX');
  });

  it('completes a sign cut at the paper edge from the card slip, and keeps it whole when the slip cuts it', () => {
    const receiptWith = (head: string, slipName: string) => [head, '2 quai du Port au Vin', '29000 QUIMPER', 'CIDRE BRUT   18,40', 'TOTAL TTC   18,40', ...slip(slipName, 'QUIMPER')];
    expect(sign(receiptWith('LA TAVERNE DU PÈRE L', 'LA TAVERNE DU PERE LOU'))).toBe('LA TAVERNE DU PERE LOU');
    expect(sign(receiptWith('LA TAVERNE DU PÈRE LOUIS', 'LA TAVERNE DU PERE LOU'))).toBe('LA TAVERNE DU PÈRE LOUIS');
  });

  it("puts right a misread letter or a cut end from the shop's web address, and only that", () => {
    const withSite = (head: string, site: string) => sign([head, '14 rue du Lac', '74000 ANNECY', site, 'TOTAL 5,00']);
    expect(withSite('PRESSING DU LAO', 'www.pressingdulac.fr')).toBe('PRESSING DU LAC');
    expect(withSite('CORDONNERIE BASTL', 'www.cordonneriebastide.fr')).toBe('CORDONNERIE BASTIDE');
    // A domain that shortens the name, or adds to it, or a webmail address, changes nothing.
    expect(withSite('CORDONNERIE BASTIDE', 'www.cordonnerie-bastid.fr')).toBe('CORDONNERIE BASTIDE');
    expect(withSite('AU BON PAIN', 'contact@auxbonpains.fr')).toBe('AU BON PAIN');
    expect(withSite('PRESSING DU LAO', 'pressing.lao@orange.fr')).toBe('PRESSING DU LAO');
  });

  it('joins a sign printed over two lines when the first ends on a word a name cannot end on', () => {
    expect(sign(['AU RENDEZ-VOUS DES', 'PÊCHEURS', '4 quai des Indes', '56100 LORIENT', 'TOTAL 5,00'])).toBe('AU RENDEZ-VOUS DES PÊCHEURS');
    expect(sign(["AU FOURNIL D'", 'ANTOINE', '4 quai des Indes', '56100 LORIENT', 'TOTAL 5,00'])).toBe("AU FOURNIL D'ANTOINE");
    expect(sign(['BOULANGERIE PETIT', 'Artisan boulanger', '4 quai des Indes', '56100 LORIENT', 'TOTAL 5,00'])).toBe('BOULANGERIE PETIT');
    // Not a smudge above the sign that happens to end on "Le", nor a line printed at another size.
    const line = (text: string, top: number, height: number, confidence = 0.95): OcrLine => ({ text, confidence, box: { left: 0.1, top, width: 0.8, height } });
    const smudge = parse([line('Cann: à de Aa 7 La MO ES A Le', 0.02, 0.007, 0.32), line('AU PLATEAU DE MATHIS', 0.04, 0.02), line('4 quai des Indes', 0.07, 0.015), line('TOTAL 5,00', 0.5, 0.015)]);
    expect(smudge.shopSign?.value).toBe('AU PLATEAU DE MATHIS');
    const sizes = parse([line('LA HALLE AUX', 0.02, 0.04), line('Fromages et vins de pays', 0.07, 0.015), line('4 quai des Indes', 0.09, 0.015), line('TOTAL 5,00', 0.5, 0.015)]);
    expect(sizes.shopSign?.value).toBe('LA HALLE AUX');
  });

  it('passes over slogans and company names at the top', () => {
    const after = (first: string, second: string) => sign([first, second, '4 quai des Indes', '56100 LORIENT', 'TOTAL 5,00']);
    expect(after('Votre caviste depuis 1987', 'LA CAVE DU VIEUX PORT')).toBe('LA CAVE DU VIEUX PORT');
    expect(after('Le goût du terroir !', 'FROMAGERIE DES HALLES')).toBe('FROMAGERIE DES HALLES');
    expect(after('MARTIN ET FILS SA', 'BOUCHERIE MARTIN')).toBe('BOUCHERIE MARTIN');
    expect(after('S.A.R.L. LEBRUN', 'Fromagerie Lebrun')).toBe('Fromagerie Lebrun');
  });

  it('prefers the header line that the card slip prints again, and is surer of it', () => {
    const head = ['Boulangerie - Pâtisserie', 'AU PÉCHÉ MIGNON', '7 rue Nationale', '37000 TOURS', 'TARTE AUX FRAISES   18,40', 'TOTAL TTC   18,40'];
    const confirmed = parse([...head, ...slip('AU PECHE MIGNON', 'TOURS')]).shopSign!;
    expect(confirmed.value).toBe('AU PÉCHÉ MIGNON');
    const alone = parse(['AU PÉCHÉ MIGNON', ...head.slice(2)]).shopSign!;
    expect(confirmed.confidence).toBeGreaterThan(alone.confidence);
    // The town the slip prints under the merchant's name is no echo of a sign.
    const town = ['Les Jardins de Louise', 'AMBOISE', '12 rue Nationale', '37400 AMBOISE', 'BOUQUET   18,40', 'TOTAL TTC   18,40'];
    expect(parse([...town, ...slip('SARL FLEURS LOUISE', 'AMBOISE')]).shopSign?.value).toBe('Les Jardins de Louise');
  });
});
