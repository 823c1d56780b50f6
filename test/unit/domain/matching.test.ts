import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_MATCH_CONFIG,
  distinctiveWordsAgree,
  foldWords,
  matchConfig,
  matchMerchant,
  normaliseName,
  ocrDistance,
  prepareName,
  similarity,
  type MatchOutcome,
  type ShopClues,
} from '../../../shared/domain/matching';
import { makeSiret, vatNumberOf } from '../../../shared/receipts/identifiers';
import type { Merchant } from '../../../shared/domain/merchant';
import { isValidSiret, luhnValid } from '../../../shared/domain/siret';

function shop(id: string, name: string, siret: string, postcode = '37410', aliases: string[] = []): Merchant {
  return {
    merchantId: id,
    name,
    siret,
    siren: siret.slice(0, 9),
    address: { street: '1 rue Haute', postcode, city: 'Montclair' },
    tags: [],
    aliases,
    status: 'ACTIVE',
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

const shops = [
  shop('fournil', "Au Fournil d'Élise", '81234567600017'),
  shop('fournil-bis', 'Le Fournil du Marché', '52876341000040'),
  shop('cave', 'La Cave des Coteaux', '88310274100013', '37410', ['Cave Coteaux']),
  shop('cave-tours', 'La Cave des Coteaux', '90412387400029', '37000'),
];

describe('identifiers', () => {
  it('checks SIRET with Luhn', () => {
    expect(isValidSiret('81234567600017')).toBe(true);
    expect(isValidSiret('81234567600018')).toBe(false);
    expect(isValidSiret('8123456760001')).toBe(false);
    expect(luhnValid('732829320')).toBe(true);
  });
});

describe('normaliseName', () => {
  it('folds case, accents, punctuation and legal forms', () => {
    expect(normaliseName("Au Fournil d'Élise SARL")).toBe('AU FOURNIL D ELISE');
    expect(normaliseName('Café & Thé')).toBe('CAFE ET THE');
  });
  it('scores identical names 1 and unrelated ones low', () => {
    expect(similarity('CAVE', 'CAVE')).toBe(1);
    expect(similarity('BOULANGERIE', 'LIBRAIRIE')).toBeLessThan(0.5);
  });
});

describe('matchMerchant', () => {
  it('matches by SIRET first, whatever the sign says', () => {
    const m = matchMerchant({ siret: '52876341000040', sign: "AU FOURNIL D'ELISE" }, shops);
    expect(m).toMatchObject({ kind: 'MATCHED', method: 'SIRET' });
    expect(m.kind === 'MATCHED' && m.merchant.merchantId).toBe('fournil-bis');
  });

  it('matches a sign with OCR noise when the postcode agrees', () => {
    const m = matchMerchant({ sign: "AU FOURNIL D'EL1SE", postcode: '37410' }, shops);
    expect(m.kind === 'MATCHED' && m.merchant.merchantId).toBe('fournil');
  });

  it('settles two shops of the same name by postcode, once the town or street confirms the postcode', () => {
    const m = matchMerchant({ sign: 'LA CAVE DES COTEAUX', postcode: '37000', city: 'MONTCLAIR' }, shops);
    expect(m.kind === 'MATCHED' && m.merchant.merchantId).toBe('cave-tours');
    // A postcode alone could be the other shop's, misread by one digit.
    expect(matchMerchant({ sign: 'LA CAVE DES COTEAUX', postcode: '37000' }, shops).kind).toBe('REVIEW');
  });

  it('sends a name without postcode to review rather than guess', () => {
    const m = matchMerchant({ sign: 'LA CAVE DES COTEAUX' }, shops);
    expect(m.kind).toBe('REVIEW');
    expect(m.kind === 'REVIEW' && m.candidates.map((c) => c.merchant.merchantId)).toEqual(expect.arrayContaining(['cave', 'cave-tours']));
  });

  it('does not match on a name when a valid SIRET of another shop was read', () => {
    const m = matchMerchant({ sign: 'LA CAVE DES COTEAUX', postcode: '37410', siret: '73282932000074' }, shops);
    expect(m.kind).toBe('REVIEW');
  });

  it('finds nothing for an unknown shop', () => {
    expect(matchMerchant({ sign: 'GARAGE MODERNE', postcode: '37410' }, shops).kind).toBe('NOT_FOUND');
    expect(matchMerchant({}, shops).kind).toBe('NOT_FOUND');
  });

  it('ignores suspended shops', () => {
    const suspended = shops.map((s) => (s.merchantId === 'fournil' ? { ...s, status: 'SUSPENDED' as const } : s));
    expect(matchMerchant({ siret: '81234567600017' }, suspended).kind).not.toBe('MATCHED');
  });
});

// ------------------------------------------------------------------------------------------------
// Identifiers, look-alikes, OCR noise: the cases that decide whether the city pays the right shop
// ------------------------------------------------------------------------------------------------


function make(id: string, name: string, opts: Partial<Merchant> & { street?: string; postcode?: string; city?: string; phone?: string; siret?: string } = {}): Merchant {
  const siret = opts.siret ?? makeSiret(String(10_000_000 + id.split('').reduce((a, c) => a * 31 + c.charCodeAt(0), 7) % 89_999_999).padStart(8, '0'), '0001');
  const { street, postcode, city, phone, ...rest } = opts;
  return {
    merchantId: id,
    name,
    siret,
    siren: siret.slice(0, 9),
    address: { street: street ?? '1 rue Haute', postcode: postcode ?? '37410', city: city ?? 'Montclair-sur-Loire' },
    tags: [],
    aliases: [],
    status: 'ACTIVE',
    createdAt: '2026-01-01T00:00:00.000Z',
    ...(phone ? { showcase: { phone } } : {}),
    ...rest,
  };
}

const idOf = (o: MatchOutcome) => (o.kind === 'MATCHED' ? o.merchant.merchantId : o.kind);

describe('matchMerchant: identifiers', () => {
  const chainSiren = '44306184';
  const tours = make('chain-tours', 'Épicerie Bio Vrac', { siret: makeSiret(chainSiren, '0001'), postcode: '37000', city: 'Tours', street: '5 rue Nationale' });
  const blois = make('chain-blois', 'Épicerie Bio Vrac', { siret: makeSiret(chainSiren, '0002'), postcode: '41000', city: 'Blois', street: '2 rue Denis Papin' });
  const solo = make('solo', 'Fromagerie Vergne', { siret: makeSiret('52876341', '0004'), street: '27 avenue des Tilleuls', phone: '02 47 12 34 56' });
  const directory = [tours, blois, solo];

  it('matches a SIRET whatever else the receipt says', () => {
    expect(idOf(matchMerchant({ siret: solo.siret, sign: 'GARAGE MODERNE', postcode: '75001' }, directory))).toBe('solo');
  });

  it('matches a SIREN alone when the company has one shop and the postcode agrees', () => {
    const m = matchMerchant({ siren: solo.siren, postcode: '37410' }, directory);
    expect(m).toMatchObject({ kind: 'MATCHED', method: 'SIREN' });
  });

  it('reads the SIREN inside a French VAT number (FRkk + SIREN), and ignores one with a wrong key', () => {
    const vat = vatNumberOf(solo.siren);
    expect(matchMerchant({ vatNumber: vat, postcode: '37410' }, directory)).toMatchObject({ kind: 'MATCHED', method: 'VAT' });
    const wrongKey = `FR${String((Number(vat.slice(2, 4)) + 1) % 100).padStart(2, '0')}${solo.siren}`;
    expect(matchMerchant({ vatNumber: wrongKey, postcode: '37410' }, directory).kind).toBe('NOT_FOUND');
  });

  it('settles a chain by the postcode, and never pays a branch of another town', () => {
    expect(idOf(matchMerchant({ siren: tours.siren, postcode: '41000', street: '2 rue Denis Papin' }, directory))).toBe('chain-blois');
    // The same chain in a third town that does not take part: not the Tours or Blois shop.
    expect(matchMerchant({ siren: tours.siren, postcode: '45000', sign: 'EPICERIE BIO VRAC' }, directory).kind).not.toBe('MATCHED');
    // A chain with two shops and no street: staff decide.
    expect(matchMerchant({ siren: tours.siren, sign: 'EPICERIE BIO VRAC' }, directory).kind).toBe('REVIEW');
  });

  it('does not take a sister establishment (unknown SIRET, known SIREN) for ours without the address', () => {
    const sister = makeSiret(chainSiren, '0009');
    expect(matchMerchant({ siret: sister, postcode: '37000' }, directory).kind).toBe('REVIEW');
    // With the shop's own street printed (a head-office SIRET on the ticket): that shop.
    expect(idOf(matchMerchant({ siret: sister, postcode: '37000', street: '5 RUE NATIONALE' }, directory))).toBe('chain-tours');
  });

  it('matches a phone number with the postcode or the street, not against another postcode', () => {
    expect(matchMerchant({ phone: '02.47.12.34.56', postcode: '37410' }, directory)).toMatchObject({ kind: 'MATCHED', method: 'PHONE' });
    expect(matchMerchant({ phone: '+33 2 47 12 34 56', street: '27 AV DES TILLEULS' }, directory)).toMatchObject({ kind: 'MATCHED', method: 'PHONE' });
    expect(matchMerchant({ phone: '0247123456', postcode: '37000' }, directory).kind).toBe('REVIEW');
  });

  it('never matches on a name when the ticket shows another company\'s identifier', () => {
    const other = makeSiret('73282932', '0007');
    expect(matchMerchant({ sign: 'FROMAGERIE VERGNE', postcode: '37410', siret: other }, directory).kind).toBe('REVIEW');
  });
});

describe('matchMerchant: look-alikes and OCR noise', () => {
  const street = (n: number) => `${n} rue de la République`;
  const directory = [
    make('boulangerie-martin', 'Boulangerie Martin', { street: street(12), category: 'Boulangerie' }),
    make('boucherie-martin', 'Boucherie Martin', { street: street(14), category: 'Boucherie' }),
    make('dupont', 'Maison Dupont', { street: street(20), aliases: ['Boulangerie Dupont'] }),
    make('pharmacie-centre', 'Pharmacie du Centre', { street: street(3) }),
    make('optique-centre', 'Optique du Centre', { street: street(5), phone: '02 47 55 66 77' }),
    make('fournil', "Au Fournil d'Élise", { street: '8 place du Marché', category: 'Boulangerie' }),
    make('comptoir', 'Le Petit Comptoir', { street: '2 quai Paul Bert' }),
    make('comptoir-2', 'Le Petit Comptoir 2', { street: '40 quai Paul Bert' }),
    make('cave-37410', 'La Cave des Coteaux', { street: '3 bis quai Paul Bert' }),
    make('cave-37000', 'La Cave des Coteaux', { postcode: '37000', city: 'Tours', street: '1 rue Colbert' }),
  ];
  const m = (clues: ShopClues) => idOf(matchMerchant({ postcode: '37410', ...clues }, directory));

  it.each<[string, ShopClues, string]>([
    ['the exact sign', { sign: 'BOULANGERIE MARTIN' }, 'boulangerie-martin'],
    ['the look-alike next door (another trade)', { sign: 'BOUCHERIE MARTIN' }, 'boucherie-martin'],
    ['0/O and 1/I confusions', { sign: 'B0ULANGER1E MART1N' }, 'boulangerie-martin'],
    ['l and | for I', { sign: "AU FOURNlL D'EL|SE" }, 'fournil'],
    ['no accents, legal form', { sign: "SARL AU FOURNIL D'ELISE" }, 'fournil'],
    ['an alias', { sign: 'BOULANGERIE DUPONT' }, 'dupont'],
    ['a typo in the trade word', { sign: 'BOULAMGERIE DUPONT' }, 'dupont'],
    ['same trade word, different place', { sign: 'OPTIQUE DU CENTRE' }, 'optique-centre'],
    ['the same name in two towns, by postcode and town', { sign: 'LA CAVE DES COTEAUX', postcode: '37000', city: 'TOURS' }, 'cave-37000'],
  ])('matches %s', (_name, clues, expected) => {
    expect(m(clues)).toBe(expected);
  });

  it.each<[string, ShopClues]>([
    ['a surname alone, with two shops of that name on the street', { sign: 'MARTIN' }],
    ['a letter more or less in the distinctive word (another shop?)', { sign: 'MAISON DUPOND' }],
    ['a name without its number ("Le Petit Comptoir" vs "... 2")', { sign: 'LE PETIT COMPTOIR 3' }],
    ['the right name at another number of the street', { sign: 'BOULANGERIE MARTIN', street: '48 RUE DE LA REPUBLIQUE' }],
    ['a trade word that is not the shop\'s', { sign: 'PATISSERIE DU CENTRE' }],
    ['a sign without postcode', { sign: 'PHARMACIE DU CENTRE', postcode: undefined }],
    ['another town printed on the ticket', { sign: 'PHARMACIE DU CENTRE', city: 'CHINON' }],
    ['a phone that is not the shop\'s', { sign: 'OPTIQUE DU CENTRE', phone: '02 47 99 99 99' }],
  ])('does not pay automatically on %s', (_name, clues) => {
    expect(['REVIEW', 'NOT_FOUND']).toContain(m(clues));
  });

  it('accepts a noisy name when the street and number confirm it', () => {
    expect(m({ sign: 'MAISON DUPOMT', street: '20 RUE DE LA REPUBLIQUE' })).toBe('dupont');
  });

  it('explains an automatic match: name, postcode, margin over the runner-up', () => {
    const out = matchMerchant({ sign: 'BOUCHERIE MARTIN', postcode: '37410' }, directory);
    expect(out.kind).toBe('MATCHED');
    if (out.kind !== 'MATCHED') return;
    expect(out.evidence.map((e) => e.signal)).toEqual(expect.arrayContaining(['NAME', 'POSTCODE', 'MARGIN']));
    expect(out.explanation).toContain('Boucherie Martin');
    expect(out.explanation).toContain('devant « Boulangerie Martin »');
  });

  it('tells staff why a receipt went to review', () => {
    const out = matchMerchant({ sign: 'MARTIN', postcode: '37410' }, directory);
    expect(out.kind).toBe('REVIEW');
    if (out.kind !== 'REVIEW') return;
    expect(out.candidates.map((c) => c.merchant.merchantId)).toEqual(expect.arrayContaining(['boulangerie-martin', 'boucherie-martin']));
    expect(out.explanation).toMatch(/presque aussi proche/);
  });

  it('never matches a suspended shop, nor a look-alike in its place', () => {
    const suspended = directory.map((s) => (s.merchantId === 'boulangerie-martin' ? { ...s, status: 'SUSPENDED' as const } : s));
    const out = matchMerchant({ sign: 'BOULANGERIE MARTIN', postcode: '37410' }, suspended);
    expect(out.kind).toBe('NOT_FOUND');
    expect(out.kind === 'NOT_FOUND' && out.suspended?.merchantId).toBe('boulangerie-martin');
  });

  it('uses the thresholds of the city', () => {
    const strict = matchMerchant({ sign: 'BOULANGERIE MARTIN', postcode: '37410' }, directory, { auto: 0.99 });
    expect(strict.kind).toBe('MATCHED'); // 1.00 for the exact name
    const noisy = matchMerchant({ sign: 'BOULANGERIE MARTIM', postcode: '37410' }, directory, { auto: 0.99 });
    expect(matchMerchant({ sign: 'BOULANGERIE MARTIM', postcode: '37410' }, directory).kind).toBe('MATCHED');
    expect(noisy.kind).toBe('REVIEW');
    expect(() => matchConfig({ auto: 0.4, review: 0.5 })).toThrow(RangeError);
    expect(DEFAULT_MATCH_CONFIG).toMatchObject({ auto: 0.85, review: 0.5, minMargin: 0.1 });
  });

  it('gives the same answer whatever the order of the directory', () => {
    const clues: ShopClues[] = [{ sign: 'BOUCHERIE MARTIN', postcode: '37410' }, { sign: 'MARTIN', postcode: '37410' }, { sign: 'LA CAVE DES COTEAUX' }, { sign: 'OPTIQUE DU CENTRE', postcode: '37410' }];
    fc.assert(
      fc.property(fc.shuffledSubarray(directory, { minLength: directory.length, maxLength: directory.length }), (shuffled) => {
        for (const c of clues) expect(idOf(matchMerchant(c, shuffled))).toBe(idOf(matchMerchant(c, directory)));
      }),
      { numRuns: 50 },
    );
  });
});

describe('name folding', () => {
  it('folds OCR confusions inside words, not in numbers', () => {
    expect(foldWords('B0ULANGER1E 1900')).toEqual(['BOULANGERIE', '1900']);
    expect(foldWords("Crêperie l'Œuf & Cie")).toEqual(['CREPERIE', 'L', 'OEUF', 'ET', 'CIE']);
    expect(foldWords('Bléré')).toEqual(['BLERE']);
  });
  it('weighs OCR confusions less than other edits', () => {
    expect(ocrDistance('CARON', 'CAROM')).toBeCloseTo(0.3);
    expect(ocrDistance('DAVID', 'DAVIT')).toBe(1);
  });
  it('forgives trade words and confusions, not a letter of the name', () => {
    const known = prepareName('Pharmacie Caron');
    expect(distinctiveWordsAgree(prepareName('PHRMACIE CAROM'), known)).toBe(true);
    expect(distinctiveWordsAgree(prepareName('PHARMACIE CARO'), known)).toBe(false);
    expect(distinctiveWordsAgree(prepareName('PHARMACIE CARON ET FILS'), known)).toBe(false);
  });
});
