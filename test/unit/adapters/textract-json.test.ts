import { AnalyzeExpenseCommand, DetectDocumentTextCommand, TextractClient } from '@aws-sdk/client-textract';
import { describe, expect, it } from 'vitest';
import { TextractJsonClient } from '../../../shared/adapters/aws/textract-json';
import { createOcrEngine } from '../../../shared/ocr/engines';
import { textractClient } from '../../../shared/wiring/aws/textract';
import { type Reply, capturingRequestHandler, playServiceInSuite } from '../../support/service-double';

/*
 * The ocr function's own Textract client (shared/adapters/aws/textract-json.ts): the request it
 * sends is the one the AWS SDK's Textract client sends (protocol, target, body), and its reading of
 * answers and errors is checked against a local HTTP server playing Textract.
 */

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const IMAGE = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1, 250, 251, 252]);

const json = (status: number, body: unknown): Reply => (_req, res) => {
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'REQ' });
  res.end(JSON.stringify(body));
};

const textract = playServiceInSuite(json(500, { __type: 'InternalServerError', message: 'no reply scripted' }));

/** What the SDK's Textract client sends for the same call, captured before it leaves. */
async function sdkSent(command: AnalyzeExpenseCommand | DetectDocumentTextCommand) {
  const capture = capturingRequestHandler();
  const client = new TextractClient({ region: 'eu-west-3', credentials: CREDENTIALS, requestHandler: capture.handler });
  await client.send(command as never);
  client.destroy();
  return capture.last();
}

const client = (over: Partial<ConstructorParameters<typeof TextractJsonClient>[0]> = {}) => new TextractJsonClient({ endpoint: textract.endpoint, region: 'eu-west-3', credentials: CREDENTIALS, ...over });

describe('TextractJsonClient', () => {
  it.each([
    ['AnalyzeExpense', new AnalyzeExpenseCommand({ Document: { Bytes: IMAGE } }), (c: TextractJsonClient) => c.analyzeExpense(IMAGE)],
    ['DetectDocumentText', new DetectDocumentTextCommand({ Document: { Bytes: IMAGE } }), (c: TextractJsonClient) => c.detectDocumentText(IMAGE)],
  ] as const)('sends %s as the SDK does: AWS JSON 1.1, the target, the bytes in base64, signed for textract', async (operation, command, call) => {
    const theirs = await sdkSent(command);
    textract.replies.push(json(200, { DocumentMetadata: { Pages: 1 }, Blocks: [] }));
    expect(await call(client())).toEqual({ DocumentMetadata: { Pages: 1 }, Blocks: [] });
    const ours = textract.seen[0]!;
    expect(ours.headers['content-type']).toBe(theirs.headers['content-type']);
    expect(ours.headers['x-amz-target']).toBe(theirs.headers['x-amz-target']);
    expect(ours.headers['x-amz-target']).toBe(`Textract.${operation}`);
    expect(ours.json).toEqual(JSON.parse(theirs.body));
    expect(Buffer.from(String((ours.json.Document as { Bytes: string }).Bytes), 'base64')).toEqual(Buffer.from(IMAGE));
    expect(ours.headers.authorization).toMatch(/Credential=AKIDEXAMPLE\/\d{8}\/eu-west-3\/textract\/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target,/);
  });

  it('sends the bytes of a view into a larger buffer, not the whole buffer', async () => {
    const whole = Buffer.from('....JPEG....');
    textract.replies.push(json(200, {}));
    await client().analyzeExpense(new Uint8Array(whole.buffer, whole.byteOffset + 4, 4));
    expect(Buffer.from(String((textract.seen[0]!.json.Document as { Bytes: string }).Bytes), 'base64').toString()).toBe('JPEG');
  });

  it('throws a refused document at once, named as the SDK names it, and the engines call it unreadable', async () => {
    textract.replies.push(json(400, { __type: 'com.amazonaws.textract#UnsupportedDocumentException', Message: 'Request has unsupported document format' }));
    await expect(client().analyzeExpense(IMAGE)).rejects.toMatchObject({ name: 'UnsupportedDocumentException', message: 'Request has unsupported document format', $metadata: { httpStatusCode: 400, attempts: 1 } });
    textract.replies.push(json(400, { __type: 'BadDocumentException', Message: 'bad' }));
    const engine = await createOcrEngine('textract-text', { textract: client() });
    await expect(engine.read(IMAGE, 'image/jpeg')).rejects.toMatchObject({ name: 'OcrError', code: 'UNREADABLE' });
    expect(textract.seen).toHaveLength(2);
  });

  it('retries throttling and server errors, then gives the last one for the queue to retry', async () => {
    textract.replies.push(json(400, { __type: 'ProvisionedThroughputExceededException' }), json(500, { __type: 'InternalServerError' }), json(200, { Blocks: [] }));
    expect(await client().detectDocumentText(IMAGE)).toEqual({ Blocks: [] });
    expect(textract.seen).toHaveLength(3);
    textract.seen = [];
    textract.replies.push(json(400, { __type: 'ThrottlingException' }), json(400, { __type: 'ThrottlingException' }));
    await expect(client({ maxAttempts: 2 }).detectDocumentText(IMAGE)).rejects.toMatchObject({ name: 'ThrottlingException', $metadata: { attempts: 2 } });
  });

  it('is built from the function’s environment, naming what is missing', async () => {
    await expect(textractClient({}).analyzeExpense(IMAGE)).rejects.toThrow(/AWS_REGION is not set: the Textract client needs a region/);
  });
});
