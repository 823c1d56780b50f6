import { SQSClient } from '@aws-sdk/client-sqs';
import type { FunctionConfig } from '../../config';
import { sqsOptions } from './sqs-lazy';

/** The SQS client of the pipeline's queues, for the stages that send on every receipt (ocr, match). */
export function sqsClient(config: Pick<FunctionConfig, 'sqsEndpoint'>): SQSClient {
  return new SQSClient(sqsOptions(config));
}
