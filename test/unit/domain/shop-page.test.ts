import { describe, expect, it } from 'vitest';
import { MerchantPatch, Portrait, publicMerchant, type Merchant } from '../../../shared/domain/merchant';
import {
  DisplayName,
  hideReview,
  isNewsActive,
  newNews,
  NewsInput,
  patchNews,
  publicNews,
  publicReview,
  replyToReview,
  ReviewInput,
  reviewSummary,
  reviewWithModeration,
  unhideReview,
  writeReview,
} from '../../../shared/domain/shop-page';

const NOW = new Date('2026-06-20T10:00:00Z');
const LATER = new Date('2026-06-22T08:30:00Z');
const IDS = { reviewId: 'rev-1', merchantId: 'shop-1', residentId: 'resident-42' };

describe('the display name of a review', () => {
  it.each(['Camille', 'Camille B.', 'J.-P. M.', 'Zoé', 'Anne-Sophie', 'O’Neil', '  Léa  '])('accepts %j', (name) => {
    expect(DisplayName.safeParse(name).success).toBe(true);
  });

  it.each([
    ['an e-mail address', 'camille@example.fr'],
    ['digits only', '0612345678'],
    ['digits', 'Camille 75'],
    ['too long', 'Camille'.repeat(5)],
    ['empty', '   '],
    ['a link', 'https://pub.example'],
    ['a full name and more', 'Camille Marie Louise Bernard'],
    ['punctuation first', '.Camille'],
  ])('refuses %s', (_what, name) => {
    expect(DisplayName.safeParse(name).success).toBe(false);
  });

  it('folds inner spaces and trims', () => {
    expect(DisplayName.parse('  Camille    B. ')).toBe('Camille B.');
  });
});

describe('a review', () => {
  it('takes a rating from 1 to 5, a text and a name, nothing else', () => {
    expect(ReviewInput.safeParse({ rating: 5, text: 'Très bon accueil', displayName: 'Léa' }).success).toBe(true);
    for (const rating of [0, 6, 4.5]) expect(ReviewInput.safeParse({ rating, text: 'x', displayName: 'Léa' }).success, String(rating)).toBe(false);
    expect(ReviewInput.safeParse({ rating: 3, text: '', displayName: 'Léa' }).success).toBe(false);
    expect(ReviewInput.safeParse({ rating: 3, text: 'ok', displayName: 'Léa', residentId: 'x' }).success).toBe(false);
  });

  it('is edited in place: same id and date, new words, its moderation and the shop’s reply kept', () => {
    const first = writeReview(undefined, { rating: 2, text: 'Attente longue', displayName: 'Léa' }, IDS, NOW);
    expect(first).toMatchObject({ ...IDS, rating: 2, version: 1, createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() });
    const replied = replyToReview(hideReview(first, 'Hors sujet', 'agent-1', NOW), 'Désolés, nous étions seuls ce jour-là.', NOW);
    const edited = writeReview(replied, { rating: 4, text: 'Mieux la deuxième fois', displayName: 'Léa B.' }, { ...IDS, reviewId: 'another' }, LATER);
    expect(edited).toMatchObject({ reviewId: 'rev-1', rating: 4, text: 'Mieux la deuxième fois', displayName: 'Léa B.', createdAt: NOW.toISOString(), updatedAt: LATER.toISOString() });
    expect(edited.hidden?.reason).toBe('Hors sujet');
    expect(edited.reply?.text).toBe('Désolés, nous étions seuls ce jour-là.');
    expect(edited.version).toBe(replied.version + 1);
  });

  it('shows publicly no resident id and no moderation; its author sees the moderation without the staff member', () => {
    const r = hideReview(writeReview(undefined, { rating: 5, text: 'Parfait', displayName: 'Léa' }, IDS, NOW), 'Doublon', 'agent-7', LATER);
    const shown = JSON.stringify(publicReview(r));
    expect(shown).not.toContain('resident-42');
    expect(shown).not.toContain('Doublon');
    const own = reviewWithModeration(r);
    expect(own.hidden).toEqual({ reason: 'Doublon', at: LATER.toISOString() });
    expect(JSON.stringify(own)).not.toContain('agent-7');
    expect(JSON.stringify(own)).not.toContain('resident-42');
    expect(reviewWithModeration(unhideReview(r)).hidden).toBeNull();
  });

  it('marks an edit, and removes a reply when asked', () => {
    const r = writeReview(undefined, { rating: 5, text: 'Parfait', displayName: 'Léa' }, IDS, NOW);
    expect(publicReview(r)).not.toHaveProperty('editedAt');
    expect(publicReview(writeReview(r, { rating: 4, text: 'Bien', displayName: 'Léa' }, IDS, LATER)).editedAt).toBe(LATER.toISOString());
    const replied = replyToReview(r, 'Merci !', NOW);
    expect(publicReview(replied).reply).toEqual({ text: 'Merci !', at: NOW.toISOString() });
    expect(replyToReview(replied, undefined, LATER).reply).toBeUndefined();
  });

  it('averages to one decimal, null without a review', () => {
    expect(reviewSummary([])).toEqual({ count: 0, averageRating: null });
    expect(reviewSummary([5, 4, 4])).toEqual({ count: 3, averageRating: 4.3 });
    expect(reviewSummary([1, 2])).toEqual({ count: 2, averageRating: 1.5 });
  });
});

