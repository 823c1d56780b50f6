import type { BucketClient } from './s3-rest';
import type { MediaStore } from '../../ports/shop-photos';

/** A rendition's key never names other bytes: browsers and CloudFront may keep it for good. */
export const RENDITION_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/** The shops' photos in the bucket: originals under the private upload prefix, renditions under `media/` (shared/domain/shop-photo.ts). */
export class S3MediaStore implements MediaStore {
  constructor(private readonly bucket: BucketClient) {}

  async presignUpload(key: string, contentType: string, contentLength: number, expiresInSeconds: number) {
    // content-type and content-length are signed: S3 refuses any other type or size.
    const headers = { 'Content-Type': contentType, 'Content-Length': String(contentLength) };
    return { url: await this.bucket.presign('PUT', key, expiresInSeconds, headers), headers };
  }

  async getUpload(key: string): Promise<Uint8Array | undefined> {
    return (await this.bucket.getObject(key))?.bytes;
  }

  putRendition(key: string, bytes: Uint8Array): Promise<void> {
    return this.bucket.putObject(key, bytes, { contentType: 'image/jpeg', cacheControl: RENDITION_CACHE_CONTROL, encrypted: true });
  }

  async delete(keys: readonly string[]): Promise<void> {
    await Promise.all(keys.map((key) => this.bucket.deleteObject(key)));
  }
}
