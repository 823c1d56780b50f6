import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { CreditCommand, MatchCommand, MessageBus } from '../../ports';

export class SqsMessageBus implements MessageBus {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queues: { match?: string; credit?: string },
  ) {}

  private async send(queueUrl: string | undefined, body: unknown, name: string) {
    if (!queueUrl) throw new Error(`No ${name} queue configured for this function`);
    await this.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(body) }));
  }

  sendToMatch(command: MatchCommand) {
    return this.send(this.queues.match, command, 'match');
  }

  sendToCredit(command: CreditCommand) {
    return this.send(this.queues.credit, command, 'credit');
  }
}
