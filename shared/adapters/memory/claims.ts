import type { ClaimKey } from '../../domain/fraud/claim-keys';
import type { ClaimStore } from '../../ports';

/** Claims and tallies in memory: the first receipt to claim a key holds it; a tally counts each receipt once. */
export class MemoryClaimStore implements ClaimStore {
  readonly claims = new Map<string, string>();
  readonly tallies = new Map<string, Set<string>>();

  async claim(key: ClaimKey, receiptId: string): Promise<string> {
    const holder = this.claims.get(key);
    if (holder !== undefined) return holder;
    this.claims.set(key, receiptId);
    return receiptId;
  }

  async tally(key: ClaimKey, receiptId: string): Promise<number> {
    let ids = this.tallies.get(key);
    if (!ids) this.tallies.set(key, (ids = new Set()));
    ids.add(receiptId);
    return ids.size;
  }

  async forget(keys: { claims: readonly ClaimKey[]; tallies: readonly ClaimKey[] }): Promise<void> {
    for (const k of keys.claims) this.claims.delete(k);
    for (const k of keys.tallies) this.tallies.delete(k);
  }
}
