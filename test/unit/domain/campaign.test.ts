import { describe, expect, it } from 'vitest';
import { CampaignInput, capWindowKey, chooseCampaign, evaluateCampaign, type Campaign } from '../../../shared/domain/campaign';
import { isoWeek } from '../../../shared/domain/dates';
import { applyRateBps } from '../../../shared/domain/money';
import type { Merchant } from '../../../shared/domain/merchant';

const merchant: Merchant = {
  merchantId: 'm-1',
  name: 'Boulangerie Dupont',
  siret: '73282932000074',
  siren: '732829320',
  address: { street: '1 rue Haute', postcode: '37410', city: 'Montclair' },
  tags: ['zone-travaux'],
  aliases: [],
  status: 'ACTIVE',
  createdAt: '2026-01-01T00:00:00.000Z',
};

function campaign(over: Partial<Campaign> = {}): Campaign {
  return {
    campaignId: 'c-1',
    name: 'Commerces',
    budgetCents: 100_000,
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
    rateBps: 1000,
    merchants: { all: true },
    status: 'ACTIVE',
    createdAt: '2026-01-01T00:00:00.000Z',
    ...over,
  };
}

const facts = { merchant, purchaseDate: '2026-06-15', totalCents: 2_345, today: '2026-06-20' };

describe('cashback arithmetic', () => {
  it('floors in the budget’s favour, in integer cents', () => {
    expect(applyRateBps(2_345, 1000)).toBe(234);
    expect(applyRateBps(999, 1)).toBe(0);
    expect(applyRateBps(1_000_000_000_00, 10_000)).toBe(1_000_000_000_00);
  });
});

describe('evaluateCampaign', () => {
  it.each([
    ['accepts at the rate', campaign(), { ok: true, cashbackCents: 234 }],
    ['limits to the per-receipt maximum', campaign({ maxCashbackPerReceiptCents: 100 }), { ok: true, cashbackCents: 100 }],
    ['limits to the resident cap amount', campaign({ perResidentCap: { amountCents: 50, period: 'MONTH' } }), { ok: true, cashbackCents: 50 }],
    ['refuses a purchase before the window', campaign({ startsOn: '2026-06-16' }), { ok: false, code: 'OUTSIDE_CAMPAIGN_PERIOD' }],
    ['refuses a purchase after the window', campaign({ endsOn: '2026-06-14' }), { ok: false, code: 'OUTSIDE_CAMPAIGN_PERIOD' }],
    ['refuses an old receipt', campaign({ receiptMaxAgeDays: 4 }), { ok: false, code: 'RECEIPT_TOO_OLD' }],
    ['accepts a receipt exactly at the age limit', campaign({ receiptMaxAgeDays: 5 }), { ok: true, cashbackCents: 234 }],
    ['refuses below the minimum purchase', campaign({ minPurchaseCents: 2_346 }), { ok: false, code: 'BELOW_MINIMUM' }],
    ['refuses a shop without the tag', campaign({ merchants: { tags: ['halles'] } }), { ok: false, code: 'MERCHANT_NOT_ELIGIBLE' }],
    ['accepts a shop with the tag', campaign({ merchants: { tags: ['zone-travaux'] } }), { ok: true, cashbackCents: 234 }],
    ['refuses a shop not in the list', campaign({ merchants: { ids: ['m-2'] } }), { ok: false, code: 'MERCHANT_NOT_ELIGIBLE' }],
    ['refuses a draft campaign', campaign({ status: 'DRAFT' }), { ok: false, code: 'NO_ACTIVE_CAMPAIGN' }],
    ['refuses a cashback that rounds to zero', campaign({ rateBps: 1 }), { ok: false, code: 'BELOW_MINIMUM' }],
  ])('%s', (_name, c, expected) => {
    expect(evaluateCampaign(c, facts)).toMatchObject(expected);
  });
});

describe('chooseCampaign', () => {
  it('gives the resident the best single campaign', () => {
    const general = campaign({ campaignId: 'general', rateBps: 1000 });
    const works = campaign({ campaignId: 'works', rateBps: 3000, merchants: { tags: ['zone-travaux'] } });
    const v = chooseCampaign([general, works], facts);
    expect(v).toMatchObject({ ok: true, cashbackCents: 703 });
    expect(v.ok && v.campaign.campaignId).toBe('works');
  });

  it('explains the most specific refusal', () => {
    const v = chooseCampaign([campaign({ campaignId: 'a', merchants: { ids: ['x'] } }), campaign({ campaignId: 'b', minPurchaseCents: 10_000 })], facts);
    expect(v).toMatchObject({ ok: false, code: 'BELOW_MINIMUM' });
  });

  it('says no active campaign when there is none', () => {
    expect(chooseCampaign([], facts)).toEqual({ ok: false, code: 'NO_ACTIVE_CAMPAIGN', trace: [] });
  });
});

