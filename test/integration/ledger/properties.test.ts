import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { campaignStats } from '../../../shared/app/admin';
import type { AppContext } from '../../../shared/app/context';
import { closeCampaign, reverseReceipt, topUpCampaign } from '../../../shared/app/ledger';
import { creditReceipt } from '../../../shared/app/pipeline';
import { reconcileLedger } from '../../../shared/app/reconcile';
import { DomainError } from '../../../shared/domain/errors';
import { startTestTable } from '../../support/dynamo';
import { activeCampaign, decidedReceipt, ledgerContext } from '../../support/ledger-fixture';

/**
 * Random interleavings of credits (each delivered one to three times, as SQS redelivers after a
 * crash between commit and acknowledgement), reversals, top-ups (some replayed) and a close,
 * spread over several concurrent workers. After each run the invariants of docs/contracts.md (section 3) hold.
 */
let db: Awaited<ReturnType<typeof startTestTable>>;
let ctx: AppContext;
const staff = { sub: 'staff', isAdmin: true };

beforeAll(async () => {
  db = await startTestTable();
  ctx = ledgerContext(db);
});

afterAll(async () => {
  await db?.stop();
});

type Op =
  | { kind: 'credit'; receipt: number }
  | { kind: 'reverse'; receipt: number }
  | { kind: 'topUp'; amount: number; ref: number }
  | { kind: 'close' };

const scenario = fc
  .record({
    budget: fc.integer({ min: 1, max: 3_000 }),
    cap: fc.option(fc.record({ amount: fc.integer({ min: 1, max: 800 }), period: fc.constantFrom('DAY' as const, 'MONTH' as const, 'CAMPAIGN' as const) }), { nil: undefined }),
    receipts: fc.array(
      fc.record({ resident: fc.integer({ min: 0, max: 4 }), cashback: fc.integer({ min: 1, max: 600 }), day: fc.integer({ min: 1, max: 3 }), deliveries: fc.integer({ min: 1, max: 3 }) }),
      { minLength: 1, maxLength: 25 },
    ),
    reversals: fc.array(fc.nat(), { maxLength: 5 }),
    topUps: fc.array(fc.record({ amount: fc.integer({ min: 1, max: 1_000 }), ref: fc.integer({ min: 0, max: 2 }) }), { maxLength: 3 }),
    close: fc.boolean(),
    workers: fc.integer({ min: 1, max: 6 }),
    seed: fc.integer(),
  })
  .map((s) => {
    const ops: Op[] = [];
    s.receipts.forEach((r, i) => {
      for (let d = 0; d < r.deliveries; d++) ops.push({ kind: 'credit', receipt: i });
    });
    for (const r of s.reversals) ops.push({ kind: 'reverse', receipt: r % s.receipts.length });
    for (const t of s.topUps) ops.push({ kind: 'topUp', amount: t.amount, ref: t.ref });
    if (s.close) ops.push({ kind: 'close' });
    return { ...s, ops };
  });

function shuffle<T>(xs: T[], seed: number): T[] {
  const a = [...xs];
  let x = seed >>> 0 || 1;
  for (let i = a.length - 1; i > 0; i--) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const j = (x >>> 0) % (i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

describe('ledger invariants under random interleavings (fast-check, DynamoDB Local)', () => {
  it('never overspends, credits each receipt at most once, holds caps, and reconciles', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const campaignId = await activeCampaign(ctx, {
          budgetCents: s.budget,
          ...(s.cap ? { perResidentCap: { amountCents: s.cap.amount, period: s.cap.period } } : {}),
        });
        const ids = await Promise.all(
          s.receipts.map((r) => decidedReceipt(ctx, campaignId, `resident-${r.resident}`, { cashbackCents: r.cashback, totalCents: r.cashback * 10, purchaseDate: `2026-06-0${r.day}` })),
        );
        const queue = shuffle(s.ops, s.seed);
        const toppedUp = new Map<number, number>();
        const worker = async () => {
          for (let op = queue.shift(); op; op = queue.shift()) {
            try {
              if (op.kind === 'credit') await creditReceipt(ctx, ids[op.receipt]!);
              else if (op.kind === 'reverse') await reverseReceipt(ctx, staff, ids[op.receipt]!, { reason: 'property test' });
              else if (op.kind === 'topUp') {
                const r = await topUpCampaign(ctx, staff, campaignId, { amountCents: op.amount, reference: `ref-${op.ref}` });
                if (r.outcome === 'TOPPED_UP') toppedUp.set(op.ref, op.amount);
              } else await closeCampaign(ctx, staff, campaignId);
            } catch (err) {
              // Business refusals are answers, not failures: a receipt not (yet) credited, a closed campaign.
              if (!(err instanceof DomainError) || !['RECEIPT_NOT_CREDITED', 'CAMPAIGN_NOT_ACTIVE', 'CAMPAIGN_CHANGED'].includes(err.code)) throw err;
            }
          }
        };
        await Promise.all(Array.from({ length: s.workers }, worker));

        const receipts = await Promise.all(ids.map((id) => ctx.receipts.get(id)));
        const stats = await campaignStats(ctx, campaignId);
        const funded = s.budget + [...toppedUp.values()].reduce((a, b) => a + b, 0);
        const paid = receipts.filter((r) => r?.status === 'CREDITED').reduce((sum, r) => sum + r!.cashbackCents!, 0);

        // 1. Never overdrawn: what wallets hold from this campaign never exceeds dotation + top-ups.
        expect(stats.budgetCents).toBe(funded);
        expect(stats.remainingCents).toBeGreaterThanOrEqual(0);
        expect(stats.creditedCents).toBe(paid);
        expect(stats.creditedCents + stats.remainingCents + stats.returnedCents).toBe(funded);
        // 2. No receipt is left half-done, and none paid more than its rules grant.
        for (const [i, r] of receipts.entries()) {
          expect(['CREDITED', 'REJECTED']).toContain(r?.status);
          if (r?.status === 'CREDITED') expect(r.cashbackCents).toBeLessThanOrEqual(s.receipts[i]!.cashback);
        }
        // 3. Caps hold exactly per resident and window.
        if (s.cap) {
          const used = new Map<string, number>();
          receipts.forEach((r, i) => {
            if (r?.status !== 'CREDITED') return;
            const spec = s.receipts[i]!;
            const key = `${spec.resident}:${s.cap!.period === 'CAMPAIGN' ? 'all' : s.cap!.period === 'MONTH' ? 'june' : spec.day}`;
            used.set(key, (used.get(key) ?? 0) + r.cashbackCents!);
          });
          for (const v of used.values()) expect(v).toBeLessThanOrEqual(s.cap.amount);
        }
        // 4. Debits equal credits; every balance equals its transfers and its history.
        const report = await reconcileLedger(ctx);
        expect(report.problems).toEqual([]);
      }),
      { numRuns: Number(process.env.LEDGER_PROPERTY_RUNS ?? 25), interruptAfterTimeLimit: 90_000 },
    );
  });
});
