import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

/**
 * Runs one record handler over an SQS batch and reports the records that failed, so that only
 * those come back (ReportBatchItemFailures) and, after maxReceiveCount, land in the DLQ.
 */
export function sqsBatchHandler(recordHandler: (record: SQSRecord) => Promise<unknown>) {
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const processor = new BatchProcessor(EventType.SQS);
    return processPartialResponse(event, recordHandler, processor, { context });
  };
}
