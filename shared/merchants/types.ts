import type { Merchant } from '../domain/merchant';

/** Filters of the public directory (`GET /v1/merchants`). */
export interface MerchantFilter {
  /** Category, compared without case or accents. */
  category?: string;
  /** A tag the shop carries (exact). */
  tag?: string;
  /** Words that must all appear in the shop's names, category, street or city (no case, no accents). */
  q?: string;
  /** Which shops: ACTIVE (the default, and the only ones the public directory shows) or SUSPENDED (staff). */
  status?: 'ACTIVE' | 'SUSPENDED';
}

/** One chunk of writes of an import (at most 49 shops: two items each, plus the version). */
export interface MerchantBatch {
  creates: Merchant[];
  updates: Array<{ merchant: Merchant; expectedUpdatedAt: string | undefined }>;
  /**
   * Bump the directory version in the same transaction (default). Concurrent batches of one import
   * pass false and call `touchDirectory()` after each, so they do not collide on the version item.
   */
  bumpVersion?: boolean;
}

/** The store refused a batch because another write got there first; the caller re-reads and retries. */
export class BatchConflictError extends Error {
  override readonly name = 'BatchConflictError';
}
