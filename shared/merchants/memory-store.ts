import { ConflictError } from '../domain/errors';
import type { MatchOutcome, ShopClues } from '../domain/matching';
import type { Merchant } from '../domain/merchant';
import type { MerchantStore, Page } from '../ports';
import { LiveMerchantIndex, type LiveIndexOptions } from './match-index';
import { matchesFilter, sortKeyOf } from './search';
import { BatchConflictError, type MerchantBatch, type MerchantFilter } from './types';

/**
 * The merchant store in memory, with the DynamoDB store's semantics (one shop per SIRET, a version
 * every write bumps, conditional updates, the directory sorted by name). For tests and tools.
 */
export class MemoryMerchantStore implements MerchantStore {
  readonly byId = new Map<string, Merchant>();
  private readonly bySiret = new Map<string, string>();
  version = 0;
  /** Counts of calls, for tests. */
  readonly calls = { directoryVersion: 0, all: 0, writeBatch: 0 };
  private live: LiveMerchantIndex | undefined;

  constructor(private readonly indexOptions: LiveIndexOptions = {}) {}

  private clone(m: Merchant): Merchant {
    return structuredClone(m);
  }

  async create(m: Merchant): Promise<void> {
    if (this.bySiret.has(m.siret) || this.byId.has(m.merchantId)) {
      throw new ConflictError('MERCHANT_EXISTS', `A participating shop with SIRET ${m.siret} is already registered.`);
    }
    this.byId.set(m.merchantId, this.clone(m));
    this.bySiret.set(m.siret, m.merchantId);
    this.version++;
  }

  async update(m: Merchant, expectedUpdatedAt: string | undefined): Promise<void> {
    const current = this.byId.get(m.merchantId);
    if (!current || current.updatedAt !== expectedUpdatedAt) {
      throw new ConflictError('MERCHANT_CHANGED', 'The shop was changed by someone else meanwhile; read it again and retry.');
    }
    this.byId.set(m.merchantId, this.clone(m));
    this.version++;
  }

  async writeBatch(batch: MerchantBatch): Promise<void> {
    this.calls.writeBatch++;
    if (batch.creates.length * 2 + batch.updates.length > 99) throw new RangeError('a merchant batch holds at most 99 items');
    for (const m of batch.creates) if (this.bySiret.has(m.siret) || this.byId.has(m.merchantId)) throw new BatchConflictError(`SIRET ${m.siret} taken meanwhile`);
    for (const u of batch.updates) if (this.byId.get(u.merchant.merchantId)?.updatedAt !== u.expectedUpdatedAt) throw new BatchConflictError(`shop ${u.merchant.merchantId} changed meanwhile`);
    if (batch.creates.length + batch.updates.length === 0) return;
    for (const m of batch.creates) {
      this.byId.set(m.merchantId, this.clone(m));
      this.bySiret.set(m.siret, m.merchantId);
    }
    for (const u of batch.updates) this.byId.set(u.merchant.merchantId, this.clone(u.merchant));
    if (batch.bumpVersion !== false) this.version++;
  }

  async get(merchantId: string): Promise<Merchant | undefined> {
    const m = this.byId.get(merchantId);
    return m ? this.clone(m) : undefined;
  }

  async getBySirets(sirets: readonly string[]): Promise<Map<string, Merchant>> {
    const out = new Map<string, Merchant>();
    for (const s of sirets) {
      const id = this.bySiret.get(s);
      const m = id ? this.byId.get(id) : undefined;
      if (m) out.set(s, this.clone(m));
    }
    return out;
  }

  list(limit: number, cursor?: string): Promise<Page<Merchant>> {
    return this.search({}, limit, cursor);
  }

  async search(filter: MerchantFilter, limit: number, cursor?: string): Promise<Page<Merchant>> {
    const after = cursor ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
    const sorted = [...this.byId.values()]
      .filter((m) => matchesFilter(m, filter))
      .map((m) => ({ key: sortKeyOf(m), m }))
      .filter((x) => x.key > after)
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const page = sorted.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map((x) => this.clone(x.m)), nextCursor: sorted.length > limit && last ? Buffer.from(last.key).toString('base64url') : null };
  }

  async all(): Promise<Merchant[]> {
    this.calls.all++;
    return [...this.byId.values()].map((m) => this.clone(m));
  }

  async directoryVersion(): Promise<number> {
    this.calls.directoryVersion++;
    return this.version;
  }

  async touchDirectory(): Promise<void> {
    this.version++;
  }

  match(clues: ShopClues): Promise<MatchOutcome> {
    this.live ??= new LiveMerchantIndex(this, this.indexOptions);
    return this.live.match(clues);
  }
}
