import { describe, expect, it } from 'vitest';
import { CampaignInput, chooseCampaign, describeCampaign, type Campaign } from '../../../shared/domain/campaign';
import type { Merchant } from '../../../shared/domain/merchant';
import {
  carParkParticipates,
  deadlineOf,
  judgeParkingTicket,
  operatorMatches,
  parkingDeadline,
  purchaseOrder,
  purchaseQualifies,
  refundFor,
  startOfLocalDay,
  type ParkingTicketFacts,
} from '../../../shared/domain/parking';
import { decidePurchase } from '../../../shared/domain/purchase';
import { REJECTION_MESSAGES } from '../../../shared/domain/rejections';
import { nextHourlyRun } from '../../../shared/local/schedule';

// Free parking with a purchase (shared/domain/parking.ts): the campaign's fields, the ticket's
// rules, the purchase that validates it, the deadline.

const place = (over: Partial<Merchant> = {}): Merchant => ({
  merchantId: 'cp-1',
  name: 'Parking Hôtel de Ville',
  siret: '73282932000074',
  siren: '732829320',
  address: { street: '1 place de la Mairie', postcode: '37410', city: 'Montclair' },
  tags: ['parking'],
  aliases: [],
  status: 'ACTIVE',
  createdAt: '2026-01-01T00:00:00.000Z',
  ...over,
});
const base = { budgetCents: 100_000, startsOn: '2026-01-01', endsOn: '2026-12-31', merchants: { all: true } as const, status: 'ACTIVE' as const, createdAt: '2026-01-01T00:00:00.000Z' };
const parking: Campaign = { ...base, campaignId: 'park', name: 'Stationnement offert', kind: 'PARKING', refundMaxCents: 300, minPurchaseCents: 1_500, carParks: { tags: ['parking'], operators: ['Ville de Montclair'] } };
const ticket = (over: Partial<ParkingTicketFacts> = {}): ParkingTicketFacts => ({ kind: 'CAR_PARK', operator: 'Indigo', carPark: place(), day: '2026-06-18', amountCents: 440, today: '2026-06-20', ...over });

describe('parking campaigns: validation', () => {
  const common = { name: 'x', budgetCents: 10_000, startsOn: '2026-01-01', endsOn: '2026-06-30', kind: 'PARKING' };
  const ok = { ...common, refundMaxCents: 300, carParks: { operators: ['Indigo'] } };
  it.each([
    ['a parking campaign', ok, true],
    ['with a minimum purchase and a wait', { ...ok, minPurchaseCents: 1_500, decideWithinHours: 12 }, true],
    ['car parks by tag and id', { ...ok, carParks: { tags: ['parking'], ids: ['cp-1'] } }, true],
    ['no car park given', { ...ok, carParks: {} }, false],
    ['without car parks', { ...ok, carParks: undefined }, false],
    ['without a maximum', { ...ok, refundMaxCents: undefined }, false],
    ['a maximum of zero', { ...ok, refundMaxCents: 0 }, false],
    ['a wait of more than three days', { ...ok, decideWithinHours: 73 }, false],
    ['with a rate', { ...ok, rateBps: 1_000 }, false],
    ['stackable', { ...ok, stackable: true }, false],
    ['a selection of shops', { ...ok, merchants: { tags: ['bio'] } }, false],
    ['car parks on a cashback campaign', { name: 'x', budgetCents: 10_000, startsOn: '2026-01-01', endsOn: '2026-06-30', rateBps: 1_000, carParks: { operators: ['Indigo'] } }, false],
    ['a refund maximum on a cashback campaign', { name: 'x', budgetCents: 10_000, startsOn: '2026-01-01', endsOn: '2026-06-30', rateBps: 1_000, refundMaxCents: 300 }, false],
  ])('%s: %s', (_name, body, valid) => {
    expect(CampaignInput.safeParse(body).success).toBe(valid);
  });

  it('lists every problem of a parking campaign in one answer', () => {
    const r = CampaignInput.safeParse({ ...common, rateBps: 100 });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['carParks', 'rateBps', 'refundMaxCents']);
  });

  it('is described in French and never pays a shop purchase', () => {
    expect(describeCampaign(parking)).toBe("Stationnement offert : stationnement remboursé jusqu'à 3.00 EUR avec un achat d'au moins 15.00 EUR le même jour chez un commerçant participant");
    const shop = place({ merchantId: 's-1', tags: [] });
    expect(decidePurchase([parking], { merchant: shop, purchaseDate: '2026-06-18', totalCents: 5_000, today: '2026-06-20' })).toMatchObject({ ok: false, code: 'NO_ACTIVE_CAMPAIGN' });
    const cashback: Campaign = { ...base, campaignId: 'cb', name: 'Commerces', rateBps: 1_000 };
    expect(decidePurchase([parking, cashback], { merchant: shop, purchaseDate: '2026-06-18', totalCents: 5_000, today: '2026-06-20' })).toMatchObject({ ok: true, cashbackCents: 500 });
    // chooseCampaign itself is the shops' rule: decidePurchase is what keeps parking campaigns out.
    expect(chooseCampaign([cashback], { merchant: shop, purchaseDate: '2026-06-18', totalCents: 5_000, today: '2026-06-20' }).ok).toBe(true);
  });

  it('has French messages for its refusals', () => {
    for (const code of ['NO_QUALIFYING_PURCHASE', 'PARKING_FINE', 'CAR_PARK_NOT_ELIGIBLE'] as const) expect(REJECTION_MESSAGES[code]).toMatch(/[a-zé]/);
  });
});

