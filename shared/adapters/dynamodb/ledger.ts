import { DynamoDBDocumentClient, GetCommand, QueryCommand, ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Campaign } from '../../domain/campaign';
import { ConflictError } from '../../domain/errors';
import {
  accountIds,
  fundingAccountOf,
  type FundingAccount,
  type PaidCredit,
  type Account,
  type AccountKind,
  type CampaignLedgerStats,
  type CampaignBudget,
  type FigureBuckets,
  type FiguresQuery,
  type CashbackRequest,
  type CashbackResult,
  type CapCounter,
  type Ledger,
  type LedgerEntry,
  type Page,
  type PayoutMovement,
  type ReversalRequest,
  type Transfer,
} from '../../ports';
import { allocateCredits } from '../../domain/credit';
import { localDate } from '../../domain/dates';
import { COUNTER_NAMES, campaignStatsOf, zeroCounters, type BucketKey, type Counters } from '../../domain/figures';
import { movementItems, readCampaignBudgets, readFigureBuckets, readMovementMarkers, rekeyFigureMarkers } from './figures';
import { keys } from './table';
import { cancellationReasons, failed, type CancellationReason } from './transactions';
import { cursorFor, queryPage, stripKeys } from './stores';

type TransactItems = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>;
type TransactItem = TransactItems[number];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Full-jitter exponential backoff, capped at one second. */
function backoffMs(attempt: number): number {
  return Math.random() * Math.min(1000, 20 * 2 ** attempt);
}

const MAX_ATTEMPTS = 25;

const CITY: FundingAccount = { accountId: accountIds.cityFunding, kind: 'CITY_FUNDING' };

/** One side of a movement: which account, and what else changes on it in the same update. */
interface Side {
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
 * The dotation ledger on DynamoDB. Every movement is one transaction that writes the immutable
 * transfer (its deterministic id written with attribute_not_exists), both accounts' stored
 * balances (with condition expressions as guards) and one entry per account for its history.
 */
export class DynamoLedger implements Ledger {
  constructor(private readonly doc: DynamoDBDocumentClient, private readonly table: string) {}

  /** The five items of a movement: transfer, debit account, credit account, and their entries. */
  private movement(t: Transfer, debit: Side, credit: Side): TransactItems {
    const { put, entries } = this.transferItems(t);
    return [put, this.accountUpdate(debit, 'debit', t.amountCents), this.accountUpdate(credit, 'credit', t.amountCents), ...entries];
  }

  /**
   * A transfer's own items: the transfer (written once: its id is the idempotency guard) and the
   * entry on each of its accounts. The accounts' updates are the caller's, as several transfers of
   * one transaction may move one account (an item appears once in a transaction).
   */
  private transferItems(t: Transfer): { put: TransactItem; entries: TransactItem[] } {
    return {
      put: { Put: { TableName: this.table, Item: { ...keys.transfer(t.transferId), type: 'transfer', ...t }, ConditionExpression: 'attribute_not_exists(pk)' } },
      entries: [this.entryPut(t, t.debitAccountId, -t.amountCents, t.creditAccountId), this.entryPut(t, t.creditAccountId, t.amountCents, t.debitAccountId)],
    };
  }

  private entryPut(t: Transfer, accountId: string, signed: number, counterparty: string): TransactItem {
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

  private accountUpdate(side: Side, direction: 'debit' | 'credit', amount: number): TransactItem {
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

  private countersOnly(accountId: string, counters: Record<string, number>): TransactItem {
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

  private campaignCheck(campaignId: string, ...statuses: Campaign['status'][]): TransactItem {
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

  private async campaignStatus(campaignId: string): Promise<string | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: keys.campaign(campaignId), ConsistentRead: true, ProjectionExpression: '#s', ExpressionAttributeNames: { '#s': 'status' } }));
    return out.Item?.status as string | undefined;
  }

  /**
   * Sends a transaction, retrying conflicts with jittered backoff. A cancellation for a failed
   * condition is handed to `onCondition`, which either answers (a business outcome) or asks for
   * another attempt (after re-reading) by returning undefined.
   */
  private async transact<T>(
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
  private sourceSide(source: FundingAccount): Side {
    return source.kind === 'MERCHANT_FUNDS' ? { accountId: source.accountId, kind: source.kind, guard: 'NON_NEGATIVE' } : { accountId: source.accountId, kind: source.kind };
  }

  async activateCampaign(campaign: Campaign, now: Date): Promise<'ACTIVATED' | 'ALREADY_ACTIVE'> {
    const budget = accountIds.budget(campaign.campaignId);
    const source = fundingAccountOf(campaign);
    const transfer: Transfer = {
      transferId: `funding:${campaign.campaignId}`,
      kind: 'FUNDING',
      debitAccountId: source.accountId,
      creditAccountId: budget,
      amountCents: campaign.budgetCents,
      campaignId: campaign.campaignId,
      createdAt: now.toISOString(),
    };
    return this.transact<'ACTIVATED' | 'ALREADY_ACTIVE'>(
      async () => [
        {
          Update: {
            TableName: this.table,
            Key: keys.campaign(campaign.campaignId),
            UpdateExpression: 'SET #s = :active, activatedAt = :now',
            ConditionExpression: '#s = :draft',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':active': 'ACTIVE', ':draft': 'DRAFT', ':now': now.toISOString() },
          },
        },
        ...this.movement(
          transfer,
          this.sourceSide(source),
          { accountId: budget, kind: 'CAMPAIGN_BUDGET', counters: { fundedCents: campaign.budgetCents }, sets: { campaignId: campaign.campaignId } },
        ),
      ],
      () => 'ACTIVATED',
      async (reasons) => {
        const status = await this.campaignStatus(campaign.campaignId);
        if (status === 'ACTIVE') return 'ALREADY_ACTIVE';
        if (status === 'DRAFT' && failed(reasons[2])) {
          throw new ConflictError('MERCHANT_FUNDS_INSUFFICIENT', `The shop's deposit does not cover this welcome bonus budget (${campaign.budgetCents} cents): record its deposit first.`);
        }
        throw new ConflictError('CAMPAIGN_NOT_DRAFT', `Campaign ${campaign.campaignId} is ${String(status)}, not DRAFT.`);
      },
    );
  }

