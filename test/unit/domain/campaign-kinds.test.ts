import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CampaignInput, MAX_CREDITS_PER_RECEIPT, capRuleOf, chooseCampaign, evaluateCampaign, fundedBy, type Campaign } from '../../../shared/domain/campaign';
import type { Merchant } from '../../../shared/domain/merchant';
import { REJECTION_MESSAGES } from '../../../shared/domain/rejections';

const shop: Merchant = {
  merchantId: 'm-1',
  name: 'Fromagerie des Halles',
  siret: '73282932000074',
  siren: '732829320',
  address: { street: '3 place du Marché', postcode: '37410', city: 'Montclair' },
  tags: ['zone-travaux'],
  aliases: [],
  status: 'ACTIVE',
  createdAt: '2026-01-01T00:00:00.000Z',
};

const base = { budgetCents: 1_000_000, startsOn: '2026-01-01', endsOn: '2026-12-31', merchants: { all: true } as const, status: 'ACTIVE' as const, createdAt: '2026-01-01T00:00:00.000Z' };
const general: Campaign = { ...base, campaignId: 'general', name: 'Commerces', rateBps: 2000, perResidentPurchaseCap: { amountCents: 5000, period: 'MONTH' } };
const works: Campaign = { ...base, campaignId: 'works', name: 'Zone travaux', rateBps: 3000, merchants: { tags: ['zone-travaux'] } };
const welcome: Campaign = { ...base, campaignId: 'welcome', name: 'Bienvenue', kind: 'WELCOME_BONUS', merchantId: 'm-1', bonusCents: 1500, budgetCents: 30_000 };
const gift: Campaign = { ...base, campaignId: 'gift', name: 'Chèque cadeau', kind: 'GIFT_ALLOWANCE', rateBps: 10_000, allowance: { amountCents: 3000, per: 'HOUSEHOLD' } };

const facts = { merchant: shop, purchaseDate: '2026-06-15', totalCents: 4_000, today: '2026-06-16' };

describe('campaign kinds: validation', () => {
  const common = { name: 'x', budgetCents: 10_000, startsOn: '2026-01-01', endsOn: '2026-06-30' };
  it.each([
    ['a cashback with its rate', { ...common, rateBps: 1000 }, true],
    ['a cashback without a rate', { ...common }, false],
    ['a cashback capped on purchases', { ...common, rateBps: 2000, perResidentPurchaseCap: { amountCents: 5000, period: 'MONTH' } }, true],
    ['a cashback capped both ways', { ...common, rateBps: 2000, perResidentCap: { amountCents: 1000, period: 'MONTH' }, perResidentPurchaseCap: { amountCents: 5000, period: 'MONTH' } }, false],
    ['a stackable cashback', { ...common, rateBps: 500, stackable: true }, true],
    ['a cashback with an allowance', { ...common, rateBps: 500, allowance: { amountCents: 1000, per: 'RESIDENT' } }, false],
    ['a gift allowance per household', { ...common, kind: 'GIFT_ALLOWANCE', rateBps: 10_000, allowance: { amountCents: 5000, per: 'HOUSEHOLD' } }, true],
    ['a gift allowance without its amount', { ...common, kind: 'GIFT_ALLOWANCE', rateBps: 10_000 }, false],
    ['a gift allowance with a monthly cap as well', { ...common, kind: 'GIFT_ALLOWANCE', rateBps: 10_000, allowance: { amountCents: 5000, per: 'RESIDENT' }, perResidentCap: { amountCents: 100, period: 'DAY' } }, false],
    ['a welcome bonus', { ...common, kind: 'WELCOME_BONUS', merchantId: 'm-1', bonusCents: 1500 }, true],
    ['a welcome bonus with no shop', { ...common, kind: 'WELCOME_BONUS', bonusCents: 1500 }, false],
    ['a welcome bonus with a rate', { ...common, kind: 'WELCOME_BONUS', merchantId: 'm-1', bonusCents: 1500, rateBps: 100 }, false],
    ['a welcome bonus for other shops', { ...common, kind: 'WELCOME_BONUS', merchantId: 'm-1', bonusCents: 1500, merchants: { tags: ['x'] } }, false],
    ['an unknown kind', { ...common, kind: 'LOTTERY', rateBps: 100 }, false],
  ])('%s', (_name, body, ok) => {
    expect(CampaignInput.safeParse(body).success).toBe(ok);
  });

  it('lists every problem at once, the missing rate included', () => {
    const r = CampaignInput.safeParse({ name: 'x', budgetCents: 1.5 });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path[0])).toEqual(expect.arrayContaining(['budgetCents', 'startsOn', 'endsOn', 'rateBps']));
  });
});

