import { describe, expect, it } from 'vitest';
import { matchMerchant, normaliseName, similarity } from '../../../shared/domain/matching';
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

  it('settles two shops of the same name by postcode', () => {
    const m = matchMerchant({ sign: 'LA CAVE DES COTEAUX', postcode: '37000' }, shops);
    expect(m.kind === 'MATCHED' && m.merchant.merchantId).toBe('cave-tours');
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
