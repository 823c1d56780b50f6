import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from '../schema';
import { DomainError, ForbiddenError } from '../domain/errors';
import { TooManyRequestsError } from '../domain/limits';
import type { AppContext, Caller } from '../app/context';
import { auditSnapshots, recordStaffAction, type AuditSnapshot } from '../app/audit';
import { json, problem, zodErrors } from './problem';
import { callerOf, parseJsonBody, parseQuery, type HttpEvent } from './request';
import { PATH_PARAM, route, type Route, type RouteRequest } from './route';
import * as S from './schemas';
import { residentRoutes } from './resident-routes';
import { campaignRoutes } from './campaign-routes';
import { staffReceiptRoutes } from './staff-receipt-routes';
import { payoutRoutes } from './payout-routes';
import { merchantRoutes } from './merchant-routes';
import { publicCampaignRoutes } from './public-campaign-routes';
import { figuresRoutes } from './figures-routes';
import { shopPageRoutes } from './shop-page-routes';
import { counterRoutes } from './counter-routes';
export { PATH_PARAM } from './route';

/**
 * The REST API v1 and its router. Each area's routes live in their own file (residents, campaigns
 * and money, staff's receipts and audit, payouts, shops); this one puts them in one table, from
 * which the router, the OpenAPI document, the authorization and abuse tests and API Gateway's
 * public routes are all derived.
 */
export type { Access, Route } from './route';

/** The REST API v1. The fixed routes of the contract keep their paths and fields. */
const coreRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/v1/health',
    access: 'public',
    operationId: 'health',
    tag: 'Service',
    summary: 'Liveness: answers once every part is ready',
    success: { status: 200, schema: S.HealthResponse },
    handle: async () => json(200, { status: 'ok' }),
  }),
];

export const routes: Route[] = [...coreRoutes, ...residentRoutes, ...campaignRoutes, ...staffReceiptRoutes, ...payoutRoutes, ...merchantRoutes, ...publicCampaignRoutes, ...figuresRoutes, ...shopPageRoutes, ...counterRoutes];


function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const a = pattern.split('/');
  const b = path.replace(/\/+$/, '').split('/');
  if (a.length !== b.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < a.length; i++) {
    const seg = a[i]!;
    const val = b[i]!;
    if (seg.startsWith('{') && seg.endsWith('}')) {
      if (!PATH_PARAM.test(val)) return undefined;
      params[seg.slice(1, -1)] = val;
    } else if (seg !== val) return undefined;
  }
  return params;
}

export interface Logger {
  error(message: string, attributes: { [key: string]: unknown }): void;
}

/**
 * With `CABAS_CHECK_RESPONSES=1` (the test suites set it), every JSON answer is checked against
 * the schema the route publishes, and a mismatch is a 500 that names the route: the published
 * contract cannot drift from what the code answers.
 */
const checkResponses = process.env.CABAS_CHECK_RESPONSES === '1';

function checkedAnswer(route: Route, answer: APIGatewayProxyStructuredResultV2, log?: Logger): APIGatewayProxyStructuredResultV2 {
  if (!('schema' in route.success) || answer.statusCode !== route.success.status) return answer;
  const parsed = z.safeParse(route.success.schema, JSON.parse(String(answer.body)));
  if (parsed.success) return answer;
  log?.error('Answer does not match the published schema', { route: `${route.method} ${route.path}`, issues: parsed.error.issues });
  return problem(500, 'RESPONSE_CONTRACT_BROKEN', `${route.method} ${route.path} answered outside its published schema: ${JSON.stringify(zodErrors(parsed.error))}`);
}

/**
 * Runs a staff route and records it in the audit trail: the target's state before and after, or a
 * read. The answer waits for the record; if the record cannot be written the action is logged in
 * full and the caller is told (500 AUDIT_NOT_RECORDED), so that no staff action goes unrecorded silently.
 */
