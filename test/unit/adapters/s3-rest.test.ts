import { createHash } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { S3RestClient } from '../../../shared/adapters/aws/s3-rest';
import { signRequest } from '../../../shared/adapters/aws/sigv4';
import { NodeSha256 } from '../../../shared/local/services/s3-auth/common';
import { bucketClient } from '../../../shared/wiring/aws/s3';
import { type Reply, capturingRequestHandler, playServiceInSuite } from '../../support/service-double';

/*
 * The functions' own S3 client (shared/adapters/aws/s3-rest.ts): its signatures and presigned URLs
 * are the AWS SDK's for the same request, and its reading of answers, errors and retries is checked
 * against a local HTTP server playing S3. The adapters through it run against the local emulator in
 * the integration tests (kept-receipt-images, privacy, s3-gateway-auth), which checks every signature.
 */

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const WITH_TOKEN = { ...CREDENTIALS, sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE/token+with=signs' };
const KEYS = ['receipts/abc-123-def', 'kept/receipts/3f2a', 'media/shops/m-1/p 1 é+=&.jpg', 'exports/2026-12/virement (1).xml'];

/** The request the SDK's S3 client signs and would send. */
async function sdkSigned(command: GetObjectCommand | PutObjectCommand, credentials: typeof WITH_TOKEN | typeof CREDENTIALS) {
  const capture = capturingRequestHandler('');
  const client = new S3Client({ region: 'eu-west-3', credentials, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED', requestHandler: capture.handler });
  await client.send(command as never);
  client.destroy();
  return capture.last();
}

const dateOf = (amz: string) => new Date(`${amz.slice(0, 4)}-${amz.slice(4, 6)}-${amz.slice(6, 8)}T${amz.slice(9, 11)}:${amz.slice(11, 13)}:${amz.slice(13, 15)}Z`);

describe('S3 requests signed as the AWS SDK signs them', () => {
  it.each(KEYS)('GET and PUT of %s, with and without a session token', async (key) => {
    const body = Buffer.from('reçu de caisse, 12,40 €');
    for (const credentials of [CREDENTIALS, WITH_TOKEN]) {
      for (const command of [
        new GetObjectCommand({ Bucket: 'city-receipts', Key: key }),
        new PutObjectCommand({ Bucket: 'city-receipts', Key: key, Body: body, ContentType: 'image/jpeg', ServerSideEncryption: 'AES256', IfNoneMatch: '*', CacheControl: 'public, max-age=60' }),
      ]) {
        const sent = await sdkSigned(command, credentials);
        const auth = sent.headers.authorization!;
        const signed = /SignedHeaders=([^,]+)/.exec(auth)![1]!.split(';');
        const own = Object.fromEntries(signed.filter((h) => !['host', 'x-amz-date', 'x-amz-security-token'].includes(h)).map((h) => [h, sent.headers[h]!]));
        const payload = command instanceof PutObjectCommand ? body : Buffer.alloc(0);
        const ours = signRequest({ method: sent.method, host: sent.hostname, path: sent.path, query: Object.entries(sent.query ?? {}), headers: own, body: payload, payloadHash: sent.headers['x-amz-content-sha256']! }, credentials, 'eu-west-3', 's3', dateOf(sent.headers['x-amz-date']!));
        expect(ours.authorization, `${sent.method} ${key}`).toBe(auth);
        expect(sent.headers['x-amz-content-sha256']).toBe(createHash('sha256').update(payload).digest('hex'));
      }
    }
  });
});

describe('presigned URLs', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-06T09:30:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  /** The signature the SDK's presigner gives the same request, headers and expiry. */
  async function sdkSignature(url: URL, method: string, headers: Record<string, string>, credentials: typeof CREDENTIALS) {
    const presigner = new S3RequestPresigner({ credentials, region: 'eu-west-3', sha256: NodeSha256 as never });
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    const query = Object.fromEntries([...url.searchParams].filter(([k]) => !['X-Amz-Signature', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Algorithm', 'X-Amz-Security-Token'].includes(k)));
    delete query['X-Amz-Content-Sha256'];
    const presigned = await presigner.presign(
      { method, protocol: url.protocol, hostname: url.hostname, ...(url.port ? { port: Number(url.port) } : {}), path: url.pathname, query, headers: { ...lower, host: url.host } },
      { expiresIn: Number(url.searchParams.get('X-Amz-Expires')), signableHeaders: new Set(Object.keys(lower)), unhoistableHeaders: new Set(Object.keys(lower)) },
    );
    return presigned.query as Record<string, string>;
  }

  it.each(KEYS)('for %s: the SDK presigner’s parameters and signature, in AWS (virtual host) and on an emulator (path style)', async (key) => {
    for (const credentials of [CREDENTIALS, WITH_TOKEN]) {
      for (const endpoint of [undefined, 'http://127.0.0.1:4566']) {
        const client = new S3RestClient({ bucket: 'city-receipts', region: 'eu-west-3', credentials, ...(endpoint ? { endpoint } : {}) });
        const headers = { 'Content-Type': 'image/jpeg', 'Content-Length': '52345', 'If-None-Match': '*' };
        for (const [method, signed] of [['GET', {}], ['PUT', headers]] as const) {
          const url = new URL(await client.presign(method, key, 900, signed));
          const theirs = await sdkSignature(url, method, signed, credentials);
          const ours = Object.fromEntries(url.searchParams);
          expect(ours, `${method} ${key}`).toEqual(theirs);
          if (endpoint) expect(url.pathname.startsWith('/city-receipts/')).toBe(true);
          else expect(url.host).toBe('city-receipts.s3.eu-west-3.amazonaws.com');
        }
      }
    }
  });

  it('write-once uploads: the declared type, length and If-None-Match are signed, sent as headers, and no checksum of an empty body is in the URL', async () => {
    const client = bucketClient({ receiptsBucket: 'city-receipts' }, { AWS_REGION: 'eu-west-3', AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'not-a-secret' });
    const url = new URL(await client.presign('PUT', 'receipts/abc-123-def', 900, { 'Content-Type': 'image/jpeg', 'Content-Length': '52345', 'If-None-Match': '*' }));
    expect(url.origin).toBe('https://city-receipts.s3.eu-west-3.amazonaws.com');
    expect(url.pathname).toBe('/receipts/abc-123-def');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host;if-none-match');
    expect([...url.searchParams.keys()].some((k) => k.toLowerCase().includes('none-match') || k.toLowerCase().startsWith('x-amz-checksum'))).toBe(false);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('X-Amz-Date')).toBe('20261206T093000Z');
  });

  it('a bucket name with dots is addressed path-style (a virtual host would not match the certificate)', async () => {
    const client = new S3RestClient({ bucket: 'recus.ville.fr', region: 'eu-west-3', credentials: CREDENTIALS });
    const url = new URL(await client.presign('GET', 'receipts/x', 60));
    expect(`${url.host}${url.pathname}`).toBe('s3.eu-west-3.amazonaws.com/recus.ville.fr/receipts/x');
  });

  it('names what is missing when the environment has no region or credentials', async () => {
    await expect(bucketClient({ receiptsBucket: 'b' }, {}).presign('GET', 'k', 60)).rejects.toThrow(/AWS_REGION is not set: the S3 client/);
    await expect(bucketClient({ receiptsBucket: 'b' }, { AWS_REGION: 'eu-west-3' }).getObject('k')).rejects.toThrow(/AWS_ACCESS_KEY_ID .* the S3 client cannot sign/);
  });
});

// ------------------------------------------------------------------ against a server playing S3

const xmlError = (status: number, code: string, message = `${code} happened`): Reply => (_req, res) => {
  res.writeHead(status, { 'content-type': 'application/xml', 'x-amz-request-id': 'REQ1' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>REQ1</RequestId></Error>`);
};
const ok = (body: Buffer | string = '', headers: Record<string, string> = {}): Reply => (_req, res) => {
  res.writeHead(200, headers);
  res.end(body);
};

const s3 = playServiceInSuite(xmlError(500, 'InternalError'));

const client = (over: Partial<ConstructorParameters<typeof S3RestClient>[0]> = {}) => new S3RestClient({ bucket: 'city-receipts', endpoint: s3.endpoint, region: 'eu-west-3', credentials: CREDENTIALS, ...over });

describe('S3RestClient', () => {
  it('reads an object’s bytes and type, path-style, signed with the payload’s hash', async () => {
    s3.replies.push(ok(Buffer.from([0xff, 0xd8, 0xff, 1, 2]), { 'content-type': 'image/jpeg' }));
    expect(await client().getObject('media/shops/m 1/é.jpg')).toEqual({ bytes: new Uint8Array([0xff, 0xd8, 0xff, 1, 2]), contentType: 'image/jpeg' });
    expect(s3.seen[0]).toMatchObject({ method: 'GET', url: '/city-receipts/media/shops/m%201/%C3%A9.jpg' });
    expect(s3.seen[0]!.headers['x-amz-content-sha256']).toBe(createHash('sha256').update('').digest('hex'));
    expect(s3.seen[0]!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-3\/s3\/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/);
  });

  it('answers undefined for a key that is not there, and throws other refusals at once, named by their Code', async () => {
    s3.replies.push(xmlError(404, 'NoSuchKey'), xmlError(403, 'AccessDenied', 'Access &amp; more denied'));
    expect(await client().getObject('receipts/none')).toBeUndefined();
    await expect(client().getObject('receipts/secret')).rejects.toMatchObject({ name: 'AccessDenied', message: 'Access & more denied', $metadata: { httpStatusCode: 403, requestId: 'REQ1', attempts: 1 } });
    expect(s3.seen).toHaveLength(2);
  });

  it('writes with the type, cache policy, encryption and create-only condition as signed headers', async () => {
    s3.replies.push(ok());
    const body = Buffer.from('bytes of a receipt');
    await client().putObject('kept/receipts/r1', body, { contentType: 'image/png', cacheControl: 'no-store', encrypted: true, ifNoneMatch: true });
    expect(s3.seen[0]!.method).toBe('PUT');
    expect(s3.seen[0]!.url).toBe('/city-receipts/kept/receipts/r1');
    expect(s3.seen[0]!.body.equals(body)).toBe(true);
    expect(s3.seen[0]!.headers).toMatchObject({
      'content-type': 'image/png',
      'cache-control': 'no-store',
      'x-amz-server-side-encryption': 'AES256',
      'if-none-match': '*',
      'content-length': String(body.length),
      'x-amz-content-sha256': createHash('sha256').update(body).digest('hex'),
    });
    expect(s3.seen[0]!.headers.authorization).toContain('SignedHeaders=cache-control;content-type;host;if-none-match;x-amz-content-sha256;x-amz-date;x-amz-server-side-encryption,');
  });

  it('gives a refused condition as the SDK names it, without retrying', async () => {
    s3.replies.push(xmlError(412, 'PreconditionFailed'), xmlError(409, 'ConditionalRequestConflict'));
    await expect(client().putObject('k', 'x', { ifNoneMatch: true })).rejects.toMatchObject({ name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } });
    await expect(client().putObject('k', 'x', { ifNoneMatch: true })).rejects.toMatchObject({ name: 'ConditionalRequestConflict', $metadata: { httpStatusCode: 409 } });
    expect(s3.seen).toHaveLength(2);
  });

  it('retries SlowDown, server errors and broken connections, up to its attempts', async () => {
    s3.replies.push(xmlError(503, 'SlowDown'), (_req, res) => res.socket?.destroy(), ok('done'));
    expect(Buffer.from((await client().getObject('k'))!.bytes).toString()).toBe('done');
    expect(s3.seen).toHaveLength(3);
    s3.seen = [];
    s3.replies.push(xmlError(500, 'InternalError'), xmlError(500, 'InternalError'), xmlError(500, 'InternalError'), ok());
    await expect(client().deleteObject('k')).rejects.toMatchObject({ name: 'InternalError', $metadata: { attempts: 3 } });
    expect(s3.seen).toHaveLength(3);
    expect(s3.seen[0]!.method).toBe('DELETE');
  });

  it('names an error without a body by its status', async () => {
    s3.replies.push((_req, res) => {
      res.writeHead(412);
      res.end();
    });
    await expect(client().putObject('k', 'x', { ifNoneMatch: true })).rejects.toMatchObject({ name: 'PreconditionFailed' });
  });

  it('abandons an attempt that gets no answer in time', async () => {
    s3.replies.push(() => {}, () => {});
    await expect(client({ timeoutMs: 100, maxAttempts: 2 }).getObject('k')).rejects.toThrow(/s3 did not answer GetObject within 100 ms/);
    expect(s3.seen).toHaveLength(2);
  });
});
