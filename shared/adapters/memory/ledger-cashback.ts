import { allocateCredits } from '../../domain/credit';
import { reachedBonus } from '../../domain/loyalty';
import { ConflictError } from '../../domain/errors';
import { localDate } from '../../domain/dates';
import {
  accountIds,
  type CashbackRequest,
  type CashbackResult,
  type LoyaltyMark,
  type PaidCredit,
  type ReversalRequest,
} from '../../ports';
import { copy } from './cursor';
import { MemoryBook, Transaction, key, type Side } from './ledger-book';

/* A receipt's credits in memory (the domain's allocation applied in one all-or-nothing step) and their reversal. */

export async function creditCashback(book: MemoryBook, req: CashbackRequest, now: Date): Promise<CashbackResult> {
  const walletId = accountIds.wallet(req.residentId);
  let paid: PaidCredit[] = [];
  let loyalty: LoyaltyMark[] = [];
  return book.transact<CashbackResult>(
    () => {
      const options = req.credits.flat();
      const stored = book.tables.receipts.get(req.receiptId);
      if (stored?.receipt.status !== 'PROCESSING') return { answer: { outcome: 'ALREADY_DONE' } };
      const campaignIds = [...new Set(options.map((o) => o.campaignId))];
      const allocation = allocateCredits(req, {
        budgetLeftCents: new Map(campaignIds.map((id) => [id, book.balance(accountIds.budget(id))])),
        capUsedCents: (o) => (o.cap ? (book.caps.get(key(o.campaignId, o.cap.holderId))?.get(o.cap.windowKey) ?? 0) : 0),
        alreadyCustomer: options.some((o) => o.firstPurchaseOnly) && book.customers.has(key(req.merchantId, req.residentId)),
        tally: (o) => ({ ...(book.tallies.get(key(o.campaignId, o.tally!.holderId, o.tally!.windowKey)) ?? { count: 0, rewarded: 0 }) }),
      });
      if (!allocation.ok) return { answer: { outcome: 'REFUSED', code: allocation.code } };
      paid = allocation.paid;
      loyalty = allocation.loyalty ?? [];
      const iso = now.toISOString();
      const total = paid.reduce((sum, p) => sum + p.amountCents, 0);
      const tx = new Transaction();
      for (const p of paid) {
        const budgetId = accountIds.budget(p.campaignId);
        book.transfer(tx, { transferId: p.transferId, kind: 'CASHBACK', debitAccountId: budgetId, creditAccountId: walletId, amountCents: p.amountCents, campaignId: p.campaignId, receiptId: req.receiptId, createdAt: iso });
        book.update(tx, { accountId: budgetId, kind: 'CAMPAIGN_BUDGET', guard: 'NON_NEGATIVE', counters: { cashbackCents: p.amountCents, salesCents: req.totalCents, creditedReceipts: 1 } }, 'debit', p.amountCents, 'budget');
        tx.change(() => {
          book.tables.markCampaignReceipt(p.campaignId, req.receiptId, 'CREDITED');
          book.mark(book.campaignResidents, p.campaignId, req.residentId);
          book.mark(book.campaignMerchants, p.campaignId, req.merchantId);
        });
        const cap = options.find((o) => o.campaignId === p.campaignId)!.cap;
        if (cap && p.cap) {
          const counters = book.caps.get(key(p.campaignId, cap.holderId));
          const used = counters?.get(cap.windowKey);
          const use = p.cap.usedCents;
          tx.check('cap', used === undefined || used <= cap.amountCents - use);
          tx.change(() => {
            let windows = book.caps.get(key(p.campaignId, cap.holderId));
            if (!windows) book.caps.set(key(p.campaignId, cap.holderId), (windows = new Map()));
            windows.set(cap.windowKey, (windows.get(cap.windowKey) ?? 0) + use);
          });
        }
      }
      // Each loyalty tally moves from the values read to the next (the position decided on them).
      for (const m of loyalty) {
        const k = key(m.campaignId, m.holderId, m.windowKey);
        const before = book.tallies.get(k) ?? { count: 0, rewarded: 0 };
        tx.check('tally', before.count === m.position - 1);
        tx.change(() => book.tallies.set(k, { count: m.position, rewarded: before.rewarded + (reachedBonus(m) ? 1 : 0) }));
      }
      book.update(tx, { accountId: walletId, kind: 'RESIDENT_WALLET', sets: { residentId: req.residentId } }, 'credit', total);
      tx.check('receipt', stored.receipt.status === 'PROCESSING');
      tx.change(() => {
        Object.assign(stored.receipt, { status: 'CREDITED', cashbackCents: total, credits: copy(paid), updatedAt: iso, ...(loyalty.length > 0 ? { loyalty: copy(loyalty) } : {}) });
        stored.listed = { status: 'CREDITED', sortKey: `${iso}#${req.receiptId}` };
      });
      const customerKey = key(req.merchantId, req.residentId);
      if (allocation.bonusPaid) tx.check('customer', !book.customers.has(customerKey));
      tx.change(() => {
        const c = book.customers.get(customerKey) ?? { purchases: 0 };
        book.customers.set(customerKey, { ...c, firstCreditedAt: c.firstCreditedAt ?? iso, lastCreditedAt: iso, purchases: c.purchases + 1 });
      });
      // The figures' counters and the resident's markers, in the same step.
      const figures = book.tables.figures.planMovement(req.residentId, {
        receiptId: req.receiptId,
        merchantId: req.merchantId,
        purchaseDate: stored.receipt.decision?.purchaseDate ?? localDate(now),
        totalCents: req.totalCents,
        credits: paid,
        direction: 'CREDIT',
      });
      tx.change(figures.apply);
      return tx;
    },
    () => ({ outcome: 'CREDITED', amountCents: paid.reduce((sum, p) => sum + p.amountCents, 0), credits: copy(paid), ...(loyalty.length > 0 ? { loyalty: copy(loyalty) } : {}) }),
    // A transfer exists already or the receipt moved on: nothing to do. A budget, cap or new-customer guard: decide again.
    (tx) => (tx.failed('transfer') || tx.failed('receipt') ? { outcome: 'ALREADY_DONE' } : undefined),
  );
}

