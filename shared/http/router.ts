import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from '../schema';
import { DomainError, ForbiddenError } from '../domain/errors';
import { TooManyRequestsError } from '../domain/limits';
import { PORT_NAMES, type AppContext, type Caller } from '../app/context';
import { auditSnapshots, recordStaffAction, type AuditSnapshot } from '../app/audit';
import { matchPath, type ApiFunction } from './api-function';
import { problem, zodErrors } from './problem';
import { callerOf, parseJsonBody, parseQuery, type HttpEvent } from './request';
import type { Route, RouteRequest } from './route';

/**
 * The router of the REST API: finds the route of an HTTP API v2 event among the routes of one or
 * more API functions (shared/http/api-function.ts), checks who calls, parses the body and the
 * query with the route's schemas, runs the operation and maps every failure to problem+json.
 */

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
 * The context as the route's function is wired: a port outside its list throws, so that the test
 * suites (which set CABAS_CHECK_RESPONSES) catch a route using a port its function lacks.
 */
function onlyWired(ctx: AppContext, fn: ApiFunction, route: Route): AppContext {
  const wired = new Set<string>(fn.ports);
  return new Proxy(ctx, {
    get(target, key, receiver) {
      if (typeof key === 'string' && PORTS.has(key) && !wired.has(key)) {
        throw new Error(`${route.method} ${route.path} used the ${key} port, which the ${fn.name} function is not wired with (shared/http/functions/, shared/wiring/${fn.name}.ts)`);
      }
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}
const PORTS = new Set<string>(PORT_NAMES);

/**
 * Runs a staff route and records it in the audit trail: the target's state before and after, or a
 * read. The answer waits for the record; if the record cannot be written the action is logged in
 * full and the caller is told (500 AUDIT_NOT_RECORDED), so that no staff action goes unrecorded silently.
 */
async function audited(ctx: AppContext, route: Route, request: RouteRequest<unknown, unknown>, caller: Caller, log?: Logger): Promise<APIGatewayProxyStructuredResultV2> {
  const spec = route.audit!;
  const named = typeof spec.snapshot === 'function' ? undefined : (spec.snapshot ?? spec.target);
  const snapshot = spec.read ? undefined : typeof spec.snapshot === 'function' ? spec.snapshot : named && named in auditSnapshots ? auditSnapshots[named as AuditSnapshot] : undefined;
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

/**
 * Routes one HTTP API v2 event among the routes of `functions` (one in a Lambda function, every
 * one in the local stack); every failure becomes a problem+json answer, never a bare 500.
 */
export async function serveHttp(ctx: AppContext, functions: readonly ApiFunction[], event: HttpEvent, log?: Logger): Promise<APIGatewayProxyStructuredResultV2> {
  const method = event.requestContext?.http?.method ?? 'GET';
  const path = event.rawPath ?? '/';
  let allowed = false;
  for (const fn of functions) for (const route of fn.routes) {
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
      const wired = checkResponses ? onlyWired(ctx, fn, route) : ctx;
      const answer = route.audit && caller ? await audited(wired, route, request, caller, log) : await route.handle(wired, request);
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
