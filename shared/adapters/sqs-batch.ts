import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { FunctionMetrics } from './metrics';

/**
 * Runs one record handler over an SQS batch and reports the records that failed, so that only
 * those come back (ReportBatchItemFailures) and, after maxReceiveCount, land in the DLQ. With
 * metrics, the failed records are counted and the batch's metrics written once it is done.
 */
export function sqsBatchHandler(recordHandler: (record: SQSRecord) => Promise<unknown>, metrics?: FunctionMetrics) {
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const processor = new BatchProcessor(EventType.SQS);
    try {
      const response = await processPartialResponse(event, recordHandler, processor, { context });
      if (response.batchItemFailures.length > 0) metrics?.stageFailed(response.batchItemFailures.length);
      return response;
    } catch (err) {
      // Every record failed (the batch utility throws then): all of them come back.
      metrics?.stageFailed(event.Records.length);
      throw err;
    } finally {
      metrics?.publish();
    }
  };
}
