import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALL_SCOPE,
  COUNTER_NAMES,
  aggregateFigures,
  bucketId,
  campaignScope,
  compareBuckets,
  decisionChange,
  figureMovement,
  firstTwoWeeks,
  instantWeek,
  leverage,
  periodWeeks,
  recomputeBuckets,
  share,
  weekMonday,
  weekSunday,
  zeroCounters,
  type BucketKey,
  type Counters,
  type CreditedPurchases,
  type CreditedReceiptFacts,
  type StoredBucket,
} from '../../../shared/domain/figures';
import { campaignStatsOf } from '../../../shared/domain/campaign-stats';

/** Applies movements one after the other, as the ledger does, keeping markers and buckets in maps. */
class Book {
  buckets = new Map<string, { key: BucketKey; counters: Counters }>();
  atShop = new Map<string, CreditedPurchases>();
  anywhere = new Map<string, CreditedPurchases>();

  move(residentId: string, r: CreditedReceiptFacts, direction: 'CREDIT' | 'REVERSAL', uploadedAt?: string) {
    const scopes = [ALL_SCOPE, ...r.credits.map((c) => campaignScope(c.campaignId))];
    const plan = figureMovement(
      { ...r, direction, ...(uploadedAt ? { uploadedAt } : {}) },
      {
        atShop: new Map(scopes.map((s) => [s, this.atShop.get(`${s}|${residentId}|${r.merchantId}`) ?? {}])),
        anywhere: new Map(scopes.map((s) => [s, this.anywhere.get(`${s}|${residentId}`) ?? {}])),
      },
    );
    for (const { key, counters } of plan.deltas.entries()) {
      const b = this.buckets.get(bucketId(key)) ?? this.buckets.set(bucketId(key), { key, counters: zeroCounters() }).get(bucketId(key))!;
      for (const [n, v] of Object.entries(counters) as [keyof Counters, number][]) b.counters[n] += v;
    }
    for (const [s, p] of plan.atShop) this.atShop.set(`${s}|${residentId}|${r.merchantId}`, p);
    for (const [s, p] of plan.anywhere) this.anywhere.set(`${s}|${residentId}`, p);
  }

  get(scope: string, week: string, merchantId?: string): Counters {
    return this.buckets.get(bucketId({ scope, week, ...(merchantId ? { merchantId } : {}) }))?.counters ?? zeroCounters();
  }
}

const receipt = (receiptId: string, purchaseDate: string, over: Partial<CreditedReceiptFacts> = {}): CreditedReceiptFacts => ({
  receiptId,
  residentId: 'r1',
  merchantId: 'shop-a',
  purchaseDate,
  totalCents: 5_000,
  credits: [{ campaignId: 'c1', amountCents: 500 }],
  ...over,
});

describe('weeks', () => {
  it('names ISO weeks and their days', () => {
    expect(weekMonday('2026-W10')).toBe('2026-03-02');
    expect(weekSunday('2026-W10')).toBe('2026-03-08');
    expect(weekMonday('2026-W01')).toBe('2025-12-29');
    expect(weekMonday('2027-W01')).toBe('2027-01-04');
    expect(periodWeeks('2026-03-04', '2026-03-31')).toEqual({ fromWeek: '2026-W10', toWeek: '2026-W14' });
  });

  it('takes an upload in Europe/Paris: late Sunday evening UTC is already Monday in Paris', () => {
    expect(instantWeek('2026-03-01T22:30:00.000Z')).toBe('2026-W09');
    expect(instantWeek('2026-03-01T23:30:00.000Z')).toBe('2026-W10');
    // Summer time: UTC+2.
    expect(instantWeek('2026-06-28T21:59:00.000Z')).toBe('2026-W26');
    expect(instantWeek('2026-06-28T22:01:00.000Z')).toBe('2026-W27');
  });

  it('orders purchases by date, then receipt id', () => {
    expect(firstTwoWeeks({})).toEqual({});
    expect(firstTwoWeeks({ b: '2026-03-10', a: '2026-03-10', c: '2026-02-24' })).toEqual({ first: '2026-W09', second: '2026-W11' });
    expect(firstTwoWeeks({ x: '2026-03-02' })).toEqual({ first: '2026-W10' });
  });
});

