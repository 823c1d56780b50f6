import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DYNAMODB_LOCAL_CREDENTIALS,
  DYNAMODB_LOCAL_REGION,
  type RunningDynamoDbLocal,
  startDynamoDbLocal,
} from '../../../shared/local/services/dynamodb-local';

const TABLE = 'ledger';

function client(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: DYNAMODB_LOCAL_REGION, credentials: DYNAMODB_LOCAL_CREDENTIALS });
}

async function createTable(ddb: DynamoDBClient): Promise<void> {
  await ddb.send(
    new CreateTableCommand({
      TableName: TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    }),
  );
}

/** Java processes whose command line mentions this port (none should survive stop()). */
function javaProcessesOnPort(port: number): string[] {
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => line.includes('DynamoDBLocal.jar') && line.includes(`-port ${port} `));
}

describe('DynamoDB Local (in memory)', () => {
  let ddbLocal: RunningDynamoDbLocal;
  let ddb: DynamoDBClient;

  beforeAll(async () => {
    ddbLocal = await startDynamoDbLocal({});
    ddb = client(ddbLocal.endpoint);
    console.info(`DynamoDB Local (in memory) answered after ${ddbLocal.startupMs} ms`);
    await createTable(ddb);
  });

  afterAll(async () => {
    ddb?.destroy();
    await ddbLocal?.stop();
  });

  it('listens on 127.0.0.1 at the returned endpoint', () => {
    expect(ddbLocal.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('applies a TransactWriteItems whose conditions hold, and cancels one whose condition fails', async () => {
    const put = (pk: string) => ({
      Put: {
        TableName: TABLE,
        Item: { pk: { S: pk }, amount: { N: '100' } },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
    await ddb.send(new TransactWriteItemsCommand({ TransactItems: [put('transfer:1'), put('account:a')] }));

    const second = ddb.send(new TransactWriteItemsCommand({ TransactItems: [put('transfer:2'), put('account:a')] }));
    const error = await second.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TransactionCanceledException);
    const reasons = (error as TransactionCanceledException).CancellationReasons?.map((r) => r.Code);
    expect(reasons).toEqual(['None', 'ConditionalCheckFailed']);

    // Nothing of the cancelled transaction was written.
    const t2 = await ddb.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'transfer:2' } } }));
    expect(t2.Item).toBeUndefined();
  });

  it('accepts any region and credentials on the same tables (sharedDb)', async () => {
    const other = new DynamoDBClient({
      endpoint: ddbLocal.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'other', secretAccessKey: 'x' },
    });
    const got = await other.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'transfer:1' } } }));
    other.destroy();
    expect(got.Item?.['amount']).toEqual({ N: '100' });
  });
});

describe('DynamoDB Local (persistent)', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cabas-ddb-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps tables and items across a restart, and leaves no java process behind', async () => {
    const first = await startDynamoDbLocal({ dataDir });
    const ddb1 = client(first.endpoint);
    await createTable(ddb1);
    await ddb1.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: 'kept' }, n: { N: '7' } } }));
    ddb1.destroy();
    await first.stop();
    expect(javaProcessesOnPort(first.port)).toEqual([]);

    const second = await startDynamoDbLocal({ dataDir });
    try {
      const ddb2 = client(second.endpoint);
      const got = await ddb2.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'kept' } } }));
      ddb2.destroy();
      expect(got.Item?.['n']).toEqual({ N: '7' });
    } finally {
      await second.stop();
    }
    expect(javaProcessesOnPort(second.port)).toEqual([]);
  });

  it('stop() is idempotent', async () => {
    const instance = await startDynamoDbLocal({});
    await Promise.all([instance.stop(), instance.stop()]);
    await instance.stop();
    expect(javaProcessesOnPort(instance.port)).toEqual([]);
  });
});
