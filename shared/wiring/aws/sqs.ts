import type { FunctionConfig } from '../../config';
import { SqsJsonSender } from '../../adapters/aws/sqs-sender';
import { signingFromEnvironment } from './signing';

/** The sender of the pipeline's queues: SQS in AWS, the local stack's emulator through its endpoint. */
export function queueSender(config: Pick<FunctionConfig, 'sqsEndpoint'>, env: NodeJS.ProcessEnv = process.env): SqsJsonSender {
  return new SqsJsonSender({ ...(config.sqsEndpoint ? { endpoint: config.sqsEndpoint } : {}), ...signingFromEnvironment('the SQS sender', env) });
}
