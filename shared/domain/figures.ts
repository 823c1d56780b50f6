import { isoWeek, localDate } from './dates';

/**
 * The dotation's impact, as a city shows it to its council (issue #15): the rules behind
 * `GET /v1/admin/figures`, pure. The counters they read are kept by the ledger in the very
 * transaction of each credit and reversal (docs/ledger.md, "Figures"); this module says what each
 * counter means, how a credit or a reversal changes them, and how a read adds them up.
 *
 * - A **scope** is the whole programme (`ALL`) or one campaign (`C#<campaignId>`): a receipt
 *   credited by two stacked campaigns counts once in `ALL` (its sales once, its cashback summed) and
 *   in each campaign's scope (that campaign's cashback, the receipt's sales).
 * - Credited figures are bucketed by the ISO week of the **purchase date** (a local date in
 *   Europe/Paris): a reversal takes them out of the week they went into. Refused and in-review
 *   receipts are bucketed by the week of their **upload** (the instant seen in Europe/Paris), as a
 *   refused receipt may have no date that could be read.
 * - A resident is a **new customer** of a shop in the week of their first credited purchase there
 *   (purchase date order, then receipt id), and a **returning customer** in the week of their second.
 *   Only receipts still credited count: when a reversal removes the first purchase, the second
 *   becomes the first. So, over the whole programme, a shop's new customers are the residents with
 *   at least one credited purchase there, its returning customers those with at least two.
 * - A resident is **reached** in the week of their first credited purchase in the scope.
 */

export const ALL_SCOPE = 'ALL';
export const campaignScope = (campaignId: string) => `C#${campaignId}`;

/** The ISO week (`2026-W09`) of a purchase date. */
export const purchaseWeek = (purchaseDate: string): string => isoWeek(purchaseDate);

/** The ISO week of an instant as seen in Europe/Paris (uploads). */
export const instantWeek = (instant: string | Date): string => isoWeek(localDate(typeof instant === 'string' ? new Date(instant) : instant));

/** A resident's credited receipts in a scope (at one shop, or anywhere): receipt id -> purchase date. */
export type CreditedPurchases = Readonly<Record<string, string>>;

/** The weeks of the first and second purchases, in purchase-date order (ties by receipt id). */
export function firstTwoWeeks(purchases: CreditedPurchases): { first?: string; second?: string } {
  const sorted = Object.entries(purchases).sort(([ra, da], [rb, db]) => (da < db ? -1 : da > db ? 1 : ra < rb ? -1 : ra > rb ? 1 : 0));
  return {
    ...(sorted[0] ? { first: purchaseWeek(sorted[0][1]) } : {}),
    ...(sorted[1] ? { second: purchaseWeek(sorted[1][1]) } : {}),
  };
}

/** The counters of one bucket. Money in integer cents. */
export interface Counters {
  cashbackCents: number;
  salesCents: number;
  creditedReceipts: number;
  newCustomers: number;
  returningCustomers: number;
  residentsReached: number;
  refusedReceipts: number;
  inReviewReceipts: number;
}

export const COUNTER_NAMES: readonly (keyof Counters)[] = [
  'cashbackCents',
  'salesCents',
  'creditedReceipts',
  'newCustomers',
  'returningCustomers',
  'residentsReached',
  'refusedReceipts',
  'inReviewReceipts',
];

export const zeroCounters = (): Counters => ({
  cashbackCents: 0,
  salesCents: 0,
  creditedReceipts: 0,
  newCustomers: 0,
  returningCustomers: 0,
  residentsReached: 0,
  refusedReceipts: 0,
  inReviewReceipts: 0,
});

/**
 * Where a counter lives: a scope's week (`merchantId` absent: every shop together, plus the
 * refused and in-review receipts) or a shop's week within a scope.
 */
export interface BucketKey {
  scope: string;
  week: string;
  merchantId?: string;
}

