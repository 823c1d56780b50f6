import { createHash } from 'node:crypto';
import {
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startAwsEmulator } from '../../../shared/local/services/aws-emulator';
import { type QueueWorker, settle, startQueueWorker } from '../../../shared/local/services/queue-worker';

async function waitFor(what: string, predicate: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('queue worker (Lambda SQS event source mapping, locally)', () => {
  let emu: RunningEmulator;
  let sqs: SQSClient;
  const workers: QueueWorker[] = [];

  const start = (queue: string, handler: (e: SQSEvent) => Promise<SQSBatchResponse | void>, extra = {}) => {
    const worker = startQueueWorker({
      sqs,
      queueUrl: emu.queueUrl(queue),
      queueArn: emu.queueArn(queue),
      region: emu.region,
      handler,
      retryVisibilitySeconds: 0,
      log: () => {},
      ...extra,
    });
    workers.push(worker);
    return worker;
  };

  async function depth(queue: string): Promise<number> {
    const out = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: emu.queueUrl(queue),
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return (
      Number(out.Attributes?.['ApproximateNumberOfMessages'] ?? 0) +
      Number(out.Attributes?.['ApproximateNumberOfMessagesNotVisible'] ?? 0)
    );
  }

  beforeAll(async () => {
    emu = await startAwsEmulator({
      queues: [
        { name: 'partial' },
        { name: 'shape' },
        { name: 'poison', dlq: { name: 'poison-dlq', maxReceiveCount: 2 } },
        { name: 'invalid' },
        { name: 'idle' },
      ],
      buckets: [],
    });
    sqs = new SQSClient({ endpoint: emu.endpoint, region: emu.region, credentials: emu.credentials });
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    sqs?.destroy();
    await emu?.stop();
  });

  it('hands the handler a Lambda-shaped SQSEvent', async () => {
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: emu.queueUrl('shape'),
        MessageBody: '{"receiptId":"r1"}',
        MessageAttributes: {
          stage: { DataType: 'String', StringValue: 'ocr' },
          blob: { DataType: 'Binary', BinaryValue: Buffer.from([1, 2, 3]) },
        },
      }),
    );
    const events: SQSEvent[] = [];
    const worker = start('shape', async (e) => {
      events.push(e);
    });
    await waitFor('the event', () => events.length === 1);
    await worker.stop();

    const record = events[0]?.Records[0];
    expect(record).toMatchObject({
      body: '{"receiptId":"r1"}',
      eventSource: 'aws:sqs',
      eventSourceARN: emu.queueArn('shape'),
      awsRegion: 'eu-west-3',
      md5OfBody: createHash('md5').update('{"receiptId":"r1"}').digest('hex'),
      messageAttributes: {
        stage: { stringValue: 'ocr', stringListValues: [], binaryListValues: [], dataType: 'String' },
        blob: { binaryValue: Buffer.from([1, 2, 3]).toString('base64'), stringListValues: [], binaryListValues: [], dataType: 'Binary' },
      },
    });
    expect(record?.messageId).toMatch(/\S+/);
    expect(record?.receiptHandle).toMatch(/\S+/);
    expect(record?.attributes.ApproximateReceiveCount).toBe('1');
    expect(Number(record?.attributes.SentTimestamp)).toBeGreaterThan(Date.now() - 60_000);
    expect(Number(record?.attributes.ApproximateFirstReceiveTimestamp)).toBeGreaterThan(Date.now() - 60_000);
    expect(record?.attributes.SenderId).toBeTruthy();
    await waitFor('the message to be deleted', async () => (await depth('shape')) === 0);
  });

  it('deletes the records that succeeded and redelivers the failed one (ReportBatchItemFailures)', async () => {
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: emu.queueUrl('partial'),
        Entries: ['ok-1', 'bad', 'ok-2'].map((body, i) => ({ Id: String(i), MessageBody: body })),
      }),
    );
    const seen: Array<{ body: string; receiveCount: number }> = [];
    const batchSizes: number[] = [];
    start('partial', async (event) => {
      batchSizes.push(event.Records.length);
      const failures: SQSBatchResponse['batchItemFailures'] = [];
      for (const r of event.Records) {
        const receiveCount = Number(r.attributes.ApproximateReceiveCount);
        seen.push({ body: r.body, receiveCount });
        // 'bad' fails twice, then succeeds.
        if (r.body === 'bad' && receiveCount < 3) failures.push({ itemIdentifier: r.messageId });
      }
      return { batchItemFailures: failures };
    });

    await waitFor('bad to succeed on its third delivery', () => seen.some((s) => s.body === 'bad' && s.receiveCount === 3));
    await waitFor('the queue to be empty', async () => (await depth('partial')) === 0);
    expect(batchSizes[0]).toBe(3);
    expect(seen.filter((s) => s.body === 'bad').map((s) => s.receiveCount)).toEqual([1, 2, 3]);
    expect(seen.filter((s) => s.body !== 'bad').map((s) => `${s.body}#${s.receiveCount}`).sort()).toEqual([
      'ok-1#1',
      'ok-2#1',
    ]);
  });

  it('moves a record that always fails to the DLQ after maxReceiveCount deliveries', async () => {
    await sqs.send(new SendMessageCommand({ QueueUrl: emu.queueUrl('poison'), MessageBody: 'poison' }));
    const receiveCounts: string[] = [];
    start('poison', async (event) => {
      for (const r of event.Records) receiveCounts.push(r.attributes.ApproximateReceiveCount);
      throw new Error('cannot process');
    });

    let dead: string | undefined;
    await waitFor('the DLQ to get the message', async () => {
      const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: emu.queueUrl('poison-dlq'), WaitTimeSeconds: 1 }));
      dead = out.Messages?.[0]?.Body;
      return dead !== undefined;
    });
    expect(dead).toBe('poison');
    expect(receiveCounts).toEqual(['1', '2']);
    expect(await depth('poison')).toBe(0);
  });

  it('retries the whole batch when the handler returns an invalid response', async () => {
    await sqs.send(new SendMessageCommand({ QueueUrl: emu.queueUrl('invalid'), MessageBody: 'x' }));
    const counts: string[] = [];
    start('invalid', async (event) => {
      for (const r of event.Records) counts.push(r.attributes.ApproximateReceiveCount);
      // First delivery: an itemIdentifier that is not in the batch, then a valid empty answer.
      return counts.length === 1 ? { batchItemFailures: [{ itemIdentifier: 'not-in-batch' }] } : { batchItemFailures: [] };
    });
    await waitFor('the second delivery', () => counts.length === 2);
    await waitFor('the queue to be empty', async () => (await depth('invalid')) === 0);
    expect(counts).toEqual(['1', '2']);
  });

  it('stops promptly when idle, and waits for an in-flight handler call', async () => {
    const idle = start('idle', async () => {}, { waitTimeSeconds: 1 });
    await new Promise((r) => setTimeout(r, 300));
    let t = performance.now();
    await idle.stop();
    expect(performance.now() - t).toBeLessThan(2_500); // at most one 1 s long poll

    await sqs.send(new SendMessageCommand({ QueueUrl: emu.queueUrl('idle'), MessageBody: 'slow' }));
    let started = false;
    let finished = false;
    const busy = start('idle', async () => {
      started = true;
      await new Promise((r) => setTimeout(r, 500));
      finished = true;
    });
    await waitFor('the handler to start', () => started);
    t = performance.now();
    await busy.stop();
    expect(finished).toBe(true);
    expect(performance.now() - t).toBeLessThan(2_500);
    await waitFor('the message to be deleted', async () => (await depth('idle')) === 0);
  });
});

describe('settle (Lambda ReportBatchItemFailures rules)', () => {
  const ids = new Set(['a', 'b']);
  it.each([
    ['undefined', undefined, []],
    ['null', null, []],
    ['{}', {}, []],
    ['empty list', { batchItemFailures: [] }, []],
    ['null list', { batchItemFailures: null }, []],
    ['one failure', { batchItemFailures: [{ itemIdentifier: 'b' }] }, ['b']],
    ['a string', 'ok', ['a', 'b']],
    ['not an array', { batchItemFailures: 'a' }, ['a', 'b']],
    ['empty identifier', { batchItemFailures: [{ itemIdentifier: '' }] }, ['a', 'b']],
    ['unknown identifier', { batchItemFailures: [{ itemIdentifier: 'z' }] }, ['a', 'b']],
    ['bad key name', { batchItemFailures: [{ id: 'a' }] }, ['a', 'b']],
  ])('%s', (_name, result, failed) => {
    expect([...settle(result, ids).failedIds].sort()).toEqual(failed);
  });
});