describe('news', () => {
  const input = NewsInput.parse({ title: ' Fermé pour travaux ', body: 'Réouverture le 16.', endsOn: '2026-07-15', merchantId: 'shop-1' });

  it('is shown up to and including its end date', () => {
    const n = newNews(input, 'n-1', 'SHOP', NOW);
    expect(n).toMatchObject({ newsId: 'n-1', title: 'Fermé pour travaux', merchantId: 'shop-1', author: 'SHOP', publishedAt: NOW.toISOString() });
    expect(isNewsActive(n, '2026-07-15')).toBe(true);
    expect(isNewsActive(n, '2026-07-16')).toBe(false);
    expect(isNewsActive(patchNews(n, { endsOn: null }, LATER), '2030-01-01')).toBe(true);
  });

  it('refuses an impossible end date and an empty patch', () => {
    expect(NewsInput.safeParse({ title: 'x', body: 'y', endsOn: '2026-02-30' }).success).toBe(false);
    expect(NewsInput.safeParse({ title: 'x', body: 'y', author: 'CITY' }).success).toBe(false);
  });

  it('is public with the shop’s name, or as the programme’s', () => {
    expect(publicNews(newNews(input, 'n-1', 'CITY', NOW), 'Boucherie Thomas').merchant).toEqual({ merchantId: 'shop-1', name: 'Boucherie Thomas' });
    expect(publicNews(newNews({ title: 'Bonus', body: 'Lundi' }, 'n-2', 'CITY', NOW)).merchant).toBeNull();
  });
});

describe('the portrait on a shop’s page', () => {
  const shop: Merchant = {
    merchantId: 'shop-1',
    name: 'Boucherie Thomas',
    siret: '73282932000074',
    siren: '732829320',
    address: { street: '1 place du Marché', postcode: '37410', city: 'Montclair-sur-Loire' },
    tags: [],
    aliases: [],
    status: 'ACTIVE',
    createdAt: NOW.toISOString(),
  };

  it('is edited through the staff’s shop patch and shown publicly', () => {
    const patch = MerchantPatch.parse({ showcase: { portrait: { trade: 'Boucherie artisanale', since: 2014, people: [{ firstName: 'Thomas', role: 'artisan boucher', since: 2013 }], products: ['Charcuterie maison'] } } });
    const page = publicMerchant({ ...shop, ...(patch.showcase ? { showcase: patch.showcase } : {}) });
    expect(page.portrait).toEqual({ trade: 'Boucherie artisanale', since: 2014, people: [{ firstName: 'Thomas', role: 'artisan boucher', since: 2013 }], products: ['Charcuterie maison'] });
    expect(publicMerchant(shop)).not.toHaveProperty('portrait');
  });

  it('refuses fields it does not know and years out of range', () => {
    expect(Portrait.safeParse({ people: [{ firstName: 'Thomas', email: 't@x.fr' }] }).success).toBe(false);
    expect(Portrait.safeParse({ since: 3000 }).success).toBe(false);
    expect(Portrait.safeParse({ people: Array.from({ length: 11 }, () => ({ firstName: 'A' })) }).success).toBe(false);
  });
});
