/**
 * Receipts in English (Malaysian tills: RM, GST/SST, TOTAL ROUNDED, ROUNDING ADJ, CASH/CHANGE,
 * dd/mm/yyyy and dd-mm-yy dates, AM/PM times) and in French, written for these tests (invented
 * shops, amounts that add up). What is checked: the total and the date, and that a reading is
 * confident only where the receipt's own arithmetic or a clear label backs it.
 */
import { describe, expect, it } from 'vitest';
import type { OcrLine } from '../../../shared/ocr/types';
import { Extraction } from '../../../shared/receipts/extraction';
import { parseReceipt } from '../../../shared/receipts/parser';
import { looksAmerican, prepareLines } from '../../../shared/receipts/parser/lines';

const PAID_AT = 0.6;

const parse = (lines: Array<string | OcrLine>) => {
  const e = parseReceipt({ engine: 'test', hints: [], lines: lines.map((l) => (typeof l === 'string' ? { text: l, confidence: 0.95 } : l)) });
  expect(() => Extraction.parse(e)).not.toThrow();
  return e;
};

const paid = (e: Extraction) => (e.totalCents?.confidence ?? 0) >= PAID_AT && (e.purchaseDate?.confidence ?? 0) >= PAID_AT;

describe('English receipts, Malaysian style', () => {
  it('a grocery with a GST summary (standard and zero rated), rounding, cash and change, and a PM time', () => {
    const e = parse([
      'KEDAI RUNCIT SERI MAWAR SDN BHD',
      '(CO. REG: 100200-X)',
      'NO 12, JALAN MAWAR 3, TAMAN SERI',
      '81300 SKUDAI, JOHOR',
      'GST ID: 001234567890',
      'TAX INVOICE',
      'INVOICE NO: CS00012345',
      'DATE: 05/03/2018   TIME: 02:22:10 PM',
      'ITEM          QTY   PRICE   AMOUNT',
      'MILO 1KG        1   17.90    17.90 SR',
      'ROTI GANDUM     2    2.65     5.30 SR',
      'TELUR GRED A    1   11.50    11.50 ZR',
      'TOTAL QTY: 4',
      'TOTAL SALES (EXCLUDING GST)  34.70',
      'TOTAL GST                     1.39',
      'TOTAL (INCLUSIVE GST)        36.09',
      'ROUNDING ADJ                  0.01',
      'TOTAL ROUNDED                36.10',
      'CASH                         50.00',
      'CHANGE                       13.90',
      'GST SUMMARY   AMOUNT(RM)  TAX(RM)',
      'SR @ 6%          23.20      1.39',
      'ZR @ 0%          11.50      0.00',
      'THANK YOU, PLEASE COME AGAIN',
    ]);
    expect(e.totalCents?.value).toBe(3610);
    // 05/03 is the 5th of March: AM/PM times do not make a receipt American.
    expect(e.purchaseDate?.value).toBe('2018-03-05');
    expect(e.purchaseTime?.value).toBe('14:22:10');
    expect(paid(e)).toBe(true);
  });

  it('RM amounts, a tax-exclusive sub-total, GST 6 %, a rounding adjustment, dd-mm-yy', () => {
    const e = parse([
      'SYARIKAT ALAT TULIS BUKIT INDAH',
      'NO. 8 JALAN INDAH 2/4',
      'GST REG NO: 000987654321',
      'SIMPLIFIED TAX INVOICE',
      'RECEIPT #: 88231    11-01-18 10:05',
      '1 X PEN BLUE 0.5MM         RM3.18',
      '2 X A4 PAPER 80GSM        RM25.44',
      '1 X STAPLER                RM9.01',
      'SUB TOTAL                 RM37.63',
      'GST 6%                     RM2.26',
      'ROUNDING ADJ              RM0.01',
      'TOTAL                     RM39.90',
      'CASH                      RM50.00',
      'CHANGE                    RM10.10',
    ]);
    expect(e.totalCents?.value).toBe(3990);
    expect(e.purchaseDate?.value).toBe('2018-01-11');
    expect(paid(e)).toBe(true);
  });

  it('a total and the same total rounded are one total: the rounded one, what was paid', () => {
    const e = parse([
      'BENGKEL MAJU AUTO PARTS',
      'DATE:09.05.2018',
      '1001 OIL FILTER        25.00',
      '1002 ENGINE OIL 4L     98.00',
      'SUB-TOTAL             123.00',
      'GST 6%                  7.38',
      'TOTAL                 130.38',
      'ROUNDING               -0.03',
      'NETT TOTAL            130.35',
      'CASH                  150.00',
      'CHANGE                 19.65',
    ]);
    expect(e.totalCents?.value).toBe(13035);
    expect(e.totalCents!.confidence).toBeGreaterThanOrEqual(0.85);
    expect(e.purchaseDate?.value).toBe('2018-05-09');
  });

  it('prices including GST, the total on the line below its label, Balance for the change', () => {
    const e = parse([
      'PASARAYA HARMONI',
      'Date : 14/06/2018',
      'SUGAR 1KG            2.85 SR',
      'FLOUR 1KG            3.10 SR',
      'COOKING OIL 2KG     11.90 SR',
      'Total Item(s): 3',
      'Total Amount (RM):',
      '17.85',
      'Cash                20.00',
      'Balance              2.15',
      'GST Summary  Amount(RM) Tax(RM)',
      'SR @ 6%       16.84     1.01',
    ]);
    expect(e.totalCents?.value).toBe(1785);
    expect(e.purchaseDate?.value).toBe('2018-06-14');
    expect(paid(e)).toBe(true);
  });

  it('a total line that names its tax rate, a text month and a card', () => {
    const e = parse([
      'FARMASI BESTARI',
      'TAX INVOICE',
      'DATE: 27 Mar 2018 TIME: 3:05 PM',
      'PANADOL 10S     1   6.50',
      'VITAMIN C       2  29.80',
      'TOTAL INCL. GST @6%       36.30',
      'VISA                     36.30',
      'APPROVED',
    ]);
    expect(e.totalCents?.value).toBe(3630);
    expect(e.purchaseDate?.value).toBe('2018-03-27');
    expect(paid(e)).toBe(true);
  });

  it('a restaurant bill: Total Sales (Inclusive of GST), GST included, Change Due', () => {
    const e = parse([
      'RESTORAN SELERA KAMPUNG',
      'Bill No: 5521   Table 4',
      'Date: 11/05/2018 13:45',
      'AYAM GORENG    2 x 8.00    16.00',
      'NASI PUTIH     2 x 1.50     3.00',
      'TEH AIS        2 x 2.20     4.40',
      'Total Sales (Inclusive of GST) : 23.40',
      'GST 6% included : 1.32',
      'CASH : 50.00',
      'CHANGE DUE : 26.60',
    ]);
    expect(e.totalCents?.value).toBe(2340);
    expect(e.purchaseDate?.value).toBe('2018-05-11');
    expect(paid(e)).toBe(true);
  });

  it('a count of items is never the total, even printed with decimals', () => {
    const e = parse(['STATIONERY CORNER', 'DATE 03/04/2018 TIME 11:02', 'A4 PAPER         12.90', 'PEN BLACK 2PCS    3.00', 'TOTAL QTY 2.00', 'TOTAL            15.90', 'CREDIT CARD      15.90']);
    expect(e.totalCents?.value).toBe(1590);
    expect(paid(e)).toBe(true);
  });

  it('a discount and a service charge line are not the total', () => {
    const e = parse([
      'KOPITIAM LAMA',
      '23-08-2019 20:15',
      'MEE GORENG      7.50',
      'KOPI            2.80',
      'DISCOUNT       -1.00',
      'SUBTOTAL        9.30',
      'SST 6%          0.56',
      'TOTAL           9.86',
      'ROUNDING       -0.01',
      'TOTAL ROUNDED   9.85',
      'CASH           10.00',
      'CHANGE          0.15',
    ]);
    expect(e.totalCents?.value).toBe(985);
    expect(e.purchaseDate?.value).toBe('2019-08-23');
    expect(paid(e)).toBe(true);
  });

  it('a total misread and unconfirmed is sent to review', () => {
    // The items add up to 14.40, the tendered cash minus the change too: the TOTAL line says 19.40.
    const e = parse([
      'KEDAI MAKAN SEDAP',
      'DATE: 12/02/2019',
      'NASI AYAM      8.00',
      'TEH O ICE      2.40',
      'ROTI TELUR     4.00',
      { text: 'TOTAL         19.40', confidence: 0.62 },
      'CASH          20.00',
      'CHANGE         5.60',
    ]);
    if (e.totalCents?.value !== 1440) expect(e.totalCents?.confidence ?? 0).toBeLessThan(PAID_AT);
  });
});

