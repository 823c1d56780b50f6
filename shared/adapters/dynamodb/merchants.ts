import {
  BatchGetCommand,
  type TableClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type QueryCommandInput,
} from './client/commands';
import { ConflictError } from '../../domain/errors';
import type { Merchant } from '../../domain/merchant';
import type { MerchantStore, Page } from '../../ports';
import { queryWords, searchKey, searchTextOf, sortKeyOf } from '../../merchants/search';
import { BatchConflictError, type MerchantBatch, type MerchantFilter } from '../../merchants/types';
import { encodeCursor, keys } from './table';
import { cursorFor, queryAllAs } from './query';

/**
 * The merchant directory in the single table:
 *   - a shop:      pk `MERCHANTS#<shard>`, sk `MERCHANT#<id>` (8 shards: the whole directory is
 *                  read strongly consistent by 8 parallel queries, never by a scan of the table);
 *                  gsi1 `MERCHANTS` (ACTIVE) or `MERCHANTS#SUSPENDED`, sorted by folded name, for
 *                  the public directory;
 *   - its SIRET:   pk `SIRET#<siret>` -> merchantId (one shop per SIRET);
 *   - the version: pk `MERCHANTS`, sk `VERSION`, a counter every write bumps in the same transaction,
 *                  which the per-container index reads to know when to rebuild.
 */
export const MERCHANT_SHARDS = 8;
const DIRECTORY_PK = 'MERCHANTS';
const ACTIVE_GSI = 'MERCHANTS';
const SUSPENDED_GSI = 'MERCHANTS#SUSPENDED';
const STORAGE_ATTRS = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'type', 'categoryKey', 'searchText'];

/** Which shard holds a shop: FNV-1a of its id. */
export function shardOf(merchantId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < merchantId.length; i++) {
    h ^= merchantId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % MERCHANT_SHARDS;
}

export const merchantKeys = {
  merchant: (merchantId: string) => ({ pk: `${DIRECTORY_PK}#${shardOf(merchantId)}`, sk: `MERCHANT#${merchantId}` }),
  version: () => ({ pk: DIRECTORY_PK, sk: 'VERSION' }),
  siret: (siret: string) => keys.siret(siret),
};

function toItem(m: Merchant): Record<string, unknown> {
  const item: Record<string, unknown> = {
    ...merchantKeys.merchant(m.merchantId),
    type: 'merchant',
    gsi1pk: m.status === 'ACTIVE' ? ACTIVE_GSI : SUSPENDED_GSI,
    gsi1sk: sortKeyOf(m),
    searchText: searchTextOf(m),
  };
  if (m.category) item.categoryKey = searchKey(m.category);
  for (const [k, v] of Object.entries(m)) if (v !== undefined) item[k] = v;
  return item;
}

function fromItem(item: Record<string, unknown>): Merchant {
  const copy: Record<string, unknown> = { ...item };
  for (const k of STORAGE_ATTRS) delete copy[k];
  return copy as unknown as Merchant;
}

function isCancelled(err: unknown): err is { name: string; CancellationReasons?: Array<{ Code?: string }> } {
  return (err as { name?: string })?.name === 'TransactionCanceledException';
}

