import { type TableClient, GetCommand, TransactWriteCommand } from './client/commands';
import type { Campaign } from '../../domain/campaign';
import {
  accountIds,
  type FundingAccount,
  type Account,
  type AccountKind,
  type LedgerEntry,
  type PayoutMovement,
  type Transfer,
} from '../../ports';
import { keys } from './table';
import { cancellationReasons, failed, type CancellationReason } from './transactions';

export type TransactItems = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>;
export type TransactItem = TransactItems[number];

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Full-jitter exponential backoff, capped at one second. */
export function backoffMs(attempt: number): number {
  return Math.random() * Math.min(1000, 20 * 2 ** attempt);
}

export const MAX_ATTEMPTS = 25;

export const CITY: FundingAccount = { accountId: accountIds.cityFunding, kind: 'CITY_FUNDING' };

/** One side of a movement: which account, and what else changes on it in the same update. */
export interface Side {
  accountId: string;
  kind: AccountKind;
  /** Debits only: the account may not go below zero (budgets), or must hold exactly this balance (closing). */
  guard?: 'NON_NEGATIVE' | { equals: number };
  /** Counters added on the account item (stats that must agree with the money). */
  counters?: Record<string, number>;
  /** Attributes set on the account item. */
  sets?: Record<string, string>;
  /** Attributes removed from the account item. */
  removes?: string[];
  /** A further condition on the account item, ANDed with the guard. */
  condition?: { expression: string; values: Record<string, unknown> };
}

/**
 * The ledger's table and the items its transactions are made of: a movement's transfer, accounts
 * and entries, guards, and the retrying `transact`. The operations (ledger-*.ts) build on it.
 */
export class LedgerTable {
  constructor(readonly doc: TableClient, readonly table: string) {}