describe('the order of day and month', () => {
  const order = (texts: string[]) => looksAmerican(prepareLines(texts.map((text) => ({ text, confidence: 0.95 }))));

  it('day first with ringgit, GST, VAT, pounds, or nothing to tell', () => {
    expect(order(['TOTAL RM 12.50', '05/03/2018 02:22 PM'])).toBe(false);
    expect(order(['GST 6%  1.20', '05/03/2018 02:22 PM'])).toBe(false);
    expect(order(['TOTAL £12.50', '05/03/2018 2:22 PM'])).toBe(false);
    expect(order(['TOTAL 12.50', '05/03/2018 02:22 PM'])).toBe(false);
  });

  it('month first on a receipt in dollars, unless a date on it reads only day first', () => {
    expect(order(['TOTAL $12.50', '05/03/2018 02:22 PM'])).toBe(true);
    expect(order(['TOTAL $12.50', '25/03/2018', 'Return by 05/04/2018'])).toBe(false);
    expect(order(['TOTAL 12.50', '03/25/2018'])).toBe(true);
  });

  it('never month first with euros, nor from a dotted date', () => {
    expect(order(['TOTAL 12,50 EUR', '03/25/2018'])).toBe(false);
    expect(order(['SUMME 12,50', 'Datum 08.16.16 14:16 Uhr'])).toBe(false);
  });

  it('a date that reads only month first on a day-first receipt is a misread digit: sent to review', () => {
    const e = parse(['MOEBELHAUS NORD', 'Artikel 20027536  9,99', 'Summe  134,39', 'EC LASTSCHRIFT  134,39 EUR', 'Datum 08.16.16 14:16 Uhr']);
    expect(e.totalCents?.value).toBe(13439);
    expect(e.purchaseDate?.confidence ?? 0).toBeLessThan(PAID_AT);
  });
});

