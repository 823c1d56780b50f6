import type { BucketClient } from './s3-rest';
import type { DocumentStore } from '../../ports';

/** Files the city keeps (payout files for the bank, CSVs for the accountant), private in S3. */
export class S3DocumentStore implements DocumentStore {
  constructor(private readonly bucket: BucketClient) {}

  put(key: string, body: string, contentType: string): Promise<void> {
    return this.bucket.putObject(key, body, { contentType, encrypted: true });
  }

  async get(key: string): Promise<string | undefined> {
    const object = await this.bucket.getObject(key);
    return object ? Buffer.from(object.bytes).toString('utf8') : undefined;
  }
}
