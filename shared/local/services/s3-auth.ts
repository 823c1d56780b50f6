/**
 * What the local S3 gateway checks on top of fauxqs (which checks no signature at all), so that an
 * upload that would fail on AWS also fails locally, and so that no request reaches the emulator
 * without the stack's own credentials (the gateway refuses unsigned requests with 403):
 *
 * - `HeaderSignatureVerifier`: SigV4 in the Authorization header, as the SDK clients sign every
 *   request (S3, SQS): scope, request time within 15 minutes, signature over the canonical request.
 * - `verifyPresignedRequest`: SigV4 query-string authentication ("presigned URLs"), as S3 does it:
 *   algorithm, credential scope (access key, date, region, service), expiry, the presence of every
 *   signed header, then the signature, recomputed with the emulator's credentials by the SDK's own
 *   `S3RequestPresigner` over the same method, host, path, query, signed headers, date and expiry.
 *   A presigned PUT therefore pins the `Content-Type` and `Content-Length` it was signed with.
 *   In a presigned request, an `x-amz-*` header that was not signed is refused, as S3 does.
 * - `BodyVerifier`: the body really has `Content-Length` bytes, and matches the
 *   `x-amz-checksum-crc32|sha1|sha256` and hex `x-amz-content-sha256` headers it was sent with.
 *   It holds back the last chunk until the end of the body has been checked, so a bad body never
 *   reaches fauxqs complete (the gateway aborts the upstream request instead).
 *   Checksums in the query string of a presigned URL are not checked: the JS SDK (>= 3.729, with
 *   the default `requestChecksumCalculation`) puts the CRC32 of an empty body there
 *   (`x-amz-checksum-crc32=AAAAAA==`), and S3 ignores it for presigned uploads (as LocalStack
 *   found when matching AWS; reports disagree, so the API should presign with
 *   `requestChecksumCalculation: 'WHEN_REQUIRED'` to keep such parameters out of its URLs).
 */
