import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { SqsJsonSender } from '../../../shared/adapters/aws/sqs-sender';
import { SqsMessageBus } from '../../../shared/adapters/aws/sqs-bus';
import { type Heard, playServiceInSuite } from '../../support/service-double';

/* The functions' SendMessage (SQS's JSON protocol, signed by themselves), against a server playing SQS. */

const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');
function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
  res.end(JSON.stringify(body));
}
/** What SQS answers a message it took: its id and the MD5 of the body it received. */
const acknowledge = (heard: Heard, res: ServerResponse) => json(res, 200, { MessageId: 'm-1', MD5OfMessageBody: md5(String(heard.json.MessageBody)) });

const sqs = playServiceInSuite(acknowledge);
const sender = () => new SqsJsonSender({ endpoint: sqs.endpoint, region: 'eu-west-3', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } });

describe('SqsJsonSender', () => {
  it('sends the stage’s message to its queue, signed for SQS, and checks the MD5 SQS acknowledges', async () => {
    const bus = new SqsMessageBus(sender(), { credit: 'https://sqs.eu-west-3.amazonaws.com/123456789012/city-credit' });
    await bus.sendToCredit({ receiptId: 'r-1' });
    expect(sqs.seen.map((h) => ({ target: h.target, auth: h.headers.authorization, body: h.json }))).toEqual([
      {
        target: 'AmazonSQS.SendMessage',
        auth: expect.stringMatching(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-3\/sqs\/aws4_request, /),
        body: { QueueUrl: 'https://sqs.eu-west-3.amazonaws.com/123456789012/city-credit', MessageBody: JSON.stringify({ receiptId: 'r-1' }) },
      },
    ]);
  });

  it('fails when the acknowledged MD5 is not the message’s (the receipt is then retried, not lost)', async () => {
    sqs.replies.push((_heard, res) => json(res, 200, { MessageId: 'm-2', MD5OfMessageBody: md5('something else') }));
    await expect(sender().send('https://sqs.eu-west-3.amazonaws.com/1/q', '{"receiptId":"r-2"}')).rejects.toThrow(/MD5/);
  });

  it('gives SQS’s error by its name, at once for a missing queue', async () => {
    sqs.replies.push((_heard, res) => json(res, 400, { __type: 'com.amazonaws.sqs#QueueDoesNotExist', message: 'The specified queue does not exist.' }));
    await expect(sender().send('https://sqs.eu-west-3.amazonaws.com/1/gone', '{}')).rejects.toMatchObject({ name: 'QueueDoesNotExist', message: 'The specified queue does not exist.' });
    expect(sqs.seen).toHaveLength(1);
  });
});
