import type { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { type AwsCredentials, signRequest } from './sigv4';

/**
 * One AWS service spoken in its JSON protocol (AWS JSON 1.0: DynamoDB, SQS): a POST to `/` with the
 * operation in X-Amz-Target, signed with Signature Version 4, over kept-alive connections. What the
 * SDK did for these calls, no more:
 *
 * - retries as the SDK's standard mode: at most 3 attempts, exponential backoff with full jitter
 *   (base 100 ms, capped at 20 s), for throttling errors, 5xx answers, answers whose CRC32 header
 *   does not match, and requests that got no answer (broken connection, timeout); every other error
 *   is returned at once;
 * - errors named as the SDK names them (the part of `__type` after '#'), with the answer's fields.
 */

export interface AwsJsonServiceOptions {
  /** The signing name: 'dynamodb', 'sqs'. */
  service: string;
  /** X-Amz-Target is `${targetPrefix}.${operation}`. */
  targetPrefix: string;
  /** A function when known only at the first call (read from the environment then, as the SDK does). */
  region: string | (() => string);
  credentials: AwsCredentials | (() => AwsCredentials);
  /** A local emulator's URL; the service's regional endpoint otherwise. */
  endpoint?: string;
  maxAttempts?: number;
  /** Milliseconds without an answer before the attempt is abandoned (and retried). */
  timeoutMs?: number;
}

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
]);
const BASE_DELAY_MS = 100;
const MAX_DELAY_MS = 20_000;

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

interface RawAnswer {
  status: number;
  body: Buffer;
  requestId?: string;
  crc32?: string;
}

/** zlib.crc32 where this Node has it (22.2+; the runtime's 24 does), loaded on the first answer. */
let crc32: ((data: Uint8Array) => number) | undefined;
let crcLoaded = false;
async function checksum(data: Uint8Array): Promise<number | undefined> {
  if (!crcLoaded) {
    crcLoaded = true;
    crc32 = ((await import('node:zlib')) as { crc32?: (data: Uint8Array) => number }).crc32;
  }
  return crc32?.(data);
}

interface Transport {
  agent: HttpAgent | HttpsAgent;
  request: typeof httpRequest;
}

export interface CallResult {
  body?: Json;
  error?: unknown;
  attempts: number;
}

export class AwsJsonService {
  private url: URL | undefined;
  private region: string | undefined;
  /** HTTPS in AWS; plain HTTP only for a local emulator, whose module is loaded then (node:http costs ~50 ms to import, node:https ~15). */
  private transport: Promise<Transport> | undefined;
  private readonly maxAttempts: number;
  private readonly timeoutMs: number;

  constructor(private readonly options: AwsJsonServiceOptions) {
    if (options.endpoint && !/^https?:\/\//.test(options.endpoint)) throw new Error(`${options.service} endpoint: ${options.endpoint} is not http(s)`);
    this.maxAttempts = options.maxAttempts ?? 3;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** Calls the operation: the answer's body, or the service's error after the attempts (thrown only for a missing region or credentials). */
  async call(operation: string, request: Json): Promise<CallResult> {
    const body = JSON.stringify(request);
    // A missing region or credentials is a configuration error: thrown, not retried.
    const transport = await this.connect();
    const credentials = typeof this.options.credentials === 'function' ? this.options.credentials() : this.options.credentials;
    for (let attempts = 1; ; attempts++) {
      let outcome: Json | AwsServiceError | Error;
      let retryable: boolean;
      try {
        const answer = await this.post(transport, credentials, operation, body);
        outcome = await this.parse(answer, attempts);
        retryable = outcome instanceof AwsServiceError && (THROTTLING.has(outcome.name) || outcome.$fault === 'server');
      } catch (err) {
        // No answer: the request may or may not have been applied, as with the SDK, which retries
        // these too; the adapters' conditions make their writes safe to repeat.
        outcome = err instanceof Error ? err : new Error(String(err));
        retryable = true;
      }
      if (!(outcome instanceof Error)) return { body: outcome, attempts };
      if (!retryable || attempts >= this.maxAttempts) return { error: outcome, attempts };
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempts - 1))));
    }
  }

  /** Closes the kept-alive connections. */
  destroy(): void {
    void this.transport?.then((t) => t.agent.destroy());
  }

  private connect(): Promise<Transport> {
    if (!this.url) {
      this.region = typeof this.options.region === 'function' ? this.options.region() : this.options.region;
      this.url = new URL(this.options.endpoint ?? `https://${this.options.service}.${this.region}.amazonaws.com/`);
    }
    return (this.transport ??=
      this.url.protocol === 'https:'
        ? Promise.resolve({ agent: new HttpsAgent({ keepAlive: true, maxSockets: 50 }), request: httpsRequest as typeof httpRequest })
        : import('node:http').then((http) => ({ agent: new http.Agent({ keepAlive: true, maxSockets: 50 }), request: http.request })));
  }

  private async parse(answer: RawAnswer, attempts: number): Promise<Json | AwsServiceError> {
    if (answer.crc32 !== undefined) {
      const sum = await checksum(answer.body);
      if (sum !== undefined && String(sum) !== answer.crc32) {
        return new AwsServiceError('CorruptedAnswer', `The answer does not match its CRC32 (${answer.crc32})`, 500, {}, answer.requestId, attempts);
      }
    }
    let body: Json;
    try {
      body = answer.body.length === 0 ? {} : (JSON.parse(answer.body.toString('utf8')) as Json);
    } catch {
      const status = answer.status >= 400 ? answer.status : 500;
      return new AwsServiceError(status >= 500 ? 'InternalServerError' : 'UnparsableAnswer', `${this.options.service} answered ${answer.status} with a body that is not JSON`, status, {}, answer.requestId, attempts);
    }
    if (answer.status >= 200 && answer.status < 300) return body;
    const type = typeof body.__type === 'string' ? body.__type : '';
    const name = type.slice(type.lastIndexOf('#') + 1) || (answer.status >= 500 ? 'InternalServerError' : 'UnknownError');
    const fields: Json = { ...body };
    delete fields.__type;
    delete fields.message;
    delete fields.Message;
    return new AwsServiceError(name, String(body.message ?? body.Message ?? name), answer.status, fields, answer.requestId, attempts);
  }

  private post({ agent, request }: Transport, credentials: AwsCredentials, operation: string, body: string): Promise<RawAnswer> {
    const url = this.url!;
    const headers = signRequest(
      { method: 'POST', host: url.host, path: '/', headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `${this.options.targetPrefix}.${operation}` }, body },
      credentials,
      this.region!,
      this.options.service,
    );
    headers['content-length'] = String(Buffer.byteLength(body));
    return new Promise((resolve, reject) => {
      const req = request(
        { protocol: url.protocol, hostname: url.hostname, port: url.port || undefined, path: '/', method: 'POST', headers, agent, timeout: this.timeoutMs },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const crc = res.headers['x-amz-crc32'];
            const id = res.headers['x-amzn-requestid'];
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), ...(typeof id === 'string' ? { requestId: id } : {}), ...(typeof crc === 'string' ? { crc32: crc } : {}) });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${this.options.service} did not answer ${operation} within ${this.timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  }
}
