import { sdkTableClient } from '../../../shared/adapters/dynamodb/client/sdk';
import { BatchGetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConsistentBatchReader } from '../../../shared/adapters/dynamodb/batch-get';

const doc = sdkTableClient(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-3', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } })));
const mock = mockClient(doc.sdk);

const item = (pk: string, sk: string, extra: Record<string, unknown> = {}) => ({ pk, sk, ...extra });

describe('ConsistentBatchReader', () => {
  beforeEach(() => mock.reset());

  it('sends the reads asked together as one strongly consistent BatchGetItem, once per distinct key', async () => {
    mock.on(BatchGetCommand).callsFake((input: { RequestItems: Record<string, { Keys: Array<{ pk: string; sk: string }> }> }) => ({
      Responses: { t: input.RequestItems.t!.Keys.filter((k) => k.pk !== 'MISSING').map((k) => item(k.pk, k.sk, { v: `${k.pk}/${k.sk}` })) },
    }));
    const reader = new ConsistentBatchReader(doc, 't');
    const [a, b, again, missing] = await Promise.all([
      reader.get({ pk: 'A', sk: '1' }),
      reader.get({ sk: '2', pk: 'B' }),
      reader.get({ pk: 'A', sk: '1' }),
      reader.get({ pk: 'MISSING', sk: 'x' }),
    ]);
    expect([a?.v, b?.v, again?.v, missing]).toEqual(['A/1', 'B/2', 'A/1', undefined]);
    const calls = mock.commandCalls(BatchGetCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input.RequestItems!.t!.ConsistentRead).toBe(true);
    expect(calls[0]!.args[0].input.RequestItems!.t!.Keys).toHaveLength(3);
  });

  it('asks again for the keys DynamoDB left unprocessed, and splits beyond 100 keys', async () => {
    let first = true;
    mock.on(BatchGetCommand).callsFake((input: { RequestItems: Record<string, { Keys: Array<{ pk: string; sk: string }> }> }) => {
      const keys = input.RequestItems.t!.Keys;
      if (first) {
        first = false;
        return { Responses: { t: keys.slice(1).map((k) => item(k.pk, k.sk)) }, UnprocessedKeys: { t: { Keys: keys.slice(0, 1) } } };
      }
      return { Responses: { t: keys.map((k) => item(k.pk, k.sk)) } };
    });
    const reader = new ConsistentBatchReader(doc, 't');
    const got = await Promise.all(Array.from({ length: 150 }, (_, i) => reader.get({ pk: `P${i}`, sk: 'S' })));
    expect(got.every((g, i) => g?.pk === `P${i}`)).toBe(true);
    const sizes = mock.commandCalls(BatchGetCommand).map((c) => c.args[0].input.RequestItems!.t!.Keys!.length);
    expect(sizes).toEqual([100, 1, 50]);
  });

  it('fails every read of a batch the table refuses', async () => {
    mock.on(BatchGetCommand).rejects(new Error('boom'));
    const reader = new ConsistentBatchReader(doc, 't');
    await expect(Promise.all([reader.get({ pk: 'A', sk: '1' }), reader.get({ pk: 'B', sk: '1' })])).rejects.toThrow('boom');
  });
});
