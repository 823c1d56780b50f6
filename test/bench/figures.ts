import { sdkTableClient } from '../../shared/adapters/dynamodb/client/sdk';
/**
 * `npm run bench:figures`: what one read of `GET /v1/admin/figures` costs at a city's scale, against
 * DynamoDB Local: 100,000 credited receipts over 300 shops (BENCH_FIGURES_RECEIPTS, _SHOPS, _WEEKS).
 *
 * How the receipts get there: crediting 100,000 receipts one by one through the credit stage would
 * take the better part of an hour on DynamoDB Local, so most are written in bulk: their counters
 * are computed by `recomputeBuckets` (shared/domain/figures.ts, the same definition reconcile checks
 * the ledger's counters against) and written with BatchWriteItem, as the credit stage would have
 * left them. Then BENCH_FIGURES_REAL_CREDITS receipts (default 500) go through the real credit stage
 * (`creditReceipt`, one ledger transaction each) on top of them, and their cost per credit is
 * printed too. Requests are counted by an AWS SDK middleware on the client every adapter uses.
 */
import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BatchWriteCommand } from '../../shared/adapters/dynamodb/client/commands';
import { figureKeys } from '../../shared/adapters/dynamodb/figures';
import { createTableInput } from '../../shared/adapters/dynamodb/table';
import { figures } from '../../shared/app/figures';
import { createMerchant } from '../../shared/app/merchants';
import { creditReceipt } from '../../shared/app/pipeline';
import { recomputeBuckets, type CreditedReceiptFacts } from '../../shared/domain/figures';
import { DYNAMODB_LOCAL_CREDENTIALS, startDynamoDbLocal } from '../../shared/local/services/dynamodb-local';
import { activeCampaign, decidedReceipt, ledgerContext } from '../support/ledger-fixture';

const RECEIPTS = Number(process.env.BENCH_FIGURES_RECEIPTS ?? 100_000);
const SHOPS = Number(process.env.BENCH_FIGURES_SHOPS ?? 300);
const WEEKS = Number(process.env.BENCH_FIGURES_WEEKS ?? 26);
const REAL = Number(process.env.BENCH_FIGURES_REAL_CREDITS ?? 500);
const READS = Number(process.env.BENCH_FIGURES_READS ?? 15);
const TABLE = 'cabas-bench-figures';

