import { describe, expect, it } from 'vitest';
import {
  checkVatNumber,
  isValidSiren,
  isValidSiret,
  luhnValid,
  makeSiret,
  vatKeyOf,
  vatNumberOf,
} from '../../../shared/receipts/identifiers';

describe('identifiers', () => {
  it('checks Luhn', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
    expect(luhnValid('12a4')).toBe(false);
  });

  it('checks SIREN and SIRET', () => {
    expect(isValidSiren('404833048')).toBe(true);
    expect(isValidSiren('404833049')).toBe(false);
    expect(isValidSiren('000000000')).toBe(false);
    expect(isValidSiret('40483304800014')).toBe(true);
    expect(isValidSiret('40483304800015')).toBe(false);
    expect(isValidSiret('4048330480001')).toBe(false);
  });

  it("accepts La Poste's SIRETs, which follow a digit-sum rule", () => {
    expect(isValidSiret('35600000000006')).toBe(true); // digits sum to 20
    expect(isValidSiret('35600000000007')).toBe(false);
  });

  it('computes and checks the French VAT key', () => {
    expect(vatKeyOf('404833048')).toBe('83');
    expect(vatNumberOf('512345679')).toBe('FR75512345679');
    expect(checkVatNumber('FR75512345679')).toBe('valid');
    expect(checkVatNumber('FR76512345679')).toBe('invalid');
    expect(checkVatNumber('FRXK512345679')).toBe('unverifiable');
    expect(checkVatNumber('DE123456789')).toBe('invalid');
  });

  it('makes valid SIRETs for fixtures', () => {
    const siret = makeSiret('12345678', '0001');
    expect(isValidSiret(siret)).toBe(true);
    expect(isValidSiren(siret.slice(0, 9))).toBe(true);
  });
});
