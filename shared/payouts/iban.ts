import * as z from '../schema';
import { DomainError } from '../domain/errors';
import { NATIONAL_CHECKS, bbanFormat, mod97 } from './bban';
import { transliterateSepa } from './sepa-text';

/**
 * IBANs of the SEPA schemes (ISO 13616), BICs (ISO 9362) and the body of
 * `PUT /v1/me/payout-account`.
 *
 * Sources for the table below (as of 2025):
 * - EPC, "List of countries and territories in the SEPA schemes' geographical scope" (EPC409-09):
 *   the 27 EU member states, Iceland, Liechtenstein and Norway (EEA), then Andorra, Monaco,
 *   San Marino, Switzerland, the United Kingdom and Vatican City; Albania and Montenegro joined in
 *   November 2024, Moldova and North Macedonia in March 2025 (ready from 5 October 2025), Serbia in
 *   May 2025 (Serbian PSPs are expected to be reachable from May 2026): 41 countries. Territories:
 *   Åland (FI IBANs); French Guiana, Guadeloupe, Martinique, Mayotte, Réunion, Saint-Barthélemy,
 *   Saint-Martin (French part), Saint-Pierre-et-Miquelon (FR IBANs); the Azores and Madeira (PT);
 *   the Canary Islands, Ceuta and Melilla (ES); Gibraltar (its own GI IBANs); Guernsey, Jersey and
 *   the Isle of Man (GB IBANs).
 * - SWIFT, "IBAN Registry" (release 100, 2025): the IBAN length of each country, and which
 *   territories use their parent's country code, and the national format of each country's BBAN
 *   (which positions are digits, letters or either: the `bban` column, in the registry's own
 *   notation); the national check digits are in shared/payouts/bban.ts. French Polynesia, New Caledonia, Wallis and
 *   Futuna and the French Southern Territories also use FR IBANs but are outside SEPA (their
 *   currency is the CFP franc); their accounts cannot be told apart by the IBAN alone and the
 *   debtor's bank rejects them.
 *
 * Update this table when the EPC widens the scope or SWIFT publishes a registry change.
 */
export interface SepaIbanCountry {
  readonly name: string;
  /** Total IBAN length in characters, electronic format. */
  readonly length: number;
  /** The BBAN's format in the registry's notation (shared/payouts/bban.ts): `4!a10!n` is 4 letters, then 10 digits. */
  readonly bban: string;
  /**
   * In the EEA. Transfers to a non-EEA SEPA country need the payer's address (EU funds transfer
   * regulation) and some banks still ask for the payee's BIC.
   */
  readonly eea: boolean;
  /** ISO 3166 codes of territories whose accounts carry this country's IBANs. */
  readonly territories?: readonly string[];
}