describe('parking tickets: the rules', () => {
  it.each<[string, Campaign[], Partial<ParkingTicketFacts>, { ok: true; refund: number } | { ok: false; code: string }]>([
    ['a registered car park by tag, paid less than the maximum', [parking], {}, { ok: true, refund: 300 }],
    ['the amount paid when under the maximum', [parking], { amountCents: 180 }, { ok: true, refund: 180 }],
    ['the amount capped at the maximum', [parking], { amountCents: 5_400 }, { ok: true, refund: 300 }],
    ['a car park by id', [{ ...parking, carParks: { ids: ['cp-1'] } }], {}, { ok: true, refund: 300 }],
    ['an on-street machine of the city, by operator name', [parking], { kind: 'ON_STREET', carPark: undefined, operator: 'VILLE DE MONTCLAIR' }, { ok: true, refund: 300 }],
    ['a car park not taking part', [parking], { carPark: place({ tags: ['garage'] }), operator: 'Q-Park' }, { ok: false, code: 'CAR_PARK_NOT_ELIGIBLE' }],
    ['an unknown operator, no registered place', [parking], { carPark: undefined, operator: 'Effia' }, { ok: false, code: 'CAR_PARK_NOT_ELIGIBLE' }],
    ['a free stay (nothing to refund)', [parking], { amountCents: 0 }, { ok: false, code: 'BELOW_MINIMUM' }],
    ['paid before the campaign', [{ ...parking, startsOn: '2026-06-19' }], {}, { ok: false, code: 'OUTSIDE_CAMPAIGN_PERIOD' }],
    ['too old', [{ ...parking, receiptMaxAgeDays: 1 }], {}, { ok: false, code: 'RECEIPT_TOO_OLD' }],
    ['paid in the future', [parking], { day: '2026-06-21' }, { ok: false, code: 'FUTURE_DATE' }],
    ['no parking campaign', [{ ...parking, kind: 'CASHBACK', rateBps: 100 }], {}, { ok: false, code: 'NO_ACTIVE_CAMPAIGN' }],
    ['a paused parking campaign', [{ ...parking, status: 'PAUSED' }], {}, { ok: false, code: 'NO_ACTIVE_CAMPAIGN' }],
  ])('%s', (_name, campaigns, over, want) => {
    const v = judgeParkingTicket(campaigns, ticket(over));
    if (want.ok) {
      expect(v.ok).toBe(true);
      if (v.ok) expect(v.accepted[0]!.refundCents).toBe(want.refund);
    } else expect(v).toMatchObject({ ok: false, code: want.code });
  });

  it('puts the best refund first when several parking campaigns accept a ticket, every rule traced', () => {
    const more: Campaign = { ...parking, campaignId: 'park-2', refundMaxCents: 400 };
    const v = judgeParkingTicket([parking, more], ticket());
    expect(v.ok && v.accepted.map((a) => [a.campaign.campaignId, a.refundCents])).toEqual([['park-2', 400], ['park', 300]]);
    expect(v.trace.filter((t) => t.rule === 'car-park').every((t) => t.verdict === 'PASS')).toBe(true);
  });

  it('matches an operator on whole words, accents and case aside', () => {
    expect(operatorMatches('Indigo', 'INDIGO Parking Gare')).toBe(true);
    expect(operatorMatches('Ville de Montclair', 'VILLE DE MONTCLAIR')).toBe(true);
    expect(operatorMatches('Effia', 'Effiage')).toBe(false);
    expect(operatorMatches('Hôtel de Ville', 'PARKING HOTEL DE VILLE')).toBe(true);
    expect(carParkParticipates({ operators: ['Indigo'] }, {})).toMatchObject({ ok: false });
  });

  it('refunds the amount paid up to the maximum', () => {
    expect(refundFor({ refundMaxCents: 300 }, 250)).toBe(250);
    expect(refundFor({ refundMaxCents: 300 }, 301)).toBe(300);
    expect(refundFor({ refundMaxCents: 300 }, 0)).toBe(0);
  });
});

