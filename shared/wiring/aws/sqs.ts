import { SQSClient } from '@aws-sdk/client-sqs';
import type { FunctionConfig } from '../../config';

/** The SQS client of the pipeline's queues (AWS, or the local stack's emulator through its endpoint). */
export function sqsClient(config: Pick<FunctionConfig, 'sqsEndpoint'>): SQSClient {
  return new SQSClient(config.sqsEndpoint ? { endpoint: config.sqsEndpoint } : {});
}
