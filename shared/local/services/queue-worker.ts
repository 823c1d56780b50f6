/**
 * A local stand-in for Lambda's SQS event source mapping: long-polls a queue, hands each batch to
 * the same handler as in AWS as a real `SQSEvent`, and settles the batch as Lambda does with
 * `ReportBatchItemFailures`:
 * - records listed in `batchItemFailures` are left to come back (their visibility is set to
 *   `retryVisibilitySeconds`, so local retries are quick); the other records are deleted;
 * - if the handler throws, or returns something that is not a valid `SQSBatchResponse` (not an
 *   object, `batchItemFailures` not an array, an `itemIdentifier` that is empty or not in the
 *   batch), the whole batch fails;
 * - `undefined`/`null`, `{}`, or an empty `batchItemFailures` mean the whole batch succeeded.
 * A message received more than the queue's RedrivePolicy maxReceiveCount times is moved to the
 * DLQ by the queue itself (fauxqs does it on receive, as SQS does).
 *
 * Differences with Lambda: no batching window, no scaling beyond `concurrency`, the handler's
 * timeout is only reported through `context.getRemainingTimeInMillis()` (not enforced), and FIFO
 * queues get no special ordering treatment.
 */
import { randomUUID } from 'node:crypto';
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  type Message,
  type MessageAttributeValue,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type {
  Context,
  SQSBatchResponse,
  SQSEvent,
  SQSMessageAttributes,
  SQSRecord,
  SQSRecordAttributes,
} from 'aws-lambda';

export interface QueueWorkerOptions {
  sqs: SQSClient;
  queueUrl: string;
  queueArn: string;
  region: string;
  handler: (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | void>;
  /** Records per batch, 1 to 10 (default 10). */
  batchSize?: number;
  /** Long-poll duration in seconds (default 1): also the longest stop() waits for an idle poll. */
  waitTimeSeconds?: number;
  /** How soon a failed record becomes visible again, in seconds (default 2). */
  retryVisibilitySeconds?: number;
  /** Parallel polls, each running its own batches (default 1). */
  concurrency?: number;
  /** Name reported in the Lambda context (default: the queue name). */
  functionName?: string;
  /** Timeout reported by context.getRemainingTimeInMillis(), in seconds (default 30). */
  timeoutSeconds?: number;
  /** Reports failures (handler errors, SQS errors, partial batch failures). Default: console.warn. */
  log?: (msg: string, data?: unknown) => void;
}

export interface QueueWorker {
  /** Stops polling and resolves once the in-flight polls and handler calls have finished. */
  stop(): Promise<void>;
}

/** Outcome of a batch: the message ids that failed (all of them when the batch failed). */
interface Settlement {
  failedIds: Set<string>;
  reason?: string;
}

const RECEIVE_ERROR_BACKOFF_MS = 1_000;

export function startQueueWorker(opts: QueueWorkerOptions): QueueWorker {
  const batchSize = opts.batchSize ?? 10;
  const waitTimeSeconds = opts.waitTimeSeconds ?? 1;
  const retryVisibilitySeconds = opts.retryVisibilitySeconds ?? 2;
  const concurrency = opts.concurrency ?? 1;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10) throw new Error('batchSize must be 1 to 10');
  if (!Number.isInteger(waitTimeSeconds) || waitTimeSeconds < 0 || waitTimeSeconds > 20) {
    throw new Error('waitTimeSeconds must be an integer from 0 to 20');
  }
  if (!Number.isInteger(retryVisibilitySeconds) || retryVisibilitySeconds < 0 || retryVisibilitySeconds > 43_200) {
    throw new Error('retryVisibilitySeconds must be an integer from 0 to 43200');
  }
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('concurrency must be a positive integer');

  const queueName = opts.queueArn.split(':').at(-1) ?? 'queue';
  const functionName = opts.functionName ?? queueName;
  const timeoutMs = (opts.timeoutSeconds ?? 30) * 1000;
  const log = opts.log ?? ((msg: string, data?: unknown) => console.warn(`[queue-worker ${queueName}] ${msg}`, data ?? ''));

  let stopped = false;
  const wakeUps = new Set<() => void>();
  const sleep = (ms: number): Promise<void> =>
    new Promise((res) => {
      const wake = (): void => {
        clearTimeout(timer);
        wakeUps.delete(wake);
        res();
      };
      const timer = setTimeout(wake, ms);
      wakeUps.add(wake);
    });

