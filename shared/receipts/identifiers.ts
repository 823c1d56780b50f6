/**
 * French business identifiers: SIREN (9 digits), SIRET (SIREN + 5-digit establishment number),
 * TVA intracommunautaire (FR + 2-character key + SIREN). Pure functions, no I/O.
 */

/** Luhn check over a string of digits (the rightmost digit is the check digit). */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** La Poste's establishments share SIREN 356000000; their SIRETs follow a digit-sum rule instead of Luhn. */
const LA_POSTE_SIREN = '356000000';

export function isValidSiren(siren: string): boolean {
  return /^\d{9}$/.test(siren) && siren !== '000000000' && luhnValid(siren);
}

export function isValidSiret(siret: string): boolean {
  if (!/^\d{14}$/.test(siret) || siret.startsWith('000000000')) return false;
  if (siret.startsWith(LA_POSTE_SIREN)) {
    let sum = 0;
    for (const c of siret) sum += c.charCodeAt(0) - 48;
    return sum % 5 === 0;
  }
  return luhnValid(siret);
}

/** The numeric key of a French VAT number: (12 + 3 * (SIREN mod 97)) mod 97, two digits. */
export function vatKeyOf(siren: string): string {
  const mod = Number(BigInt(siren) % 97n);
  return String((12 + 3 * mod) % 97).padStart(2, '0');
}

export function vatNumberOf(siren: string): string {
  return `FR${vatKeyOf(siren)}${siren}`;
}

/**
 * Checks a French VAT number (FRkk + SIREN). Numeric keys are verified; alphanumeric keys
 * (issued to some businesses) cannot be and are reported as 'unverifiable'.
 */
export function checkVatNumber(vat: string): 'valid' | 'invalid' | 'unverifiable' {
  const m = /^FR([0-9A-HJ-NP-Z]{2})(\d{9})$/.exec(vat);
  if (!m) return 'invalid';
  const [, key, siren] = m as unknown as [string, string, string];
  if (/^\d{2}$/.test(key)) return key === vatKeyOf(siren) ? 'valid' : 'invalid';
  return 'unverifiable';
}

/** Appends the Luhn check digit to a string of digits. */
export function withLuhnDigit(digits: string): string {
  for (let d = 0; d <= 9; d++) {
    if (luhnValid(digits + d)) return digits + d;
  }
  /* c8 ignore next */
  throw new Error('unreachable');
}

/** Builds a valid SIRET from an 8-digit SIREN stem and a 4-digit establishment stem (for tests and fixtures). */
export function makeSiret(sirenStem8: string, nicStem4: string): string {
  const siren = withLuhnDigit(sirenStem8);
  return withLuhnDigit(siren + nicStem4);
}
