import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CampaignInput, chooseCampaign, describeCampaign, evaluateCampaign, fundedBy, isStackable, type Campaign } from '../../../shared/domain/campaign';
import { allocateCredits, type CashbackOption, type LedgerState } from '../../../shared/domain/credit';
import { loyaltyNote, loyaltyWindowKey, reachedBonus, type LoyaltyMark, type Tally } from '../../../shared/domain/loyalty';
import type { Merchant } from '../../../shared/domain/merchant';
import { REJECTION_MESSAGES } from '../../../shared/domain/rejections';

const shop: Merchant = {
  merchantId: 'm-1',
  name: 'Boulangerie du Pont',
  siret: '73282932000074',
  siren: '732829320',
  address: { street: '1 quai du Pont', postcode: '37410', city: 'Montclair' },
  tags: [],
  aliases: [],
  status: 'ACTIVE',
  createdAt: '2026-01-01T00:00:00.000Z',
};
const base = { budgetCents: 100_000, startsOn: '2026-01-01', endsOn: '2026-12-31', merchants: { all: true } as const, status: 'ACTIVE' as const, createdAt: '2026-01-01T00:00:00.000Z' };
const general: Campaign = { ...base, campaignId: 'general', name: 'Commerces', rateBps: 1_000 };
const loyal: Campaign = { ...base, campaignId: 'loyal', name: 'Carte du Pont', kind: 'LOYALTY', merchantId: 'm-1', bonusCents: 500, everyNth: 5, period: 'QUARTER', budgetCents: 5_000 };
const facts = { merchant: shop, purchaseDate: '2026-05-15', totalCents: 2_000, today: '2026-05-16' };
const tallies = (count: number, rewarded = Math.floor(count / 5)) => new Map<string, Tally>([['loyal', { count, rewarded }]]);

describe('loyalty rewards: validation', () => {
  const common = { name: 'x', budgetCents: 10_000, startsOn: '2026-01-01', endsOn: '2026-06-30' };
  const loyalty = { ...common, kind: 'LOYALTY', merchantId: 'm-1', bonusCents: 500, everyNth: 5, period: 'QUARTER' };
  it.each([
    ['a loyalty reward', loyalty, true],
    ['with a minimum purchase', { ...loyalty, minPurchaseCents: 1_000 }, true],
    ['every 2nd purchase of the month', { ...loyalty, everyNth: 2, period: 'MONTH' }, true],
    ['every purchase (N = 1)', { ...loyalty, everyNth: 1 }, false],
    ['N not a whole number', { ...loyalty, everyNth: 2.5 }, false],
    ['an unknown period', { ...loyalty, period: 'WEEK' }, false],
    ['without N', { ...loyalty, everyNth: undefined }, false],
    ['without a period', { ...loyalty, period: undefined }, false],
    ['without its shop', { ...loyalty, merchantId: undefined }, false],
    ['without its bonus', { ...loyalty, bonusCents: undefined }, false],
    ['with a rate', { ...loyalty, rateBps: 100 }, false],
    ['stackable: it is, always', { ...loyalty, stackable: true }, false],
    ['for other shops', { ...loyalty, merchants: { tags: ['x'] } }, false],
    ['a cashback with a loyalty N', { ...common, rateBps: 1_000, everyNth: 5 }, false],
    ['a welcome bonus with a period', { ...common, kind: 'WELCOME_BONUS', merchantId: 'm-1', bonusCents: 500, period: 'MONTH' }, false],
  ])('%s', (_name, body, ok) => {
    expect(CampaignInput.safeParse(body).success).toBe(ok);
  });

  it('names every missing field at once', () => {
    const r = CampaignInput.safeParse({ ...common, kind: 'LOYALTY' });
    expect(r.error!.issues.map((i) => i.path[0])).toEqual(expect.arrayContaining(['merchantId', 'bonusCents', 'everyNth', 'period']));
  });

  it('is paid by its shop, on top of the city’s operations, and says so', () => {
    expect(fundedBy(loyal)).toEqual({ merchantId: 'm-1' });
    expect(isStackable(loyal)).toBe(true);
    expect(describeCampaign(loyal)).toBe('Carte du Pont : bonus fidélité de 5,00 € tous les 5 achats par trimestre');
  });
});

