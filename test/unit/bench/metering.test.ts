/**
 * The metering middleware of `npm run bench:cost` (test/support/metering.ts), over real SDK
 * clients whose requests never leave the process: a fake handler at the end of the finalizeRequest step answers each
 * command with a canned (service-shaped) output or error, after the metering middlewares ran.
 */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computedUnits, itemSize, Meter, reportedUnits } from '../../support/metering';

const config = { region: 'eu-west-3', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
type Input = Record<string, unknown>;
type Answer = (command: string, input: Input) => Record<string, unknown> | Error;

/** Answers every command at the end of the finalizeRequest step (nothing is sent) and remembers the inputs it saw. */
function fake<C extends { middlewareStack: unknown }>(client: C, answer: Answer): { client: C; seen: Array<{ command: string; input: Input }> } {
  const seen: Array<{ command: string; input: Input }> = [];
  const stack = client.middlewareStack as { add(mw: unknown, o: object): void };
  stack.add(
    (_next: unknown, context: { commandName?: string }) => async (args: { input: Input }) => {
      const command = (context.commandName ?? '').replace(/Command$/, '');
      seen.push({ command, input: args.input });
      const out = answer(command, args.input);
      if (out instanceof Error) throw out;
      return { output: { $metadata: { httpStatusCode: 200 }, ...out }, response: {} };
    },
    { step: 'finalizeRequest', name: 'fakeService', priority: 'low' },
  );
  return { client, seen };
}

function conditionalFailure(): Error {
  return Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException', $metadata: { httpStatusCode: 400 } });
}

describe('metering middleware', () => {
  it('counts calls per stage and service, presigns as no request, SQS by 64 KiB chunks', async () => {
    const meter = new Meter();
    const s3 = fake(meter.attach(new S3Client({ ...config, forcePathStyle: true })), () => ({})).client;
    // The SQS client checks the MD5 of the body sent against the one the service answers.
    const sqs = fake(meter.attach(new SQSClient(config)), (_c, input) => ({ MessageId: '1', MD5OfMessageBody: createHash('md5').update(String(input.MessageBody)).digest('hex') })).client;
    const dynamo = fake(meter.attach(new DynamoDBClient(config)), () => ({ ConsumedCapacity: { TableName: 't', CapacityUnits: 0.5 } })).client;

    await meter.stage('api', async () => {
      await getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 60 });
      await dynamo.send(new GetItemCommand({ TableName: 't', Key: { pk: { S: 'a' } } }));
    });
    await meter.stage('ocr', async () => {
      await Promise.all([s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' })), sqs.send(new SendMessageCommand({ QueueUrl: 'https://sqs.eu-west-3.amazonaws.com/1/q', MessageBody: 'x'.repeat(100 * 1024) }))]);
    });
    await sqs.send(new SendMessageCommand({ QueueUrl: 'https://sqs.eu-west-3.amazonaws.com/1/q', MessageBody: '{}' }));
    meter.count('upload', 'S3', 'PutObject (resident upload)');

    expect(meter.totals('api').requests).toEqual({ 'S3 PutObject (presign)': 0, 'DynamoDB GetItem': 1 });
    expect(meter.totals('api').rru).toBe(0.5);
    expect(meter.totals('ocr').byService).toEqual({ S3: 1, SQS: 2 });
    expect(meter.totals('unlabelled').requests).toEqual({ 'SQS SendMessage': 1 });
    expect(meter.totals('upload').byService).toEqual({ S3: 1 });
    expect(meter.records.find((r) => r.presigned)?.billedRequests).toBe(0);
  });

  it('counts the functions’ own S3 client as the SDK’s commands: a request each, none for a presigned URL, failures too', async () => {
    const meter = new Meter();
    const objects = new Map<string, Uint8Array>();
    const bucket = meter.bucket({
      getObject: async (key: string) => (objects.has(key) ? { bytes: objects.get(key)! } : undefined),
      putObject: async (key: string, body: string | Uint8Array, options?: { ifNoneMatch?: boolean }) => {
        if (options?.ifNoneMatch && objects.has(key)) throw Object.assign(new Error('PreconditionFailed'), { name: 'PreconditionFailed' });
        objects.set(key, typeof body === 'string' ? Buffer.from(body) : body);
      },
      deleteObject: async (key: string) => void objects.delete(key),
      presign: async (method: 'GET' | 'PUT', key: string, _expiresInSeconds: number) => `https://b.example/${key}?${method}`,
    });
    await meter.stage('ocr', async () => {
      expect(await bucket.getObject('k')).toBeUndefined();
      await bucket.putObject('k', 'x', { ifNoneMatch: true });
      await expect(bucket.putObject('k', 'y', { ifNoneMatch: true })).rejects.toThrow('PreconditionFailed');
      expect(Buffer.from((await bucket.getObject('k'))!.bytes).toString()).toBe('x');
    });
    await meter.stage('api', async () => {
      expect(await bucket.presign('PUT', 'k', 60)).toBe('https://b.example/k?PUT');
      await bucket.deleteObject('k');
    });
    expect(meter.totals('ocr').requests).toEqual({ 'S3 GetObject': 2, 'S3 PutObject': 2 });
    expect(meter.of('ocr').filter((r) => r.failed)).toHaveLength(1);
    expect(meter.totals('api').requests).toEqual({ 'S3 PutObject (presign)': 0, 'S3 DeleteObject': 1 });
  });

  it('injects ReturnConsumedCapacity into DynamoDB commands that take it, and keeps one that is given', async () => {
    const meter = new Meter();
    const { client, seen } = fake(meter.attach(new DynamoDBClient(config)), () => ({}));
    const doc = DynamoDBDocumentClient.from(client);
    await doc.send(new PutCommand({ TableName: 't', Item: { pk: 'a' } }));
    await doc.send(new GetCommand({ TableName: 't', Key: { pk: 'a' }, ReturnConsumedCapacity: 'INDEXES' }));
    expect(seen.map((s) => s.input.ReturnConsumedCapacity)).toEqual(['TOTAL', 'INDEXES']);
    // The document client's input is marshalled by the time it is measured.
    expect(seen[0]!.input.Item).toEqual({ pk: { S: 'a' } });
  });

  it('reads the consumed capacity from outputs: one object, Transact* and Batch* lists', async () => {
    const meter = new Meter();
    const { client } = fake(meter.attach(new DynamoDBClient(config)), (command) => {
      if (command === 'TransactWriteItems') return { ConsumedCapacity: [{ TableName: 't', CapacityUnits: 6 }, { TableName: 'u', CapacityUnits: 4 }] };
      if (command === 'BatchGetItem') return { Responses: { t: [] }, ConsumedCapacity: [{ TableName: 't', CapacityUnits: 1.5 }] };
      if (command === 'UpdateItem') return { ConsumedCapacity: { TableName: 't', CapacityUnits: 3, WriteCapacityUnits: 3 } };
      return { Items: [], ConsumedCapacity: { TableName: 't', CapacityUnits: 0.5 } };
    });
    const doc = DynamoDBDocumentClient.from(client);
    await meter.stage('credit', async () => {
      await doc.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: 't', Item: { pk: 'a' } } }] }));
      await doc.send(new BatchGetCommand({ RequestItems: { t: { Keys: [{ pk: 'a' }] } } }));
      await doc.send(new UpdateCommand({ TableName: 't', Key: { pk: 'a' }, UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': 1 } }));
      await doc.send(new QueryCommand({ TableName: 't', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': 'a' } }));
    });
    const t = meter.totals('credit');
    expect(t.wru).toBe(13);
    expect(t.rru).toBe(2);
    expect(meter.records.every((r) => r.capacity === 'reported')).toBe(true);
  });

  it('computes the units from item sizes when the output has none, and for refused conditions', async () => {
    const meter = new Meter({ dynamoIndexes: [{ name: 'gsi1', partitionKey: 'gsi1pk' }] });
    const big = 'x'.repeat(3000);
    const { client } = fake(meter.attach(new DynamoDBClient(config)), (command, input) => {
      if (command === 'GetItem') return { Item: { pk: { S: 'a' }, body: { S: 'y'.repeat(5000) } } };
      if (command === 'PutItem' && input.ConditionExpression) return conditionalFailure();
      return {};
    });
    const doc = DynamoDBDocumentClient.from(client);
    await meter.stage('match', async () => {
      await doc.send(new PutCommand({ TableName: 't', Item: { pk: 'a', body: big } })); // 3 WRU
      await doc.send(new PutCommand({ TableName: 't', Item: { pk: 'b', gsi1pk: 'g', body: big } })); // 3 + 3 for the index
      await expect(doc.send(new PutCommand({ TableName: 't', Item: { pk: 'c' }, ConditionExpression: 'attribute_not_exists(pk)' }))).rejects.toThrow(/conditional/);
      await doc.send(new GetCommand({ TableName: 't', Key: { pk: 'a' } })); // 5 KB eventually consistent: 1 RRU
      await doc.send(new GetCommand({ TableName: 't', Key: { pk: 'a' }, ConsistentRead: true })); // 2 RRU
      await doc.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: 't', Item: { pk: 'd' } } }, { Put: { TableName: 't', Item: { pk: 'e', body: 'z'.repeat(1500) } } }] })); // 2 x (1 + 2)
    });
    const t = meter.totals('match');
    expect(t.wru).toBe(3 + 6 + 1 + 6);
    expect(t.rru).toBe(3);
    expect(meter.records.every((r) => r.capacity === 'computed')).toBe(true);
    expect(meter.records.filter((r) => r.failed).map((r) => r.command)).toEqual(['PutItem']);
  });

  it('sizes items and units as DynamoDB bills them', () => {
    expect(itemSize({ pk: { S: 'abc' }, n: { N: '12345' }, ok: { BOOL: true } })).toBe(2 + 3 + 1 + 4 + 2 + 1);
    expect(itemSize({ m: { M: { a: { S: 'xy' } } } })).toBe(1 + 3 + 1 + 1 + 2);
    expect(computedUnits('Query', { ConsistentRead: false }, { Items: [{ a: { S: 'x'.repeat(6000) } }, { a: { S: 'x'.repeat(3000) } }] }, [])).toEqual({ rru: 1.5, wru: 0 });
    expect(computedUnits('Query', {}, { Items: [] }, [])).toEqual({ rru: 0.5, wru: 0 });
    expect(computedUnits('BatchWriteItem', { RequestItems: { t: [{ PutRequest: { Item: { a: { S: 'x'.repeat(1500) } } } }, { DeleteRequest: { Key: { a: { S: 'x' } } } }] } }, {}, [])).toEqual({ rru: 0, wru: 3 });
    expect(reportedUnits('GetItem', { CapacityUnits: 0 })).toBeUndefined();
    expect(reportedUnits('PutItem', [{ CapacityUnits: 2 }, { CapacityUnits: 1 }])).toEqual({ rru: 0, wru: 3 });
  });
});
