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
    expect(chooseCampaign([], facts)).toEqual({ ok: false, code: 'NO_ACTIVE_CAMPAIGN' });
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
