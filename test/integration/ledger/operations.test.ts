import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignStats } from '../../../shared/app/admin';
import type { AppContext } from '../../../shared/app/context';
import { campaignLedgerCsv, closeCampaign, reverseReceipt, topUpCampaign, walletTransfers } from '../../../shared/app/ledger';
import { creditReceipt } from '../../../shared/app/pipeline';
import { reconcileLedger } from '../../../shared/app/reconcile';
import { getWallet } from '../../../shared/app/resident';
import { DomainError } from '../../../shared/domain/errors';
import { startTestTable } from '../../support/dynamo';
import { activeCampaign, decidedReceipt, ledgerContext } from '../../support/ledger-fixture';

let db: Awaited<ReturnType<typeof startTestTable>>;
let ctx: AppContext;
const staff = { sub: 'staff-1', isAdmin: true };

beforeAll(async () => {
  db = await startTestTable();
  ctx = ledgerContext(db);
});

afterAll(async () => {
  await db?.stop();
});

async function expectReconciled() {
  const report = await reconcileLedger(ctx);
  expect(report.problems).toEqual([]);
}

describe('campaign money', () => {
  it('tops a budget up once per reference, and lets more receipts be paid', async () => {
    const campaignId = await activeCampaign(ctx, { budgetCents: 150 });
    const first = await decidedReceipt(ctx, campaignId, 'ana', { cashbackCents: 100 });
    const second = await decidedReceipt(ctx, campaignId, 'ana', { cashbackCents: 100 });
    await creditReceipt(ctx, first);
    expect((await topUpCampaign(ctx, staff, campaignId, { amountCents: 50, reference: 'deliberation-2026-114' })).outcome).toBe('TOPPED_UP');
    expect((await topUpCampaign(ctx, staff, campaignId, { amountCents: 50, reference: 'deliberation-2026-114' })).outcome).toBe('ALREADY_DONE');
    await creditReceipt(ctx, second);
    expect((await ctx.receipts.get(second))?.cashbackCents).toBe(100);
    expect(await campaignStats(ctx, campaignId)).toMatchObject({ budgetCents: 200, creditedCents: 200, remainingCents: 0 });
    await expectReconciled();
  });

  it('closes a campaign: the remainder goes back to the city and nothing more is paid', async () => {
    const campaignId = await activeCampaign(ctx, { budgetCents: 1_000 });
    const paid = await decidedReceipt(ctx, campaignId, 'ben', { cashbackCents: 300 });
    const late = await decidedReceipt(ctx, campaignId, 'ben', { cashbackCents: 300 });
    await creditReceipt(ctx, paid);
    const city = (await ctx.ledger.getAccount('city:funding'))!.balanceCents;
    const closed = await closeCampaign(ctx, staff, campaignId);
    expect(closed).toMatchObject({ status: 'CLOSED', returnedCents: 700, alreadyClosed: false });
    expect((await ctx.ledger.getAccount('city:funding'))!.balanceCents).toBe(city + 700);
    expect((await closeCampaign(ctx, staff, campaignId)).alreadyClosed).toBe(true);
    await creditReceipt(ctx, late);
    expect((await ctx.receipts.get(late))?.rejection?.code).toBe('NO_ACTIVE_CAMPAIGN');
    await expect(topUpCampaign(ctx, staff, campaignId, { amountCents: 10 })).rejects.toMatchObject({ code: 'CAMPAIGN_NOT_ACTIVE' });
    expect(await campaignStats(ctx, campaignId)).toMatchObject({ budgetCents: 1_000, creditedCents: 300, returnedCents: 700, remainingCents: 0 });
    await expectReconciled();
  });
});

