import type { Agent as HttpAgent, IncomingHttpHeaders, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/**
 * What the functions' own AWS clients share (the JSON protocol of DynamoDB, SQS and Textract in
 * ./json-protocol.ts, S3's REST protocol in ./s3-rest.ts): kept-alive connections, one exchange of
 * a request for its answer, the SDK's names for errors and its standard retry policy.
 */

/** Error names the SDK's standard mode retries as throttling. */
const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'TransactionInProgressException',
  'LimitExceededException',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ProvisionedThroughputExceeded',
]);

const BASE_DELAY_MS = 100;
const MAX_DELAY_MS = 20_000;

/** The SDK's standard backoff before attempt `attempts + 1`: full jitter, exponential from 100 ms, capped at 20 s. */
function retryDelay(attempts: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempts - 1))));
}

export type Json = Record<string, unknown>;

/** An error the service answered, named as the SDK names it, with the answer's other fields. */
export class AwsServiceError extends Error {
  readonly $fault: 'client' | 'server';
  readonly $metadata: { httpStatusCode: number; requestId?: string; attempts: number };
  [field: string]: unknown;
  constructor(name: string, message: string, status: number, fields: Json, requestId: string | undefined, attempts: number) {
    super(message);
    Object.assign(this, fields);
    this.name = name;
    this.$fault = status >= 500 ? 'server' : 'client';
    this.$metadata = { httpStatusCode: status, ...(requestId ? { requestId } : {}), attempts };
  }
}

/** Worth another attempt under the SDK's standard mode: throttling or a server fault. */
function isRetryable(err: AwsServiceError): boolean {
  return THROTTLING.has(err.name) || err.$fault === 'server';
}

/**
 * The SDK's standard retry loop, for every client here: `once` makes attempt number `attempts`
 * and gives the answer's value or the service's error. Throttling and server errors are tried
 * again, after `retryDelay`, up to `maxAttempts`; so is an attempt that got no answer (it threw: a
 * broken connection, a timeout), which the service may or may not have applied, as the SDK
 * retries these too (the adapters' conditions make their writes safe to repeat). Any other error
 * comes back at once.
 */
export async function retrying<T>(maxAttempts: number, once: (attempts: number) => Promise<T | AwsServiceError>): Promise<{ value: T; attempts: number } | { error: Error; attempts: number }> {
  for (let attempts = 1; ; attempts++) {
    let error: Error;
    let retryable: boolean;
    try {
      const outcome = await once(attempts);
      if (!(outcome instanceof AwsServiceError)) return { value: outcome, attempts };
      error = outcome;
      retryable = isRetryable(outcome);
    } catch (err) {
      error = err instanceof Error ? err : new Error(String(err));
      retryable = true;
    }
    if (!retryable || attempts >= maxAttempts) return { error, attempts };
    await retryDelay(attempts);
  }
}

export interface Transport {
  agent: HttpAgent | HttpsAgent;
  request: typeof httpRequest;
}

/**
 * Kept-alive connections to `url`'s scheme: HTTPS in AWS; plain HTTP only for a local emulator,
 * whose module is loaded then (node:http costs ~50 ms to import, node:https ~15).
 */
export function openTransport(url: URL): Promise<Transport> {
  return url.protocol === 'https:'
    ? Promise.resolve({ agent: new HttpsAgent({ keepAlive: true, maxSockets: 50 }), request: httpsRequest as typeof httpRequest })
    : import('node:http').then((http) => ({ agent: new http.Agent({ keepAlive: true, maxSockets: 50 }), request: http.request }));
}

export interface Exchange {
  method: string;
  /** Path and query, as sent. */
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  timeoutMs: number;
  /** The service and operation, named in the timeout's message: ['dynamodb', 'PutItem']. */
  what: [service: string, operation: string];
}

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Sends one request and reads its whole answer; rejects when no answer came (broken connection, timeout). */
export function exchange({ agent, request }: Transport, url: URL, sent: Exchange): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { protocol: url.protocol, hostname: url.hostname, port: url.port || undefined, path: sent.path, method: sent.method, headers: sent.headers, agent, timeout: sent.timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${sent.what[0]} did not answer ${sent.what[1]} within ${sent.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(sent.body);
  });
}

/** The value of a single-valued answer header. */
export function header(answer: RawAnswer, name: string): string | undefined {
  const value = answer.headers[name];
  return typeof value === 'string' ? value : undefined;
}
