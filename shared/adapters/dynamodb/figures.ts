import { type TableClient, GetCommand, QueryCommand, TransactWriteCommand } from './client/commands';
import { ConsistentBatchReader } from './batch-get';
import {
  ALL_SCOPE,
  COUNTER_NAMES,
  campaignScope,
  figureMovement,
  type BucketKey,
  type CounterDeltas,
  type CreditedPurchases,
  type FigureMovement,
  type StoredBucket,
} from '../../domain/figures';
import { accountIds, type FigureBuckets, type FiguresQuery, type CampaignBudget } from '../../ports';

type TransactItems = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>;
type TransactItem = TransactItems[number];

/**
 * Where the figures' counters live (docs/ledger.md, "Figures"):
 * - `FIGURES#<scope>` / `WEEK#<week>`: a scope's week, every shop together (with refused and in-review receipts);
 * - `FIGURES#<scope>` / `SHOPWEEK#<week>#<merchantId>`: a shop's week in a scope;
 * - `FIGMARK#<scope>#<residentId>` / `SHOP#<merchantId>` and `/ ANY`: a resident's credited
 *   purchases (receipt id -> purchase date) at a shop and anywhere, with a version that guards them.
 * A period is a range of sort keys, so a read is a few queries whatever the number of receipts.
 */
export const figureKeys = {
  bucket: (k: BucketKey) => ({ pk: `FIGURES#${k.scope}`, sk: k.merchantId ? `SHOPWEEK#${k.week}#${k.merchantId}` : `WEEK#${k.week}` }),
  atShop: (scope: string, residentId: string, merchantId: string) => ({ pk: `FIGMARK#${scope}#${residentId}`, sk: `SHOP#${merchantId}` }),
  anywhere: (scope: string, residentId: string) => ({ pk: `FIGMARK#${scope}#${residentId}`, sk: 'ANY' }),
  markersOf: (scope: string, residentId: string) => `FIGMARK#${scope}#${residentId}`,
};

/** One `ADD` update per bucket that changes (creating it on first use). */
export function counterUpdates(table: string, deltas: CounterDeltas): TransactItem[] {
  return deltas.entries().map(({ key, counters }) => {
    const names: Record<string, string> = { '#type': 'type' };
    const values: Record<string, unknown> = { ':type': 'figures', ':week': key.week };
    const adds: string[] = [];
    for (const [name, value] of Object.entries(counters)) {
      names[`#${name}`] = name;
      values[`:${name}`] = value;
      adds.push(`#${name} :${name}`);
    }
    let sets = '#type = :type, week = :week';
    if (key.merchantId) {
      values[':m'] = key.merchantId;
      sets += ', merchantId = :m';
    }
    return {
      Update: { TableName: table, Key: figureKeys.bucket(key), UpdateExpression: `SET ${sets} ADD ${adds.join(', ')}`, ExpressionAttributeNames: names, ExpressionAttributeValues: values },
    };
  });
}

interface Marker {
  purchases: CreditedPurchases;
  version: number;
}

/** A strongly consistent read of one item (GetItem, or a ConsistentBatchReader's gathered read). */
export type ConsistentGet = (key: Record<string, string>) => Promise<Record<string, unknown> | undefined>;

async function readMarker(get: ConsistentGet, Key: Record<string, string>): Promise<Marker> {
  const item = await get(Key);
  return { purchases: (item?.purchases as CreditedPurchases | undefined) ?? {}, version: Number(item?.version ?? 0) };
}

/** A marker rewritten with its purchases after the movement, if it is still at the version read. */
function markerWrite(table: string, Key: Record<string, string>, seen: number, purchases: Record<string, string>): TransactItem {
  return {
    Update: {
      TableName: table,
      Key,
      UpdateExpression: 'SET #type = :type, purchases = :p, version = :next',
      ConditionExpression: seen === 0 ? 'attribute_not_exists(version)' : 'version = :seen',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':type': 'figureMarker', ':p': purchases, ':next': seen + 1, ...(seen === 0 ? {} : { ':seen': seen }) },
    },
  };
}

/** The markers of a resident in these scopes, read consistently before the movement's transaction. */
export async function readMovementMarkers(get: ConsistentGet, residentId: string, merchantId: string, campaignIds: readonly string[]) {
  const scopes = [ALL_SCOPE, ...new Set(campaignIds.map(campaignScope))];
  // Every read asked before the first await: a batching reader sends them as one request.
  const read = await Promise.all(
    scopes.map(async (scope) => {
      const [atShop, anywhere] = await Promise.all([readMarker(get, figureKeys.atShop(scope, residentId, merchantId)), readMarker(get, figureKeys.anywhere(scope, residentId))]);
      return { scope, atShop, anywhere };
    }),
  );
  return new Map(read.map((r) => [r.scope, r]));
}

export type MovementMarkers = Awaited<ReturnType<typeof readMovementMarkers>>;

/**
 * The items a credit or a reversal adds to its ledger transaction: each touched bucket's counters
 * and each marker rewritten under its version guard. `markers` must hold every scope of the movement.
 */
