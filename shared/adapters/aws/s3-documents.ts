import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DocumentStore } from '../../ports';

/** Files the city keeps (payout files for the bank, CSVs for the accountant), private in S3. */
export class S3DocumentStore implements DocumentStore {
  constructor(private readonly s3: S3Client, private readonly bucket: string) {}

  async put(key: string, body: string, contentType: string): Promise<void> {
    await this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType, ServerSideEncryption: 'AES256' }));
  }

  async get(key: string): Promise<string | undefined> {
    try {
      const out = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return out.Body ? await out.Body.transformToString('utf-8') : undefined;
    } catch (err) {
      if ((err as { name?: string })?.name === 'NoSuchKey') return undefined;
      throw err;
    }
  }
}
