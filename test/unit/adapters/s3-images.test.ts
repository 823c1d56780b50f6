import { GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createClients } from '../../../shared/adapters/aws/clients';
import { S3ImageStore, keptImageKey } from '../../../shared/adapters/aws/s3-images';
import { FunctionConfig } from '../../../shared/config';

describe('presigned receipt uploads', () => {
  it('are write-once: they sign the declared type and length and If-None-Match, and carry no checksum of an empty body', async () => {
    vi.stubEnv('AWS_REGION', 'eu-west-3');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'not-a-secret');
    const config = FunctionConfig.parse({ table: 't', receiptsBucket: 'city-receipts' });
    const { s3 } = createClients(config);
    const upload = await new S3ImageStore(s3, 'city-receipts').presignUpload('receipts/abc-123-def', 'image/jpeg', 52_345, 900);
    const url = new URL(upload.url);
    expect(url.pathname).toBe('/receipts/abc-123-def');
    expect(url.searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual(expect.arrayContaining(['content-length', 'content-type', 'host', 'if-none-match']));
    // The header is sent, not hoisted into the query: S3 checks it as the condition of the write.
    expect([...url.searchParams.keys()].some((k) => k.toLowerCase().includes('none-match'))).toBe(false);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect([...url.searchParams.keys()].some((k) => k.toLowerCase().startsWith('x-amz-checksum'))).toBe(false);
    expect(upload.headers).toEqual({ 'Content-Type': 'image/jpeg', 'Content-Length': '52345', 'If-None-Match': '*' });
    vi.unstubAllEnvs();
  });
});

describe('keeping the bytes of an upload as read (receipts announced before uploads were write-once)', () => {
  const s3 = mockClient(S3Client);
  const store = () => new S3ImageStore(s3 as unknown as S3Client, 'city-receipts');
  const body = (bytes: Uint8Array) => ({ transformToByteArray: async () => bytes }) as never;
  const s3Error = (name: string, status: number) =>
    new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status }, message: name });
  const upload = Buffer.from('uploaded now');
  const keptBefore = Buffer.from('read the first time');

  beforeEach(() => {
    s3.reset();
  });

  it('copies the upload to kept/<key> with a create-only write, encrypted, with its type', async () => {
    s3.on(GetObjectCommand, { Key: 'receipts/r1' }).resolves({ Body: body(upload), ContentType: 'image/png' });
    s3.on(PutObjectCommand).resolves({});
    expect(Buffer.from((await store().keepUpload({ objectKey: 'receipts/r1' }))!)).toEqual(upload);
    const puts = s3.commandCalls(PutObjectCommand);
    expect(puts).toHaveLength(1);
    expect(puts[0]!.args[0].input).toMatchObject({
      Bucket: 'city-receipts',
      Key: 'kept/receipts/r1',
      IfNoneMatch: '*',
      ServerSideEncryption: 'AES256',
      ContentType: 'image/png',
      ContentLength: upload.length,
    });
    expect(keptImageKey('receipts/r1')).toBe('kept/receipts/r1');
  });

  it('returns what was kept first when the kept copy exists (412), whatever the upload is now', async () => {
    s3.on(GetObjectCommand, { Key: 'receipts/r2' }).resolves({ Body: body(upload) });
    s3.on(GetObjectCommand, { Key: 'kept/receipts/r2' }).resolves({ Body: body(keptBefore) });
    s3.on(PutObjectCommand).rejects(s3Error('PreconditionFailed', 412));
    expect(Buffer.from((await store().keepUpload({ objectKey: 'receipts/r2' }))!)).toEqual(keptBefore);
  });

  it('tries again while another write of the kept copy is in flight (409)', async () => {
    s3.on(GetObjectCommand, { Key: 'receipts/r3' }).resolves({ Body: body(upload) });
    s3.on(GetObjectCommand, { Key: 'kept/receipts/r3' }).resolves({ Body: body(keptBefore) });
    s3.on(PutObjectCommand).rejectsOnce(s3Error('ConditionalRequestConflict', 409)).rejects(s3Error('PreconditionFailed', 412));
    expect(Buffer.from((await store().keepUpload({ objectKey: 'receipts/r3' }))!)).toEqual(keptBefore);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(2);
  });

  it('keeps nothing when nothing was uploaded, and lets other errors through', async () => {
    s3.on(GetObjectCommand, { Key: 'receipts/r4' }).rejects(s3Error('NoSuchKey', 404));
    expect(await store().keepUpload({ objectKey: 'receipts/r4' })).toBeUndefined();
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
    s3.on(GetObjectCommand, { Key: 'receipts/r5' }).resolves({ Body: body(upload) });
    s3.on(PutObjectCommand).rejects(s3Error('AccessDenied', 403));
    await expect(store().keepUpload({ objectKey: 'receipts/r5' })).rejects.toThrow('AccessDenied');
  });

  it("links staff to the kept copy, not to the upload", async () => {
    vi.stubEnv('AWS_REGION', 'eu-west-3');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'not-a-secret');
    const { s3: real } = createClients(FunctionConfig.parse({ table: 't', receiptsBucket: 'city-receipts' }));
    const url = new URL(await new S3ImageStore(real, 'city-receipts').presignKeptDownload({ objectKey: 'receipts/abc-123-def' }, 900));
    expect(url.pathname).toBe('/kept/receipts/abc-123-def');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    vi.unstubAllEnvs();
  });
});

describe('the image as read of a write-once upload', () => {
  const s3 = mockClient(S3Client);
  beforeEach(() => {
    s3.reset();
  });

  it('is the upload itself: read once, nothing copied', async () => {
    s3.on(GetObjectCommand, { Key: 'receipts/w1' }).resolves({ Body: { transformToByteArray: async () => Buffer.from('sent once') } as never });
    const store = new S3ImageStore(s3 as unknown as S3Client, 'city-receipts');
    expect(Buffer.from((await store.keepUpload({ objectKey: 'receipts/w1', uploadWriteOnce: true }))!).toString()).toBe('sent once');
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(1);
    s3.on(GetObjectCommand, { Key: 'receipts/w2' }).rejects(new S3ServiceException({ name: 'NoSuchKey', $fault: 'client', $metadata: { httpStatusCode: 404 }, message: 'NoSuchKey' }));
    expect(await store.keepUpload({ objectKey: 'receipts/w2', uploadWriteOnce: true })).toBeUndefined();
  });

  it('links staff to the upload', async () => {
    vi.stubEnv('AWS_REGION', 'eu-west-3');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'not-a-secret');
    const { s3: real } = createClients(FunctionConfig.parse({ table: 't', receiptsBucket: 'city-receipts' }));
    const url = new URL(await new S3ImageStore(real, 'city-receipts').presignKeptDownload({ objectKey: 'receipts/abc-123-def', uploadWriteOnce: true }, 900));
    expect(url.pathname).toBe('/receipts/abc-123-def');
    vi.unstubAllEnvs();
  });
});
