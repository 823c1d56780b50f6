import { BatchGetCommand, type TableClient } from './client/commands';

type Key = Record<string, string>;
type Item = Record<string, unknown>;

/** BatchGetItem takes at most this many keys a call. */
const MAX_KEYS = 100;
const MAX_ATTEMPTS = 8;

/**
 * Strongly consistent reads of single items, gathered into one BatchGetItem: the `get`s asked in
 * the same turn of the event loop (a `Promise.all` of reads) leave as one request of up to 100
 * keys instead of one GetItem each. The same read units as separate GetItems (each item is still
 * read on its own, strongly consistent: no snapshot of several items, as with GetItems in
 * parallel), fewer round trips: the credit stage reads its receipt, budgets, caps, tallies and
 * figure markers this way before its transaction. Keys left unprocessed under throttling are asked
 * again with backoff.
 */
export class ConsistentBatchReader {
  private pending = new Map<string, { key: Key; waiters: Array<{ resolve(item: Item | undefined): void; reject(err: unknown): void }> }>();
  private scheduled = false;

  constructor(private readonly doc: TableClient, private readonly table: string) {}

  get(key: Key): Promise<Item | undefined> {
    const id = JSON.stringify(Object.entries(key).sort(([a], [b]) => a.localeCompare(b)));
    return new Promise((resolve, reject) => {
      const entry = this.pending.get(id) ?? { key, waiters: [] };
      entry.waiters.push({ resolve, reject });
      this.pending.set(id, entry);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    const batch = [...this.pending.values()];
    this.pending = new Map();
    this.scheduled = false;
    for (let i = 0; i < batch.length; i += MAX_KEYS) {
      const chunk = batch.slice(i, i + MAX_KEYS);
      try {
        const found = await this.read(chunk.map((e) => e.key));
        for (const e of chunk) {
          const item = found.get(idOf(e.key, found.keyNames));
          for (const w of e.waiters) w.resolve(item);
        }
      } catch (err) {
        for (const e of chunk) for (const w of e.waiters) w.reject(err);
      }
    }
  }

  private async read(keys: Key[]): Promise<Map<string, Item> & { keyNames: string[] }> {
    const keyNames = Object.keys(keys[0]!).sort();
    const found = Object.assign(new Map<string, Item>(), { keyNames });
    let asked: Key[] = keys;
    for (let attempt = 1; asked.length > 0; attempt++) {
      if (attempt > MAX_ATTEMPTS) throw new Error(`BatchGetItem: ${asked.length} keys still unprocessed after ${MAX_ATTEMPTS} attempts`);
      if (attempt > 1) await new Promise((r) => setTimeout(r, Math.random() * 25 * 2 ** attempt));
      const out = await this.doc.send(new BatchGetCommand({ RequestItems: { [this.table]: { Keys: asked, ConsistentRead: true } } }));
      for (const item of out.Responses?.[this.table] ?? []) found.set(idOf(item, keyNames), item);
      asked = (out.UnprocessedKeys?.[this.table]?.Keys ?? []) as Key[];
    }
    return found;
  }
}

function idOf(item: Record<string, unknown>, keyNames: readonly string[]): string {
  return keyNames.map((k) => String(item[k])).join('\u0000');
}
