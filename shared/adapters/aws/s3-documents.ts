import { s3Of, type S3Source } from './s3-sdk';
import type { DocumentStore } from '../../ports';

/** Files the city keeps (payout files for the bank, CSVs for the accountant), private in S3. */
export class S3DocumentStore implements DocumentStore {
  constructor(private readonly s3: S3Source, private readonly bucket: string) {}

  async put(key: string, body: string, contentType: string): Promise<void> {
    const { s3, sdk } = await s3Of(this.s3);
    await s3.send(new sdk.PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType, ServerSideEncryption: 'AES256' }));
  }

  async get(key: string): Promise<string | undefined> {
    const { s3, sdk } = await s3Of(this.s3);
    try {
      const out = await s3.send(new sdk.GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return out.Body ? await out.Body.transformToString('utf-8') : undefined;
    } catch (err) {
      if ((err as { name?: string })?.name === 'NoSuchKey') return undefined;
      throw err;
    }
  }
}
