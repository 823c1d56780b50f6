import { sdkTableClient } from '../../shared/adapters/dynamodb/client/sdk';
/**
 * `npm run bench:ledger`: how fast the ledger credits receipts on one campaign against DynamoDB
 * Local, next to that emulator's raw single-item conditional write rate measured in the same run,
 * and what each credited receipt costs in DynamoDB requests and write units (counted by an SDK
 * middleware on the real calls). Then a simulation of sub-budgets for a campaign beyond the ~500
 * transactional writes per second that one DynamoDB item takes (see docs/ledger.md).
 *
 * BENCH_LEDGER_RECEIPTS: receipts per run (default 600). Figures vary with the machine's load:
 * read the ratios more than the absolute numbers.
 */
import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DynamoDBClient, PutItemCommand, TransactWriteItemsCommand, UpdateItemCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTableInput } from '../../shared/adapters/dynamodb/table';
import { creditReceipt } from '../../shared/app/pipeline';
import { reconcileLedger } from '../../shared/app/reconcile';
import { DYNAMODB_LOCAL_CREDENTIALS, startDynamoDbLocal } from '../../shared/local/services/dynamodb-local';
import { activeCampaign, decidedReceipt, ledgerContext } from '../support/ledger-fixture';

const RECEIPTS = Number(process.env.BENCH_LEDGER_RECEIPTS ?? 600);
const TABLE = 'cabas-bench';

/** Counts requests, write units and cancelled transactions of every call a client makes. */
function meter(client: DynamoDBClient) {
  const counts = { requests: 0, writeUnits: 0, readUnits: 0, cancelled: 0, byCommand: {} as Record<string, number> };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      if (!('ReturnConsumedCapacity' in input)) input.ReturnConsumedCapacity = 'TOTAL';
      const command = context.commandName ?? 'unknown';
      counts.requests++;
      counts.byCommand[command] = (counts.byCommand[command] ?? 0) + 1;
      try {
        const result = await next(args);
        const consumed = (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
        for (const c of (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) as Array<{ CapacityUnits?: number; WriteCapacityUnits?: number; ReadCapacityUnits?: number }>) {
          if (/Get|Query|Scan/.test(command)) counts.readUnits += c.CapacityUnits ?? c.ReadCapacityUnits ?? 0;
          else counts.writeUnits += c.CapacityUnits ?? c.WriteCapacityUnits ?? 0;
        }
        return result;
      } catch (err) {
        if ((err as { name?: string }).name === 'TransactionCanceledException') counts.cancelled++;
        throw err;
      }
    },
    { step: 'initialize', name: 'benchMeter' },
  );
  return {
    counts,
    reset() {
      Object.assign(counts, { requests: 0, writeUnits: 0, readUnits: 0, cancelled: 0, byCommand: {} });
    },
  };
}

async function pool<T>(items: T[], workers: number, run: (item: T) => Promise<void>) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await run(item);
    }),
  );
}

async function rawConditionalWrites(client: DynamoDBClient, workers: number, count: number) {
  const keys = Array.from({ length: count }, (_, i) => `RAW#${randomUUID()}#${i}`);
  const t0 = performance.now();
  await pool(keys, workers, async (pk) => {
    await client.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: pk }, sk: { S: 'RAW' } }, ConditionExpression: 'attribute_not_exists(pk)' }));
  });
  return count / ((performance.now() - t0) / 1000);
}

/**
 * Sub-budgets: the campaign's budget is split between a reserve and K shard accounts; a credit
 * debits one shard (guarded >= amount); a shard that runs low is refilled from the reserve by a
 * guarded transfer. Every account is guarded, so the sum spent can never exceed the budget; a
 * credit refused by its shard tries the others and the reserve before saying BUDGET_EXHAUSTED, so
 * the budget still ends exactly spent. The per-item write limit of real DynamoDB is emulated by
 * a token bucket per item (DynamoDB Local has none).
 */
