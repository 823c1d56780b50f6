import type { CreditCommand, MatchCommand, MessageBus } from '../../ports';
import type { QueueSender } from './sqs-sender';

/** The pipeline's messages, each to its stage's queue (the functions send them with SqsJsonSender). */
export class SqsMessageBus implements MessageBus {
  constructor(
    private readonly sender: QueueSender,
    private readonly queues: { match?: string; credit?: string },
  ) {}

  private async send(queueUrl: string | undefined, body: unknown, name: string) {
    if (!queueUrl) throw new Error(`No ${name} queue configured for this function`);
    await this.sender.send(queueUrl, JSON.stringify(body));
  }

  sendToMatch(command: MatchCommand) {
    return this.send(this.queues.match, command, 'match');
  }

  sendToCredit(command: CreditCommand) {
    return this.send(this.queues.credit, command, 'credit');
  }
}
