/**
 * The local S3/SQS gateway lets through only what AWS would: requests presigned (query SigV4) or
 * signed in the Authorization header (SigV4) with the stack's own credentials. And it keeps S3's
 * conditional writes, which the kept receipt images rely on.
 */
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient, SQSServiceException } from '@aws-sdk/client-sqs';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AwsEmulatorOptions, type RunningEmulator, startAwsEmulator } from '../../../shared/local/services/aws-emulator';

const BUCKET = 'photos';
const CONFIG: AwsEmulatorOptions = {
  queues: [{ name: 'events' }, { name: 'work' }],
  buckets: [{ name: BUCKET, notifications: [{ prefix: 'receipts/', queueName: 'events' }] }],
};

type Credentials = { accessKeyId: string; secretAccessKey: string };

let emu: RunningEmulator;
let s3: S3Client;
let sqs: SQSClient;
const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(3_000, 9)]);
const otherKey = 'receipts/someone-elses-photo';

function s3Client(credentials: Credentials = emu.credentials, extra: Partial<ConstructorParameters<typeof S3Client>[0]> = {}) {
  return new S3Client({
    endpoint: emu.endpoint,
    region: emu.region,
    credentials,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...extra,
  });
}

function sqsClient(credentials: Credentials = emu.credentials, extra: Partial<ConstructorParameters<typeof SQSClient>[0]> = {}) {
  return new SQSClient({ endpoint: emu.endpoint, region: emu.region, credentials, ...extra });
}

/** Changes each request after the SDK signed it (a man in the middle, or a forged request). */
function afterSigning(client: S3Client | SQSClient, change: (request: { headers: Record<string, string>; body?: unknown }) => void) {
  type Next = (args: { request: unknown }) => Promise<unknown>;
  const stack = client.middlewareStack as unknown as {
    addRelativeTo(mw: (next: Next) => Next, options: { relation: 'after'; toMiddleware: string; name: string }): void;
  };
  stack.addRelativeTo(
    (next) => async (args) => {
      change(args.request as { headers: Record<string, string>; body?: unknown });
      return next(args);
    },
    { relation: 'after', toMiddleware: 'httpSigningMiddleware', name: 'tamperAfterSigning' },
  );
}

async function exists(key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    return true;
  } catch (err) {
    if (err instanceof NotFound || err instanceof NoSuchKey) return false;
    throw err;
  }
}

async function drain(queue: string): Promise<string[]> {
  const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: emu.queueUrl(queue), MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
  for (const m of out.Messages ?? []) await sqs.send(new DeleteMessageCommand({ QueueUrl: emu.queueUrl(queue), ReceiptHandle: m.ReceiptHandle }));
  return (out.Messages ?? []).map((m) => m.Body ?? '');
}

async function expectS3Refusal(res: Response, status: number, code: string): Promise<string> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/xml');
  expect(text).toContain(`<Code>${code}</Code>`);
  return text;
}

/** The error an SDK call fails with (its name and HTTP status). */
async function failure(p: Promise<unknown>): Promise<{ name: string; status: number | undefined }> {
  try {
    await p;
  } catch (err) {
    const e = err as S3ServiceException | SQSServiceException;
    return { name: e.name, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('the call succeeded');
}

beforeAll(async () => {
  emu = await startAwsEmulator(CONFIG);
  s3 = s3Client();
  sqs = sqsClient();
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: otherKey, Body: photo, ContentType: 'image/jpeg' }));
});

afterAll(async () => {
  s3?.destroy();
  sqs?.destroy();
  await emu?.stop();
});

afterEach(async () => {
  await drain('events');
});