async function simulateShards(client: DynamoDBClient, shards: number, itemWritesPerSecond: number, credits: number, workers: number) {
  const id = randomUUID();
  const budget = Math.floor(credits * 0.9) * 100; // 90% of the credits can be paid: the end is contended
  const chunk = 2_000;
  const reserve = `SIM#${id}#reserve`;
  const shard = (k: number) => `SIM#${id}#shard#${k}`;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const take = async (pk: string) => {
    for (;;) {
      const b = buckets.get(pk) ?? { tokens: itemWritesPerSecond / 10, at: performance.now() };
      const now = performance.now();
      b.tokens = Math.min(itemWritesPerSecond / 10, b.tokens + ((now - b.at) / 1000) * itemWritesPerSecond);
      b.at = now;
      buckets.set(pk, b);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return;
      }
      await new Promise((r) => setTimeout(r, ((1 - b.tokens) / itemWritesPerSecond) * 1000));
    }
  };
  const put = (pk: string, balance: number) => client.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: pk }, sk: { S: 'SIM' }, balance: { N: String(balance) } } }));
  await put(reserve, budget);
  for (let k = 0; k < shards; k++) await put(shard(k), 0);
  const balance = async (pk: string) =>
    Number((await client.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: pk }, sk: { S: 'SIM' } }, ConsistentRead: true }))).Item?.balance?.N ?? 0);
  const debit = async (pk: string, amount: number) => {
    await take(pk);
    try {
      await client.send(
        new UpdateItemCommand({
          TableName: TABLE,
          Key: { pk: { S: pk }, sk: { S: 'SIM' } },
          UpdateExpression: 'ADD balance :minus',
          ConditionExpression: 'balance >= :amount',
          ExpressionAttributeValues: { ':minus': { N: String(-amount) }, ':amount': { N: String(amount) } },
        }),
      );
      return true;
    } catch (err) {
      if ((err as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw err;
    }
  };
  const refill = async (k: number) => {
    const available = Math.min(chunk, await balance(reserve));
    if (available <= 0) return false;
    await take(reserve);
    await take(shard(k));
    try {
      await client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Update: { TableName: TABLE, Key: { pk: { S: reserve }, sk: { S: 'SIM' } }, UpdateExpression: 'ADD balance :minus', ConditionExpression: 'balance >= :a', ExpressionAttributeValues: { ':minus': { N: String(-available) }, ':a': { N: String(available) } } } },
            { Update: { TableName: TABLE, Key: { pk: { S: shard(k) }, sk: { S: 'SIM' } }, UpdateExpression: 'ADD balance :a', ExpressionAttributeValues: { ':a': { N: String(available) } } } },
          ],
        }),
      );
    } catch (err) {
      if ((err as { name?: string }).name !== 'TransactionCanceledException') throw err;
    }
    return true;
  };
  let paid = 0;
  let refused = 0;
  const t0 = performance.now();
  await pool(
    Array.from({ length: credits }, (_, i) => i),
    workers,
    async (i) => {
      const amount = 100;
      const home = i % shards;
      for (let attempt = 0; attempt < shards * 3 + 3; attempt++) {
        const k = (home + attempt) % shards;
        if (await debit(shard(k), amount)) {
          paid += amount;
          return;
        }
        if (await refill(k)) continue;
        // The reserve is empty: try the other shards once each before refusing.
        for (let j = 1; j <= shards; j++) {
          if (await debit(shard((k + j) % shards), amount)) {
            paid += amount;
            return;
          }
        }
        break;
      }
      refused++;
    },
  );
  const seconds = (performance.now() - t0) / 1000;
  let left = await balance(reserve);
  for (let k = 0; k < shards; k++) left += await balance(shard(k));
  return { shards, perSecond: credits / seconds, paid, refused, budget, left };
}

async function main() {
  const db = await startDynamoDbLocal({});
  const client = new DynamoDBClient({ endpoint: db.endpoint, region: 'eu-west-3', credentials: DYNAMODB_LOCAL_CREDENTIALS });
  try {
    await client.send(new CreateTableCommand(createTableInput(TABLE)));
    const m = meter(client);
    const doc = sdkTableClient(DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }));
    const ctx = ledgerContext({ table: TABLE, doc });

    console.log(`ledger bench: ${RECEIPTS} receipts per run, DynamoDB Local (in memory)`);
    await rawConditionalWrites(client, 8, 300); // warm-up of the JVM
    const rows: string[] = [];
    for (const workers of [1, 8, 32]) {
      const raw = await rawConditionalWrites(client, workers, RECEIPTS);
      const campaignId = await activeCampaign(ctx, { budgetCents: RECEIPTS * 100 * 10 });
      const ids: string[] = [];
      for (let i = 0; i < RECEIPTS; i++) ids.push(await decidedReceipt(ctx, campaignId, `resident-${i % 97}`, { cashbackCents: 100, totalCents: 1_000 }));
      m.reset();
      const t0 = performance.now();
      await pool(ids, workers, async (id) => {
        await creditReceipt(ctx, id);
      });
      const rate = RECEIPTS / ((performance.now() - t0) / 1000);
      const c = { ...m.counts };
      rows.push(
        `${String(workers).padStart(7)} | ${rate.toFixed(0).padStart(12)} | ${raw.toFixed(0).padStart(15)} | ${(rate / raw).toFixed(2).padStart(5)} | ${(c.requests / RECEIPTS).toFixed(2).padStart(12)} | ${(c.writeUnits / RECEIPTS).toFixed(1).padStart(10)} | ${(c.readUnits / RECEIPTS).toFixed(1).padStart(9)} | ${(c.cancelled / RECEIPTS).toFixed(2).padStart(9)}`,
      );
    }
    console.log('workers | credits/s    | raw cond. put/s | ratio | requests/rcpt | WCU/rcpt* | RCU/rcpt | cancels/rcpt');
    for (const r of rows) console.log(r);
    console.log('* as DynamoDB Local reports it (1 per item written); real DynamoDB bills transactional writes at 2 WCU per item, so double the figure for AWS.');

    const report = await reconcileLedger(ctx);
    console.log(`reconcile after the runs: ${report.ok ? 'ok' : 'FAILED'} (${report.transfers} transfers, ${report.creditedReceipts} credited receipts)`);

    const limit = Number(process.env.BENCH_ITEM_WPS ?? 100);
    console.log(`\nsub-budget simulation: 32 workers, per-item write limit emulated at ${limit}/s (real DynamoDB: ~500 transactional/s per item, ~1,000 plain writes/s per partition)`);
    console.log('shards | credits/s | paid      | budget    | left | refused');
    for (const shards of [1, 4, 16]) {
      const s = await simulateShards(client, shards, limit, 1_500, 32);
      console.log(`${String(s.shards).padStart(6)} | ${s.perSecond.toFixed(0).padStart(9)} | ${String(s.paid).padStart(9)} | ${String(s.budget).padStart(9)} | ${String(s.left).padStart(4)} | ${s.refused}${s.paid + s.left === s.budget && s.left === 0 ? '' : '  <- NOT EXACT'}`);
    }
  } finally {
    client.destroy();
    await db.stop();
  }
}

await main();