describe('French receipts', () => {
  it('a supermarket ticket with a TVA table, cash and change given', () => {
    const e = parse([
      'SUPERETTE DU MAIL',
      '4 place du Mail',
      '37000 TOURS',
      'Le 14/02/2026 à 18:32',
      'LAIT DEMI-ECREME 1L      1,15',
      'PAIN DE MIE              2,09',
      'BIERE BLONDE 6X25CL      5,49',
      'TOMATES GRAPPE           3,12',
      'TOTAL TTC               11,85',
      'TAUX     HT     TVA     TTC',
      '5,5%    6,03   0,33    6,36',
      '20%     4,58   0,91    5,49',
      'ESPECES                 20,00',
      'RENDU MONNAIE            8,15',
    ]);
    expect(e.totalCents?.value).toBe(1185);
    expect(e.purchaseDate?.value).toBe('2026-02-14');
    expect(e.totalCents!.confidence).toBeGreaterThanOrEqual(0.85);
    expect(paid(e)).toBe(true);
  });

  it('a total without a label the parser knows, confirmed by the card slip and the TVA table', () => {
    const e = parse([
      'EPICERIE DES HALLES',
      '03-11-25 11:05',
      'CAFE MOULU 250G          5,60',
      'MIEL DE FLEURS           7,90',
      'A REGLR                 13,50',
      'dont TVA 5,5%            0,70',
      'CARTE BANCAIRE',
      'LE 03/11/25 A 11:05:41',
      'MONTANT REEL =',
      '13,50 EUR',
    ]);
    expect(e.totalCents?.value).toBe(1350);
    expect(e.purchaseDate?.value).toBe('2025-11-03');
    expect(paid(e)).toBe(true);
  });

  it('an arrondi line links a total and its rounding', () => {
    const e = parse(['CAFE DE LA GARE', '02/06/2026 09:12', 'CAFE  2,00', 'CROISSANT  1,32', 'TOTAL  3,32', 'ARRONDI  -0,02', 'NET A PAYER  3,30', 'ESPECES  5,00', 'RENDU  1,70']);
    expect(e.totalCents?.value).toBe(330);
    expect(paid(e)).toBe(true);
  });
});
