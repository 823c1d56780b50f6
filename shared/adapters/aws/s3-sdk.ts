import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';

/**
 * Where an S3 adapter gets its client: a client, or a function that loads the SDK's S3 package on
 * first use (shared/wiring/aws/s3.ts, `lazyS3Client`). The API's functions take the second: most
 * of their routes never touch the bucket, and the S3 packages are about a fifth of a cold start.
 */
export type S3Source = S3Client | (() => Promise<S3Client>);

/** The client, loading it if it is not loaded yet. */
export function clientOf(source: S3Source): Promise<S3Client> {
  return typeof source === 'function' ? source() : Promise.resolve(source);
}

/** The SDK's S3 commands, loaded with the first request that needs one (the runtime's package, not bundled). */
export const s3Commands = () => import('@aws-sdk/client-s3');

/** The SDK's presigner, loaded with the first link or upload slot. */
export const s3Presigner = () => import('@aws-sdk/s3-request-presigner');

/** The client and the SDK's commands, both loaded (once per container) before a request. */
export async function s3Of(source: S3Source): Promise<{ s3: S3Client; sdk: Awaited<ReturnType<typeof s3Commands>> }> {
  const [sdk, s3] = await Promise.all([s3Commands(), clientOf(source)]);
  return { s3, sdk };
}

/** The options of the receipts bucket's client (AWS, or the local stack's emulator through its endpoint). */
export function s3Options(config: { s3Endpoint?: string | undefined }): S3ClientConfig {
  // WHEN_REQUIRED: otherwise the SDK writes the CRC32 of an empty body into presigned PUT URLs,
  // which does not describe the image the resident will upload.
  return {
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(config.s3Endpoint ? { endpoint: config.s3Endpoint, forcePathStyle: true } : {}),
  };
}