describe('new and returning customers, by hand', () => {
  it('moves the first and second purchase when an earlier one arrives late and when it is reversed', () => {
    const book = new Book();
    const a = receipt('a', '2026-03-03'); // W10
    const b = receipt('b', '2026-03-11', { totalCents: 3_000, credits: [{ campaignId: 'c1', amountCents: 300 }] }); // W11
    const c = receipt('c', '2026-02-25', { totalCents: 2_000, credits: [{ campaignId: 'c1', amountCents: 200 }] }); // W09
    book.move('r1', a, 'CREDIT');
    expect(book.get(ALL_SCOPE, '2026-W10', 'shop-a')).toMatchObject({ newCustomers: 1, returningCustomers: 0, cashbackCents: 500, salesCents: 5_000, creditedReceipts: 1 });
    expect(book.get(ALL_SCOPE, '2026-W10')).toMatchObject({ residentsReached: 1, newCustomers: 1 });
    book.move('r1', b, 'CREDIT');
    expect(book.get(ALL_SCOPE, '2026-W11', 'shop-a')).toMatchObject({ newCustomers: 0, returningCustomers: 1 });
    // c was bought before a, credited after: it becomes the first, a the second, b neither.
    book.move('r1', c, 'CREDIT');
    expect(book.get(ALL_SCOPE, '2026-W09', 'shop-a')).toMatchObject({ newCustomers: 1, returningCustomers: 0 });
    expect(book.get(ALL_SCOPE, '2026-W10', 'shop-a')).toMatchObject({ newCustomers: 0, returningCustomers: 1 });
    expect(book.get(ALL_SCOPE, '2026-W11', 'shop-a')).toMatchObject({ newCustomers: 0, returningCustomers: 0, creditedReceipts: 1 });
    expect(book.get(ALL_SCOPE, '2026-W09')).toMatchObject({ residentsReached: 1 });
    expect(book.get(ALL_SCOPE, '2026-W10')).toMatchObject({ residentsReached: 0 });
    // Reversing the first purchase: a is first again, b second again; the refusal counts at upload.
    book.move('r1', c, 'REVERSAL', '2026-03-20T10:00:00.000Z');
    expect(book.get(ALL_SCOPE, '2026-W09', 'shop-a')).toMatchObject({ newCustomers: 0, cashbackCents: 0, salesCents: 0, creditedReceipts: 0 });
    expect(book.get(ALL_SCOPE, '2026-W10', 'shop-a')).toMatchObject({ newCustomers: 1, returningCustomers: 0 });
    expect(book.get(ALL_SCOPE, '2026-W11', 'shop-a')).toMatchObject({ returningCustomers: 1 });
    expect(book.get(ALL_SCOPE, '2026-W12')).toMatchObject({ refusedReceipts: 1 });
    expect(book.get(campaignScope('c1'), '2026-W12')).toMatchObject({ refusedReceipts: 1 });
  });

  it('counts a stacked receipt once in the programme and in each campaign with its own cashback', () => {
    const book = new Book();
    book.move('r1', receipt('s', '2026-03-03', { credits: [{ campaignId: 'c1', amountCents: 500 }, { campaignId: 'bonus', amountCents: 200 }] }), 'CREDIT');
    expect(book.get(ALL_SCOPE, '2026-W10')).toMatchObject({ cashbackCents: 700, salesCents: 5_000, creditedReceipts: 1 });
    expect(book.get(campaignScope('c1'), '2026-W10')).toMatchObject({ cashbackCents: 500, salesCents: 5_000, creditedReceipts: 1, newCustomers: 1 });
    expect(book.get(campaignScope('bonus'), '2026-W10')).toMatchObject({ cashbackCents: 200, salesCents: 5_000, creditedReceipts: 1, newCustomers: 1 });
  });

  it('counts decisions at upload, in the programme and the campaign named', () => {
    const d = decisionChange('2026-03-04T08:00:00.000Z', { leftReview: true, refused: true }, { review: 'c1', now: 'c2' }).entries();
    expect(d).toEqual(
      expect.arrayContaining([
        { key: { scope: ALL_SCOPE, week: '2026-W10' }, counters: { inReviewReceipts: -1, refusedReceipts: 1 } },
        { key: { scope: 'C#c1', week: '2026-W10' }, counters: { inReviewReceipts: -1 } },
        { key: { scope: 'C#c2', week: '2026-W10' }, counters: { refusedReceipts: 1 } },
      ]),
    );
    expect(d).toHaveLength(3);
  });
});

