import { createServer, type IncomingMessage, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { HttpEvent } from '../http/request';
import type { TokenVerifier } from './jwt';

const MAX_BODY_BYTES = 1024 * 1024;

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

async function readBody(req: IncomingMessage): Promise<Buffer | 'TOO_LARGE'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return 'TOO_LARGE';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function unauthorized(): APIGatewayProxyStructuredResultV2 {
  // What API Gateway's JWT authorizer answers for a token it does not accept.
  return { statusCode: 401, headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer' }, body: JSON.stringify({ message: 'Unauthorized' }) };
}

/**
 * Plays API Gateway (HTTP API, payload v2) on loopback: verifies the bearer token as the JWT
 * authorizer would, turns the request into a v2 event and hands it to the same api handler.
 */
export function createLocalHttpApi(opts: { verify: TokenVerifier; handler: HttpApiHandler; isReady: () => boolean }): Server {
  return createServer(async (req, res) => {
    const send = (r: APIGatewayProxyStructuredResultV2) => {
      res.writeHead(r.statusCode ?? 200, r.headers as Record<string, string>);
      res.end(r.body ?? '');
    };
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (!opts.isReady()) {
        send({ statusCode: 503, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'starting' }) });
        return;
      }
      const body = await readBody(req);
      if (body === 'TOO_LARGE') {
        send({ statusCode: 413, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'Request Entity Too Large' }) });
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
      console.error('[http] handler failed', err);
      send({ statusCode: 500, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'Internal Server Error' }) });
    }
  });
}