describe('requests without a valid signature are refused', () => {
  it("refuses an unsigned GET of a resident's photo (403 AccessDenied, not the photo)", async () => {
    const res = await fetch(`${emu.endpoint}/${BUCKET}/${otherKey}`);
    const text = await expectS3Refusal(res, 403, 'AccessDenied');
    expect(text).not.toContain(photo.subarray(0, 4).toString('latin1'));
    expect((await fetch(`${emu.endpoint}/${BUCKET}/${otherKey}`, { method: 'HEAD' })).status).toBe(403);
  });

  it('refuses an unsigned listing of the bucket and of the buckets', async () => {
    await expectS3Refusal(await fetch(`${emu.endpoint}/${BUCKET}?list-type=2`), 403, 'AccessDenied');
    await expectS3Refusal(await fetch(`${emu.endpoint}/`), 403, 'AccessDenied');
  });

  it('refuses an unsigned PUT: nothing stored, nothing overwritten, no event', async () => {
    const key = 'receipts/unsigned-put';
    await expectS3Refusal(await fetch(`${emu.endpoint}/${BUCKET}/${key}`, { method: 'PUT', body: photo, headers: { 'content-type': 'image/jpeg' } }), 403, 'AccessDenied');
    await expectS3Refusal(
      await fetch(`${emu.endpoint}/${BUCKET}/${otherKey}`, { method: 'PUT', body: Buffer.from('replaced'), headers: { 'content-type': 'image/jpeg' } }),
      403,
      'AccessDenied',
    );
    expect(await exists(key)).toBe(false);
    const kept = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: otherKey }));
    expect(Buffer.from(await kept.Body!.transformToByteArray()).equals(photo)).toBe(true);
    expect(await drain('events')).toEqual([]);
  });

  it('refuses an unsigned DELETE', async () => {
    await expectS3Refusal(await fetch(`${emu.endpoint}/${BUCKET}/${otherKey}`, { method: 'DELETE' }), 403, 'AccessDenied');
    expect(await exists(otherKey)).toBe(true);
  });

  it('refuses a presigned PUT whose signature was removed, or whose whole query authentication was', async () => {
    const key = 'receipts/stripped';
    const signed = new URL(
      await getSignedUrl(s3, new PutObjectCommand({ Bucket: BUCKET, Key: key, ContentType: 'image/jpeg', ContentLength: photo.length }), {
        expiresIn: 300,
        signableHeaders: new Set(['content-type']),
      }),
    );
    const withoutSignature = new URL(signed);
    withoutSignature.searchParams.delete('X-Amz-Signature');
    // As S3: incomplete query authentication is a 400 AuthorizationQueryParametersError.
    await expectS3Refusal(await fetch(withoutSignature, { method: 'PUT', body: photo, headers: { 'content-type': 'image/jpeg' } }), 400, 'AuthorizationQueryParametersError');
    const bare = `${signed.origin}${signed.pathname}`;
    await expectS3Refusal(await fetch(bare, { method: 'PUT', body: photo, headers: { 'content-type': 'image/jpeg' } }), 403, 'AccessDenied');
    expect(await exists(key)).toBe(false);
  });

  it('refuses a tampered presigned GET, an expired one, and one signed with other credentials', async () => {
    const url = new URL(await getSignedUrl(s3, new GetObjectCommand({ Bucket: BUCKET, Key: otherKey }), { expiresIn: 60 }));
    const sig = url.searchParams.get('X-Amz-Signature') ?? '';
    url.searchParams.set('X-Amz-Signature', `${sig.slice(0, -1)}${sig.endsWith('0') ? '1' : '0'}`);
    await expectS3Refusal(await fetch(url), 403, 'SignatureDoesNotMatch');

    const expired = await getSignedUrl(s3, new GetObjectCommand({ Bucket: BUCKET, Key: otherKey }), {
      expiresIn: 60,
      signingDate: new Date(Date.now() - 120_000),
    });
    expect(await expectS3Refusal(await fetch(expired), 403, 'AccessDenied')).toContain('Request has expired');

    const stranger = s3Client({ accessKeyId: 'stranger', secretAccessKey: 'guess' });
    const foreign = await getSignedUrl(stranger, new GetObjectCommand({ Bucket: BUCKET, Key: otherKey }), { expiresIn: 60 });
    stranger.destroy();
    await expectS3Refusal(await fetch(foreign), 403, 'InvalidAccessKeyId');
  });

  it('refuses header-signed S3 requests with a tampered signature, a known key but a wrong secret, or an old date', async () => {
    const tampered = s3Client();
    afterSigning(tampered, (r) => {
      r.headers['authorization'] = r.headers['authorization']!.replace(/Signature=([0-9a-f])/, (_m, c: string) => `Signature=${c === '0' ? '1' : '0'}`);
    });
    expect(await failure(tampered.send(new GetObjectCommand({ Bucket: BUCKET, Key: otherKey })))).toEqual({ name: 'SignatureDoesNotMatch', status: 403 });
    expect(await failure(tampered.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'receipts/forged', Body: photo })))).toEqual({
      name: 'SignatureDoesNotMatch',
      status: 403,
    });
    tampered.destroy();

    const wrongSecret = s3Client({ accessKeyId: emu.credentials.accessKeyId, secretAccessKey: 'not-the-secret' });
    expect(await failure(wrongSecret.send(new GetObjectCommand({ Bucket: BUCKET, Key: otherKey })))).toEqual({ name: 'SignatureDoesNotMatch', status: 403 });
    wrongSecret.destroy();

    const otherKeyId = s3Client({ accessKeyId: 'someoneelse', secretAccessKey: 'x' });
    expect(await failure(otherKeyId.send(new GetObjectCommand({ Bucket: BUCKET, Key: otherKey })))).toMatchObject({ status: 403 });
    otherKeyId.destroy();

    // A request signed 20 minutes ago (replayed): refused, as S3 does beyond 15 minutes.
    const late = s3Client(emu.credentials, { systemClockOffset: -20 * 60_000, maxAttempts: 1 });
    expect(await failure(late.send(new GetObjectCommand({ Bucket: BUCKET, Key: otherKey })))).toEqual({ name: 'RequestTimeTooSkewed', status: 403 });
    late.destroy();
    expect(await exists('receipts/forged')).toBe(false);
  });

  it('refuses a header-signed PUT whose signed headers were changed after signing', async () => {
    const client = s3Client();
    afterSigning(client, (r) => {
      r.headers['content-type'] = 'text/html';
    });
    expect(await failure(client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'receipts/retyped', Body: photo, ContentType: 'image/jpeg' })))).toEqual({
      name: 'SignatureDoesNotMatch',
      status: 403,
    });
    client.destroy();
    expect(await exists('receipts/retyped')).toBe(false);

    // An x-amz-* header added to a signed request (here: turning a PUT into a copy of another's photo).
    const copier = s3Client();
    afterSigning(copier, (r) => {
      r.headers['x-amz-copy-source'] = `/${BUCKET}/${otherKey}`;
    });
    expect(await failure(copier.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'receipts/copied', Body: photo })))).toEqual({ name: 'AccessDenied', status: 403 });
    copier.destroy();
    expect(await exists('receipts/copied')).toBe(false);

    // The body swapped after signing: its hash no longer matches the signed x-amz-content-sha256.
    const swapped = s3Client();
    afterSigning(swapped, (r) => {
      r.body = Buffer.alloc(photo.length, 1);
    });
    const err = await failure(swapped.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'receipts/swapped', Body: photo, ContentType: 'image/jpeg' })));
    swapped.destroy();
    expect(err.status).toBe(400);
    expect(err.name).toBe('XAmzContentSHA256Mismatch');
    expect(await exists('receipts/swapped')).toBe(false);
  });

  it('refuses unsigned and forged SQS requests, in the JSON errors of SQS', async () => {
    const unsigned = await fetch(`${emu.endpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.ReceiveMessage' },
      body: JSON.stringify({ QueueUrl: emu.queueUrl('work'), MaxNumberOfMessages: 10 }),
    });
    expect(unsigned.status).toBe(403);
    expect(await unsigned.json()).toMatchObject({ __type: expect.stringContaining('MissingAuthenticationToken') });

    // A message body changed after signing.
    const forged = sqsClient();
    afterSigning(forged, (r) => {
      const text = typeof r.body === 'string' ? r.body : Buffer.from(r.body as Uint8Array).toString('utf8');
      r.body = text.replace('pay me 1', 'pay me 9');
      r.headers['content-length'] = String(Buffer.byteLength(r.body as string));
    });
    expect(await failure(forged.send(new SendMessageCommand({ QueueUrl: emu.queueUrl('work'), MessageBody: 'pay me 1' })))).toEqual({
      name: 'SignatureDoesNotMatch',
      status: 403,
    });
    forged.destroy();

    const stranger = sqsClient({ accessKeyId: 'stranger', secretAccessKey: 'x' });
    expect(await failure(stranger.send(new SendMessageCommand({ QueueUrl: emu.queueUrl('work'), MessageBody: 'hello' })))).toEqual({
      name: 'InvalidClientTokenId',
      status: 403,
    });
    stranger.destroy();
    expect(await drain('work')).toEqual([]);
  });

  it("cannot be bypassed through fauxqs's own port", async () => {
    expect(emu.internalEndpoint).not.toBe(emu.endpoint);
    await expectS3Refusal(await fetch(`${emu.internalEndpoint}/${BUCKET}/${otherKey}`), 403, 'AccessDenied');
    const put = await fetch(`${emu.internalEndpoint}/${BUCKET}/receipts/bypass`, { method: 'PUT', body: photo });
    expect(put.status).toBe(403);
    expect(await exists('receipts/bypass')).toBe(false);
    // Even with the header the gateway uses, without its secret.
    const guessed = await fetch(`${emu.internalEndpoint}/${BUCKET}/${otherKey}`, { headers: { 'x-cabas-gateway-token': 'guess' } });
    expect(guessed.status).toBe(403);
  });
});

describe('requests signed with the stack credentials are accepted', () => {
  it('a valid presigned PUT (type and length pinned) then a presigned GET', async () => {
    const key = 'receipts/presigned-ok';
    const put = await getSignedUrl(s3, new PutObjectCommand({ Bucket: BUCKET, Key: key, ContentType: 'image/jpeg', ContentLength: photo.length }), {
      expiresIn: 300,
      signableHeaders: new Set(['content-type', 'content-length']),
    });
    const res = await fetch(put, { method: 'PUT', body: photo, headers: { 'content-type': 'image/jpeg' } });
    expect(res.status, await res.text()).toBe(200);
    expect(await drain('events')).toHaveLength(1);
    const get = await fetch(await getSignedUrl(s3, new GetObjectCommand({ Bucket: BUCKET, Key: key }), { expiresIn: 60 }));
    expect(get.status).toBe(200);
    expect(Buffer.from(await get.arrayBuffer()).equals(photo)).toBe(true);
  });

  it('the SDK S3 client: Put, Get, Head, List, with keys that need encoding', async () => {
    const key = 'receipts/é à (1)+x=y&z.jpg';
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: photo, ContentType: 'image/jpeg' }));
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(photo)).toBe(true);
    expect((await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))).ContentLength).toBe(photo.length);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'receipts/', MaxKeys: 100 }));
    expect(listed.Contents?.map((c) => c.Key)).toContain(key);
  });

  it('the SDK S3 client with its default (flexible checksum) settings', async () => {
    const defaults = new S3Client({ endpoint: emu.endpoint, region: emu.region, credentials: emu.credentials, forcePathStyle: true });
    await defaults.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'receipts/defaults.jpg', Body: photo, ContentType: 'image/jpeg' }));
    const got = await defaults.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'receipts/defaults.jpg' }));
    expect((await got.Body!.transformToByteArray()).length).toBe(photo.length);
    defaults.destroy();
  });

  it('the SDK SQS client: send, receive, delete', async () => {
    await sqs.send(new SendMessageCommand({ QueueUrl: emu.queueUrl('work'), MessageBody: 'é hello' }));
    expect(await drain('work')).toEqual(['é hello']);
  });
});

describe('conditional writes, as S3', () => {
  it('If-None-Match: * creates once, then answers 412 PreconditionFailed and keeps the first bytes', async () => {
    const key = 'kept/receipts/once';
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: Buffer.from('first'), IfNoneMatch: '*' }));
    expect(await failure(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: Buffer.from('second'), IfNoneMatch: '*' })))).toEqual({
      name: 'PreconditionFailed',
      status: 412,
    });
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(await got.Body!.transformToString()).toBe('first');
  });

  it('two conditional creates at once: exactly one wins, the other gets 409 or 412', async () => {
    const key = 'kept/receipts/race';
    const big = (c: number) => Buffer.alloc(2 * 1024 * 1024, c);
    const results = await Promise.allSettled([
      s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: big(1), IfNoneMatch: '*' })),
      s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: big(2), IfNoneMatch: '*' })),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect([409, 412]).toContain((refused?.reason as S3ServiceException).$metadata.httpStatusCode);
  });

  it('If-Match: writes only over the named version', async () => {
    const key = 'kept/receipts/if-match';
    const first = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: Buffer.from('v1') }));
    expect(await failure(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: Buffer.from('v2'), IfMatch: '"0123"' })))).toEqual({
      name: 'PreconditionFailed',
      status: 412,
    });
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: Buffer.from('v2'), IfMatch: first.ETag }));
    expect(await (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body!.transformToString()).toBe('v2');
  });
});