describe('a read, by hand', () => {
  const bucket = (week: string, c: Partial<Counters>, merchantId?: string): StoredBucket => ({ ...zeroCounters(), ...c, week, ...(merchantId ? { merchantId } : {}) });
  const scopeWeeks = [
    bucket('2026-W10', { cashbackCents: 1_000, salesCents: 8_000, creditedReceipts: 3, newCustomers: 2, residentsReached: 2, refusedReceipts: 1 }),
    bucket('2026-W11', { cashbackCents: 500, salesCents: 4_500, creditedReceipts: 1, newCustomers: 0, returningCustomers: 1, inReviewReceipts: 2 }),
  ];
  const shopWeeks = [
    bucket('2026-W10', { cashbackCents: 600, salesCents: 5_000, creditedReceipts: 2, newCustomers: 1 }, 'a'),
    bucket('2026-W10', { cashbackCents: 400, salesCents: 3_000, creditedReceipts: 1, newCustomers: 1 }, 'b'),
    bucket('2026-W11', { cashbackCents: 500, salesCents: 4_500, creditedReceipts: 1, returningCustomers: 1 }, 'a'),
  ];

  it('adds up the programme: leverage, shares of shops that won and kept customers, the weekly series', () => {
    const f = aggregateFigures({ scopeWeeks, shopWeeks, participating: ['a', 'b', 'c'], range: {} });
    expect(f.totals).toEqual({
      cashbackCents: 1_500,
      salesCents: 12_500,
      leverage: 8.33,
      residentsReached: 2,
      receipts: { credited: 4, refused: 1, inReview: 2 },
      newCustomers: 2,
      returningCustomers: 1,
    });
    expect(f.shareWithNewCustomers).toBe(0.6667);
    expect(f.shareWithReturningCustomers).toBe(0.3333);
    expect(f.shops.map((s) => [s.merchantId, s.newCustomers, s.returningCustomers, s.salesCents, s.leverage])).toEqual([
      ['a', 1, 1, 9_500, 8.64],
      ['b', 1, 0, 3_000, 7.5],
      ['c', 0, 0, 0, null],
    ]);
    expect(f.weekly.map((w) => [w.week, w.from, w.to, w.salesCents, w.leverage, w.shopsWithNewCustomers, w.shopsWithReturningCustomers])).toEqual([
      ['2026-W10', '2026-03-02', '2026-03-08', 8_000, 8, 2, 0],
      ['2026-W11', '2026-03-09', '2026-03-15', 4_500, 9, 0, 1],
    ]);
  });

  it('serves a period in whole weeks, and a selection of shops from their own buckets', () => {
    const w11 = aggregateFigures({ scopeWeeks, shopWeeks, participating: ['a', 'b'], range: { fromWeek: '2026-W11' } });
    expect(w11.totals.salesCents).toBe(4_500);
    expect(w11.shareWithNewCustomers).toBe(0);
    expect(w11.shareWithReturningCustomers).toBe(0.5);
    const one = aggregateFigures({ scopeWeeks, shopWeeks, participating: ['a', 'b'], selection: new Set(['b']), range: {} });
    expect(one.totals).toMatchObject({ salesCents: 3_000, cashbackCents: 400, residentsReached: 1, receipts: { credited: 1, refused: null, inReview: null } });
    expect(one.shops.map((s) => s.merchantId)).toEqual(['b']);
    const two = aggregateFigures({ scopeWeeks, shopWeeks, participating: ['a', 'b'], selection: new Set(['a', 'b']), range: {} });
    expect(two.totals.residentsReached).toBeNull();
    expect(two.totals.salesCents).toBe(12_500);
  });

  it('has no leverage or share to divide by zero', () => {
    expect(leverage(1_000, 0)).toBeNull();
    expect(share(0, 0)).toBeNull();
    expect(leverage(20_000_00, 3_500_00)).toBe(5.71);
  });
});