describe('loyalty rewards: periods in the city’s calendar', () => {
  it.each([
    ['MONTH', '2026-05-31', '2026-05'],
    ['QUARTER', '2026-01-01', '2026-Q1'],
    ['QUARTER', '2026-03-31', '2026-Q1'],
    ['QUARTER', '2026-04-01', '2026-Q2'],
    ['QUARTER', '2026-09-30', '2026-Q3'],
    ['QUARTER', '2026-12-31', '2026-Q4'],
    ['YEAR', '2026-12-31', '2026'],
    ['CAMPAIGN', '2026-07-14', 'ALL'],
  ] as const)('%s of %s is %s', (period, date, key) => {
    expect(loyaltyWindowKey(period, date)).toBe(key);
  });
});

describe('loyalty rewards: the rule at match time', () => {
  it.each([
    ['the 3rd purchase of the quarter', 2, 0, [['general:200'], ['loyal:0']], 'Fidélité : 3e achat sur 5 ce trimestre'],
    ['the 5th purchase: its bonus on top', 4, 0, [['general:200'], ['loyal:500']], '5e achat : bonus fidélité de 5,00 €'],
    ['the 10th purchase: the second bonus', 9, 1, [['general:200'], ['loyal:500']], '10e achat : bonus fidélité de 5,00 €'],
    ['the 6th purchase: a new card', 5, 1, [['general:200'], ['loyal:0']], 'Fidélité : 1er achat sur 5 ce trimestre'],
  ] as const)('%s', (_name, count, rewarded, credits, note) => {
    const v = chooseCampaign([general, loyal], { ...facts, loyaltyTallies: new Map([['loyal', { count, rewarded }]]) });
    expect(v.ok && v.credits.map((slot) => slot.map((a) => `${a.campaign.campaignId}:${a.cashbackCents}`))).toEqual(credits);
    expect(v.trace.find((t) => t.rule === 'loyalty')?.detail).toContain(note);
  });

  it('counts a purchase the city already pays in full (its bonus cut to nothing)', () => {
    const whole: Campaign = { ...general, rateBps: 10_000 };
    const v = chooseCampaign([whole, loyal], { ...facts, loyaltyTallies: tallies(4, 0) });
    expect(v.ok && v.credits.map((slot) => slot.map((a) => a.cashbackCents))).toEqual([[2_000], [0]]);
  });

  it('alone and not due, refuses LOYALTY_NOT_DUE; alone and due, pays the bonus', () => {
    expect(chooseCampaign([loyal], { ...facts, loyaltyTallies: tallies(1) })).toMatchObject({ ok: false, code: 'LOYALTY_NOT_DUE' });
    expect(chooseCampaign([loyal], { ...facts, loyaltyTallies: tallies(4, 0) })).toMatchObject({ ok: true, cashbackCents: 500 });
    expect(REJECTION_MESSAGES.LOYALTY_NOT_DUE).toMatch(/fidélité/);
  });

  it('prefers the city campaign’s own reason when it refuses the purchase', () => {
    const min: Campaign = { ...general, minPurchaseCents: 5_000 };
    expect(chooseCampaign([min, loyal], { ...facts, loyaltyTallies: tallies(1) })).toMatchObject({ ok: false, code: 'BELOW_MINIMUM' });
  });

  it.each([
    ['another shop', { merchant: { ...shop, merchantId: 'm-2' } }, 'MERCHANT_NOT_ELIGIBLE'],
    ['below its minimum', { totalCents: 900 }, 'BELOW_MINIMUM'],
    ['after its end', { purchaseDate: '2027-01-02', today: '2027-01-03' }, 'OUTSIDE_CAMPAIGN_PERIOD'],
  ] as const)('does not count a purchase at %s', (_name, over, code) => {
    expect(evaluateCampaign({ ...loyal, minPurchaseCents: 1_000 }, { ...facts, ...over, loyaltyTallies: tallies(4, 0) })).toMatchObject({ ok: false, code });
  });
});

