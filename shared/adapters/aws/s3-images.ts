import { s3Of, s3Presigner, type S3Source } from './s3-sdk';
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
  constructor(private readonly s3: S3Source, private readonly bucket: string) {}

  async presignUpload(key: string, contentType: string, contentLength: number, expiresInSeconds: number) {
    const [{ s3, sdk }, { getSignedUrl }] = await Promise.all([s3Of(this.s3), s3Presigner()]);
    const command = new sdk.PutObjectCommand({ Bucket: this.bucket, Key: key, ContentType: contentType, ContentLength: contentLength, IfNoneMatch: '*' });
    // content-type and content-length are signed: S3 refuses any other type or size. So is
    // if-none-match: the PUT creates the object or fails (412), it never replaces it.
    const url = await getSignedUrl(s3, command, {
      expiresIn: expiresInSeconds,
      signableHeaders: new Set(['content-type', 'content-length', 'if-none-match']),
    });
    return { url, headers: { 'Content-Type': contentType, 'Content-Length': String(contentLength), 'If-None-Match': '*' } };
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    return (await this.read(key))?.bytes;
  }

  async presignDownload(key: string, expiresInSeconds: number): Promise<string> {
    const [{ s3, sdk }, { getSignedUrl }] = await Promise.all([s3Of(this.s3), s3Presigner()]);
    return getSignedUrl(s3, new sdk.GetObjectCommand({ Bucket: this.bucket, Key: key }), { expiresIn: expiresInSeconds });
  }

  /**
   * A write-once upload is read as it is. Otherwise: reads the upload, then writes it to the kept
   * key only if nothing is there yet (S3 conditional write): the first reader wins, and a later
   * reader (a second upload's notification, a retry) gets 412 and returns what the first one kept.
   * No read of a kept object that may not exist, so the function needs no s3:ListBucket to tell
   * "absent" from "forbidden".
   */
  async keepUpload(upload: ReceiptUpload): Promise<Uint8Array | undefined> {
    if (upload.uploadWriteOnce) return (await this.read(upload.objectKey))?.bytes;
    const sent = await this.read(upload.objectKey);
    if (!sent) return undefined;
    const keptKey = keptImageKey(upload.objectKey);
    const { s3, sdk } = await s3Of(this.s3);
    for (let attempt = 1; ; attempt++) {
      try {
        await s3.send(
          new sdk.PutObjectCommand({
            Bucket: this.bucket,
            Key: keptKey,
            Body: sent.bytes,
            ContentLength: sent.bytes.length,
            ...(sent.contentType ? { ContentType: sent.contentType } : {}),
            ServerSideEncryption: 'AES256',
            IfNoneMatch: '*',
          }),
        );
        return sent.bytes;
      } catch (err) {
        const status = httpStatus(err);
        if (status === 412) {
          const kept = await this.read(keptKey);
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

  private async read(key: string): Promise<{ bytes: Uint8Array; contentType?: string } | undefined> {
    const { s3, sdk } = await s3Of(this.s3);
    try {
      const out = await s3.send(new sdk.GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!out.Body) return undefined;
      const bytes = await out.Body.transformToByteArray();
      return out.ContentType ? { bytes, contentType: out.ContentType } : { bytes };
    } catch (err) {
      if ((err as { name?: string })?.name === 'NoSuchKey') return undefined;
      throw err;
    }
  }

  /** Deletes the upload and its kept copy (erasure, retention); S3 answers a delete of nothing with success. */
  async delete(uploadKey: string): Promise<void> {
    const { s3, sdk } = await s3Of(this.s3);
    await Promise.all([uploadKey, keptImageKey(uploadKey)].map((Key) => s3.send(new sdk.DeleteObjectCommand({ Bucket: this.bucket, Key }))));
  }
}

function httpStatus(err: unknown): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}
