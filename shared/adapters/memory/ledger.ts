import type { Campaign } from '../../domain/campaign';
import { allocateCredits } from '../../domain/credit';
import { ConflictError } from '../../domain/errors';
import { localDate } from '../../domain/dates';
import { COUNTER_NAMES, campaignStatsOf, zeroCounters, type BucketKey, type Counters } from '../../domain/figures';
import {
  accountIds,
  fundingAccountOf,
  type Account,
  type AccountKind,
  type CampaignBudget,
  type CampaignLedgerStats,
  type FigureBuckets,
  type FiguresQuery,
  type CashbackRequest,
  type CashbackResult,
  type FundingAccount,
  type Ledger,
  type LedgerEntry,
  type Page,
  type PaidCredit,
  type PayoutMovement,
  type ReversalRequest,
  type Transfer,
} from '../../ports';
import type { PayoutItemStatus } from '../../ports/payouts';
import { copy, pageOf, sortedBy } from './cursor';
import { MemoryTables } from './tables';

const MAX_ATTEMPTS = 25;
const CITY: FundingAccount = { accountId: accountIds.cityFunding, kind: 'CITY_FUNDING' };

/** An account as stored: the Account fields, its statistics counters (budgets) and its attributes. */
type AccountItem = Record<string, string | number | undefined> & { accountId: string; kind: AccountKind; balanceCents: number };

/** One side of a movement, as in the DynamoDB ledger: the account, its guard, what else changes on it. */
interface Side {
  accountId: string;
  kind: AccountKind;
  /** Debits only: the account may not go below zero (budgets), or must hold exactly this balance (closing). */
  guard?: 'NON_NEGATIVE' | { equals: number };
  counters?: Record<string, number>;
  sets?: Record<string, string>;
  removes?: string[];
  /** A further condition on the account as it is (undefined when it does not exist yet). */
  when?: (account: AccountItem | undefined) => boolean;
}

/**
 * One all-or-nothing write, as a DynamoDB transaction: every condition is checked on the state as
 * it is, then, only if all hold, every change is applied, in one synchronous step (no other
 * operation can run in between). `failed(role)` tells which conditions did not hold.
 */
class Transaction {
  private readonly conditions: Array<{ role: string; ok: boolean }> = [];
  private readonly changes: Array<() => void> = [];
  check(role: string, ok: boolean): void {
    this.conditions.push({ role, ok });
  }
  change(apply: () => void): void {
    this.changes.push(apply);
  }
  failed(role: string): boolean {
    return this.conditions.some((c) => c.role === role && !c.ok);
  }
  commit(): boolean {
    if (this.conditions.some((c) => !c.ok)) return false;
    for (const apply of this.changes) apply();
    return true;
  }
}

const key = (...parts: string[]) => JSON.stringify(parts);

/**
 * The dotation ledger in memory, with the DynamoDB ledger's contract: immutable transfers whose
 * deterministic ids make every movement idempotent, stored balances guarded (a budget never goes
 * below zero), cap counters and the receipt's move to CREDITED in the same all-or-nothing step as
 * the money. What a credit pays is decided by the domain's allocateCredits on the state read, as
 * the DynamoDB adapter does; this class only applies the plan. It shares receipts, campaigns and
 * payout items with the other in-memory stores through MemoryTables.
 */
export class MemoryLedger implements Ledger {
  readonly accounts = new Map<string, AccountItem>();
  readonly transfers = new Map<string, Transfer>();
  /** Per account, its entries by `<createdAt>#<transferId>`. */
  readonly entryItems = new Map<string, Map<string, LedgerEntry & { accountId: string }>>();
  /** Cap counters by [campaignId, holderId], then window. */
  readonly caps = new Map<string, Map<string, number>>();
  /** Customer records by [merchantId, residentId]. */
  readonly customers = new Map<string, { purchases: number; firstCreditedAt?: string; lastCreditedAt?: string }>();
  /** The residents and shops credited under each campaign (its statistics' counts). */
  readonly campaignResidents = new Map<string, Set<string>>();
  readonly campaignMerchants = new Map<string, Set<string>>();

  constructor(readonly tables: MemoryTables = new MemoryTables()) {}