export const SEPA_IBAN_COUNTRIES: Readonly<Record<string, SepaIbanCountry>> = {
  AT: { name: 'Austria', length: 20, bban: '16!n', eea: true },
  BE: { name: 'Belgium', length: 16, bban: '12!n', eea: true },
  BG: { name: 'Bulgaria', length: 22, bban: '4!a6!n8!c', eea: true },
  CY: { name: 'Cyprus', length: 28, bban: '8!n16!c', eea: true },
  CZ: { name: 'Czechia', length: 24, bban: '20!n', eea: true },
  DE: { name: 'Germany', length: 22, bban: '18!n', eea: true },
  DK: { name: 'Denmark', length: 18, bban: '14!n', eea: true },
  EE: { name: 'Estonia', length: 20, bban: '16!n', eea: true },
  ES: { name: 'Spain', length: 24, bban: '20!n', eea: true, territories: ['IC', 'EA'] },
  FI: { name: 'Finland', length: 18, bban: '14!n', eea: true, territories: ['AX'] },
  FR: { name: 'France', length: 27, bban: '10!n11!c2!n', eea: true, territories: ['GF', 'GP', 'MQ', 'RE', 'YT', 'BL', 'MF', 'PM'] },
  GR: { name: 'Greece', length: 27, bban: '7!n16!c', eea: true },
  HR: { name: 'Croatia', length: 21, bban: '17!n', eea: true },
  HU: { name: 'Hungary', length: 28, bban: '24!n', eea: true },
  IE: { name: 'Ireland', length: 22, bban: '4!c14!n', eea: true },
  IS: { name: 'Iceland', length: 26, bban: '22!n', eea: true },
  IT: { name: 'Italy', length: 27, bban: '1!a10!n12!c', eea: true },
  LI: { name: 'Liechtenstein', length: 21, bban: '5!n12!c', eea: true },
  LT: { name: 'Lithuania', length: 20, bban: '16!n', eea: true },
  LU: { name: 'Luxembourg', length: 20, bban: '3!n13!c', eea: true },
  LV: { name: 'Latvia', length: 21, bban: '4!a13!c', eea: true },
  MT: { name: 'Malta', length: 31, bban: '4!a5!n18!c', eea: true },
  NL: { name: 'Netherlands', length: 18, bban: '4!a10!n', eea: true },
  NO: { name: 'Norway', length: 15, bban: '11!n', eea: true },
  PL: { name: 'Poland', length: 28, bban: '24!n', eea: true },
  PT: { name: 'Portugal', length: 25, bban: '21!n', eea: true },
  RO: { name: 'Romania', length: 24, bban: '4!a16!c', eea: true },
  SE: { name: 'Sweden', length: 24, bban: '20!n', eea: true },
  SI: { name: 'Slovenia', length: 19, bban: '15!n', eea: true },
  SK: { name: 'Slovakia', length: 24, bban: '20!n', eea: true },
  // Non-EEA SEPA countries and territories.
  AD: { name: 'Andorra', length: 24, bban: '8!n12!c', eea: false },
  AL: { name: 'Albania', length: 28, bban: '8!n16!c', eea: false },
  CH: { name: 'Switzerland', length: 21, bban: '5!n12!c', eea: false },
  GB: { name: 'United Kingdom', length: 22, bban: '4!a14!n', eea: false, territories: ['GG', 'JE', 'IM'] },
  GI: { name: 'Gibraltar', length: 23, bban: '4!a15!c', eea: false },
  MC: { name: 'Monaco', length: 27, bban: '10!n11!c2!n', eea: false },
  MD: { name: 'Moldova', length: 24, bban: '2!c18!c', eea: false },
  ME: { name: 'Montenegro', length: 22, bban: '18!n', eea: false },
  MK: { name: 'North Macedonia', length: 19, bban: '3!n10!c2!n', eea: false },
  RS: { name: 'Serbia', length: 22, bban: '18!n', eea: false },
  SM: { name: 'San Marino', length: 27, bban: '1!a10!n12!c', eea: false },
  VA: { name: 'Vatican City', length: 22, bban: '18!n', eea: false },
};

/** The national BBAN format of each SEPA country (shared/payouts/bban.ts), read once. */
const BBAN_FORMATS = new Map(Object.entries(SEPA_IBAN_COUNTRIES).map(([country, spec]) => [country, bbanFormat(spec.bban)] as const));

/** Territory code -> the country code its IBANs start with (e.g. GP -> FR). */
const TERRITORY_PARENT: ReadonlyMap<string, string> = new Map(
  Object.entries(SEPA_IBAN_COUNTRIES).flatMap(([code, c]) => (c.territories ?? []).map((t) => [t, code] as const)),
);

export type IbanResult =
  | { ok: true; iban: string; country: string }
  | { ok: false; code: 'INVALID_IBAN'; reason: string };

export interface ParseIbanOptions {
  /**
   * Also check the French RIB key (the two last digits of a FR or MC BBAN). Default true.
   * Mod-97 already catches every single-character error and most transpositions; the RIB key
   * additionally catches an IBAN whose check digits were computed from a mistyped RIB (online
   * "RIB to IBAN" converters do that). Every account held in France or Monaco has a valid key.
   * (The national check digits of the other countries that have them, e.g. BE, ES, NO, PL, PT,
   * are always checked, for the same reason.)
   */
  ribKey?: boolean;
}

const MAX_INPUT = 100;

/**
 * Parses an IBAN typed by a person: spaces (any Unicode space) and dashes are removed, letters are
 * upper-cased and an "IBAN" prefix as printed on statements is ignored. Checks, in this order: the
 * country is in the SEPA schemes, the character set (two letters, two check digits, then letters
 * and digits), the length for that country, the national format of the BBAN (digits and letters
 * where that country's account numbers have them: `DE85ABCDEFGH0123456789` has valid check digits
 * but is no German account), ISO 7064 mod 97-10 (the remainder must be 1), then the national check
 * digits inside the BBAN: for FR and MC the RIB key (see ParseIbanOptions), for the other
 * countries that have them NATIONAL_CHECKS (e.g. the Belgian, Spanish, Norwegian, Polish or
 * Portuguese account keys).
 */
