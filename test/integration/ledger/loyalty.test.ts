import { randomUUID } from 'node:crypto';
import { TransactWriteCommand, UpdateCommand, type TableClient } from '../../../shared/adapters/dynamodb/client/commands';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activateCampaign, campaignStats, createCampaign } from '../../../shared/app/admin';
import type { AppContext } from '../../../shared/app/context';
import { depositMerchantFunds } from '../../../shared/app/ledger';
import { createMerchant } from '../../../shared/app/merchants';
import { creditReceipt } from '../../../shared/app/pipeline';
import { reconcileLedger } from '../../../shared/app/reconcile';
import type { PlannedCredit } from '../../../shared/domain/receipt';
import { memoryAppContext } from '../../../shared/wiring/memory-context';
import { startTestTable } from '../../support/dynamo';
import { activeCampaign, decidedReceipt, ledgerContext } from '../../support/ledger-fixture';

/**
 * Many receipts of one resident at one shop credited at once, on several workers, some delivered
 * twice (SQS redelivers): the loyalty tally gives each credited purchase its own position, none
 * skipped or taken twice, exactly floor(n / N) purchases reach a bonus, on positions N, 2N, ...,
 * the shop's deposit pays the first of them it can cover and never more, and the ledger reconciles.
 * Against DynamoDB Local (the tally's condition is the only thing between two racing receipts) and
 * the in-memory ledger.
 */
let db: Awaited<ReturnType<typeof startTestTable>>;
const contexts: Array<[string, () => AppContext, number]> = [];
const staff = { sub: 'staff', isAdmin: true };
const shops = new Map<AppContext, string>();

beforeAll(async () => {
  db = await startTestTable();
  const dynamo = ledgerContext(db);
  const memory = memoryAppContext();
  contexts.push(['DynamoDB Local', () => dynamo, Number(process.env.LOYALTY_PROPERTY_RUNS ?? 10)], ['in memory', () => memory, 100]);
  for (const ctx of [dynamo, memory]) {
    const { merchantId } = await createMerchant(ctx, { name: 'Boulangerie du Pont', siret: '73282932000074', address: { street: '1 quai du Pont', postcode: '37410', city: 'Montclair-sur-Loire' }, tags: [], aliases: [] });
    shops.set(ctx, merchantId);
  }
});

afterAll(async () => {
  await db?.stop();
});

/** A receipt as the match stage leaves it, with the city's cashback and the loyalty reward stacked. */
async function loyaltyReceipt(ctx: AppContext, city: string, loyalty: PlannedCredit, residentId: string, merchantId: string) {
  const base = await decidedReceipt(ctx, city, residentId, { totalCents: 2_000, merchantId, cashbackCents: 100 });
  const r = (await ctx.receipts.get(base))!;
  const id = randomUUID();
  await ctx.receipts.create({ ...r, receiptId: id, objectKey: `receipts/${id}`, decision: undefined } as never);
  await ctx.receipts.saveDecision(id, { ...r.decision!, credits: [[{ campaignId: city, campaignName: 'Ville', kind: 'CASHBACK', cashbackCents: 100 }], [loyalty]] }, new Date());
  return id;
}

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

const scenario = fc.record({
  everyNth: fc.integer({ min: 2, max: 5 }),
  purchases: fc.integer({ min: 1, max: 14 }),
  bonus: fc.integer({ min: 50, max: 500 }),
  deposit: fc.integer({ min: 1, max: 1_500 }),
  deliveries: fc.array(fc.integer({ min: 1, max: 2 }), { minLength: 14, maxLength: 14 }),
  workers: fc.integer({ min: 1, max: 6 }),
  seed: fc.integer(),
});