import { createHash, createHmac, type Hash, type Hmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';
import { crc32 } from 'node:zlib';
import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner';

/** An S3-style error answer (XML body `<Error><Code>…`). */
export class S3RequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra elements of the XML error, in order (e.g. `X-Amz-Expires`, `ServerTime`). */
    readonly details: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'S3RequestError';
  }

  toXml(requestId: string): string {
    const extra = Object.entries(this.details)
      .map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`)
      .join('');
    return (
      `<?xml version="1.0" encoding="UTF-8"?>\n` +
      `<Error><Code>${escapeXml(this.code)}</Code><Message>${escapeXml(this.message)}</Message>` +
      `${extra}<RequestId>${requestId}</RequestId><HostId>cabas-local</HostId></Error>`
    );
  }
}

export interface StaticCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** The pieces of the incoming request that the signature covers. */
export interface PresignedRequestInput {
  method: string;
  /** Raw path as received (still percent-encoded), without the query. */
  path: string;
  /** Decoded query parameters, in order, duplicates kept. */
  query: Array<[string, string]>;
  headers: IncomingHttpHeaders;
  now?: Date;
}

/** Seven days: the longest validity S3 accepts for a presigned URL. */
const MAX_EXPIRES_SECONDS = 604_800;
/** How far in the future X-Amz-Date may be (clock skew) before S3 refuses the request. */
const MAX_FUTURE_SKEW_MS = 15 * 60 * 1000;

const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your key and signing method.';

/** Checks a SigV4 presigned (query-authenticated) S3 request; throws S3RequestError when S3 would refuse it. */
export class PresignedUrlVerifier {
  private readonly presigner: S3RequestPresigner;

  constructor(
    private readonly credentials: StaticCredentials,
    private readonly region: string,
  ) {
    this.presigner = new S3RequestPresigner({
      credentials,
      region,
      sha256: NodeSha256 as unknown as ConstructorParameters<typeof S3RequestPresigner>[0]['sha256'],
    });
  }

  async verify(input: PresignedRequestInput): Promise<void> {
    const params = new Map<string, string>();
    for (const [k, v] of input.query) if (!params.has(k)) params.set(k, v);
    const algorithm = params.get('X-Amz-Algorithm');
    const credential = params.get('X-Amz-Credential');
    const amzDate = params.get('X-Amz-Date');
    const expires = params.get('X-Amz-Expires');
    const signedHeaders = params.get('X-Amz-SignedHeaders');
    const signature = params.get('X-Amz-Signature');
    if (!algorithm || !credential || !amzDate || !expires || !signedHeaders || !signature) {
      throw new S3RequestError(
        400,
        'AuthorizationQueryParametersError',
        'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
      );
    }
    if (algorithm !== 'AWS4-HMAC-SHA256') {
      throw new S3RequestError(
        400,
        'AuthorizationQueryParametersError',
        'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"',
      );
    }
    const [accessKeyId, scopeDate, scopeRegion, scopeService, scopeTerminator, ...rest] = credential.split('/');
    if (accessKeyId !== this.credentials.accessKeyId) {
      throw new S3RequestError(
        403,
        'InvalidAccessKeyId',
        'The AWS Access Key Id you provided does not exist in our records.',
        { AWSAccessKeyId: accessKeyId ?? '' },
      );
    }
    if (scopeTerminator !== 'aws4_request' || scopeService !== 's3' || rest.length > 0 || !scopeDate) {
      throw new S3RequestError(
        400,
        'AuthorizationQueryParametersError',
        `Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".`,
      );
    }
    if (scopeRegion !== this.region) {
      throw new S3RequestError(
        400,
        'AuthorizationQueryParametersError',
        `Error parsing the X-Amz-Credential parameter; the region '${scopeRegion}' is wrong; expecting '${this.region}'`,
        { Region: this.region },
      );
    }
    const signingDate = parseAmzDate(amzDate);
    if (!signingDate || scopeDate !== amzDate.slice(0, 8)) {
      throw new S3RequestError(
        400,
        'AuthorizationQueryParametersError',
        `X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'" and match the credential scope date`,
      );
    }
    const expiresIn = /^\d+$/.test(expires) ? Number(expires) : NaN;
    if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > MAX_EXPIRES_SECONDS) {
      throw new S3RequestError(
        400,
        'AuthorizationQueryParametersError',
        `X-Amz-Expires must be between 1 and ${MAX_EXPIRES_SECONDS} seconds`,
      );
    }
    const now = input.now ?? new Date();
    const expiresAt = new Date(signingDate.getTime() + expiresIn * 1000);
    if (now.getTime() > expiresAt.getTime()) {
      throw new S3RequestError(403, 'AccessDenied', 'Request has expired', {
        'X-Amz-Expires': expires,
        Expires: iso(expiresAt),
        ServerTime: iso(now),
      });
    }
    if (signingDate.getTime() - now.getTime() > MAX_FUTURE_SKEW_MS) {
      throw new S3RequestError(403, 'AccessDenied', 'Request is not valid yet', {
        'X-Amz-Date': amzDate,
        ServerTime: iso(now),
      });
    }

    // Every signed header must be there (its value is part of the signature), and every x-amz-*
    // header must have been signed.
    const names = signedHeaders.split(';');
    const notSigned = Object.keys(input.headers).filter((h) => h.startsWith('x-amz-') && !names.includes(h));
    if (notSigned.length > 0) {
      throw new S3RequestError(403, 'AccessDenied', 'There were headers present in the request which were not signed', {
        HeadersNotSigned: notSigned.join(', '),
      });
    }
    if (!names.includes('host')) {
      throw new S3RequestError(
        400,
        'AuthorizationQueryParametersError',
        'Query-string authentication requires the host header to be signed.',
      );
    }
    const headers: Record<string, string> = {};
    for (const name of names) {
      const value = input.headers[name];
      if (value === undefined || name !== name.toLowerCase()) {
        throw new S3RequestError(403, 'SignatureDoesNotMatch', SIGNATURE_MISMATCH, {
          AWSAccessKeyId: accessKeyId,
          SignatureProvided: signature,
          MissingSignedHeader: name,
        });
      }
      headers[name] = Array.isArray(value) ? value.join(',') : value;
    }
    const host = headers['host'] ?? '';
    const { hostname, port } = splitHost(host);

    const query: Record<string, string | string[]> = {};
    for (const [k, v] of input.query) {
      if (k === 'X-Amz-Signature') continue;
      const prev = query[k];
      query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }

    const signed = new Set(names);
    // The presigner adds `X-Amz-Content-Sha256: UNSIGNED-PAYLOAD` and hoists it into the query, as
    // the JS SDK's URLs have it; other clients (e.g. boto3) leave it out: then keep it a header,
    // unsigned, so that it only sets the payload hash (UNSIGNED-PAYLOAD, as S3 assumes).
    const contentShaInQuery = input.query.some(([k]) => k.toLowerCase() === 'x-amz-content-sha256');
    const keepAsHeader = new Set(signed);
    const unsignable = new Set<string>();
    if (!contentShaInQuery) {
      keepAsHeader.add('x-amz-content-sha256');
      unsignable.add('x-amz-content-sha256');
    }
    const presigned = await this.presigner.presign(
      {
        method: input.method.toUpperCase(),
        protocol: 'http:',
        hostname,
        ...(port !== undefined ? { port } : {}),
        path: input.path,
        query,
        headers,
      },
      {
        signingDate,
        expiresIn,
        signingRegion: this.region,
        signingService: 's3',
        // Sign exactly the headers the client signed, and keep them all as headers.
        signableHeaders: signed,
        unhoistableHeaders: keepAsHeader,
        unsignableHeaders: unsignable,
      },
    );
    const expected = presigned.query?.['X-Amz-Signature'];
    const expectedHeaders = presigned.query?.['X-Amz-SignedHeaders'];
    if (
      typeof expected !== 'string' ||
      expectedHeaders !== signedHeaders ||
      !constantTimeEqual(expected, signature)
    ) {
      throw new S3RequestError(403, 'SignatureDoesNotMatch', SIGNATURE_MISMATCH, {
        AWSAccessKeyId: accessKeyId,
        SignatureProvided: signature,
      });
    }
  }
}

