import {
  ALL_SCOPE,
  campaignScope,
  figureMovement,
  zeroCounters,
  type BucketKey,
  type CounterDeltas,
  type CreditedPurchases,
  type FigureMovement,
  type StoredBucket,
} from '../../domain/figures';
import type { FigureBuckets, FiguresQuery } from '../../ports';
import { copy, sortedBy } from './cursor';

const markerKey = (scope: string, residentId: string, merchantId?: string) => JSON.stringify([scope, residentId, merchantId ?? null]);

/**
 * The figures' counters in memory (shared/domain/figures.ts says what they mean and how a
 * movement changes them; this only keeps them): per bucket its counters, per resident and scope
 * the credited purchases at each shop and anywhere. Changed by the ledger's credits and reversals
 * and by the receipts' decisions, in the same synchronous step as the movement they count.
 */
export class MemoryFigures {
  readonly buckets = new Map<string, { key: BucketKey; counters: StoredBucket }>();
  /** [scope, residentId, merchantId or null for anywhere] -> purchases. */
  readonly markers = new Map<string, CreditedPurchases>();

  apply(deltas: CounterDeltas): void {
    for (const { key, counters } of deltas.entries()) {
      const id = JSON.stringify([key.scope, key.week, key.merchantId ?? null]);
      let bucket = this.buckets.get(id);
      if (!bucket) this.buckets.set(id, (bucket = { key, counters: { ...zeroCounters(), week: key.week, ...(key.merchantId ? { merchantId: key.merchantId } : {}) } as StoredBucket }));
      for (const [name, value] of Object.entries(counters) as [keyof typeof counters, number][]) bucket.counters[name] += value;
    }
  }

  /** What a credit or a reversal changes, decided on the markers as they are now; `apply` writes it. */
  planMovement(residentId: string, m: FigureMovement): { apply: () => void } {
    const scopes = [ALL_SCOPE, ...new Set(m.credits.map((c) => campaignScope(c.campaignId)))];
    const plan = figureMovement(m, {
      atShop: new Map(scopes.map((s) => [s, this.markers.get(markerKey(s, residentId, m.merchantId)) ?? {}])),
      anywhere: new Map(scopes.map((s) => [s, this.markers.get(markerKey(s, residentId)) ?? {}])),
    });
    return {
      apply: () => {
        this.apply(plan.deltas);
        for (const [scope, purchases] of plan.atShop) this.markers.set(markerKey(scope, residentId, m.merchantId), purchases);
        for (const [scope, purchases] of plan.anywhere) this.markers.set(markerKey(scope, residentId), purchases);
      },
    };
  }

  read(q: FiguresQuery): FigureBuckets {
    const scope = q.campaignId ? campaignScope(q.campaignId) : ALL_SCOPE;
    const inRange = (week: string) => (!q.fromWeek || week >= q.fromWeek) && (!q.toWeek || week <= q.toWeek);
    const mine = [...this.buckets.values()].filter((b) => b.key.scope === scope && inRange(b.key.week));
    const sorted = (shop: boolean) =>
      sortedBy(mine.filter((b) => (b.key.merchantId !== undefined) === shop), (b) => `${b.key.week}#${b.key.merchantId ?? ''}`).map(({ item }) => copy(item.counters));
    return { scopeWeeks: sorted(false), shopWeeks: sorted(true) };
  }

  /** Erasure: a resident's markers in these scopes move to the pseudonym. */
  rekey(fromResidentId: string, toResidentId: string, campaignIds: readonly string[]): void {
    const scopes = new Set([ALL_SCOPE, ...campaignIds.map(campaignScope)]);
    for (const [k, purchases] of [...this.markers]) {
      const [scope, residentId, merchantId] = JSON.parse(k) as [string, string, string | null];
      if (residentId !== fromResidentId || !scopes.has(scope)) continue;
      this.markers.delete(k);
      this.markers.set(markerKey(scope, toResidentId, merchantId ?? undefined), purchases);
    }
  }
}
