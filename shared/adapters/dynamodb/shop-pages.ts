import { DeleteCommand, type TableClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, type QueryCommandInput } from './client/commands';
import { ConflictError } from '../../domain/errors';
import type { News, Review } from '../../domain/shop-page';
import type { Page } from '../../ports/page';
import type { NewsStore, ReviewStore } from '../../ports/shop-pages';
import { cursorFor, isConditionFailure, queryAllAs, stripKeys } from './query';
import { encodeCursor, type IndexName } from './table';
import { cancellationReasons, failed } from './transactions';

/**
 * News and reviews on the single table (issue #20):
 * - `NEWS#<id>` / `NEWS`, listed newest first on gsi1 (`NEWS`) and, for a shop's, on gsi2 (`NEWS#<merchantId>`);
 * - `REVIEW#<id>` / `REVIEW`, listed newest first on gsi1 (`REVIEWS#<merchantId>`, every review)
 *   and on gsi2 (`VISIBLE#<merchantId>`, only while not hidden: the public list);
 * - `RESIDENT#<residentId>` / `REVIEW#<merchantId>`: the resident's review of a shop, written in the
 *   same transaction as the review's creation, so that a resident writes one review per shop.
 */
const newsKey = (id: string) => ({ pk: `NEWS#${id}`, sk: 'NEWS' });
const reviewKey = (id: string) => ({ pk: `REVIEW#${id}`, sk: 'REVIEW' });
const residentReviewKey = (residentId: string, merchantId: string) => ({ pk: `RESIDENT#${residentId}`, sk: `REVIEW#${merchantId}` });
const newsOrder = (n: News) => `${n.publishedAt}#${n.newsId}`;
const reviewOrder = (r: Review) => `${r.createdAt}#${r.reviewId}`;

function newsItem(n: News) {
  return {
    ...newsKey(n.newsId),
    type: 'news',
    gsi1pk: 'NEWS',
    gsi1sk: newsOrder(n),
    ...(n.merchantId ? { gsi2pk: `NEWS#${n.merchantId}`, gsi2sk: newsOrder(n) } : {}),
    ...n,
  };
}

function reviewItem(r: Review) {
  return {
    ...reviewKey(r.reviewId),
    type: 'review',
    gsi1pk: `REVIEWS#${r.merchantId}`,
    gsi1sk: reviewOrder(r),
    ...(r.hidden ? {} : { gsi2pk: `VISIBLE#${r.merchantId}`, gsi2sk: reviewOrder(r) }),
    ...r,
  };
}

const KEY_ATTRS: Record<IndexName, string[]> = {
  table: ['pk', 'sk'],
  gsi1: ['pk', 'sk', 'gsi1pk', 'gsi1sk'],
  gsi2: ['pk', 'sk', 'gsi2pk', 'gsi2sk'],
};

/**
 * A full page of an index's partition, newest first, keeping only the items `keep` accepts: reads
 * on until `limit` items are kept or the partition ends, and hands out the key of the last item
 * kept as the cursor (null when nothing is left).
 */
async function keptPage<T>(doc: TableClient, table: string, index: 'gsi1' | 'gsi2', partition: string, limit: number, cursor: string | undefined, keep: (item: Record<string, unknown>) => boolean): Promise<Page<T>> {
  const pkAttr = `${index}pk`;
  let start = cursorFor(index, partition, cursor);
  const kept: Record<string, unknown>[] = [];
  for (;;) {
    const input: QueryCommandInput = {
      TableName: table,
      IndexName: index,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': pkAttr },
      ExpressionAttributeValues: { ':pk': partition },
      ScanIndexForward: false,
      Limit: limit + 1,
      ...(start ? { ExclusiveStartKey: start } : {}),
    };
    const out = await doc.send(new QueryCommand(input));
    for (const item of out.Items ?? []) {
      if (!keep(item)) continue;
      kept.push(item);
      if (kept.length > limit) {
        const last = kept[limit - 1]!;
        return { items: kept.slice(0, limit).map((i) => stripKeys<T>(i)), nextCursor: encodeCursor(Object.fromEntries(KEY_ATTRS[index].map((a) => [a, last[a]]))) };
      }
    }
    if (!out.LastEvaluatedKey) return { items: kept.map((i) => stripKeys<T>(i)), nextCursor: null };
    start = out.LastEvaluatedKey;
  }
}

export class DynamoNewsStore implements NewsStore {
  constructor(private readonly doc: TableClient, private readonly table: string) {}

