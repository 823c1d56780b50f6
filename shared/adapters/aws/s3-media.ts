import { s3Of, s3Presigner, type S3Source } from './s3-sdk';
import type { MediaStore } from '../../ports/shop-photos';

/** A rendition's key never names other bytes: browsers and CloudFront may keep it for good. */
export const RENDITION_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/** The shops' photos in the bucket: originals under the private upload prefix, renditions under `media/` (shared/domain/shop-photo.ts). */
export class S3MediaStore implements MediaStore {
  constructor(private readonly s3: S3Source, private readonly bucket: string) {}

  async presignUpload(key: string, contentType: string, contentLength: number, expiresInSeconds: number) {
    const [{ s3, sdk }, { getSignedUrl }] = await Promise.all([s3Of(this.s3), s3Presigner()]);
    const command = new sdk.PutObjectCommand({ Bucket: this.bucket, Key: key, ContentType: contentType, ContentLength: contentLength });
    // content-type and content-length are signed: S3 refuses any other type or size.
    const url = await getSignedUrl(s3, command, { expiresIn: expiresInSeconds, signableHeaders: new Set(['content-type', 'content-length']) });
    return { url, headers: { 'Content-Type': contentType, 'Content-Length': String(contentLength) } };
  }

  async getUpload(key: string): Promise<Uint8Array | undefined> {
    const { s3, sdk } = await s3Of(this.s3);
    try {
      const out = await s3.send(new sdk.GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return out.Body ? await out.Body.transformToByteArray() : undefined;
    } catch (err) {
      if ((err as { name?: string })?.name === 'NoSuchKey') return undefined;
      throw err;
    }
  }

  async putRendition(key: string, bytes: Uint8Array): Promise<void> {
    const { s3, sdk } = await s3Of(this.s3);
    await s3.send(
      new sdk.PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytes, ContentLength: bytes.length, ContentType: 'image/jpeg', CacheControl: RENDITION_CACHE_CONTROL, ServerSideEncryption: 'AES256' }),
    );
  }

  async delete(keys: readonly string[]): Promise<void> {
    const { s3, sdk } = await s3Of(this.s3);
    await Promise.all(keys.map((Key) => s3.send(new sdk.DeleteObjectCommand({ Bucket: this.bucket, Key }))));
  }
}