describe('the purchase that validates a ticket', () => {
  const p = (over: Partial<{ purchaseDate: string; totalCents: number }> = {}) => ({ receiptId: 'r-1', merchantName: 'Au Fournil', purchaseDate: '2026-06-18', totalCents: 1_500, ...over });
  it.each([
    ['the minimum exactly, the same day', p(), 'PASS'],
    ['under the minimum', p({ totalCents: 1_499 }), 'FAIL'],
    ['the day before', p({ purchaseDate: '2026-06-17' }), 'FAIL'],
    ['the day after', p({ purchaseDate: '2026-06-19' }), 'FAIL'],
  ])('%s', (_name, purchase, verdict) => {
    expect(purchaseQualifies(parking, '2026-06-18', purchase).verdict).toBe(verdict);
  });

  it('any purchase the same day when the campaign sets no minimum', () => {
    expect(purchaseQualifies({ ...parking, minPurchaseCents: undefined }, '2026-06-18', p({ totalCents: 1 })).verdict).toBe('PASS');
  });

  it('tries the purchases in the order they were credited', () => {
    const order = purchaseOrder([
      { receiptId: 'b', creditedAt: '2026-06-18T12:00:00.000Z' },
      { receiptId: 'a', creditedAt: '2026-06-18T15:00:00.000Z' },
      { receiptId: 'c', creditedAt: '2026-06-18T12:00:00.000Z' },
    ]);
    expect(order.map((x) => x.receiptId)).toEqual(['b', 'c', 'a']);
  });
});

describe('the deadline', () => {
  it.each([
    ['summer: the day ends at 22:00 UTC', '2026-06-18', 6, '2026-06-19T04:00:00.000Z'],
    ['winter: the day ends at 23:00 UTC', '2026-01-15', 6, '2026-01-16T05:00:00.000Z'],
    ['no wait after the day', '2026-06-18', 0, '2026-06-18T22:00:00.000Z'],
    ['the night the clocks go forward', '2026-03-28', 6, '2026-03-29T05:00:00.000Z'],
    ['the night the clocks go back', '2026-10-24', 6, '2026-10-25T04:00:00.000Z'],
    ['the last day of the year', '2026-12-31', 24, '2027-01-01T23:00:00.000Z'],
  ])('%s', (_name, day, hours, until) => {
    expect(parkingDeadline(day, hours)).toBe(until);
  });

  it('starts a local day at the right instant', () => {
    expect(startOfLocalDay('2026-06-18').toISOString()).toBe('2026-06-17T22:00:00.000Z');
    expect(startOfLocalDay('2026-01-15').toISOString()).toBe('2026-01-14T23:00:00.000Z');
  });

  it('waits as long as the most patient campaign, 6 hours when none says', () => {
    expect(deadlineOf([{}, { decideWithinHours: 2 }], '2026-06-18')).toBe('2026-06-19T04:00:00.000Z');
    expect(deadlineOf([{ decideWithinHours: 12 }, {}], '2026-06-18')).toBe('2026-06-19T10:00:00.000Z');
  });
});

describe('the local stack’s hourly sweep', () => {
  it('runs at 5 past each hour, after the instant given', () => {
    expect(nextHourlyRun(new Date('2026-06-18T10:04:59Z')).toISOString()).toBe('2026-06-18T10:05:00.000Z');
    expect(nextHourlyRun(new Date('2026-06-18T10:05:00Z')).toISOString()).toBe('2026-06-18T11:05:00.000Z');
    expect(nextHourlyRun(new Date('2026-06-18T23:30:00Z')).toISOString()).toBe('2026-06-19T00:05:00.000Z');
  });
});
