import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bbanFormat, bbanLength } from '../../../shared/payouts/bban';
import { DomainError } from '../../../shared/domain/errors';
import {
  PayoutAccountInput,
  SEPA_IBAN_COUNTRIES,
  formatIban,
  formatIbanMasked,
  ibanCheckDigits,
  ibanMod97,
  normalizeBic,
  parseIban,
  parsePayoutAccountInput,
} from '../../../shared/payouts/iban';
import { IBANS, REGISTRY_IBANS, makeIban, makeRib } from './fixtures';

const spaced = (iban: string) => iban.replace(/(.{4})/g, '$1 ').trim();

describe('parseIban: valid SEPA IBANs', () => {
  it.each(Object.entries(IBANS))('%s %s', (_, iban) => {
    const r = parseIban(iban);
    expect(r).toEqual({ ok: true, iban, country: iban.slice(0, 2) });
  });

  it.each([
    ['DE89 3704 0044 0532 0130 00', 'DE89370400440532013000'],
    ['FR14 2004 1010 0505 0001 3M02 606', 'FR1420041010050500013M02606'],
    ['GB29 NWBK 6016 1331 9268 19', 'GB29NWBK60161331926819'],
    ['MC58 1122 2000 0101 2345 6789 030', 'MC5811222000010123456789030'],
    ['AL47 2121 1009 0000 0002 3569 8741', 'AL47212110090000000235698741'],
    ['MK07 2501 2000 0058 984', 'MK07250120000058984'],
  ])('the SWIFT registry example %s', (input, iban) => {
    expect(parseIban(input)).toMatchObject({ ok: true, iban });
  });

  it('normalises lower case, spaces, tabs, non-breaking spaces, dashes and an IBAN prefix', () => {
    const fr = IBANS.FR;
    for (const input of [
      fr.toLowerCase(),
      spaced(fr),
      ` ${spaced(fr).toLowerCase()} `,
      spaced(fr).replace(/ /g, '\u00A0'),
      spaced(fr).replace(/ /g, '\t'),
      spaced(fr).replace(/ /g, '-'),
      `IBAN ${spaced(fr)}`,
      `IBAN: ${fr}`,
    ]) {
      expect(parseIban(input), JSON.stringify(input)).toEqual({ ok: true, iban: fr, country: 'FR' });
    }
  });

  // Was "accepts an IBAN of its length" with a BBAN of 1s: since the national format and check
  // digits are checked, only a real account format passes, so every country uses its registry example.
  it('every country of the table accepts its SWIFT registry example', () => {
    expect(Object.keys(REGISTRY_IBANS).sort()).toEqual(Object.keys(SEPA_IBAN_COUNTRIES).sort());
    for (const [country, spec] of Object.entries(SEPA_IBAN_COUNTRIES)) {
      const iban = REGISTRY_IBANS[country]!;
      expect(iban, country).toHaveLength(spec.length);
      expect(parseIban(iban), country).toEqual({ ok: true, iban, country });
      expect(parseIban(spaced(iban).toLowerCase()), country).toEqual({ ok: true, iban, country });
    }
  });

  it.each([
    ['DE', '370400440532013000'],
    ['DE', '500105175407324931'],
    ['FR', makeRib('30004', '00817', '00010123456')],
    ['FR', makeRib('20041', '01005', '0500013M026')],
    ['BE', '539007547034'],
    ['ES', '21000418450200051332'],
    ['IT', 'X0542811101000000123456'],
    ['NL', 'ABNA0417164300'],
    ['NL', 'RABO0123456789'],
    ['MC', makeRib('11222', '00001', '01234567890')],
    ['GB', 'NWBK60161331926819'],
    ['CH', '00762011623852957'],
  ])('accepts a constructed %s IBAN with computed check digits (BBAN %s)', (country, bban) => {
    const iban = makeIban(country, bban);
    expect(parseIban(iban)).toEqual({ ok: true, iban, country });
  });

  it('mod 97 on chunks agrees with a BigInt reference on random BBANs', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-Z]{18}$/), fc.stringMatching(/^[A-Z]{4}[0-9]{10}$/), (bban, nlBban) => {
        expect(ibanCheckDigits('DE', bban)).toBe(makeIban('DE', bban).slice(2, 4));
        // A Dutch BBAN is 4 letters then 10 digits (and has no national check digits).
        const nl = makeIban('NL', nlBban);
        expect(parseIban(nl).ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseIban: invalid input', () => {
  const bad = (input: string) => {
    const r = parseIban(input);
    expect(r.ok, input).toBe(false);
    if (r.ok) throw new Error('unreachable');
    expect(r.code).toBe('INVALID_IBAN');
    return r.reason;
  };

  it('rejects a wrong checksum', () => {
    const fr = IBANS.FR;
    const check = Number(fr.slice(2, 4));
    const wrong = `FR${String(check === 98 ? 2 : check + 1).padStart(2, '0')}${fr.slice(4)}`;
    expect(bad(wrong)).toMatch(/check digits/);
    expect(bad('DE89370400440532013001')).toMatch(/check digits/);
    expect(bad('DE88370400440532013000')).toMatch(/check digits/);
  });

  it('catches any single substituted character and an adjacent transposition', () => {
    const de = IBANS.DE;
    for (let i = 4; i < de.length; i++) {
      const d = Number(de[i]);
      const typo = de.slice(0, i) + String((d + 1) % 10) + de.slice(i + 1);
      expect(parseIban(typo).ok, typo).toBe(false);
      if (i + 1 < de.length && de[i] !== de[i + 1]) {
        const swapped = de.slice(0, i) + de[i + 1] + de[i] + de.slice(i + 2);
        expect(parseIban(swapped).ok, swapped).toBe(false);
      }
    }
  });

  it('rejects a wrong length for the country, even with correct check digits', () => {
    expect(bad(makeIban('FR', makeRib('30004', '00817', '00010123456')).slice(0, 26))).toMatch(/27 characters/);
    expect(bad(makeIban('DE', '5001051754073249310'))).toMatch(/Germany IBAN has 22 characters, this one has 23/);
    expect(bad(makeIban('BE', '53900754703'))).toMatch(/16 characters/);
  });

  it('rejects countries outside SEPA, even with valid check digits', () => {
    expect(bad(makeIban('BR', '00360305000010009795493C1'))).toMatch(/BR is not a country of the SEPA schemes/);
    expect(bad('US64SVBKUS6S3300958879')).toMatch(/US is not/);
    expect(bad(makeIban('TR', '0006100519786457841326'))).toMatch(/TR is not/);
  });

  it('tells that French overseas accounts use FR IBANs', () => {
    const bban = makeRib('12869', '00020', '12345678901');
    expect(parseIban(makeIban('FR', bban)).ok).toBe(true);
    expect(bad(makeIban('GP', bban))).toMatch(/start with FR, not GP/);
    expect(bad(makeIban('RE', bban))).toMatch(/start with FR/);
    expect(bad(makeIban('JE', '1'.repeat(18)))).toMatch(/start with GB/);
  });

  it('rejects characters outside the IBAN set and malformed prefixes', () => {
    expect(bad(IBANS.FR.slice(0, 10) + '*' + IBANS.FR.slice(11))).toMatch(/only letters and digits/);
    expect(bad('FRAB' + IBANS.FR.slice(4))).toMatch(/two check digits/);
    expect(bad('1234567890')).toMatch(/country code/);
    expect(bad('')).toMatch(/empty/);
    expect(bad('   ')).toMatch(/empty/);
    expect(bad('FR76' + '1'.repeat(200))).toMatch(/too long/);
    expect(bad('FR76 3000 6000 0112 3456 7890 189é')).toMatch(/only letters and digits/);
  });

  it('checks the French RIB key unless told not to', () => {
    const wrongKey = makeIban('FR', '3000400817000101234560' + '0'); // check digits right, RIB key 00 wrong
    expect(bad(wrongKey)).toMatch(/RIB key/);
    expect(parseIban(wrongKey, { ribKey: false })).toEqual({ ok: true, iban: wrongKey, country: 'FR' });
    const mcWrongKey = makeIban('MC', '11222000010123456789099');
    expect(bad(mcWrongKey)).toMatch(/RIB key/);
  });
});

describe('parseIban: national BBAN format and check digits', () => {
  const bad = (input: string) => {
    const r = parseIban(input);
    expect(r.ok, input).toBe(false);
    if (r.ok) throw new Error('unreachable');
    expect(r.code).toBe('INVALID_IBAN');
    return r.reason;
  };

  it('refuses DE85ABCDEFGH0123456789: right length and check digits, but letters in a German BBAN', () => {
    expect(ibanMod97('DE85ABCDEFGH0123456789')).toBe(1);
    expect(bad('DE85ABCDEFGH0123456789')).toBe('Germany IBANs have 18 digits after the check digits; this one does not.');
    expect(bad('de85 abcd efgh 0123 4567 89')).toMatch(/Germany IBANs have 18 digits/);
    expect(PayoutAccountInput.safeParse({ iban: 'DE85ABCDEFGH0123456789', holderName: 'Ann' }).success).toBe(false);
  });

  it('refuses letters where the country has digits, even with computed check digits', () => {
    expect(bad(makeIban('DE', '37040044053201300O'))).toMatch(/Germany IBANs have 18 digits/);
    expect(bad(makeIban('BE', '53900754703I'))).toMatch(/Belgium IBANs have 12 digits/);
    expect(bad(makeIban('ES', '2100O418450200051332'))).toMatch(/Spain IBANs have 20 digits/);
    expect(bad(makeIban('AT', '19043002345732O1'))).toMatch(/Austria IBANs have 16 digits/);
    // France: 10 digits, 11 letters or digits, 2 digits (the RIB key), whether or not the key is checked.
    expect(bad(makeIban('FR', '30004008170001012345AB'.padEnd(23, '6')))).toMatch(/France IBANs have 10 digits, then 11 letters or digits, then 2 digits/);
    expect(bad(makeIban('FR', 'A000400817000101234560' + '0'))).toMatch(/France IBANs/);
    expect(parseIban(makeIban('FR', '3000400817000101234560A'), { ribKey: false }).ok).toBe(false);
    expect(bad(makeIban('MC', '1122200001012345678903A'))).toMatch(/Monaco IBANs/);
  });

  it('refuses digits where the country has letters', () => {
    expect(bad(makeIban('NL', '1234' + '0417164300'))).toBe('Netherlands IBANs have 4 letters, then 10 digits after the check digits; this one does not.');
    expect(bad(makeIban('IT', '10542811101000000123456'))).toMatch(/Italy IBANs have 1 letter, then 10 digits, then 12 letters or digits/);
    expect(bad(makeIban('GB', '1WBK60161331926819'))).toMatch(/United Kingdom IBANs have 4 letters, then 14 digits/);
    expect(bad(makeIban('GB', 'NWBK6016133192681A'))).toMatch(/United Kingdom IBANs/);
  });

  it('refuses a wrong length before looking at the format', () => {
    expect(bad(makeIban('NL', 'ABNA04171643001'))).toMatch(/Netherlands IBAN has 18 characters, this one has 19/);
    expect(bad(makeIban('DE', '37040044053201300'))).toMatch(/Germany IBAN has 22 characters, this one has 21/);
    expect(bad('DE85ABCDEFGH01234567890')).toMatch(/22 characters/);
  });

  it('refuses a wrong national check digit (a mistyped account number given IBAN check digits)', () => {
    // Belgium: the last two digits are the first ten mod 97.
    expect(bad(makeIban('BE', '539007547035'))).toBe("The Belgium account number's own check digits do not match: there is a typing error.");
    // Spain: the two control digits (positions 9-10) cover bank, branch and account.
    expect(bad(makeIban('ES', '21000418460200051332'))).toMatch(/Spain account number's own check digits/);
    // Norway: mod 11 on the last digit.
    expect(bad(makeIban('NO', '86011117948'))).toMatch(/Norway account number's own check digits/);
    // Portugal: the BBAN itself satisfies mod 97-10.
    expect(bad(makeIban('PT', '000201231234567890155'))).toMatch(/Portugal account number's own check digits/);
  });

  it('knows the BBAN format of every country of the table, with the same length', () => {
    for (const [country, spec] of Object.entries(SEPA_IBAN_COUNTRIES)) {
      expect(bbanLength(spec.bban) + 4, country).toBe(spec.length);
    }
  });

  it('accepts no random BBAN outside its national format, whatever its check digits', () => {
    const countries = Object.keys(SEPA_IBAN_COUNTRIES);
    fc.assert(
      fc.property(fc.constantFrom(...countries), fc.array(fc.constantFrom(...'0123456789ABCZ'), { minLength: 34, maxLength: 34 }), (country, chars) => {
        const bban = chars.slice(0, SEPA_IBAN_COUNTRIES[country]!.length - 4).join('');
        const format = bbanFormat(SEPA_IBAN_COUNTRIES[country]!.bban).pattern;
        const r = parseIban(makeIban(country, bban), { ribKey: false });
        if (!format.test(bban)) expect(r.ok, `${country} ${bban}`).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});

describe('formatting', () => {
  it('groups by four', () => {
    expect(formatIban('FR1420041010050500013M02606')).toBe('FR14 2004 1010 0505 0001 3M02 606');
    expect(formatIban('fr14 2004-1010 0505 0001 3M02 606')).toBe('FR14 2004 1010 0505 0001 3M02 606');
    expect(formatIban('BE68539007547034')).toBe('BE68 5390 0754 7034');
  });

  it('masks all but the country, the check digits and the last four characters', () => {
    expect(formatIbanMasked('FR1420041010050500013M02606')).toBe('FR14 •••• 2606');
    expect(formatIbanMasked('FR14 2004 1010 0505 0001 3M02 606')).toBe('FR14 •••• 2606');
    expect(formatIbanMasked('NO9386011117947')).toBe('NO93 •••• 7947');
    expect(formatIbanMasked(IBANS.MT)).toBe(`${IBANS.MT.slice(0, 4)} •••• ${IBANS.MT.slice(-4)}`);
    expect(formatIbanMasked('FR76')).toBe('••••');
    for (const iban of Object.values(IBANS)) {
      const masked = formatIbanMasked(iban);
      expect(masked.replace(/[^A-Z0-9]/g, '')).toHaveLength(8); // nothing else leaks
    }
  });

  it('normalises BICs', () => {
    expect(normalizeBic('bnpa fr pp xxx')).toBe('BNPAFRPPXXX');
    expect(normalizeBic('DEUTDEFF')).toBe('DEUTDEFF');
    expect(normalizeBic('DEUTDEFF5')).toBeUndefined();
    expect(normalizeBic('DEUT1EFF')).toBeUndefined();
    expect(normalizeBic('DEUTDEFF50')).toBeUndefined();
  });
});

describe('PayoutAccountInput', () => {
  it('normalises the IBAN, transliterates the holder name and the BIC', () => {
    const parsed = PayoutAccountInput.parse({ iban: spaced(IBANS.FR).toLowerCase(), holderName: '  Élodie   Müller ', bic: 'agrifrpp 882' });
    expect(parsed).toEqual({ iban: IBANS.FR, holderName: 'Elodie Muller', bic: 'AGRIFRPP882' });
  });

  it.each([
    ['Œuvre d’Entraide & Cie', "OEuvre d'Entraide + Cie"],
    ['Jürgen Groß', 'Jurgen Gross'],
    ['Ærøskøbing Łódź', 'AEroskobing Lodz'],
    ['François-Xavier N°7', 'Francois-Xavier No7'],
    ['Ｆｕｌｌ　Ｗｉｄｔｈ', 'Full Width'],
    ['Dupont <SARL> "Le Fournil"', "Dupont SARL 'Le Fournil'"],
  ])('%s -> %s', (holderName, expected) => {
    expect(PayoutAccountInput.parse({ iban: IBANS.DE, holderName }).holderName).toBe(expected);
  });

  it('treats an empty or null BIC as none', () => {
    expect(PayoutAccountInput.parse({ iban: IBANS.DE, holderName: 'A', bic: '' }).bic).toBeUndefined();
    expect(PayoutAccountInput.parse({ iban: IBANS.DE, holderName: 'A', bic: null }).bic).toBeUndefined();
  });

  it.each([
    [{ iban: IBANS.DE, holderName: '' }, 'holderName'],
    [{ iban: IBANS.DE, holderName: '   ' }, 'holderName'],
    [{ iban: IBANS.DE, holderName: '*** ###' }, 'holderName'],
    [{ iban: IBANS.DE, holderName: 'A'.repeat(71) }, 'holderName'],
    [{ iban: IBANS.DE, holderName: 'Иван Петров' }, 'holderName'],
    [{ iban: IBANS.DE, holderName: 'Jean 王' }, 'holderName'],
    [{ iban: IBANS.DE, holderName: 'Ann', bic: 'NOTABIC' }, 'bic'],
    [{ iban: IBANS.DE, holderName: 'Ann', extra: 1 }, ''],
    [{ iban: 'DE00370400440532013000', holderName: 'Ann' }, 'iban'],
    [{ holderName: 'Ann' }, 'iban'],
  ])('refuses %j (%s)', (body, path) => {
    const r = PayoutAccountInput.safeParse(body);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('accepts a 70-character name', () => {
    expect(PayoutAccountInput.parse({ iban: IBANS.DE, holderName: 'É'.repeat(70) }).holderName).toBe('E'.repeat(70));
  });

  it('parsePayoutAccountInput throws INVALID_IBAN for a bad IBAN, VALIDATION_ERROR otherwise', () => {
    const thrown = (body: unknown) => {
      try {
        parsePayoutAccountInput(body);
      } catch (e) {
        expect(e).toBeInstanceOf(DomainError);
        return e as DomainError;
      }
      throw new Error('expected a DomainError');
    };
    const iban = thrown({ iban: 'US64SVBKUS6S3300958879', holderName: 'Ann' });
    expect(iban).toMatchObject({ code: 'INVALID_IBAN', status: 400 });
    expect(iban.errors).toEqual([{ path: 'iban', message: expect.stringMatching(/US is not/) }]);
    expect(thrown({ iban: IBANS.DE, holderName: '' })).toMatchObject({ code: 'VALIDATION_ERROR', status: 400 });
    expect(thrown(undefined)).toMatchObject({ code: 'VALIDATION_ERROR' });
    expect(parsePayoutAccountInput({ iban: IBANS.DE, holderName: 'Ann' })).toEqual({ iban: IBANS.DE, holderName: 'Ann', bic: undefined });
  });
});
