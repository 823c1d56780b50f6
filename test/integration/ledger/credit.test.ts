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
    const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    await db.doc.send(
      new UpdateCommand({ TableName: db.table, Key: { pk: 'ACCOUNT#wallet:tamper', sk: 'ACCOUNT' }, UpdateExpression: 'ADD balanceCents :x', ExpressionAttributeValues: { ':x': 1 } }),
    );
    const report = await reconcileLedger(ctx);
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toContain('wallet:tamper');
  });
});