describe('zones, schedules and traces', () => {
  // A road-works zone around the rue Haute: a rectangle, with a hole (the closed square).
  const zone = {
    type: 'Polygon' as const,
    coordinates: [
      [[0.7, 47.3], [0.72, 47.3], [0.72, 47.32], [0.7, 47.32], [0.7, 47.3]] as [number, number][],
      [[0.705, 47.305], [0.706, 47.305], [0.706, 47.306], [0.705, 47.306], [0.705, 47.305]] as [number, number][],
    ],
  };
  const inZone = { ...merchant, coordinates: { lat: 47.31, lon: 0.71 } };
  const inHole = { ...merchant, coordinates: { lat: 47.3055, lon: 0.7055 } };
  const outside = { ...merchant, coordinates: { lat: 47.4, lon: 0.71 } };

  it.each([
    ['a shop inside the zone', inZone, true],
    ['a shop in a hole of the zone', inHole, false],
    ['a shop outside the zone', outside, false],
    ['a shop without coordinates', merchant, false],
  ])('%s', (_n, m, eligible) => {
    expect(evaluateCampaign(campaign({ merchants: { zone } }), { ...facts, merchant: m }).ok).toBe(eligible);
  });

  it('applies opening days and hours, and doubts a receipt without a time', () => {
    const c = campaign({ schedule: { days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], from: '08:00', to: '12:00' } });
    // 2026-06-15 is a Monday, 2026-06-20 a Saturday.
    expect(evaluateCampaign(c, { ...facts, purchaseTime: '09:30' })).toMatchObject({ ok: true });
    expect(evaluateCampaign(c, { ...facts, purchaseTime: '12:00' })).toMatchObject({ ok: false, code: 'OUTSIDE_CAMPAIGN_PERIOD' });
    expect(evaluateCampaign(c, { ...facts, purchaseDate: '2026-06-20', purchaseTime: '09:30' })).toMatchObject({ ok: false, code: 'OUTSIDE_CAMPAIGN_PERIOD' });
    const noTime = evaluateCampaign(c, facts);
    expect(noTime).toMatchObject({ ok: true, doubtful: expect.stringContaining('heure') });
  });

  it('traces every rule with its inputs, for every campaign considered', () => {
    const v = chooseCampaign(
      [campaign({ campaignId: 'general', maxCashbackPerReceiptCents: 100 }), campaign({ campaignId: 'works', merchants: { tags: ['halles'] } })],
      facts,
    );
    expect(v.ok && v.campaign.campaignId).toBe('general');
    expect(v.trace.filter((t) => t.campaignId === 'general').map((t) => [t.rule, t.verdict])).toEqual([
      ['status', 'PASS'],
      ['merchants', 'PASS'],
      ['period', 'PASS'],
      ['cashback', 'PASS'],
      ['choice', 'PASS'],
    ]);
    expect(v.trace.find((t) => t.rule === 'cashback')!.detail).toBe('23.45 EUR x 10 % = 2.34 EUR, limité à 1.00 EUR par ticket');
    expect(v.trace.find((t) => t.campaignId === 'works' && t.rule === 'merchants')).toMatchObject({ verdict: 'FAIL' });
  });

  it('treats a paused campaign as not running', () => {
    expect(evaluateCampaign(campaign({ status: 'PAUSED' }), facts)).toMatchObject({ ok: false, code: 'NO_ACTIVE_CAMPAIGN' });
  });

  it('refuses a zone that is not a closed ring, and hours in the wrong order', () => {
    const body = { name: 'Zone', budgetCents: 1000, startsOn: '2026-01-01', endsOn: '2026-06-30', rateBps: 3000 };
    expect(CampaignInput.safeParse({ ...body, merchants: { zone: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] } } }).success).toBe(false);
    expect(CampaignInput.safeParse({ ...body, merchants: { zone } }).success).toBe(true);
    expect(CampaignInput.safeParse({ ...body, schedule: { from: '18:00', to: '09:00' } }).success).toBe(false);
    expect(CampaignInput.safeParse({ ...body, schedule: { from: '09:00' } }).success).toBe(false);
  });
});

describe('CampaignInput', () => {
  const body = { name: 'Dotation', budgetCents: 350_000_000, startsOn: '2026-01-01', endsOn: '2026-06-30', rateBps: 2000 };
  it('defaults to all shops', () => {
    expect(CampaignInput.parse(body).merchants).toEqual({ all: true });
  });
  it.each([
    [{ ...body, budgetCents: 12.5 }, 'budgetCents'],
    [{ ...body, rateBps: 0 }, 'rateBps'],
    [{ ...body, rateBps: 10_001 }, 'rateBps'],
    [{ ...body, startsOn: '2026-02-30' }, 'startsOn'],
    [{ ...body, endsOn: '2025-12-31' }, 'endsOn'],
    [{ ...body, perResidentCap: { amountCents: 5000, period: 'YEAR' } }, 'perResidentCap'],
    [{ ...body, merchants: { tags: [] } }, 'merchants'],
    [{ ...body, unexpected: true }, ''],
  ])('rejects %j', (input, path) => {
    const r = CampaignInput.safeParse(input);
    expect(r.success).toBe(false);
    if (!r.success && path) expect(r.error.issues.some((i) => i.path[0] === path)).toBe(true);
  });
});

describe('cap windows', () => {
  it.each([
    ['DAY', '2026-03-01', '2026-03-01'],
    ['WEEK', '2026-03-01', '2026-W09'],
    ['WEEK', '2026-01-01', '2026-W01'],
    ['WEEK', '2027-01-01', '2026-W53'],
    ['MONTH', '2026-03-31', '2026-03'],
    ['CAMPAIGN', '2026-03-31', 'ALL'],
  ] as const)('%s of %s is %s', (period, date, key) => {
    expect(capWindowKey(period, date, isoWeek)).toBe(key);
  });
});