  /** Builds and commits a transaction, deciding again when a guard fails (as the DynamoDB ledger retries). */
  private transact<T>(build: () => Transaction | { answer: T }, onSuccess: () => T, onCondition: (tx: Transaction) => T | undefined): T {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const tx = build();
      if (!(tx instanceof Transaction)) return tx.answer;
      if (tx.commit()) return onSuccess();
      const answer = onCondition(tx);
      if (answer !== undefined) return answer;
    }
    throw new Error('Ledger: too much contention; the operation will be retried');
  }

  private balance(accountId: string): number {
    return Number(this.accounts.get(accountId)?.balanceCents ?? 0);
  }

  private update(tx: Transaction, side: Side, direction: 'debit' | 'credit', amount: number, role = 'account'): void {
    const before = this.accounts.get(side.accountId);
    const balance = before?.balanceCents;
    if (side.guard === 'NON_NEGATIVE') tx.check(role, balance !== undefined && balance >= amount);
    else if (side.guard) tx.check(role, balance === side.guard.equals);
    if (side.when) tx.check(role, side.when(before));
    tx.change(() => {
      const a = this.accountItem(side.accountId, side.kind);
      a.balanceCents += direction === 'debit' ? -amount : amount;
      const total = direction === 'debit' ? 'debitsCents' : 'creditsCents';
      a[total] = Number(a[total] ?? 0) + amount;
      Object.assign(a, side.sets ?? {});
      for (const [k, v] of Object.entries(side.counters ?? {})) a[k] = Number(a[k] ?? 0) + v;
      for (const k of side.removes ?? []) delete a[k];
    });
  }

  /** The account item, created with its id and kind when absent (as an update creates it). */
  private accountItem(accountId: string, kind: AccountKind): AccountItem {
    let a = this.accounts.get(accountId);
    if (!a) this.accounts.set(accountId, (a = { accountId, kind, balanceCents: 0 }));
    a.kind = kind;
    return a;
  }

  private addCounters(accountId: string, kind: AccountKind, counters: Record<string, number>, create = true): void {
    const a = create ? this.accountItem(accountId, kind) : this.accounts.get(accountId);
    if (!a) return;
    for (const [k, v] of Object.entries(counters)) a[k] = Number(a[k] ?? 0) + v;
  }

  /** A transfer written once (its id is the idempotency guard) and its entry on each account. */
  private transfer(tx: Transaction, t: Transfer, role = 'transfer'): void {
    tx.check(role, !this.transfers.has(t.transferId));
    tx.change(() => {
      this.transfers.set(t.transferId, copy(t));
      this.putEntry(t, t.debitAccountId, -t.amountCents, t.creditAccountId);
      this.putEntry(t, t.creditAccountId, t.amountCents, t.debitAccountId);
    });
  }

  private putEntry(t: Transfer, accountId: string, signed: number, counterparty: string): void {
    let entries = this.entryItems.get(accountId);
    if (!entries) this.entryItems.set(accountId, (entries = new Map()));
    entries.set(`${t.createdAt}#${t.transferId}`, {
      accountId,
      transferId: t.transferId,
      kind: t.kind,
      amountCents: signed,
      counterpartyAccountId: counterparty,
      createdAt: t.createdAt,
      ...(t.campaignId ? { campaignId: t.campaignId } : {}),
      ...(t.receiptId ? { receiptId: t.receiptId } : {}),
    });
  }

  private movement(tx: Transaction, t: Transfer, debit: Side, credit: Side): void {
    this.transfer(tx, t);
    this.update(tx, debit, 'debit', t.amountCents, 'debit');
    this.update(tx, credit, 'credit', t.amountCents, 'credit');
  }

  private campaignIn(tx: Transaction, campaignId: string, ...statuses: Campaign['status'][]): void {
    const status = this.tables.campaigns.get(campaignId)?.status;
    tx.check('campaign', status !== undefined && statuses.includes(status));
  }

  private sourceSide(source: FundingAccount): Side {
    return source.kind === 'MERCHANT_FUNDS' ? { accountId: source.accountId, kind: source.kind, guard: 'NON_NEGATIVE' } : { accountId: source.accountId, kind: source.kind };
  }

  async activateCampaign(campaign: Campaign, now: Date): Promise<'ACTIVATED' | 'ALREADY_ACTIVE'> {
    const budget = accountIds.budget(campaign.campaignId);
    const source = fundingAccountOf(campaign);
    const t: Transfer = { transferId: `funding:${campaign.campaignId}`, kind: 'FUNDING', debitAccountId: source.accountId, creditAccountId: budget, amountCents: campaign.budgetCents, campaignId: campaign.campaignId, createdAt: now.toISOString() };
    return this.transact<'ACTIVATED' | 'ALREADY_ACTIVE'>(
      () => {
        const tx = new Transaction();
        this.campaignIn(tx, campaign.campaignId, 'DRAFT');
        tx.change(() => Object.assign(this.tables.campaigns.get(campaign.campaignId)!, { status: 'ACTIVE', activatedAt: now.toISOString() }));
        this.movement(tx, t, this.sourceSide(source), { accountId: budget, kind: 'CAMPAIGN_BUDGET', counters: { fundedCents: campaign.budgetCents }, sets: { campaignId: campaign.campaignId } });
        return tx;
      },
      () => 'ACTIVATED',
      (tx) => {
        const status = this.tables.campaigns.get(campaign.campaignId)?.status;
        if (status === 'ACTIVE') return 'ALREADY_ACTIVE';
        if (status === 'DRAFT' && tx.failed('debit')) {
          throw new ConflictError('MERCHANT_FUNDS_INSUFFICIENT', `The shop's deposit does not cover this welcome bonus budget (${campaign.budgetCents} cents): record its deposit first.`);
        }
        throw new ConflictError('CAMPAIGN_NOT_DRAFT', `Campaign ${campaign.campaignId} is ${String(status)}, not DRAFT.`);
      },
    );
  }

  async topUpCampaign(campaignId: string, amountCents: number, topUpId: string, by: string, now: Date, source: FundingAccount = CITY): Promise<'TOPPED_UP' | 'ALREADY_DONE'> {
    const t: Transfer = { transferId: `topup:${campaignId}:${topUpId}`, kind: 'TOP_UP', debitAccountId: source.accountId, creditAccountId: accountIds.budget(campaignId), amountCents, campaignId, by, createdAt: now.toISOString() };
    return this.transact<'TOPPED_UP' | 'ALREADY_DONE'>(
      () => {
        const tx = new Transaction();
        this.campaignIn(tx, campaignId, 'ACTIVE', 'PAUSED');
        this.movement(tx, t, this.sourceSide(source), { accountId: t.creditAccountId, kind: 'CAMPAIGN_BUDGET', counters: { fundedCents: amountCents } });
        return tx;
      },
      () => 'TOPPED_UP',
      (tx) => {
        if (tx.failed('transfer')) return 'ALREADY_DONE';
        if (tx.failed('debit')) throw new ConflictError('MERCHANT_FUNDS_INSUFFICIENT', "The shop's deposit does not cover this top-up: record its deposit first.");
        throw new ConflictError('CAMPAIGN_NOT_ACTIVE', 'Only an active or paused campaign can be topped up.');
      },
    );
  }

  async closeCampaign(campaignId: string, by: string, now: Date, source: FundingAccount = CITY): Promise<{ returnedCents: number } | 'ALREADY_CLOSED'> {
    const budgetId = accountIds.budget(campaignId);
    let remaining = 0;
    return this.transact<{ returnedCents: number } | 'ALREADY_CLOSED'>(
      () => {
        const status = this.tables.campaigns.get(campaignId)?.status;
        if (status === 'CLOSED') return { answer: 'ALREADY_CLOSED' };
        if (status !== 'ACTIVE' && status !== 'PAUSED') throw new ConflictError('CAMPAIGN_NOT_ACTIVE', `Campaign ${campaignId} is ${String(status)}; only an active or paused campaign can be closed.`);
        remaining = this.balance(budgetId);
        const tx = new Transaction();
        this.campaignIn(tx, campaignId, status);
        tx.change(() => Object.assign(this.tables.campaigns.get(campaignId)!, { status: 'CLOSED', closedAt: now.toISOString(), closedBy: by }));
        if (remaining === 0) {
          tx.check('budget', this.accounts.get(budgetId)?.balanceCents === 0);
          return tx;
        }
        const t: Transfer = { transferId: `close:${campaignId}`, kind: 'CLOSE', debitAccountId: budgetId, creditAccountId: source.accountId, amountCents: remaining, campaignId, by, createdAt: now.toISOString() };
        this.movement(tx, t, { accountId: budgetId, kind: 'CAMPAIGN_BUDGET', guard: { equals: remaining }, counters: { returnedCents: remaining } }, { accountId: source.accountId, kind: source.kind });
        return tx;
      },
      () => ({ returnedCents: remaining }),
      () => undefined,
    );
  }

  async capUsage(campaignId: string, holderId: string, windowKey: string): Promise<number> {
    return this.caps.get(key(campaignId, holderId))?.get(windowKey) ?? 0;
  }

  async isCustomer(merchantId: string, residentId: string): Promise<boolean> {
    return this.customers.has(key(merchantId, residentId));
  }

  async depositMerchantFunds(merchantId: string, amountCents: number, reference: string, by: string, now: Date): Promise<'DEPOSITED' | 'ALREADY_DONE'> {
    const t: Transfer = { transferId: `deposit:${merchantId}:${reference}`, kind: 'DEPOSIT', debitAccountId: accountIds.merchantDeposits, creditAccountId: accountIds.merchantFunds(merchantId), amountCents, by, createdAt: now.toISOString() };
    return this.transact<'DEPOSITED' | 'ALREADY_DONE'>(
      () => {
        const tx = new Transaction();
        this.movement(tx, t, { accountId: accountIds.merchantDeposits, kind: 'MERCHANT_DEPOSITS' }, { accountId: t.creditAccountId, kind: 'MERCHANT_FUNDS', sets: { merchantId } });
        return tx;
      },
      () => 'DEPOSITED',
      () => 'ALREADY_DONE',
    );
  }

  async creditCashback(req: CashbackRequest, now: Date): Promise<CashbackResult> {
    const walletId = accountIds.wallet(req.residentId);
    let paid: PaidCredit[] = [];
    return this.transact<CashbackResult>(
      () => {
        const options = req.credits.flat();
        const stored = this.tables.receipts.get(req.receiptId);
        if (stored?.receipt.status !== 'PROCESSING') return { answer: { outcome: 'ALREADY_DONE' } };
        const campaignIds = [...new Set(options.map((o) => o.campaignId))];
        const allocation = allocateCredits(req, {
          budgetLeftCents: new Map(campaignIds.map((id) => [id, this.balance(accountIds.budget(id))])),
          capUsedCents: (o) => (o.cap ? (this.caps.get(key(o.campaignId, o.cap.holderId))?.get(o.cap.windowKey) ?? 0) : 0),
          alreadyCustomer: options.some((o) => o.firstPurchaseOnly) && this.customers.has(key(req.merchantId, req.residentId)),
        });
        if (!allocation.ok) return { answer: { outcome: 'REFUSED', code: allocation.code } };
        paid = allocation.paid;
        const iso = now.toISOString();
        const total = paid.reduce((sum, p) => sum + p.amountCents, 0);
        const tx = new Transaction();
        for (const p of paid) {
          const budgetId = accountIds.budget(p.campaignId);
          this.transfer(tx, { transferId: p.transferId, kind: 'CASHBACK', debitAccountId: budgetId, creditAccountId: walletId, amountCents: p.amountCents, campaignId: p.campaignId, receiptId: req.receiptId, createdAt: iso });
          this.update(tx, { accountId: budgetId, kind: 'CAMPAIGN_BUDGET', guard: 'NON_NEGATIVE', counters: { cashbackCents: p.amountCents, salesCents: req.totalCents, creditedReceipts: 1 } }, 'debit', p.amountCents, 'budget');
          tx.change(() => {
            this.tables.markCampaignReceipt(p.campaignId, req.receiptId, 'CREDITED');
            this.mark(this.campaignResidents, p.campaignId, req.residentId);
            this.mark(this.campaignMerchants, p.campaignId, req.merchantId);
          });
          const cap = options.find((o) => o.campaignId === p.campaignId)!.cap;
          if (cap && p.cap) {
            const counters = this.caps.get(key(p.campaignId, cap.holderId));
            const used = counters?.get(cap.windowKey);
            const use = p.cap.usedCents;
            tx.check('cap', used === undefined || used <= cap.amountCents - use);
            tx.change(() => {
              let windows = this.caps.get(key(p.campaignId, cap.holderId));
              if (!windows) this.caps.set(key(p.campaignId, cap.holderId), (windows = new Map()));
              windows.set(cap.windowKey, (windows.get(cap.windowKey) ?? 0) + use);
            });
          }
        }
        this.update(tx, { accountId: walletId, kind: 'RESIDENT_WALLET', sets: { residentId: req.residentId } }, 'credit', total);
        tx.check('receipt', stored.receipt.status === 'PROCESSING');
        tx.change(() => {
          Object.assign(stored.receipt, { status: 'CREDITED', cashbackCents: total, credits: copy(paid), updatedAt: iso });
          stored.listed = { status: 'CREDITED', sortKey: `${iso}#${req.receiptId}` };
        });
        const customerKey = key(req.merchantId, req.residentId);
        if (allocation.bonusPaid) tx.check('customer', !this.customers.has(customerKey));
        tx.change(() => {
          const c = this.customers.get(customerKey) ?? { purchases: 0 };
          this.customers.set(customerKey, { ...c, firstCreditedAt: c.firstCreditedAt ?? iso, lastCreditedAt: iso, purchases: c.purchases + 1 });
        });
        // The figures' counters and the resident's markers, in the same step.
        const figures = this.tables.figures.planMovement(req.residentId, {
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
      () => ({ outcome: 'CREDITED', amountCents: paid.reduce((sum, p) => sum + p.amountCents, 0), credits: copy(paid) }),
      // A transfer exists already or the receipt moved on: nothing to do. A budget, cap or new-customer guard: decide again.
      (tx) => (tx.failed('transfer') || tx.failed('receipt') ? { outcome: 'ALREADY_DONE' } : undefined),
    );
  }

  private mark(sets: Map<string, Set<string>>, campaignId: string, id: string): void {
    let s = sets.get(campaignId);
    if (!s) sets.set(campaignId, (s = new Set()));
    s.add(id);
  }

  async reverseCashback(req: ReversalRequest, now: Date): Promise<'REVERSED' | 'ALREADY_DONE' | 'NOT_CREDITED'> {
    const walletId = accountIds.wallet(req.residentId);
    const iso = now.toISOString();
    const total = req.credits.reduce((sum, c) => sum + c.amountCents, 0);
    return this.transact<'REVERSED' | 'ALREADY_DONE' | 'NOT_CREDITED'>(
      () => {
        const tx = new Transaction();
        const stored = this.tables.receipts.get(req.receiptId);
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
        this.update(tx, { accountId: walletId, kind: 'RESIDENT_WALLET' }, 'debit', total);
        // Several credits may return to the same account (two closed city campaigns): one update each, as one item.
        const targets = new Map<string, { side: Side; amount: number }>();
        for (const c of req.credits) {
          const budgetId = accountIds.budget(c.campaignId);
          const toBudget = c.returnTo === 'BUDGET';
          const target = c.returnTo === 'BUDGET' ? { accountId: budgetId, kind: 'CAMPAIGN_BUDGET' as const } : c.returnTo;
          const counters = { reversedCents: c.amountCents, salesCents: -req.totalCents, creditedReceipts: -1 };
          if (toBudget) this.campaignIn(tx, c.campaignId, 'ACTIVE', 'PAUSED');
          else this.campaignIn(tx, c.campaignId, 'CLOSED');
          this.transfer(tx, {
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
          tx.change(() => this.tables.markCampaignReceipt(c.campaignId, req.receiptId, 'REJECTED'));
          const t = targets.get(target.accountId) ?? { side: { ...target, ...(toBudget ? { counters } : {}) }, amount: 0 };
          t.amount += c.amountCents;
          targets.set(target.accountId, t);
          // Once closed, the campaign's money goes back to its funder: count it as returned too.
          if (!toBudget) tx.change(() => this.addCounters(budgetId, 'CAMPAIGN_BUDGET', { ...counters, returnedCents: c.amountCents }));
          if (c.cap) {
            const cap = c.cap;
            tx.change(() => {
              let windows = this.caps.get(key(c.campaignId, cap.holderId));
              if (!windows) this.caps.set(key(c.campaignId, cap.holderId), (windows = new Map()));
              windows.set(cap.windowKey, (windows.get(cap.windowKey) ?? 0) - cap.usedCents);
            });
          }
        }
        for (const { side, amount } of targets.values()) this.update(tx, side, 'credit', amount);
        // The figures: the receipt's counters leave the week they went into, a refused receipt is counted.
        const decision = stored?.receipt.decision;
        if (stored?.receipt.status === 'CREDITED' && decision?.merchantId) {
          const figures = this.tables.figures.planMovement(req.residentId, {
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

  private payoutTransfer(kind: 'PAYOUT' | 'PAYOUT_POSTED' | 'PAYOUT_VOIDED', item: PayoutMovement, now: Date, reason?: string): Transfer {
    const prefix = kind === 'PAYOUT' ? 'payout' : kind === 'PAYOUT_POSTED' ? 'payout-posted' : 'payout-voided';
    const wallet = accountIds.wallet(item.residentId);
    const [debitAccountId, creditAccountId] =
      kind === 'PAYOUT' ? [wallet, accountIds.payoutsInTransit] : kind === 'PAYOUT_POSTED' ? [accountIds.payoutsInTransit, accountIds.paidOut] : [accountIds.payoutsInTransit, wallet];
    return { transferId: `${prefix}:${item.itemId}`, kind, debitAccountId, creditAccountId, amountCents: item.amountCents, createdAt: now.toISOString(), ...(reason ? { reason } : {}) };
  }

  /** The payout item's move from one status to the next, in the same transaction as the money. */
  private payoutItemMove(tx: Transaction, item: PayoutMovement, from: PayoutItemStatus, to: PayoutItemStatus, now: Date, extra: Record<string, string> = {}): void {
    const stored = this.tables.payoutItems.get(item.payoutId)?.get(item.itemId);
    tx.check('item', stored?.status === from);
    tx.change(() => Object.assign(stored!, extra, { status: to, updatedAt: now.toISOString() }));
  }

  async reservePayout(item: PayoutMovement, now: Date): Promise<'RESERVED' | 'ALREADY_DONE' | 'REFUSED'> {
    const t = this.payoutTransfer('PAYOUT', item, now);
    return this.transact<'RESERVED' | 'ALREADY_DONE' | 'REFUSED'>(
      () => {
        const tx = new Transaction();
        this.movement(
          tx,
          t,
          {
            accountId: t.debitAccountId,
            kind: 'RESIDENT_WALLET',
            guard: 'NON_NEGATIVE',
            counters: { pendingPayoutCents: item.amountCents },
            sets: { inPayout: item.payoutId },
            when: (a) => a?.inPayout === undefined || a.inPayout === item.payoutId,
          },
          { accountId: accountIds.payoutsInTransit, kind: 'PAYOUTS_IN_TRANSIT' },
        );
        this.payoutItemMove(tx, item, 'RESERVING', 'PENDING', now);
        return tx;
      },
      () => 'RESERVED',
      (tx) => (tx.failed('transfer') ? 'ALREADY_DONE' : 'REFUSED'),
    );
  }

  async postPayout(item: PayoutMovement, now: Date): Promise<'POSTED' | 'ALREADY_DONE'> {
    const t = this.payoutTransfer('PAYOUT_POSTED', item, now);
    const walletId = accountIds.wallet(item.residentId);
    return this.transact<'POSTED' | 'ALREADY_DONE'>(
      () => {
        const tx = new Transaction();
        this.movement(tx, t, { accountId: accountIds.payoutsInTransit, kind: 'PAYOUTS_IN_TRANSIT' }, { accountId: accountIds.paidOut, kind: 'PAID_OUT' });
        const wallet = this.accounts.get(walletId);
        tx.check('wallet', wallet?.inPayout === item.payoutId);
        tx.change(() => {
          this.addCounters(walletId, 'RESIDENT_WALLET', { pendingPayoutCents: -item.amountCents, paidOutCents: item.amountCents }, false);
          delete wallet!.inPayout;
        });
        this.payoutItemMove(tx, item, 'PENDING', 'POSTED', now);
        return tx;
      },
      () => 'POSTED',
      (tx) => {
        if (tx.failed('transfer') || tx.failed('item')) return 'ALREADY_DONE';
        throw new Error(`postPayout(${item.itemId}): the wallet is not held by batch ${item.payoutId}`);
      },
    );
  }

  async voidPayout(item: PayoutMovement, reason: string, now: Date): Promise<'VOIDED' | 'ALREADY_DONE'> {
    const t = this.payoutTransfer('PAYOUT_VOIDED', item, now, reason);
    return this.transact<'VOIDED' | 'ALREADY_DONE'>(
      () => {
        const tx = new Transaction();
        this.movement(
          tx,
          t,
          { accountId: accountIds.payoutsInTransit, kind: 'PAYOUTS_IN_TRANSIT' },
          { accountId: t.creditAccountId, kind: 'RESIDENT_WALLET', counters: { pendingPayoutCents: -item.amountCents }, removes: ['inPayout'], when: (a) => a?.inPayout === item.payoutId },
        );
        this.payoutItemMove(tx, item, 'PENDING', 'VOIDED', now, { voidReason: reason });
        return tx;
      },
      () => 'VOIDED',
      (tx) => {
        if (tx.failed('transfer') || tx.failed('item')) return 'ALREADY_DONE';
        throw new Error(`voidPayout(${item.itemId}): the wallet is not held by batch ${item.payoutId}`);
      },
    );
  }

  async getAccount(accountId: string): Promise<Account | undefined> {
    const a = this.accounts.get(accountId);
    return a ? toAccount(a) : undefined;
  }

  async entries(accountId: string, limit: number, cursor?: string): Promise<Page<LedgerEntry>> {
    const sorted = sortedBy(this.entryItems.get(accountId)?.entries() ?? [], ([sk]) => sk, 'DESC').map(({ key: k, item: [, e] }) => ({ key: k, item: e }));
    const page = pageOf(`account:${accountId}`, sorted, 'DESC', limit, cursor);
    return { ...page, items: page.items.map(({ accountId: _a, ...e }) => copy(e)) };
  }

  async campaignStats(campaignId: string): Promise<CampaignLedgerStats> {
    const b: Partial<AccountItem> = this.accounts.get(accountIds.budget(campaignId)) ?? {};
    const buckets = this.tables.figures.read({ campaignId });
    return campaignStatsOf((k) => Number(b[k] ?? 0), buckets);
  }

  async figureBuckets(query: FiguresQuery): Promise<FigureBuckets> {
    return this.tables.figures.read(query);
  }

  async campaignBudgets(campaignIds?: readonly string[]): Promise<CampaignBudget[]> {
    const ids = [...new Set(campaignIds ?? [...this.tables.campaigns.keys()])];
    const budgets: CampaignBudget[] = [];
    for (const id of ids) {
      const a = this.accounts.get(accountIds.budget(id));
      if (!a) continue;
      const n = (k: string) => Number(a[k] ?? 0);
      budgets.push({ campaignId: id, fundedCents: n('fundedCents'), spentCents: n('cashbackCents') - n('reversedCents'), returnedCents: n('returnedCents'), remainingCents: n('balanceCents') });
    }
    return budgets.sort((a, b) => (a.campaignId < b.campaignId ? -1 : 1));
  }

  async *allFigureBuckets(): AsyncIterable<{ key: BucketKey; counters: Counters }> {
    for (const { key: k, counters } of [...this.tables.figures.buckets.values()]) {
      const only = zeroCounters();
      for (const n of COUNTER_NAMES) only[n] = counters[n];
      yield { key: copy(k), counters: only };
    }
  }

  async *allAccounts(): AsyncIterable<Account> {
    for (const a of [...this.accounts.values()]) yield toAccount(a);
  }

  async *allTransfers(): AsyncIterable<Transfer> {
    for (const t of [...this.transfers.values()]) yield copy(t);
  }

  async *allEntries(): AsyncIterable<LedgerEntry & { accountId: string }> {
    for (const entries of [...this.entryItems.values()]) for (const e of [...entries.values()]) yield copy(e);
  }

  async *walletsWithBalance(minCents: number): AsyncIterable<Account> {
    for (const a of [...this.accounts.values()]) if (a.kind === 'RESIDENT_WALLET' && a.balanceCents >= minCents) yield toAccount(a);
  }

  /** Erasure: every transfer, entry and sum of the wallet moves to the pseudonym's wallet, in one step. */
  async renameWallet(fromResidentId: string, toResidentId: string): Promise<'RENAMED' | 'NO_WALLET' | 'IN_PAYOUT'> {
    const fromId = accountIds.wallet(fromResidentId);
    const toId = accountIds.wallet(toResidentId);
    const wallet = this.accounts.get(fromId);
    if (!wallet) return 'NO_WALLET';
    if (wallet.inPayout !== undefined || Number(wallet.pendingPayoutCents ?? 0) !== 0) return 'IN_PAYOUT';
    const entries = this.entryItems.get(fromId) ?? new Map<string, LedgerEntry & { accountId: string }>();
    const sums = { balanceCents: 0, debitsCents: 0, creditsCents: 0, paidOutCents: Number(wallet.paidOutCents ?? 0) };
    let moved = this.entryItems.get(toId);
    if (entries.size > 0 && !moved) this.entryItems.set(toId, (moved = new Map()));
    for (const [sk, e] of entries) {
      const t = this.transfers.get(e.transferId)!;
      if (e.amountCents < 0) t.debitAccountId = toId;
      else t.creditAccountId = toId;
      const other = this.entryItems.get(e.counterpartyAccountId)?.get(sk);
      if (other) other.counterpartyAccountId = toId;
      moved!.set(sk, { ...e, accountId: toId });
      sums.balanceCents += e.amountCents;
      if (e.amountCents < 0) sums.debitsCents -= e.amountCents;
      else sums.creditsCents += e.amountCents;
    }
    this.entryItems.delete(fromId);
    this.accounts.delete(fromId);
    if (entries.size > 0 || sums.paidOutCents !== 0) {
      const target = this.accountItem(toId, 'RESIDENT_WALLET');
      target.residentId = toResidentId;
      for (const [k, v] of Object.entries(sums)) if (v !== 0 || entries.size > 0) target[k] = Number(target[k] ?? 0) + v;
    }
    return 'RENAMED';
  }

  async closeWallet(residentId: string, now: Date): Promise<{ closedCents: number } | 'ALREADY_CLOSED' | 'IN_PAYOUT'> {
    const walletId = accountIds.wallet(residentId);
    let balance = 0;
    return this.transact<{ closedCents: number } | 'ALREADY_CLOSED' | 'IN_PAYOUT'>(
      () => {
        const wallet = this.accounts.get(walletId);
        balance = wallet?.balanceCents ?? 0;
        if (!wallet || balance === 0) return { answer: { closedCents: 0 } };
        if (wallet.inPayout !== undefined || Number(wallet.pendingPayoutCents ?? 0) !== 0) return { answer: 'IN_PAYOUT' };
        const forfeited = balance > 0;
        const t: Transfer = {
          transferId: `wallet-close:${residentId}`,
          kind: 'WALLET_CLOSE',
          debitAccountId: forfeited ? walletId : accountIds.cityFunding,
          creditAccountId: forfeited ? accountIds.cityFunding : walletId,
          amountCents: Math.abs(balance),
          reason: forfeited ? 'Effacement du résident : solde non versé, rendu à la ville' : 'Effacement du résident : dette du portefeuille abandonnée',
          createdAt: now.toISOString(),
        };
        const walletSide: Side = { accountId: walletId, kind: 'RESIDENT_WALLET', guard: { equals: balance }, when: (a) => a?.inPayout === undefined };
        const city: Side = { accountId: accountIds.cityFunding, kind: 'CITY_FUNDING' };
        const tx = new Transaction();
        if (forfeited) this.movement(tx, t, walletSide, city);
        else this.movement(tx, t, city, walletSide);
        return tx;
      },
      () => ({ closedCents: balance }),
      (tx) => (tx.failed('transfer') ? 'ALREADY_CLOSED' : undefined),
    );
  }

  async rekeyResidentRecords(fromResidentId: string, toResidentId: string, refs: { campaignIds: string[]; merchantIds: string[] }): Promise<void> {
    for (const campaignId of refs.campaignIds) {
      const from = this.caps.get(key(campaignId, fromResidentId));
      if (from) {
        let to = this.caps.get(key(campaignId, toResidentId));
        if (!to) this.caps.set(key(campaignId, toResidentId), (to = new Map()));
        for (const [windowKey, used] of from) to.set(windowKey, (to.get(windowKey) ?? 0) + used);
        this.caps.delete(key(campaignId, fromResidentId));
      }
      const residents = this.campaignResidents.get(campaignId);
      if (residents?.delete(fromResidentId)) residents.add(toResidentId);
    }
    for (const merchantId of refs.merchantIds) {
      const from = this.customers.get(key(merchantId, fromResidentId));
      if (!from) continue;
      const to = this.customers.get(key(merchantId, toResidentId));
      this.customers.set(key(merchantId, toResidentId), {
        purchases: (to?.purchases ?? 0) + from.purchases,
        ...((to?.firstCreditedAt ?? from.firstCreditedAt) !== undefined ? { firstCreditedAt: to?.firstCreditedAt ?? from.firstCreditedAt } : {}),
        ...(from.lastCreditedAt !== undefined ? { lastCreditedAt: from.lastCreditedAt } : {}),
      });
      this.customers.delete(key(merchantId, fromResidentId));
    }
    // The figures' markers (new and returning customers, residents reached) of the programme and these campaigns.
    this.tables.figures.rekey(fromResidentId, toResidentId, refs.campaignIds);
  }
}

function toAccount(a: AccountItem): Account {
  return {
    accountId: String(a.accountId),
    kind: a.kind,
    balanceCents: Number(a.balanceCents ?? 0),
    debitsCents: Number(a.debitsCents ?? 0),
    creditsCents: Number(a.creditsCents ?? 0),
    pendingPayoutCents: Number(a.pendingPayoutCents ?? 0),
    paidOutCents: Number(a.paidOutCents ?? 0),
    ...(a.residentId ? { residentId: String(a.residentId) } : {}),
    ...(a.inPayout ? { inPayout: String(a.inPayout) } : {}),
  };
}
