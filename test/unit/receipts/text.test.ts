import { describe, expect, it } from 'vitest';
import { editDistance, findAmounts, findDates, findTimes, fixDigitConfusions, fold, nameKey, parseAmount, respell } from '../../../shared/receipts/text';

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

describe('comparing two spellings of a name', () => {
  it('keys a name by its folded letters and digits', () => {
    expect(nameKey("L'Épi d'Or - 2")).toBe('LEPIDOR2');
    expect(nameKey('  ')).toBe('');
  });

  it('counts edits', () => {
    expect(editDistance('CHARCUTERIE', 'CHARCUTERIE')).toBe(0);
    expect(editDistance('CHARCUTER1E', 'CHARCUTERIE')).toBe(1);
    expect(editDistance('PRESSING', 'PRESSINGDULAC')).toBe(5);
    expect(editDistance('', 'ABC')).toBe(3);
  });

  it('respells a misread letter, keeping case, spaces and accents', () => {
    expect(respell('Pressing du Loc', 'PRESSINGDULAC')).toEqual({ text: 'Pressing du Lac', substitutions: 1, deletions: 0, insertions: 0 });
    expect(respell("L'ÉTAL DE JOSÉ", 'LETALDEJOSE').text).toBe("L'ÉTAL DE JOSÉ");
    expect(respell('Crêperie Ty Breizh', 'CREPERIETYBREIZH').text).toBe('Crêperie Ty Breizh');
  });

  it('adds the letters a reading lost at either end, and drops those the key lacks', () => {
    expect(respell('CORDONNERIE BAST1', 'CORDONNERIEBASTIDE')).toMatchObject({ text: 'CORDONNERIE BASTIDE', substitutions: 1, insertions: 2 });
    expect(respell('ORANGERIE', 'LORANGERIE')).toMatchObject({ text: 'LORANGERIE', insertions: 1 });
    expect(respell('TABAC DE LA GARE', 'TABACGARE')).toMatchObject({ text: 'TABAC GARE', deletions: 4 });
  });
});
