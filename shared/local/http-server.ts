import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { problem } from '../http/problem';
import type { HttpEvent } from '../http/request';
import type { TokenVerifier } from './jwt';

/**
 * API Gateway HTTP API's payload quota: "Payload size: 10 MB", not adjustable (Amazon API Gateway
 * developer guide, "Quotas for configuring and running an HTTP API"). Counted here as 10 MiB.
 */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

export type HttpApiHandler = (event: HttpEvent, context: Context) => Promise<APIGatewayProxyStructuredResultV2 | void>;

export function lambdaContext(functionName: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-3:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** The 413 of a body over the payload limit, in the API's problem+json format. */
function payloadTooLarge(): APIGatewayProxyStructuredResultV2 {
  const answer = problem(413, 'PAYLOAD_TOO_LARGE', `The request body exceeds ${MAX_PAYLOAD_BYTES} bytes, the largest payload the API accepts.`);
  // The rest of the body is not read: the connection cannot carry another request.
  const length = String(Buffer.byteLength(String(answer.body ?? ''), 'utf8'));
  return { ...answer, headers: { ...answer.headers, 'content-length': length, connection: 'close' } };
}

/** The Content-Length the client announced, when it announced a valid one. */
function declaredLength(req: IncomingMessage): number | undefined {
  const v = req.headers['content-length'];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

/**
 * Reads the body, counting as it comes: 'TOO_LARGE' as soon as the count passes `limit`, without
 * reading the rest (the request is paused; the connection closes after the answer).
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'TOO_LARGE'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.pause();
        resolve('TOO_LARGE');
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    const onClose = () => {
      if (req.complete) return;
      cleanup();
      reject(new Error('The client closed the connection before the end of the body'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

function unauthorized(): APIGatewayProxyStructuredResultV2 {
  // What API Gateway's JWT authorizer answers for a token it does not accept.
  return { statusCode: 401, headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer' }, body: JSON.stringify({ message: 'Unauthorized' }) };
}

/**
 * Plays API Gateway (HTTP API, payload v2) on loopback: verifies the bearer token as the JWT
 * authorizer would, turns the request into a v2 event and hands it to the same api handler.
 */
/** What the local stack serves besides the API (the contract, its reference, the web apps): undefined hands the request to the API. */
export type LocalSite = (request: { method: string; pathname: string; headers: IncomingMessage['headers']; body: Buffer }) => Promise<APIGatewayProxyStructuredResultV2 | undefined>;

export function createLocalHttpApi(opts: { verify: TokenVerifier; handler: HttpApiHandler; isReady: () => boolean; site?: LocalSite }): Server {
  const server = createServer(async (req, res) => {
    const send = (r: APIGatewayProxyStructuredResultV2) => {
      if (res.headersSent || res.destroyed) return;
      res.writeHead(r.statusCode ?? 200, r.headers as Record<string, string>);
      res.end(r.body ?? '');
    };
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (!opts.isReady()) {
        send({ statusCode: 503, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'starting' }) });
        return;
      }
      // As API Gateway: a body over the payload limit is refused at once, from its announced length
      // or as soon as the bytes received pass the limit, never after reading all of it.
      if ((declaredLength(req) ?? 0) > MAX_PAYLOAD_BYTES) {
        send(payloadTooLarge());
        return;
      }
      const body = await readBody(req, MAX_PAYLOAD_BYTES);
      if (body === 'TOO_LARGE') {
        send(payloadTooLarge());
        return;
      }
      const page = opts.site ? await opts.site({ method: req.method ?? 'GET', pathname: url.pathname, headers: req.headers, body }) : undefined;
      if (page) {
        send(page);
        return;
      }
      let claims: Record<string, string | number | boolean | string[]> | undefined;
      const auth = req.headers.authorization;
      if (auth) {
        const m = /^Bearer\s+(\S+)$/i.exec(auth);
        if (!m) return send(unauthorized());
        try {
          claims = (await opts.verify(m[1]!)) as typeof claims;
        } catch {
          return send(unauthorized());
        }
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
      const query: Record<string, string> = {};
      for (const [k, v] of url.searchParams) query[k] = query[k] ? `${query[k]},${v}` : v;
      const now = new Date();
      const event = {
        version: '2.0',
        routeKey: '$default',
        rawPath: url.pathname,
        rawQueryString: url.search.slice(1),
        headers,
        ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
        requestContext: {
          accountId: '000000000000',
          apiId: 'local',
          domainName: headers.host ?? '127.0.0.1',
          domainPrefix: 'local',
          http: { method: req.method ?? 'GET', path: url.pathname, protocol: 'HTTP/1.1', sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
          requestId: randomUUID(),
          routeKey: '$default',
          stage: '$default',
          time: now.toUTCString(),
          timeEpoch: now.getTime(),
          authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: claims ?? {}, scopes: [] } },
        },
        ...(body.length > 0 ? { body: body.toString('utf8') } : {}),
        isBase64Encoded: false,
      } as unknown as HttpEvent;
      const result = await opts.handler(event, lambdaContext('cabas-api'));
      send(result ?? { statusCode: 200 });
    } catch (err) {
      // The Lambda itself failed: API Gateway answers 500 "Internal Server Error".
      if (req.destroyed && !req.complete) return; // the client went away mid-body: nobody to answer
      console.error('[http] handler failed', err);
      send({ statusCode: 500, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'Internal Server Error' }) });
    }
  });
  // `Expect: 100-continue` (curl, for bodies over 1 MB): a body announced over the limit is refused
  // before the client sends any of it; any other request is told to go on and handled as usual.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if ((declaredLength(req) ?? 0) > MAX_PAYLOAD_BYTES) {
      const r = payloadTooLarge();
      res.writeHead(r.statusCode ?? 413, r.headers as Record<string, string>);
      res.end(r.body ?? '');
      return;
    }
    res.writeContinue();
    server.emit('request', req, res);
  });
  return server;
}