function reasons(err: unknown): string[] {
  return ((err as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? []).map((r) => r.Code ?? 'None');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The shops' directory in the table: every operation of the MerchantStore port but matching a
 * receipt's clues, which needs the matching index (DynamoMerchantStore, merchant-matching.ts).
 * The functions that never match a receipt are wired with this one and do not carry the index.
 */
export class DynamoMerchantDirectory implements Omit<MerchantStore, 'match'> {
  constructor(
    protected readonly doc: TableClient,
    protected readonly table: string,
  ) {}

  private versionBump() {
    return {
      Update: {
        TableName: this.table,
        Key: merchantKeys.version(),
        UpdateExpression: 'ADD #v :one SET updatedAt = :now',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: { ':one': 1, ':now': new Date().toISOString() },
      },
    };
  }

  /** A transaction, retried when it only collided with another one (TransactionConflict). */
  private async transact(items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>) {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
        return;
      } catch (err) {
        const onlyConflicts = isCancelled(err) && reasons(err).every((r) => r === 'None' || r === 'TransactionConflict') && reasons(err).includes('TransactionConflict');
        const transient = (err as { name?: string })?.name === 'TransactionInProgressException';
        if ((onlyConflicts || transient) && attempt < 6) {
          await sleep(20 * 2 ** attempt + Math.random() * 20);
          continue;
        }
        throw err;
      }
    }
  }

  async create(m: Merchant): Promise<void> {
    try {
      await this.transact([
        { Put: { TableName: this.table, Item: { ...merchantKeys.siret(m.siret), type: 'siret', merchantId: m.merchantId }, ConditionExpression: 'attribute_not_exists(pk)' } },
        { Put: { TableName: this.table, Item: toItem(m), ConditionExpression: 'attribute_not_exists(pk)' } },
        this.versionBump(),
      ]);
    } catch (err) {
      if (isCancelled(err) && reasons(err).includes('ConditionalCheckFailed')) {
        throw new ConflictError('MERCHANT_EXISTS', `A participating shop with SIRET ${m.siret} is already registered.`);
      }
      throw err;
    }
  }

  async update(m: Merchant, expectedUpdatedAt: string | undefined): Promise<void> {
    try {
      await this.transact([
        {
          Put: {
            TableName: this.table,
            Item: toItem(m),
            ...(expectedUpdatedAt === undefined
              ? { ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(updatedAt)' }
              : { ConditionExpression: 'attribute_exists(pk) AND updatedAt = :expected', ExpressionAttributeValues: { ':expected': expectedUpdatedAt } }),
          },
        },
        this.versionBump(),
      ]);
    } catch (err) {
      if (isCancelled(err) && reasons(err).includes('ConditionalCheckFailed')) {
        throw new ConflictError('MERCHANT_CHANGED', 'The shop was changed by someone else meanwhile; read it again and retry.');
      }
      throw err;
    }
  }

  async writeBatch(batch: MerchantBatch): Promise<void> {
    if (batch.creates.length === 0 && batch.updates.length === 0) return;
    if (batch.creates.length * 2 + batch.updates.length > 99) throw new RangeError('a merchant batch holds at most 99 items');
    const items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [];
    for (const m of batch.creates) {
      items.push(
        { Put: { TableName: this.table, Item: { ...merchantKeys.siret(m.siret), type: 'siret', merchantId: m.merchantId }, ConditionExpression: 'attribute_not_exists(pk)' } },
        { Put: { TableName: this.table, Item: toItem(m), ConditionExpression: 'attribute_not_exists(pk)' } },
      );
    }
    for (const { merchant, expectedUpdatedAt } of batch.updates) {
      items.push({
        Put: {
          TableName: this.table,
          Item: toItem(merchant),
          ...(expectedUpdatedAt === undefined
            ? { ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(updatedAt)' }
            : { ConditionExpression: 'attribute_exists(pk) AND updatedAt = :expected', ExpressionAttributeValues: { ':expected': expectedUpdatedAt } }),
        },
      });
    }
    if (batch.bumpVersion !== false) items.push(this.versionBump());
    try {
      await this.transact(items);
    } catch (err) {
      if (isCancelled(err) && reasons(err).includes('ConditionalCheckFailed')) throw new BatchConflictError('a shop of the batch was written by someone else meanwhile');
      throw err;
    }
  }

  async get(merchantId: string): Promise<Merchant | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: merchantKeys.merchant(merchantId), ConsistentRead: true }));
    return out.Item ? fromItem(out.Item) : undefined;
  }

  private async batchGet(keyList: Array<Record<string, string>>): Promise<Array<Record<string, unknown>>> {
    const out: Array<Record<string, unknown>> = [];
    for (let i = 0; i < keyList.length; i += 100) {
      let pending: Array<Record<string, unknown>> | undefined = keyList.slice(i, i + 100);
      for (let attempt = 0; pending && pending.length > 0; attempt++) {
        const res = await this.doc.send(new BatchGetCommand({ RequestItems: { [this.table]: { Keys: pending, ConsistentRead: true } } }));
        out.push(...(res.Responses?.[this.table] ?? []));
        pending = res.UnprocessedKeys?.[this.table]?.Keys as Array<Record<string, unknown>> | undefined;
        if (pending && pending.length > 0) {
          if (attempt > 8) throw new Error('DynamoDB kept keys unprocessed');
          await sleep(25 * 2 ** attempt);
        }
      }
    }
    return out;
  }

  async getBySirets(sirets: readonly string[]): Promise<Map<string, Merchant>> {
    const unique = [...new Set(sirets)];
    const owners = await this.batchGet(unique.map((s) => merchantKeys.siret(s)));
    const ids = owners.map((o) => String(o.merchantId));
    const merchants = await this.batchGet(ids.map((id) => merchantKeys.merchant(id)));
    const out = new Map<string, Merchant>();
    for (const item of merchants) {
      const m = fromItem(item);
      out.set(m.siret, m);
    }
    return out;
  }

  list(limit: number, cursor?: string): Promise<Page<Merchant>> {
    return this.search({}, limit, cursor);
  }

  /**
   * The directory: gsi1 `MERCHANTS` (or `MERCHANTS#SUSPENDED` for staff), filtered server-side. A request examines at most
   * ~2,000 shops, so a rare filter may give a short (even empty) page with a cursor: the list ends
   * only when `nextCursor` is null.
   */
  async search(filter: MerchantFilter, limit: number, cursor?: string): Promise<Page<Merchant>> {
    const partition = filter.status === 'SUSPENDED' ? SUSPENDED_GSI : ACTIVE_GSI;
    const conditions: string[] = [];
    const values: Record<string, unknown> = { ':pk': partition };
    if (filter.category) {
      conditions.push('categoryKey = :cat');
      values[':cat'] = searchKey(filter.category);
    }
    if (filter.tag) {
      conditions.push('contains(tags, :tag)');
      values[':tag'] = filter.tag;
    }
    queryWords(filter.q).forEach((w, i) => {
      conditions.push(`contains(searchText, :q${i})`);
      values[`:q${i}`] = ` ${w}`;
    });
    const filtered = conditions.length > 0;
    let start = cursorFor('gsi1', partition, cursor);
    const items: Merchant[] = [];
    let examined = 0;
    for (;;) {
      const input: QueryCommandInput = {
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: values,
        ...(filtered ? { FilterExpression: conditions.join(' AND ') } : {}),
        ExclusiveStartKey: start,
        Limit: filtered ? Math.min(500, Math.max(100, limit * 5)) : limit - items.length,
      };
      const out = await this.doc.send(new QueryCommand(input));
      examined += out.ScannedCount ?? 0;
      const page = out.Items ?? [];
      for (let i = 0; i < page.length; i++) {
        items.push(fromItem(page[i]!));
        if (items.length === limit) {
          const last = page[i]!;
          const more = i < page.length - 1 || out.LastEvaluatedKey !== undefined;
          return { items, nextCursor: more ? encodeCursor({ pk: last.pk, sk: last.sk, gsi1pk: last.gsi1pk, gsi1sk: last.gsi1sk }) : null };
        }
      }
      start = out.LastEvaluatedKey;
      if (!start) return { items, nextCursor: null };
      if (examined >= 2_000) return { items, nextCursor: encodeCursor(start) };
    }
  }

  async all(): Promise<Merchant[]> {
    const shards = await Promise.all(
      Array.from({ length: MERCHANT_SHARDS }, (_, shard) =>
        queryAllAs(
          this.doc,
          {
            TableName: this.table,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
            ExpressionAttributeValues: { ':pk': `${DIRECTORY_PK}#${shard}`, ':prefix': 'MERCHANT#' },
            ConsistentRead: true,
          },
          fromItem,
        ),
      ),
    );
    return shards.flat();
  }

  async directoryVersion(): Promise<number> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: merchantKeys.version(), ConsistentRead: true, ProjectionExpression: '#v', ExpressionAttributeNames: { '#v': 'version' } }));
    return Number(out.Item?.version ?? 0);
  }

  async touchDirectory(): Promise<void> {
    const bump = this.versionBump().Update;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.doc.send(new UpdateCommand(bump));
        return;
      } catch (err) {
        // The version item may be in a transaction of a single write at that moment.
        if ((err as { name?: string })?.name === 'TransactionConflictException' && attempt < 6) {
          await sleep(20 * 2 ** attempt);
          continue;
        }
        throw err;
      }
    }
  }
}
