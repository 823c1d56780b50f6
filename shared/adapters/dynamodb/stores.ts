import { BatchWriteCommand, type TableClient, GetCommand, PutCommand, UpdateCommand } from './client/commands';
import type { Campaign } from '../../domain/campaign';
import type { CampaignStore, ClaimStore, Page } from '../../ports';
import { cursorFor, keys } from './table';
import { isConditionFailure, queryAllAs, queryPage, stripKeys } from './query';

export { DynamoReceiptStore } from './receipts';

export class DynamoClaimStore implements ClaimStore {
  constructor(private readonly doc: TableClient, private readonly table: string) {}

  async claim(key: string, receiptId: string): Promise<string> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...keys.claim(key), type: 'claim', receiptId },
          ConditionExpression: 'attribute_not_exists(pk) OR receiptId = :id',
          ExpressionAttributeValues: { ':id': receiptId },
        }),
      );
      return receiptId;
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: keys.claim(key), ConsistentRead: true }));
      return String(out.Item?.receiptId ?? '');
    }
  }

  async tally(key: string, receiptId: string): Promise<number> {
    const out = await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: `TALLY#${key}`, sk: 'TALLY' },
        UpdateExpression: 'SET #type = :type ADD receiptIds :one',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':type': 'tally', ':one': new Set([receiptId]) },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const ids = out.Attributes?.receiptIds as Set<string> | undefined;
    return ids?.size ?? 1;
  }

  /** Deletes the claims and the tallies under these keys (a resident's erasure); absent ones are no error. */
  async forget(keysToForget: { claims: readonly string[]; tallies: readonly string[] }): Promise<void> {
    const deletes = [
      ...[...new Set(keysToForget.claims)].map((k) => keys.claim(k)),
      ...[...new Set(keysToForget.tallies)].map((k) => ({ pk: `TALLY#${k}`, sk: 'TALLY' })),
    ].map((Key) => ({ DeleteRequest: { Key } }));
    for (let i = 0; i < deletes.length; i += 25) {
      let pending: typeof deletes = deletes.slice(i, i + 25);
      for (let attempt = 1; pending.length > 0; attempt++) {
        if (attempt > 6) throw new Error(`Claims: ${pending.length} deletes still unprocessed after 6 attempts`);
        if (attempt > 1) await new Promise((r) => setTimeout(r, Math.random() * 50 * 2 ** attempt));
        const out = await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.table]: pending } }));
        pending = (out.UnprocessedItems?.[this.table] ?? []) as typeof deletes;
      }
    }
  }
}

export class DynamoCampaignStore implements CampaignStore {
  constructor(private readonly doc: TableClient, private readonly table: string) {}

  async create(c: Campaign): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...keys.campaign(c.campaignId), type: 'campaign', gsi1pk: 'CAMPAIGNS', gsi1sk: `${c.createdAt}#${c.campaignId}`, ...c },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(campaignId: string): Promise<Campaign | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: keys.campaign(campaignId), ConsistentRead: true }));
    return out.Item ? stripKeys<Campaign>(out.Item) : undefined;
  }

  async replaceDraft(c: Campaign): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...keys.campaign(c.campaignId), type: 'campaign', gsi1pk: 'CAMPAIGNS', gsi1sk: `${c.createdAt}#${c.campaignId}`, ...c },
          ConditionExpression: '#s = :draft',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':draft': 'DRAFT' },
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }

  async transition(campaignId: string, from: Campaign['status'], to: Campaign['status'], now: Date): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.campaign(campaignId),
          UpdateExpression: 'SET #s = :to, updatedAt = :now',
          ConditionExpression: '#s = :from',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':to': to, ':from': from, ':now': now.toISOString() },
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }

  list(limit: number, cursor?: string): Promise<Page<Campaign>> {
    return queryPage<Campaign>(
      this.doc,
      {
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': 'CAMPAIGNS' },
        ScanIndexForward: false,
        ExclusiveStartKey: cursorFor('gsi1', 'CAMPAIGNS', cursor),
      },
      limit,
    );
  }

  listActive(): Promise<Campaign[]> {
    return queryAllAs(
      this.doc,
      {
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        FilterExpression: '#s = :active',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':pk': 'CAMPAIGNS', ':active': 'ACTIVE' },
      },
      (i) => stripKeys<Campaign>(i),
    );
  }
}