/** A request signed with an `Authorization: AWS4-HMAC-SHA256 ...` header, as the SDK clients sign. */
export interface HeaderSignedRequestInput {
  method: string;
  /** Raw path as received (still percent-encoded), without the query. */
  path: string;
  /** Decoded query parameters, in order, duplicates kept. */
  query: Array<[string, string]>;
  headers: IncomingHttpHeaders;
  /**
   * The payload hash the signature covers: the `x-amz-content-sha256` header when the client sent
   * one (S3 always), else the hex SHA-256 of the body.
   */
  payloadHash: string;
  now?: Date;
}

/** How far X-Amz-Date may be from the server's clock, either way, for a header-signed request. */
const MAX_HEADER_SKEW_MS = 15 * 60 * 1000;

/**
 * Checks a request signed with SigV4 in the Authorization header (what every AWS SDK client
 * sends): the credential scope (access key, date, region, service), the request time within 15
 * minutes of the server's clock, then the signature, recomputed with the emulator's secret over
 * the canonical request (method, path, query, the signed headers, payload hash). For S3, every
 * `x-amz-*` header sent, `x-amz-content-sha256` included, must be among the signed ones. Throws
 * S3RequestError with the code S3 would answer.
 *
 * Not checked: the per-chunk signatures of `STREAMING-AWS4-HMAC-SHA256-PAYLOAD` bodies (only the
 * seed signature, over the headers): the SDK clients of the stack do not send such bodies.
 */
