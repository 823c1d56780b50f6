import type { ServerResponse } from 'node:http';
import { crc32 } from 'node:zlib';
import { DynamoDBClient, GetItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { signRequest } from '../../../shared/adapters/aws/sigv4';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '../../../shared/adapters/dynamodb/client/commands';
import { HttpTableClient } from '../../../shared/adapters/dynamodb/client/http';
import { fromAttributeMap, toAttributeMap } from '../../../shared/adapters/dynamodb/client/marshall';
import { isConditionFailure } from '../../../shared/adapters/dynamodb/query';
import { cancellationReasons } from '../../../shared/adapters/dynamodb/transactions';
import { type Reply, capturingRequestHandler, playServiceInSuite } from '../../support/service-double';

/*
 * The functions' own DynamoDB client (shared/adapters/dynamodb/client): its signature is the AWS
 * SDK's on the same request, its marshalling the SDK document client's, and its answers to errors,
 * throttling, broken connections and corrupted bodies are checked against a local HTTP server
 * playing DynamoDB. The adapters' behaviour through it is covered by the integration tests, which
 * all run on it against DynamoDB Local.
 */

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

/** The request the SDK signs and would send, captured by a request handler that answers `{}`. */
async function sdkSigned(command: GetItemCommand | TransactWriteItemsCommand, credentials: typeof CREDENTIALS & { sessionToken?: string }) {
  const capture = capturingRequestHandler();
  const client = new DynamoDBClient({ region: 'eu-west-3', credentials, requestHandler: capture.handler });
  await client.send(command as never);
  client.destroy();
  return capture.last();
}

async function expectSameSignature(command: GetItemCommand | TransactWriteItemsCommand, credentials: typeof CREDENTIALS & { sessionToken?: string }) {
  const sent = await sdkSigned(command, credentials);
  const auth = sent.headers.authorization!;
  const signed = /SignedHeaders=([^,]+)/.exec(auth)![1]!.split(';');
  const date = sent.headers['x-amz-date']!;
  const at = new Date(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${date.slice(9, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`);
  const own = Object.fromEntries(signed.filter((h) => !['host', 'x-amz-date', 'x-amz-security-token'].includes(h)).map((h) => [h, sent.headers[h]!]));
  const ours = signRequest({ method: sent.method, host: sent.hostname, path: sent.path, headers: own, body: sent.body }, credentials, 'eu-west-3', 'dynamodb', at);
  expect(ours.authorization).toBe(auth);
  if (credentials.sessionToken) expect(ours['x-amz-security-token']).toBe(credentials.sessionToken);
}

describe('Signature Version 4', () => {
  it('signs a DynamoDB call exactly as the AWS SDK does', async () => {
    await expectSameSignature(new GetItemCommand({ TableName: 'city', Key: { pk: { S: 'RECEIPT#r-1' }, sk: { S: 'RECEIPT' } }, ConsistentRead: true }), CREDENTIALS);
  });

  it('with a session token (the Lambda role’s credentials) and a body of several kilobytes with non-ASCII text', async () => {
    const big = 'Boulangerie du Marché — pain au levain, 2 × 3,40 € ; '.repeat(80);
    await expectSameSignature(
      new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: 'city', Item: { pk: { S: 'A' }, sk: { S: 'B' }, note: { S: big } } } }] }),
      { ...CREDENTIALS, sessionToken: 'IQoJb3JpZ2luX2VjEBcaCWV1LXdlc3QtMyJHMEUCIQ==' },
    );
  });
});

describe('marshalling', () => {
  const values: Record<string, unknown>[] = [
    { pk: 'RECEIPT#1', sk: 'RECEIPT', totalCents: 1234, negative: -5, ratio: 0.125, zero: 0, ok: true, no: false, nothing: null, empty: '' },
    { list: [1, 'two', { three: 3 }, [4], null], nested: { deeper: { deepest: 'é€😀' } }, emptyList: [], emptyMap: {} },
    { ids: new Set(['r-1', 'r-2']), weeks: new Set([202649, 202650]), bytes: new Uint8Array([0, 1, 254, 255]) },
    { kept: 'yes', dropped: undefined, inList: [1, undefined, 2], inMap: { a: undefined, b: 1 } },
    { big: Number.MAX_SAFE_INTEGER, small: Number.MIN_SAFE_INTEGER },
  ];

  /** Attribute values as they travel in JSON: the SDK keeps bytes as bytes until it serializes them in base64. */
  const onTheWire = (v: unknown): unknown =>
    v instanceof Uint8Array ? Buffer.from(v).toString('base64') : Array.isArray(v) ? v.map(onTheWire) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, onTheWire(x)])) : v;

  it('writes what the SDK’s document client writes (undefined left out)', () => {
    for (const v of values) expect(toAttributeMap(v)).toEqual(onTheWire(marshall(v, { removeUndefinedValues: true, convertClassInstanceToMap: false })));
  });

  it('reads back what the SDK reads', () => {
    for (const v of values) {
      const attrs = marshall(v, { removeUndefinedValues: true });
      expect(fromAttributeMap(onTheWire(attrs) as never)).toEqual(unmarshall(attrs));
    }
  });

  it('refuses what would be stored wrong, naming where', () => {
    expect(() => toAttributeMap({ at: new Date() })).toThrow(/item\.at: a Date/);
    expect(() => toAttributeMap({ n: Number.NaN })).toThrow(/item\.n/);
    expect(() => toAttributeMap({ n: Infinity })).toThrow(/item\.n/);
    expect(() => toAttributeMap({ n: 2 ** 60 })).toThrow(/beyond 2\^53/);
    expect(() => toAttributeMap({ s: new Set() })).toThrow(/empty set/);
    expect(() => toAttributeMap({ s: new Set(['a', 1]) })).toThrow(/only strings/);
    expect(() => toAttributeMap({ f: () => 1 })).toThrow(/a function/);
    expect(() => fromAttributeMap({ n: { N: '123456789012345678901' } })).toThrow(RangeError);
  });
});

// ------------------------------------------------------------------ against a server playing DynamoDB

function json(res: ServerResponse, status: number, body: unknown, crc?: string) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'req-1', 'x-amz-crc32': crc ?? String(crc32(Buffer.from(text))) });
  res.end(text);
}
const error = (type: string, extra: Record<string, unknown> = {}, status = 400): Reply => (_req, res) => json(res, status, { __type: `com.amazonaws.dynamodb.v20120810#${type}`, message: `${type} happened`, ...extra });

const dynamodb = playServiceInSuite((_req, res) => json(res, 500, { __type: 'InternalServerError', message: 'no reply scripted' }));

const client = (over: Partial<ConstructorParameters<typeof HttpTableClient>[0]> = {}) => new HttpTableClient({ endpoint: dynamodb.endpoint, region: 'eu-west-3', credentials: CREDENTIALS, ...over });

describe('HttpTableClient', () => {
  it('posts the command in DynamoDB’s JSON protocol, signed, and reads the answer as plain values', async () => {
    dynamodb.replies.push((_req, res) => json(res, 200, { Item: marshall({ pk: 'A', sk: 'B', cents: 250, tags: new Set(['x']) }) }));
    const out = await client().send(new GetCommand({ TableName: 'city', Key: { pk: 'A', sk: 'B' }, ConsistentRead: true }));
    expect(out.Item).toEqual({ pk: 'A', sk: 'B', cents: 250, tags: new Set(['x']) });
    expect(dynamodb.seen[0]!.target).toBe('DynamoDB_20120810.GetItem');
    expect(dynamodb.seen[0]!.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(dynamodb.seen[0]!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-3\/dynamodb\/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=[0-9a-f]{64}$/);
    expect(dynamodb.seen[0]!.json).toEqual({ TableName: 'city', Key: { pk: { S: 'A' }, sk: { S: 'B' } }, ConsistentRead: true });
  });

  it('marshals every item, key and value of a transaction and of a query’s cursor', async () => {
    dynamodb.replies.push((_req, res) => json(res, 200, {}));
    dynamodb.replies.push((_req, res) => json(res, 200, { Items: [marshall({ pk: 'P', sk: '2' })], LastEvaluatedKey: marshall({ pk: 'P', sk: '2' }), Count: 1 }));
    await client().send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: 't', Item: { pk: 'A', sk: 'A', n: 1 }, ConditionExpression: 'attribute_not_exists(pk)' } },
          { Update: { TableName: 't', Key: { pk: 'B', sk: 'B' }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': 1 } } },
          { Delete: { TableName: 't', Key: { pk: 'C', sk: 'C' } } },
          { ConditionCheck: { TableName: 't', Key: { pk: 'D', sk: 'D' }, ConditionExpression: 'v = :v', ExpressionAttributeValues: { ':v': 'ok' } } },
        ],
      }),
    );
    expect(dynamodb.seen[0]!.json.TransactItems).toEqual([
      { Put: { TableName: 't', Item: { pk: { S: 'A' }, sk: { S: 'A' }, n: { N: '1' } }, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Update: { TableName: 't', Key: { pk: { S: 'B' }, sk: { S: 'B' } }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': { N: '1' } } } },
      { Delete: { TableName: 't', Key: { pk: { S: 'C' }, sk: { S: 'C' } } } },
      { ConditionCheck: { TableName: 't', Key: { pk: { S: 'D' }, sk: { S: 'D' } }, ConditionExpression: 'v = :v', ExpressionAttributeValues: { ':v': { S: 'ok' } } } },
    ]);
    const page = await client().send(new QueryCommand({ TableName: 't', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': 'P' }, ExclusiveStartKey: { pk: 'P', sk: '1' } }));
    expect(dynamodb.seen[1]!.json.ExclusiveStartKey).toEqual({ pk: { S: 'P' }, sk: { S: '1' } });
    expect(page).toMatchObject({ Items: [{ pk: 'P', sk: '2' }], LastEvaluatedKey: { pk: 'P', sk: '2' }, Count: 1 });
  });

  it('answers a refused condition at once, named as the SDK names it, with the item as plain values', async () => {
    dynamodb.replies.push(error('ConditionalCheckFailedException', { Item: marshall({ pk: 'A', sk: 'A', status: 'CREDITED' }) }));
    const err = await client().send(new PutCommand({ TableName: 't', Item: { pk: 'A', sk: 'A' }, ConditionExpression: 'attribute_not_exists(pk)' })).catch((e: unknown) => e);
    expect(isConditionFailure(err)).toBe(true);
    expect(err).toMatchObject({ name: 'ConditionalCheckFailedException', message: 'ConditionalCheckFailedException happened', Item: { status: 'CREDITED' }, $metadata: { httpStatusCode: 400, attempts: 1 } });
    expect(dynamodb.seen).toHaveLength(1);
  });

  it('gives a cancelled transaction’s reasons in order', async () => {
    dynamodb.replies.push(error('TransactionCanceledException', { CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed', Message: 'no', Item: marshall({ n: 3 }) }] }));
    const err = await client().send(new TransactWriteCommand({ TransactItems: [] })).catch((e: unknown) => e);
    expect(cancellationReasons(err)).toEqual([{ Code: 'None' }, { Code: 'ConditionalCheckFailed', Message: 'no', Item: { n: 3 } }]);
    expect(dynamodb.seen).toHaveLength(1);
  });

  it('retries throttling and server errors with backoff, up to its attempts, then gives the last error', async () => {
    dynamodb.replies.push(error('ProvisionedThroughputExceededException'), error('InternalServerError', {}, 500), (_req, res) => json(res, 200, { Item: marshall({ pk: 'A' }) }));
    expect((await client().send(new GetCommand({ TableName: 't', Key: { pk: 'A', sk: 'A' } }))).Item).toEqual({ pk: 'A' });
    expect(dynamodb.seen).toHaveLength(3);

    dynamodb.seen = [];
    dynamodb.replies.push(error('ThrottlingException'), error('ThrottlingException'), error('ThrottlingException'), (_req, res) => json(res, 200, {}));
    const err = await client().send(new GetCommand({ TableName: 't', Key: { pk: 'A', sk: 'A' } })).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'ThrottlingException', $metadata: { attempts: 3 } });
    expect(dynamodb.seen).toHaveLength(3);
    dynamodb.replies = [];
  });

  it('does not retry a validation error', async () => {
    dynamodb.replies.push(error('ValidationException'), (_req, res) => json(res, 200, {}));
    await expect(client().send(new GetCommand({ TableName: 't', Key: { pk: 'A', sk: 'A' } }))).rejects.toMatchObject({ name: 'ValidationException' });
    expect(dynamodb.seen).toHaveLength(1);
    dynamodb.replies = [];
  });

  it('retries a broken connection and an answer whose CRC32 does not match', async () => {
    dynamodb.replies.push((_req, res) => res.socket?.destroy(), (_req, res) => json(res, 200, { Item: marshall({ pk: 'corrupted' }) }, '12345'), (_req, res) => json(res, 200, { Item: marshall({ pk: 'A' }) }));
    expect((await client().send(new GetCommand({ TableName: 't', Key: { pk: 'A', sk: 'A' } }))).Item).toEqual({ pk: 'A' });
    expect(dynamodb.seen).toHaveLength(3);
  });

  it('abandons an attempt that gets no answer in time', async () => {
    dynamodb.replies.push(() => {}, () => {});
    const err = await client({ timeoutMs: 100, maxAttempts: 2 }).send(new GetCommand({ TableName: 't', Key: { pk: 'A', sk: 'A' } })).catch((e: unknown) => e);
    expect(String(err)).toMatch(/did not answer GetItem within 100 ms/);
    expect(dynamodb.seen).toHaveLength(2);
  });

  it('refuses an item it cannot store before sending anything', async () => {
    await expect(client().send(new PutCommand({ TableName: 't', Item: { pk: 'A', sk: 'A', at: new Date() } }))).rejects.toThrow(/Item\.at/);
    expect(dynamodb.seen).toHaveLength(0);
  });

  it('lets an observer add to the request and hear every call (bench:cost)', async () => {
    const calls: Array<{ operation: string; request: Record<string, unknown>; attempts: number; failed: boolean }> = [];
    const observed = client({
      observer: {
        prepare: (_op, request) => ({ ...request, ReturnConsumedCapacity: 'TOTAL' }),
        record: (c) => calls.push({ operation: c.operation, request: c.request, attempts: c.attempts, failed: c.error !== undefined }),
      },
    });
    dynamodb.replies.push(error('ThrottlingException'), (_req, res) => json(res, 200, { ConsumedCapacity: { TableName: 't', CapacityUnits: 1 } }), error('ConditionalCheckFailedException'));
    await observed.send(new GetCommand({ TableName: 't', Key: { pk: 'A', sk: 'A' } }));
    await observed.send(new PutCommand({ TableName: 't', Item: { pk: 'A', sk: 'A' } })).catch(() => undefined);
    expect(dynamodb.seen.map((s) => s.json.ReturnConsumedCapacity)).toEqual(['TOTAL', 'TOTAL', 'TOTAL']);
    expect(calls.map(({ operation, attempts, failed }) => ({ operation, attempts, failed }))).toEqual([
      { operation: 'GetItem', attempts: 2, failed: false },
      { operation: 'PutItem', attempts: 1, failed: true },
    ]);
  });
});