  async get(newsId: string): Promise<News | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: newsKey(newsId), ConsistentRead: true }));
    return out.Item ? stripKeys<News>(out.Item) : undefined;
  }

  async put(news: News, expectedUpdatedAt?: string): Promise<void> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: newsItem(news),
          ...(expectedUpdatedAt
            ? { ConditionExpression: 'updatedAt = :u', ExpressionAttributeValues: { ':u': expectedUpdatedAt } }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        }),
      );
    } catch (err) {
      if (isConditionFailure(err)) throw new ConflictError('NEWS_CHANGED', 'This news post was changed or deleted meanwhile; read it again.');
      throw err;
    }
  }

  async delete(newsId: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.table, Key: newsKey(newsId) }));
  }

  list(filter: { merchantId?: string; activeOn?: string }, limit: number, cursor?: string): Promise<Page<News>> {
    const [index, partition] = filter.merchantId ? (['gsi2', `NEWS#${filter.merchantId}`] as const) : (['gsi1', 'NEWS'] as const);
    const today = filter.activeOn;
    return keptPage<News>(this.doc, this.table, index, partition, limit, cursor, (i) => !today || typeof i.endsOn !== 'string' || i.endsOn >= today);
  }
}

export class DynamoReviewStore implements ReviewStore {
  constructor(private readonly doc: TableClient, private readonly table: string) {}

  async get(merchantId: string, residentId: string): Promise<Review | undefined> {
    const pointer = await this.doc.send(new GetCommand({ TableName: this.table, Key: residentReviewKey(residentId, merchantId), ConsistentRead: true }));
    const reviewId = pointer.Item?.reviewId;
    return typeof reviewId === 'string' ? this.byId(reviewId) : undefined;
  }

  async byId(reviewId: string): Promise<Review | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: reviewKey(reviewId), ConsistentRead: true }));
    return out.Item ? stripKeys<Review>(out.Item) : undefined;
  }

  async put(review: Review, expectedVersion: number | undefined): Promise<void> {
    const changed = () => new ConflictError('REVIEW_CHANGED', 'This review was changed meanwhile; read it again.');
    if (expectedVersion !== undefined) {
      try {
        await this.doc.send(
          new PutCommand({ TableName: this.table, Item: reviewItem(review), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } }),
        );
      } catch (err) {
        if (isConditionFailure(err)) throw changed();
        throw err;
      }
      return;
    }
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.table, Item: reviewItem(review), ConditionExpression: 'attribute_not_exists(pk)' } },
            {
              Put: {
                TableName: this.table,
                Item: { ...residentReviewKey(review.residentId, review.merchantId), type: 'residentReview', reviewId: review.reviewId, merchantId: review.merchantId },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
    } catch (err) {
      const reasons = cancellationReasons(err);
      if (reasons && (failed(reasons[0]) || failed(reasons[1]))) throw changed();
      throw err;
    }
  }

  async delete(merchantId: string, residentId: string): Promise<void> {
    const pointer = await this.doc.send(new GetCommand({ TableName: this.table, Key: residentReviewKey(residentId, merchantId), ConsistentRead: true }));
    const reviewId = pointer.Item?.reviewId;
    if (typeof reviewId !== 'string') return;
    await this.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: this.table, Key: reviewKey(reviewId) } },
          { Delete: { TableName: this.table, Key: residentReviewKey(residentId, merchantId) } },
        ],
      }),
    );
  }

  listVisible(merchantId: string, limit: number, cursor?: string): Promise<Page<Review>> {
    return keptPage<Review>(this.doc, this.table, 'gsi2', `VISIBLE#${merchantId}`, limit, cursor, () => true);
  }

  visibleRatings(merchantId: string): Promise<number[]> {
    return queryAllAs(
      this.doc,
      {
        TableName: this.table,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': `VISIBLE#${merchantId}` },
        ProjectionExpression: 'rating',
      },
      (i) => Number(i.rating),
    );
  }

  listAll(merchantId: string, limit: number, cursor?: string): Promise<Page<Review>> {
    return keptPage<Review>(this.doc, this.table, 'gsi1', `REVIEWS#${merchantId}`, limit, cursor, () => true);
  }

  async byResident(residentId: string): Promise<Review[]> {
    const ids = await queryAllAs(
      this.doc,
      {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': `RESIDENT#${residentId}`, ':p': 'REVIEW#' },
        ConsistentRead: true,
      },
      (i) => String(i.reviewId),
    );
    const reviews = await Promise.all(ids.map((id) => this.byId(id)));
    return reviews.filter((r): r is Review => r !== undefined);
  }
}
