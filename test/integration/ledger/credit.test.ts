import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../shared/app/context';
import { activateCampaign, campaignStats } from '../../../shared/app/admin';
import { creditReceipt } from '../../../shared/app/pipeline';
import { reconcileLedger } from '../../../shared/app/reconcile';
import type { CampaignInput } from '../../../shared/domain/campaign';
import { startTestTable } from '../../support/dynamo';
import { activeCampaign as activeCampaignIn, decidedReceipt as decidedReceiptIn, ledgerContext } from '../../support/ledger-fixture';

let db: Awaited<ReturnType<typeof startTestTable>>;
let ctx: AppContext;

beforeAll(async () => {
  db = await startTestTable();
  ctx = ledgerContext(db);
});

afterAll(async () => {
  await db?.stop();
});

const activeCampaign = (over: Partial<CampaignInput> = {}) => activeCampaignIn(ctx, over);
const decidedReceipt = (campaignId: string, residentId: string, totalCents: number, purchaseDate = '2026-06-15') =>
  decidedReceiptIn(ctx, campaignId, residentId, { totalCents, purchaseDate });

describe('credit stage against DynamoDB Local', () => {
  it('activation funds the budget once', async () => {
    const campaignId = await activeCampaign({ budgetCents: 5_000 });
    await activateCampaign(ctx, campaignId);
    const stats = await campaignStats(ctx, campaignId);
    expect(stats).toMatchObject({ budgetCents: 5_000, remainingCents: 5_000, creditedCents: 0 });
  });

  it('never overspends under hundreds of concurrent credits and duplicate deliveries', async () => {
    // 20,050 cents of budget; 300 receipts of 100 cents each from 40 residents, every message
    // delivered twice, 16 workers at once.
    const campaignId = await activeCampaign({ budgetCents: 20_050 });
    const receipts = await Promise.all(Array.from({ length: 300 }, (_, i) => decidedReceipt(campaignId, `resident-${i % 40}`, 1_000)));
    const deliveries = [...receipts, ...receipts].sort(() => Math.random() - 0.5);
    const outcomes: string[] = [];
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let id = deliveries.pop(); id; id = deliveries.pop()) outcomes.push(await creditReceipt(ctx, id));
      }),
    );
    expect(outcomes.filter((o) => o === 'CREDITED')).toHaveLength(201);

    const stats = await campaignStats(ctx, campaignId);
    expect(stats.remainingCents).toBe(0);
    expect(stats.creditedCents).toBe(20_050);
    expect(stats.receipts).toEqual({ credited: 201, rejected: 99, inReview: 0 });

    const views = await Promise.all(receipts.map((id) => ctx.receipts.get(id)));
    const credited = views.filter((r) => r?.status === 'CREDITED');
    expect(credited.map((r) => r!.cashbackCents).sort((a, b) => a! - b!)).toEqual([50, ...Array(200).fill(100)]);
    expect(views.filter((r) => r?.status === 'REJECTED').every((r) => r!.rejection?.code === 'BUDGET_EXHAUSTED')).toBe(true);

    const report = await reconcileLedger(ctx);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('holds a per-resident monthly cap exactly', async () => {
    const campaignId = await activeCampaign({ budgetCents: 100_000, perResidentCap: { amountCents: 250, period: 'MONTH' } });
    const june = await Promise.all(Array.from({ length: 5 }, () => decidedReceipt(campaignId, 'capped', 1_000, '2026-06-10')));
    const july = await decidedReceipt(campaignId, 'capped', 1_000, '2026-07-02');
    await Promise.all([...june, july].map((id) => creditReceipt(ctx, id)));
    const views = await Promise.all(june.map((id) => ctx.receipts.get(id)));
    const paid = views.reduce((s, r) => s + (r?.cashbackCents ?? 0), 0);
    expect(paid).toBe(250);
    expect(views.filter((r) => r?.rejection?.code === 'CAP_REACHED').length).toBeGreaterThanOrEqual(2);
    expect((await ctx.receipts.get(july))?.cashbackCents).toBe(100);
    expect((await reconcileLedger(ctx)).ok).toBe(true);
  });

  it('reconcile finds a tampered balance', async () => {
    const campaignId = await activeCampaign({ budgetCents: 500 });
    const id = await decidedReceipt(campaignId, 'tamper', 1_000);
    await creditReceipt(ctx, id);
    const { UpdateCommand } = await import('../../../shared/adapters/dynamodb/client/commands');
    await db.doc.send(
      new UpdateCommand({ TableName: db.table, Key: { pk: 'ACCOUNT#wallet:tamper', sk: 'ACCOUNT' }, UpdateExpression: 'ADD balanceCents :x', ExpressionAttributeValues: { ':x': 1 } }),
    );
    const report = await reconcileLedger(ctx);
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toContain('wallet:tamper');
  });
});

