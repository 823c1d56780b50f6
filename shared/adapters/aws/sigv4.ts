import { createHash, createHmac } from 'node:crypto';

/**
 * AWS Signature Version 4 for a request whose body is in memory (the JSON protocols: DynamoDB,
 * SQS, Textract; S3's REST requests) and for presigned S3 URLs. The functions sign their own calls
 * rather than load the AWS SDK for them: each of its clients takes 100 ms or more to import, most
 * of a cold start (npm run bench:cold). Credentials come from the Lambda environment (AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), which the runtime sets for the container's life.
 *
 * The algorithm as AWS documents it ("Create a signed AWS API request"): a canonical request
 * (method, path, query, the signed headers in lower case, sorted, and the payload's SHA-256),
 * a string to sign over its hash and the credential scope, and an HMAC chain from the secret key
 * through date, region, service and "aws4_request". test/unit/adapters/sigv4.test.ts checks the
 * result against the SDK's own signer on the same requests.
 */

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SignableRequest {
  method: string;
  /** host[:port], as sent in the Host header. */
  host: string;
  /** The path, already URI-encoded as sent ('/' for the JSON protocols). */
  path: string;
  /** The query's parameters, not encoded. */
  query?: ReadonlyArray<readonly [string, string]>;
  /** Header names in any case; Host, X-Amz-Date and X-Amz-Security-Token are added. */
  headers: Record<string, string>;
  body: string | Uint8Array;
  /** Signed instead of the body's SHA-256 (S3 sends it as X-Amz-Content-Sha256, e.g. UNSIGNED-PAYLOAD). */
  payloadHash?: string;
}

export const sha256Hex = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** 20261205T101500Z: the X-Amz-Date form of a moment. */
export function amzDate(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** The signing keys of a day, region and service: the same for every request of that day, so kept. */
const keyCache = new Map<string, Buffer>();
function signingKey(secret: string, day: string, region: string, service: string): Buffer {
  const id = `${day}/${region}/${service}/${sha256Hex(secret)}`;
  let key = keyCache.get(id);
  if (!key) {
    key = hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), service), 'aws4_request');
    if (keyCache.size > 8) keyCache.clear();
    keyCache.set(id, key);
  }
  return key;
}

/**
 * RFC 3986 percent-encoding as SigV4 wants it: everything but letters, digits and `-._~` (and `/`
 * when `keepSlash`, for an S3 key in a path).
 */
export function uriEncode(text: string, keepSlash = false): string {
  const encoded = encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return keepSlash ? encoded.replace(/%2F/g, '/') : encoded;
}

/** Parameters encoded, then sorted by name and value. */
function canonicalQuery(query: ReadonlyArray<readonly [string, string]>): string {
  return query
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/** Header names lower-cased, values trimmed with inner runs of spaces made one. */
function canonicalHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value.trim().replace(/\s+/g, ' ');
  return out;
}

/** The signature of a canonical request, and its credential scope. */
function sign(parts: { method: string; path: string; query: string; headers: Record<string, string>; payloadHash: string }, credentials: AwsCredentials, region: string, service: string, date: string) {
  const day = date.slice(0, 8);
  const names = Object.keys(parts.headers).sort();
  const signedHeaders = names.join(';');
  const canonical = [parts.method, parts.path, parts.query, ...names.map((n) => `${n}:${parts.headers[n]}`), '', signedHeaders, parts.payloadHash].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', date, scope, sha256Hex(canonical)].join('\n');
  const signature = createHmac('sha256', signingKey(credentials.secretAccessKey, day, region, service)).update(toSign, 'utf8').digest('hex');
  return { signature, scope, signedHeaders };
}

/** The headers to send: the request's own, with Host, X-Amz-Date, the session token and Authorization. */
export function signRequest(request: SignableRequest, credentials: AwsCredentials, region: string, service: string, at = new Date()): Record<string, string> {
  const date = amzDate(at);
  const headers = canonicalHeaders(request.headers);
  headers.host = request.host;
  headers['x-amz-date'] = date;
  if (credentials.sessionToken) headers['x-amz-security-token'] = credentials.sessionToken;
  const payloadHash = request.payloadHash ?? sha256Hex(request.body);
  const { signature, scope, signedHeaders } = sign({ method: request.method, path: request.path, query: canonicalQuery(request.query ?? []), headers, payloadHash }, credentials, region, service, date);
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return headers;
}

export interface PresignableRequest {
  method: string;
  host: string;
  /** URI-encoded, as it will be sent. */
  path: string;
  /** Headers the holder of the URL must send with these values (S3 refuses the request otherwise). */
  signedHeaders?: Record<string, string>;
  expiresInSeconds: number;
}

/**
 * The query string of a presigned S3 URL (query-string authentication), as the SDK's presigner
 * writes it: the payload is UNSIGNED-PAYLOAD (the body is not known when signing) and said so in
 * X-Amz-Content-Sha256; the session token is in the query, signed.
 */
export function presignQuery(request: PresignableRequest, credentials: AwsCredentials, region: string, service: string, at = new Date()): string {
  const date = amzDate(at);
  const headers = canonicalHeaders(request.signedHeaders ?? {});
  headers.host = request.host;
  const names = Object.keys(headers).sort();
  const query: Array<[string, string]> = [
    ['X-Amz-Algorithm', 'AWS4-HMAC-SHA256'],
    ['X-Amz-Content-Sha256', 'UNSIGNED-PAYLOAD'],
    ['X-Amz-Credential', `${credentials.accessKeyId}/${date.slice(0, 8)}/${region}/${service}/aws4_request`],
    ['X-Amz-Date', date],
    ['X-Amz-Expires', String(request.expiresInSeconds)],
    ...(credentials.sessionToken ? [['X-Amz-Security-Token', credentials.sessionToken] as [string, string]] : []),
    ['X-Amz-SignedHeaders', names.join(';')],
  ];
  const unsigned = canonicalQuery(query);
  const { signature } = sign({ method: request.method, path: request.path, query: unsigned, headers, payloadHash: 'UNSIGNED-PAYLOAD' }, credentials, region, service, date);
  return `${unsigned}&X-Amz-Signature=${signature}`;
}

/** The function's credentials, from the environment the Lambda runtime (or the local stack) sets. */
export function credentialsFromEnvironment(env: NodeJS.ProcessEnv = process.env): AwsCredentials | undefined {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) return undefined;
  return { accessKeyId, secretAccessKey, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) };
}