async function audited(ctx: AppContext, route: Route, request: RouteRequest<unknown, unknown>, caller: Caller, log?: Logger): Promise<APIGatewayProxyStructuredResultV2> {
  const spec = route.audit!;
  const name = spec.snapshot ?? spec.target;
  const snapshot = spec.read || !(name in auditSnapshots) ? undefined : auditSnapshots[name as AuditSnapshot];
  const givenId = request.params.id;
  const before = snapshot && givenId ? await snapshot(ctx, givenId) : undefined;
  const answer = await route.handle(ctx, request);
  const status = answer.statusCode ?? 200;
  if (status >= 400) return answer;
  const json = typeof answer.body === 'string' && String(answer.headers?.['content-type'] ?? '').startsWith('application/json') ? (JSON.parse(answer.body) as unknown) : undefined;
  const id = givenId ?? (json !== undefined ? spec.createdId?.(json) : undefined);
  const after = snapshot && id ? await snapshot(ctx, id) : spec.outcome && json !== undefined ? spec.outcome(json) : undefined;
  const action = {
    action: route.operationId,
    route: `${route.method} ${route.path}`,
    target: { type: spec.target, ...(id ? { id } : {}) },
    status,
    input: spec.input ? spec.input(request) : { ...(request.params.itemId ? { itemId: request.params.itemId } : {}), ...(request.body !== undefined ? { body: request.body } : {}) },
    ...(spec.read ? {} : { before: before ?? null, after: after ?? null }),
  };
  try {
    await recordStaffAction(ctx, caller, action);
  } catch (err) {
    log?.error('AUDIT_NOT_RECORDED: a staff action was done but its audit entry could not be written', { actor: caller.sub, ...action, error: err });
    return problem(500, 'AUDIT_NOT_RECORDED', 'The action was done, but its record in the audit trail could not be written; it has been logged for the operators.');
  }
  return answer;
}

/** Routes one HTTP API v2 event; every failure becomes a problem+json answer, never a bare 500. */
export async function routeHttp(ctx: AppContext, event: HttpEvent, log?: Logger): Promise<APIGatewayProxyStructuredResultV2> {
  const method = event.requestContext?.http?.method ?? 'GET';
  const path = event.rawPath ?? '/';
  let allowed = false;
  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (!params) continue;
    allowed = true;
    if (route.method !== method) continue;
    const caller = callerOf(event);
    if (route.access !== 'public' && !caller) return problem(401, 'UNAUTHENTICATED', 'A valid bearer token is required.');
    if (route.access === 'admin' && !caller!.isAdmin) return problem(403, 'FORBIDDEN', new ForbiddenError().message);
    if (route.access === 'merchant' && caller!.merchantId !== params.id) return problem(403, 'FORBIDDEN', 'Réservé au personnel de ce commerce.');
    try {
      const query = route.query ? parseQuery(event, route.query) : undefined;
      const body = route.body ? parseJsonBody(event, route.body) : undefined;
      const request = { body, query, params, caller, event };
      const answer = route.audit && caller ? await audited(ctx, route, request, caller, log) : await route.handle(ctx, request);
      return checkResponses ? checkedAnswer(route, answer, log) : answer;
    } catch (err) {
      if (err instanceof TooManyRequestsError) return problem(429, err.code, err.message, undefined, { 'retry-after': String(err.retryAfterSeconds) });
      if (err instanceof DomainError) return problem(err.status, err.code, err.message, err.errors);
      // A schema check deeper than the route's own (an operation re-parsing its input) is still the caller's mistake.
      if (err instanceof z.$ZodError) return problem(400, 'VALIDATION_ERROR', 'The request is not valid.', zodErrors(err));
      log?.error('Unhandled error in route', { route: `${route.method} ${route.path}`, error: err });
      return problem(500, 'INTERNAL_ERROR', 'Something went wrong on our side; the request can be retried.');
    }
  }
  return allowed
    ? problem(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${path}.`)
    : problem(404, 'ROUTE_NOT_FOUND', `No route ${method} ${path}.`);
}