export const bucketId = (k: BucketKey): string => `${k.scope}|${k.week}|${k.merchantId ?? ''}`;

/** Counter changes gathered by bucket; changes to one bucket are merged (one update per item). */
export class CounterDeltas {
  private readonly byBucket = new Map<string, { key: BucketKey; counters: Partial<Counters> }>();

  add(key: BucketKey, counters: Partial<Counters>): this {
    const id = bucketId(key);
    const current = this.byBucket.get(id) ?? { key, counters: {} };
    for (const [name, value] of Object.entries(counters) as [keyof Counters, number][]) current.counters[name] = (current.counters[name] ?? 0) + value;
    this.byBucket.set(id, current);
    return this;
  }

  /** Buckets with at least one non-zero change, each with its non-zero changes only. */
  entries(): Array<{ key: BucketKey; counters: Partial<Counters> }> {
    const out: Array<{ key: BucketKey; counters: Partial<Counters> }> = [];
    for (const { key, counters } of this.byBucket.values()) {
      const nonZero = Object.fromEntries(Object.entries(counters).filter(([, v]) => v !== 0)) as Partial<Counters>;
      if (Object.keys(nonZero).length > 0) out.push({ key, counters: nonZero });
    }
    return out;
  }
}

/**
 * How a shop's new/returning counters move when a resident's credited purchases there go from
 * `before` to `after`: the old first and second weeks lose one, the new ones gain one (the same
 * week on both sides cancels out). Added to the shop's week and to the scope's week.
 */
export function customerChange(deltas: CounterDeltas, scope: string, merchantId: string, before: CreditedPurchases, after: CreditedPurchases): void {
  const was = firstTwoWeeks(before);
  const now = firstTwoWeeks(after);
  const move = (week: string | undefined, name: 'newCustomers' | 'returningCustomers', sign: 1 | -1) => {
    if (!week) return;
    deltas.add({ scope, week, merchantId }, { [name]: sign });
    deltas.add({ scope, week }, { [name]: sign });
  };
  move(was.first, 'newCustomers', -1);
  move(was.second, 'returningCustomers', -1);
  move(now.first, 'newCustomers', 1);
  move(now.second, 'returningCustomers', 1);
}

/** How the residents reached in a scope move when a resident's credited purchases go from `before` to `after`. */
export function reachChange(deltas: CounterDeltas, scope: string, before: CreditedPurchases, after: CreditedPurchases): void {
  const was = firstTwoWeeks(before).first;
  const now = firstTwoWeeks(after).first;
  if (was) deltas.add({ scope, week: was }, { residentsReached: -1 });
  if (now) deltas.add({ scope, week: now }, { residentsReached: 1 });
}

/** A marker's purchases with one receipt added (a credit) or removed (a reversal). */
export function withPurchase(purchases: CreditedPurchases, receiptId: string, purchaseDate: string | null): Record<string, string> {
  const next: Record<string, string> = { ...purchases };
  if (purchaseDate === null) delete next[receiptId];
  else next[receiptId] = purchaseDate;
  return next;
}

/** One credit or one reversal of a receipt, as the figures see it. */
export interface FigureMovement {
  receiptId: string;
  merchantId: string;
  purchaseDate: string;
  totalCents: number;
  /** The cashback per paying campaign. */
  credits: ReadonlyArray<{ campaignId: string; amountCents: number }>;
  direction: 'CREDIT' | 'REVERSAL';
  /** For a reversal: the upload instant, whose week gains a refused receipt. */
  uploadedAt?: string;
}

/** The markers a movement reads and rewrites: per scope, the resident's purchases at the shop and anywhere. */
export interface FigureMarkers {
  /** scope -> purchases at the shop */
  atShop: ReadonlyMap<string, CreditedPurchases>;
  /** scope -> purchases anywhere in the scope */
  anywhere: ReadonlyMap<string, CreditedPurchases>;
}

