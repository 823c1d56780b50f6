import { describe, expect, it } from 'vitest';
import { findAmounts, findDates, findTimes, fixDigitConfusions, fold, parseAmount } from '../../../shared/receipts/text';

describe('fold and digit confusions', () => {
  it('folds accents, case and spaces', () => {
    expect(fold('  Net à  payer ’ok’ Œuf ')).toBe("NET A PAYER 'OK' OEUF");
  });

  it.each([
    ['1O,5O', '10,50'],
    ['l2,50', '12,50'],
    ['TOTAL 2S,00', 'TOTAL 25,00'],
    ['SIRET 8I2 345', 'SIRET 812 345'],
    ['SOLDES 2026', 'SOLDES 2026'],
    ['50CL', '50CL'],
    ['Ile de France', 'Ile de France'],
    ['SOS', 'SOS'],
  ])('%s -> %s', (input, output) => {
    expect(fixDigitConfusions(input)).toBe(output);
  });
});

describe('findAmounts', () => {
  const cents = (text: string) => findAmounts(text).map((a) => a.cents);
  it.each([
    ['12,50', [1250]],
    ['12.50', [1250]],
    ['1 234,56', [123456]],
    ['1\u00a0234,56 €', [123456]],
    ['1.234,56', [123456]],
    ['1,234.56', [123456]],
    ['12,50 €', [1250]],
    ['EUR 12,50', [1250]],
    ['12€50', [1250]],
    ['€12.50', [1250]],
    ['$1810.46', [181046]],
    ['-3,00', [-300]],
    ['3,00-', [-300]],
    ['12 €', [1200]],
    ['TVA 5,5%', []],
    ['TVA 20,00%', []],
    ['0,312 kg', []],
    ['12/03/2026', []],
    ['12.03.2026', []],
    ['14:32', []],
    ['02.47.58.20.15', []],
    ['2 x 1,30   2,60', [130, 260]],
  ])('%s', (text, expected) => {
    expect(cents(text)).toEqual(expected);
  });

  it('notes the currency', () => {
    expect(findAmounts('12,50 EUR')[0]!.currency).toBe('EUR');
    expect(findAmounts('$12.50')[0]!.currency).toBe('USD');
    expect(findAmounts('12,50')[0]!.currency).toBeUndefined();
  });

  it('parses a lone amount', () => {
    expect(parseAmount(' $38.48 ')).toBe(3848);
    expect(parseAmount('12,50 et 3,00')).toBeUndefined();
  });
});

describe('findDates and findTimes', () => {
  it('reads day first by default and month first when asked', () => {
    expect(findDates('04/12/2026')[0]!.iso).toBe('2026-12-04');
    expect(findDates('04/12/2026', { monthFirst: true })[0]!.iso).toBe('2026-04-12');
    expect(findDates('04/12/2026')[0]!.ambiguous).toBe(true);
  });

  it('falls back to month first when day first is impossible', () => {
    const [d] = findDates('09/30/10');
    expect(d!.iso).toBe('2010-09-30');
    expect(d!.monthFirst).toBe(true);
  });

  it('reads English month-first text dates', () => {
    expect(findDates('Jan 12, 2026')[0]!.iso).toBe('2026-01-12');
  });

  it('reads times', () => {
    expect(findTimes('14h32 14:32:05 2:05 pm 12:00 AM').map((t) => t.value)).toEqual(['14:32', '14:32:05', '14:05', '00:00']);
    expect(findTimes('25:00 14h 12,30')).toEqual([]);
  });
});
