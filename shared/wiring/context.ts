import type { FunctionConfig } from '../config';
import type { AppContext } from '../app/context';
import { payoutSettingsFrom } from '../app/payouts';
import type { OcrEngine } from '../ocr/types';
import { S3ImageStore } from '../adapters/aws/s3-images';
import { S3DocumentStore } from '../adapters/aws/s3-documents';
import { S3MediaStore } from '../adapters/aws/s3-media';
import { SqsMessageBus } from '../adapters/aws/sqs-bus';
import { buildAppContext } from './app-context';
import { documentClient } from './aws/dynamodb';
import { bucketClient } from './aws/s3';
import { queueSender } from './aws/sqs';
import { dynamoPorts } from './dynamo-ports';
import { merchantIndexOptions } from './merchant-index';

/**
 * The full application context, every port over DynamoDB, S3 and SQS: the local stack's demo
 * seeding. Each Lambda function is wired with only what it uses (shared/wiring/<function>.ts).
 */
export function createAppContext(config: FunctionConfig, ocrEngine?: () => Promise<OcrEngine>): AppContext {
  const doc = documentClient(config);
  const bucket = bucketClient(config);
  return buildAppContext({
    ...dynamoPorts(doc, config.table, { merchants: merchantIndexOptions(config) }),
    images: new S3ImageStore(bucket),
    documents: new S3DocumentStore(bucket),
    media: new S3MediaStore(bucket),
    bus: new SqsMessageBus(queueSender(config), { match: config.matchQueueUrl, credit: config.creditQueueUrl }),
    uploadUrlTtlSeconds: config.uploadUrlTtlSeconds,
    payoutSettings: payoutSettingsFrom(config),
    policy: config.fraudPolicy,
    ...(ocrEngine ? { ocrEngine } : {}),
  });
}
