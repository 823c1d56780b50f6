import type { BucketClient } from './s3-rest';
import type { ImageStore, ReceiptUpload } from '../../ports';

/**
 * Prefix of the kept images: for a receipt announced before uploads were write-once, the bytes of
 * its upload as the OCR stage read them, at `kept/<upload key>` (`kept/receipts/<receiptId>`). No
 * PUT URL is ever presigned under it, it is outside the prefix that notifies the pipeline, and its
 * objects are written once (conditional PUT, `If-None-Match: *`), never replaced.
 */
export const KEPT_IMAGES_PREFIX = 'kept/';

/** Where the kept bytes of the upload at `uploadKey` live. */
export function keptImageKey(uploadKey: string): string {
  return `${KEPT_IMAGES_PREFIX}${uploadKey}`;
}

/** Attempts of the conditional write while another write of the same key is in flight (409). */
const KEEP_ATTEMPTS = 4;

export class S3ImageStore implements ImageStore {
  constructor(private readonly bucket: BucketClient) {}

  async presignUpload(key: string, contentType: string, contentLength: number, expiresInSeconds: number) {
    // content-type and content-length are signed: S3 refuses any other type or size. So is
    // if-none-match: the PUT creates the object or fails (412), it never replaces it.
    const headers = { 'Content-Type': contentType, 'Content-Length': String(contentLength), 'If-None-Match': '*' };
    return { url: await this.bucket.presign('PUT', key, expiresInSeconds, headers), headers };
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    return (await this.bucket.getObject(key))?.bytes;
  }

  presignDownload(key: string, expiresInSeconds: number): Promise<string> {
    return this.bucket.presign('GET', key, expiresInSeconds);
  }

  /**
   * A write-once upload is read as it is. Otherwise: reads the upload, then writes it to the kept
   * key only if nothing is there yet (S3 conditional write): the first reader wins, and a later
   * reader (a second upload's notification, a retry) gets 412 and returns what the first one kept.
   * No read of a kept object that may not exist, so the function needs no s3:ListBucket to tell
   * "absent" from "forbidden".
   */
  async keepUpload(upload: ReceiptUpload): Promise<Uint8Array | undefined> {
    if (upload.uploadWriteOnce) return (await this.bucket.getObject(upload.objectKey))?.bytes;
    const sent = await this.bucket.getObject(upload.objectKey);
    if (!sent) return undefined;
    const keptKey = keptImageKey(upload.objectKey);
    for (let attempt = 1; ; attempt++) {
      try {
        await this.bucket.putObject(keptKey, sent.bytes, { ...(sent.contentType ? { contentType: sent.contentType } : {}), encrypted: true, ifNoneMatch: true });
        return sent.bytes;
      } catch (err) {
        const status = httpStatus(err);
        if (status === 412) {
          const kept = await this.bucket.getObject(keptKey);
          if (kept) return kept.bytes;
          // Deleted between the two requests: write it again.
        } else if (status !== 409) {
          throw err;
        }
        if (attempt >= KEEP_ATTEMPTS) throw err;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  }

  presignKeptDownload(upload: ReceiptUpload, expiresInSeconds: number): Promise<string> {
    return this.presignDownload(upload.uploadWriteOnce ? upload.objectKey : keptImageKey(upload.objectKey), expiresInSeconds);
  }

  /** Deletes the upload and its kept copy (erasure, retention); S3 answers a delete of nothing with success. */
  async delete(uploadKey: string): Promise<void> {
    await Promise.all([uploadKey, keptImageKey(uploadKey)].map((key) => this.bucket.deleteObject(key)));
  }
}

function httpStatus(err: unknown): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}
