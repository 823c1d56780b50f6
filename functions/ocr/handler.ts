import type { SQSRecord } from 'aws-lambda';
import { loadConfig } from '../../shared/config';
import { createOcrContext } from '../../shared/wiring/ocr';
import { lazyOcrEngine } from '../../shared/wiring/ocr-engine';
import { createLogger } from '../../shared/adapters/logger';
import { createMetrics } from '../../shared/adapters/metrics';
import { withTelemetry } from '../../shared/wiring/telemetry';
import { sqsBatchHandler } from '../../shared/adapters/sqs-batch';
import { readUploadedReceipt } from '../../shared/app/stages/read';
import { S3Notification, decodeS3Key, parseJsonMessage } from '../../shared/messages';

const logger = createLogger('ocr');
const config = loadConfig();
const metrics = createMetrics('ocr');
const ctx = withTelemetry(createOcrContext(config, lazyOcrEngine(config)), metrics);

/** S3 ObjectCreated notifications (through the ocr queue) -> checked, hashed, read, parsed. */
export const handler = sqsBatchHandler(async (record: SQSRecord) => {
  const notification = parseJsonMessage(record.body, S3Notification);
  for (const r of notification.Records ?? []) {
    if (!r.eventName.startsWith('ObjectCreated') || r.s3.bucket.name !== config.receiptsBucket) continue;
    const key = decodeS3Key(r.s3.object.key);
    const outcome = await readUploadedReceipt(ctx, key);
    logger.info('receipt read', { key, outcome });
  }
}, metrics);
