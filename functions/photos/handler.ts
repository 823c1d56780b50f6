import type { SQSRecord } from 'aws-lambda';
import { loadConfig } from '../../shared/config';
import { createPhotosContext } from '../../shared/wiring/photos';
import { createLogger } from '../../shared/adapters/logger';
import { sqsBatchHandler } from '../../shared/adapters/sqs-batch';
import { processShopPhotoUpload } from '../../shared/app/shop-photo-processing';
import { S3Notification, decodeS3Key, parseJsonMessage } from '../../shared/messages';

const logger = createLogger('photos');
const config = loadConfig();
const ctx = createPhotosContext(config);

/** S3 ObjectCreated notifications of the shops' photo uploads (through the photos queue) -> checked, resized, metadata gone. */
export const handler = sqsBatchHandler(async (record: SQSRecord) => {
  const notification = parseJsonMessage(record.body, S3Notification);
  for (const r of notification.Records ?? []) {
    if (!r.eventName.startsWith('ObjectCreated') || r.s3.bucket.name !== config.receiptsBucket) continue;
    const key = decodeS3Key(r.s3.object.key);
    const outcome = await processShopPhotoUpload(ctx, key);
    logger.info('shop photo processed', { key, outcome });
  }
});
