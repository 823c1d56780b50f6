import type { S3Client } from '@aws-sdk/client-s3';
import type { FunctionConfig } from '../../config';
import { s3Options } from '../../adapters/aws/s3-sdk';

/**
 * The same client, built when a request first needs it: the API's functions load the SDK's S3
 * package then (an upload slot, a link to a photo, an erasure, a payout file), not at their cold
 * start, which most of their routes would pay for nothing. No static import of the package here.
 */
export function lazyS3Client(config: Pick<FunctionConfig, 's3Endpoint'>): () => Promise<S3Client> {
  let client: Promise<S3Client> | undefined;
  return () => (client ??= import('@aws-sdk/client-s3').then(({ S3Client }) => new S3Client(s3Options(config))));
}
