import { createHash } from 'node:crypto';
import { AwsJsonService, type AwsJsonClientOptions } from './json-protocol';

/** Sends one message to a queue. */
export interface QueueSender {
  send(queueUrl: string, body: string): Promise<void>;
}

/**
 * SendMessage in SQS's JSON protocol, signed by the functions themselves: the pipeline's stages send
 * one message per receipt and loading the SDK's SQS client cost about 100 ms of a cold start (npm
 * run bench:cold). Retries as the SDK's standard mode (../aws/json-protocol.ts); like the SDK, the
 * answer's MD5 of the body is checked, so a message altered on the way is an error, not a receipt
 * silently lost.
 */
export class SqsJsonSender implements QueueSender {
  private readonly sqs: AwsJsonService;

  constructor(options: AwsJsonClientOptions) {
    this.sqs = new AwsJsonService({ ...options, service: 'sqs', targetPrefix: 'AmazonSQS' });
  }

  async send(queueUrl: string, body: string): Promise<void> {
    const { body: answer, error } = await this.sqs.call('SendMessage', { QueueUrl: queueUrl, MessageBody: body });
    if (error) throw error;
    const md5 = createHash('md5').update(body, 'utf8').digest('hex');
    if (answer?.MD5OfMessageBody !== md5) throw new Error(`SQS acknowledged a message whose MD5 (${String(answer?.MD5OfMessageBody)}) is not the one sent (${md5})`);
  }

  destroy(): void {
    this.sqs.destroy();
  }
}
