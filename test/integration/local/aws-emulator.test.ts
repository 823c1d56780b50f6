import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { S3Event } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type AwsEmulatorOptions,
  encodeS3EventKey,
  type RunningEmulator,
  startAwsEmulator,
} from '../../../shared/local/services/aws-emulator';

const BUCKET = 'receipts';
const CONFIG: AwsEmulatorOptions = {
  queues: [{ name: 'ocr', dlq: { name: 'ocr-dlq', maxReceiveCount: 3 }, visibilityTimeoutSeconds: 5 }],
  buckets: [{ name: BUCKET, notifications: [{ prefix: 'uploads/', queueName: 'ocr' }] }],
};

function clients(emu: RunningEmulator, s3Extra: Partial<ConstructorParameters<typeof S3Client>[0]> = {}) {
  const base = { endpoint: emu.endpoint, region: emu.region, credentials: emu.credentials };
  return {
    // As the API should presign: content-type signed, no flexible-checksum query parameters.
    s3: new S3Client({ ...base, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', ...s3Extra }),
    sqs: new SQSClient(base),
  };
}

/** Receives (and deletes) everything currently on the queue. */
async function drain(sqs: SQSClient, queueUrl: string, waitTimeSeconds = 0): Promise<string[]> {
  const bodies: string[] = [];
  for (;;) {
    const out = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: waitTimeSeconds }),
    );
    const messages = out.Messages ?? [];
    if (messages.length === 0) return bodies;
    for (const m of messages) {
      bodies.push(m.Body ?? '');
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle }));
    }
    waitTimeSeconds = 0;
  }
}

async function objectExists(s3: S3Client, key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    return true;
  } catch (err) {
    if (err instanceof NotFound || err instanceof NoSuchKey) return false;
    throw err;
  }
}

async function presignPut(
  s3: S3Client,
  key: string,
  contentType: string,
  contentLength: number,
  options: { expiresIn?: number; signingDate?: Date } = {},
): Promise<string> {
  return getSignedUrl(
    s3,
    new PutObjectCommand({ Bucket: BUCKET, Key: key, ContentType: contentType, ContentLength: contentLength }),
    { expiresIn: options.expiresIn ?? 300, signableHeaders: new Set(['content-type']), ...(options.signingDate ? { signingDate: options.signingDate } : {}) },
  );
}