describe('counters kept movement by movement equal a recomputation from the receipts', () => {
  const op = fc.record({
    resident: fc.constantFrom('r1', 'r2', 'r3'),
    shop: fc.constantFrom('a', 'b'),
    day: fc.integer({ min: 0, max: 40 }),
    total: fc.integer({ min: 1, max: 20_000 }),
    stacked: fc.boolean(),
    reverseLater: fc.boolean(),
  });
  it('holds for any order of credits and reversals', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 10 }), (ops, order) => {
        const book = new Book();
        const live = new Map<string, CreditedReceiptFacts>();
        const refused: Array<{ createdAt: string; campaignIds: string[] }> = [];
        const receipts = ops.map((o, i) => {
          const d = new Date(Date.UTC(2026, 2, 1 + o.day)).toISOString().slice(0, 10);
          const credits = [{ campaignId: 'c1', amountCents: Math.floor(o.total / 10) + 1 }, ...(o.stacked ? [{ campaignId: 'c2', amountCents: 7 }] : [])];
          return { ...receipt(`rc${i}`, d, { residentId: o.resident, merchantId: o.shop, totalCents: o.total, credits }), reverseLater: o.reverseLater };
        });
        // Credits in a shuffled order (by `order`), then some reversals.
        const sequence = [...receipts].sort((x, y) => ((order[Number(x.receiptId.slice(2)) % (order.length || 1)] ?? 0) - (order[Number(y.receiptId.slice(2)) % (order.length || 1)] ?? 0)));
        for (const r of sequence) {
          book.move(r.residentId, r, 'CREDIT');
          live.set(r.receiptId, r);
        }
        for (const r of receipts.filter((x) => x.reverseLater)) {
          const uploadedAt = '2026-04-01T10:00:00.000Z';
          book.move(r.residentId, r, 'REVERSAL', uploadedAt);
          live.delete(r.receiptId);
          refused.push({ createdAt: uploadedAt, campaignIds: r.credits.map((c) => c.campaignId) });
        }
        const expected = recomputeBuckets({ credited: live.values(), refused, inReview: [] });
        expect(compareBuckets(book.buckets, expected, COUNTER_NAMES)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('finds a counter that is off', () => {
    const credited = [receipt('x', '2026-03-03')];
    const expected = recomputeBuckets({ credited, refused: [], inReview: [] });
    const stored = recomputeBuckets({ credited, refused: [], inReview: [] });
    stored.get(bucketId({ scope: ALL_SCOPE, week: '2026-W10', merchantId: 'shop-a' }))!.counters.newCustomers = 2;
    expect(compareBuckets(stored, expected)).toEqual(['figures ALL|2026-W10|shop-a: newCustomers is 2, the receipts say 1']);
  });
});

describe('a campaign\'s stats', () => {
  const bucket = (week: string, c: Partial<Counters>, merchantId?: string): StoredBucket => ({ ...zeroCounters(), ...c, week, ...(merchantId ? { merchantId } : {}) }) as StoredBucket;

  it('takes money from the budget counters and people from the weeks: a shop counts once, and only with a new customer', () => {
    const account: Record<string, number> = { fundedCents: 100_000, cashbackCents: 4_200, reversedCents: 300, returnedCents: 0, balanceCents: 96_100, salesCents: 41_000, creditedReceipts: 12 };
    const stats = campaignStatsOf((k) => account[k] ?? 0, {
      scopeWeeks: [bucket('2026-W10', { residentsReached: 3, refusedReceipts: 2, inReviewReceipts: 1 }), bucket('2026-W11', { residentsReached: 2, refusedReceipts: 1 })],
      shopWeeks: [bucket('2026-W10', { newCustomers: 2 }, 'm1'), bucket('2026-W11', { newCustomers: 1 }, 'm1'), bucket('2026-W11', { newCustomers: 0, returningCustomers: 1 }, 'm2'), bucket('2026-W11', { newCustomers: 1 }, 'm3')],
    });
    expect(stats).toEqual({
      fundedCents: 100_000,
      creditedCents: 3_900,
      reversedCents: 300,
      returnedCents: 0,
      remainingCents: 96_100,
      salesCents: 41_000,
      creditedReceipts: 12,
      residents: 5,
      merchants: 2,
      rejectedReceipts: 3,
      inReviewReceipts: 1,
    });
  });

  it('is all zeros for a campaign with no account and no weeks', () => {
    const stats = campaignStatsOf(() => 0, { scopeWeeks: [], shopWeeks: [] });
    expect(Object.values(stats).every((v) => v === 0)).toBe(true);
  });
});
