import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateCredits, type CashbackOption, type LedgerState } from '../../../shared/domain/credit';

const state = (budgets: Record<string, number>, capUsed: Record<string, number> = {}, alreadyCustomer = false): LedgerState => ({
  budgetLeftCents: new Map(Object.entries(budgets)),
  capUsedCents: (o) => capUsed[o.campaignId] ?? 0,
  alreadyCustomer,
});
const req = (credits: CashbackOption[][], totalCents = 10_000) => ({ receiptId: 'r1', totalCents, credits });

describe('allocateCredits', () => {
  it('pays the best single campaign in full when its budget allows, with the receipt’s transfer id', () => {
    expect(allocateCredits(req([[{ campaignId: 'a', desiredCents: 1_000 }]]), state({ a: 5_000 }))).toEqual({
      ok: true,
      bonusPaid: false,
      paid: [{ campaignId: 'a', transferId: 'cashback:r1', amountCents: 1_000 }],
    });
  });

  it('pays what is left of the budget, down to one cent, and refuses BUDGET_EXHAUSTED at zero', () => {
    expect(allocateCredits(req([[{ campaignId: 'a', desiredCents: 1_000 }]]), state({ a: 1 }))).toMatchObject({ ok: true, paid: [{ amountCents: 1 }] });
    expect(allocateCredits(req([[{ campaignId: 'a', desiredCents: 1_000 }]]), state({ a: 0 }))).toEqual({ ok: false, code: 'BUDGET_EXHAUSTED' });
  });

  it('falls back to the next campaign of the slot when the best one’s cap is spent, and says CAP_REACHED when all are', () => {
    const cap = { basis: 'CASHBACK' as const, amountCents: 500, windowKey: 'M2026-06', holderId: 'res' };
    const slot = [{ campaignId: 'a', desiredCents: 1_000, cap }, { campaignId: 'b', desiredCents: 300 }];
    expect(allocateCredits(req([slot]), state({ a: 9_999, b: 9_999 }, { a: 500 }))).toMatchObject({ ok: true, paid: [{ campaignId: 'b', transferId: 'cashback:r1', amountCents: 300 }] });
    expect(allocateCredits(req([[slot[0]!]]), state({ a: 9_999 }, { a: 500 }))).toEqual({ ok: false, code: 'CAP_REACHED' });
    expect(allocateCredits(req([[slot[0]!]]), state({ a: 9_999 }, { a: 200 }))).toMatchObject({ ok: true, paid: [{ amountCents: 300, cap: { usedCents: 300 } }] });
  });

  it('on a purchase cap, pays the rate on the part of the purchase still under the cap', () => {
    // 20 % on the first 50 EUR a month; 30 EUR already counted this month; a 40 EUR purchase.
    const cap = { basis: 'PURCHASE' as const, amountCents: 5_000, windowKey: 'M2026-06', holderId: 'res', rateBps: 2_000 };
    const out = allocateCredits(req([[{ campaignId: 'a', desiredCents: 800, cap }]], 4_000), state({ a: 9_999 }, { a: 3_000 }));
    expect(out).toMatchObject({ ok: true, paid: [{ amountCents: 400, cap: { usedCents: 2_000 } }] });
  });

  it('pays a welcome bonus on a first purchase only, and names WELCOME_BONUS_USED when it is alone', () => {
    const bonus = { campaignId: 'w', desiredCents: 1_000, firstPurchaseOnly: true };
    expect(allocateCredits(req([[bonus]]), state({ w: 9_999 }))).toMatchObject({ ok: true, bonusPaid: true });
    expect(allocateCredits(req([[bonus]]), state({ w: 9_999 }, {}, true))).toEqual({ ok: false, code: 'WELCOME_BONUS_USED' });
  });

  it('stacks on top with the campaign in the transfer id, never beyond the purchase', () => {
    const out = allocateCredits(req([[{ campaignId: 'a', desiredCents: 600 }], [{ campaignId: 's', desiredCents: 900 }]], 1_000), state({ a: 9_999, s: 9_999 }));
    expect(out).toEqual({
      ok: true,
      bonusPaid: false,
      paid: [
        { campaignId: 'a', transferId: 'cashback:r1', amountCents: 600 },
        { campaignId: 's', transferId: 'cashback:r1:s', amountCents: 400 },
      ],
    });
  });

  it('never pays more than the purchase, a budget, a cap, or what each option desires (property)', () => {
    const option = fc.record({
      desiredCents: fc.integer({ min: 1, max: 5_000 }),
      budgetCents: fc.integer({ min: 0, max: 5_000 }),
      usedCents: fc.integer({ min: 0, max: 5_000 }),
      cap: fc.option(fc.record({ basis: fc.constantFrom('CASHBACK' as const, 'PURCHASE' as const), amountCents: fc.integer({ min: 1, max: 5_000 }), rateBps: fc.integer({ min: 1, max: 10_000 }) }), { nil: undefined }),
      firstPurchaseOnly: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(fc.array(option, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 20_000 }), fc.boolean(), (slots, totalCents, customer) => {
        const facts = new Map<string, (typeof slots)[number][number]>();
        const credits: CashbackOption[][] = slots.map((slot, s) =>
          slot.map((o, i) => {
            const campaignId = `c${s}-${i}`;
            facts.set(campaignId, o);
            return {
              campaignId,
              desiredCents: o.desiredCents,
              ...(o.firstPurchaseOnly ? { firstPurchaseOnly: true } : {}),
              ...(o.cap ? { cap: { ...o.cap, windowKey: 'w', holderId: 'h' } } : {}),
            };
          }),
        );
        const out = allocateCredits(
          { receiptId: 'r', totalCents, credits },
          { budgetLeftCents: new Map([...facts].map(([id, o]) => [id, o.budgetCents])), capUsedCents: (o) => facts.get(o.campaignId)!.usedCents, alreadyCustomer: customer },
        );
        if (!out.ok) return;
        expect(out.paid.reduce((sum, p) => sum + p.amountCents, 0)).toBeLessThanOrEqual(totalCents);
        expect(out.paid.length).toBeLessThanOrEqual(slots.length);
        for (const p of out.paid) {
          const o = facts.get(p.campaignId)!;
          expect(p.amountCents).toBeGreaterThan(0);
          expect(p.amountCents).toBeLessThanOrEqual(Math.min(o.desiredCents, o.budgetCents));
          if (customer) expect(o.firstPurchaseOnly).toBe(false);
          if (o.cap?.basis === 'CASHBACK') expect(p.amountCents).toBeLessThanOrEqual(o.cap.amountCents - o.usedCents);
          if (o.cap?.basis === 'PURCHASE') expect(p.cap!.usedCents).toBeLessThanOrEqual(Math.max(0, o.cap.amountCents - o.usedCents));
        }
      }),
      { numRuns: 500, seed: 20261203 },
    );
  });
});
