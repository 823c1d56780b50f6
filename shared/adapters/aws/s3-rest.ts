import { type AwsCredentials, presignQuery, sha256Hex, signRequest, uriEncode } from './sigv4';
import { AwsServiceError, type RawAnswer, type Transport, exchange, header, openTransport, retrying } from './transport';

/**
 * The four things the functions ask of the receipts bucket: read an object, write one (optionally
 * only if absent), delete one, and sign a link for a browser to read or write one. The adapters
 * (s3-images.ts, s3-documents.ts, s3-media.ts) depend on this, not on a client.
 */
export interface BucketClient {
  /** The object's bytes and type, or undefined when there is no such key. */
  getObject(key: string): Promise<{ bytes: Uint8Array; contentType?: string } | undefined>;
  /** Throws an AwsServiceError named as the SDK names it: PreconditionFailed (412) when `ifNoneMatch` and the key exists, ConditionalRequestConflict (409)... */
  putObject(key: string, body: string | Uint8Array, options?: PutOptions): Promise<void>;
  /** S3 answers a delete of nothing with success. */
  deleteObject(key: string): Promise<void>;
  /** A URL that lets its holder GET or PUT the key until it expires, with `headers` sent as signed. */
  presign(method: 'GET' | 'PUT', key: string, expiresInSeconds: number, headers?: Record<string, string>): Promise<string>;
}

export interface PutOptions {
  contentType?: string;
  cacheControl?: string;
  /** Server-side encryption with S3's keys (SSE-S3, AES256). */
  encrypted?: boolean;
  /** Create only: If-None-Match: *. */
  ifNoneMatch?: boolean;
}

export interface S3RestOptions {
  bucket: string;
  region: string | (() => string);
  credentials: AwsCredentials | (() => AwsCredentials);
  /** A local emulator's URL (path-style addressing); the bucket's virtual host in AWS otherwise. */
  endpoint?: string;
  maxAttempts?: number;
  timeoutMs?: number;
}

/**
 * S3's REST protocol for those four operations, signed with Signature Version 4 by the functions
 * themselves: the SDK's S3 client and presigner took about 110 ms to import, most of the ocr and
 * photos functions' cold start and once per container of the API's (npm run bench:cold). Retries as
 * the SDK's standard mode (./transport.ts): 3 attempts for SlowDown, 5xx and lost answers; other
 * errors come back at once, named by the answer's XML `Code` as the SDK names them (NoSuchKey,
 * PreconditionFailed, AccessDenied). test/unit/adapters/s3-rest.test.ts checks the requests and
 * links against the SDK's signer and presigner, and the integration tests run it against the local
 * emulator, which checks every signature.
 */
export class S3RestClient implements BucketClient {
  private base: { url: URL; region: string; virtualHost: boolean } | undefined;
  private transport: Promise<Transport> | undefined;
  private readonly maxAttempts: number;
  private readonly timeoutMs: number;

