/**
 * The national part of an IBAN (the BBAN): its format in each SEPA country and the national check
 * digits some countries put inside it. Written here from the published rules (the SWIFT IBAN
 * registry for the formats, each country's banking standard for its check digits) rather than
 * taken from a package: the one used before (ibantools) carried every country of the world and was
 * 17 KiB of the API's 250 KiB bundle. test/unit/payouts/bban.test.ts compares both on random
 * account numbers.
 */

/**
 * A BBAN format in the registry's notation: `4!a6!n8!c` is 4 letters, 6 digits, then 8 letters or
 * digits (`n` digits, `a` upper-case letters, `c` either; `!` fixed length).
 */
export type BbanNotation = string;

export interface BbanFormat {
  /** Anchored: the whole BBAN. */
  readonly pattern: RegExp;
  /** For people: "4 letters, then 10 digits". */
  readonly description: string;
}

const CLASSES = { n: '[0-9]', a: '[A-Z]', c: '[A-Z0-9]' } as const;
const WORDS = { n: ['digit', 'digits'], a: ['letter', 'letters'], c: ['letter or digit', 'letters or digits'] } as const;

/** Reads a registry notation; throws on anything else (the table is code, a typo must fail the tests). */
export function bbanFormat(notation: BbanNotation): BbanFormat {
  const groups = [...notation.matchAll(/(\d+)!([nac])/g)];
  if (groups.length === 0 || groups.map((g) => g[0]).join('') !== notation) throw new Error(`Not a BBAN notation: ${notation}`);
  // Neighbours of one kind read as one: 3!n11!n is "14 digits".
  const merged: Array<{ kind: keyof typeof CLASSES; count: number }> = [];
  for (const g of groups) {
    const kind = g[2] as keyof typeof CLASSES;
    const count = Number(g[1]);
    const last = merged.at(-1);
    if (last?.kind === kind) last.count += count;
    else merged.push({ kind, count });
  }
  return {
    pattern: new RegExp(`^${merged.map((m) => `${CLASSES[m.kind]}{${m.count}}`).join('')}$`),
    description: merged.map((m) => `${m.count} ${WORDS[m.kind][m.count === 1 ? 0 : 1]}`).join(', then '),
  };
}

/** The length a notation describes. */
export function bbanLength(notation: BbanNotation): number {
  return [...notation.matchAll(/(\d+)!/g)].reduce((sum, g) => sum + Number(g[1]), 0);
}

/**
 * Remainder of a long decimal string by 97, seven digits at a time: the running value never exceeds
 * 96 followed by 7 digits (< 2^31), so plain numbers stay exact.
 */
export function mod97(digits: string): number {
  let remainder = 0;
  for (let i = 0; i < digits.length; i += 7) {
    remainder = Number(String(remainder) + digits.slice(i, i + 7)) % 97;
  }
  return remainder;
}

/** Σ digit × weight over `digits[from, from + weights.length)`. */
function weighted(digits: string, from: number, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += Number(digits[from + i]) * weights[i]!;
  return sum;
}

const digitAt = (digits: string, at: number) => Number(digits[at]);

/** The check digit that brings a weighted sum to a multiple of 10. */
const tenComplement = (sum: number) => (10 - (sum % 10)) % 10;

/** A weight pattern repeated over `length` digits (Estonia's 7-1-3, Hungary's 9-7-3-1). */
const repeat = (pattern: readonly number[], length: number) => Array.from({ length }, (_, i) => pattern[i % pattern.length]!);

/** Spanish control digit: 11 minus the weighted sum mod 11, where 10 reads 1 and 11 reads 0. */
function spanishControl(sum: number): number {
  const d = 11 - (sum % 11);
  return d === 11 ? 0 : d === 10 ? 1 : d;
}