export function parseIban(input: string, options: ParseIbanOptions = {}): IbanResult {
  const fail = (reason: string): IbanResult => ({ ok: false, code: 'INVALID_IBAN', reason });
  if (typeof input !== 'string') return fail('The IBAN must be a string.');
  if (input.length > MAX_INPUT) return fail(`The IBAN is too long (an IBAN has at most 34 characters).`);
  let iban = input.replace(/[\s\u200B\uFEFF\-\u2010\u2011\u2012\u2013\u2014]/g, '').toUpperCase();
  if (/^IBAN:?/.test(iban)) iban = iban.replace(/^IBAN:?/, '');
  if (iban.length === 0) return fail('The IBAN is empty.');

  const country = iban.slice(0, 2);
  if (!/^[A-Z]{2}$/.test(country)) return fail('An IBAN starts with a two-letter country code.');
  const spec = SEPA_IBAN_COUNTRIES[country];
  if (spec === undefined) {
    const parent = TERRITORY_PARENT.get(country);
    if (parent !== undefined) return fail(`Accounts in ${country} have IBANs that start with ${parent}, not ${country}.`);
    return fail(`${country} is not a country of the SEPA schemes: payouts go to SEPA accounts only.`);
  }
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]*$/.test(iban)) {
    return fail('An IBAN has two letters, two check digits, then only letters and digits.');
  }
  if (iban.length !== spec.length) {
    return fail(`A ${spec.name} IBAN has ${spec.length} characters, this one has ${iban.length}.`);
  }
  const bban = iban.slice(4);
  const format = BBAN_FORMATS.get(country)!;
  if (!format.pattern.test(bban)) return fail(`${spec.name} IBANs have ${format.description} after the check digits; this one does not.`);
  if (ibanMod97(iban) !== 1) return fail('The IBAN check digits do not match: there is a typing error.');
  if (country === 'FR' || country === 'MC') {
    if ((options.ribKey ?? true) && !ribKeyValid(bban)) {
      return fail('The RIB key (the last two digits) does not match the bank, branch and account numbers.');
    }
  } else if (NATIONAL_CHECKS[country]?.(bban) === false) {
    return fail(`The ${spec.name} account number's own check digits do not match: there is a typing error.`);
  }
  return { ok: true, iban, country };
}

/** ISO 7064 MOD 97-10 of an IBAN in electronic format (1 for a valid IBAN). */
export function ibanMod97(iban: string): number {
  return mod97(toDigits(iban.slice(4) + iban.slice(0, 4)));
}

/** The two check digits for a country and a BBAN (ISO 13616): 98 - mod97(BBAN + country + "00"). */
export function ibanCheckDigits(country: string, bban: string): string {
  const remainder = mod97(toDigits(bban.toUpperCase() + country.toUpperCase() + '00'));
  return String(98 - remainder).padStart(2, '0');
}

/** Letters become two digits (A = 10 ... Z = 35), digits stay. */
function toDigits(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    out += code >= 65 && code <= 90 ? String(code - 55) : ch;
  }
  return out;
}

/**
 * The French RIB key (clé RIB) of a FR or MC BBAN: bank (5) + branch (5) + account (11, letters
 * mapped A,J->1 B,K,S->2 C,L,T->3 D,M,U->4 E,N,V->5 F,O,W->6 G,P,X->7 H,Q,Y->8 I,R,Z->9) + key (2),
 * with key = 97 - ((89 x bank + 15 x branch + 3 x account) mod 97).
 */
export function ribKeyValid(bban: string): boolean {
  if (!/^[0-9]{10}[A-Z0-9]{11}[0-9]{2}$/.test(bban)) return false;
  const account = bban.slice(10, 21).replace(/[A-Z]/g, (l) => String(RIB_LETTER[l.charCodeAt(0) - 65]));
  const bank = Number(bban.slice(0, 5));
  const branch = Number(bban.slice(5, 10));
  const weighted = (89 * bank + 15 * branch + 3 * mod97(account)) % 97;
  return 97 - weighted === Number(bban.slice(21, 23));
}