/** A small deterministic generator, so that two runs write the same receipts. */
function rng(seed: number) {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

function meter(client: DynamoDBClient) {
  const counts = { requests: 0, byCommand: {} as Record<string, number> };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      counts.requests++;
      const c = context.commandName ?? 'unknown';
      counts.byCommand[c] = (counts.byCommand[c] ?? 0) + 1;
      return next(args);
    },
    { step: 'initialize', name: 'figuresBenchMeter' },
  );
  return { counts, reset: () => Object.assign(counts, { requests: 0, byCommand: {} }) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const db = await startDynamoDbLocal({});
  const client = new DynamoDBClient({ endpoint: db.endpoint, region: 'eu-west-3', credentials: DYNAMODB_LOCAL_CREDENTIALS });
  try {
    await client.send(new CreateTableCommand(createTableInput(TABLE)));
    const doc = sdkTableClient(DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }));
    const m = meter(client);
    const ctx = ledgerContext({ doc, table: TABLE });

    const t0 = performance.now();
    const shopIds: string[] = [];
    for (let i = 0; i < SHOPS; i++) {
      const { merchantId } = await createMerchant(ctx, {
        name: `Commerce ${i}`,
        siret: String(10_000_000_000_000 + i),
        address: { street: `${i} rue du Marché`, postcode: i % 3 === 0 ? '37410' : '37420', city: 'Montclair' },
        tags: [i % 2 === 0 ? 'centre' : 'faubourg'],
        aliases: [],
      });
      shopIds.push(merchantId);
    }
    const campaignId = await activeCampaign(ctx, { budgetCents: 1_000_000_000, startsOn: '2026-01-01', endsOn: '2026-12-31', rateBps: 1_000 });

    // The bulk: RECEIPTS - REAL credited receipts, their counters as the credit stage leaves them.
    const random = rng(15);
    const bulk = RECEIPTS - REAL;
    const residents = Math.max(1, Math.floor(bulk / 4));
    const credited: CreditedReceiptFacts[] = [];
    for (let i = 0; i < bulk; i++) {
      const day = Math.floor(random() * WEEKS * 7);
      const totalCents = 500 + Math.floor(random() * 9_500);
      credited.push({
        receiptId: `bulk-${i}`,
        residentId: `bulk-resident-${Math.floor(random() * residents)}`,
        merchantId: shopIds[Math.floor(random() * SHOPS)]!,
        purchaseDate: new Date(Date.UTC(2026, 0, 5 + day)).toISOString().slice(0, 10),
        totalCents,
        credits: [{ campaignId, amountCents: Math.floor(totalCents / 10) }],
      });
    }
    const buckets = [...recomputeBuckets({ credited, refused: [], inReview: [] }).values()];
    const items = buckets.map(({ key, counters }) => ({ ...figureKeys.bucket(key), type: 'figures', week: key.week, ...(key.merchantId ? { merchantId: key.merchantId } : {}), ...counters }));
    for (let i = 0; i < items.length; i += 25) {
      let pending: Record<string, unknown>[] | undefined = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
      while (pending && pending.length > 0) {
        const out = await doc.send(new BatchWriteCommand({ RequestItems: { [TABLE]: pending as never } }));
        pending = out.UnprocessedItems?.[TABLE] as Record<string, unknown>[] | undefined;
      }
    }
    const tBulk = performance.now();

    // The real credits, through the credit stage, on top.
    const ids: string[] = [];
    const realRandom = rng(7);
    for (let i = 0; i < REAL; i++) {
      const day = Math.floor(realRandom() * WEEKS * 7);
      ids.push(
        await decidedReceipt(ctx, campaignId, `resident-${Math.floor(realRandom() * 100)}`, {
          totalCents: 500 + Math.floor(realRandom() * 9_500),
          purchaseDate: new Date(Date.UTC(2026, 0, 5 + day)).toISOString().slice(0, 10),
          merchantId: shopIds[Math.floor(realRandom() * SHOPS)]!,
        }),
      );
    }
    m.reset();
    const tc = performance.now();
    let creditedNow = 0;
    for (const id of ids) if ((await creditReceipt(ctx, id)) === 'CREDITED') creditedNow++;
    const creditMs = performance.now() - tc;
    const creditRequests = m.counts.requests;

    console.log(`figures bench: ${RECEIPTS.toLocaleString('en')} credited receipts (${bulk.toLocaleString('en')} written in bulk as ${items.length.toLocaleString('en')} counter items, ${creditedNow} through the credit stage), ${SHOPS} shops, ${WEEKS} weeks`);
    console.log(`  set-up ${((tBulk - t0) / 1000).toFixed(1)} s; real credits: ${(creditMs / REAL).toFixed(1)} ms and ${(creditRequests / REAL).toFixed(1)} requests each`);

    const reads: Array<[string, Parameters<typeof figures>[1]]> = [
      ['whole programme', {}],
      ['one campaign', { campaignId }],
      ['a month (5 weeks)', { from: '2026-03-01', to: '2026-03-31' }],
      ['a tag', { tag: 'centre' }],
      ['one shop', { merchantId: shopIds[0]! }],
    ];
    let worst = 0;
    for (const [label, filter] of reads) {
      const times: number[] = [];
      let requests = 0;
      let byCommand: Record<string, number> = {};
      let answer: Awaited<ReturnType<typeof figures>> | undefined;
      for (let i = 0; i < READS; i++) {
        m.reset();
        const t = performance.now();
        answer = await figures(ctx, filter);
        times.push(performance.now() - t);
        requests = m.counts.requests;
        byCommand = { ...m.counts.byCommand };
      }
      worst = Math.max(worst, requests);
      console.log(
        `  read ${label.padEnd(18)} ${String(requests).padStart(2)} requests (${Object.entries(byCommand).map(([c, n]) => `${c.replace(/Command$/, '')} ${n}`).join(', ')}), ` +
          `median ${median(times).toFixed(1)} ms over ${READS}; ${answer!.totals.receipts.credited.toLocaleString('en')} receipts, ${answer!.perShop.length} shops, ${answer!.weekly.length} weeks, leverage ${answer!.totals.leverage}`,
      );
    }
    const whole = await figures(ctx, {});
    const expected = credited.length + creditedNow;
    if (whole.totals.receipts.credited !== expected) throw new Error(`the figures count ${whole.totals.receipts.credited} credited receipts, ${expected} were credited`);
    console.log(`  at most ${worst} requests per read (target: 20)`);
    if (worst > 20) process.exitCode = 1;
  } finally {
    client.destroy();
    await db.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