describe('reversal', () => {
  it('takes the cashback back, releases the cap, and is done once', async () => {
    const campaignId = await activeCampaign(ctx, { budgetCents: 10_000, perResidentCap: { amountCents: 500, period: 'MONTH' } });
    const fraud = await decidedReceipt(ctx, campaignId, 'carl', { cashbackCents: 400, totalCents: 4_000 });
    await creditReceipt(ctx, fraud);
    const reversed = await reverseReceipt(ctx, staff, fraud, { reason: 'Ticket falsifié (montant modifié)' });
    expect(reversed).toMatchObject({ status: 'REJECTED', reversedCents: 400, alreadyReversed: false });
    expect((await reverseReceipt(ctx, staff, fraud, { reason: 'again' }).catch((e: DomainError) => e.code))).toBe('RECEIPT_NOT_CREDITED');
    const receipt = await ctx.receipts.get(fraud);
    expect(receipt?.status).toBe('REJECTED');
    expect(receipt?.rejection?.code).toBe('REJECTED_BY_REVIEWER');
    expect((await getWallet(ctx, { sub: 'carl', isAdmin: false })).balanceCents).toBe(0);

    // The cap was released: a new receipt of 500 in the same month is paid in full.
    const honest = await decidedReceipt(ctx, campaignId, 'carl', { cashbackCents: 500, totalCents: 5_000 });
    await creditReceipt(ctx, honest);
    expect((await ctx.receipts.get(honest))?.cashbackCents).toBe(500);
    expect(await campaignStats(ctx, campaignId)).toMatchObject({ creditedCents: 500, reversedCents: 400, remainingCents: 9_500, receipts: { credited: 1, rejected: 1 } });

    const history = await walletTransfers(ctx, { sub: 'carl', isAdmin: false }, 10);
    expect(history.items.map((t) => [t.kind, t.amountCents])).toEqual([
      ['CASHBACK', 500],
      ['REVERSAL', -400],
      ['CASHBACK', 400],
    ]);
    await expectReconciled();
  });

  it('goes back to the city once the campaign is closed', async () => {
    const a = await activeCampaign(ctx, { budgetCents: 1_000 });
    const b = await activeCampaign(ctx, { budgetCents: 1_000 });
    const r1 = await decidedReceipt(ctx, a, 'dora', { cashbackCents: 300 });
    await creditReceipt(ctx, r1);
    await closeCampaign(ctx, staff, a);
    const city = (await ctx.ledger.getAccount('city:funding'))!.balanceCents;
    await reverseReceipt(ctx, staff, r1, { reason: 'Doublon découvert après paiement' });
    expect((await ctx.ledger.getAccount('city:funding'))!.balanceCents).toBe(city + 300);
    const r2 = await decidedReceipt(ctx, b, 'dora', { cashbackCents: 200 });
    await creditReceipt(ctx, r2);
    expect((await getWallet(ctx, { sub: 'dora', isAdmin: false })).balanceCents).toBe(200);
    expect(await campaignStats(ctx, a)).toMatchObject({ creditedCents: 0, reversedCents: 300, returnedCents: 1_000, remainingCents: 0 });
    await expectReconciled();
  });
});

describe('history and export', () => {
  it('pages a wallet history and refuses another list’s cursor', async () => {
    const campaignId = await activeCampaign(ctx, { budgetCents: 10_000 });
    for (let i = 0; i < 5; i++) await creditReceipt(ctx, await decidedReceipt(ctx, campaignId, 'eve', { cashbackCents: 10 + i }));
    const me = { sub: 'eve', isAdmin: false };
    const first = await walletTransfers(ctx, me, 2);
    expect(first.items).toHaveLength(2);
    const second = await walletTransfers(ctx, me, 2, first.nextCursor!);
    const third = await walletTransfers(ctx, me, 2, second.nextCursor!);
    expect([...first.items, ...second.items, ...third.items].map((t) => t.amountCents).sort()).toEqual([10, 11, 12, 13, 14]);
    await expect(walletTransfers(ctx, { sub: 'mallory', isAdmin: false }, 2, first.nextCursor!)).rejects.toThrow(/cursor/);
  });

  it('exports a campaign ledger as CSV for the accountant', async () => {
    const campaignId = await activeCampaign(ctx, { budgetCents: 2_000 });
    await creditReceipt(ctx, await decidedReceipt(ctx, campaignId, 'fred', { cashbackCents: 150 }));
    await topUpCampaign(ctx, staff, campaignId, { amountCents: 500 });
    const csv = await campaignLedgerCsv(ctx, campaignId);
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('date,transfer_id,kind,counterparty_account,receipt_id,amount_eur,balance_eur');
    expect(lines.slice(1).map((l) => l.split(',').slice(2, 3)[0])).toEqual(['FUNDING', 'CASHBACK', 'TOP_UP']);
    expect(lines.at(-1)!.endsWith(',5.00,23.50')).toBe(true);
    // A debit of the budget is a negative number, never a text guarded as a formula ('-1.50).
    expect(lines[2]!.endsWith(',-1.50,18.50')).toBe(true);
    expect(csv).not.toContain("'-");
  });
});
