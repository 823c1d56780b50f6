/**
 * A credit worker in a process of its own, for fault tests: the real credit handler behind the
 * local queue worker. With CRASH_BEFORE_ACK=1 the process kills itself (SIGKILL) at the moment it
 * would acknowledge the batch: after the ledger transaction has committed, before SQS hears of it.
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { startQueueWorker } from '../../shared/local/services/queue-worker';

const { handler } = await import('../../functions/credit/handler');
const sqs = new SQSClient({ endpoint: process.env.CABAS_SQS_ENDPOINT, region: process.env.AWS_REGION });
if (process.env.CRASH_BEFORE_ACK === '1') {
  sqs.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'DeleteMessageBatchCommand') {
        console.log('crashing before the acknowledgement');
        process.kill(process.pid, 'SIGKILL');
      }
      return next(args);
    },
    { step: 'initialize', name: 'crashBeforeAck' },
  );
}
startQueueWorker({
  sqs,
  queueUrl: process.env.CABAS_CREDIT_QUEUE_URL!,
  queueArn: process.env.CREDIT_QUEUE_ARN!,
  region: process.env.AWS_REGION!,
  handler,
  batchSize: 1,
  retryVisibilitySeconds: 1,
  log: (msg, data) => console.log(msg, data ?? ''),
});
console.log('worker ready');
