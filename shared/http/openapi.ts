/**
 * The OpenAPI 3.1 document of the REST API, generated from the route table: each route's path,
 * access, request schemas (the very ones the router parses with), answers and problem codes.
 *
 * Build-time only: `npm run openapi` writes it to docs/openapi.json, a test fails when the
 * committed file differs from what this generates, and the local stack serves the committed file.
 * Nothing here is imported by a Lambda handler.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as z from '../schema';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponsesObject } from 'zod-openapi';
import { PATH_PARAM, routes } from './routes';
import type { Route } from './route';
import { ProblemSchema } from './schemas';

const ROOT = new URL('../../', import.meta.url);
export const OPENAPI_FILE = fileURLToPath(new URL('docs/openapi.json', ROOT));

const STATUS_TEXT: Record<number, string> = {
  400: 'The request is not valid',
  401: 'No valid bearer token',
  403: 'Not allowed to this caller',
  404: 'Not found',
  409: 'Conflicts with the current state',
  413: 'The body is too large',
  415: 'Unsupported media type',
  422: 'Not processable',
  429: 'Too many requests: wait for `Retry-After` seconds',
};

/** The problem codes a route may answer, by status: its own, and those the router and the gateway add. */
export function problemCodes(route: Route): Map<number, string[]> {
  const codes = new Map<number, Set<string>>();
  const add = (status: number, ...list: readonly string[]) => {
    const set = codes.get(status) ?? new Set<string>();
    for (const c of list) set.add(c);
    codes.set(status, set);
  };
  if (route.access !== 'public') add(401, 'UNAUTHENTICATED');
  if (route.access === 'admin' || route.access === 'merchant') add(403, 'FORBIDDEN');
  if (route.body) add(400, 'INVALID_JSON', 'VALIDATION_ERROR');
  if (route.body || route.rawBody) add(413, 'PAYLOAD_TOO_LARGE');
  if (route.query) add(400, 'INVALID_QUERY');
  if (route.paged) add(400, 'INVALID_CURSOR');
  for (const [status, list] of Object.entries(route.problems ?? {})) add(Number(status), ...(list ?? []));
  return new Map([...codes].sort(([a], [b]) => a - b).map(([s, set]) => [s, [...set].sort()]));
}

const ACCESS_TEXT: Record<Route['access'], string> = {
  public: 'Anyone, no token.',
  resident: 'A signed-in resident (any valid token; `sub` is the resident).',
  admin: 'City staff: a token whose `cognito:groups` claim holds `admin`.',
  merchant: 'A shop’s staff, on their own shop only: a token whose `cognito:groups` claim holds `merchant` and `merchant:<merchantId>`, that shop being the path’s `{id}`.',
};