  async getAccount(accountId: string): Promise<Account | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: keys.account(accountId), ConsistentRead: true }));
    return out.Item ? toAccount(out.Item) : undefined;
  }

  /** The five items of a movement: transfer, debit account, credit account, and their entries. */
  movement(t: Transfer, debit: Side, credit: Side): TransactItems {
    const { put, entries } = this.transferItems(t);
    return [put, this.accountUpdate(debit, 'debit', t.amountCents), this.accountUpdate(credit, 'credit', t.amountCents), ...entries];
  }

  /**
   * A transfer's own items: the transfer (written once: its id is the idempotency guard) and the
   * entry on each of its accounts. The accounts' updates are the caller's, as several transfers of
   * one transaction may move one account (an item appears once in a transaction).
   */
  transferItems(t: Transfer): { put: TransactItem; entries: TransactItem[] } {
    return {
      put: { Put: { TableName: this.table, Item: { ...keys.transfer(t.transferId), type: 'transfer', ...t }, ConditionExpression: 'attribute_not_exists(pk)' } },
      entries: [this.entryPut(t, t.debitAccountId, -t.amountCents, t.creditAccountId), this.entryPut(t, t.creditAccountId, t.amountCents, t.debitAccountId)],
    };
  }

  entryPut(t: Transfer, accountId: string, signed: number, counterparty: string): TransactItem {
    const entry: LedgerEntry & { accountId: string } = {
      accountId,
      transferId: t.transferId,
      kind: t.kind,
      amountCents: signed,
      counterpartyAccountId: counterparty,
      createdAt: t.createdAt,
      ...(t.campaignId ? { campaignId: t.campaignId } : {}),
      ...(t.receiptId ? { receiptId: t.receiptId } : {}),
    };
    return { Put: { TableName: this.table, Item: { pk: `ACCOUNT#${accountId}`, sk: `ENTRY#${t.createdAt}#${t.transferId}`, type: 'entry', ...entry } } };
  }

  accountUpdate(side: Side, direction: 'debit' | 'credit', amount: number): TransactItem {
    const names: Record<string, string> = { '#type': 'type' };
    const values: Record<string, unknown> = {
      ':id': side.accountId,
      ':kind': side.kind,
      ':type': 'account',
      ':delta': direction === 'debit' ? -amount : amount,
      ':amount': amount,
    };
    const sets = ['accountId = :id', 'kind = :kind', '#type = :type'];
    const adds = ['balanceCents :delta', `${direction === 'debit' ? 'debitsCents' : 'creditsCents'} :amount`];
    for (const [k, v] of Object.entries(side.sets ?? {})) {
      names[`#s_${k}`] = k;
      values[`:s_${k}`] = v;
      sets.push(`#s_${k} = :s_${k}`);
    }
    for (const [k, v] of Object.entries(side.counters ?? {})) {
      names[`#c_${k}`] = k;
      values[`:c_${k}`] = v;
      adds.push(`#c_${k} :c_${k}`);
    }
    const conditions: string[] = [];
    if (side.guard === 'NON_NEGATIVE') conditions.push('balanceCents >= :amount');
    else if (side.guard) {
      conditions.push('balanceCents = :expected');
      values[':expected'] = side.guard.equals;
    }
    if (side.condition) {
      conditions.push(`(${side.condition.expression})`);
      Object.assign(values, side.condition.values);
    }
    const condition = conditions.length > 0 ? conditions.join(' AND ') : undefined;
    const removes = side.removes && side.removes.length > 0 ? ` REMOVE ${side.removes.join(', ')}` : '';
    return {
      Update: {
        TableName: this.table,
        Key: keys.account(side.accountId),
        UpdateExpression: `SET ${sets.join(', ')} ADD ${adds.join(', ')}${removes}`,
        ...(condition ? { ConditionExpression: condition } : {}),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  }

  countersOnly(accountId: string, counters: Record<string, number>): TransactItem {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const adds: string[] = [];
    for (const [k, v] of Object.entries(counters)) {
      names[`#c_${k}`] = k;
      values[`:c_${k}`] = v;
      adds.push(`#c_${k} :c_${k}`);
    }
    return { Update: { TableName: this.table, Key: keys.account(accountId), UpdateExpression: `ADD ${adds.join(', ')}`, ExpressionAttributeNames: names, ExpressionAttributeValues: values } };
  }

  campaignCheck(campaignId: string, ...statuses: Campaign['status'][]): TransactItem {
    const values = Object.fromEntries(statuses.map((st, i) => [`:st${i}`, st]));
    return {
      ConditionCheck: {
        TableName: this.table,
        Key: keys.campaign(campaignId),
        ConditionExpression: `#s IN (${Object.keys(values).join(', ')})`,
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: values,
      },
    };
  }

  async campaignStatus(campaignId: string): Promise<string | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: keys.campaign(campaignId), ConsistentRead: true, ProjectionExpression: '#s', ExpressionAttributeNames: { '#s': 'status' } }));
    return out.Item?.status as string | undefined;
  }

  /**
   * Sends a transaction, retrying conflicts with jittered backoff. A cancellation for a failed
   * condition is handed to `onCondition`, which either answers (a business outcome) or asks for
   * another attempt (after re-reading) by returning undefined.
   */
  async transact<T>(
    build: () => Promise<TransactItems | T>,
    onSuccess: () => T,
    onCondition: (reasons: CancellationReason[]) => Promise<T | undefined>,
  ): Promise<T> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const items = await build();
      if (!Array.isArray(items)) return items as T;
      try {
        await this.doc.send(new TransactWriteCommand({ TransactItems: items as TransactItems }));
        return onSuccess();
      } catch (err) {
        const reasons = cancellationReasons(err);
        if (!reasons) throw err;
        if (!reasons.some(failed)) {
          // TransactionConflict or throttling: someone else was writing the same item.
          await sleep(backoffMs(attempt));
          continue;
        }
        const answer = await onCondition(reasons);
        if (answer !== undefined) return answer;
        await sleep(backoffMs(attempt));
      }
    }
    throw new Error('Ledger: too much contention; the operation will be retried');
  }

  /** The debit side of a funding source: a shop's deposit may not go below zero, the city's may. */
  sourceSide(source: FundingAccount): Side {
    return source.kind === 'MERCHANT_FUNDS' ? { accountId: source.accountId, kind: source.kind, guard: 'NON_NEGATIVE' } : { accountId: source.accountId, kind: source.kind };
  }

  payoutTransfer(kind: 'PAYOUT' | 'PAYOUT_POSTED' | 'PAYOUT_VOIDED', item: { payoutId: string; itemId: string; residentId: string; amountCents: number }, now: Date, reason?: string): Transfer {
    const prefix = kind === 'PAYOUT' ? 'payout' : kind === 'PAYOUT_POSTED' ? 'payout-posted' : 'payout-voided';
    const wallet = accountIds.wallet(item.residentId);
    const [debitAccountId, creditAccountId] =
      kind === 'PAYOUT' ? [wallet, accountIds.payoutsInTransit] : kind === 'PAYOUT_POSTED' ? [accountIds.payoutsInTransit, accountIds.paidOut] : [accountIds.payoutsInTransit, wallet];
    return {
      transferId: `${prefix}:${item.itemId}`,
      kind,
      debitAccountId,
      creditAccountId,
      amountCents: item.amountCents,
      createdAt: now.toISOString(),
      ...(reason ? { reason } : {}),
    };
  }

  payoutItemUpdate(item: { payoutId: string; itemId: string }, from: string, to: string, now: Date, extra: Record<string, string> = {}): TransactItem {
    const names: Record<string, string> = { '#s': 'status' };
    const values: Record<string, unknown> = { ':from': from, ':to': to, ':now': now.toISOString() };
    const sets = ['#s = :to', 'updatedAt = :now'];
    for (const [k, v] of Object.entries(extra)) {
      names[`#x_${k}`] = k;
      values[`:x_${k}`] = v;
      sets.push(`#x_${k} = :x_${k}`);
    }
    return {
      Update: {
        TableName: this.table,
        Key: { pk: `PAYOUT#${item.payoutId}`, sk: `ITEM#${item.itemId}` },
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: '#s = :from',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  }

  /** Counters on the wallet and the end of the batch's hold, without moving its balance. */
  walletRelease(item: PayoutMovement, counters: Record<string, number>): TransactItem {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':payoutId': item.payoutId };
    const adds: string[] = [];
    for (const [k, v] of Object.entries(counters)) {
      names[`#c_${k}`] = k;
      values[`:c_${k}`] = v;
      adds.push(`#c_${k} :c_${k}`);
    }
    return {
      Update: {
        TableName: this.table,
        Key: keys.account(accountIds.wallet(item.residentId)),
        UpdateExpression: `ADD ${adds.join(', ')} REMOVE inPayout`,
        ConditionExpression: 'inPayout = :payoutId',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  }

  /** Adds to counters of a wallet (creating it), setting what every account item carries. */
  walletCounters(side: Side, counters: Record<string, number>): TransactItem {
    const names: Record<string, string> = { '#type': 'type' };
    const values: Record<string, unknown> = { ':id': side.accountId, ':kind': side.kind, ':type': 'account' };
    const sets = ['accountId = :id', 'kind = :kind', '#type = :type'];
    const adds: string[] = [];
    for (const [k, v] of Object.entries(side.sets ?? {})) {
      names[`#s_${k}`] = k;
      values[`:s_${k}`] = v;
      sets.push(`#s_${k} = :s_${k}`);
    }
    for (const [k, v] of Object.entries(counters)) {
      names[`#c_${k}`] = k;
      values[`:c_${k}`] = v;
      adds.push(`#c_${k} :c_${k}`);
    }
    return { Update: { TableName: this.table, Key: keys.account(side.accountId), UpdateExpression: `SET ${sets.join(', ')} ADD ${adds.join(', ')}`, ExpressionAttributeNames: names, ExpressionAttributeValues: values } };
  }
}

export function toAccount(item: Record<string, unknown>): Account {
  return {
    accountId: String(item.accountId),
    kind: item.kind as Account['kind'],
    balanceCents: Number(item.balanceCents ?? 0),
    debitsCents: Number(item.debitsCents ?? 0),
    creditsCents: Number(item.creditsCents ?? 0),
    pendingPayoutCents: Number(item.pendingPayoutCents ?? 0),
    paidOutCents: Number(item.paidOutCents ?? 0),
    ...(item.residentId ? { residentId: String(item.residentId) } : {}),
    ...(item.inPayout ? { inPayout: String(item.inPayout) } : {}),
  };
}