  constructor(private readonly options: S3RestOptions) {
    if (options.endpoint && !/^https?:\/\//.test(options.endpoint)) throw new Error(`S3 endpoint: ${options.endpoint} is not http(s)`);
    this.maxAttempts = options.maxAttempts ?? 3;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  async getObject(key: string): Promise<{ bytes: Uint8Array; contentType?: string } | undefined> {
    try {
      const answer = await this.send('GET', key, 'GetObject', {});
      const contentType = header(answer, 'content-type');
      const bytes = new Uint8Array(answer.body.buffer, answer.body.byteOffset, answer.body.byteLength);
      return contentType ? { bytes, contentType } : { bytes };
    } catch (err) {
      if (err instanceof AwsServiceError && err.name === 'NoSuchKey') return undefined;
      throw err;
    }
  }

  async putObject(key: string, body: string | Uint8Array, options: PutOptions = {}): Promise<void> {
    const headers: Record<string, string> = {};
    if (options.contentType) headers['content-type'] = options.contentType;
    if (options.cacheControl) headers['cache-control'] = options.cacheControl;
    if (options.encrypted) headers['x-amz-server-side-encryption'] = 'AES256';
    if (options.ifNoneMatch) headers['if-none-match'] = '*';
    await this.send('PUT', key, 'PutObject', headers, typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
  }

  async deleteObject(key: string): Promise<void> {
    await this.send('DELETE', key, 'DeleteObject', {});
  }

  async presign(method: 'GET' | 'PUT', key: string, expiresInSeconds: number, headers: Record<string, string> = {}): Promise<string> {
    const base = this.resolve();
    const { url, region, credentials } = base;
    const path = this.pathOf(key, base);
    const query = presignQuery({ method, host: url.host, path, signedHeaders: headers, expiresInSeconds }, credentials, region, 's3');
    return `${url.protocol}//${url.host}${path}?${query}`;
  }

  /** Closes the kept-alive connections. */
  destroy(): void {
    void this.transport?.then((t) => t.agent.destroy());
  }

  /** Region, credentials and address, read at the first call (a missing one is a configuration error, thrown). */
  private resolve() {
    if (!this.base) {
      const region = typeof this.options.region === 'function' ? this.options.region() : this.options.region;
      // Virtual-hosted in AWS, as the SDK addresses a bucket; a name with dots would not match the
      // certificate there, so it goes path-style, as the SDK does too.
      const virtualHost = !this.options.endpoint && !this.options.bucket.includes('.');
      const url = new URL(this.options.endpoint ?? (virtualHost ? `https://${this.options.bucket}.s3.${region}.amazonaws.com` : `https://s3.${region}.amazonaws.com`));
      this.base = { url, region, virtualHost };
    }
    // Read at every request, as cheap as the JSON clients' (./json-protocol.ts).
    const credentials = typeof this.options.credentials === 'function' ? this.options.credentials() : this.options.credentials;
    return { ...this.base, credentials };
  }

  /** The path as sent and signed: each segment of the key encoded once, '/' kept. */
  private pathOf(key: string, { url, virtualHost }: { url: URL; virtualHost: boolean }): string {
    const bucket = virtualHost ? '' : `/${uriEncode(this.options.bucket)}`;
    return `${url.pathname.replace(/\/$/, '')}${bucket}/${uriEncode(key, true)}`;
  }

  private async send(method: string, key: string, operation: string, headers: Record<string, string>, body?: Uint8Array): Promise<RawAnswer> {
    const base = this.resolve();
    const { url, region, credentials } = base;
    const transport = await (this.transport ??= openTransport(url));
    const path = this.pathOf(key, base);
    const payload = body ?? new Uint8Array(0);
    const payloadHash = sha256Hex(payload);
    const outcome = await retrying(this.maxAttempts, async (attempts) => {
      // Signed again at each attempt: X-Amz-Date moves on.
      const signed = signRequest(
        { method, host: url.host, path, headers: { ...headers, 'x-amz-content-sha256': payloadHash }, body: payload, payloadHash },
        credentials,
        region,
        's3',
      );
      if (body) signed['content-length'] = String(body.byteLength);
      const answer = await exchange(transport, url, { method, path, headers: signed, ...(body ? { body } : {}), timeoutMs: this.timeoutMs, what: ['s3', operation] });
      return answer.status >= 200 && answer.status < 300 ? answer : errorOf(answer, attempts);
    });
    if ('error' in outcome) throw outcome.error;
    return outcome.value;
  }
}

/** S3's XML error (`<Error><Code>NoSuchKey</Code><Message>…`), or a name from the status when there is no body (HEAD, some 5xx). */
function errorOf(answer: RawAnswer, attempts: number): AwsServiceError {
  const xml = answer.body.toString('utf8');
  const field = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
  const byStatus: Record<number, string> = { 404: 'NotFound', 412: 'PreconditionFailed', 409: 'ConditionalRequestConflict', 403: 'Forbidden', 503: 'SlowDown' };
  const name = field('Code') ?? byStatus[answer.status] ?? (answer.status >= 500 ? 'InternalError' : 'UnknownError');
  const requestId = field('RequestId') ?? header(answer, 'x-amz-request-id');
  return new AwsServiceError(name, unescapeXml(field('Message') ?? name), answer.status, {}, requestId, attempts);
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!);
}
