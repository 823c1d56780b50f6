import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/**
 * A local HTTP server playing an AWS service for the unit tests of the functions' own clients
 * (shared/adapters/aws, shared/adapters/dynamodb/client): it hears every request and answers from
 * a script, one reply per request, or with `fallback` when the script is empty.
 */

export interface Heard {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** X-Amz-Target, for the JSON protocols ('' when absent). */
  target: string;
  /** The body read as JSON ({} when empty or not JSON). */
  json: Record<string, unknown>;
}

export type Reply = (heard: Heard, res: ServerResponse) => void;

export interface ServiceDouble {
  /** http://127.0.0.1:<port>, once the suite has started. */
  endpoint: string;
  /** What was heard since the last test began (or since it was emptied). */
  seen: Heard[];
  /** The answers to give, in order. */
  replies: Reply[];
}

function parse(body: Buffer): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Starts the double before the suite's tests, empties what it heard before each, stops it after them. */
export function playServiceInSuite(fallback: Reply): ServiceDouble {
  const double: ServiceDouble = { endpoint: '', seen: [], replies: [] };
  let server: Server;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const heard: Heard = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, target: String(req.headers['x-amz-target'] ?? ''), json: parse(body) };
        double.seen.push(heard);
        (double.replies.shift() ?? fallback)(heard, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    double.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    double.seen = [];
    double.replies = [];
  });
  return double;
}

/** What an SDK client would have sent, as its request handler receives it. */
export interface SdkRequest {
  method: string;
  hostname: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
}

/**
 * A request handler for an SDK client that keeps the request instead of sending it and answers 200
 * with `answer`: `new DynamoDBClient({ requestHandler: capture.handler })`, then `capture.last()`.
 */
export function capturingRequestHandler(answer = '{}'): { handler: never; last(): SdkRequest } {
  let captured: SdkRequest | undefined;
  const handler = {
    handle: async (req: SdkRequest) => {
      captured = req;
      return { response: { statusCode: 200, headers: {}, body: Readable.from([Buffer.from(answer)]) } };
    },
  };
  return {
    handler: handler as never,
    last: () => {
      if (!captured) throw new Error('The SDK client sent nothing');
      return captured;
    },
  };
}
