import type { PayoutBatchFile, PayoutBatchItem } from '../../../shared/payouts/pain001';

/**
 * Reference arithmetic for the tests, independent of shared/payouts/iban.ts: BigInt remainders of
 * the whole number at once (ISO 13616 check digits, French RIB key).
 */
function digits(text: string): string {
  return [...text.toUpperCase()].map((c) => (/[A-Z]/.test(c) ? String(c.charCodeAt(0) - 55) : c)).join('');
}

/** country + ISO 13616 check digits + BBAN. */
export function makeIban(country: string, bban: string): string {
  const check = 98n - (BigInt(digits(bban + country + '00')) % 97n);
  return `${country}${check.toString().padStart(2, '0')}${bban}`;
}

/** A French (or Monegasque) BBAN with its RIB key: the 23-digit RIB must be a multiple of 97. */
export function makeRib(bank: string, branch: string, account: string): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const values = '12345678912345678923456789';
  const numeric = account.replace(/[A-Z]/g, (l) => values[letters.indexOf(l)]!);
  const key = 97n - (BigInt(bank + branch + numeric + '00') % 97n);
  return `${bank}${branch}${account}${key.toString().padStart(2, '0')}`;
}

/** Constructed valid IBANs of several SEPA countries. */
export const IBANS = {
  FR: makeIban('FR', makeRib('30004', '00817', '00010123456')),
  FR_LETTERS: makeIban('FR', makeRib('20041', '01005', '0500013M026')),
  DE: makeIban('DE', '500105175407324931'),
  ES: makeIban('ES', '21000418450200051332'),
  IT: makeIban('IT', 'X0542811101000000123456'),
  BE: makeIban('BE', '539007547034'),
  NL: makeIban('NL', 'ABNA0417164300'),
  MC: makeIban('MC', makeRib('11222', '00001', '01234567890')),
  AT: makeIban('AT', '1904300234573201'),
  PT: makeIban('PT', '000201231234567890154'),
  CH: makeIban('CH', '00762011623852957'),
  GB: makeIban('GB', 'NWBK60161331926819'),
  NO: makeIban('NO', '86011117947'),
  MT: makeIban('MT', 'MALT011000012345MTLCAST001S'),
  LU: makeIban('LU', '0019400644750000'),
} as const;

export const CITY_IBAN = makeIban('FR', makeRib('30001', '00064', '00000012345'));

export function item(over: Partial<PayoutBatchItem> = {}, i = 0): PayoutBatchItem {
  return {
    endToEndId: `PI-${String(i).padStart(6, '0')}`,
    amountCents: 1_234,
    creditor: { name: 'Alice Martin', iban: IBANS.FR },
    remittance: 'Cabas - remboursement mars 2026',
    ...over,
  };
}

export function batch(over: Partial<PayoutBatchFile> = {}): PayoutBatchFile {
  return {
    messageId: 'PB-2026-03-01-0001',
    createdAt: new Date('2026-03-01T06:00:00.123Z'),
    requestedExecutionDate: '2026-03-02',
    debtor: {
      name: 'Ville de Montclair-sur-Loire',
      iban: CITY_IBAN,
      bic: 'BDFEFRPPCCT',
      address: { street: 'Place de la Mairie', buildingNumber: '1', postcode: '37410', townName: 'Montclair-sur-Loire', country: 'FR' },
    },
    items: [item()],
    ...over,
  };
}

/** The text of every occurrence of <tag>...</tag> (our generator writes no attributes on these). */
export function texts(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}(?: [^>]*)?>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]!);
}

export function unescapeXml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e]!);
}