describe('several credits per receipt', () => {
  it('pays each new customer one welcome bonus, never past the shop’s budget, under concurrent duplicate deliveries', async () => {
    const { createMerchant } = await import('../../../shared/app/merchants');
    const { createCampaign } = await import('../../../shared/app/admin');
    const { depositMerchantFunds } = await import('../../../shared/app/ledger');
    const shop = (await createMerchant(ctx, { name: 'Cave du Pont', siret: '90412387400029', address: { street: '1 quai', postcode: '37410', city: 'Montclair' }, tags: [], aliases: [] })).merchantId;
    const general = await activeCampaign({ budgetCents: 100_000 });
    await depositMerchantFunds(ctx, { sub: 'agent', isAdmin: true }, shop, { amountCents: 3_000, reference: 'dep-1' });
    const welcome = (await createCampaign(ctx, { kind: 'WELCOME_BONUS', name: 'Bienvenue', budgetCents: 3_000, startsOn: '2026-01-01', endsOn: '2026-12-31', merchantId: shop, bonusCents: 500 })).campaignId;
    await activateCampaign(ctx, welcome);

    // 10 residents x 3 receipts of 20 EUR at the shop; each decision asks for 2 EUR + the 5 EUR bonus.
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const receiptId = await decidedReceiptIn(ctx, general, `newcomer-${i % 10}`, { totalCents: 2_000, merchantId: shop });
      const r = (await ctx.receipts.get(receiptId))!;
      // Rewrite the decision as the match stage now stores it: a slot per credit.
      await db.doc.send(
        new (await import('../../../shared/adapters/dynamodb/client/commands')).UpdateCommand({
          TableName: db.table,
          Key: { pk: `RECEIPT#${receiptId}`, sk: 'RECEIPT' },
          UpdateExpression: 'SET decision.credits = :c',
          ExpressionAttributeValues: {
            ':c': [
              [{ campaignId: general, campaignName: 'Test', kind: 'CASHBACK', cashbackCents: 200 }],
              [{ campaignId: welcome, campaignName: 'Bienvenue', kind: 'WELCOME_BONUS', cashbackCents: 500, firstPurchaseOnly: true }],
            ],
          },
        }),
      );
      expect(r.status).toBe('PROCESSING');
      ids.push(receiptId);
    }
    const deliveries = [...ids, ...ids].sort(() => Math.random() - 0.5);
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let id = deliveries.pop(); id; id = deliveries.pop()) await creditReceipt(ctx, id);
      }),
    );
    const receipts = await Promise.all(ids.map((id) => ctx.receipts.get(id)));
    expect(receipts.every((r) => r?.status === 'CREDITED')).toBe(true);
    const bonusesByResident = new Map<string, number>();
    for (const r of receipts) {
      const bonus = r!.credits!.filter((c) => c.campaignId === welcome);
      expect(r!.cashbackCents).toBe(200 + bonus.reduce((s, c) => s + c.amountCents, 0));
      if (bonus.length > 0) bonusesByResident.set(r!.residentId, (bonusesByResident.get(r!.residentId) ?? 0) + 1);
    }
    // 30 EUR of bonus budget: six newcomers welcomed, once each.
    expect([...bonusesByResident.values()]).toEqual([1, 1, 1, 1, 1, 1]);
    expect((await campaignStats(ctx, welcome)).remainingCents).toBe(0);
    // (An earlier test tampers with one balance on purpose: only this test's accounts and receipts matter here.)
    const mine = [general, welcome, shop, ...ids, ...[...Array(10).keys()].map((i) => `newcomer-${i}`)];
    const report = await reconcileLedger(ctx);
    expect(report.problems.filter((p) => mine.some((id) => p.includes(id)))).toEqual([]);
  });
});
