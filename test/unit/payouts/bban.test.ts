import fc from 'fast-check';
import { getCountrySpecifications, isValidBBAN } from 'ibantools';
import { describe, expect, it } from 'vitest';
import { NATIONAL_CHECKS, bbanFormat, bbanLength, mod97 } from '../../../shared/payouts/bban';
import { SEPA_IBAN_COUNTRIES } from '../../../shared/payouts/iban';

/**
 * The BBAN formats and national check digits written in shared/payouts/bban.ts, compared with
 * ibantools (kept as a devDependency for this only: the functions no longer bundle it) on random
 * account numbers, and on real ones.
 */

const COUNTRIES = Object.keys(SEPA_IBAN_COUNTRIES);
const specs = getCountrySpecifications();

/** A random string of the format: the right kind of character at each position. */
function sampleOf(notation: string): fc.Arbitrary<string> {
  const pools = { n: '0123456789', a: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', c: '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ' } as const;
  const parts = [...notation.matchAll(/(\d+)!([nac])/g)].map((g) =>
    fc.array(fc.constantFrom(...pools[g[2] as keyof typeof pools]), { minLength: Number(g[1]), maxLength: Number(g[1]) }).map((a) => a.join('')),
  );
  return fc.tuple(...parts).map((p) => p.join(''));
}

describe('BBAN formats', () => {
  it('reads the registry notation, merging neighbours of one kind', () => {
    expect(bbanFormat('4!a6!n8!c')).toEqual({ pattern: /^[A-Z]{4}[0-9]{6}[A-Z0-9]{8}$/, description: '4 letters, then 6 digits, then 8 letters or digits' });
    expect(bbanFormat('3!n11!n').description).toBe('14 digits');
    expect(bbanFormat('1!a10!n').description).toBe('1 letter, then 10 digits');
    expect(bbanLength('10!n11!c2!n')).toBe(23);
    for (const bad of ['', '4a', '4!x', '4!a ', 'n4!']) expect(() => bbanFormat(bad), bad).toThrow(/Not a BBAN notation/);
  });

  it.each(COUNTRIES)('%s: the same format as ibantools, the same length', (country) => {
    const ours = bbanFormat(SEPA_IBAN_COUNTRIES[country]!.bban).pattern;
    const theirs = new RegExp(`^${specs[country]!.bban_regexp!.replace(/^\^|\$$/g, '')}$`);
    expect(specs[country]!.chars).toBe(SEPA_IBAN_COUNTRIES[country]!.length);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...'0123456789AZ'), { minLength: 30, maxLength: 30 }), fc.integer({ min: -1, max: 1 }), (chars, off) => {
        const bban = chars.slice(0, SEPA_IBAN_COUNTRIES[country]!.length - 4 + off).join('');
        expect(ours.test(bban), bban).toBe(theirs.test(bban));
      }),
      { numRuns: 300 },
    );
  });
});

describe('national check digits', () => {
  /**
   * The one difference, on purpose: for a Czech or Slovak number whose weighted sum leaves 1 mod
   * 11, ibantools accepts the check digit 1; the national rule (a weighted sum that is a multiple
   * of 11, check digit included) has no digit for it, so such numbers are never issued and we
   * refuse them. And a North Macedonian account number with letters is left to the IBAN's mod 97
   * (shared/payouts/bban.ts, bbanMod97).
   */
  function czechRemainderOne(bban: string): boolean {
    const w = (from: number, weights: number[]) => weights.reduce((s, x, i) => s + x * Number(bban[from + i]), 0);
    return w(4, [10, 5, 8, 4, 2]) % 11 === 1 || w(10, [6, 3, 7, 9, 10, 5, 8, 4, 2]) % 11 === 1;
  }

  it.each(Object.keys(NATIONAL_CHECKS))('%s agrees with ibantools on random account numbers and on every last digit of them', (country) => {
    const notation = SEPA_IBAN_COUNTRIES[country]!.bban;
    let valid = 0;
    fc.assert(
      fc.property(sampleOf(notation), (bban) => {
        // Every last digit: for a single check digit, one of the ten is the right one.
        for (const last of '0123456789') {
          const candidate = bban.slice(0, -1) + last;
          const ours = NATIONAL_CHECKS[country]!(candidate);
          if (ours) valid++;
          if ((country === 'CZ' || country === 'SK') && czechRemainderOne(candidate)) expect(ours, candidate).toBe(false);
          else if (country === 'MK' && /[A-Z]/.test(candidate)) expect(ours, candidate).toBe(true);
          else expect(ours, `${country} ${candidate}`).toBe(isValidBBAN(candidate, country));
        }
      }),
      { numRuns: 300 },
    );
    // Not a rule that refuses everything: valid numbers were met.
    expect(valid).toBeGreaterThan(0);
  });

  it('accepts real account numbers and refuses them with one covered digit changed', () => {
    // The SWIFT IBAN registry's example of each country, and a position its check digits cover.
    const real: Record<string, [string, number]> = {
      BE: ['539007547034', 0],
      CZ: ['08000000192000145399', 10],
      EE: ['2200221020145685', 5],
      ES: ['21000418450200051332', 12],
      HR: ['10010051863000160', 8],
      HU: ['117730161111101800000000', 2],
      ME: ['505000012345678951', 5],
      MK: ['250120000058984', 5],
      NO: ['86011117947', 3],
      PL: ['109010140000071219812874', 2],
      PT: ['000201231234567890154', 5],
      RS: ['260005601001611379', 5],
      SI: ['263300012039086', 5],
      SK: ['12000000198742637541', 10],
    };
    expect(Object.keys(real).sort()).toEqual(Object.keys(NATIONAL_CHECKS).sort());
    for (const [country, [bban, at]] of Object.entries(real)) {
      expect(NATIONAL_CHECKS[country]!(bban), `${country} ${bban}`).toBe(true);
      const changed = bban.slice(0, at) + String((Number(bban[at]) + 1) % 10) + bban.slice(at + 1);
      expect(NATIONAL_CHECKS[country]!(changed), `${country} ${changed}`).toBe(false);
    }
  });

  it('mod 97 on chunks agrees with BigInt', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...'0123456789'), { minLength: 1, maxLength: 40 }), (d) => {
        const digits = d.join('');
        expect(mod97(digits)).toBe(Number(BigInt(digits) % 97n));
      }),
    );
  });
});