export async function reverseCashback(book: MemoryBook, req: ReversalRequest, now: Date): Promise<'REVERSED' | 'ALREADY_DONE' | 'NOT_CREDITED'> {
  const walletId = accountIds.wallet(req.residentId);
  const iso = now.toISOString();
  const total = req.credits.reduce((sum, c) => sum + c.amountCents, 0);
  return book.transact<'REVERSED' | 'ALREADY_DONE' | 'NOT_CREDITED'>(
    () => {
      const tx = new Transaction();
      const stored = book.tables.receipts.get(req.receiptId);
      tx.check('receipt', stored?.receipt.status === 'CREDITED');
      tx.change(() => {
        Object.assign(stored!.receipt, {
          status: 'REJECTED',
          rejection: { code: 'REJECTED_BY_REVIEWER', message: req.rejectionMessage },
          reversal: { reason: req.reason, by: req.by, at: iso, amountCents: total },
          updatedAt: iso,
        });
        stored!.listed = { status: 'REJECTED', sortKey: `${iso}#${req.receiptId}` };
      });
      book.update(tx, { accountId: walletId, kind: 'RESIDENT_WALLET' }, 'debit', total);
      // Several credits may return to the same account (two closed city campaigns): one update each, as one item.
      const targets = new Map<string, { side: Side; amount: number }>();
      for (const c of req.credits) {
        const budgetId = accountIds.budget(c.campaignId);
        const toBudget = c.returnTo === 'BUDGET';
        const target = c.returnTo === 'BUDGET' ? { accountId: budgetId, kind: 'CAMPAIGN_BUDGET' as const } : c.returnTo;
        const counters = { reversedCents: c.amountCents, salesCents: -req.totalCents, creditedReceipts: -1 };
        if (toBudget) book.campaignIn(tx, c.campaignId, 'ACTIVE', 'PAUSED');
        else book.campaignIn(tx, c.campaignId, 'CLOSED');
        book.transfer(tx, {
          transferId: c.transferId.replace(/^cashback:/, 'reversal:'),
          kind: 'REVERSAL',
          debitAccountId: walletId,
          creditAccountId: target.accountId,
          amountCents: c.amountCents,
          campaignId: c.campaignId,
          receiptId: req.receiptId,
          reason: req.reason,
          by: req.by,
          createdAt: iso,
        });
        tx.change(() => book.tables.markCampaignReceipt(c.campaignId, req.receiptId, 'REJECTED'));
        const t = targets.get(target.accountId) ?? { side: { ...target, ...(toBudget ? { counters } : {}) }, amount: 0 };
        t.amount += c.amountCents;
        targets.set(target.accountId, t);
        // Once closed, the campaign's money goes back to its funder: count it as returned too.
        if (!toBudget) tx.change(() => book.addCounters(budgetId, 'CAMPAIGN_BUDGET', { ...counters, returnedCents: c.amountCents }));
        if (c.cap) {
          const cap = c.cap;
          tx.change(() => {
            let windows = book.caps.get(key(c.campaignId, cap.holderId));
            if (!windows) book.caps.set(key(c.campaignId, cap.holderId), (windows = new Map()));
            windows.set(cap.windowKey, (windows.get(cap.windowKey) ?? 0) - cap.usedCents);
          });
        }
      }
      for (const { side, amount } of targets.values()) book.update(tx, side, 'credit', amount);
      // Each loyalty tally the credit advanced gives the purchase back (and its bonus milestone, if it reached one).
      for (const m of req.loyalty ?? []) {
        tx.change(() => {
          const k = key(m.campaignId, m.holderId, m.windowKey);
          const t = book.tallies.get(k) ?? { count: 0, rewarded: 0 };
          book.tallies.set(k, { count: t.count - 1, rewarded: t.rewarded - (reachedBonus(m) ? 1 : 0) });
        });
      }
      // The figures: the receipt's counters leave the week they went into, a refused receipt is counted.
      const decision = stored?.receipt.decision;
      if (stored?.receipt.status === 'CREDITED' && decision?.merchantId) {
        const figures = book.tables.figures.planMovement(req.residentId, {
          receiptId: req.receiptId,
          merchantId: decision.merchantId,
          purchaseDate: decision.purchaseDate ?? localDate(new Date(stored.receipt.updatedAt ?? iso)),
          totalCents: req.totalCents,
          credits: req.credits,
          direction: 'REVERSAL',
          uploadedAt: stored.receipt.createdAt ?? iso,
        });
        tx.change(figures.apply);
      }
      return tx;
    },
    () => 'REVERSED',
    (tx) => {
      if (tx.failed('transfer')) return 'ALREADY_DONE';
      if (tx.failed('receipt')) return 'NOT_CREDITED';
      throw new ConflictError('CAMPAIGN_CHANGED', 'The campaign opened or closed meanwhile; retry the reversal.');
    },
  );
}
