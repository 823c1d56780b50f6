import type { SQSClient } from '@aws-sdk/client-sqs';
import type { CreditCommand, MatchCommand, MessageBus } from '../../ports';

/** A client, or a function that loads the SDK's SQS package on first use (staff's API function: only an approval sends). */
export type SqsSource = SQSClient | (() => Promise<SQSClient>);

export class SqsMessageBus implements MessageBus {
  constructor(
    private readonly sqs: SqsSource,
    private readonly queues: { match?: string; credit?: string },
  ) {}

  private async send(queueUrl: string | undefined, body: unknown, name: string) {
    if (!queueUrl) throw new Error(`No ${name} queue configured for this function`);
    const [{ SendMessageCommand }, sqs] = await Promise.all([import('@aws-sdk/client-sqs'), typeof this.sqs === 'function' ? this.sqs() : this.sqs]);
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(body) }));
  }

  sendToMatch(command: MatchCommand) {
    return this.send(this.queues.match, command, 'match');
  }

  sendToCredit(command: CreditCommand) {
    return this.send(this.queues.credit, command, 'credit');
  }
}