export class HeaderSignatureVerifier {
  constructor(
    private readonly credentials: StaticCredentials,
    private readonly region: string,
  ) {}

  /** `services`: the signing names accepted for this request (e.g. `['s3']`). Returns the one used. */
  verify(input: HeaderSignedRequestInput, services: readonly string[]): string {
    const authorization = firstHeader(input.headers.authorization) ?? '';
    const space = authorization.indexOf(' ');
    const algorithm = space === -1 ? authorization : authorization.slice(0, space);
    if (algorithm !== 'AWS4-HMAC-SHA256') {
      throw new S3RequestError(
        400,
        'InvalidRequest',
        'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.',
      );
    }
    const fields = new Map<string, string>();
    for (const part of authorization.slice(space + 1).split(',')) {
      const eq = part.indexOf('=');
      if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
    }
    const credential = fields.get('Credential');
    const signedHeaders = fields.get('SignedHeaders');
    const signature = fields.get('Signature');
    if (!credential || !signedHeaders || !signature) {
      throw malformed('the Credential, SignedHeaders and Signature fields are all required');
    }
    const [accessKeyId, scopeDate, scopeRegion, scopeService, scopeTerminator, ...rest] = credential.split('/');
    if (accessKeyId !== this.credentials.accessKeyId) {
      throw new S3RequestError(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', {
        AWSAccessKeyId: accessKeyId ?? '',
      });
    }
    if (!scopeDate || !scopeService || scopeTerminator !== 'aws4_request' || rest.length > 0) {
      throw malformed('the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request"');
    }
    if (scopeRegion !== this.region) {
      throw new S3RequestError(400, 'AuthorizationHeaderMalformed', `The authorization header is malformed; the region '${scopeRegion}' is wrong; expecting '${this.region}'`, {
        Region: this.region,
      });
    }
    if (!services.includes(scopeService)) {
      throw malformed(`the service '${scopeService}' is wrong; expecting '${services.join("' or '")}'`);
    }
    const amzDate = firstHeader(input.headers['x-amz-date']);
    const signingDate = amzDate ? parseAmzDate(amzDate) : undefined;
    if (!amzDate || !signingDate) {
      throw new S3RequestError(403, 'AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header');
    }
    if (scopeDate !== amzDate.slice(0, 8)) {
      throw malformed(`the date '${scopeDate}' of the Credential does not match x-amz-date`);
    }
    const now = input.now ?? new Date();
    if (Math.abs(now.getTime() - signingDate.getTime()) > MAX_HEADER_SKEW_MS) {
      throw new S3RequestError(403, 'RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.', {
        RequestTime: amzDate,
        ServerTime: iso(now),
        MaxAllowedSkewMilliseconds: String(MAX_HEADER_SKEW_MS),
      });
    }
    const names = signedHeaders.split(';');
    const mismatch = (extra: Record<string, string> = {}) =>
      new S3RequestError(403, 'SignatureDoesNotMatch', SIGNATURE_MISMATCH, { AWSAccessKeyId: accessKeyId, SignatureProvided: signature, ...extra });
    if (!names.includes('host') || !names.includes('x-amz-date')) throw mismatch({ SignedHeaders: signedHeaders });
    if (scopeService === 's3') {
      // S3: every x-amz-* header sent must be signed (so none can be added to a captured request),
      // the payload hash included.
      const notSigned = Object.keys(input.headers).filter((h) => h.startsWith('x-amz-') && !names.includes(h));
      if (notSigned.length > 0 || !names.includes('x-amz-content-sha256')) {
        throw new S3RequestError(403, 'AccessDenied', 'There were headers present in the request which were not signed', {
          HeadersNotSigned: notSigned.length > 0 ? notSigned.join(', ') : 'x-amz-content-sha256',
        });
      }
    }
    const canonicalHeaders: string[] = [];
    for (const name of names) {
      const value = input.headers[name];
      if (value === undefined || name !== name.toLowerCase()) throw mismatch({ MissingSignedHeader: name });
      canonicalHeaders.push(`${name}:${(Array.isArray(value) ? value.join(',') : value).replace(/[ \t]+/g, ' ').trim()}`);
    }
    const canonicalRequest = [
      input.method.toUpperCase(),
      canonicalPath(input.path, scopeService === 's3'),
      canonicalQuery(input.query),
      `${canonicalHeaders.join('\n')}\n`,
      signedHeaders,
      input.payloadHash,
    ].join('\n');
    const scope = `${scopeDate}/${scopeRegion}/${scopeService}/aws4_request`;
    const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n');
    let key: Buffer = Buffer.from(`AWS4${this.credentials.secretAccessKey}`, 'utf8');
    for (const part of [scopeDate, scopeRegion, scopeService, 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
    const expected = createHmac('sha256', key).update(stringToSign).digest('hex');
    if (!constantTimeEqual(expected, signature)) throw mismatch();
    return scopeService;
  }
}

function malformed(why: string): S3RequestError {
  return new S3RequestError(400, 'AuthorizationHeaderMalformed', `The authorization header is malformed; ${why}.`);
}

function firstHeader(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** RFC 3986 percent-encoding, as SigV4 wants it (encodeURIComponent leaves !'()* alone). */
function sigV4Escape(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * SigV4 canonical URI. S3 signs the path as sent (encoded once); other services sign it with dot
 * segments and empty segments removed, then encoded a second time.
 */
function canonicalPath(rawPath: string, s3: boolean): string {
  if (s3) return rawPath;
  const segments: string[] = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && rawPath.endsWith('/') ? '/' : '';
  const normalised = `${rawPath.startsWith('/') ? '/' : ''}${segments.join('/')}${trailing}`;
  return sigV4Escape(normalised).replace(/%2F/g, '/');
}

/** SigV4 canonical query string: encoded names sorted, values sorted within a name. */
function canonicalQuery(query: Array<[string, string]>): string {
  const byName = new Map<string, string[]>();
  for (const [k, v] of query) {
    const name = sigV4Escape(k);
    const values = byName.get(name) ?? [];
    values.push(`${name}=${sigV4Escape(v)}`);
    byName.set(name, values);
  }
  return [...byName.keys()]
    .sort()
    .map((name) => (byName.get(name) ?? []).sort().join('&'))
    .join('&');
}

/** One expected digest of the body. */
interface DigestCheck {
  /** Error code and message when it does not match. */
  code: string;
  message: string;
  expected: string;
  update(chunk: Buffer): void;
  actual(): string;
}

/**
 * Pass-through stream that checks the body's length and digests, holding back the last chunk until
 * the checks pass (so the receiver never gets a complete bad body). Fails with S3RequestError.
 */
export class BodyVerifier extends Transform {
  private held: Buffer | undefined;
  private received = 0;
  /** The check that failed, once one has: set before the stream errors. */
  failure: S3RequestError | undefined;

  private constructor(
    private readonly expectedLength: number | undefined,
    private readonly checks: DigestCheck[],
  ) {
    super();
  }

  /**
   * Builds the verifier for a request body, from its headers and query; undefined when there is
   * nothing to check. Bodies in `aws-chunked` encoding are only length-checked by the HTTP layer.
   */
  static forRequest(headers: IncomingHttpHeaders): BodyVerifier | undefined {
    const header = (name: string): string | undefined => {
      const v = headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const lengthHeader = header('content-length');
    const expectedLength = lengthHeader !== undefined && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : undefined;
    const checks: DigestCheck[] = [];
    if (!(header('content-encoding') ?? '').includes('aws-chunked')) {
      const crc = header('x-amz-checksum-crc32');
      if (crc !== undefined) checks.push(crc32Check(crc));
      const sha1 = header('x-amz-checksum-sha1');
      if (sha1 !== undefined) checks.push(hashCheck('sha1', 'SHA1', sha1));
      const sha256 = header('x-amz-checksum-sha256');
      if (sha256 !== undefined) checks.push(hashCheck('sha256', 'SHA256', sha256));
      const contentSha = header('x-amz-content-sha256');
      if (contentSha !== undefined && /^[0-9a-f]{64}$/i.test(contentSha)) checks.push(contentSha256Check(contentSha));
    }
    if (expectedLength === undefined && checks.length === 0) return undefined;
    return new BodyVerifier(expectedLength, checks);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.received += chunk.length;
    for (const c of this.checks) c.update(chunk);
    if (this.held) this.push(this.held);
    this.held = chunk;
    callback();
  }

  override _flush(callback: TransformCallback): void {
    if (this.expectedLength !== undefined && this.received !== this.expectedLength) {
      this.failure = new S3RequestError(
        400,
        'IncompleteBody',
        'You did not provide the number of bytes specified by the Content-Length HTTP header',
        { NumberBytesExpected: String(this.expectedLength), NumberBytesProvided: String(this.received) },
      );
      callback(this.failure);
      return;
    }
    for (const c of this.checks) {
      if (c.actual() !== c.expected) {
        this.failure = new S3RequestError(400, c.code, c.message);
        callback(this.failure);
        return;
      }
    }
    if (this.held) this.push(this.held);
    callback();
  }
}

function crc32Check(expected: string): DigestCheck {
  let value = 0;
  return {
    code: 'BadDigest',
    message: 'The CRC32 you specified did not match the calculated checksum.',
    expected,
    update: (chunk) => {
      value = crc32(chunk, value);
    },
    actual: () => {
      const b = Buffer.alloc(4);
      b.writeUInt32BE(value >>> 0);
      return b.toString('base64');
    },
  };
}

function hashCheck(algorithm: 'sha1' | 'sha256', label: string, expected: string): DigestCheck {
  const hash = createHash(algorithm);
  return {
    code: 'BadDigest',
    message: `The ${label} you specified did not match the calculated checksum.`,
    expected,
    update: (chunk) => hash.update(chunk),
    actual: () => hash.digest('base64'),
  };
}

function contentSha256Check(expected: string): DigestCheck {
  const hash = createHash('sha256');
  return {
    code: 'XAmzContentSHA256Mismatch',
    message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
    expected: expected.toLowerCase(),
    update: (chunk) => hash.update(chunk),
    actual: () => hash.digest('hex'),
  };
}

/**
 * Parses the raw query string (`a=1&b=%2F&flag`) into decoded pairs, in order. `+` stays `+`
 * (the SDK encodes spaces as %20), as SigV4 canonicalisation expects.
 */
export function parseRawQuery(rawQuery: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  if (!rawQuery) return pairs;
  for (const part of rawQuery.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const k = eq === -1 ? part : part.slice(0, eq);
    const v = eq === -1 ? '' : part.slice(eq + 1);
    pairs.push([safeDecode(k), safeDecode(v)]);
  }
  return pairs;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** SHA-256 hash / HMAC for the SDK signer, on node:crypto (the SDK's Checksum interface). */
class NodeSha256 {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = NodeSha256.create(secret);
  }
  private static create(secret?: string | ArrayBuffer | ArrayBufferView): Hash | Hmac {
    return secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(toBuffer(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
  reset(): void {
    this.hash = NodeSha256.create(this.secret);
  }
}

function toBuffer(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

function parseAmzDate(s: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, se] = m.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, se));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function splitHost(host: string): { hostname: string; port?: number } {
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host);
  if (!m) return { hostname: host };
  return m[2] !== undefined ? { hostname: m[1] ?? host, port: Number(m[2]) } : { hostname: m[1] ?? host };
}

function constantTimeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

function iso(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', "'": 'apos', '"': 'quot' }[c]};`);
}
