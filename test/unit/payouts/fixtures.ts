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

/**
 * The example IBAN of every country of the SEPA schemes, as printed in the SWIFT IBAN Registry
 * (each one a valid IBAN with valid national check digits, and the registry's BBAN format).
 */
export const REGISTRY_IBANS: Readonly<Record<string, string>> = {
  AD: 'AD1200012030200359100100',
  AL: 'AL47212110090000000235698741',
  AT: 'AT611904300234573201',
  BE: 'BE68539007547034',
  BG: 'BG80BNBG96611020345678',
  CH: 'CH9300762011623852957',
  CY: 'CY17002001280000001200527600',
  CZ: 'CZ6508000000192000145399',
  DE: 'DE89370400440532013000',
  DK: 'DK5000400440116243',
  EE: 'EE382200221020145685',
  ES: 'ES9121000418450200051332',
  FI: 'FI2112345600000785',
  FR: 'FR1420041010050500013M02606',
  GB: 'GB29NWBK60161331926819',
  GI: 'GI75NWBK000000007099453',
  GR: 'GR1601101250000000012300695',
  HR: 'HR1210010051863000160',
  HU: 'HU42117730161111101800000000',
  IE: 'IE29AIBK93115212345678',
  IS: 'IS140159260076545510730339',
  IT: 'IT60X0542811101000000123456',
  LI: 'LI21088100002324013AA',
  LT: 'LT121000011101001000',
  LU: 'LU280019400644750000',
  LV: 'LV80BANK0000435195001',
  MC: 'MC5811222000010123456789030',
  MD: 'MD24AG000225100013104168',
  ME: 'ME25505000012345678951',
  MK: 'MK07250120000058984',
  MT: 'MT84MALT011000012345MTLCAST001S',
  NL: 'NL91ABNA0417164300',
  NO: 'NO9386011117947',
  PL: 'PL61109010140000071219812874',
  PT: 'PT50000201231234567890154',
  RO: 'RO49AAAA1B31007593840000',
  RS: 'RS35260005601001611379',
  SE: 'SE4550000000058398257466',
  SI: 'SI56263300012039086',
  SK: 'SK3112000000198742637541',
  SM: 'SM86U0322509800000000270100',
  VA: 'VA59001123000012345678',
};

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
