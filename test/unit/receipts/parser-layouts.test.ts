import { describe, expect, it } from 'vitest';
import type { OcrLine } from '../../../shared/ocr/types';
import { parse, receipt } from '../../support/parse-receipt';

// The receipt parser (shared/receipts/parser/) on payment lines, layouts, noise, confidence and damaged headers; the other cases are in parser.test.ts.

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
