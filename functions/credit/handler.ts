import type { SQSRecord } from 'aws-lambda';
import { loadConfig } from '../../shared/config';
import { createCreditContext } from '../../shared/wiring/credit';
import { createLogger } from '../../shared/adapters/logger';
import { createMetrics } from '../../shared/adapters/metrics';
import { withTelemetry } from '../../shared/wiring/telemetry';
import { sqsBatchHandler } from '../../shared/adapters/sqs-batch';
import { creditReceipt } from '../../shared/app/stages/credit';
import { ReceiptMessage, parseJsonMessage } from '../../shared/messages';

const logger = createLogger('credit');
const metrics = createMetrics('credit');
const ctx = withTelemetry(createCreditContext(loadConfig()), metrics);

/** Decision -> one ledger transaction; a redelivered message credits nothing. */
export const handler = sqsBatchHandler(async (record: SQSRecord) => {
  const { receiptId } = parseJsonMessage(record.body, ReceiptMessage);
  const outcome = await creditReceipt(ctx, receiptId);
  logger.info('receipt credited', { receiptId, outcome });
}, metrics);