  async function pollLoop(): Promise<void> {
    while (!stopped) {
      let messages: Message[];
      try {
        const out = await opts.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: opts.queueUrl,
            MaxNumberOfMessages: batchSize,
            WaitTimeSeconds: waitTimeSeconds,
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
        );
        messages = out.Messages ?? [];
      } catch (err) {
        if (stopped) break;
        log('ReceiveMessage failed', err);
        await sleep(RECEIVE_ERROR_BACKOFF_MS);
        continue;
      }
      // Messages already received are processed even when stop() came meanwhile: they are in flight.
      if (messages.length > 0) await processBatch(messages);
    }
  }

  async function processBatch(messages: Message[]): Promise<void> {
    const records = messages.map((m) => toSqsRecord(m, opts.queueArn, opts.region));
    const event: SQSEvent = { Records: records };
    const settlement = await invoke(event);
    if (settlement.reason) log(settlement.reason);

    const succeeded = messages.filter((m) => m.MessageId && !settlement.failedIds.has(m.MessageId));
    const failed = messages.filter((m) => m.MessageId && settlement.failedIds.has(m.MessageId));
    await Promise.all([deleteMessages(succeeded), releaseMessages(failed)]);
  }

  async function invoke(event: SQSEvent): Promise<Settlement> {
    const allIds = new Set(event.Records.map((r) => r.messageId));
    let result: unknown;
    try {
      result = await opts.handler(event, lambdaContext(functionName, opts.region, timeoutMs));
    } catch (err) {
      return { failedIds: allIds, reason: `handler threw: whole batch of ${allIds.size} will be retried: ${describe(err)}` };
    }
    return settle(result, allIds);
  }

  async function deleteMessages(messages: Message[]): Promise<void> {
    if (messages.length === 0) return;
    try {
      const out = await opts.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: opts.queueUrl,
          Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
        }),
      );
      if (out.Failed?.length) log('DeleteMessageBatch: some entries failed', out.Failed);
    } catch (err) {
      log('DeleteMessageBatch failed: those messages will be delivered again', err);
    }
  }

  async function releaseMessages(messages: Message[]): Promise<void> {
    if (messages.length === 0) return;
    try {
      const out = await opts.sqs.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: opts.queueUrl,
          Entries: messages.map((m, i) => ({
            Id: String(i),
            ReceiptHandle: m.ReceiptHandle,
            VisibilityTimeout: retryVisibilitySeconds,
          })),
        }),
      );
      if (out.Failed?.length) log('ChangeMessageVisibilityBatch: some entries failed', out.Failed);
    } catch (err) {
      log('ChangeMessageVisibilityBatch failed: those messages come back after the queue visibility timeout', err);
    }
  }

  const loops = Array.from({ length: concurrency }, () =>
    pollLoop().catch((err: unknown) => log('poll loop crashed', err)),
  );

  let stopping: Promise<void> | undefined;
  return {
    stop(): Promise<void> {
      stopping ??= (async () => {
        stopped = true;
        for (const wake of [...wakeUps]) wake();
        await Promise.all(loops);
      })();
      return stopping;
    },
  };
}

/**
 * Applies Lambda's ReportBatchItemFailures rules to what the handler returned. Exported for tests.
 */
export function settle(result: unknown, batchIds: Set<string>): Settlement {
  const whole = (why: string): Settlement => ({
    failedIds: new Set(batchIds),
    reason: `invalid handler response (${why}): whole batch of ${batchIds.size} will be retried`,
  });
  if (result === undefined || result === null) return { failedIds: new Set() };
  if (typeof result !== 'object' || Array.isArray(result)) return whole(`not an object: ${typeof result}`);
  const failures = (result as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return { failedIds: new Set() };
  if (!Array.isArray(failures)) return whole('batchItemFailures is not an array');
  const failedIds = new Set<string>();
  for (const item of failures as unknown[]) {
    const id = typeof item === 'object' && item !== null ? (item as { itemIdentifier?: unknown }).itemIdentifier : undefined;
    if (typeof id !== 'string' || id === '') return whole('empty or missing itemIdentifier');
    if (!batchIds.has(id)) return whole(`itemIdentifier ${id} is not in the batch`);
    failedIds.add(id);
  }
  return failedIds.size > 0
    ? { failedIds, reason: `${failedIds.size} of ${batchIds.size} records failed: they will be retried` }
    : { failedIds };
}

/** The record Lambda builds from an SQS message. */
export function toSqsRecord(m: Message, queueArn: string, region: string): SQSRecord {
  const a = m.Attributes ?? {};
  const attributes: SQSRecordAttributes = {
    ApproximateReceiveCount: a.ApproximateReceiveCount ?? '1',
    SentTimestamp: a.SentTimestamp ?? String(Date.now()),
    SenderId: a.SenderId ?? '',
    ApproximateFirstReceiveTimestamp: a.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
  };
  const optional = ['AWSTraceHeader', 'SequenceNumber', 'MessageGroupId', 'MessageDeduplicationId', 'DeadLetterQueueSourceArn'] as const;
  for (const name of optional) {
    const v = a[name as keyof typeof a];
    if (v !== undefined) attributes[name] = v;
  }
  const record: SQSRecord = {
    messageId: m.MessageId ?? '',
    receiptHandle: m.ReceiptHandle ?? '',
    body: m.Body ?? '',
    attributes,
    messageAttributes: toLambdaMessageAttributes(m.MessageAttributes),
    md5OfBody: m.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
  if (m.MD5OfMessageAttributes) record.md5OfMessageAttributes = m.MD5OfMessageAttributes;
  return record;
}

/** SQS API message attributes -> Lambda's camelCase shape (binary values in base64). */
function toLambdaMessageAttributes(attrs: Record<string, MessageAttributeValue> | undefined): SQSMessageAttributes {
  const out: SQSMessageAttributes = {};
  for (const [name, v] of Object.entries(attrs ?? {})) {
    out[name] = {
      ...(v.StringValue !== undefined ? { stringValue: v.StringValue } : {}),
      ...(v.BinaryValue !== undefined ? { binaryValue: Buffer.from(v.BinaryValue).toString('base64') } : {}),
      stringListValues: v.StringListValues ?? [],
      binaryListValues: (v.BinaryListValues ?? []).map((b) => Buffer.from(b).toString('base64')),
      dataType: v.DataType ?? 'String',
    };
  }
  return out;
}

/** A minimal Lambda context for one invocation. */
function lambdaContext(functionName: string, region: string, timeoutMs: number): Context {
  const deadline = Date.now() + timeoutMs;
  const requestId = randomUUID();
  const unsupported = (what: string) => (): never => {
    throw new Error(`context.${what}() is not supported by the local queue worker: return or throw instead`);
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/${requestId}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported('done'),
    fail: unsupported('fail'),
    succeed: unsupported('succeed'),
  };
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
