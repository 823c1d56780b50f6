import type { Merchant } from '../domain/merchant';
import {
  DEFAULT_MATCH_CONFIG,
  decideMatch,
  linkSiblings,
  prepareMerchant,
  type MatchConfig,
  type MatchLookups,
  type MatchOutcome,
  type PreparedMerchant,
  type PreparedName,
  type ShopClues,
} from '../domain/matching';

/**
 * The directory in memory, for matching receipts at thousands per second against tens of
 * thousands of shops: maps by SIRET, SIREN and phone, and per postcode an inverted index of
 * the shops' name bigrams that yields the few shops worth scoring. Immutable once built;
 * `LiveMerchantIndex` keeps one per Lambda container and rebuilds it when the directory changes.
 */

/** Shops sharing bigrams with a name, per postcode (or for the whole directory). */
class GramIndex {
  private readonly shops: PreparedMerchant[] = [];
  /** Per shop: the number of distinct bigrams of its shortest name. */
  private readonly shortest: number[] = [];
  private readonly building = new Map<number, number[]>();
  private postings = new Map<number, Int32Array>();
  private counts = new Uint16Array(0);
  private touched = new Int32Array(0);

  add(shop: PreparedMerchant): void {
    const id = this.shops.length;
    this.shops.push(shop);
    const grams = new Set<number>();
    let shortest = Infinity;
    for (const n of shop.names) {
      const own = new Set(n.fullGrams);
      shortest = Math.min(shortest, own.size);
      for (const g of own) grams.add(g);
    }
    this.shortest.push(Number.isFinite(shortest) ? shortest : 1);
    for (const g of grams) {
      let list = this.building.get(g);
      if (!list) this.building.set(g, (list = []));
      list.push(id);
    }
  }

  freeze(): void {
    for (const [g, list] of this.building) this.postings.set(g, Int32Array.from(list));
    this.building.clear();
    this.counts = new Uint16Array(this.shops.length);
    this.touched = new Int32Array(this.shops.length);
  }

  get size() {
    return this.shops.length;
  }

  /**
   * The shops sharing the most bigrams with `read` (relative to the shorter of the two names),
   * best first, at most `max`. With `rarest`, only the rarest bigrams of the name are looked up.
   */
  candidates(read: PreparedName, max: number, rarest?: number): PreparedMerchant[] {
    if (this.shops.length <= max) return this.shops;
    let grams = [...new Set(read.fullGrams)];
    const queryGrams = grams.length;
    if (rarest && grams.length > rarest) {
      grams = grams
        .map((g) => ({ g, n: this.postings.get(g)?.length ?? 0 }))
        .filter((x) => x.n > 0)
        .sort((a, b) => a.n - b.n)
        .slice(0, rarest)
        .map((x) => x.g);
    }
    const counts = this.counts;
    const touched = this.touched;
    let nTouched = 0;
    for (const g of grams) {
      const list = this.postings.get(g);
      if (!list) continue;
      for (let i = 0; i < list.length; i++) {
        const id = list[i]!;
        if (counts[id] === 0) touched[nTouched++] = id;
        counts[id]!++;
      }
    }
    const hits: Array<{ id: number; ratio: number }> = [];
    const looked = grams.length;
    for (let i = 0; i < nTouched; i++) {
      const id = touched[i]!;
      const n = counts[id]!;
      counts[id] = 0;
      // Shared bigrams over the shorter name's: a name inside a longer sign still counts in full.
      const ratio = n / Math.max(1, Math.min(rarest ? looked : queryGrams, this.shortest[id]!));
      if (ratio >= 0.45) hits.push({ id, ratio });
    }
    if (hits.length > max) hits.sort((a, b) => b.ratio - a.ratio);
    const out: PreparedMerchant[] = [];
    for (let i = 0; i < hits.length && i < max; i++) out.push(this.shops[hits[i]!.id]!);
    return out;
  }
}

/** How many shops of a postcode are scored in full for one receipt. */
const MAX_CANDIDATES = 30;

function push<K>(map: Map<K, PreparedMerchant[]>, key: K, shop: PreparedMerchant) {
  const list = map.get(key);
  if (list) list.push(shop);
  else map.set(key, [shop]);
}

export class MerchantIndex implements MatchLookups {
  private readonly siret = new Map<string, PreparedMerchant>();
  private readonly siren = new Map<string, PreparedMerchant[]>();
  private readonly phone = new Map<string, PreparedMerchant[]>();
  private readonly postcodes = new Map<string, GramIndex>();
  private readonly cities = new Map<string, Set<string>>();
  private readonly all: PreparedMerchant[] = [];
  private global: GramIndex | undefined;

  private constructor(
    readonly version: number,
    readonly config: MatchConfig,
  ) {}

  /** Builds the index of a directory (every shop, suspended ones included: they still block look-alikes). */
  static build(merchants: Iterable<Merchant>, opts: { version?: number; config?: MatchConfig } = {}): MerchantIndex {
    const index = new MerchantIndex(opts.version ?? 0, opts.config ?? DEFAULT_MATCH_CONFIG);
    const prepared: PreparedMerchant[] = [];
    for (const m of merchants) prepared.push(prepareMerchant(m));
    linkSiblings(prepared);
    for (const p of prepared) index.add(p);
    for (const g of index.postcodes.values()) g.freeze();
    return index;
  }

