import { DynamoDBDocumentClient, GetCommand, QueryCommand, ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Campaign } from '../../domain/campaign';
import { ConflictError } from '../../domain/errors';
import {
  accountIds,
  type Account,
  type CampaignLedgerStats,
  type CashbackRequest,
  type CashbackResult,
  type Ledger,
  type Transfer,
} from '../../ports';
import { keys } from './table';
import { stripKeys } from './stores';

type TransactItems = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>;

interface CancellationReason {
  Code?: string;
}

function cancellationReasons(err: unknown): CancellationReason[] | undefined {
  const e = err as { name?: string; CancellationReasons?: CancellationReason[] };
  return e?.name === 'TransactionCanceledException' ? (e.CancellationReasons ?? []) : undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Full-jitter exponential backoff, capped. */
function backoffMs(attempt: number): number {
  return Math.random() * Math.min(1000, 20 * 2 ** attempt);
}

const MAX_ATTEMPTS = 25;

/**
 * The dotation ledger on DynamoDB: accounts with stored balances and immutable transfers with
 * deterministic ids, written together in one TransactWriteItems whose conditions are the guards.
 */
export class DynamoLedger implements Ledger {
  constructor(private readonly doc: DynamoDBDocumentClient, private readonly table: string) {}

  private transferItem(t: Transfer) {
    return {
      ...keys.transfer(t.transferId),
      type: 'transfer',
      gsi1pk: `LEDGER#${t.debitAccountId}`,
      gsi1sk: `${t.createdAt}#${t.transferId}`,
      gsi2pk: `LEDGER#${t.creditAccountId}`,
      gsi2sk: `${t.createdAt}#${t.transferId}`,
      ...t,
    };
  }

  async activateCampaign(campaign: Campaign, now: Date): Promise<'ACTIVATED' | 'ALREADY_ACTIVE'> {
    const budget = accountIds.budget(campaign.campaignId);
    const transfer: Transfer = {
      transferId: `funding:${campaign.campaignId}`,
      kind: 'FUNDING',
      debitAccountId: accountIds.cityFunding,
      creditAccountId: budget,
      amountCents: campaign.budgetCents,
      campaignId: campaign.campaignId,
      createdAt: now.toISOString(),
    };
    const items: TransactItems = [
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
      { Put: { TableName: this.table, Item: this.transferItem(transfer), ConditionExpression: 'attribute_not_exists(pk)' } },
      this.accountMove(accountIds.cityFunding, 'CITY_FUNDING', 'debit', campaign.budgetCents),
      this.accountMove(budget, 'CAMPAIGN_BUDGET', 'credit', campaign.budgetCents, { campaignId: campaign.campaignId }),
    ];
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      try {
        await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
        return 'ACTIVATED';
      } catch (err) {
        const reasons = cancellationReasons(err);
        if (!reasons) throw err;
        if (reasons.some((r) => r.Code === 'TransactionConflict')) {
          await sleep(backoffMs(attempt));
          continue;
        }
        const current = await this.doc.send(new GetCommand({ TableName: this.table, Key: keys.campaign(campaign.campaignId), ConsistentRead: true }));
        if (current.Item?.status === 'ACTIVE') return 'ALREADY_ACTIVE';
        throw new ConflictError('CAMPAIGN_NOT_DRAFT', `Campaign ${campaign.campaignId} is ${String(current.Item?.status)}, not DRAFT.`);
      }
    }
    throw new Error('activateCampaign: too much contention, retry later');
  }

  /** An update that moves one account by `amount` on its debit or credit side. */
  private accountMove(accountId: string, kind: Account['kind'], side: 'debit' | 'credit', amount: number, extra: Record<string, unknown> = {}) {
    const sets = ['accountId = :id', 'kind = :kind', ...Object.keys(extra).map((k) => `#${k} = :${k}`)];
    return {
      Update: {
        TableName: this.table,
        Key: keys.account(accountId),
        UpdateExpression: `SET ${sets.join(', ')}, #type = :type ADD balanceCents :delta, ${side === 'debit' ? 'debitsCents' : 'creditsCents'} :amount`,
        ExpressionAttributeNames: { '#type': 'type', ...Object.fromEntries(Object.keys(extra).map((k) => [`#${k}`, k])) },
        ExpressionAttributeValues: {
          ':id': accountId,
          ':kind': kind,
          ':type': 'account',
          ':delta': side === 'debit' ? -amount : amount,
          ':amount': amount,
          ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [`:${k}`, v])),
        },
      },
    };
  }

  async creditCashback(req: CashbackRequest, now: Date): Promise<CashbackResult> {
    const transferId = `cashback:${req.receiptId}`;
    const budgetId = accountIds.budget(req.campaignId);
    const walletId = accountIds.wallet(req.residentId);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const [existing, budget, cap] = await Promise.all([
        this.doc.send(new GetCommand({ TableName: this.table, Key: keys.transfer(transferId), ConsistentRead: true })),
        this.doc.send(new GetCommand({ TableName: this.table, Key: keys.account(budgetId), ConsistentRead: true })),
        req.cap
          ? this.doc.send(new GetCommand({ TableName: this.table, Key: keys.cap(req.campaignId, req.residentId, req.cap.windowKey), ConsistentRead: true }))
          : Promise.resolve(undefined),
      ]);
      if (existing.Item) return { outcome: 'ALREADY_DONE' };
      const remaining = Number(budget.Item?.balanceCents ?? 0);
      const capRemaining = req.cap ? req.cap.amountCents - Number(cap?.Item?.usedCents ?? 0) : Number.POSITIVE_INFINITY;
      const amount = Math.min(req.desiredCents, remaining, capRemaining);
      if (amount <= 0) return { outcome: 'REFUSED', code: capRemaining <= 0 ? 'CAP_REACHED' : 'BUDGET_EXHAUSTED' };

      const iso = now.toISOString();
      const transfer: Transfer = {
        transferId,
        kind: 'CASHBACK',
        debitAccountId: budgetId,
        creditAccountId: walletId,
        amountCents: amount,
        campaignId: req.campaignId,
        receiptId: req.receiptId,
        createdAt: iso,
      };
      const items: TransactItems = [
        { Put: { TableName: this.table, Item: this.transferItem(transfer), ConditionExpression: 'attribute_not_exists(pk)' } },
        {
          Update: {
            TableName: this.table,
            Key: keys.account(budgetId),
            UpdateExpression: 'SET balanceCents = balanceCents - :a ADD debitsCents :a, salesCents :total, creditedReceipts :one',
            ConditionExpression: 'balanceCents >= :a',
            ExpressionAttributeValues: { ':a': amount, ':total': req.totalCents, ':one': 1 },
          },
        },
        this.accountMove(walletId, 'RESIDENT_WALLET', 'credit', amount, { residentId: req.residentId }),
        {
          Update: {
            TableName: this.table,
            Key: keys.receipt(req.receiptId),
            UpdateExpression: 'SET #s = :credited, cashbackCents = :a, updatedAt = :now, gsi2pk = :g2, gsi2sk = :g2s',
            ConditionExpression: '#s = :processing',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: {
              ':credited': 'CREDITED',
              ':processing': 'PROCESSING',
              ':a': amount,
              ':now': iso,
              ':g2': 'RECEIPTS#CREDITED',
              ':g2s': `${iso}#${req.receiptId}`,
            },
          },
        },
        { Put: { TableName: this.table, Item: { pk: `CAMPAIGN#${req.campaignId}`, sk: `RECEIPT#${req.receiptId}`, type: 'campaignReceipt', receiptId: req.receiptId, status: 'CREDITED' } } },
        { Put: { TableName: this.table, Item: { ...keys.campaignResident(req.campaignId, req.residentId), type: 'campaignResident' } } },
        { Put: { TableName: this.table, Item: { ...keys.campaignMerchant(req.campaignId, req.merchantId), type: 'campaignMerchant' } } },
      ];
      if (req.cap) {
        items.push({
          Update: {
            TableName: this.table,
            Key: keys.cap(req.campaignId, req.residentId, req.cap.windowKey),
            UpdateExpression: 'SET #type = :type ADD usedCents :a',
            ConditionExpression: 'attribute_not_exists(usedCents) OR usedCents <= :limit',
            ExpressionAttributeNames: { '#type': 'type' },
            ExpressionAttributeValues: { ':a': amount, ':limit': req.cap.amountCents - amount, ':type': 'cap' },
          },
        });
      }
      try {
        await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
        return { outcome: 'CREDITED', amountCents: amount };
      } catch (err) {
        const reasons = cancellationReasons(err);
        if (!reasons) throw err;
        if (reasons[0]?.Code === 'ConditionalCheckFailed') return { outcome: 'ALREADY_DONE' };
        if (reasons[3]?.Code === 'ConditionalCheckFailed') return { outcome: 'ALREADY_DONE' };
        // A budget or cap guard that failed means someone else spent first: read again and retry.
        await sleep(backoffMs(attempt));
      }
    }
    throw new Error(`creditCashback(${req.receiptId}): too much contention, the message will be retried`);
  }

  async getAccount(accountId: string): Promise<Account | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: keys.account(accountId), ConsistentRead: true }));
    return out.Item ? toAccount(out.Item) : undefined;
  }

  async campaignStats(campaignId: string): Promise<CampaignLedgerStats> {
    const budget = await this.doc.send(new GetCommand({ TableName: this.table, Key: keys.account(accountIds.budget(campaignId)), ConsistentRead: true }));
    const count = async (prefix: string) => {
      let total = 0;
      let start: Record<string, unknown> | undefined;
      do {
        const out = await this.doc.send(
          new QueryCommand({
            TableName: this.table,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
            ExpressionAttributeValues: { ':pk': `CAMPAIGN#${campaignId}`, ':p': prefix },
            Select: 'COUNT',
            ExclusiveStartKey: start,
          }),
        );
        total += out.Count ?? 0;
        start = out.LastEvaluatedKey;
      } while (start);
      return total;
    };
    const b = budget.Item ?? {};
    return {
      fundedCents: Number(b.creditsCents ?? 0),
      creditedCents: Number(b.debitsCents ?? 0),
      remainingCents: Number(b.balanceCents ?? 0),
      salesCents: Number(b.salesCents ?? 0),
      creditedReceipts: Number(b.creditedReceipts ?? 0),
      residents: await count('RESIDENT#'),
      merchants: await count('MERCHANT#'),
    };
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

  async *allAccounts(): AsyncIterable<Account> {
    for await (const i of this.scan('account')) yield toAccount(i);
  }

  async *allTransfers(): AsyncIterable<Transfer> {
    for await (const i of this.scan('transfer')) yield stripKeys<Transfer>(i);
  }

  async *walletsWithBalance(minCents: number): AsyncIterable<Account> {
    for await (const i of this.scan('account', { expression: 'kind = :wallet AND balanceCents >= :min', values: { ':wallet': 'RESIDENT_WALLET', ':min': minCents } })) {
      yield toAccount(i);
    }
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
  };
}
