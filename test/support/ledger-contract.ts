import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { activateCampaign, campaignStats, createCampaign } from '../../shared/app/admin';
import type { AppContext } from '../../shared/app/context';
import { closeCampaign, depositMerchantFunds, reverseReceipt, topUpCampaign, walletTransfers } from '../../shared/app/ledger';
import { creditReceipt } from '../../shared/app/pipeline';
import { reconcileLedger } from '../../shared/app/reconcile';
import { createMerchant } from '../../shared/app/merchants';
import { getWallet } from '../../shared/app/resident';
import type { PlannedCredit } from '../../shared/domain/receipt';
import { accountIds } from '../../shared/ports';
import { activeCampaign, decidedReceipt } from './ledger-fixture';

/**
 * The ledger's contract as scenarios, run against every Ledger adapter: the DynamoDB one
 * (test/integration/ledger/contract.test.ts) and the in-memory one (test/unit/app/ledger-contract.test.ts).
 * The same assertions passing on both is what lets the fast application tests trust the in-memory
 * ledger. Each scenario names its own residents and campaigns, so they share one context.
 */
export function ledgerContract(adapter: string, context: () => AppContext) {
  const staff = { sub: 'staff-1', isAdmin: true };
  const someone = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
  const shop = async (ctx: AppContext, name: string, siret: string) =>
    (await createMerchant(ctx, { name, siret, address: { street: '1 quai du Pont', postcode: '37410', city: 'Montclair-sur-Loire' }, tags: [], aliases: [] })).merchantId;
  const reconciled = async (ctx: AppContext) => expect((await reconcileLedger(ctx)).problems).toEqual([]);

  /** A receipt decided with these credit slots (as the match stage stores stacked campaigns). */
  async function stackedReceipt(ctx: AppContext, residentId: string, merchantId: string, totalCents: number, slots: PlannedCredit[][]) {
    const receiptId = await decidedReceipt(ctx, slots[0]![0]!.campaignId, residentId, { totalCents, merchantId, cashbackCents: slots[0]![0]!.cashbackCents });
    const r = (await ctx.receipts.get(receiptId))!;
    // The decision is stored once: write the receipt again with its slots, as decided.
    const other = randomUUID();
    await ctx.receipts.create({ ...r, receiptId: other, objectKey: `receipts/${other}`, decision: undefined } as never);
    await ctx.receipts.saveDecision(other, { ...r.decision!, credits: slots }, new Date());
    return other;
  }

  describe(`the ledger contract (${adapter})`, () => {
    it('funds a budget once from the city, and a welcome bonus only from a shop deposit that covers it', async () => {
      const ctx = context();
      const city = (await ctx.ledger.getAccount(accountIds.cityFunding))?.balanceCents ?? 0;
      const campaignId = await activeCampaign(ctx, { budgetCents: 5_000 });
      await expect(activateCampaign(ctx, campaignId)).resolves.toMatchObject({ status: 'ACTIVE' });
      expect((await ctx.ledger.getAccount(accountIds.cityFunding))!.balanceCents).toBe(city - 5_000);
      expect(await campaignStats(ctx, campaignId)).toMatchObject({ budgetCents: 5_000, remainingCents: 5_000, creditedCents: 0 });

      const cave = await shop(ctx, 'Cave du Port', '90412387400029');
      await depositMerchantFunds(ctx, staff, cave, { amountCents: 1_000, reference: 'dep-1' });
      expect((await depositMerchantFunds(ctx, staff, cave, { amountCents: 1_000, reference: 'dep-1' })).outcome).toBe('ALREADY_DONE');
      const welcome = (await createCampaign(ctx, { kind: 'WELCOME_BONUS', name: 'Bienvenue', budgetCents: 1_500, startsOn: '2026-01-01', endsOn: '2026-12-31', merchantId: cave, bonusCents: 500 })).campaignId;
      await expect(activateCampaign(ctx, welcome)).rejects.toMatchObject({ code: 'MERCHANT_FUNDS_INSUFFICIENT' });
      expect((await ctx.campaigns.get(welcome))?.status).toBe('DRAFT');
      await depositMerchantFunds(ctx, staff, cave, { amountCents: 500, reference: 'dep-2' });
      await activateCampaign(ctx, welcome);
      expect((await ctx.ledger.getAccount(accountIds.merchantFunds(cave)))!.balanceCents).toBe(0);
      await reconciled(ctx);
    });

    it('never overspends a budget under concurrent credits delivered twice, and credits each receipt once', async () => {
      const ctx = context();
      const campaignId = await activeCampaign(ctx, { budgetCents: 2_050 });
      const residents = Array.from({ length: 7 }, () => someone('r'));
      const receipts = await Promise.all(Array.from({ length: 40 }, (_, i) => decidedReceipt(ctx, campaignId, residents[i % 7]!, { totalCents: 1_000 })));
      const deliveries = [...receipts, ...receipts].sort(() => Math.random() - 0.5);
      const outcomes: string[] = [];
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          for (let id = deliveries.pop(); id; id = deliveries.pop()) outcomes.push(await creditReceipt(ctx, id));
        }),
      );
      expect(outcomes.filter((o) => o === 'CREDITED')).toHaveLength(21);
      const views = await Promise.all(receipts.map((id) => ctx.receipts.get(id)));
      expect(views.filter((r) => r?.status === 'CREDITED').map((r) => r!.cashbackCents).sort((a, b) => a! - b!)).toEqual([50, ...Array(20).fill(100)]);
      expect(views.filter((r) => r?.status === 'REJECTED').map((r) => r!.rejection?.code)).toEqual(Array(19).fill('BUDGET_EXHAUSTED'));
      expect(await campaignStats(ctx, campaignId)).toMatchObject({ remainingCents: 0, creditedCents: 2_050, receipts: { credited: 21, rejected: 19, inReview: 0 } });
      expect(await ctx.ledger.creditCashback({ receiptId: receipts[0]!, residentId: residents[0]!, merchantId: 'shop-1', totalCents: 1_000, credits: [[{ campaignId, desiredCents: 100 }]] }, new Date())).toEqual({ outcome: 'ALREADY_DONE' });
      await reconciled(ctx);
    });

    it('holds a monthly cap per resident exactly, counted with the credit', async () => {
      const ctx = context();
      const resident = someone('capped');
      const campaignId = await activeCampaign(ctx, { budgetCents: 100_000, perResidentCap: { amountCents: 250, period: 'MONTH' } });
      const june = await Promise.all(Array.from({ length: 4 }, () => decidedReceipt(ctx, campaignId, resident, { totalCents: 1_000, purchaseDate: '2026-06-10' })));
      const july = await decidedReceipt(ctx, campaignId, resident, { totalCents: 1_000, purchaseDate: '2026-07-02' });
      await Promise.all([...june, july].map((id) => creditReceipt(ctx, id)));
      const views = await Promise.all(june.map((id) => ctx.receipts.get(id)));
      expect(views.reduce((s, r) => s + (r?.cashbackCents ?? 0), 0)).toBe(250);
      expect(views.filter((r) => r?.rejection?.code === 'CAP_REACHED')).toHaveLength(1);
      expect((await ctx.receipts.get(july))?.cashbackCents).toBe(100);
      expect(await ctx.ledger.capUsage(campaignId, resident, '2026-06')).toBe(250);
      await reconciled(ctx);
    });

    it('pays a welcome bonus once per new customer, stacked on the cashback, within the shop’s deposit', async () => {
      const ctx = context();
      const cellar = await shop(ctx, 'Cave des Coteaux', '52876341000040');
      const general = await activeCampaign(ctx, { budgetCents: 100_000 });
      await depositMerchantFunds(ctx, staff, cellar, { amountCents: 1_000, reference: 'dep' });
      const welcome = (await createCampaign(ctx, { kind: 'WELCOME_BONUS', name: 'Bienvenue', budgetCents: 1_000, startsOn: '2026-01-01', endsOn: '2026-12-31', merchantId: cellar, bonusCents: 500 })).campaignId;
      await activateCampaign(ctx, welcome);
      const slots = (): PlannedCredit[][] => [
        [{ campaignId: general, campaignName: 'Test', kind: 'CASHBACK', cashbackCents: 200 }],
        [{ campaignId: welcome, campaignName: 'Bienvenue', kind: 'WELCOME_BONUS', cashbackCents: 500, firstPurchaseOnly: true }],
      ];
      const residents = Array.from({ length: 3 }, () => someone('newcomer'));
      const ids = [];
      for (let i = 0; i < 6; i++) ids.push(await stackedReceipt(ctx, residents[i % 3]!, cellar, 2_000, slots()));
      await Promise.all([...ids, ...ids].map((id) => creditReceipt(ctx, id)));
      const receipts = await Promise.all(ids.map((id) => ctx.receipts.get(id)));
      expect(receipts.every((r) => r?.status === 'CREDITED')).toBe(true);
      const bonuses = receipts.flatMap((r) => r!.credits!.filter((c) => c.campaignId === welcome).map(() => r!.residentId));
      // 10 EUR of bonus budget: two newcomers welcomed, once each; every receipt has its 2 EUR.
      expect(bonuses).toHaveLength(2);
      expect(new Set(bonuses).size).toBe(2);
      expect(receipts.map((r) => r!.cashbackCents).sort()).toEqual([200, 200, 200, 200, 700, 700]);
      expect(await ctx.ledger.isCustomer(cellar, residents[0]!)).toBe(true);
      expect((await campaignStats(ctx, welcome)).remainingCents).toBe(0);
      await reconciled(ctx);
    });

    it('pays a loyalty bonus on every Nth purchase, each position once under concurrent receipts delivered twice, within the shop’s deposit; a reversal gives the position back', async () => {
      const ctx = context();
      const bakery = await shop(ctx, 'Boulangerie du Pont', '73282932000074');
      const general = await activeCampaign(ctx, { budgetCents: 100_000 });
      await depositMerchantFunds(ctx, staff, bakery, { amountCents: 700, reference: 'fidelite' });
      const loyalty = (await createCampaign(ctx, { kind: 'LOYALTY', name: 'Carte du Pont', budgetCents: 700, startsOn: '2026-01-01', endsOn: '2026-12-31', merchantId: bakery, bonusCents: 300, everyNth: 3, period: 'CAMPAIGN' })).campaignId;
      await activateCampaign(ctx, loyalty);
      const ana = someone('ana');
      const slots = (): PlannedCredit[][] => [
        [{ campaignId: general, campaignName: 'Test', kind: 'CASHBACK', cashbackCents: 100 }],
        [{ campaignId: loyalty, campaignName: 'Carte du Pont', kind: 'LOYALTY', cashbackCents: 300, tally: { holderId: ana, windowKey: 'ALL', everyNth: 3 } }],
      ];
      const ids: string[] = [];
      for (let i = 0; i < 10; i++) ids.push(await stackedReceipt(ctx, ana, bakery, 2_000, slots()));
      const deliveries = [...ids, ...ids].sort(() => Math.random() - 0.5);
      await Promise.all(
        Array.from({ length: 6 }, async () => {
          for (let id = deliveries.pop(); id; id = deliveries.pop()) await creditReceipt(ctx, id);
        }),
      );
      const receipts = await Promise.all(ids.map((id) => ctx.receipts.get(id)));
      expect(receipts.every((r) => r?.status === 'CREDITED')).toBe(true);
      const marks = receipts.map((r) => r!.loyalty![0]!).sort((a, b) => a.position - b.position);
      // Ten purchases, ten positions; bonuses due on the 3rd, 6th and 9th; 7 EUR of deposit pays two of them.
      expect(marks.map((m) => m.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(marks.filter((m) => m.outcome !== 'COUNTED').map((m) => [m.position, m.outcome])).toEqual([[3, 'PAID'], [6, 'PAID'], [9, 'UNFUNDED']]);
      expect(receipts.map((r) => r!.cashbackCents).sort((a, b) => a! - b!)).toEqual([...Array(8).fill(100), 400, 400]);
      expect(await ctx.ledger.tally(loyalty, ana, 'ALL')).toEqual({ count: 10, rewarded: 3 });
      expect((await campaignStats(ctx, loyalty)).remainingCents).toBe(100);
      await reconciled(ctx);

      // The 6th purchase was a fraud: its bonus and its place go back (count 9, two bonuses); the next purchase reaches the third bonus.
      const sixth = receipts.find((r) => r!.loyalty![0]!.position === 6)!;
      await reverseReceipt(ctx, staff, sixth.receiptId, { reason: 'Ticket falsifié' });
      expect(await ctx.ledger.tally(loyalty, ana, 'ALL')).toEqual({ count: 9, rewarded: 2 });
      expect((await campaignStats(ctx, loyalty)).remainingCents).toBe(400);
      const next = await stackedReceipt(ctx, ana, bakery, 2_000, slots());
      await creditReceipt(ctx, next);
      expect((await ctx.receipts.get(next))?.loyalty).toEqual([expect.objectContaining({ position: 10, nextDue: 9, outcome: 'PAID', bonusCents: 300 })]);
      expect((await ctx.receipts.get(next))?.cashbackCents).toBe(400);
      expect(await ctx.ledger.tally(loyalty, ana, 'ALL')).toEqual({ count: 10, rewarded: 3 });
      await reconciled(ctx);

      // Erasure: the tally moves to the pseudonym.
      const pseudonym = someone('anon');
      await ctx.ledger.rekeyResidentRecords(ana, pseudonym, { campaignIds: [loyalty], merchantIds: [] });
      expect(await ctx.ledger.tally(loyalty, pseudonym, 'ALL')).toEqual({ count: 10, rewarded: 3 });
      expect(await ctx.ledger.tally(loyalty, ana, 'ALL')).toEqual({ count: 0, rewarded: 0 });
    });

    it('tops a budget up once per reference, closes it once, and pays nothing after', async () => {
      const ctx = context();
      const resident = someone('ana');
      const campaignId = await activeCampaign(ctx, { budgetCents: 150 });
      const first = await decidedReceipt(ctx, campaignId, resident, { cashbackCents: 100 });
      const second = await decidedReceipt(ctx, campaignId, resident, { cashbackCents: 100 });
      const late = await decidedReceipt(ctx, campaignId, resident, { cashbackCents: 100 });
      await creditReceipt(ctx, first);
      expect((await topUpCampaign(ctx, staff, campaignId, { amountCents: 250, reference: 'delib-114' })).outcome).toBe('TOPPED_UP');
      expect((await topUpCampaign(ctx, staff, campaignId, { amountCents: 250, reference: 'delib-114' })).outcome).toBe('ALREADY_DONE');
      await creditReceipt(ctx, second);
      const city = (await ctx.ledger.getAccount(accountIds.cityFunding))!.balanceCents;
      expect(await closeCampaign(ctx, staff, campaignId)).toMatchObject({ status: 'CLOSED', returnedCents: 200, alreadyClosed: false });
      expect((await closeCampaign(ctx, staff, campaignId)).alreadyClosed).toBe(true);
      expect((await ctx.ledger.getAccount(accountIds.cityFunding))!.balanceCents).toBe(city + 200);
      await creditReceipt(ctx, late);
      expect((await ctx.receipts.get(late))?.rejection?.code).toBe('NO_ACTIVE_CAMPAIGN');
      await expect(topUpCampaign(ctx, staff, campaignId, { amountCents: 10 })).rejects.toMatchObject({ code: 'CAMPAIGN_NOT_ACTIVE' });
      expect(await campaignStats(ctx, campaignId)).toMatchObject({ budgetCents: 400, creditedCents: 200, returnedCents: 200, remainingCents: 0 });
      await reconciled(ctx);
    });

    it('reverses a credit once, releasing its cap; after the campaign closed, the money goes to the city', async () => {
      // A clock that never gives the same millisecond twice: the wallet lists entries newest first
      // by time, and a credit, its reversal and the next credit made in one millisecond have no order.
      let last = 0;
      const ctx: AppContext = { ...context(), clock: { now: () => new Date((last = Math.max(last + 1, Date.now()))) } };
      const carl = someone('carl');
      const campaignId = await activeCampaign(ctx, { budgetCents: 10_000, perResidentCap: { amountCents: 500, period: 'MONTH' } });
      const fraud = await decidedReceipt(ctx, campaignId, carl, { cashbackCents: 400, totalCents: 4_000 });
      await creditReceipt(ctx, fraud);
      expect(await reverseReceipt(ctx, staff, fraud, { reason: 'Ticket falsifié' })).toMatchObject({ status: 'REJECTED', reversedCents: 400, alreadyReversed: false });
      await expect(reverseReceipt(ctx, staff, fraud, { reason: 'again' })).rejects.toMatchObject({ code: 'RECEIPT_NOT_CREDITED' });
      expect((await ctx.receipts.get(fraud))?.rejection?.code).toBe('REJECTED_BY_REVIEWER');
      const honest = await decidedReceipt(ctx, campaignId, carl, { cashbackCents: 500, totalCents: 5_000 });
      await creditReceipt(ctx, honest);
      expect((await ctx.receipts.get(honest))?.cashbackCents).toBe(500);
      expect((await walletTransfers(ctx, { sub: carl, isAdmin: false }, 10)).items.map((t) => [t.kind, t.amountCents])).toEqual([
        ['CASHBACK', 500],
        ['REVERSAL', -400],
        ['CASHBACK', 400],
      ]);

      const dora = someone('dora');
      const closing = await activeCampaign(ctx, { budgetCents: 1_000 });
      const paid = await decidedReceipt(ctx, closing, dora, { cashbackCents: 300 });
      await creditReceipt(ctx, paid);
      await closeCampaign(ctx, staff, closing);
      const city = (await ctx.ledger.getAccount(accountIds.cityFunding))!.balanceCents;
      await reverseReceipt(ctx, staff, paid, { reason: 'Doublon découvert après paiement' });
      expect((await ctx.ledger.getAccount(accountIds.cityFunding))!.balanceCents).toBe(city + 300);
      expect((await getWallet(ctx, { sub: dora, isAdmin: false })).balanceCents).toBe(0);
      expect(await campaignStats(ctx, closing)).toMatchObject({ creditedCents: 0, reversedCents: 300, returnedCents: 1_000, remainingCents: 0 });
      await reconciled(ctx);
    });

    it('moves a payout in two phases: reserved once, held by its batch, then posted or voided once', async () => {
      const ctx = context();
      const campaignId = await activeCampaign(ctx, { budgetCents: 10_000 });
      const [paidOut, returned] = [someone('paid'), someone('returned')];
      for (const r of [paidOut, returned]) await creditReceipt(ctx, await decidedReceipt(ctx, campaignId, r, { cashbackCents: 400 }));
      const payoutId = someone('2026-06');
      const now = new Date();
      const item = async (residentId: string) => {
        const stored = await ctx.payouts.putItem({ payoutId, itemId: `${payoutId}-${residentId}`, residentId, amountCents: 400, status: 'RESERVING', creditor: { name: 'X', iban: 'FR7630006000011234567890189' }, updatedAt: now.toISOString() });
        return { payoutId, itemId: stored.itemId, residentId, amountCents: 400 };
      };
      const a = await item(paidOut);
      const b = await item(returned);
      expect(await ctx.ledger.reservePayout(a, now)).toBe('RESERVED');
      expect(await ctx.ledger.reservePayout(a, now)).toBe('ALREADY_DONE');
      expect(await ctx.ledger.reservePayout({ ...a, payoutId: someone('other'), itemId: someone('other-item') }, now)).toBe('REFUSED');
      expect(await ctx.ledger.reservePayout({ ...b, amountCents: 401 }, now)).toBe('REFUSED');
      expect(await ctx.ledger.reservePayout(b, now)).toBe('RESERVED');
      expect(await ctx.ledger.getAccount(accountIds.wallet(paidOut))).toMatchObject({ balanceCents: 0, pendingPayoutCents: 400, inPayout: payoutId });
      expect(await ctx.ledger.postPayout(a, now)).toBe('POSTED');
      expect(await ctx.ledger.postPayout(a, now)).toBe('ALREADY_DONE');
      expect(await ctx.ledger.voidPayout(b, 'IBAN fermé', now)).toBe('VOIDED');
      expect(await ctx.ledger.voidPayout(b, 'IBAN fermé', now)).toBe('ALREADY_DONE');
      expect(await ctx.ledger.getAccount(accountIds.wallet(paidOut))).toEqual(expect.objectContaining({ balanceCents: 0, pendingPayoutCents: 0, paidOutCents: 400 }));
      expect((await ctx.ledger.getAccount(accountIds.wallet(paidOut)))?.inPayout).toBeUndefined();
      expect(await ctx.ledger.getAccount(accountIds.wallet(returned))).toEqual(expect.objectContaining({ balanceCents: 400, pendingPayoutCents: 0, paidOutCents: 0 }));
      expect((await ctx.payouts.getItem(payoutId, b.itemId))).toMatchObject({ status: 'VOIDED', voidReason: 'IBAN fermé' });
      expect((await ctx.payouts.getItem(payoutId, a.itemId))?.status).toBe('POSTED');
      await reconciled(ctx);
    });

    it('pages an account’s entries newest first with cursors that belong to that account only', async () => {
      const ctx = context();
      const eve = someone('eve');
      const campaignId = await activeCampaign(ctx, { budgetCents: 10_000 });
      for (let i = 0; i < 5; i++) await creditReceipt(ctx, await decidedReceipt(ctx, campaignId, eve, { cashbackCents: 10 + i }));
      const first = await ctx.ledger.entries(accountIds.wallet(eve), 2);
      const second = await ctx.ledger.entries(accountIds.wallet(eve), 2, first.nextCursor!);
      const third = await ctx.ledger.entries(accountIds.wallet(eve), 2, second.nextCursor!);
      expect([...first.items, ...second.items, ...third.items].map((e) => e.amountCents).sort()).toEqual([10, 11, 12, 13, 14]);
      expect(third.items).toHaveLength(1);
      // (The DynamoDB adapter refuses a cursor before it returns its promise: called as the application does, in an async function.)
      const page = async (accountId: string, cursor: string) => ctx.ledger.entries(accountId, 2, cursor);
      await expect(page(accountIds.wallet(someone('mallory')), first.nextCursor!)).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
      await expect(page(accountIds.wallet(eve), 'not-a-cursor')).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
    });

    it('renames an erased resident’s wallet with its history, then closes it once', async () => {
      const ctx = context();
      const [fay, pseudonym] = [someone('fay'), someone('anon')];
      const campaignId = await activeCampaign(ctx, { budgetCents: 10_000, perResidentCap: { amountCents: 1_000, period: 'MONTH' } });
      for (let i = 0; i < 3; i++) await creditReceipt(ctx, await decidedReceipt(ctx, campaignId, fay, { cashbackCents: 100 }));
      expect(await ctx.ledger.renameWallet(fay, pseudonym)).toBe('RENAMED');
      expect(await ctx.ledger.renameWallet(fay, pseudonym)).toBe('NO_WALLET');
      expect(await ctx.ledger.getAccount(accountIds.wallet(fay))).toBeUndefined();
      expect(await ctx.ledger.getAccount(accountIds.wallet(pseudonym))).toMatchObject({ balanceCents: 300, creditsCents: 300, residentId: pseudonym });
      expect((await ctx.ledger.entries(accountIds.wallet(pseudonym), 10)).items).toHaveLength(3);
      await ctx.ledger.rekeyResidentRecords(fay, pseudonym, { campaignIds: [campaignId], merchantIds: ['shop-1'] });
      expect(await ctx.ledger.capUsage(campaignId, pseudonym, '2026-06')).toBe(300);
      expect(await ctx.ledger.capUsage(campaignId, fay, '2026-06')).toBe(0);
      expect(await ctx.ledger.closeWallet(pseudonym, new Date())).toEqual({ closedCents: 300 });
      expect(await ctx.ledger.closeWallet(pseudonym, new Date())).toEqual({ closedCents: 0 });
      expect((await ctx.ledger.getAccount(accountIds.wallet(pseudonym)))?.balanceCents).toBe(0);
      const reconcile = await reconcileLedger(ctx);
      // The receipts still name the erased resident (the erasure rewrites them, not the ledger): only money is checked here.
      expect(reconcile.problems.filter((p) => !/figures|bucket/i.test(p))).toEqual([]);
    });
  });
}