describe('AWS emulator (S3 + SQS gateway over fauxqs)', () => {
  let emu: RunningEmulator;
  let s3: S3Client;
  let sqs: SQSClient;
  const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2_000, 7)]);

  beforeAll(async () => {
    emu = await startAwsEmulator(CONFIG);
    console.info(`AWS emulator started in ${emu.startupMs} ms`);
    ({ s3, sqs } = clients(emu));
  });

  afterAll(async () => {
    s3?.destroy();
    sqs?.destroy();
    await emu?.stop();
  });

  afterEach(async () => {
    await drain(sqs, emu.queueUrl('ocr'));
  });

  it('gives queue URLs and ARNs on the gateway, usable by the SQS client', async () => {
    expect(emu.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emu.queueUrl('ocr')).toBe(`${emu.endpoint}/000000000000/ocr`);
    expect(emu.queueArn('ocr')).toBe('arn:aws:sqs:eu-west-3:000000000000:ocr');
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'ocr' }));
    expect(QueueUrl).toBe(emu.queueUrl('ocr'));
    const attrs = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: emu.queueUrl('ocr'), AttributeNames: ['All'] }),
    );
    expect(attrs.Attributes?.['VisibilityTimeout']).toBe('5');
    expect(JSON.parse(attrs.Attributes?.['RedrivePolicy'] ?? '{}')).toEqual({
      deadLetterTargetArn: emu.queueArn('ocr-dlq'),
      maxReceiveCount: 3,
    });
    await sqs.send(new SendMessageCommand({ QueueUrl: emu.queueUrl('ocr-dlq'), MessageBody: 'x' }));
    expect(await drain(sqs, emu.queueUrl('ocr-dlq'))).toEqual(['x']);
  });

  it('accepts a presigned PUT and sends exactly one S3 event to the notification queue', async () => {
    const key = 'uploads/r 1+(é).jpg';
    const url = await presignPut(s3, key, 'image/jpeg', jpeg.length);
    expect(url).toContain('X-Amz-SignedHeaders=content-length%3Bcontent-type%3Bhost');

    const res = await fetch(url, { method: 'PUT', body: jpeg, headers: { 'content-type': 'image/jpeg' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);

    const bodies = await drain(sqs, emu.queueUrl('ocr'), 1);
    expect(bodies).toHaveLength(1);
    const event = JSON.parse(bodies[0] ?? '{}') as S3Event;
    expect(event.Records).toHaveLength(1);
    const record = event.Records[0];
    expect(record).toMatchObject({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'eu-west-3',
      eventName: 'ObjectCreated:Put',
      requestParameters: { sourceIPAddress: '127.0.0.1' },
      s3: {
        s3SchemaVersion: '1.0',
        bucket: { name: BUCKET, arn: `arn:aws:s3:::${BUCKET}` },
        object: { key: 'uploads/r+1%2B%28%C3%A9%29.jpg', size: jpeg.length },
      },
    });
    expect(record?.s3.object.eTag).toBe(res.headers.get('etag')?.replaceAll('"', ''));
    expect(record?.s3.object.sequencer).toMatch(/^[0-9A-F]{16,}$/);
    expect(new Date(record?.eventTime ?? '').getTime()).toBeGreaterThan(Date.now() - 60_000);
    // The key decodes back as Lambda handlers do it.
    expect(decodeURIComponent((record?.s3.object.key ?? '').replace(/\+/g, ' '))).toBe(key);

    // GetObject through the gateway returns the bytes.
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(Buffer.from(await got.Body!.transformToByteArray())).toEqual(jpeg);
    expect(got.ContentType).toBe('image/jpeg');
  });

  it('accepts a URL presigned with the SDK defaults (checksum query parameters are ignored)', async () => {
    const { s3: defaults } = clients(emu, { requestChecksumCalculation: 'WHEN_SUPPORTED' });
    const url = await presignPut(defaults, 'uploads/defaults.jpg', 'image/jpeg', jpeg.length);
    defaults.destroy();
    expect(url).toContain('x-amz-checksum-crc32=');
    const res = await fetch(url, { method: 'PUT', body: jpeg, headers: { 'content-type': 'image/jpeg' } });
    expect(res.status).toBe(200);
    expect(await drain(sqs, emu.queueUrl('ocr'), 1)).toHaveLength(1);
  });

  describe('refuses, stores nothing and sends no event for', () => {
    const key = 'uploads/refused.jpg';
    afterEach(async () => {
      expect(await objectExists(s3, key)).toBe(false);
      expect(await drain(sqs, emu.queueUrl('ocr'), 0)).toEqual([]);
    });

    async function expectS3Error(res: Response, status: number, code: string, message?: string): Promise<void> {
      const text = await res.text();
      expect(res.status, text).toBe(status);
      expect(text).toContain(`<Code>${code}</Code>`);
      if (message) expect(text).toContain(`<Message>${message}</Message>`);
    }

    it('another content-type', async () => {
      const url = await presignPut(s3, key, 'image/jpeg', jpeg.length);
      const res = await fetch(url, { method: 'PUT', body: jpeg, headers: { 'content-type': 'application/pdf' } });
      await expectS3Error(res, 403, 'SignatureDoesNotMatch');
    });

    it('another length', async () => {
      const url = await presignPut(s3, key, 'image/jpeg', jpeg.length);
      const longer = Buffer.concat([jpeg, Buffer.from('more')]);
      const res = await fetch(url, { method: 'PUT', body: longer, headers: { 'content-type': 'image/jpeg' } });
      await expectS3Error(res, 403, 'SignatureDoesNotMatch');
    });

    it('a tampered signature', async () => {
      const url = new URL(await presignPut(s3, key, 'image/jpeg', jpeg.length));
      const sig = url.searchParams.get('X-Amz-Signature') ?? '';
      url.searchParams.set('X-Amz-Signature', `${sig.slice(0, -1)}${sig.endsWith('0') ? '1' : '0'}`);
      const res = await fetch(url, { method: 'PUT', body: jpeg, headers: { 'content-type': 'image/jpeg' } });
      await expectS3Error(res, 403, 'SignatureDoesNotMatch');
    });

    it('a URL for another key', async () => {
      const url = (await presignPut(s3, 'uploads/other.jpg', 'image/jpeg', jpeg.length)).replace(
        'uploads/other.jpg',
        'uploads/refused.jpg',
      );
      const res = await fetch(url, { method: 'PUT', body: jpeg, headers: { 'content-type': 'image/jpeg' } });
      await expectS3Error(res, 403, 'SignatureDoesNotMatch');
    });

    it('an expired URL', async () => {
      const url = await presignPut(s3, key, 'image/jpeg', jpeg.length, {
        expiresIn: 60,
        signingDate: new Date(Date.now() - 61_000),
      });
      const res = await fetch(url, { method: 'PUT', body: jpeg, headers: { 'content-type': 'image/jpeg' } });
      await expectS3Error(res, 403, 'AccessDenied', 'Request has expired');
    });

    it('a URL signed with other credentials', async () => {
      const { s3: stranger } = clients(emu, { credentials: { accessKeyId: 'someoneelse', secretAccessKey: 'x' } });
      const url = await presignPut(stranger, key, 'image/jpeg', jpeg.length);
      stranger.destroy();
      const res = await fetch(url, { method: 'PUT', body: jpeg, headers: { 'content-type': 'image/jpeg' } });
      await expectS3Error(res, 403, 'InvalidAccessKeyId');
    });

    it('an x-amz-* header that was not signed', async () => {
      const url = await presignPut(s3, key, 'image/jpeg', jpeg.length);
      const res = await fetch(url, {
        method: 'PUT',
        body: jpeg,
        headers: { 'content-type': 'image/jpeg', 'x-amz-meta-owner': 'intruder' },
      });
      await expectS3Error(res, 403, 'AccessDenied', 'There were headers present in the request which were not signed');
    });

    it('a body that does not match its x-amz-checksum-crc32 header (signed with it)', async () => {
      const { s3: wrongChecksum } = clients(emu);
      // Set before signing: the signature covers the wrong checksum, only the body check refuses it.
      wrongChecksum.middlewareStack.add(
        (next) => async (args) => {
          (args.request as { headers: Record<string, string> }).headers['x-amz-checksum-crc32'] = 'AAAAAA==';
          return next(args);
        },
        { step: 'build', name: 'wrongChecksum' },
      );
      const err = await wrongChecksum
        .send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: jpeg, ContentType: 'image/jpeg' }))
        .then(() => undefined, (e: unknown) => e as { name?: string; $metadata?: { httpStatusCode?: number } });
      wrongChecksum.destroy();
      expect(err?.name).toBe('BadDigest');
      expect(err?.$metadata?.httpStatusCode).toBe(400);
    });

    it('a body shorter than its Content-Length (client gives up mid-upload)', async () => {
      const port = Number(new URL(emu.endpoint).port);
      const url = new URL(await presignPut(s3, key, 'image/jpeg', jpeg.length));
      await new Promise<void>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.write(
            `PUT ${url.pathname}${url.search} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: image/jpeg\r\n` +
              `Content-Length: ${jpeg.length}\r\n\r\n`,
          );
          socket.write(jpeg.subarray(0, 100));
          setTimeout(() => socket.end(), 100);
        });
        socket.on('error', reject);
        socket.on('close', () => resolve());
        socket.resume();
      });
      await new Promise((r) => setTimeout(r, 200));
    });
  });

  it('streams a 10 MB upload (the largest receipt) through a presigned PUT, and a presigned GET back', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024, 0x5a);
    const url = await presignPut(s3, 'uploads/big.pdf', 'application/pdf', big.length);
    const res = await fetch(url, { method: 'PUT', body: big, headers: { 'content-type': 'application/pdf' } });
    expect(res.status, await res.text()).toBe(200);
    const [body] = await drain(sqs, emu.queueUrl('ocr'), 1);
    expect((JSON.parse(body ?? '{}') as S3Event).Records[0]?.s3.object.size).toBe(big.length);

    const getUrl = await getSignedUrl(s3, new GetObjectCommand({ Bucket: BUCKET, Key: 'uploads/big.pdf' }), { expiresIn: 60 });
    const got = await fetch(getUrl);
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(big)).toBe(true);
  });

  it('sends no event for a key outside the notification prefix', async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'elsewhere/a.jpg', Body: jpeg, ContentType: 'image/jpeg' }));
    expect(await objectExists(s3, 'elsewhere/a.jpg')).toBe(true);
    expect(await drain(sqs, emu.queueUrl('ocr'), 0)).toEqual([]);
  });

  it('sends an event for a PutObject made with the SDK (header-signed, streamed checksum)', async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'uploads/sdk.jpg', Body: jpeg, ContentType: 'image/jpeg' }));
    const [body] = await drain(sqs, emu.queueUrl('ocr'), 1);
    const event = JSON.parse(body ?? '{}') as S3Event;
    expect(event.Records[0]?.s3.object).toMatchObject({ key: 'uploads/sdk.jpg', size: jpeg.length });
  });
});