const RIB_LETTER = [1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5, 6, 7, 8, 9];

/** Strips anything but letters and digits and upper-cases: the electronic format. */
function compact(iban: string): string {
  return iban.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
}

/** The paper format: groups of four characters separated by a space ("FR76 3000 6000 ..."). */
export function formatIban(iban: string): string {
  return compact(iban).replace(/(.{4})(?!$)/g, '$1 ');
}

/**
 * A masked IBAN for screens, e-mails and the accountant's CSV: the country code and check digits,
 * one group of four bullets whatever the length (the length is not revealed), then the last four
 * characters: "FR76 •••• 0189". Input too short to be an IBAN shows bullets only.
 */
export function formatIbanMasked(iban: string): string {
  const c = compact(iban);
  if (c.length < 12) return '••••';
  return `${c.slice(0, 4)} •••• ${c.slice(-4)}`;
}

/** ISO 9362 BIC (the XSD's BICFIDec2014Identifier): bank (4), country (2), location (2), branch (3, optional). */
export const BIC_PATTERN = /^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/;

/** A BIC with spaces removed and letters upper-cased, or undefined when it is not a valid BIC. */
export function normalizeBic(input: string): string | undefined {
  const bic = input.replace(/\s/g, '').toUpperCase();
  return BIC_PATTERN.test(bic) ? bic : undefined;
}

/** A holder name is at most 70 characters (the EPC limit on names in SEPA files). */
export const HOLDER_NAME_MAX = 70;

const bounded = (max: number) => z.string().check(z.maxLength(max));

const IbanField = z.converted(bounded(MAX_INPUT), (value) => {
  const parsed = parseIban(value);
  return parsed.ok ? { ok: true, value: parsed.iban } : { ok: false, message: parsed.reason, code: parsed.code };
});

const HolderNameField = z.converted(bounded(500), (value) => {
  const { text, dropped } = transliterateSepa(value);
  if (dropped.length > 0) return { ok: false, message: `holderName must be written in Latin letters (cannot transliterate "${dropped.slice(0, 5).join('')}").` };
  if (text.length === 0) return { ok: false, message: 'holderName must contain at least one letter or digit.' };
  if (text.length > HOLDER_NAME_MAX) return { ok: false, message: `holderName must be at most ${HOLDER_NAME_MAX} characters.` };
  return { ok: true, value: text };
});

const BicField = z.converted(bounded(20), (value): z.Conversion<string | undefined> => {
  if (value.trim() === '') return { ok: true, value: undefined }; // an empty field means "no BIC"
  const bic = normalizeBic(value);
  return bic === undefined ? { ok: false, message: 'bic must be a BIC of 8 or 11 letters and digits (ISO 9362), e.g. BNPAFRPPXXX.' } : { ok: true, value: bic };
});

/**
 * Body of `PUT /v1/me/payout-account`. Output: the IBAN in electronic format, the holder name in
 * the SEPA character set (accents transliterated, 1..70 characters; names in non-Latin scripts are
 * refused rather than mangled), the BIC upper-cased or undefined.
 */
export const PayoutAccountInput = z.strictObject({
  iban: IbanField,
  holderName: HolderNameField,
  bic: z.pipe(z.nullish(BicField), z.transform((v: string | null | undefined) => v ?? undefined)),
});
export type PayoutAccountInput = z.output<typeof PayoutAccountInput>;

/**
 * Parses a `PUT /v1/me/payout-account` body (already JSON-decoded). Throws a DomainError
 * `INVALID_IBAN` (400) when the IBAN is the problem, as the API contract requires, and
 * `VALIDATION_ERROR` (400) for anything else; `errors` lists every problem with its path.
 */
export function parsePayoutAccountInput(body: unknown): PayoutAccountInput {
  const parsed = PayoutAccountInput.safeParse(body);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message }));
  const ibanIssue = parsed.error.issues.find((i) => i.path[0] === 'iban');
  if (ibanIssue) throw new DomainError('INVALID_IBAN', `The IBAN is not valid: ${ibanIssue.message}`, 400, errors);
  throw new DomainError('VALIDATION_ERROR', 'The request body is not valid.', 400, errors);
}
