import { describe, expect, it } from 'vitest';
import { decideMatch, listLookups, type MatchOutcome } from '../../../shared/domain/matching';
import { newMerchant, type Merchant } from '../../../shared/domain/merchant';
import { LiveMerchantIndex, MerchantIndex } from '../../../shared/merchants/match-index';
import { MemoryMerchantStore } from '../../../shared/merchants/memory-store';
import { generateReceipts, generateTerritory } from '../../../shared/merchants/synthetic';

/** The automatic decision: which shop is paid, if any (reviews may list candidates in another order). */
const paid = (o: MatchOutcome) => (o.kind === 'MATCHED' ? `${o.merchant.merchantId} ${o.method}` : 'none');

describe('MerchantIndex', () => {
  const territory = generateTerritory(3_000, 11);
  const receipts = generateReceipts(territory, 1_500, 12);
  const index = MerchantIndex.build(territory.directory);

  it('pays the same shops as a scan of the whole directory', () => {
    const scan = listLookups(territory.directory);
    const sample = receipts.slice(0, 300);
    const differ = sample.filter((r) => paid(index.match(r.clues)) !== paid(decideMatch(r.clues, scan)));
    expect(differ).toEqual([]);
  });

  it('never pays a shop that did not issue the receipt, and pays most of the others', () => {
    let auto = 0;
    let positives = 0;
    for (const r of receipts) {
      const o = index.match(r.clues);
      if (r.expected) positives++;
      if (o.kind !== 'MATCHED') continue;
      expect(o.merchant.merchantId).toBe(r.expected);
      auto++;
    }
    expect(auto / positives).toBeGreaterThan(0.85);
  });

  it('holds every shop, suspended ones too', () => {
    expect(index.size).toBe(territory.directory.length);
    const suspended = territory.directory.find((m) => m.status === 'SUSPENDED')!;
    expect(index.bySiret(suspended.siret)?.merchant.merchantId).toBe(suspended.merchantId);
    expect(index.match({ siret: suspended.siret })).toMatchObject({ kind: 'NOT_FOUND', suspended: { merchantId: suspended.merchantId } });
  });
});

function shop(id: string, name: string, siret: string): Merchant {
  return newMerchant({ name, siret, address: { street: '1 rue Haute', postcode: '37410', city: 'Montclair' }, tags: [], aliases: [] }, id, new Date('2026-01-01T00:00:00Z'));
}

describe('LiveMerchantIndex', () => {
  function setup(checkIntervalMs = 5_000) {
    let clock = 1_000_000;
    const store = new MemoryMerchantStore();
    const builds: number[] = [];
    const live = new LiveMerchantIndex(store, { checkIntervalMs, now: () => clock, onBuild: (b) => builds.push(b.version) });
    return { store, live, builds, tick: (ms: number) => (clock += ms) };
  }

  it('builds once, then reads only the version while the directory does not change', async () => {
    const { store, live, builds, tick } = setup(1_000);
    await store.create(shop('a', 'Boulangerie Martin', '81234567600017'));
    for (let i = 0; i < 5; i++) {
      expect(await live.match({ siret: '81234567600017' })).toMatchObject({ kind: 'MATCHED' });
    }
    expect(builds).toEqual([1]);
    expect(store.calls.all).toBe(1);
    expect(store.calls.directoryVersion).toBe(1); // SIRET matches trust a check younger than the interval
    tick(1_500);
    await live.match({ siret: '81234567600017' });
    expect(store.calls.directoryVersion).toBe(2);
    expect(builds).toEqual([1]);
  });

  it('finds a shop added a second ago, even within the check interval', async () => {
    const { store, live, tick } = setup(60_000);
    await store.create(shop('a', 'Boulangerie Martin', '81234567600017'));
    expect(await live.match({ siret: '81234567600017' })).toMatchObject({ kind: 'MATCHED' });
    await store.create(shop('b', 'Fromagerie Vergne', '52876341000040'));
    tick(1_000);
    // By SIRET: not in the index yet, so not a SIRET match: the directory is checked again.
    expect(await live.match({ siret: '52876341000040' })).toMatchObject({ kind: 'MATCHED', merchant: { merchantId: 'b' } });
    await store.create(shop('c', 'Librairie Les Mots Passants', '90412387400029'));
    tick(1_000);
    // By name: a fuzzy decision is always made on a just-checked directory.
    expect(await live.match({ sign: 'LIBRAIRIE LES MOTS PASSANTS', postcode: '37410' })).toMatchObject({ kind: 'MATCHED', merchant: { merchantId: 'c' } });
  });

  it('stops matching a shop as soon as it is suspended', async () => {
    const { store, live, tick } = setup(60_000);
    const m = shop('a', 'Boulangerie Martin', '81234567600017');
    await store.create(m);
    expect(await live.match({ sign: 'BOULANGERIE MARTIN', postcode: '37410' })).toMatchObject({ kind: 'MATCHED' });
    await store.update({ ...m, status: 'SUSPENDED', updatedAt: 'later' }, m.updatedAt);
    tick(10);
    expect(await live.match({ sign: 'BOULANGERIE MARTIN', postcode: '37410' })).toMatchObject({ kind: 'NOT_FOUND' });
  });

  it('shares one build between concurrent callers', async () => {
    const { store, live, builds } = setup();
    await store.create(shop('a', 'Boulangerie Martin', '81234567600017'));
    await Promise.all(Array.from({ length: 20 }, () => live.match({ siret: '81234567600017' })));
    expect(builds).toEqual([1]);
    expect(store.calls.all).toBe(1);
  });

  it('rebuilds when the version changes, and not otherwise', async () => {
    const { store, live, builds, tick } = setup(100);
    await store.create(shop('a', 'Boulangerie Martin', '81234567600017'));
    await live.current();
    tick(200);
    await live.current();
    await store.touchDirectory();
    tick(200);
    const index = await live.current();
    expect(builds).toEqual([1, 2]);
    expect(index.version).toBe(2);
  });
});
