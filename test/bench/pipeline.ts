/**
 * `npm run bench:pipeline`: figures, not pass/fail, for the local pipeline:
 *   - start-up of the local stack (fresh data directory, then a restart on the same one);
 *   - seconds per receipt through the whole local pipeline (upload -> OCR -> match -> credit),
 *     one receipt at a time (latency) and all at once (throughput).
 * BENCH_RECEIPTS sets how many distinct receipts are generated (default 12).
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { renderReceipt, tillTicket } from '../fixtures/generate-receipts';
import { apiClient, removeDir, startStackProcess } from '../support/local-stack';

const N = Number(process.env.BENCH_RECEIPTS ?? 12);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;

const SHOP = { shopSign: 'EPICERIE DU PONT NEUF', street: '5 rue du Pont Neuf', postcode: '37410', city: 'MONTCLAIR-SUR-LOIRE', siret: '44306184100047' };

async function receipts(count: number, offset: number) {
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      renderReceipt(
        tillTicket({
          ...SHOP,
          purchaseDate: '2026-11-20',
          time: `${String(8 + ((i + offset) % 10)).padStart(2, '0')}:${String((7 * (i + offset)) % 60).padStart(2, '0')}`,
          ticket: String(500_000 + offset + i),
          items: [
            ['PAIN DE CAMPAGNE', 380 + i * 10],
            ['CONFITURE ABRICOT', 560 + offset],
            ['CAFE MOULU 250G', 1_190 + i * 25],
          ],
        }),
        offset + i,
      ).then((b) => new Uint8Array(b)),
    ),
  );
}

async function main() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cabas-bench-'));
  try {
    let t0 = performance.now();
    let stack = await startStackProcess({ dataDir, demo: false });
    const coldStart = (performance.now() - t0) / 1000;
    await stack.stop();
    t0 = performance.now();
    stack = await startStackProcess({ dataDir, demo: false });
    const restart = (performance.now() - t0) / 1000;

    const api = apiClient(stack.url);
    const admin = await stack.token('bench-staff', ['admin']);
    await api.call('POST', '/v1/admin/merchants', admin, {
      name: 'Épicerie du Pont Neuf',
      siret: SHOP.siret,
      address: { street: SHOP.street, postcode: SHOP.postcode, city: 'Montclair-sur-Loire' },
    });
    const c = await api.call('POST', '/v1/admin/campaigns', admin, { name: 'Bench', budgetCents: 100_000_000, startsOn: '2026-01-01', endsOn: '2027-12-31', rateBps: 1_000 });
    await api.call('POST', `/v1/admin/campaigns/${c.body.campaignId}/activate`, admin);

    // Warm-up: the first receipt starts the tesseract worker.
    const [warm] = await receipts(1, 9_000);
    const wt = await stack.token('bench-warmup');
    await api.settle(wt, await api.upload(wt, warm!, 'image/png'));

    const sequential = await receipts(N, 0);
    const latencies: number[] = [];
    let statuses: Record<string, number> = {};
    for (const [i, bytes] of sequential.entries()) {
      const token = await stack.token(`bench-seq-${i}`);
      const s = performance.now();
      const r = await api.settle(token, await api.upload(token, bytes, 'image/png'));
      latencies.push((performance.now() - s) / 1000);
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    }

    const parallel = await receipts(N, 1_000);
    const p0 = performance.now();
    const results = await Promise.all(
      parallel.map(async (bytes, i) => {
        const token = await stack.token(`bench-par-${i}`);
        return api.settle(token, await api.upload(token, bytes, 'image/png'), 600_000);
      }),
    );
    const wall = (performance.now() - p0) / 1000;
    const parStatuses: Record<string, number> = {};
    for (const r of results) parStatuses[r.status] = (parStatuses[r.status] ?? 0) + 1;
    await stack.stop();

    console.log(`machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
    console.log(`local stack start-up: fresh data dir ${coldStart.toFixed(1)} s, restart ${restart.toFixed(1)} s`);
    console.log(`one receipt at a time (${N}): median ${median(latencies).toFixed(2)} s, p90 ${pct(latencies, 90).toFixed(2)} s, min ${Math.min(...latencies).toFixed(2)} s  ${JSON.stringify(statuses)}`);
    console.log(`${N} receipts at once: ${wall.toFixed(1)} s wall, ${(wall / N).toFixed(2)} s per receipt, ${(N / wall).toFixed(2)} receipts/s  ${JSON.stringify(parStatuses)}`);
  } finally {
    await removeDir(dataDir);
  }
}

await main();
