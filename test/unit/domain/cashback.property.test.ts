import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluateCampaign, type Campaign } from '../../../shared/domain/campaign';
import type { Merchant } from '../../../shared/domain/merchant';

const merchant = {
  merchantId: 'm',
  name: 'Shop',
  siret: '73282932000074',
  siren: '732829320',
  address: { street: '1 rue Haute', postcode: '37410', city: 'Montclair' },
  tags: [],
  aliases: [],
  status: 'ACTIVE',
  createdAt: '2026-01-01T00:00:00.000Z',
} as unknown as Merchant;

const campaignArb = fc.record({
  rateBps: fc.integer({ min: 1, max: 10_000 }),
  maxCashbackPerReceiptCents: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: undefined }),
  minPurchaseCents: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: undefined }),
  cap: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: undefined }),
});

describe('cashback arithmetic (property-based)', () => {
  it('is never negative, never above the rate, the per-receipt maximum or the cap, and rounds down', () => {
    fc.assert(
      fc.property(campaignArb, fc.integer({ min: 0, max: 10_000_000 }), (c, totalCents) => {
        const campaign: Campaign = {
          campaignId: 'c',
          name: 'c',
          budgetCents: 1_000_000,
          startsOn: '2026-01-01',
          endsOn: '2026-12-31',
          rateBps: c.rateBps,
          merchants: { all: true },
          status: 'ACTIVE',
          createdAt: '2026-01-01T00:00:00.000Z',
          ...(c.maxCashbackPerReceiptCents !== undefined ? { maxCashbackPerReceiptCents: c.maxCashbackPerReceiptCents } : {}),
          ...(c.minPurchaseCents !== undefined ? { minPurchaseCents: c.minPurchaseCents } : {}),
          ...(c.cap !== undefined ? { perResidentCap: { amountCents: c.cap, period: 'MONTH' as const } } : {}),
        };
        const v = evaluateCampaign(campaign, { merchant, purchaseDate: '2026-06-15', totalCents, today: '2026-06-16' });
        if (!v.ok) {
          expect(['BELOW_MINIMUM']).toContain(v.code);
          return;
        }
        expect(Number.isInteger(v.cashbackCents)).toBe(true);
        expect(v.cashbackCents).toBeGreaterThan(0);
        // Rounding in the budget's favour: never more than the exact rate.
        expect(v.cashbackCents * 10_000).toBeLessThanOrEqual(totalCents * c.rateBps);
        if (c.maxCashbackPerReceiptCents !== undefined) expect(v.cashbackCents).toBeLessThanOrEqual(c.maxCashbackPerReceiptCents);
        if (c.cap !== undefined) expect(v.cashbackCents).toBeLessThanOrEqual(c.cap);
        if (c.minPurchaseCents !== undefined) expect(totalCents).toBeGreaterThanOrEqual(c.minPurchaseCents);
        // And the floor is exact: one cent more would exceed the rate (unless a limit applied).
        const limited = v.cashbackCents === c.maxCashbackPerReceiptCents || v.cashbackCents === c.cap;
        if (!limited) expect((v.cashbackCents + 1) * 10_000).toBeGreaterThan(totalCents * c.rateBps);
      }),
      { numRuns: 2_000 },
    );
  });
});
