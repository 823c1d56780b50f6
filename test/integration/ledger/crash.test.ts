import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { HttpTableClient } from '../../../shared/adapters/dynamodb/client/http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { createTableInput } from '../../../shared/adapters/dynamodb/table';
import type { AppContext } from '../../../shared/app/context';
import { reconcileLedger } from '../../../shared/app/reconcile';
import { startAwsEmulator, EMULATOR_CREDENTIALS, type RunningEmulator } from '../../../shared/local/services/aws-emulator';
import { startDynamoDbLocal } from '../../../shared/local/services/dynamodb-local';
import { REPO_ROOT } from '../../support/local-stack';
import { activeCampaign, decidedReceipt, ledgerContext } from '../../support/ledger-fixture';

/** The credit handler killed between the ledger transaction and the queue acknowledgement. */
const TABLE = 'cabas-crash';
let dynamo: Awaited<ReturnType<typeof startDynamoDbLocal>>;
let emulator: RunningEmulator;
let client: DynamoDBClient;
let ctx: AppContext;
let sqs: SQSClient;
let doc: HttpTableClient;

beforeAll(async () => {
  dynamo = await startDynamoDbLocal({});
  emulator = await startAwsEmulator({ queues: [{ name: 'credit', dlq: { name: 'credit-dlq', maxReceiveCount: 5 }, visibilityTimeoutSeconds: 2 }], buckets: [] });
  client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: emulator.region, credentials: EMULATOR_CREDENTIALS });
  await client.send(new CreateTableCommand(createTableInput(TABLE)));
  doc = new HttpTableClient({ endpoint: dynamo.endpoint, region: emulator.region, credentials: EMULATOR_CREDENTIALS });
  ctx = ledgerContext({ table: TABLE, doc });
  sqs = new SQSClient({ endpoint: emulator.endpoint, region: emulator.region, credentials: EMULATOR_CREDENTIALS });
});

afterAll(async () => {
  client?.destroy();
  doc?.destroy();
  await emulator?.stop();
  await dynamo?.stop();
});

function runWorker(crash: boolean) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/credit-worker-process.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      AWS_REGION: emulator.region,
      AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey,
      CABAS_TABLE: TABLE,
      CABAS_RECEIPTS_BUCKET: 'unused',
      CABAS_DYNAMODB_ENDPOINT: dynamo.endpoint,
      CABAS_SQS_ENDPOINT: emulator.endpoint,
      CABAS_S3_ENDPOINT: emulator.endpoint,
      CABAS_CREDIT_QUEUE_URL: emulator.queueUrl('credit'),
      CREDIT_QUEUE_ARN: emulator.queueArn('credit'),
      CRASH_BEFORE_ACK: crash ? '1' : '0',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  return { child, exited, output: () => out };
}

async function queueDepth() {
  const out = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: emulator.queueUrl('credit'), AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
  );
  return Number(out.Attributes?.ApproximateNumberOfMessages ?? 0) + Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
}

describe('a credit worker killed after the commit, before the acknowledgement', () => {
  it('credits the receipt exactly once when the message is delivered again', async () => {
    const campaignId = await activeCampaign(ctx, { budgetCents: 5_000 });
    const receiptId = await decidedReceipt(ctx, campaignId, 'victim', { cashbackCents: 250, totalCents: 2_500 });
    await sqs.send(new SendMessageCommand({ QueueUrl: emulator.queueUrl('credit'), MessageBody: JSON.stringify({ receiptId }) }));

    const first = runWorker(true);
    expect(await first.exited, first.output()).toBe('SIGKILL');
    expect(first.output()).toContain('crashing before the acknowledgement');
    expect((await ctx.receipts.get(receiptId))?.status).toBe('CREDITED');
    expect(await queueDepth()).toBe(1); // never acknowledged: SQS will deliver it again

    const second = runWorker(false);
    const deadline = Date.now() + 60_000;
    while ((await queueDepth()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    second.child.kill('SIGTERM');
    await second.exited;
    expect(await queueDepth(), second.output()).toBe(0);

    expect((await ctx.ledger.getAccount('wallet:victim'))?.balanceCents).toBe(250);
    const history = await ctx.ledger.entries('wallet:victim', 10);
    expect(history.items).toHaveLength(1);
    const report = await reconcileLedger(ctx);
    expect(report.problems).toEqual([]);
  });
});
