import { InvalidCursorError } from '../../domain/errors';
import type { Page } from '../../ports/page';

/**
 * A page of an in-memory list, with an opaque cursor as the DynamoDB adapters give out: the list's
 * name and the sort key of the last item handed out. A cursor of another list, or one that is not
 * a cursor at all, is INVALID_CURSOR, as it is on the table.
 */
export function pageOf<T>(list: string, sorted: ReadonlyArray<{ key: string; item: T }>, order: 'ASC' | 'DESC', limit: number, cursor?: string): Page<T> {
  const after = decode(list, cursor);
  const rest = after === undefined ? sorted : sorted.filter((x) => (order === 'ASC' ? x.key > after : x.key < after));
  const page = rest.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map((x) => x.item), nextCursor: rest.length > limit && last ? encode(list, last.key) : null };
}

/** Sorts items by a string key, ascending or descending. */
export function sortedBy<T>(items: Iterable<T>, keyOf: (item: T) => string, order: 'ASC' | 'DESC' = 'ASC'): Array<{ key: string; item: T }> {
  const keyed = [...items].map((item) => ({ key: keyOf(item), item }));
  keyed.sort((a, b) => (a.key === b.key ? 0 : (a.key < b.key) === (order === 'ASC') ? -1 : 1));
  return keyed;
}

function encode(list: string, key: string): string {
  return Buffer.from(JSON.stringify({ l: list, k: key })).toString('base64url');
}

function decode(list: string, cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('The cursor is not one this API gave out.');
  }
  const c = parsed as { l?: unknown; k?: unknown } | null;
  if (!c || typeof c !== 'object' || c.l !== list || typeof c.k !== 'string') throw new InvalidCursorError('The cursor does not belong to this list.');
  return c.k;
}

/** A deep copy, as a value read back from a table is: the caller may change it freely. */
export function copy<T>(value: T): T {
  return structuredClone(value);
}

/** A conditional write that failed, as DynamoDB's ConditionalCheckFailedException. */
export class ConditionFailedError extends Error {
  override readonly name = 'ConditionalCheckFailedException';
}
