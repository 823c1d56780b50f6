import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqsJsonSender } from '../../../shared/adapters/aws/sqs-sender';
import { SqsMessageBus } from '../../../shared/adapters/aws/sqs-bus';

/* The functions' SendMessage (SQS's JSON protocol, signed by themselves), against a server playing SQS. */

let server: Server;
let endpoint: string;
const seen: Array<{ target: string; auth: string; body: { QueueUrl: string; MessageBody: string } }> = [];
let answer: (body: string) => { status: number; json: unknown } = () => ({ status: 200, json: {} });

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { QueueUrl: string; MessageBody: string };
      seen.push({ target: String(req.headers['x-amz-target']), auth: String(req.headers.authorization), body });
      const { status, json } = answer(body.MessageBody);
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify(json));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const sender = () => new SqsJsonSender({ endpoint, region: 'eu-west-3', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } });
const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');

describe('SqsJsonSender', () => {
  it('sends the stage’s message to its queue, signed for SQS, and checks the MD5 SQS acknowledges', async () => {
    seen.length = 0;
    answer = (body) => ({ status: 200, json: { MessageId: 'm-1', MD5OfMessageBody: md5(body) } });
    const bus = new SqsMessageBus(sender(), { credit: 'https://sqs.eu-west-3.amazonaws.com/123456789012/city-credit' });
    await bus.sendToCredit({ receiptId: 'r-1' });
    expect(seen).toEqual([
      {
        target: 'AmazonSQS.SendMessage',
        auth: expect.stringMatching(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-3\/sqs\/aws4_request, /),
        body: { QueueUrl: 'https://sqs.eu-west-3.amazonaws.com/123456789012/city-credit', MessageBody: JSON.stringify({ receiptId: 'r-1' }) },
      },
    ]);
  });

  it('fails when the acknowledged MD5 is not the message’s (the receipt is then retried, not lost)', async () => {
    answer = () => ({ status: 200, json: { MessageId: 'm-2', MD5OfMessageBody: md5('something else') } });
    await expect(sender().send('https://sqs.eu-west-3.amazonaws.com/1/q', '{"receiptId":"r-2"}')).rejects.toThrow(/MD5/);
  });

  it('gives SQS’s error by its name, at once for a missing queue', async () => {
    seen.length = 0;
    answer = () => ({ status: 400, json: { __type: 'com.amazonaws.sqs#QueueDoesNotExist', message: 'The specified queue does not exist.' } });
    await expect(sender().send('https://sqs.eu-west-3.amazonaws.com/1/gone', '{}')).rejects.toMatchObject({ name: 'QueueDoesNotExist', message: 'The specified queue does not exist.' });
    expect(seen).toHaveLength(1);
  });
});
