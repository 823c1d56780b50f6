import { S3Client } from '@aws-sdk/client-s3';
import type { FunctionConfig } from '../../config';
import { s3Options } from '../../adapters/aws/s3-sdk';

/** The S3 client of the receipts bucket, for the functions that use it on every invocation (ocr, photos). */
export function s3Client(config: Pick<FunctionConfig, 's3Endpoint'>): S3Client {
  return new S3Client(s3Options(config));
}
