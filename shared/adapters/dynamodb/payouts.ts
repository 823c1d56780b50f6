import { DeleteCommand, type TableClient, GetCommand, PutCommand, UpdateCommand } from './client/commands';
import type { Page, PayoutAccount, PayoutBatch, PayoutItem, PayoutStore } from '../../ports';
import { cursorFor, isConditionFailure, queryAllAs, queryPage, stripKeys } from './query';

const batchKey = (payoutId: string) => ({ pk: `PAYOUT#${payoutId}`, sk: 'BATCH' });
const itemKey = (payoutId: string, itemId: string) => ({ pk: `PAYOUT#${payoutId}`, sk: `ITEM#${itemId}` });
const accountKey = (residentId: string) => ({ pk: `RESIDENT#${residentId}`, sk: 'PAYOUT_ACCOUNT' });

export class DynamoPayoutStore implements PayoutStore {
  constructor(private readonly doc: TableClient, private readonly table: string) {}

  async createBatch(batch: PayoutBatch): Promise<PayoutBatch> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...batchKey(batch.payoutId), type: 'payoutBatch', gsi1pk: 'PAYOUTS', gsi1sk: `${batch.createdAt}#${batch.payoutId}`, ...batch },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return batch;
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      return (await this.getBatch(batch.payoutId))!;
    }
  }

  async getBatch(payoutId: string): Promise<PayoutBatch | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: batchKey(payoutId), ConsistentRead: true }));
    return out.Item ? stripKeys<PayoutBatch>(out.Item) : undefined;
  }

  async deleteBatch(payoutId: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.table, Key: batchKey(payoutId), ConditionExpression: '#s = :building', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':building': 'BUILDING' } })).catch((err: unknown) => {
      if (!isConditionFailure(err)) throw err;
    });
  }

  async markReady(payoutId: string, f: { itemCount: number; totalCents: number; fileKey: string; csvKey: string }): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: batchKey(payoutId),
        UpdateExpression: 'SET #s = :ready, itemCount = :n, totalCents = :t, fileKey = :f, csvKey = :c',
        ConditionExpression: '#s IN (:building, :ready)',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':ready': 'READY', ':building': 'BUILDING', ':n': f.itemCount, ':t': f.totalCents, ':f': f.fileKey, ':c': f.csvKey },
      }),
    );
  }

  async markSettled(payoutId: string, now: Date): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: batchKey(payoutId),
        UpdateExpression: 'SET #s = :settled, settledAt = if_not_exists(settledAt, :now)',
        ConditionExpression: '#s IN (:ready, :settled)',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':settled': 'SETTLED', ':ready': 'READY', ':now': now.toISOString() },
      }),
    );
  }

  listBatches(limit: number, cursor?: string): Promise<Page<PayoutBatch>> {
    return queryPage<PayoutBatch>(
      this.doc,
      {
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': 'PAYOUTS' },
        ScanIndexForward: false,
        ExclusiveStartKey: cursorFor('gsi1', 'PAYOUTS', cursor),
      },
      limit,
    );
  }

  async putItem(item: PayoutItem): Promise<PayoutItem> {
    try {
      await this.doc.send(
        new PutCommand({ TableName: this.table, Item: { ...itemKey(item.payoutId, item.itemId), type: 'payoutItem', ...item }, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
      return item;
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      return (await this.getItem(item.payoutId, item.itemId))!;
    }
  }

  async markItemSkipped(payoutId: string, itemId: string): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: itemKey(payoutId, itemId),
        UpdateExpression: 'SET #s = :skipped',
        ConditionExpression: '#s = :reserving',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':skipped': 'SKIPPED', ':reserving': 'RESERVING' },
      }),
    ).catch((err: unknown) => {
      if (!isConditionFailure(err)) throw err;
    });
  }

  async getItem(payoutId: string, itemId: string): Promise<PayoutItem | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: itemKey(payoutId, itemId), ConsistentRead: true }));
    return out.Item ? stripKeys<PayoutItem>(out.Item) : undefined;
  }

  listItems(payoutId: string): Promise<PayoutItem[]> {
    return queryAllAs(
      this.doc,
      {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': `PAYOUT#${payoutId}`, ':p': 'ITEM#' },
        ConsistentRead: true,
      },
      (i) => stripKeys<PayoutItem>(i),
    );
  }

  async getAccount(residentId: string): Promise<PayoutAccount | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: accountKey(residentId), ConsistentRead: true }));
    return out.Item ? stripKeys<PayoutAccount>(out.Item) : undefined;
  }

  async putAccount(residentId: string, account: PayoutAccount): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.table, Item: { ...accountKey(residentId), type: 'payoutAccount', ...account } }));
  }

  /** Deletes the resident's payout account (IBAN, holder name): an erasure. */
  async deleteAccount(residentId: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.table, Key: accountKey(residentId) }));
  }

  /** A finished item (posted, voided or skipped) now names another resident (an erased resident's pseudonym); false for an item in flight or absent. */
  async reassignItem(payoutId: string, itemId: string, residentId: string): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: itemKey(payoutId, itemId),
          UpdateExpression: 'SET residentId = :r',
          ConditionExpression: '#s IN (:posted, :voided, :skipped)',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':r': residentId, ':posted': 'POSTED', ':voided': 'VOIDED', ':skipped': 'SKIPPED' },
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }
}