export function movementItems(table: string, residentId: string, m: FigureMovement, markers: MovementMarkers): TransactItem[] {
  const plan = figureMovement(m, {
    atShop: new Map([...markers].map(([scope, r]) => [scope, r.atShop.purchases])),
    anywhere: new Map([...markers].map(([scope, r]) => [scope, r.anywhere.purchases])),
  });
  const items = counterUpdates(table, plan.deltas);
  for (const [scope, purchases] of plan.atShop) items.push(markerWrite(table, figureKeys.atShop(scope, residentId, m.merchantId), markers.get(scope)!.atShop.version, purchases));
  for (const [scope, purchases] of plan.anywhere) items.push(markerWrite(table, figureKeys.anywhere(scope, residentId), markers.get(scope)!.anywhere.version, purchases));
  return items;
}

/** Moves one record: reads it again on each try (gone means another erasure moved it) and writes the transaction it builds. */
export type MoveRecord = (read: () => Promise<Record<string, unknown> | undefined>, write: (item: Record<string, unknown>) => TransactItems) => Promise<void>;

/**
 * Erasure: a resident's markers in these scopes move to the pseudonym, each move guarded by its
 * version and retried by `move` (two erasures of one resident at once end as one).
 */
export async function rekeyFigureMarkers(doc: TableClient, table: string, fromResidentId: string, toResidentId: string, campaignIds: readonly string[], move: MoveRecord): Promise<void> {
  for (const scope of [ALL_SCOPE, ...campaignIds.map(campaignScope)]) {
    const out = await doc.send(
      new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': figureKeys.markersOf(scope, fromResidentId) }, ConsistentRead: true }),
    );
    for (const found of out.Items ?? []) {
      const key = { pk: String(found.pk), sk: String(found.sk) };
      await move(
        () => doc.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true })).then((o) => o.Item),
        (item) => [
          { Delete: { TableName: table, Key: key, ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': item.version } } },
          { Put: { TableName: table, Item: { ...item, pk: figureKeys.markersOf(scope, toResidentId) }, ConditionExpression: 'attribute_not_exists(pk)' } },
        ],
      );
    }
  }
}

function toBucket(i: Record<string, unknown>): StoredBucket {
  const b: StoredBucket = { week: String(i.week), ...(i.merchantId ? { merchantId: String(i.merchantId) } : {}) } as StoredBucket;
  for (const n of COUNTER_NAMES) b[n] = Number(i[n] ?? 0);
  return b;
}

async function queryBuckets(doc: TableClient, table: string, scope: string, prefix: 'WEEK#' | 'SHOPWEEK#', q: FiguresQuery): Promise<StoredBucket[]> {
  const lower = `${prefix}${q.fromWeek ?? ''}`;
  // `~` sorts after every character of a week or an id: the whole last week is included.
  const upper = `${prefix}${q.toWeek ?? '9999'}~`;
  const out: StoredBucket[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
        ExpressionAttributeValues: { ':pk': `FIGURES#${scope}`, ':lo': lower, ':hi': upper },
        ExclusiveStartKey: start,
      }),
    );
    for (const i of page.Items ?? []) out.push(toBucket(i));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/** A scope's buckets over a range of weeks: two queries (and their pages). */
export async function readFigureBuckets(doc: TableClient, table: string, q: FiguresQuery): Promise<FigureBuckets> {
  const scope = q.campaignId ? campaignScope(q.campaignId) : ALL_SCOPE;
  const [scopeWeeks, shopWeeks] = await Promise.all([queryBuckets(doc, table, scope, 'WEEK#', q), queryBuckets(doc, table, scope, 'SHOPWEEK#', q)]);
  return { scopeWeeks, shopWeeks };
}

/** The budgets of these campaigns (or of every campaign): one query for the list, one batch read per 100 budgets. */
export async function readCampaignBudgets(doc: TableClient, table: string, campaignIds?: readonly string[]): Promise<CampaignBudget[]> {
  let ids = campaignIds ? [...campaignIds] : [];
  if (!campaignIds) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(
        new QueryCommand({
          TableName: table,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': 'CAMPAIGNS' },
          ProjectionExpression: 'campaignId',
          ExclusiveStartKey: start,
        }),
      );
      ids.push(...(page.Items ?? []).map((i) => String(i.campaignId)));
      start = page.LastEvaluatedKey;
    } while (start);
  }
  ids = [...new Set(ids)];
  const reader = new ConsistentBatchReader(doc, table);
  const accounts = await Promise.all(ids.map((id) => reader.get({ pk: `ACCOUNT#${accountIds.budget(id)}`, sk: 'ACCOUNT' })));
  const budgets: CampaignBudget[] = [];
  for (const a of accounts) {
    if (!a) continue;
    const n = (k: string) => Number(a[k] ?? 0);
    budgets.push({
      campaignId: String(a.accountId).replace(/^budget:/, ''),
      fundedCents: n('fundedCents'),
      spentCents: n('cashbackCents') - n('reversedCents'),
      returnedCents: n('returnedCents'),
      remainingCents: n('balanceCents'),
    });
  }
  return budgets.sort((a, b) => (a.campaignId < b.campaignId ? -1 : 1));
}
