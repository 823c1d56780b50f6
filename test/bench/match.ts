/**
 * `npm run bench:match`: merchant matching on a generated, labelled territory. Figures, not pass/fail
 * (exit 1 only when a target is missed, so CI or a developer sees it):
 *   - precision of automatic matches (target 100 %: never the wrong shop) and recall (share of
 *     receipts from participating shops matched automatically, target >= 90 %), at the default thresholds;
 *   - matches per second against a 50,000-shop directory (target >= 5,000);
 *   - the index's build time and memory.
 * BENCH_SHOPS (default 50000), BENCH_RECEIPTS (default 20000), BENCH_NOISE (OCR error rate per
 * character, default 0.04), BENCH_SEED. Run with `node --expose-gc` for exact memory figures.
 */
import { MerchantIndex } from '../../shared/merchants/match-index';
import { generateReceipts, generateTerritory, type LabelledReceipt } from '../../shared/merchants/synthetic';
import type { MatchOutcome } from '../../shared/domain/matching';

const SHOPS = Number(process.env.BENCH_SHOPS ?? 50_000);
const RECEIPTS = Number(process.env.BENCH_RECEIPTS ?? 20_000);
const NOISE = Number(process.env.BENCH_NOISE ?? 0.04);
const SEED = Number(process.env.BENCH_SEED ?? 42);

const gc = (globalThis as { gc?: () => void }).gc;
const heapMb = () => {
  gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

function evaluate(receipts: LabelledReceipt[], outcomes: MatchOutcome[]) {
  const t = { positives: 0, auto: 0, autoCorrect: 0, wrong: [] as Array<{ r: LabelledReceipt; o: MatchOutcome }>, review: 0, notFound: 0, byMethod: {} as Record<string, number>, missed: [] as Array<{ r: LabelledReceipt; o: MatchOutcome }> };
  const byKind: Record<string, { n: number; auto: number; review: number; notFound: number }> = {};
  receipts.forEach((r, i) => {
    const o = outcomes[i]!;
    const k = (byKind[r.kind] ??= { n: 0, auto: 0, review: 0, notFound: 0 });
    k.n++;
    if (r.expected) t.positives++;
    if (o.kind === 'MATCHED') {
      k.auto++;
      t.auto++;
      t.byMethod[o.method] = (t.byMethod[o.method] ?? 0) + 1;
      if (o.merchant.merchantId === r.expected) t.autoCorrect++;
      else t.wrong.push({ r, o });
    } else {
      if (o.kind === 'REVIEW') {
        k.review++;
        t.review++;
      } else {
        k.notFound++;
        t.notFound++;
      }
      if (r.expected) t.missed.push({ r, o });
    }
  });
  return { ...t, byKind };
}

function main() {
  const t0 = performance.now();
  const territory = generateTerritory(SHOPS, SEED);
  const receipts = generateReceipts(territory, RECEIPTS, SEED + 1, NOISE);
  const genMs = performance.now() - t0;

  const before = heapMb();
  const b0 = performance.now();
  const index = MerchantIndex.build(territory.directory);
  const buildMs = performance.now() - b0;
  const indexMb = heapMb() - before;

  // Warm-up, then timed passes.
  for (let i = 0; i < Math.min(2_000, receipts.length); i++) index.match(receipts[i]!.clues);
  const outcomes: MatchOutcome[] = new Array(receipts.length);
  const m0 = performance.now();
  for (let i = 0; i < receipts.length; i++) outcomes[i] = index.match(receipts[i]!.clues);
  const matchMs = performance.now() - m0;
  const perSecond = receipts.length / (matchMs / 1000);

  // Name-only receipts (no SIRET, SIREN, VAT or phone read): the hard part.
  const nameOnly = receipts.filter((r) => !r.clues.siret && !r.clues.siren && !r.clues.vatNumber && !r.clues.phone);
  const nameOnlyOutcomes = nameOnly.map((r) => index.match(r.clues));

  const e = evaluate(receipts, outcomes);
  const n = evaluate(nameOnly, nameOnlyOutcomes);
  const precision = e.auto === 0 ? 1 : e.autoCorrect / e.auto;
  const recall = e.autoCorrect / e.positives;
  const pct = (x: number) => `${(100 * x).toFixed(2)} %`;

  console.log(`merchant matching bench (seed ${SEED}, OCR noise ${NOISE}/char)`);
  console.log(`  territory: ${territory.directory.length} shops in the directory (${territory.directory.filter((m) => m.status !== 'ACTIVE').length} suspended), ${territory.shops.length - territory.directory.length} look-alikes and other towns' branches outside it; generated in ${(genMs / 1000).toFixed(1)} s`);
  console.log(`  index: built in ${buildMs.toFixed(0)} ms, ~${indexMb.toFixed(0)} MB of heap${gc ? '' : ' (approximate: run with --expose-gc)'}`);
  console.log(`  receipts: ${receipts.length} (${Object.entries(e.byKind).map(([k, v]) => `${k} ${v.n}`).join(', ')})`);
  console.log(`  automatic matches: ${e.auto}  correct: ${e.autoCorrect}  WRONG: ${e.wrong.length}`);
  console.log(`  precision (automatic): ${pct(precision)}   target 100 %`);
  console.log(`  recall (automatic, receipts of participating shops): ${pct(recall)}   target >= 90 %`);
  console.log(`  by method: ${Object.entries(e.byMethod).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  for (const [k, v] of Object.entries(e.byKind)) console.log(`    ${k.padEnd(13)} auto ${pct(v.auto / v.n)}  review ${pct(v.review / v.n)}  not found ${pct(v.notFound / v.n)}`);
  console.log(`  name-only receipts (no SIRET/SIREN/TVA/phone): ${nameOnly.length}, recall ${pct(n.autoCorrect / Math.max(1, n.positives))}, wrong ${n.wrong.length}, review ${n.review}`);
  console.log(`  throughput: ${Math.round(perSecond)} matches/s (${((matchMs * 1000) / receipts.length).toFixed(0)} µs each, one core)   target >= 5,000/s`);
  if (process.env.BENCH_VERBOSE) {
    const shopOf = new Map(territory.shops.map((s) => [s.merchant.merchantId, s.merchant]));
    for (const w of e.wrong.slice(0, 20)) console.log('WRONG', JSON.stringify(w.r.clues), w.r.kind, `from ${w.r.source} ${shopOf.get(w.r.source)?.name} (${shopOf.get(w.r.source)?.address.street}, ${shopOf.get(w.r.source)?.address.postcode})`, '->', w.o.kind === 'MATCHED' ? `${w.o.merchant.merchantId} ${w.o.merchant.name} | ${w.o.explanation}` : '');
    for (const m of e.missed.slice(0, Number(process.env.BENCH_VERBOSE))) console.log('MISSED', JSON.stringify(m.r.clues), m.r.expected, territory.directory.find((x) => x.merchantId === m.r.expected)?.name, '->', m.o.kind, m.o.explanation);
  }
  const ok = e.wrong.length === 0 && recall >= 0.9 && perSecond >= 5_000;
  console.log(ok ? '  all targets met' : '  TARGET MISSED');
  process.exitCode = ok ? 0 : 1;
}

main();