const option = (over: Partial<CashbackOption> = {}): CashbackOption => ({ campaignId: 'loyal', desiredCents: 500, tally: { holderId: 'ana', windowKey: '2026-Q2', everyNth: 5 }, ...over });
const state = (budgets: Record<string, number>, tally: Tally = { count: 0, rewarded: 0 }): LedgerState => ({
  budgetLeftCents: new Map(Object.entries(budgets)),
  capUsedCents: () => 0,
  alreadyCustomer: false,
  tally: () => tally,
});
const req = (credits: CashbackOption[][], totalCents = 2_000) => ({ receiptId: 'r1', totalCents, credits });
const city = { campaignId: 'general', desiredCents: 200 };

describe('loyalty rewards: what the ledger pays (hand-computed)', () => {
  it.each([
    // [case, tally before, loyalty budget, purchase, paid (city + bonus), outcome, position, note]
    ['1st purchase', { count: 0, rewarded: 0 }, 5_000, 2_000, [200], 'COUNTED', 1, 'Fidélité : 1er achat sur 5 ce trimestre'],
    ['4th purchase', { count: 3, rewarded: 0 }, 5_000, 2_000, [200], 'COUNTED', 4, 'Fidélité : 4e achat sur 5 ce trimestre'],
    ['5th purchase', { count: 4, rewarded: 0 }, 5_000, 2_000, [200, 500], 'PAID', 5, '5e achat : bonus fidélité de 5,00 €'],
    ['5th, the shop’s money short by a cent', { count: 4, rewarded: 0 }, 499, 2_000, [200], 'UNFUNDED', 5, '5e achat : bonus fidélité de 5,00 € non versé, le commerce n’a plus de fonds pour cette opération'],
    ['5th, 6.50 EUR purchase: the bonus cut to what is left (4.50)', { count: 4, rewarded: 0 }, 5_000, 650, [200, 450], 'PAID', 5, '5e achat : bonus fidélité de 4,50 €'],
    ['15th purchase', { count: 14, rewarded: 2 }, 5_000, 2_000, [200, 500], 'PAID', 15, '15e achat : bonus fidélité de 5,00 €'],
    ['after a reversal of an ordinary purchase once rewarded', { count: 4, rewarded: 1 }, 5_000, 2_000, [200], 'COUNTED', 5, 'Fidélité : 5e achat ce trimestre, prochain bonus au 10e'],
    ['after the rewarded purchase was reversed', { count: 4, rewarded: 0 }, 5_000, 2_000, [200, 500], 'PAID', 5, '5e achat : bonus fidélité de 5,00 €'],
  ] as const)('%s', (_name, tally, budget, total, paid, outcome, position, note) => {
    const out = allocateCredits(req([[city], [option()]], total), state({ general: 9_999, loyal: budget }, tally));
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.paid.map((p) => p.amountCents)).toEqual(paid);
    if (paid.length > 1) expect(out.paid[1]!.transferId).toBe('cashback:r1:loyal');
    const mark = out.loyalty![0]!;
    expect(mark).toMatchObject({ outcome, position, windowKey: '2026-Q2', holderId: 'ana' });
    expect(loyaltyNote(mark)).toBe(note);
  });

  it('alone: counts nothing when not due (LOYALTY_NOT_DUE), pays nothing the budget cannot cover (BUDGET_EXHAUSTED)', () => {
    expect(allocateCredits(req([[option()]]), state({ loyal: 5_000 }, { count: 2, rewarded: 0 }))).toEqual({ ok: false, code: 'LOYALTY_NOT_DUE' });
    expect(allocateCredits(req([[option()]]), state({ loyal: 100 }, { count: 4, rewarded: 0 }))).toEqual({ ok: false, code: 'BUDGET_EXHAUSTED' });
    expect(allocateCredits(req([[option()]]), state({ loyal: 500 }, { count: 4, rewarded: 0 }))).toMatchObject({ ok: true, paid: [{ transferId: 'cashback:r1', amountCents: 500 }] });
  });

  it('counts nothing on a receipt the city refuses (no tally moves without a credit)', () => {
    const out = allocateCredits(req([[city], [option()]]), state({ general: 0, loyal: 5_000 }, { count: 1, rewarded: 0 }));
    expect(out).toEqual({ ok: false, code: 'BUDGET_EXHAUSTED' });
  });

  it('a stream of purchases with reversals, replayed through the rule (hand-computed: N = 3, bonus 2 EUR)', () => {
    // p1..p7: bonuses on p3 and p6. p2 reversed: count 6, rewarded 2 (p6's bonus stays). p8, p9: positions 7, 8; p10: the 9th, a bonus.
    // p6 reversed (it had a bonus): count 8, rewarded 2; p11 is the 9th again and earns the 3rd bonus.
    let tally: Tally = { count: 0, rewarded: 0 };
    const marks = new Map<string, LoyaltyMark>();
    const buy = (id: string) => {
      const out = allocateCredits({ receiptId: id, totalCents: 2_000, credits: [[city], [option({ desiredCents: 200, tally: { holderId: 'ana', windowKey: 'ALL', everyNth: 3 } })]] }, state({ general: 99_999, loyal: 99_999 }, tally));
      if (!out.ok) throw new Error(out.code);
      const m = out.loyalty![0]!;
      tally = { count: m.position, rewarded: tally.rewarded + (reachedBonus(m) ? 1 : 0) };
      marks.set(id, m);
      return out.paid.reduce((s, p) => s + p.amountCents, 0);
    };
    const reverse = (id: string) => {
      const m = marks.get(id)!;
      tally = { count: tally.count - 1, rewarded: tally.rewarded - (reachedBonus(m) ? 1 : 0) };
    };
    const paid = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'].map(buy);
    expect(paid).toEqual([200, 200, 400, 200, 200, 400, 200]);
    reverse('p2');
    expect(tally).toEqual({ count: 6, rewarded: 2 });
    expect(['p8', 'p9', 'p10'].map(buy)).toEqual([200, 200, 400]);
    // p7 was the 1st purchase of the third card; with p2 undone, p8 takes the 7th place and opens it again.
    expect(loyaltyNote(marks.get('p8')!)).toBe('Fidélité : 1er achat sur 3 pendant l’opération');
    reverse('p6');
    expect(tally).toEqual({ count: 8, rewarded: 2 });
    expect(buy('p11')).toBe(400);
    expect(marks.get('p11')).toMatchObject({ position: 9, outcome: 'PAID' });
  });

  it('pays exactly floor(n / N) bonuses, on positions N, 2N, ..., and never beyond its budget (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 7 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 900 }), fc.integer({ min: 0, max: 5_000 }), (n, purchases, bonus, budget) => {
        let tally: Tally = { count: 0, rewarded: 0 };
        let left = budget;
        const positions: number[] = [];
        let due = 0;
        for (let i = 0; i < purchases; i++) {
          const out = allocateCredits(req([[city], [option({ desiredCents: bonus, tally: { holderId: 'ana', windowKey: 'ALL', everyNth: n } })]]), state({ general: 99_999, loyal: left }, tally));
          if (!out.ok) throw new Error(out.code);
          const m = out.loyalty![0]!;
          positions.push(m.position);
          if (reachedBonus(m)) due++;
          left -= out.paid.filter((p) => p.campaignId === 'loyal').reduce((s, p) => s + p.amountCents, 0);
          expect(left).toBeGreaterThanOrEqual(0);
          expect(reachedBonus(m)).toBe(m.position % n === 0);
          tally = { count: m.position, rewarded: tally.rewarded + (reachedBonus(m) ? 1 : 0) };
        }
        expect(positions).toEqual(Array.from({ length: purchases }, (_, i) => i + 1));
        expect(due).toBe(Math.floor(purchases / n));
        expect(budget - left).toBe(Math.min(due, Math.floor(budget / bonus)) * bonus);
      }),
      { numRuns: 500 },
    );
  });
});
