import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import type { FunctionConfig } from '../../config';

/** The options of the receipts bucket's client (AWS, or the local stack's emulator through its endpoint). */
export function s3Options(config: Pick<FunctionConfig, 's3Endpoint'>): S3ClientConfig {
  // WHEN_REQUIRED: otherwise the SDK writes the CRC32 of an empty body into presigned PUT URLs,
  // which does not describe the image the resident will upload.
  return {
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(config.s3Endpoint ? { endpoint: config.s3Endpoint, forcePathStyle: true } : {}),
  };
}

/**
 * The same client, built when a request first needs it: the API's functions load the SDK's S3
 * package then (an upload slot, a link to a photo, an erasure, a payout file), not at their cold
 * start, which most of their routes would pay for nothing. No static import of the package here.
 */
export function lazyS3Client(config: Pick<FunctionConfig, 's3Endpoint'>): () => Promise<S3Client> {
  let client: Promise<S3Client> | undefined;
  return () => (client ??= import('@aws-sdk/client-s3').then(({ S3Client }) => new S3Client(s3Options(config))));
}
