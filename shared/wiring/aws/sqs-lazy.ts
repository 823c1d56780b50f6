import type { SQSClient, SQSClientConfig } from '@aws-sdk/client-sqs';
import type { FunctionConfig } from '../../config';

/** The options of the pipeline queues' client (AWS, or the local stack's emulator through its endpoint). */
export function sqsOptions(config: Pick<FunctionConfig, 'sqsEndpoint'>): SQSClientConfig {
  return config.sqsEndpoint ? { endpoint: config.sqsEndpoint } : {};
}

/** The same client as sqsClient, built when a message is first sent (no static import of the package here). */
export function lazySqsClient(config: Pick<FunctionConfig, 'sqsEndpoint'>): () => Promise<SQSClient> {
  let client: Promise<SQSClient> | undefined;
  return () => (client ??= import('@aws-sdk/client-sqs').then(({ SQSClient }) => new SQSClient(sqsOptions(config))));
}