describe('loyalty rewards under concurrent receipts of one resident (fast-check)', () => {
  it.each(['DynamoDB Local', 'in memory'])('gives every purchase one position and pays exactly the bonuses due, within the deposit (%s)', async (adapter) => {
    const [, context, numRuns] = contexts.find(([name]) => name === adapter)!;
    const ctx = context();
    const merchantId = shops.get(ctx)!;
    const city = await activeCampaign(ctx, { budgetCents: 10_000_000 });
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const resident = `ana-${randomUUID().slice(0, 8)}`;
        await depositMerchantFunds(ctx, staff, merchantId, { amountCents: s.deposit, reference: resident });
        const { campaignId } = await createCampaign(ctx, { kind: 'LOYALTY', name: 'Carte du Pont', budgetCents: s.deposit, startsOn: '2026-01-01', endsOn: '2026-12-31', merchantId, bonusCents: s.bonus, everyNth: s.everyNth, period: 'QUARTER' });
        await activateCampaign(ctx, campaignId);
        const planned: PlannedCredit = { campaignId, campaignName: 'Carte du Pont', kind: 'LOYALTY', cashbackCents: s.bonus, tally: { holderId: resident, windowKey: '2026-Q2', everyNth: s.everyNth } };
        const ids = await Promise.all(Array.from({ length: s.purchases }, () => loyaltyReceipt(ctx, city, planned, resident, merchantId)));
        const queue = shuffle(ids.flatMap((id, i) => Array<string>(s.deliveries[i]!).fill(id)), s.seed);
        const worker = async () => {
          for (let id = queue.shift(); id; id = queue.shift()) {
            try {
              await creditReceipt(ctx, id);
            } catch (err) {
              // Contention beyond the ledger's retries: the queue delivers the message again.
              if (!(err instanceof Error) || !/contention/.test(err.message)) throw err;
              queue.push(id);
            }
          }
        };
        await Promise.all(Array.from({ length: s.workers }, worker));

        const receipts = await Promise.all(ids.map((id) => ctx.receipts.get(id)));
        expect(receipts.map((r) => r?.status)).toEqual(Array(s.purchases).fill('CREDITED'));
        const marks = receipts.map((r) => r!.loyalty![0]!).sort((a, b) => a.position - b.position);
        // Never duplicated, never skipped.
        expect(marks.map((m) => m.position)).toEqual(Array.from({ length: s.purchases }, (_, i) => i + 1));
        // Exactly floor(n / N) bonuses, on the Nth, 2Nth... purchases.
        const milestones = marks.filter((m) => m.outcome !== 'COUNTED');
        expect(milestones.map((m) => m.position)).toEqual(Array.from({ length: Math.floor(s.purchases / s.everyNth) }, (_, i) => (i + 1) * s.everyNth));
        // The deposit pays the first bonuses it covers, whole, and never more.
        const payable = Math.min(milestones.length, Math.floor(s.deposit / s.bonus));
        expect(milestones.map((m) => m.outcome)).toEqual([...Array(payable).fill('PAID'), ...Array(milestones.length - payable).fill('UNFUNDED')]);
        const bonusPaid = receipts.flatMap((r) => r!.credits!.filter((c) => c.campaignId === campaignId)).reduce((sum, c) => sum + c.amountCents, 0);
        expect(bonusPaid).toBe(payable * s.bonus);
        const stats = await campaignStats(ctx, campaignId);
        expect(stats.remainingCents).toBe(s.deposit - bonusPaid);
        expect(stats.remainingCents).toBeGreaterThanOrEqual(0);
        expect(await ctx.ledger.tally(campaignId, resident, '2026-Q2')).toEqual({ count: s.purchases, rewarded: milestones.length });
        expect((await reconcileLedger(ctx)).problems).toEqual([]);
      }),
      { numRuns, interruptAfterTimeLimit: 120_000 },
    );
  });
});

describe('the tally’s own guard (DynamoDB Local)', () => {
  it('takes the next position when another credit moved the tally between its read and its write', async () => {
    // Another credit of the resident commits its position just before this one writes: the
    // tally's condition fails, the credit reads again and takes the next position (and its bonus).
    let moved = false;
    const doc = new Proxy(db.doc, {
      get(target, prop, receiver) {
        if (prop !== 'send') return Reflect.get(target, prop, receiver);
        return async (command: Parameters<TableClient['send']>[0]) => {
          if (!moved && command instanceof TransactWriteCommand) {
            const tally = command.input.TransactItems?.find((i) => String(i.Update?.Key?.pk ?? '').startsWith('TALLY#'));
            if (tally) {
              moved = true;
              await target.send(
                new UpdateCommand({
                  TableName: db.table,
                  Key: tally.Update!.Key,
                  UpdateExpression: 'SET #type = :type ADD #count :one, rewarded :zero',
                  ExpressionAttributeNames: { '#type': 'type', '#count': 'count' },
                  ExpressionAttributeValues: { ':type': 'tally', ':one': 1, ':zero': 0 },
                }),
              );
            }
          }
          return target.send(command as never);
        };
      },
    });
    const ctx = ledgerContext(db, doc);
    const { merchantId } = await createMerchant(ctx, { name: 'Épicerie des Quais', siret: '52876341000040', address: { street: '2 quai du Pont', postcode: '37410', city: 'Montclair-sur-Loire' }, tags: [], aliases: [] });
    const city = await activeCampaign(ctx, { budgetCents: 10_000 });
    await depositMerchantFunds(ctx, staff, merchantId, { amountCents: 1_000, reference: 'guard' });
    const { campaignId } = await createCampaign(ctx, { kind: 'LOYALTY', name: 'Carte des Quais', budgetCents: 1_000, startsOn: '2026-01-01', endsOn: '2026-12-31', merchantId, bonusCents: 250, everyNth: 2, period: 'MONTH' });
    await activateCampaign(ctx, campaignId);
    const resident = `bea-${randomUUID().slice(0, 8)}`;
    const planned: PlannedCredit = { campaignId, campaignName: 'Carte des Quais', kind: 'LOYALTY', cashbackCents: 250, tally: { holderId: resident, windowKey: '2026-06', everyNth: 2 } };
    const id = await loyaltyReceipt(ctx, city, planned, resident, merchantId);
    expect(await creditReceipt(ctx, id)).toBe('CREDITED');
    expect(moved).toBe(true);
    expect((await ctx.receipts.get(id))?.loyalty).toEqual([expect.objectContaining({ position: 2, outcome: 'PAID', bonusCents: 250 })]);
    expect(await ctx.ledger.tally(campaignId, resident, '2026-06')).toEqual({ count: 2, rewarded: 1 });
  });
});
