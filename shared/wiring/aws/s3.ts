import type { FunctionConfig } from '../../config';
import { S3RestClient } from '../../adapters/aws/s3-rest';
import { signingFromEnvironment } from './signing';

/**
 * The receipts bucket, through the functions' own signed S3 client (no AWS SDK to load). In AWS the
 * endpoint is unset (the bucket's regional virtual host); the local stack points it at the emulator.
 */
export function bucketClient(config: Pick<FunctionConfig, 's3Endpoint' | 'receiptsBucket'>, env: NodeJS.ProcessEnv = process.env): S3RestClient {
  return new S3RestClient({ bucket: config.receiptsBucket, ...(config.s3Endpoint ? { endpoint: config.s3Endpoint } : {}), ...signingFromEnvironment('the S3 client', env) });
}
