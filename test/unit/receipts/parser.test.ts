import { describe, expect, it } from 'vitest';
import { MAX_TEXT_LENGTH, parseReceipt } from '../../../shared/receipts/parser';
import type { OcrHint, OcrLine } from '../../../shared/ocr/types';
import { SIRET_A, SIRET_B, SIREN_C, ocr, parse, receipt } from '../../support/parse-receipt';

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
