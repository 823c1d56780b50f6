/** The SigV4 pieces shared by the local S3 gateway's checks: canonical forms, hashes, dates, errors. */
import { createHash, createHmac, type Hash, type Hmac, timingSafeEqual } from 'node:crypto';

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

/** What S3 answers when a signature does not match. */
export const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your key and signing method.';

export interface StaticCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export function malformed(why: string): S3RequestError {
  return new S3RequestError(400, 'AuthorizationHeaderMalformed', `The authorization header is malformed; ${why}.`);
}

export function firstHeader(v: string | string[] | undefined): string | undefined {
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
export function canonicalPath(rawPath: string, s3: boolean): string {
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
export function canonicalQuery(query: Array<[string, string]>): string {
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
export class NodeSha256 {
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

export function parseAmzDate(s: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, se] = m.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, se));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function splitHost(host: string): { hostname: string; port?: number } {
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host);
  if (!m) return { hostname: host };
  return m[2] !== undefined ? { hostname: m[1] ?? host, port: Number(m[2]) } : { hostname: m[1] ?? host };
}

export function constantTimeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

export function iso(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', "'": 'apos', '"': 'quot' }[c]};`);
}
