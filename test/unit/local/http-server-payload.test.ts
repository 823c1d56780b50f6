import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLocalHttpApi, MAX_PAYLOAD_BYTES } from '../../../shared/local/http-server';

/** What the local HTTP API answers over a raw socket: status line, headers, body. */
interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Parses one HTTP/1.1 answer with a Content-Length out of what the socket received so far. */
function parseAnswer(raw: Buffer): RawAnswer | undefined {
  const end = raw.indexOf('\r\n\r\n');
  if (end === -1) return undefined;
  const [statusLine, ...lines] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? 0);
  const body = raw.subarray(end + 4);
  if (body.length < length) return undefined;
  return { status: Number(statusLine?.split(' ')[1]), headers, body: body.subarray(0, length).toString('utf8') };
}

/**
 * Opens a connection, sends `head`, then whatever `send` writes; resolves with the first complete
 * answer (ignoring interim 1xx answers) and whether the socket was still open for writing then.
 */
function exchange(
  port: number,
  head: string,
  send: (socket: Socket, answered: () => boolean) => Promise<void> | void,
): Promise<{ answer: RawAnswer; at: number; stillSending: boolean; interim: string[] }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let done = false;
    let sendingFinished = false;
    const interim: string[] = [];
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      // Interim answers (100 Continue) have no body.
      for (;;) {
        const m = /^HTTP\/1\.1 1\d\d [^\r]*\r\n(?:[^\r]+\r\n)*\r\n/.exec(received.toString('latin1'));
        if (!m) break;
        interim.push(m[0].split('\r\n')[0] ?? '');
        received = received.subarray(Buffer.byteLength(m[0], 'latin1'));
      }
      const answer = parseAnswer(received);
      if (answer && !done) {
        done = true;
        resolve({ answer, at: Date.now(), stillSending: !sendingFinished, interim });
        socket.destroy();
      }
    });
    socket.on('error', (err) => {
      if (!done) reject(err);
    });
    socket.on('connect', () => {
      socket.write(head);
      Promise.resolve(send(socket, () => done))
        .then(() => {
          sendingFinished = true;
        })
        .catch((err: unknown) => {
          if (!done) reject(err);
        });
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the local HTTP API (API Gateway) payload limit', () => {
  let server: Server;
  let port: number;
  const handled: Array<{ path: string; bodyLength: number }> = [];

  beforeAll(async () => {
    server = createLocalHttpApi({
      verify: async () => ({ sub: 'alice' }),
      isReady: () => true,
      handler: async (event) => {
        handled.push({ path: event.rawPath, bodyLength: Buffer.byteLength(event.body ?? '', 'utf8') });
        return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ok: true }) };
      },
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  beforeEach(() => {
    handled.length = 0;
  });

  function expectPayloadTooLarge(answer: RawAnswer) {
    expect(answer.status).toBe(413);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    const body = JSON.parse(answer.body) as Record<string, unknown>;
    expect(body).toEqual({
      type: 'https://cabas.city/problems/payload-too-large',
      title: 'Content Too Large',
      status: 413,
      detail: expect.stringContaining(String(MAX_PAYLOAD_BYTES)),
      code: 'PAYLOAD_TOO_LARGE',
    });
  }

  it("is API Gateway HTTP API's 10 MB", () => {
    expect(MAX_PAYLOAD_BYTES).toBe(10 * 1024 * 1024);
  });

  it('accepts bodies up to the limit (more than the 1 MiB it used to refuse)', async () => {
    const body = Buffer.alloc(MAX_PAYLOAD_BYTES, 'a');
    const res = await fetch(`http://127.0.0.1:${port}/v1/admin/merchants/import`, { method: 'POST', body, headers: { 'content-type': 'text/csv' } });
    expect(res.status).toBe(200);
    expect(handled).toEqual([{ path: '/v1/admin/merchants/import', bodyLength: MAX_PAYLOAD_BYTES }]);
  });

  it('refuses at once, from the Content-Length, a body announced over the limit, before it is sent', async () => {
    const started = Date.now();
    const { answer, stillSending } = await exchange(
      port,
      `POST /v1/receipts HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${MAX_PAYLOAD_BYTES + 1}\r\n\r\n`,
      async (socket, answered) => {
        // A little of the body, then nothing more until the answer has come.
        socket.write(Buffer.alloc(1024, 'x'));
        while (!answered()) await sleep(10);
      },
    );
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(stillSending).toBe(true);
    expectPayloadTooLarge(answer);
    expect(answer.headers['connection']).toBe('close');
    expect(handled).toEqual([]);
  });

  it('refuses a chunked body as soon as the bytes received pass the limit, without waiting for the rest', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 'y');
    let crossedAt = 0;
    const { answer, at, stillSending } = await exchange(
      port,
      'POST /v1/admin/merchants/import HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/csv\r\nTransfer-Encoding: chunked\r\n\r\n',
      async (socket, answered) => {
        // Slowly, 1 MiB at a time: 10 MiB, then one byte more; then the client goes quiet (never
        // sends the terminating chunk), as a slow or endless upload would.
        for (let sent = 0; sent < MAX_PAYLOAD_BYTES && !answered(); sent += chunk.length) {
          socket.write(`${chunk.length.toString(16)}\r\n`);
          socket.write(chunk);
          socket.write('\r\n');
          await sleep(20);
        }
        crossedAt = Date.now();
        socket.write('1\r\nz\r\n');
        while (!answered()) await sleep(10);
      },
    );
    expect(stillSending).toBe(true);
    expect(at - crossedAt).toBeLessThan(2_000);
    expectPayloadTooLarge(answer);
    expect(handled).toEqual([]);
  });

  it('answers `Expect: 100-continue` with the 413 instead of 100 when the announced body is too large', async () => {
    const { answer, interim } = await exchange(
      port,
      `PUT /v1/admin/campaigns/c1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${MAX_PAYLOAD_BYTES * 2}\r\nExpect: 100-continue\r\n\r\n`,
      async (_socket, answered) => {
        while (!answered()) await sleep(10);
      },
    );
    expect(interim).toEqual([]);
    expectPayloadTooLarge(answer);
    expect(handled).toEqual([]);
  });

  it('still lets a small body through after `Expect: 100-continue`', async () => {
    const body = '{"x":1}';
    const { answer, interim } = await exchange(
      port,
      `POST /v1/receipts HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\n\r\n`,
      async (socket) => {
        await sleep(50);
        socket.write(body);
      },
    );
    expect(interim).toEqual(['HTTP/1.1 100 Continue']);
    expect(answer.status).toBe(200);
    expect(handled).toEqual([{ path: '/v1/receipts', bodyLength: body.length }]);
  });
});