  private add(shop: PreparedMerchant) {
    this.all.push(shop);
    this.siret.set(shop.merchant.siret, shop);
    push(this.siren, shop.merchant.siren, shop);
    if (shop.phone) push(this.phone, shop.phone, shop);
    let g = this.postcodes.get(shop.postcode);
    if (!g) this.postcodes.set(shop.postcode, (g = new GramIndex()));
    g.add(shop);
    let pcs = this.cities.get(shop.city);
    if (!pcs) this.cities.set(shop.city, (pcs = new Set()));
    pcs.add(shop.postcode);
  }

  get size(): number {
    return this.all.length;
  }

  bySiret(siret: string): PreparedMerchant | undefined {
    return this.siret.get(siret);
  }

  bySiren(siren: string): readonly PreparedMerchant[] {
    return this.siren.get(siren) ?? [];
  }

  byPhone(phone: string): readonly PreparedMerchant[] {
    return this.phone.get(phone) ?? [];
  }

  nameCandidates(read: PreparedName, postcode: string | undefined, city: string | undefined): Iterable<PreparedMerchant> {
    if (postcode) {
      const inPostcode = this.postcodes.get(postcode)?.candidates(read, MAX_CANDIDATES) ?? [];
      // Same-name shops elsewhere are shown to staff when none is in the postcode (a misread postcode).
      if (inPostcode.length > 0) return inPostcode;
    }
    if (city) {
      const pcs = this.cities.get(city);
      if (pcs && pcs.size > 0) {
        const out: PreparedMerchant[] = [];
        for (const pc of pcs) out.push(...(this.postcodes.get(pc)?.candidates(read, MAX_CANDIDATES) ?? []));
        if (out.length > 0) return out;
      }
    }
    if (!this.global) {
      this.global = new GramIndex();
      for (const shop of this.all) this.global.add(shop);
      this.global.freeze();
    }
    return this.global.candidates(read, MAX_CANDIDATES, 8);
  }

  match(clues: ShopClues): MatchOutcome {
    return decideMatch(clues, this, this.config);
  }
}

/** Where a live index reads the directory: the merchant store. */
export interface DirectorySource {
  /** A number every write to the directory changes (read strongly consistent: cheap). */
  directoryVersion(): Promise<number>;
  /** Every shop, read strongly consistent. */
  all(): Promise<Merchant[]>;
}

export interface LiveIndexOptions {
  /**
   * How long a checked version is trusted for SIRET matches (default 1 s). Every other outcome
   * (a fuzzy match, a review, a shop not found) is only given after the version was checked during
   * the call, so a shop added or changed a moment ago is always taken into account.
   */
  checkIntervalMs?: number;
  config?: MatchConfig;
  now?: () => number;
  /** Called after each (re)build, for logs and tests. */
  onBuild?: (info: { version: number; size: number; ms: number }) => void;
}

/**
 * One index per Lambda container, rebuilt from the store when the directory version changes.
 * Concurrent callers share one check and one rebuild.
 */
export class LiveMerchantIndex {
  private index: MerchantIndex | undefined;
  private checkedAt = -Infinity;
  private inflight: Promise<MerchantIndex> | undefined;
  private readonly interval: number;
  private readonly now: () => number;
  builds = 0;

  constructor(
    private readonly source: DirectorySource,
    private readonly opts: LiveIndexOptions = {},
  ) {
    this.interval = opts.checkIntervalMs ?? 1_000;
    this.now = opts.now ?? (() => Date.now());
  }

  /** The index, checked against the directory version if the last check is older than the interval (or `force`). */
  async current(force = false): Promise<MerchantIndex> {
    if (this.index && !force && this.now() - this.checkedAt < this.interval) return this.index;
    this.inflight ??= this.refresh().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async refresh(): Promise<MerchantIndex> {
    const started = this.now();
    const version = await this.source.directoryVersion();
    if (this.index && this.index.version === version) {
      this.checkedAt = started;
      return this.index;
    }
    // The version is read before the shops: a write that lands meanwhile bumps it again, and the
    // next check rebuilds.
    const t0 = performance.now();
    const merchants = await this.source.all();
    const index = MerchantIndex.build(merchants, { version, ...(this.opts.config ? { config: this.opts.config } : {}) });
    this.builds++;
    this.opts.onBuild?.({ version, size: index.size, ms: performance.now() - t0 });
    this.index = index;
    this.checkedAt = started;
    return index;
  }

  /** Matches a receipt's clues; anything but a SIRET match is decided on a just-checked directory. */
  async match(clues: ShopClues): Promise<MatchOutcome> {
    const before = this.now();
    const index = await this.current();
    const outcome = index.match(clues);
    if (outcome.kind === 'MATCHED' && outcome.method === 'SIRET') return outcome;
    if (this.checkedAt >= before) return outcome; // checked during this call
    const fresh = await this.current(true);
    return fresh === index ? outcome : fresh.match(clues);
  }

  /** Forgets the index (the next call rebuilds it). */
  invalidate(): void {
    this.checkedAt = -Infinity;
  }
}