  async topUpCampaign(campaignId: string, amountCents: number, topUpId: string, by: string, now: Date, source: FundingAccount = CITY): Promise<'TOPPED_UP' | 'ALREADY_DONE'> {
    const transfer: Transfer = {
      transferId: `topup:${campaignId}:${topUpId}`,
      kind: 'TOP_UP',
      debitAccountId: source.accountId,
      creditAccountId: accountIds.budget(campaignId),
      amountCents,
      campaignId,
      by,
      createdAt: now.toISOString(),
    };
    return this.transact<'TOPPED_UP' | 'ALREADY_DONE'>(
      async () => [
        this.campaignCheck(campaignId, 'ACTIVE', 'PAUSED'),
        ...this.movement(
          transfer,
          this.sourceSide(source),
          { accountId: transfer.creditAccountId, kind: 'CAMPAIGN_BUDGET', counters: { fundedCents: amountCents } },
        ),
      ],
      () => 'TOPPED_UP',
      async (reasons) => {
        if (failed(reasons[1])) return 'ALREADY_DONE';
        if (failed(reasons[2])) throw new ConflictError('MERCHANT_FUNDS_INSUFFICIENT', "The shop's deposit does not cover this top-up: record its deposit first.");
        throw new ConflictError('CAMPAIGN_NOT_ACTIVE', 'Only an active or paused campaign can be topped up.');
      },
    );
  }

  async closeCampaign(campaignId: string, by: string, now: Date, source: FundingAccount = CITY): Promise<{ returnedCents: number } | 'ALREADY_CLOSED'> {
    const budgetId = accountIds.budget(campaignId);
    let remaining = 0;
    return this.transact<{ returnedCents: number } | 'ALREADY_CLOSED'>(
      async () => {
        const status = await this.campaignStatus(campaignId);
        if (status === 'CLOSED') return 'ALREADY_CLOSED';
        if (status !== 'ACTIVE' && status !== 'PAUSED') throw new ConflictError('CAMPAIGN_NOT_ACTIVE', `Campaign ${campaignId} is ${String(status)}; only an active or paused campaign can be closed.`);
        remaining = (await this.getAccount(budgetId))?.balanceCents ?? 0;
        const close: TransactItem = {
          Update: {
            TableName: this.table,
            Key: keys.campaign(campaignId),
            UpdateExpression: 'SET #s = :closed, closedAt = :now, closedBy = :by',
            ConditionExpression: '#s = :was',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':closed': 'CLOSED', ':was': status, ':now': now.toISOString(), ':by': by },
          },
        };
        if (remaining === 0) {
          return [
            close,
            { ConditionCheck: { TableName: this.table, Key: keys.account(budgetId), ConditionExpression: 'balanceCents = :zero', ExpressionAttributeValues: { ':zero': 0 } } },
          ];
        }
        const transfer: Transfer = {
          transferId: `close:${campaignId}`,
          kind: 'CLOSE',
          debitAccountId: budgetId,
          creditAccountId: source.accountId,
          amountCents: remaining,
          campaignId,
          by,
          createdAt: now.toISOString(),
        };
        return [
          close,
          ...this.movement(
            transfer,
            { accountId: budgetId, kind: 'CAMPAIGN_BUDGET', guard: { equals: remaining }, counters: { returnedCents: remaining } },
            { accountId: source.accountId, kind: source.kind },
          ),
        ];
      },
      () => ({ returnedCents: remaining }),
      // A credit or a reversal moved the budget meanwhile: read it again and retry.
      async () => undefined,
    );
  }