describe('campaign kinds: rules', () => {
  it('counts purchases up to the cap: 20 % on the first 50 EUR', () => {
    expect(evaluateCampaign(general, { ...facts, totalCents: 4_000 })).toMatchObject({ ok: true, cashbackCents: 800 });
    expect(evaluateCampaign(general, { ...facts, totalCents: 12_000 })).toMatchObject({ ok: true, cashbackCents: 1_000 });
    expect(capRuleOf(general)).toEqual({ basis: 'PURCHASE', amountCents: 5000, period: 'MONTH', per: 'RESIDENT' });
  });

  it('draws a gift allowance down at its rate, limited to the allowance, per household', () => {
    expect(evaluateCampaign(gift, { ...facts, totalCents: 1_234 })).toMatchObject({ ok: true, cashbackCents: 1_234 });
    expect(evaluateCampaign(gift, { ...facts, totalCents: 9_999 })).toMatchObject({ ok: true, cashbackCents: 3_000 });
    expect(capRuleOf(gift)).toEqual({ basis: 'CASHBACK', amountCents: 3000, period: 'CAMPAIGN', per: 'HOUSEHOLD' });
  });

  it.each([
    ['pays its bonus at its own shop', facts, { ok: true, cashbackCents: 1500 }],
    ['pays when first purchase is confirmed', { ...facts, firstPurchaseAtShop: true }, { ok: true, cashbackCents: 1500 }],
    ['refuses an existing customer', { ...facts, firstPurchaseAtShop: false }, { ok: false, code: 'WELCOME_BONUS_USED' }],
    ['refuses another shop', { ...facts, merchant: { ...shop, merchantId: 'm-2' } }, { ok: false, code: 'MERCHANT_NOT_ELIGIBLE' }],
    ['refuses outside its window', { ...facts, purchaseDate: '2025-12-31' }, { ok: false, code: 'OUTSIDE_CAMPAIGN_PERIOD' }],
  ])('a welcome bonus %s', (_name, f, expected) => {
    expect(evaluateCampaign(welcome, f)).toMatchObject(expected);
  });

  it('is funded by the shop for a welcome bonus, by the city otherwise', () => {
    expect(fundedBy(welcome)).toEqual({ merchantId: 'm-1' });
    expect(fundedBy(general)).toBe('CITY');
  });

  it('has a French message for the new rejection code', () => {
    expect(REJECTION_MESSAGES.WELCOME_BONUS_USED).toMatch(/bienvenue/);
  });
});

describe('choosing and stacking', () => {
  const ids = (v: ReturnType<typeof chooseCampaign>) => (v.ok ? v.credits.map((slot) => slot.map((a) => `${a.campaign.campaignId}:${a.cashbackCents}`)) : v.code);

  it.each([
    ['the best single campaign, the other as fallback', [general, works], [['works:1200', 'general:800']]],
    ['a welcome bonus on top of the best one', [general, works, welcome], [['works:1200', 'general:800'], ['welcome:1500']]],
    ['a stackable campaign on top', [general, { ...works, stackable: true }], [['general:800'], ['works:1200']]],
    ['a welcome bonus alone when nothing else applies', [welcome], [['welcome:1500']]],
    ['no welcome bonus for an existing customer', [general, welcome], [['general:800']]],
  ] as const)('%s', (name, campaigns, expected) => {
    const f = name.startsWith('no welcome') ? { ...facts, firstPurchaseAtShop: false } : facts;
    expect(ids(chooseCampaign([...campaigns], f))).toEqual(expected);
  });

  it('welcomes a customer once per shop: two welcome bonuses of one shop are one slot', () => {
    const again: Campaign = { ...welcome, campaignId: 'welcome-2', name: 'Bienvenue (suite)', bonusCents: 1000 };
    expect(ids(chooseCampaign([general, welcome, again], facts))).toEqual([['general:800'], ['welcome:1500', 'welcome-2:1000']]);
  });

  it('explains the choice', () => {
    const v = chooseCampaign([general, works, welcome], facts);
    const choice = v.trace.find((t) => t.rule === 'choice')!;
    expect(choice.detail).toContain('meilleure opération parmi 2');
    expect(choice.detail).toContain('Zone travaux');
    expect(choice.detail).toContain('cumulée avec Bienvenue');
    expect(v.ok && v.cashbackCents).toBe(2700);
  });

  it('never stacks past the purchase itself', () => {
    const v = chooseCampaign([works, welcome], { ...facts, totalCents: 1_000 });
    // 30 % of 10 EUR = 3 EUR; the bonus is cut to the 7 EUR left of the purchase.
    expect(ids(v)).toEqual([['works:300'], ['welcome:700']]);
  });

  it(`pays at most ${MAX_CREDITS_PER_RECEIPT} credits per receipt`, () => {
    const stackables = Array.from({ length: 6 }, (_, i): Campaign => ({ ...base, campaignId: `s${i}`, name: `S${i}`, rateBps: 100, stackable: true }));
    const v = chooseCampaign([general, ...stackables], facts);
    expect(v.ok && v.credits.length).toBe(MAX_CREDITS_PER_RECEIPT);
  });

  it('never awards more than the purchase, whatever the campaigns (property)', () => {
    const campaignArb = fc.record({
      rateBps: fc.integer({ min: 1, max: 10_000 }),
      stackable: fc.boolean(),
      welcome: fc.boolean(),
      bonus: fc.integer({ min: 1, max: 50_000 }),
    });
    fc.assert(
      fc.property(fc.array(campaignArb, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 1_000_000 }), (specs, totalCents) => {
        const campaigns = specs.map((s, i): Campaign =>
          s.welcome
            ? { ...base, campaignId: `c${i}`, name: `W${i}`, kind: 'WELCOME_BONUS', merchantId: 'm-1', bonusCents: s.bonus }
            : { ...base, campaignId: `c${i}`, name: `C${i}`, rateBps: s.rateBps, stackable: s.stackable },
        );
        const v = chooseCampaign(campaigns, { ...facts, totalCents });
        if (!v.ok) return;
        const firstChoice = v.credits.map((slot) => slot[0]!.cashbackCents);
        expect(firstChoice.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(totalCents);
        expect(v.credits.length).toBeLessThanOrEqual(MAX_CREDITS_PER_RECEIPT);
        for (const slot of v.credits) for (const a of slot) expect(a.cashbackCents).toBeGreaterThan(0);
        // Slot 0's options are in the resident's favour: best first.
        const s0 = v.credits[0]!.map((a) => a.cashbackCents);
        expect([...s0].sort((a, b) => b - a)).toEqual(s0);
      }),
      { numRuns: 1_000 },
    );
  });
});
