import { type TableClient, QueryCommand, type QueryCommandInput } from './client/commands';
import type { Page } from '../../ports';
import { cursorFor, encodeCursor } from './table';

/* Reading the table: queries page after page, one page with its cursor, items without their storage keys. */

const ITEM_KEYS = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'type'] as const;

/** Drops the storage keys from an item, leaving the domain object. */
export function stripKeys<T>(item: Record<string, unknown>): T {
  const copy: Record<string, unknown> = { ...item };
  for (const k of ITEM_KEYS) delete copy[k];
  return copy as T;
}

export function isConditionFailure(err: unknown): boolean {
  return (err as { name?: string })?.name === 'ConditionalCheckFailedException';
}

export { cursorFor };

/** Every item a query matches, page after page. */
export async function* queryAll(doc: TableClient, input: QueryCommandInput): AsyncIterable<Record<string, unknown>> {
  let start: Record<string, unknown> | undefined;
  do {
    const out = await doc.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    yield* out.Items ?? [];
    start = out.LastEvaluatedKey;
  } while (start);
}

/** Every item a query matches, mapped, in one array. */
export async function queryAllAs<T>(doc: TableClient, input: QueryCommandInput, map: (item: Record<string, unknown>) => T): Promise<T[]> {
  const result: T[] = [];
  for await (const item of queryAll(doc, input)) result.push(map(item));
  return result;
}

export async function queryPage<T>(doc: TableClient, input: QueryCommandInput, limit: number): Promise<Page<T>> {
  const out = await doc.send(new QueryCommand({ ...input, Limit: limit }));
  return {
    items: (out.Items ?? []).map((i) => stripKeys<T>(i)),
    nextCursor: encodeCursor(out.LastEvaluatedKey),
  };
}
