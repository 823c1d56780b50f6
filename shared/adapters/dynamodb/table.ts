import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { InvalidCursorError } from '../../domain/errors';

/**
 * The single table's key schema. infra/ declares the same table for AWS; the local stack and the
 * integration tests create it from this definition.
 */
export const TABLE_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
} as const;

export function createTableInput(tableName: string): CreateTableCommandInput {
  const attributes = new Set<string>([TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey]);
  for (const i of TABLE_KEYS.indexes) {
    attributes.add(i.partitionKey);
    attributes.add(i.sortKey);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: TABLE_KEYS.indexes.map((i) => ({
      IndexName: i.name,
      KeySchema: [
        { AttributeName: i.partitionKey, KeyType: 'HASH' },
        { AttributeName: i.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
  };
}

/** Key builders: one place that knows how items are addressed. */
export const keys = {
  receipt: (id: string) => ({ pk: `RECEIPT#${id}`, sk: 'RECEIPT' }),
  merchant: (id: string) => ({ pk: `MERCHANT#${id}`, sk: 'MERCHANT' }),
  siret: (siret: string) => ({ pk: `SIRET#${siret}`, sk: 'SIRET' }),
  campaign: (id: string) => ({ pk: `CAMPAIGN#${id}`, sk: 'CAMPAIGN' }),
  campaignResident: (campaignId: string, residentId: string) => ({ pk: `CAMPAIGN#${campaignId}`, sk: `RESIDENT#${residentId}` }),
  campaignMerchant: (campaignId: string, merchantId: string) => ({ pk: `CAMPAIGN#${campaignId}`, sk: `MERCHANT#${merchantId}` }),
  claim: (key: string) => ({ pk: `CLAIM#${key}`, sk: 'CLAIM' }),
  account: (id: string) => ({ pk: `ACCOUNT#${id}`, sk: 'ACCOUNT' }),
  transfer: (id: string) => ({ pk: `TRANSFER#${id}`, sk: 'TRANSFER' }),
  /** A cap counter: the holder is a resident id, or `household:<id>` for an allowance per household. */
  cap: (campaignId: string, holderId: string, windowKey: string) => ({ pk: `CAP#${campaignId}#${holderId}`, sk: `WINDOW#${windowKey}` }),
  /**
   * A tally of counted purchases (loyalty rewards: `count` and `rewarded`) of one holder in one
   * window of a campaign, written by the credit's transaction with a condition on the values read.
   */
  tally: (campaignId: string, holderId: string, windowKey: string) => ({ pk: `TALLY#${campaignId}#${holderId}`, sk: `WINDOW#${windowKey}` }),
  /** A resident's credited purchases at a shop (welcome bonuses go to new customers only). */
  customer: (merchantId: string, residentId: string) => ({ pk: `CUSTOMER#${merchantId}`, sk: `RESIDENT#${residentId}` }),
};

export function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;
}

export { InvalidCursorError };

export function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const values = Object.values(parsed);
      if (values.length > 0 && values.length <= 6 && values.every((v) => typeof v === 'string')) return parsed as Record<string, unknown>;
    }
  } catch {
    // fall through
  }
  throw new InvalidCursorError('The cursor is not one this API gave out.');
}

export type IndexName = 'table' | (typeof TABLE_KEYS.indexes)[number]['name'];

/** The attributes of a start key on `index`: the table's key, plus the index's own key on an index. */
export function startKeyAttributes(index: IndexName): string[] {
  const own = [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey];
  if (index === 'table') return own;
  const gsi = TABLE_KEYS.indexes.find((i) => i.name === index)!;
  return [...own, gsi.partitionKey, gsi.sortKey];
}

/**
 * A cursor given back by a caller, checked before it reaches DynamoDB (which answers a malformed
 * start key with an error): exactly the key attributes of the index the list reads, each a
 * non-empty string, in the partition this list reads. Anything else is INVALID_CURSOR, so an
 * edited cursor can neither fail the query nor move it into another partition.
 */
export function cursorFor(index: IndexName, expectedPartition: string, cursor: string | undefined): Record<string, unknown> | undefined {
  const start = decodeCursor(cursor);
  if (!start) return undefined;
  const wanted = startKeyAttributes(index);
  const names = Object.keys(start);
  const wellFormed =
    names.length === wanted.length && wanted.every((a) => typeof start[a] === 'string' && (start[a] as string).length > 0 && (start[a] as string).length <= 1024);
  const partitionAttr = index === 'table' ? TABLE_KEYS.partitionKey : TABLE_KEYS.indexes.find((i) => i.name === index)!.partitionKey;
  if (!wellFormed || start[partitionAttr] !== expectedPartition) throw new InvalidCursorError('The cursor does not belong to this list.');
  return start;
}