function operation(route: Route): ZodOpenApiOperationObject {
  const pathNames = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const pathSchema =
    pathNames.length > 0
      ? z.object(Object.fromEntries(pathNames.map((n) => [n, z.described(z.string().check(z.regex(PATH_PARAM)), { description: n === 'id' ? 'the resource id' : `the ${n}` })])))
      : undefined;

  const responses: Record<string, ZodOpenApiResponsesObject[keyof ZodOpenApiResponsesObject]> = {};
  const ok = route.success;
  responses[String(ok.status)] =
    'file' in ok
      ? { description: ok.file.description, content: { [ok.file.contentType]: { schema: { type: 'string' } } } }
      : { description: ok.status === 201 ? 'Created' : 'OK', content: { 'application/json': { schema: ok.schema, ...(ok.example ? { example: ok.example } : {}) } } };
  for (const [status, codes] of problemCodes(route)) {
    responses[String(status)] = {
      description: `${STATUS_TEXT[status] ?? 'Problem'}: ${codes.map((c) => `\`${c}\``).join(', ')}`,
      content: {
        'application/problem+json': {
          schema: { allOf: [{ $ref: '#/components/schemas/Problem' }, { type: 'object', properties: { code: { type: 'string', enum: codes } } }] },
        },
      },
      ...(status === 429 ? { headers: z.object({ 'Retry-After': z.described(z.string(), { description: 'seconds to wait' }) }) } : {}),
    };
  }
  responses.default = {
    description: 'Unexpected failure (`INTERNAL_ERROR`); the request can be retried',
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  };

  const requestBody = route.rawBody
    ? { required: true, description: route.rawBody.description, content: { [route.rawBody.contentType]: { schema: { type: 'string' as const } } } }
    : route.body
      ? {
          required: true,
          content: { 'application/json': { schema: route.bodyDoc ?? route.body, ...(route.bodyExample ? { example: route.bodyExample } : {}) } },
        }
      : undefined;

  return {
    operationId: route.operationId,
    summary: route.summary,
    description: [route.description, `**Who:** ${ACCESS_TEXT[route.access]}`, route.paged ? '**Paged:** `?limit=&cursor=`, answers `{ items, nextCursor }`.' : undefined]
      .filter(Boolean)
      .join('\n\n'),
    tags: [route.tag],
    security: route.access === 'public' ? [] : [{ bearer: [] }],
    'x-cabas-access': route.access,
    ...(pathSchema || route.query ? { requestParams: { ...(pathSchema ? { path: pathSchema } : {}), ...(route.query ? { query: route.query as z.ZodMiniObject } : {}) } } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses,
  } as ZodOpenApiOperationObject;
}

export function buildOpenApiDocument() {
  const version = (JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as { version: string }).version;
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    const item = (paths[route.path] ??= {}) as Record<string, ZodOpenApiOperationObject>;
    item[route.method.toLowerCase()] = operation(route);
  }
  return createDocument(
    {
      openapi: '3.1.0',
      info: {
        title: 'Cabas REST API',
        version,
        description:
          'The API of one city’s Cabas stack: residents send till receipts and follow their cashback; city staff run campaigns, shops, the review queue and payouts. ' +
          'JSON over HTTPS; amounts are integer cents in fields ending in `Cents` (EUR); instants are ISO 8601 UTC; purchase dates are local (Europe/Paris) `YYYY-MM-DD`. ' +
          'Errors are `application/problem+json` (RFC 9457) with a stable `code`. Lists are paged with `?limit=&cursor=` and answer `{ items, nextCursor }`; a cursor is opaque.',
        license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
      },
      servers: [{ url: 'http://127.0.0.1:3000', description: 'the local stack (`npm start`); a city’s API URL is an output of its stack' }],
      tags: [
        { name: 'Receipts', description: 'A resident’s receipts' },
        { name: 'Wallet', description: 'Cashback balance, movements and payout account' },
        { name: 'Households', description: 'Residents who share a gift allowance' },
        { name: 'Privacy', description: 'A resident’s data rights' },
        { name: 'Shops', description: 'Participating shops' },
        { name: 'News', description: 'The programme’s and the shops’ news' },
        { name: 'Reviews', description: 'Reviews by residents who bought at the shop' },
        { name: 'Shop space', description: 'A shop’s staff: their page, news, replies and figures' },
        { name: 'Campaigns', description: 'The city’s operations and their rules' },
        { name: 'Review', description: 'Doubtful receipts decided by staff' },
        { name: 'Ledger', description: 'Money moves: budgets, deposits, reversals' },
        { name: 'Payouts', description: 'SEPA batches' },
        { name: 'Audit', description: 'Staff actions' },
        { name: 'Counter', description: 'Residents without a smartphone, served by staff at the counter' },
        { name: 'Service', description: 'Health and contract' },
      ],
      components: {
        schemas: { Problem: ProblemSchema },
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A Cognito access token in AWS; `npx cabas token` locally.' },
        },
      },
      paths,
    },
    { reused: 'inline' },
  );
}

/** The document as committed: stable key order, two-space indent, final newline. */
export function openApiJson(): string {
  return `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(OPENAPI_FILE, openApiJson());
  console.log(`wrote ${OPENAPI_FILE}`);
}
