import { createHash, createHmac } from 'node:crypto';

/**
 * AWS Signature Version 4 for a request whose body is in memory (the JSON protocols: DynamoDB,
 * SQS). The functions sign their own DynamoDB calls rather than load the AWS SDK for them: the
 * SDK's DynamoDB client alone takes about 110 ms to import, most of a cold start (npm run
 * bench:cold). Credentials come from the Lambda environment (AWS_ACCESS_KEY_ID,
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
  /** Header names in any case; Host, X-Amz-Date and X-Amz-Security-Token are added. */
  headers: Record<string, string>;
  body: string;
}

const sha256Hex = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
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

/** The headers to send: the request's own, with Host, X-Amz-Date, the session token and Authorization. */
export function signRequest(request: SignableRequest, credentials: AwsCredentials, region: string, service: string, at = new Date()): Record<string, string> {
  const date = amzDate(at);
  const day = date.slice(0, 8);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value.trim().replace(/\s+/g, ' ');
  headers.host = request.host;
  headers['x-amz-date'] = date;
  if (credentials.sessionToken) headers['x-amz-security-token'] = credentials.sessionToken;
  const names = Object.keys(headers).sort();
  const signedHeaders = names.join(';');
  const canonical = [request.method, request.path, '', ...names.map((n) => `${n}:${headers[n]}`), '', signedHeaders, sha256Hex(request.body)].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', date, scope, sha256Hex(canonical)].join('\n');
  const signature = createHmac('sha256', signingKey(credentials.secretAccessKey, day, region, service)).update(toSign, 'utf8').digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return headers;
}

/** The function's credentials, from the environment the Lambda runtime (or the local stack) sets. */
export function credentialsFromEnvironment(env: NodeJS.ProcessEnv = process.env): AwsCredentials | undefined {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) return undefined;
  return { accessKeyId, secretAccessKey, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) };
}
