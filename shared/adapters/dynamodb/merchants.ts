import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../domain/errors';
import type { Merchant } from '../../domain/merchant';
import type { MerchantStore, Page } from '../../ports';
import { keys } from './table';
import { cursorFor, queryPage, stripKeys } from './stores';

export class DynamoMerchantStore implements MerchantStore {
  constructor(private readonly doc: DynamoDBDocumentClient, private readonly table: string) {}

  async create(m: Merchant): Promise<void> {
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.table, Item: { ...keys.siret(m.siret), type: 'siret', merchantId: m.merchantId }, ConditionExpression: 'attribute_not_exists(pk)' } },
            {
              Put: {
                TableName: this.table,
                Item: { ...keys.merchant(m.merchantId), type: 'merchant', gsi1pk: 'MERCHANTS', gsi1sk: `${m.name.toUpperCase()}#${m.merchantId}`, ...m },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
    } catch (err) {
      if ((err as { name?: string })?.name === 'TransactionCanceledException') {
        throw new ConflictError('MERCHANT_EXISTS', `A participating shop with SIRET ${m.siret} is already registered.`);
      }
      throw err;
    }
  }

  async get(merchantId: string): Promise<Merchant | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: keys.merchant(merchantId) }));
    return out.Item ? stripKeys<Merchant>(out.Item) : undefined;
  }

  list(limit: number, cursor?: string): Promise<Page<Merchant>> {
    return queryPage<Merchant>(
      this.doc,
      {
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': 'MERCHANTS' },
        ExclusiveStartKey: cursorFor('gsi1pk', 'MERCHANTS', cursor),
      },
      limit,
    );
  }

  async all(): Promise<Merchant[]> {
    const result: Merchant[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.list(1000, cursor);
      result.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return result;
  }
}
