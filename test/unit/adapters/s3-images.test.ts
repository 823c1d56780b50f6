import { beforeEach, describe, expect, it } from 'vitest';
import { S3ImageStore, keptImageKey } from '../../../shared/adapters/aws/s3-images';
import type { BucketClient, PutOptions } from '../../../shared/adapters/aws/s3-rest';
import { AwsServiceError } from '../../../shared/adapters/aws/transport';
import { bucketClient } from '../../../shared/wiring/aws/s3';

/** A bucket in memory that hears every request and can refuse the next writes as S3 would. */
class FakeBucket implements BucketClient {
  readonly objects = new Map<string, { bytes: Uint8Array; contentType?: string }>();
  readonly gets: string[] = [];
  readonly puts: Array<{ key: string; bytes: Uint8Array; options: PutOptions }> = [];
  /** Errors the next writes throw, in order (then they succeed, create-only honoured). */
  readonly putFailures: AwsServiceError[] = [];

  async getObject(key: string) {
    this.gets.push(key);
    return this.objects.get(key);
  }
  async putObject(key: string, body: string | Uint8Array, options: PutOptions = {}) {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    this.puts.push({ key, bytes, options });
    const failure = this.putFailures.shift();
    if (failure) throw failure;
    if (options.ifNoneMatch && this.objects.has(key)) throw s3Error('PreconditionFailed', 412);
    this.objects.set(key, { bytes, ...(options.contentType ? { contentType: options.contentType } : {}) });
  }
  async deleteObject(key: string) {
    this.objects.delete(key);
  }
  async presign(method: 'GET' | 'PUT', key: string) {
    return `https://bucket.example/${key}?method=${method}`;
  }
}

const s3Error = (name: string, status: number) => new AwsServiceError(name, name, status, {}, undefined, 1);
const ENV = { AWS_REGION: 'eu-west-3', AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'not-a-secret' };
const realBucket = () => bucketClient({ receiptsBucket: 'city-receipts' }, ENV);

