import type { SQSRecord } from 'aws-lambda';
import { loadConfig } from '../../shared/config';
import { createMatchContext } from '../../shared/wiring/match';
import { createLogger } from '../../shared/adapters/logger';
import { createMetrics } from '../../shared/adapters/metrics';
import { withTelemetry } from '../../shared/wiring/telemetry';
import { sqsBatchHandler } from '../../shared/adapters/sqs-batch';
import { matchReceipt } from '../../shared/app/stages/match';
import { ReceiptMessage, parseJsonMessage } from '../../shared/messages';

const logger = createLogger('match');
const metrics = createMetrics('match');
const ctx = withTelemetry(createMatchContext(loadConfig()), metrics);

/** Extraction -> shop, campaign and cashback decision (or review, or rejection). */
export const handler = sqsBatchHandler(async (record: SQSRecord) => {
  const { receiptId } = parseJsonMessage(record.body, ReceiptMessage);
  const outcome = await matchReceipt(ctx, receiptId);
  logger.info('receipt matched', { receiptId, outcome });
}, metrics);
