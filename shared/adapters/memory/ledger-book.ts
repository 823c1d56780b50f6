import type { Campaign } from '../../domain/campaign';
import {
  accountIds,
  type Account,
  type AccountKind,
  type FundingAccount,
  type Ledger,
  type LedgerEntry,
  type PayoutMovement,
  type Transfer,
} from '../../ports';
import type { PayoutItemStatus } from '../../ports/payouts';
import { copy } from './cursor';
import { MemoryTables } from './tables';

export const MAX_ATTEMPTS = 25;
export const CITY: FundingAccount = { accountId: accountIds.cityFunding, kind: 'CITY_FUNDING' };

/** An account as stored: the Account fields, its statistics counters (budgets) and its attributes. */
export type AccountItem = Record<string, string | number | undefined> & { accountId: string; kind: AccountKind; balanceCents: number };

/** One side of a movement, as in the DynamoDB ledger: the account, its guard, what else changes on it. */
export interface Side {
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
export class Transaction {
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

export const key = (...parts: string[]) => JSON.stringify(parts);

/**
 * The in-memory ledger's state (accounts, transfers, entries, caps, customer records) and the
 * steps its operations are made of: guarded account updates, transfers written once, and the
 * all-or-nothing `transact`. The operations (ledger-*.ts) build on it.
 */
export class MemoryBook {
  readonly accounts = new Map<string, AccountItem>();
  readonly transfers = new Map<string, Transfer>();
  /** Per account, its entries by `<createdAt>#<transferId>`. */
  readonly entryItems = new Map<string, Map<string, LedgerEntry & { accountId: string }>>();
  /** Cap counters by [campaignId, holderId], then window. */
  readonly caps = new Map<string, Map<string, number>>();
  /** Loyalty tallies by [campaignId, holderId, windowKey]. */
  readonly tallies = new Map<string, { count: number; rewarded: number }>();
  /** Customer records by [merchantId, residentId]. */
  readonly customers = new Map<string, { purchases: number; firstCreditedAt?: string; lastCreditedAt?: string }>();
  /** The residents and shops credited under each campaign (its statistics' counts). */
  readonly campaignResidents = new Map<string, Set<string>>();
  readonly campaignMerchants = new Map<string, Set<string>>();

  constructor(readonly tables: MemoryTables = new MemoryTables()) {}

  /** Builds and commits a transaction, deciding again when a guard fails (as the DynamoDB ledger retries). */
  transact<T>(build: () => Transaction | { answer: T }, onSuccess: () => T, onCondition: (tx: Transaction) => T | undefined): T {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const tx = build();
      if (!(tx instanceof Transaction)) return tx.answer;
      if (tx.commit()) return onSuccess();
      const answer = onCondition(tx);
      if (answer !== undefined) return answer;
    }
    throw new Error('Ledger: too much contention; the operation will be retried');
  }

  balance(accountId: string): number {
    return Number(this.accounts.get(accountId)?.balanceCents ?? 0);
  }

  update(tx: Transaction, side: Side, direction: 'debit' | 'credit', amount: number, role = 'account'): void {
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
  accountItem(accountId: string, kind: AccountKind): AccountItem {
    let a = this.accounts.get(accountId);
    if (!a) this.accounts.set(accountId, (a = { accountId, kind, balanceCents: 0 }));
    a.kind = kind;
    return a;
  }

  addCounters(accountId: string, kind: AccountKind, counters: Record<string, number>, create = true): void {
    const a = create ? this.accountItem(accountId, kind) : this.accounts.get(accountId);
    if (!a) return;
    for (const [k, v] of Object.entries(counters)) a[k] = Number(a[k] ?? 0) + v;
  }

  /** A transfer written once (its id is the idempotency guard) and its entry on each account. */
  transfer(tx: Transaction, t: Transfer, role = 'transfer'): void {
    tx.check(role, !this.transfers.has(t.transferId));
    tx.change(() => {
      this.transfers.set(t.transferId, copy(t));
      this.putEntry(t, t.debitAccountId, -t.amountCents, t.creditAccountId);
      this.putEntry(t, t.creditAccountId, t.amountCents, t.debitAccountId);
    });
  }

  putEntry(t: Transfer, accountId: string, signed: number, counterparty: string): void {
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

  movement(tx: Transaction, t: Transfer, debit: Side, credit: Side): void {
    this.transfer(tx, t);
    this.update(tx, debit, 'debit', t.amountCents, 'debit');
    this.update(tx, credit, 'credit', t.amountCents, 'credit');
  }

  campaignIn(tx: Transaction, campaignId: string, ...statuses: Campaign['status'][]): void {
    const status = this.tables.campaigns.get(campaignId)?.status;
    tx.check('campaign', status !== undefined && statuses.includes(status));
  }

  sourceSide(source: FundingAccount): Side {
    return source.kind === 'MERCHANT_FUNDS' ? { accountId: source.accountId, kind: source.kind, guard: 'NON_NEGATIVE' } : { accountId: source.accountId, kind: source.kind };
  }

  mark(sets: Map<string, Set<string>>, campaignId: string, id: string): void {
    let s = sets.get(campaignId);
    if (!s) sets.set(campaignId, (s = new Set()));
    s.add(id);
  }

  payoutTransfer(kind: 'PAYOUT' | 'PAYOUT_POSTED' | 'PAYOUT_VOIDED', item: PayoutMovement, now: Date, reason?: string): Transfer {
    const prefix = kind === 'PAYOUT' ? 'payout' : kind === 'PAYOUT_POSTED' ? 'payout-posted' : 'payout-voided';
    const wallet = accountIds.wallet(item.residentId);
    const [debitAccountId, creditAccountId] =
      kind === 'PAYOUT' ? [wallet, accountIds.payoutsInTransit] : kind === 'PAYOUT_POSTED' ? [accountIds.payoutsInTransit, accountIds.paidOut] : [accountIds.payoutsInTransit, wallet];
    return { transferId: `${prefix}:${item.itemId}`, kind, debitAccountId, creditAccountId, amountCents: item.amountCents, createdAt: now.toISOString(), ...(reason ? { reason } : {}) };
  }

  /** The payout item's move from one status to the next, in the same transaction as the money. */
  payoutItemMove(tx: Transaction, item: PayoutMovement, from: PayoutItemStatus, to: PayoutItemStatus, now: Date, extra: Record<string, string> = {}): void {
    const stored = this.tables.payoutItems.get(item.payoutId)?.get(item.itemId);
    tx.check('item', stored?.status === from);
    tx.change(() => Object.assign(stored!, extra, { status: to, updatedAt: now.toISOString() }));
  }
}

export function toAccount(a: AccountItem): Account {
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

