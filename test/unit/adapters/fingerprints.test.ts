import { sdkTableClient } from '../../../shared/adapters/dynamodb/client/sdk';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { DynamoFingerprintStore } from '../../../shared/adapters/dynamodb/fingerprints';
import { hashBands } from '../../../shared/ocr/perceptual-hash';

const doc = sdkTableClient(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-3' })));
const dynamo = mockClient(doc.sdk);
afterEach(() => dynamo.reset());

const HASH = '0123456789abcdef'.repeat(4);
const FP = { receiptId: 'rcpt-1', residentId: 'res-1', hash: HASH, createdAt: '2026-06-20T10:00:00.000Z' };
const noWait = async () => {};

describe('DynamoFingerprintStore', () => {
  it('writes one expiring index entry per band in batches of 25 at most', async () => {
    dynamo.on(BatchWriteCommand).resolves({});
    const bands = hashBands(HASH, 32);
    await new DynamoFingerprintStore(doc, 'cabas', noWait).remember(FP, bands);
    const calls = dynamo.commandCalls(BatchWriteCommand);
    expect(calls.map((c) => c.args[0].input.RequestItems!.cabas!.length)).toEqual([25, 7]);
    const items = calls.flatMap((c) => c.args[0].input.RequestItems!.cabas!.map((r) => r.PutRequest!.Item!));
    expect(items.map((i) => i.pk)).toEqual(bands.map((b) => `PHASH#${b}`));
    expect(items[0]).toMatchObject({ sk: `${FP.createdAt}#rcpt-1`, hash: HASH, residentId: 'res-1' });
    // Kept 400 days (table TTL, epoch seconds).
    expect(items[0]!.expiresAt).toBe(Date.parse(FP.createdAt) / 1000 + 400 * 86_400);
  });

  it('writes again what DynamoDB left unprocessed, and gives up loudly rather than lose it', async () => {
    const bands = hashBands(HASH, 4);
    const left = (n: number) => ({ UnprocessedItems: { cabas: bands.slice(0, n).map((b) => ({ PutRequest: { Item: { pk: `PHASH#${b}` } } })) } });
    dynamo.on(BatchWriteCommand).resolvesOnce(left(2)).resolvesOnce(left(1)).resolves({});
    await new DynamoFingerprintStore(doc, 'cabas', noWait).remember(FP, bands);
    expect(dynamo.commandCalls(BatchWriteCommand).map((c) => c.args[0].input.RequestItems!.cabas!.length)).toEqual([4, 2, 1]);

    dynamo.reset();
    dynamo.on(BatchWriteCommand).resolves(left(1));
    await expect(new DynamoFingerprintStore(doc, 'cabas', noWait).remember(FP, bands)).rejects.toThrow(/still unwritten/);
  });

  it('reads each band newest first and returns each receipt once', async () => {
    const other = {
      receiptId: 'rcpt-2', residentId: 'res-2', hash: HASH, createdAt: '2026-06-19T08:00:00.000Z',
      readings: { purchaseDate: '2026-06-18', purchaseTime: '10:02', ticketNumber: 42, totalCents: 2340 }, // a number where a string belongs
    };
    dynamo.on(QueryCommand).callsFake((input: { ExpressionAttributeValues: Record<string, string> }) => ({
      Items: input.ExpressionAttributeValues[':pk'] === 'PHASH#0:0123' ? [FP, other] : [other],
    }));
    const found = await new DynamoFingerprintStore(doc, 'cabas').candidates(hashBands(HASH, 16));
    expect(found.map((f) => f.receiptId).sort()).toEqual(['rcpt-1', 'rcpt-2']);
    // Readings come back with their well-typed fields only; an entry without them has none.
    expect(found.find((f) => f.receiptId === 'rcpt-2')!.readings).toEqual({ purchaseDate: '2026-06-18', purchaseTime: '10:02', totalCents: 2340 });
    expect(found.find((f) => f.receiptId === 'rcpt-1')!.readings).toBeUndefined();
    const queries = dynamo.commandCalls(QueryCommand).map((c) => c.args[0].input);
    expect(new Set(queries.map((q) => q.ExpressionAttributeValues![':pk'])).size).toBe(queries.length); // no band read twice
    expect(queries.every((q) => q.ScanIndexForward === false && q.Limit === 100)).toBe(true);
  });
});