  async capUsage(campaignId: string, holderId: string, windowKey: string): Promise<number> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: keys.cap(campaignId, holderId, windowKey), ConsistentRead: true }));
    return Number(out.Item?.usedCents ?? 0);
  }

  async isCustomer(merchantId: string, residentId: string): Promise<boolean> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: keys.customer(merchantId, residentId), ConsistentRead: true, ProjectionExpression: 'pk' }));
    return out.Item !== undefined;
  }

  async depositMerchantFunds(merchantId: string, amountCents: number, reference: string, by: string, now: Date): Promise<'DEPOSITED' | 'ALREADY_DONE'> {
    const transfer: Transfer = {
      transferId: `deposit:${merchantId}:${reference}`,
      kind: 'DEPOSIT',
      debitAccountId: accountIds.merchantDeposits,
      creditAccountId: accountIds.merchantFunds(merchantId),
      amountCents,
      by,
      createdAt: now.toISOString(),
    };
    return this.transact<'DEPOSITED' | 'ALREADY_DONE'>(
      async () => this.movement(transfer, { accountId: accountIds.merchantDeposits, kind: 'MERCHANT_DEPOSITS' }, { accountId: transfer.creditAccountId, kind: 'MERCHANT_FUNDS', sets: { merchantId } }),
      () => 'DEPOSITED',
      async () => 'ALREADY_DONE',
    );
  }

  /**
   * One transaction for all of a receipt's credits: per paid campaign its transfer, its guarded
   * budget, its cap counter and its stats items; one update of the wallet for their sum (an item
   * may appear only once in a transaction); the receipt (PROCESSING -> CREDITED, guarding
   * exactly-once) and the resident's customer record at the shop (new-customer guard for a welcome
   * bonus). Amounts are decided on consistent reads; a guard that fails means someone spent first:
   * read again and decide again.
   */
  async creditCashback(req: CashbackRequest, now: Date): Promise<CashbackResult> {
    const walletId = accountIds.wallet(req.residentId);
    let paid: PaidCredit[] = [];
    type Role = 'transfer' | 'receipt' | 'other';
    let roles: Role[] = [];
    const capKey = (campaignId: string, cap: CapCounter) => keys.cap(campaignId, cap.holderId, cap.windowKey);
    return this.transact<CashbackResult>(
      async () => {
        const options = req.credits.flat();
        const campaignIds = [...new Set(options.map((o) => o.campaignId))];
        const withCap = options.filter((o) => o.cap);
        const get = (Key: Record<string, string>) => this.doc.send(new GetCommand({ TableName: this.table, Key, ConsistentRead: true })).then((o) => o.Item);
        const [receipt, customer, budgets, caps, markers] = await Promise.all([
          get(keys.receipt(req.receiptId)),
          options.some((o) => o.firstPurchaseOnly) ? get(keys.customer(req.merchantId, req.residentId)) : Promise.resolve(undefined),
          Promise.all(campaignIds.map((id) => get(keys.account(accountIds.budget(id))))),
          Promise.all(withCap.map((o) => get(capKey(o.campaignId, o.cap!)))),
          readMovementMarkers(this.doc, this.table, req.residentId, req.merchantId, campaignIds),
        ]);
        if (receipt?.status !== 'PROCESSING') return { outcome: 'ALREADY_DONE' } as CashbackResult;
        const allocation = allocateCredits(req, {
          budgetLeftCents: new Map(campaignIds.map((id, i) => [id, Number(budgets[i]?.balanceCents ?? 0)])),
          capUsedCents: (o) => Number(caps[withCap.indexOf(o)]?.usedCents ?? 0),
          alreadyCustomer: customer !== undefined,
        });
        if (!allocation.ok) return { outcome: 'REFUSED', code: allocation.code } as CashbackResult;
        paid = allocation.paid;
        const bonusPaid = allocation.bonusPaid;

        const iso = now.toISOString();
        const total = paid.reduce((sum, p) => sum + p.amountCents, 0);
        const items: TransactItems = [];
        roles = [];
        const add = (role: Role, ...more: TransactItem[]) => {
          for (const item of more) {
            items.push(item);
            roles.push(role);
          }
        };
        for (const p of paid) {
          const budgetId = accountIds.budget(p.campaignId);
          const transfer: Transfer = { transferId: p.transferId, kind: 'CASHBACK', debitAccountId: budgetId, creditAccountId: walletId, amountCents: p.amountCents, campaignId: p.campaignId, receiptId: req.receiptId, createdAt: iso };
          const { put, entries } = this.transferItems(transfer);
          const budget: Side = { accountId: budgetId, kind: 'CAMPAIGN_BUDGET', guard: 'NON_NEGATIVE', counters: { cashbackCents: p.amountCents, salesCents: req.totalCents, creditedReceipts: 1 } };
          add('transfer', put);
          add('other', this.accountUpdate(budget, 'debit', p.amountCents), ...entries);
          add(
            'other',
            { Put: { TableName: this.table, Item: { pk: `CAMPAIGN#${p.campaignId}`, sk: `RECEIPT#${req.receiptId}`, type: 'campaignReceipt', receiptId: req.receiptId, status: 'CREDITED' } } },
            { Put: { TableName: this.table, Item: { ...keys.campaignResident(p.campaignId, req.residentId), type: 'campaignResident' } } },
            { Put: { TableName: this.table, Item: { ...keys.campaignMerchant(p.campaignId, req.merchantId), type: 'campaignMerchant' } } },
          );
          const option = req.credits.flat().find((o) => o.campaignId === p.campaignId)!;
          if (option.cap && p.cap) {
            add('other', {
              Update: {
                TableName: this.table,
                Key: capKey(p.campaignId, option.cap),
                UpdateExpression: 'SET #type = :type ADD usedCents :a',
                ConditionExpression: 'attribute_not_exists(usedCents) OR usedCents <= :limit',
                ExpressionAttributeNames: { '#type': 'type' },
                ExpressionAttributeValues: { ':a': p.cap.usedCents, ':limit': option.cap.amountCents - p.cap.usedCents, ':type': 'cap' },
              },
            });
          }
        }
        add('other', this.accountUpdate({ accountId: walletId, kind: 'RESIDENT_WALLET', sets: { residentId: req.residentId } }, 'credit', total));
        add('receipt', {
          Update: {
            TableName: this.table,
            Key: keys.receipt(req.receiptId),
            UpdateExpression: 'SET #s = :credited, cashbackCents = :a, credits = :credits, updatedAt = :now, gsi2pk = :g2, gsi2sk = :g2s',
            ConditionExpression: '#s = :processing',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':credited': 'CREDITED', ':processing': 'PROCESSING', ':a': total, ':credits': paid, ':now': iso, ':g2': 'RECEIPTS#CREDITED', ':g2s': `${iso}#${req.receiptId}` },
          },
        });
        add('other', {
          Update: {
            TableName: this.table,
            Key: keys.customer(req.merchantId, req.residentId),
            UpdateExpression: 'SET #type = :type, firstCreditedAt = if_not_exists(firstCreditedAt, :now), lastCreditedAt = :now ADD purchases :one',
            ...(bonusPaid ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
            ExpressionAttributeNames: { '#type': 'type' },
            ExpressionAttributeValues: { ':type': 'customer', ':now': iso, ':one': 1 },
          },
        });
        // The figures' counters and the resident's markers (new and returning customers, residents
        // reached), guarded by the markers' versions: a race with another movement retries.
        const decision = receipt.decision as { purchaseDate?: string } | undefined;
        add(
          'other',
          ...movementItems(this.table, req.residentId, {
            receiptId: req.receiptId,
            merchantId: req.merchantId,
            purchaseDate: decision?.purchaseDate ?? localDate(now),
            totalCents: req.totalCents,
            credits: paid,
            direction: 'CREDIT',
          }, markers),
        );
        return items;
      },
      () => ({ outcome: 'CREDITED', amountCents: paid.reduce((sum, p) => sum + p.amountCents, 0), credits: paid }),
      async (reasons) => {
        // A transfer exists already or the receipt moved on (credited, reversed, decided by staff): nothing to do.
        if (reasons.some((r, i) => failed(r) && (roles[i] === 'transfer' || roles[i] === 'receipt'))) return { outcome: 'ALREADY_DONE' };
        // A budget guard, a cap or the new-customer guard failed: someone else spent first. Read again and retry.
        return undefined;
      },
    );
  }

  async reverseCashback(req: ReversalRequest, now: Date): Promise<'REVERSED' | 'ALREADY_DONE' | 'NOT_CREDITED'> {
    const walletId = accountIds.wallet(req.residentId);
    const iso = now.toISOString();
    const total = req.credits.reduce((sum, c) => sum + c.amountCents, 0);
    let transferIndexes: number[] = [];
    let figuresFrom = Number.POSITIVE_INFINITY;
    return this.transact<'REVERSED' | 'ALREADY_DONE' | 'NOT_CREDITED'>(
      async () => {
        const items: TransactItems = [
          {
            Update: {
              TableName: this.table,
              Key: keys.receipt(req.receiptId),
              UpdateExpression: 'SET #s = :rejected, rejection = :rejection, reversal = :reversal, updatedAt = :now, gsi2pk = :g2, gsi2sk = :g2s',
              ConditionExpression: '#s = :credited',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: {
                ':rejected': 'REJECTED',
                ':credited': 'CREDITED',
                ':rejection': { code: 'REJECTED_BY_REVIEWER', message: req.rejectionMessage },
                ':reversal': { reason: req.reason, by: req.by, at: iso, amountCents: total },
                ':now': iso,
                ':g2': 'RECEIPTS#REJECTED',
                ':g2s': `${iso}#${req.receiptId}`,
              },
            },
          },
          this.accountUpdate({ accountId: walletId, kind: 'RESIDENT_WALLET' }, 'debit', total),
        ];
        transferIndexes = [];
        // Several credits may return to the same account (two closed city campaigns): one update each.
        const targets = new Map<string, { side: Side; amount: number }>();
        for (const c of req.credits) {
          const budgetId = accountIds.budget(c.campaignId);
          const toBudget = c.returnTo === 'BUDGET';
          const target = c.returnTo === 'BUDGET' ? { accountId: budgetId, kind: 'CAMPAIGN_BUDGET' as const } : c.returnTo;
          const transfer: Transfer = {
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
          };
          const counters = { reversedCents: c.amountCents, salesCents: -req.totalCents, creditedReceipts: -1 };
          items.push(toBudget ? this.campaignCheck(c.campaignId, 'ACTIVE', 'PAUSED') : this.campaignCheck(c.campaignId, 'CLOSED'));
          const { put, entries } = this.transferItems(transfer);
          transferIndexes.push(items.length);
          items.push(
            put,
            ...entries,
            { Put: { TableName: this.table, Item: { pk: `CAMPAIGN#${c.campaignId}`, sk: `RECEIPT#${req.receiptId}`, type: 'campaignReceipt', receiptId: req.receiptId, status: 'REJECTED' } } },
          );
          const t = targets.get(target.accountId) ?? { side: { ...target, ...(toBudget ? { counters } : {}) }, amount: 0 };
          t.amount += c.amountCents;
          targets.set(target.accountId, t);
          // Once closed, the campaign's money goes back to its funder: count it as returned too.
          if (!toBudget) items.push(this.countersOnly(budgetId, { ...counters, returnedCents: c.amountCents }));
          if (c.cap) {
            items.push({
              Update: { TableName: this.table, Key: keys.cap(c.campaignId, c.cap.holderId, c.cap.windowKey), UpdateExpression: 'ADD usedCents :minus', ExpressionAttributeValues: { ':minus': -c.cap.usedCents } },
            });
          }
        }
        for (const { side, amount } of targets.values()) items.push(this.accountUpdate(side, 'credit', amount));
        // The figures: the receipt's counters leave the week they went into, a refused receipt is
        // counted, and the resident's markers lose the receipt (a later purchase may become the first).
        figuresFrom = items.length;
        const receipt = (await this.doc.send(new GetCommand({ TableName: this.table, Key: keys.receipt(req.receiptId), ConsistentRead: true }))).Item;
        const decision = receipt?.decision as { merchantId?: string; purchaseDate?: string } | undefined;
        if (receipt?.status === 'CREDITED' && decision?.merchantId) {
          const markers = await readMovementMarkers(this.doc, this.table, req.residentId, decision.merchantId, req.credits.map((c) => c.campaignId));
          items.push(
            ...movementItems(this.table, req.residentId, {
              receiptId: req.receiptId,
              merchantId: decision.merchantId,
              purchaseDate: decision.purchaseDate ?? localDate(new Date(String(receipt.updatedAt ?? iso))),
              totalCents: req.totalCents,
              credits: req.credits,
              direction: 'REVERSAL',
              uploadedAt: String(receipt.createdAt ?? iso),
            }, markers),
          );
        }
        return items;
      },
      () => 'REVERSED',
      async (reasons) => {
        if (transferIndexes.some((i) => failed(reasons[i]))) return 'ALREADY_DONE';
        if (failed(reasons[0])) return 'NOT_CREDITED';
        // A marker moved meanwhile (another credit or reversal of the resident): read again.
        if (reasons.some((r, i) => i >= figuresFrom && failed(r))) return undefined;
        throw new ConflictError('CAMPAIGN_CHANGED', 'The campaign opened or closed meanwhile; retry the reversal.');
      },
    );
  }

  private payoutTransfer(kind: 'PAYOUT' | 'PAYOUT_POSTED' | 'PAYOUT_VOIDED', item: { payoutId: string; itemId: string; residentId: string; amountCents: number }, now: Date, reason?: string): Transfer {
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

  private payoutItemUpdate(item: { payoutId: string; itemId: string }, from: string, to: string, now: Date, extra: Record<string, string> = {}): TransactItem {
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

  async reservePayout(item: PayoutMovement, now: Date): Promise<'RESERVED' | 'ALREADY_DONE' | 'REFUSED'> {
    const t = this.payoutTransfer('PAYOUT', item, now);
    return this.transact<'RESERVED' | 'ALREADY_DONE' | 'REFUSED'>(
      async () => [
        ...this.movement(
          t,
          {
            accountId: t.debitAccountId,
            kind: 'RESIDENT_WALLET',
            guard: 'NON_NEGATIVE',
            counters: { pendingPayoutCents: item.amountCents },
            sets: { inPayout: item.payoutId },
            condition: { expression: 'attribute_not_exists(inPayout) OR inPayout = :payoutId', values: { ':payoutId': item.payoutId } },
          },
          { accountId: accountIds.payoutsInTransit, kind: 'PAYOUTS_IN_TRANSIT' },
        ),
        this.payoutItemUpdate(item, 'RESERVING', 'PENDING', now),
      ],
      () => 'RESERVED',
      async (reasons) => (failed(reasons[0]) ? 'ALREADY_DONE' : 'REFUSED'),
    );
  }

  async postPayout(item: PayoutMovement, now: Date): Promise<'POSTED' | 'ALREADY_DONE'> {
    const t = this.payoutTransfer('PAYOUT_POSTED', item, now);
    return this.transact<'POSTED' | 'ALREADY_DONE'>(
      async () => [
        ...this.movement(t, { accountId: accountIds.payoutsInTransit, kind: 'PAYOUTS_IN_TRANSIT' }, { accountId: accountIds.paidOut, kind: 'PAID_OUT' }),
        this.walletRelease(item, { pendingPayoutCents: -item.amountCents, paidOutCents: item.amountCents }),
        this.payoutItemUpdate(item, 'PENDING', 'POSTED', now),
      ],
      () => 'POSTED',
      async (reasons) => {
        if (failed(reasons[0]) || failed(reasons[6])) return 'ALREADY_DONE';
        throw new Error(`postPayout(${item.itemId}): the wallet is not held by batch ${item.payoutId}`);
      },
    );
  }

  async voidPayout(item: PayoutMovement, reason: string, now: Date): Promise<'VOIDED' | 'ALREADY_DONE'> {
    const t = this.payoutTransfer('PAYOUT_VOIDED', item, now, reason);
    return this.transact<'VOIDED' | 'ALREADY_DONE'>(
      async () => [
        ...this.movement(
          t,
          { accountId: accountIds.payoutsInTransit, kind: 'PAYOUTS_IN_TRANSIT' },
          {
            accountId: t.creditAccountId,
            kind: 'RESIDENT_WALLET',
            counters: { pendingPayoutCents: -item.amountCents },
            removes: ['inPayout'],
            condition: { expression: 'inPayout = :payoutId', values: { ':payoutId': item.payoutId } },
          },
        ),
        this.payoutItemUpdate(item, 'PENDING', 'VOIDED', now, { voidReason: reason }),
      ],
      () => 'VOIDED',
      async (reasons) => {
        if (failed(reasons[0]) || failed(reasons[5])) return 'ALREADY_DONE';
        throw new Error(`voidPayout(${item.itemId}): the wallet is not held by batch ${item.payoutId}`);
      },
    );
  }

  /** Counters on the wallet and the end of the batch's hold, without moving its balance. */
  private walletRelease(item: PayoutMovement, counters: Record<string, number>): TransactItem {
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

  async getAccount(accountId: string): Promise<Account | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: keys.account(accountId), ConsistentRead: true }));
    return out.Item ? toAccount(out.Item) : undefined;
  }

  entries(accountId: string, limit: number, cursor?: string): Promise<Page<LedgerEntry>> {
    const pk = `ACCOUNT#${accountId}`;
    return queryPage<LedgerEntry>(
      this.doc,
      {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': 'ENTRY#' },
        ScanIndexForward: false,
        ExclusiveStartKey: cursorFor('table', pk, cursor),
      },
      limit,
    ).then((page) => ({ ...page, items: page.items.map(({ accountId: _a, ...e }: LedgerEntry & { accountId?: string }) => e) }));
  }

  /**
   * A campaign's money from its budget item, its residents and shops from the figures' counters
   * (residents and shops with a credited receipt of the campaign): a handful of reads at any scale.
   */
  async campaignStats(campaignId: string): Promise<CampaignLedgerStats> {
    const [budget, buckets] = await Promise.all([
      this.doc.send(new GetCommand({ TableName: this.table, Key: keys.account(accountIds.budget(campaignId)), ConsistentRead: true })),
      readFigureBuckets(this.doc, this.table, { campaignId }),
    ]);
    const b = budget.Item ?? {};
    return campaignStatsOf((k) => Number(b[k] ?? 0), buckets);
  }

  figureBuckets(query: FiguresQuery): Promise<FigureBuckets> {
    return readFigureBuckets(this.doc, this.table, query);
  }

  campaignBudgets(campaignIds?: readonly string[]): Promise<CampaignBudget[]> {
    return readCampaignBudgets(this.doc, this.table, campaignIds);
  }

  private async *scan(type: string, filter?: { expression: string; values: Record<string, unknown> }): AsyncIterable<Record<string, unknown>> {
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new ScanCommand({
          TableName: this.table,
          FilterExpression: `#type = :type${filter ? ` AND ${filter.expression}` : ''}`,
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':type': type, ...(filter?.values ?? {}) },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const i of out.Items ?? []) yield i;
      start = out.LastEvaluatedKey;
    } while (start);
  }

  async *allFigureBuckets(): AsyncIterable<{ key: BucketKey; counters: Counters }> {
    for await (const i of this.scan('figures')) {
      const counters = zeroCounters();
      for (const n of COUNTER_NAMES) counters[n] = Number(i[n] ?? 0);
      const scope = String(i.pk).replace(/^FIGURES#/, '');
      yield { key: { scope, week: String(i.week), ...(i.merchantId ? { merchantId: String(i.merchantId) } : {}) }, counters };
    }
  }

  async *allAccounts(): AsyncIterable<Account> {
    for await (const i of this.scan('account')) yield toAccount(i);
  }

  async *allTransfers(): AsyncIterable<Transfer> {
    for await (const i of this.scan('transfer')) yield stripKeys<Transfer>(i);
  }

  async *allEntries(): AsyncIterable<LedgerEntry & { accountId: string }> {
    for await (const i of this.scan('entry')) yield stripKeys<LedgerEntry & { accountId: string }>(i);
  }

  async *walletsWithBalance(minCents: number): AsyncIterable<Account> {
    for await (const i of this.scan('account', { expression: 'kind = :wallet AND balanceCents >= :min', values: { ':wallet': 'RESIDENT_WALLET', ':min': minCents } })) {
      yield toAccount(i);
    }
  }

  /**
   * Erasure of a resident (shared/app/privacy.ts): the wallet of `fromResidentId` becomes the
   * wallet of `toResidentId`, a pseudonym, with its whole history. Amounts, kinds, dates and ids of
   * the transfers do not change; only the name of the wallet they move money to or from does. A
   * batch of transfers moves in one transaction with their entries and their sums on both wallets,
   * so every committed step balances (reconcile passes at any time) and a run that stopped resumes
   * where it was. A wallet held by a payout batch is not renamed ('IN_PAYOUT').
   */
  async renameWallet(fromResidentId: string, toResidentId: string): Promise<'RENAMED' | 'NO_WALLET' | 'IN_PAYOUT'> {
    const fromId = accountIds.wallet(fromResidentId);
    const toId = accountIds.wallet(toResidentId);
    const target = (): Side => ({ accountId: toId, kind: 'RESIDENT_WALLET', sets: { residentId: toResidentId } });
    let renamed = false;
    for (let attempt = 0; attempt < MAX_ATTEMPTS * 4; ) {
      const wallet = await this.getAccount(fromId);
      if (!wallet) return renamed ? 'RENAMED' : 'NO_WALLET';
      if (wallet.inPayout || wallet.pendingPayoutCents !== 0) return 'IN_PAYOUT';
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': `ACCOUNT#${fromId}`, ':prefix': 'ENTRY#' },
          ConsistentRead: true,
          // Four items per transfer and the two wallets: within the 100 items of a transaction.
          Limit: 24,
        }),
      );
      const entries = out.Items ?? [];
      let items: TransactItems;
      if (entries.length === 0) {
        // Every transfer has moved: the empty wallet goes, and its payout counter with it.
        items = [
          {
            Delete: {
              TableName: this.table,
              Key: keys.account(fromId),
              ConditionExpression: 'balanceCents = :zero AND debitsCents = :zero AND creditsCents = :zero AND attribute_not_exists(inPayout) AND (attribute_not_exists(paidOutCents) OR paidOutCents = :paid)',
              ExpressionAttributeValues: { ':zero': 0, ':paid': wallet.paidOutCents },
            },
          },
        ];
        if (wallet.paidOutCents !== 0) items.push(this.walletCounters(target(), { paidOutCents: wallet.paidOutCents }));
      } else {
        items = [];
        let balance = 0;
        let debits = 0;
        let credits = 0;
        for (const e of entries) {
          const amount = Number(e.amountCents);
          const side = amount < 0 ? 'debitAccountId' : 'creditAccountId';
          balance += amount;
          if (amount < 0) debits -= amount;
          else credits += amount;
          items.push(
            {
              Update: {
                TableName: this.table,
                Key: keys.transfer(String(e.transferId)),
                UpdateExpression: `SET ${side} = :to`,
                ConditionExpression: `${side} = :from`,
                ExpressionAttributeValues: { ':to': toId, ':from': fromId },
              },
            },
            { Delete: { TableName: this.table, Key: { pk: e.pk, sk: e.sk }, ConditionExpression: 'attribute_exists(pk)' } },
            { Put: { TableName: this.table, Item: { ...e, pk: `ACCOUNT#${toId}`, accountId: toId }, ConditionExpression: 'attribute_not_exists(pk)' } },
            {
              Update: {
                TableName: this.table,
                Key: { pk: `ACCOUNT#${String(e.counterpartyAccountId)}`, sk: e.sk },
                UpdateExpression: 'SET counterpartyAccountId = :to',
                ConditionExpression: 'counterpartyAccountId = :from',
                ExpressionAttributeValues: { ':to': toId, ':from': fromId },
              },
            },
          );
        }
        items.push(
          {
            Update: {
              TableName: this.table,
              Key: keys.account(fromId),
              UpdateExpression: 'ADD balanceCents :b, debitsCents :d, creditsCents :c',
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(inPayout)',
              ExpressionAttributeValues: { ':b': -balance, ':d': -debits, ':c': -credits },
            },
          },
          this.walletCounters(target(), { balanceCents: balance, debitsCents: debits, creditsCents: credits }),
        );
      }
      try {
        await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
        renamed = true;
      } catch (err) {
        const reasons = cancellationReasons(err);
        if (!reasons) throw err;
        // A movement of the wallet or a concurrent rename came first: read again.
        attempt++;
        await sleep(backoffMs(attempt));
      }
    }
    throw new Error('Ledger: the wallet kept changing during its rename; the erasure will be retried');
  }

  /** Adds to counters of a wallet (creating it), setting what every account item carries. */
  private walletCounters(side: Side, counters: Record<string, number>): TransactItem {
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

  /**
   * Closes an erased resident's wallet: one transfer `wallet-close:<residentId>` brings its balance
   * to zero against the city's funding account. What the city still owed is forfeited (wallet ->
   * city); what the resident owed after a reversal is written off (city -> wallet). Once only.
   */
  async closeWallet(residentId: string, now: Date): Promise<{ closedCents: number } | 'ALREADY_CLOSED' | 'IN_PAYOUT'> {
    const walletId = accountIds.wallet(residentId);
    let balance = 0;
    return this.transact<{ closedCents: number } | 'ALREADY_CLOSED' | 'IN_PAYOUT'>(
      async () => {
        const wallet = await this.getAccount(walletId);
        balance = wallet?.balanceCents ?? 0;
        if (!wallet || balance === 0) return { closedCents: 0 };
        if (wallet.inPayout || wallet.pendingPayoutCents !== 0) return 'IN_PAYOUT';
        const forfeited = balance > 0;
        const transfer: Transfer = {
          transferId: `wallet-close:${residentId}`,
          kind: 'WALLET_CLOSE',
          debitAccountId: forfeited ? walletId : accountIds.cityFunding,
          creditAccountId: forfeited ? accountIds.cityFunding : walletId,
          amountCents: Math.abs(balance),
          reason: forfeited ? 'Effacement du résident : solde non versé, rendu à la ville' : 'Effacement du résident : dette du portefeuille abandonnée',
          createdAt: now.toISOString(),
        };
        const walletSide: Side = {
          accountId: walletId,
          kind: 'RESIDENT_WALLET',
          guard: { equals: balance },
          condition: { expression: 'attribute_not_exists(inPayout)', values: {} },
        };
        const city: Side = { accountId: accountIds.cityFunding, kind: 'CITY_FUNDING' };
        return forfeited ? this.movement(transfer, walletSide, city) : this.movement(transfer, city, walletSide);
      },
      () => ({ closedCents: balance }),
      // The transfer exists already: closed before. Otherwise the wallet moved meanwhile: read it again.
      async (reasons) => (failed(reasons[0]) ? 'ALREADY_CLOSED' : undefined),
    );
  }

  /**
   * Erasure: the ledger's other records keyed by the resident move to the pseudonym: the cap
   * counters of these campaigns (every window), the customer records at these shops (welcome
   * bonuses) and the campaign markers (the count of residents in the campaign's statistics).
   * Idempotent: what has moved is not found under the resident any more.
   */
  async rekeyResidentRecords(fromResidentId: string, toResidentId: string, refs: { campaignIds: string[]; merchantIds: string[] }): Promise<void> {
    const move = async (read: () => Promise<Record<string, unknown> | undefined>, write: (item: Record<string, unknown>) => TransactItems) => {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const item = await read();
        if (!item) return;
        try {
          await this.doc.send(new TransactWriteCommand({ TransactItems: write(item) }));
          return;
        } catch (err) {
          if (!cancellationReasons(err)) throw err;
          await sleep(backoffMs(attempt));
        }
      }
      throw new Error('Ledger: a record of the resident kept changing while it was moved');
    };
    const get = (Key: Record<string, string>) => this.doc.send(new GetCommand({ TableName: this.table, Key, ConsistentRead: true })).then((o) => o.Item);
    for (const campaignId of refs.campaignIds) {
      const caps = await this.doc.send(
        new QueryCommand({ TableName: this.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `CAP#${campaignId}#${fromResidentId}` }, ConsistentRead: true }),
      );
      for (const cap of caps.Items ?? []) {
        const windowKey = String(cap.sk).replace(/^WINDOW#/, '');
        await move(
          () => get(keys.cap(campaignId, fromResidentId, windowKey)),
          (item) => [
            { Delete: { TableName: this.table, Key: keys.cap(campaignId, fromResidentId, windowKey), ConditionExpression: 'usedCents = :u', ExpressionAttributeValues: { ':u': item.usedCents } } },
            {
              Update: {
                TableName: this.table,
                Key: keys.cap(campaignId, toResidentId, windowKey),
                UpdateExpression: 'SET #type = :type ADD usedCents :u',
                ExpressionAttributeNames: { '#type': 'type' },
                ExpressionAttributeValues: { ':type': 'cap', ':u': Number(item.usedCents ?? 0) },
              },
            },
          ],
        );
      }
      await move(
        () => get(keys.campaignResident(campaignId, fromResidentId)),
        () => [
          { Delete: { TableName: this.table, Key: keys.campaignResident(campaignId, fromResidentId) } },
          { Put: { TableName: this.table, Item: { ...keys.campaignResident(campaignId, toResidentId), type: 'campaignResident' } } },
        ],
      );
    }
    for (const merchantId of refs.merchantIds) {
      await move(
        () => get(keys.customer(merchantId, fromResidentId)),
        (item) => [
          { Delete: { TableName: this.table, Key: keys.customer(merchantId, fromResidentId), ConditionExpression: 'purchases = :p', ExpressionAttributeValues: { ':p': item.purchases } } },
          {
            Update: {
              TableName: this.table,
              Key: keys.customer(merchantId, toResidentId),
              UpdateExpression: 'SET #type = :type, firstCreditedAt = if_not_exists(firstCreditedAt, :first), lastCreditedAt = :last ADD purchases :p',
              ExpressionAttributeNames: { '#type': 'type' },
              ExpressionAttributeValues: { ':type': 'customer', ':first': item.firstCreditedAt ?? null, ':last': item.lastCreditedAt ?? null, ':p': Number(item.purchases ?? 0) },
            },
          },
        ],
      );
    }
    // The figures' markers (new and returning customers, residents reached) of the programme and these campaigns.
    await rekeyFigureMarkers(this.doc, this.table, fromResidentId, toResidentId, refs.campaignIds, move);
  }
}

function toAccount(item: Record<string, unknown>): Account {
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