describe('presigned receipt uploads', () => {
  it('are write-once: they sign the declared type and length and If-None-Match, and carry no checksum of an empty body', async () => {
    const upload = await new S3ImageStore(realBucket()).presignUpload('receipts/abc-123-def', 'image/jpeg', 52_345, 900);
    const url = new URL(upload.url);
    expect(url.pathname).toBe('/receipts/abc-123-def');
    expect(url.searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual(['content-length', 'content-type', 'host', 'if-none-match']);
    // The header is sent, not hoisted into the query: S3 checks it as the condition of the write.
    expect([...url.searchParams.keys()].some((k) => k.toLowerCase().includes('none-match'))).toBe(false);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect([...url.searchParams.keys()].some((k) => k.toLowerCase().startsWith('x-amz-checksum'))).toBe(false);
    expect(upload.headers).toEqual({ 'Content-Type': 'image/jpeg', 'Content-Length': '52345', 'If-None-Match': '*' });
  });
});

describe('keeping the bytes of an upload as read (receipts announced before uploads were write-once)', () => {
  let bucket: FakeBucket;
  const upload = Buffer.from('uploaded now');
  const keptBefore = Buffer.from('read the first time');

  beforeEach(() => {
    bucket = new FakeBucket();
  });

  it('copies the upload to kept/<key> with a create-only write, encrypted, with its type', async () => {
    bucket.objects.set('receipts/r1', { bytes: upload, contentType: 'image/png' });
    expect(Buffer.from((await new S3ImageStore(bucket).keepUpload({ objectKey: 'receipts/r1' }))!)).toEqual(upload);
    expect(bucket.puts).toHaveLength(1);
    expect(bucket.puts[0]).toMatchObject({ key: 'kept/receipts/r1', options: { ifNoneMatch: true, encrypted: true, contentType: 'image/png' } });
    expect(Buffer.from(bucket.objects.get('kept/receipts/r1')!.bytes)).toEqual(upload);
    expect(keptImageKey('receipts/r1')).toBe('kept/receipts/r1');
  });

  it('returns what was kept first when the kept copy exists (412), whatever the upload is now', async () => {
    bucket.objects.set('receipts/r2', { bytes: upload });
    bucket.objects.set('kept/receipts/r2', { bytes: keptBefore });
    expect(Buffer.from((await new S3ImageStore(bucket).keepUpload({ objectKey: 'receipts/r2' }))!)).toEqual(keptBefore);
    expect(Buffer.from(bucket.objects.get('kept/receipts/r2')!.bytes)).toEqual(keptBefore);
  });

  it('tries again while another write of the kept copy is in flight (409)', async () => {
    bucket.objects.set('receipts/r3', { bytes: upload });
    bucket.objects.set('kept/receipts/r3', { bytes: keptBefore });
    bucket.putFailures.push(s3Error('ConditionalRequestConflict', 409));
    expect(Buffer.from((await new S3ImageStore(bucket).keepUpload({ objectKey: 'receipts/r3' }))!)).toEqual(keptBefore);
    expect(bucket.puts).toHaveLength(2);
  });

  it('writes again when the kept copy was deleted between the refused write and the read', async () => {
    bucket.objects.set('receipts/r6', { bytes: upload });
    bucket.putFailures.push(s3Error('PreconditionFailed', 412));
    expect(Buffer.from((await new S3ImageStore(bucket).keepUpload({ objectKey: 'receipts/r6' }))!)).toEqual(upload);
    expect(bucket.puts).toHaveLength(2);
    expect(bucket.objects.has('kept/receipts/r6')).toBe(true);
  });

  it('keeps nothing when nothing was uploaded, and lets other errors through', async () => {
    expect(await new S3ImageStore(bucket).keepUpload({ objectKey: 'receipts/r4' })).toBeUndefined();
    expect(bucket.puts).toHaveLength(0);
    bucket.objects.set('receipts/r5', { bytes: upload });
    bucket.putFailures.push(s3Error('AccessDenied', 403));
    await expect(new S3ImageStore(bucket).keepUpload({ objectKey: 'receipts/r5' })).rejects.toThrow('AccessDenied');
    expect(bucket.puts).toHaveLength(1);
  });

  it('links staff to the kept copy, not to the upload', async () => {
    const url = new URL(await new S3ImageStore(realBucket()).presignKeptDownload({ objectKey: 'receipts/abc-123-def' }, 900));
    expect(url.pathname).toBe('/kept/receipts/abc-123-def');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
  });

  it('deletes the upload and its kept copy', async () => {
    bucket.objects.set('receipts/r7', { bytes: upload });
    bucket.objects.set('kept/receipts/r7', { bytes: upload });
    await new S3ImageStore(bucket).delete('receipts/r7');
    expect(bucket.objects.size).toBe(0);
  });
});

describe('the image as read of a write-once upload', () => {
  it('is the upload itself: read once, nothing copied', async () => {
    const bucket = new FakeBucket();
    bucket.objects.set('receipts/w1', { bytes: Buffer.from('sent once') });
    const store = new S3ImageStore(bucket);
    expect(Buffer.from((await store.keepUpload({ objectKey: 'receipts/w1', uploadWriteOnce: true }))!).toString()).toBe('sent once');
    expect(bucket.puts).toHaveLength(0);
    expect(bucket.gets).toEqual(['receipts/w1']);
    expect(await store.keepUpload({ objectKey: 'receipts/w2', uploadWriteOnce: true })).toBeUndefined();
  });

  it('links staff to the upload', async () => {
    const url = new URL(await new S3ImageStore(realBucket()).presignKeptDownload({ objectKey: 'receipts/abc-123-def', uploadWriteOnce: true }, 900));
    expect(url.pathname).toBe('/receipts/abc-123-def');
  });
});