/** ISO 7064 MOD 11,10 over a run of digits ending with its check digit (Croatian bank and account numbers). */
function iso7064Mod1110(digits: string): boolean {
  let product = 10;
  for (let i = 0; i < digits.length - 1; i++) {
    const sum = (product + Number(digits[i])) % 10 || 10;
    product = (2 * sum) % 11;
  }
  return (11 - product) % 10 === Number(digits.at(-1));
}

const SPAIN_WEIGHTS = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6] as const;
const HUNGARY_WEIGHTS = [9, 7, 3, 1] as const;

/**
 * National check digits inside the BBAN, for the SEPA countries that have them (France and Monaco's
 * RIB key is in iban.ts, optional). The rules read digits: the formats above already refuse a
 * letter where these countries have digits.
 */
export const NATIONAL_CHECKS: Readonly<Record<string, (bban: string) => boolean>> = {
  // Belgium: the last two digits are the first ten mod 97 (97 when it is 0).
  BE: (b) => (Number(b.slice(0, 10)) % 97 || 97) === Number(b.slice(10, 12)),
  // Czechia and Slovakia: the prefix (6 digits after the bank code) and the account number (10)
  // each have a weighted sum that is a multiple of 11.
  CZ: (b) => weighted(b, 4, [10, 5, 8, 4, 2, 1]) % 11 === 0 && weighted(b, 10, [6, 3, 7, 9, 10, 5, 8, 4, 2, 1]) % 11 === 0,
  SK: (b) => NATIONAL_CHECKS.CZ!(b),
  // Estonia: 7-3-1 from the right over the 13 digits after the bank code, check digit last.
  EE: (b) => tenComplement(weighted(b, 2, repeat([7, 1, 3], 13))) === digitAt(b, 15),
  // Spain: two control digits, for bank and branch (8 digits, positions 1-8) and for the account (positions 11-20).
  ES: (b) => spanishControl(weighted(b, 0, SPAIN_WEIGHTS.slice(2))) === digitAt(b, 8) && spanishControl(weighted(b, 10, SPAIN_WEIGHTS)) === digitAt(b, 9),
  // Croatia: ISO 7064 MOD 11,10 on the bank code (7 digits) and on the account number (10).
  HR: (b) => iso7064Mod1110(b.slice(0, 7)) && iso7064Mod1110(b.slice(7, 17)),
  // Hungary: 9-7-3-1 weights, on bank and branch (check at position 8), then on the account: 8
  // digits when the last 8 are zeros (a 16-digit account), 16 otherwise.
  HU: (b) => {
    if (tenComplement(weighted(b, 0, repeat(HUNGARY_WEIGHTS, 7))) !== digitAt(b, 7)) return false;
    const short = b.endsWith('00000000');
    const length = short ? 7 : 15;
    return tenComplement(weighted(b, 8, repeat(HUNGARY_WEIGHTS, length))) === digitAt(b, 8 + length);
  },
  // Norway: mod 11 on the first ten digits; a remainder that would need a check digit of 10 is never issued.
  NO: (b) => {
    const d = (11 - (weighted(b, 0, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11)) % 11;
    return d < 10 && d === digitAt(b, 10);
  },
  // Poland: the bank and branch number (8 digits) ends with a 3-9-7-1 check digit.
  PL: (b) => tenComplement(weighted(b, 0, [3, 9, 7, 1, 3, 9, 7])) === digitAt(b, 7),
  // The whole BBAN satisfies ISO 7064 mod 97-10, as an IBAN does.
  ME: bbanMod97,
  MK: bbanMod97,
  PT: bbanMod97,
  RS: bbanMod97,
  SI: bbanMod97,
};

/**
 * Mod 97-10 on an all-digit BBAN. North Macedonia's format allows letters in the account number
 * and no published rule says how they count: such a BBAN is left to the IBAN's own mod 97, which
 * already catches a typing error, rather than refused (ibantools reads the digits before the first
 * letter only, a rule no bank uses).
 */
function bbanMod97(bban: string): boolean {
  return !/^[0-9]+$/.test(bban) || mod97(bban) === 1;
}