export const scopesOf = (m: Pick<FigureMovement, 'credits'>): string[] => [ALL_SCOPE, ...new Set(m.credits.map((c) => campaignScope(c.campaignId)))];

/**
 * What a credit or a reversal changes: every bucket's counters, and each marker's purchases after
 * it. The ledger writes both in the transaction of the movement, each marker guarded by the
 * version it was read at, so that two movements of one resident cannot both start from the same
 * `before`.
 */
export function figureMovement(m: FigureMovement, markers: FigureMarkers): { deltas: CounterDeltas; atShop: Map<string, Record<string, string>>; anywhere: Map<string, Record<string, string>> } {
  const sign = m.direction === 'CREDIT' ? 1 : -1;
  const week = purchaseWeek(m.purchaseDate);
  const deltas = new CounterDeltas();
  const atShop = new Map<string, Record<string, string>>();
  const anywhere = new Map<string, Record<string, string>>();
  const total = m.credits.reduce((s, c) => s + c.amountCents, 0);
  for (const scope of scopesOf(m)) {
    const cashback = scope === ALL_SCOPE ? total : m.credits.filter((c) => campaignScope(c.campaignId) === scope).reduce((s, c) => s + c.amountCents, 0);
    const flows = { cashbackCents: sign * cashback, salesCents: sign * m.totalCents, creditedReceipts: sign };
    deltas.add({ scope, week }, flows).add({ scope, week, merchantId: m.merchantId }, flows);
    const shopBefore = markers.atShop.get(scope) ?? {};
    const shopAfter = withPurchase(shopBefore, m.receiptId, sign > 0 ? m.purchaseDate : null);
    customerChange(deltas, scope, m.merchantId, shopBefore, shopAfter);
    atShop.set(scope, shopAfter);
    const reachBefore = markers.anywhere.get(scope) ?? {};
    const reachAfter = withPurchase(reachBefore, m.receiptId, sign > 0 ? m.purchaseDate : null);
    reachChange(deltas, scope, reachBefore, reachAfter);
    anywhere.set(scope, reachAfter);
    if (m.direction === 'REVERSAL' && m.uploadedAt) deltas.add({ scope, week: instantWeek(m.uploadedAt) }, { refusedReceipts: 1 });
  }
  return { deltas, atShop, anywhere };
}

/**
 * A receipt's decision outside the ledger: refused, sent to review, or taken out of review (staff
 * approved or rejected it). Counted in the programme's scope and, when the decision names one, the
 * campaign's, in the week of the upload.
 */
export function decisionChange(
  uploadedAt: string,
  change: { refused?: boolean; enteredReview?: boolean; leftReview?: boolean },
  campaignIds: { now?: string | undefined; review?: string | undefined },
): CounterDeltas {
  const deltas = new CounterDeltas();
  const week = instantWeek(uploadedAt);
  const scopesFor = (campaignId: string | undefined) => [ALL_SCOPE, ...(campaignId ? [campaignScope(campaignId)] : [])];
  if (change.leftReview) for (const scope of scopesFor(campaignIds.review)) deltas.add({ scope, week }, { inReviewReceipts: -1 });
  if (change.enteredReview) for (const scope of scopesFor(campaignIds.now)) deltas.add({ scope, week }, { inReviewReceipts: 1 });
  if (change.refused) for (const scope of scopesFor(campaignIds.now)) deltas.add({ scope, week }, { refusedReceipts: 1 });
  return deltas;
}

// ---------------------------------------------------------------------------------------------
// Reading: a period, the sums, the shares.

/** The Monday of an ISO week (`2026-W09` -> `2026-02-23`). */
export function weekMonday(week: string): string {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) throw new RangeError(`not an ISO week: ${week}`);
  const year = Number(m[1]);
  const jan4 = new Date(Date.UTC(year, 0, 4, 12));
  const monday = new Date(jan4);
  monday.setUTCDate(jan4.getUTCDate() - ((jan4.getUTCDay() + 6) % 7) + (Number(m[2]) - 1) * 7);
  return monday.toISOString().slice(0, 10);
}

