import type { FunctionConfig } from '../config';
import type { AppContext } from '../app/context';
import { payoutSettingsFrom } from '../app/payouts';
import { matchConfig } from '../domain/matching';
import type { OcrEngine } from '../ocr/types';
import { createClients } from '../adapters/aws/clients';
import { S3ImageStore } from '../adapters/aws/s3-images';
import { S3DocumentStore } from '../adapters/aws/s3-documents';
import { SqsMessageBus } from '../adapters/aws/sqs-bus';
import { buildAppContext } from './app-context';
import { dynamoPorts } from './dynamo-ports';

/**
 * Builds the application context of one function container from its configuration. Only the
 * OCR function passes an engine factory (see lazyOcrEngine), so the other bundles carry no OCR code.
 */
export function createAppContext(config: FunctionConfig, ocrEngine?: () => Promise<OcrEngine>): AppContext {
  const { doc, s3, sqs } = createClients(config);
  return buildAppContext({
    ...dynamoPorts(doc, config.table, {
      merchants: {
        config: matchConfig({
          ...(config.matchAutoThreshold !== undefined ? { auto: config.matchAutoThreshold } : {}),
          ...(config.matchReviewThreshold !== undefined ? { review: config.matchReviewThreshold } : {}),
        }),
      },
    }),
    images: new S3ImageStore(s3, config.receiptsBucket),
    documents: new S3DocumentStore(s3, config.receiptsBucket),
    bus: new SqsMessageBus(sqs, { match: config.matchQueueUrl, credit: config.creditQueueUrl }),
    uploadUrlTtlSeconds: config.uploadUrlTtlSeconds,
    payoutSettings: payoutSettingsFrom(config),
    policy: config.fraudPolicy,
    ...(ocrEngine ? { ocrEngine } : {}),
  });
}
