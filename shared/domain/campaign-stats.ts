import type { StoredBucket } from './figures';

/** What a campaign has done, from its budget account's counters and its figure buckets (GET /v1/admin/campaigns/{id}/stats). */
export interface CampaignLedgerStats {
  /** Dotation plus top-ups. */
  fundedCents: number;
  /** Cashback paid into wallets, net of reversals. */
  creditedCents: number;
  reversedCents: number;
  /** Given back to the city: the remainder when the campaign closed, and reversals after that. */
  returnedCents: number;
  remainingCents: number;
  salesCents: number;
  creditedReceipts: number;
  /** Residents with a credited receipt of the campaign. */
  residents: number;
  /** Shops with a credited receipt of the campaign. */
  merchants: number;
  /** Receipts refused with this campaign named, and in review for it now. */
  rejectedReceipts: number;
  inReviewReceipts: number;
}

/**
 * A campaign's stats: money from the budget account's counters (`counter(name)` reads one, 0 when
 * absent), residents, shops and refused or held receipts from the campaign's weekly buckets.
 */
export function campaignStatsOf(counter: (name: string) => number, buckets: { scopeWeeks: readonly StoredBucket[]; shopWeeks: readonly StoredBucket[] }): CampaignLedgerStats {
  const newCustomers = new Map<string, number>();
  for (const w of buckets.shopWeeks) newCustomers.set(w.merchantId!, (newCustomers.get(w.merchantId!) ?? 0) + w.newCustomers);
  const sum = (pick: (w: StoredBucket) => number) => buckets.scopeWeeks.reduce((total, w) => total + pick(w), 0);
  return {
    fundedCents: counter('fundedCents'),
    creditedCents: counter('cashbackCents') - counter('reversedCents'),
    reversedCents: counter('reversedCents'),
    returnedCents: counter('returnedCents'),
    remainingCents: counter('balanceCents'),
    salesCents: counter('salesCents'),
    creditedReceipts: counter('creditedReceipts'),
    residents: sum((w) => w.residentsReached),
    merchants: [...newCustomers.values()].filter((c) => c > 0).length,
    rejectedReceipts: sum((w) => w.refusedReceipts),
    inReviewReceipts: sum((w) => w.inReviewReceipts),
  };
}