/** The Sunday ending an ISO week. */
export function weekSunday(week: string): string {
  const d = new Date(`${weekMonday(week)}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 6);
  return d.toISOString().slice(0, 10);
}

/**
 * The weeks a period covers: counters are kept by week, so a period is served in whole ISO weeks,
 * from the week of `from` to the week of `to` (both included); the answer says which days that is.
 */
export function periodWeeks(from?: string, to?: string): { fromWeek?: string; toWeek?: string } {
  return { ...(from ? { fromWeek: purchaseWeek(from) } : {}), ...(to ? { toWeek: purchaseWeek(to) } : {}) };
}

export const inWeeks = (week: string, range: { fromWeek?: string; toWeek?: string }): boolean =>
  (!range.fromWeek || week >= range.fromWeek) && (!range.toWeek || week <= range.toWeek);

/** Sales carried per euro of cashback (2 decimals); null when nothing was paid. */
export function leverage(salesCents: number, cashbackCents: number): number | null {
  return cashbackCents > 0 ? Math.round((salesCents / cashbackCents) * 100) / 100 : null;
}

/** A share as a fraction with 4 decimals (0.6667); null with no participating shop. */
export function share(count: number, of: number): number | null {
  return of > 0 ? Math.round((count / of) * 10_000) / 10_000 : null;
}

export interface StoredBucket extends Counters {
  week: string;
  merchantId?: string;
}

export const addCounters = (into: Counters, from: Partial<Counters>): Counters => {
  for (const n of COUNTER_NAMES) into[n] += from[n] ?? 0;
  return into;
};

export interface ShopFigures {
  merchantId: string;
  cashbackCents: number;
  salesCents: number;
  creditedReceipts: number;
  newCustomers: number;
  returningCustomers: number;
  leverage: number | null;
}

export interface WeekFigures {
  week: string;
  from: string;
  to: string;
  cashbackCents: number;
  salesCents: number;
  leverage: number | null;
  creditedReceipts: number;
  refusedReceipts: number | null;
  inReviewReceipts: number | null;
  newCustomers: number;
  returningCustomers: number;
  residentsReached: number | null;
  shopsWithNewCustomers: number;
  shopsWithReturningCustomers: number;
}

/**
 * Adds up what a read found. `scopeWeeks` are the scope's week buckets (every shop), `shopWeeks`
 * its shop-week buckets; `shops` is the selection of participating shops when a shop, tag or zone
 * filter applies (undefined: every shop, and the scope's week buckets are used as they are).
 */
export function aggregateFigures(input: {
  scopeWeeks: readonly StoredBucket[];
  shopWeeks: readonly StoredBucket[];
  participating: readonly string[];
  selection?: ReadonlySet<string>;
  range: { fromWeek?: string; toWeek?: string };
}) {
  const { range, selection } = input;
  const selected = (m: string | undefined) => m !== undefined && (!selection || selection.has(m));
  const byShop = new Map<string, Counters>();
  const byWeek = new Map<string, Counters>();
  const shopsByWeek = new Map<string, { fresh: Set<string>; kept: Set<string> }>();
  for (const b of input.shopWeeks) {
    if (!inWeeks(b.week, range) || !selected(b.merchantId)) continue;
    addCounters(byShop.get(b.merchantId!) ?? byShop.set(b.merchantId!, zeroCounters()).get(b.merchantId!)!, b);
    const w = shopsByWeek.get(b.week) ?? shopsByWeek.set(b.week, { fresh: new Set(), kept: new Set() }).get(b.week)!;
    if (b.newCustomers > 0) w.fresh.add(b.merchantId!);
    if (b.returningCustomers > 0) w.kept.add(b.merchantId!);
    if (selection) addCounters(byWeek.get(b.week) ?? byWeek.set(b.week, zeroCounters()).get(b.week)!, { ...b, residentsReached: 0, refusedReceipts: 0, inReviewReceipts: 0 });
  }
  if (!selection) {
    for (const b of input.scopeWeeks) if (inWeeks(b.week, range)) addCounters(byWeek.get(b.week) ?? byWeek.set(b.week, zeroCounters()).get(b.week)!, b);
  }
  // A single shop: its residents reached are its new customers; across several shops a resident
  // would be counted once per shop, so the figure is left out (null).
  const reachOf = (c: Counters): number | null => (!selection ? c.residentsReached : selection.size === 1 ? c.newCustomers : null);
  // Refused and in-review receipts often have no shop: served for the programme or a campaign only.
  const decided = (n: number): number | null => (selection ? null : n);
  const totals = zeroCounters();
  for (const c of byWeek.values()) addCounters(totals, c);
  const participating = input.participating.filter((m) => !selection || selection.has(m));
  const participatingSet = new Set(participating);
  const shops: ShopFigures[] = [...new Set([...participating, ...byShop.keys()])]
    .map((merchantId) => {
      const c = byShop.get(merchantId) ?? zeroCounters();
      return {
        merchantId,
        cashbackCents: c.cashbackCents,
        salesCents: c.salesCents,
        creditedReceipts: c.creditedReceipts,
        newCustomers: c.newCustomers,
        returningCustomers: c.returningCustomers,
        leverage: leverage(c.salesCents, c.cashbackCents),
      };
    })
    .sort((a, b) => b.salesCents - a.salesCents || (a.merchantId < b.merchantId ? -1 : 1));
  const winning = shops.filter((s) => participatingSet.has(s.merchantId) && s.newCustomers > 0).length;
  const keeping = shops.filter((s) => participatingSet.has(s.merchantId) && s.returningCustomers > 0).length;
  const weekly: WeekFigures[] = [...byWeek.keys()].sort().map((week) => {
    const c = byWeek.get(week)!;
    const s = shopsByWeek.get(week);
    return {
      week,
      from: weekMonday(week),
      to: weekSunday(week),
      cashbackCents: c.cashbackCents,
      salesCents: c.salesCents,
      leverage: leverage(c.salesCents, c.cashbackCents),
      creditedReceipts: c.creditedReceipts,
      refusedReceipts: decided(c.refusedReceipts),
      inReviewReceipts: decided(c.inReviewReceipts),
      newCustomers: c.newCustomers,
      returningCustomers: c.returningCustomers,
      residentsReached: reachOf(c),
      shopsWithNewCustomers: s?.fresh.size ?? 0,
      shopsWithReturningCustomers: s?.kept.size ?? 0,
    };
  });
  return {
    totals: {
      cashbackCents: totals.cashbackCents,
      salesCents: totals.salesCents,
      leverage: leverage(totals.salesCents, totals.cashbackCents),
      residentsReached: reachOf(totals),
      receipts: { credited: totals.creditedReceipts, refused: decided(totals.refusedReceipts), inReview: decided(totals.inReviewReceipts) },
      newCustomers: totals.newCustomers,
      returningCustomers: totals.returningCustomers,
    },
    shops,
    participatingShops: participating.length,
    shopsWithNewCustomers: winning,
    shopsWithReturningCustomers: keeping,
    shareWithNewCustomers: share(winning, participating.length),
    shareWithReturningCustomers: share(keeping, participating.length),
    weekly,
  };
}

// ---------------------------------------------------------------------------------------------
// Proving it: the counters recomputed from the receipts (reconcile).

export interface CreditedReceiptFacts {
  receiptId: string;
  residentId: string;
  merchantId: string;
  purchaseDate: string;
  totalCents: number;
  credits: ReadonlyArray<{ campaignId: string; amountCents: number }>;
}

/**
 * Every bucket's counters as they must be, from the receipts as they are: the credited ones (with
 * what their transfers paid), the refused ones and those in review (with the campaign each was
 * counted in). Reconcile compares them with the stored counters.
 */
export function recomputeBuckets(input: {
  credited: Iterable<CreditedReceiptFacts>;
  refused: Iterable<{ createdAt: string; campaignIds?: readonly string[] }>;
  inReview: Iterable<{ createdAt: string; campaignId?: string | undefined }>;
}): Map<string, { key: BucketKey; counters: Counters }> {
  const out = new Map<string, { key: BucketKey; counters: Counters }>();
  const add = (key: BucketKey, c: Partial<Counters>) => {
    const id = bucketId(key);
    const entry = out.get(id) ?? out.set(id, { key, counters: zeroCounters() }).get(id)!;
    addCounters(entry.counters, c);
  };
  const atShop = new Map<string, { scope: string; merchantId: string; purchases: Record<string, string> }>();
  const anywhere = new Map<string, { scope: string; purchases: Record<string, string> }>();
  for (const r of input.credited) {
    const week = purchaseWeek(r.purchaseDate);
    const total = r.credits.reduce((s, c) => s + c.amountCents, 0);
    for (const scope of scopesOf(r)) {
      const cashback = scope === ALL_SCOPE ? total : r.credits.filter((c) => campaignScope(c.campaignId) === scope).reduce((s, c) => s + c.amountCents, 0);
      const flows = { cashbackCents: cashback, salesCents: r.totalCents, creditedReceipts: 1 };
      add({ scope, week }, flows);
      add({ scope, week, merchantId: r.merchantId }, flows);
      const shopKey = `${scope}|${r.merchantId}|${r.residentId}`;
      (atShop.get(shopKey) ?? atShop.set(shopKey, { scope, merchantId: r.merchantId, purchases: {} }).get(shopKey)!).purchases[r.receiptId] = r.purchaseDate;
      const anyKey = `${scope}|${r.residentId}`;
      (anywhere.get(anyKey) ?? anywhere.set(anyKey, { scope, purchases: {} }).get(anyKey)!).purchases[r.receiptId] = r.purchaseDate;
    }
  }
  for (const { scope, merchantId, purchases } of atShop.values()) {
    const { first, second } = firstTwoWeeks(purchases);
    for (const [week, name] of [[first, 'newCustomers'], [second, 'returningCustomers']] as const) {
      if (!week) continue;
      add({ scope, week, merchantId }, { [name]: 1 });
      add({ scope, week }, { [name]: 1 });
    }
  }
  for (const { scope, purchases } of anywhere.values()) {
    const { first } = firstTwoWeeks(purchases);
    if (first) add({ scope, week: first }, { residentsReached: 1 });
  }
  for (const r of input.refused) {
    const week = instantWeek(r.createdAt);
    for (const scope of [ALL_SCOPE, ...(r.campaignIds ?? []).map(campaignScope)]) add({ scope, week }, { refusedReceipts: 1 });
  }
  for (const r of input.inReview) {
    const week = instantWeek(r.createdAt);
    for (const scope of [ALL_SCOPE, ...(r.campaignId ? [campaignScope(r.campaignId)] : [])]) add({ scope, week }, { inReviewReceipts: 1 });
  }
  return out;
}

/** The differences between stored counters and recomputed ones, one line per counter that disagrees. */
export function compareBuckets(stored: ReadonlyMap<string, { key: BucketKey; counters: Counters }>, expected: ReadonlyMap<string, { key: BucketKey; counters: Counters }>, counters: readonly (keyof Counters)[] = COUNTER_NAMES): string[] {
  const problems: string[] = [];
  for (const id of new Set([...stored.keys(), ...expected.keys()])) {
    const s = stored.get(id)?.counters ?? zeroCounters();
    const e = expected.get(id)?.counters ?? zeroCounters();
    for (const n of counters) if (s[n] !== e[n]) problems.push(`figures ${id}: ${n} is ${s[n]}, the receipts say ${e[n]}`);
  }
  return problems;
}
