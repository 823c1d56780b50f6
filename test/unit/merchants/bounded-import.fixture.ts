/**
 * Run by import.test.ts in a child process with a small heap (--max-old-space-size): imports
 * generated SIRENE rows into a store that keeps nothing, and prints the report's counts. If the
 * importer kept something per row beyond the SIRETs it has seen, the heap would run out.
 */
import { importMerchants } from '../../../shared/merchants/import';
import { sireneFile } from '../../../shared/merchants/synthetic';
import type { MerchantStore } from '../../../shared/ports';

const rows = Number(process.argv[2] ?? 100_000);
let written = 0;
const sink = {
  getBySirets: async () => new Map(),
  writeBatch: async (b: { creates: unknown[] }) => {
    written += b.creates.length;
    await new Promise((r) => setImmediate(r));
  },
  touchDirectory: async () => undefined,
} as unknown as MerchantStore;
let n = 0;
const report = await importMerchants(sink, sireneFile(rows, 9), { now: () => new Date(), newId: () => `m${n++}` });
console.log(JSON.stringify({ rows: report.rows, created: report.created, skipped: report.skippedCount, written, heapMb: Math.round(process.memoryUsage().heapUsed / 1e6) }));
