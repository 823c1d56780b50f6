import { S3Client } from '@aws-sdk/client-s3';
import type { FunctionConfig } from '../../config';

/** The S3 client of the receipts bucket (AWS, or the local stack's emulator through its endpoint). */
export function s3Client(config: Pick<FunctionConfig, 's3Endpoint'>): S3Client {
  // WHEN_REQUIRED: otherwise the SDK writes the CRC32 of an empty body into presigned PUT URLs,
  // which does not describe the image the resident will upload.
  return new S3Client({
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(config.s3Endpoint ? { endpoint: config.s3Endpoint, forcePathStyle: true } : {}),
  });
}
