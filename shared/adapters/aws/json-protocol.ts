import { type AwsCredentials, signRequest } from './sigv4';
import { AwsServiceError, type Json, type RawAnswer, type Transport, exchange, header, openTransport, retrying } from './transport';

export { AwsServiceError, type Json } from './transport';

/**
 * One AWS service spoken in its JSON protocol (AWS JSON 1.0: DynamoDB, SQS; 1.1: Textract): a POST
 * to `/` with the operation in X-Amz-Target, signed with Signature Version 4, over kept-alive
 * connections. What the SDK did for these calls, no more:
 *
 * - retries as the SDK's standard mode: at most 3 attempts, exponential backoff with full jitter
 *   (./transport.ts), for throttling errors, 5xx answers, answers whose CRC32 header does not
 *   match, and requests that got no answer (broken connection, timeout); every other error is
 *   returned at once;
 * - errors named as the SDK names them (the part of `__type` after '#'), with the answer's fields.
 */

export interface AwsJsonServiceOptions {
  /** The signing name: 'dynamodb', 'sqs', 'textract'. */
  service: string;
  /** X-Amz-Target is `${targetPrefix}.${operation}`. */
  targetPrefix: string;
  /** '1.0' (DynamoDB, SQS) unless given: Textract speaks 1.1. */
  jsonVersion?: '1.0' | '1.1';
  /** A function when known only at the first call (read from the environment then, as the SDK does). */
  region: string | (() => string);
  credentials: AwsCredentials | (() => AwsCredentials);
  /** A local emulator's URL; the service's regional endpoint otherwise. */
  endpoint?: string;
  maxAttempts?: number;
  /** Milliseconds without an answer before the attempt is abandoned (and retried). */
  timeoutMs?: number;
}

/** What a client of one JSON service is given: where it runs and how it signs, the service being its own. */
export type AwsJsonClientOptions = Omit<AwsJsonServiceOptions, 'service' | 'targetPrefix' | 'jsonVersion'>;

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

export interface CallResult {
  body?: Json;
  error?: unknown;
  attempts: number;
}

export class AwsJsonService {
  private url: URL | undefined;
  private region: string | undefined;
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
    const outcome = await retrying(this.maxAttempts, async (attempts) => this.parse(await this.post(transport, credentials, operation, body), attempts));
    return 'value' in outcome ? { body: outcome.value, attempts: outcome.attempts } : outcome;
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
    return (this.transport ??= openTransport(this.url));
  }

  private async parse(answer: RawAnswer, attempts: number): Promise<Json | AwsServiceError> {
    const requestId = header(answer, 'x-amzn-requestid');
    const crc = header(answer, 'x-amz-crc32');
    if (crc !== undefined) {
      const sum = await checksum(answer.body);
      if (sum !== undefined && String(sum) !== crc) {
        return new AwsServiceError('CorruptedAnswer', `The answer does not match its CRC32 (${crc})`, 500, {}, requestId, attempts);
      }
    }
    let body: Json;
    try {
      body = answer.body.length === 0 ? {} : (JSON.parse(answer.body.toString('utf8')) as Json);
    } catch {
      const status = answer.status >= 400 ? answer.status : 500;
      return new AwsServiceError(status >= 500 ? 'InternalServerError' : 'UnparsableAnswer', `${this.options.service} answered ${answer.status} with a body that is not JSON`, status, {}, requestId, attempts);
    }
    if (answer.status >= 200 && answer.status < 300) return body;
    const type = typeof body.__type === 'string' ? body.__type : '';
    const name = type.slice(type.lastIndexOf('#') + 1) || (answer.status >= 500 ? 'InternalServerError' : 'UnknownError');
    const fields: Json = { ...body };
    delete fields.__type;
    delete fields.message;
    delete fields.Message;
    return new AwsServiceError(name, String(body.message ?? body.Message ?? name), answer.status, fields, requestId, attempts);
  }

  private post(transport: Transport, credentials: AwsCredentials, operation: string, body: string): Promise<RawAnswer> {
    const url = this.url!;
    const headers = signRequest(
      { method: 'POST', host: url.host, path: '/', headers: { 'content-type': `application/x-amz-json-${this.options.jsonVersion ?? '1.0'}`, 'x-amz-target': `${this.options.targetPrefix}.${operation}` }, body },
      credentials,
      this.region!,
      this.options.service,
    );
    headers['content-length'] = String(Buffer.byteLength(body));
    return exchange(transport, url, { method: 'POST', path: '/', headers, body, timeoutMs: this.timeoutMs, what: [this.options.service, operation] });
  }
}
