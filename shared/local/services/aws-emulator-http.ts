/**
 * The local AWS emulator's gateway, the small parts: which service a request is for, S3 routes and
 * event records, CORS for the local web apps, error answers in S3's XML and SQS's JSON.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { S3RequestError } from './s3-auth';

/** Who a request is for, by fauxqs's routing: SQS (JSON protocol), SNS/STS (query protocol), else S3. */
export type RequestService = 's3' | 'sqs' | 'query';

/** Hop-by-hop headers: not forwarded by the gateway in either direction. */
export const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'upgrade', 'expect', 'te', 'trailer']);

export type CreationEvent = 'ObjectCreated:Put' | 'ObjectCreated:Copy' | 'ObjectCreated:CompleteMultipartUpload';

export interface S3Route {
  bucket: string;
  /** Decoded object key ('' for bucket-level requests). */
  key: string;
}


/** Path-style S3 route: `/bucket` or `/bucket/key...`; undefined for `/` (SQS, ListBuckets). */
export function parseS3Route(rawPath: string): S3Route | undefined {
  const m = /^\/([^/]+)(?:\/(.*))?$/.exec(rawPath);
  if (!m || !m[1]) return undefined;
  try {
    return { bucket: decodeURIComponent(m[1]), key: decodeURIComponent(m[2] ?? '') };
  } catch {
    return undefined;
  }
}

/** Query parameters that only carry authentication or SDK hints, not a sub-resource. */
export function isAuthOrHintParam(name: string): boolean {
  return name.toLowerCase().startsWith('x-amz-') || name === 'x-id';
}

/** Which ObjectCreated event a successful request produces, if any. */
export function creationEvent(
  method: string,
  route: S3Route,
  query: Array<[string, string]>,
  headers: IncomingMessage['headers'],
): CreationEvent | undefined {
  if (!route.key) return undefined;
  const subresources = query.filter(([k]) => !isAuthOrHintParam(k)).map(([k]) => k);
  if (method === 'PUT' && subresources.length === 0) {
    return headers['x-amz-copy-source'] ? 'ObjectCreated:Copy' : 'ObjectCreated:Put';
  }
  if (method === 'POST' && subresources.length === 1 && subresources[0] === 'uploadId') {
    return 'ObjectCreated:CompleteMultipartUpload';
  }
  return undefined;
}

/**
 * Encodes an object key as S3 does in event notifications: form-URL-encoding (space as `+`,
 * UTF-8 percent-escapes) but with `/` kept. Decode with `decodeURIComponent(key.replace(/\+/g, ' '))`.
 */
export function encodeS3EventKey(key: string): string {
  let out = '';
  for (const byte of Buffer.from(key, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.*/]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Which fauxqs service a request is for, as fauxqs routes it (SQS and SNS/STS: `POST /` by content type). */
/** Web pages of the local stack (any port of this machine) may upload to the emulator from the browser. */
export const LOCAL_ORIGIN = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/;

/**
 * The bucket's CORS rule, as a city's bucket has one for its web app's origin: S3 requests from a
 * page of this machine get `Access-Control-Allow-Origin` (and `ETag` exposed); their preflight
 * (OPTIONS, which carries no signature) is answered here. True when the request was answered.
 */
export function answerCors(req: IncomingMessage, res: ServerResponse): boolean {
  const origin = headerValue(req.headers.origin);
  if (!origin || !LOCAL_ORIGIN.test(origin) || serviceOf(req) !== 's3') return false;
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('vary', 'Origin');
  res.setHeader('access-control-expose-headers', 'ETag');
  const wanted = headerValue(req.headers['access-control-request-method']);
  if ((req.method ?? '').toUpperCase() !== 'OPTIONS' || !wanted) return false;
  if (!['GET', 'HEAD', 'PUT'].includes(wanted.toUpperCase())) {
    res.writeHead(403, { 'content-length': '0' });
    res.end();
    return true;
  }
  res.writeHead(200, {
    'access-control-allow-methods': 'GET, HEAD, PUT',
    'access-control-allow-headers': headerValue(req.headers['access-control-request-headers']) ?? '',
    'access-control-max-age': '600',
    'content-length': '0',
  });
  res.end();
  return true;
}

export function serviceOf(req: IncomingMessage): RequestService {
  const path = (req.url ?? '/').split('?')[0];
  if ((req.method ?? '').toUpperCase() === 'POST' && path === '/') {
    const contentType = headerValue(req.headers['content-type']) ?? '';
    if (contentType.includes('application/x-amz-json-1.0')) return 'sqs';
    if (contentType.includes('application/x-www-form-urlencoded')) return 'query';
  }
  return 's3';
}

/** Reads a body of at most `limit` bytes; beyond, stops reading and fails with a 413 (answered, then the connection closes). */
export function readSmallBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.off('end', onEnd);
      req.pause();
      reject(new S3RequestError(413, 'RequestEntityTooLarge', `The request body exceeds ${limit} bytes.`));
    };
    const onEnd = () => resolve(Buffer.concat(chunks));
    req.on('data', onData);
    req.on('end', onEnd);
    req.once('error', reject);
  });
}

/** SQS's names for the authentication errors (its JSON protocol), by S3 code. */
export const SQS_AUTH_ERRORS: Record<string, string> = {
  AccessDenied: 'MissingAuthenticationToken',
  InvalidAccessKeyId: 'InvalidClientTokenId',
  SignatureDoesNotMatch: 'SignatureDoesNotMatch',
  RequestTimeTooSkewed: 'RequestExpired',
  AuthorizationHeaderMalformed: 'IncompleteSignature',
  InvalidRequest: 'IncompleteSignature',
  InvalidArgument: 'IncompleteSignature',
  RequestEntityTooLarge: 'RequestEntityTooLarge',
};

/** An error in the protocol of the request: S3's XML, or SQS's JSON (`__type`, as its SDK client reads it). */
export function sendError(res: ServerResponse, err: S3RequestError, service: RequestService): void {
  if (service !== 'sqs') return sendS3Error(res, err);
  const code = SQS_AUTH_ERRORS[err.code] ?? err.code;
  const body = JSON.stringify({ __type: `com.amazon.coral.service#${code}`, message: err.message });
  res.writeHead(err.status, {
    'content-type': 'application/x-amz-json-1.0',
    'content-length': Buffer.byteLength(body),
    'x-amzn-query-error': `${code};Sender`,
    'x-amzn-requestid': randomId(),
  });
  res.end(body);
}

export function unquote(etag: string): string {
  return etag.trim().replace(/^W\//, '').replace(/"/g, '');
}

export function sendS3Error(res: ServerResponse, err: S3RequestError): void {
  const requestId = randomId();
  const body = err.toXml(requestId);
  res.writeHead(err.status, {
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(body),
    'x-amz-request-id': requestId,
  });
  res.end(body);
}

export function clientIp(req: IncomingMessage): string {
  return (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
}

export function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

export function randomId(): string {
  return randomBytes(8).toString('hex').toUpperCase();
}
