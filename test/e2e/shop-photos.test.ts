import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStackFile } from '../../shared/local/stack';
import { EMULATOR_CREDENTIALS } from '../../shared/local/services/aws-emulator';
import { apiClient, removeDir, startStackProcess, type LocalStackProcess } from '../support/local-stack';
import { CAMERA_MAKE, carries, exifTags, jpegWithGps } from '../support/photos';

/**
 * A shop's photo through the local stack (issue #20), as in AWS: the presigned PUT to the S3
 * emulator, its notification on the photos queue, the photos function's processing, and the
 * renditions served by the site at /media/… without their EXIF; nothing else of the bucket is.
 */
let stack: LocalStackProcess;
let api: ReturnType<typeof apiClient>;
let merchantId: string;
let staff: string;

beforeAll(async () => {
  stack = await startStackProcess({ demo: true });
  api = apiClient(stack.url);
  const shops = await api.call('GET', '/v1/merchants?limit=100');
  merchantId = (shops.body.items as Array<{ merchantId: string; name: string }>).find((m) => m.name === 'Fromagerie Maison Vergne')!.merchantId;
  staff = await stack.token('staff-vergne', ['merchant', `merchant:${merchantId}`]);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  if (stack) await removeDir(stack.dataDir);
});

async function send(bytes: Uint8Array, contentType: string, altText: string) {
  const slot = await api.call('POST', `/v1/shops/${merchantId}/photos`, staff, { contentType, contentLength: bytes.length, altText });
  expect(slot.status).toBe(201);
  const { url, headers, method } = slot.body.upload;
  const put = await fetch(url, { method, headers, body: bytes });
  expect(put.status).toBe(200);
  const deadline = Date.now() + 90_000;
  for (;;) {
    const photo = await api.call('GET', `/v1/shops/${merchantId}/photos/${slot.body.photoId}`, staff);
    expect(photo.status).toBe(200);
    if (photo.body.status !== 'AWAITING_UPLOAD') return photo.body;
    if (Date.now() > deadline) throw new Error(`photo ${slot.body.photoId} still awaiting its processing:\n${stack.output().slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('a shop photo through the local stack', () => {
  it('is uploaded, processed and served resized at /media/…, its EXIF (GPS position) gone and its original deleted', async () => {
    const original = jpegWithGps(2000, 1500, 1);
    expect(exifTags(original)).toContain(0x8825);
    const photo = await send(original, 'image/jpeg', 'Le comptoir des fromages affinés');
    expect(photo).toMatchObject({ status: 'READY', alt: 'Le comptoir des fromages affinés', photo: { width: 1200, height: 900 } });

    const page = await api.call('GET', `/v1/merchants/${merchantId}/photos`);
    expect(page.body.items).toHaveLength(1);
    const renditions = page.body.items[0].renditions as Array<{ url: string; width: number; height: number }>;
    expect(renditions.map((r) => [r.width, r.height])).toEqual([
      [480, 360],
      [1200, 900],
    ]);
    for (const r of renditions) {
      const res = await fetch(`${stack.url}${r.url}`);
      expect(res.status, r.url).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/jpeg');
      const bytes = new Uint8Array(await res.arrayBuffer());
      const decoded = jpeg.decode(bytes, { useTArray: true });
      expect([decoded.width, decoded.height]).toEqual([r.width, r.height]);
      expect(exifTags(bytes)).toEqual([]);
      expect(carries(bytes, 'Exif') || carries(bytes, CAMERA_MAKE)).toBe(false);
    }

    // The original, with its GPS position, is no longer in the bucket.
    const file = (await readStackFile(stack.dataDir))!;
    const s3 = new S3Client({ endpoint: file.awsEndpoint, region: 'eu-west-3', credentials: EMULATOR_CREDENTIALS, forcePathStyle: true });
    await expect(s3.send(new HeadObjectCommand({ Bucket: file.bucket, Key: `uploads/shop-photos/${merchantId}/${photo.photoId}` }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
    s3.destroy();
  }, 180_000);

  it('refuses a file that is not a JPEG or a PNG with its code, whatever type it was announced as', async () => {
    const webp = new Uint8Array(Buffer.concat([Buffer.from('RIFF'), Buffer.from([0, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(64)]));
    const photo = await send(webp, 'image/png', 'Une photo en WebP');
    expect(photo).toMatchObject({ status: 'REFUSED', refusal: { code: 'UNSUPPORTED_FILE' } });
    expect((await api.call('GET', `/v1/merchants/${merchantId}/photos`)).body.items).toHaveLength(1);
  }, 120_000);

  it('serves the renditions only: no receipt, upload or other object of the bucket through /media/', async () => {
    const receiptPhoto = jpegWithGps(400, 600);
    const receipt = await api.upload(await stack.token('alice'), receiptPhoto, 'image/jpeg');
    for (const path of [
      `/media/receipts/${receipt}`,
      `/media/%2e%2e/receipts/${receipt}`,
      `/media/..%2freceipts%2f${receipt}`,
      `/media/shops/${merchantId}/inconnue-480.jpg`,
      `/media/shops/${merchantId}/../../uploads/shop-photos/${merchantId}/x`,
      '/media/',
    ]) {
      // A path that a URL parser turns into another (`%2e%2e` is `..`) lands on the residents' app's page, never on the bucket.
      const res = await fetch(`${stack.url}${path}`);
      const type = res.headers.get('content-type') ?? '';
      expect(res.status === 404 || type.startsWith('text/html'), `${path}: ${res.status} ${type}`).toBe(true);
      expect(type, path).not.toContain('image/');
      expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(receiptPhoto)), path).toBe(false);
    }
  }, 120_000);
});