describe('AWS emulator persistence', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cabas-emu-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps queues, messages and objects across a restart with dataDir', async () => {
    const first = await startAwsEmulator({ ...CONFIG, dataDir });
    const c1 = clients(first);
    const body = Buffer.from('persisted bytes');
    const url = await presignPut(c1.s3, 'uploads/kept.jpg', 'image/jpeg', body.length);
    expect((await fetch(url, { method: 'PUT', body, headers: { 'content-type': 'image/jpeg' } })).status).toBe(200);
    await c1.sqs.send(new SendMessageCommand({ QueueUrl: first.queueUrl('ocr-dlq'), MessageBody: 'dead letter' }));
    c1.s3.destroy();
    c1.sqs.destroy();
    await first.stop();

    const second = await startAwsEmulator({ ...CONFIG, dataDir });
    const c2 = clients(second);
    try {
      const got = await c2.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'uploads/kept.jpg' }));
      expect(await got.Body?.transformToString()).toBe('persisted bytes');
      // The S3 event sent before the restart is still on the queue, reachable on the new gateway.
      const events = await drain(c2.sqs, second.queueUrl('ocr'), 1);
      expect(events).toHaveLength(1);
      expect((JSON.parse(events[0] ?? '{}') as S3Event).Records[0]?.s3.object.key).toBe('uploads/kept.jpg');
      expect(await drain(c2.sqs, second.queueUrl('ocr-dlq'))).toEqual(['dead letter']);
      const { QueueUrl } = await c2.sqs.send(new GetQueueUrlCommand({ QueueName: 'ocr' }));
      expect(QueueUrl).toBe(second.queueUrl('ocr'));
    } finally {
      c2.s3.destroy();
      c2.sqs.destroy();
      await second.stop();
    }
  });
});

describe('encodeS3EventKey', () => {
  it('encodes keys as S3 event notifications do', () => {
    expect(encodeS3EventKey('uploads/a b.jpg')).toBe('uploads/a+b.jpg');
    expect(encodeS3EventKey('a+b=c&d')).toBe('a%2Bb%3Dc%26d');
    expect(encodeS3EventKey('reçu (1).png')).toBe('re%C3%A7u+%281%29.png');
    expect(encodeS3EventKey('x-y_z.*~')).toBe('x-y_z.*%7E');
  });
});
