import { describe, expect, it } from 'vitest';
import { routeHttp } from '../../../shared/http/routes';
import type { AppContext } from '../../../shared/app/context';
import type { HttpEvent } from '../../../shared/http/request';

/** Routing, access and error mapping need no store: a context that fails if touched proves it. */
const untouchable = new Proxy({} as AppContext, {
  get(_t, prop) {
    throw new Error(`context.${String(prop)} should not be used here`);
  },
});

function event(method: string, path: string, claims?: Record<string, unknown>, body?: string): HttpEvent {
  return {
    rawPath: path,
    requestContext: { http: { method }, authorizer: claims ? { jwt: { claims, scopes: [] } } : undefined },
    ...(body !== undefined ? { body } : {}),
  } as unknown as HttpEvent;
}

async function call(e: HttpEvent) {
  const r = await routeHttp(untouchable, e);
  return { status: r.statusCode, type: r.headers?.['content-type'], body: JSON.parse(String(r.body)) };
}

describe('routeHttp', () => {
  it('answers health without a token', async () => {
    expect(await call(event('GET', '/v1/health'))).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it.each([
    ['an unknown route', event('GET', '/v1/nothing'), 404, 'ROUTE_NOT_FOUND'],
    ['a wrong method', event('DELETE', '/v1/health'), 405, 'METHOD_NOT_ALLOWED'],
    ['a resident route without a token', event('GET', '/v1/me/wallet'), 401, 'UNAUTHENTICATED'],
    ['a staff route for a resident', event('POST', '/v1/admin/campaigns', { sub: 'r1' }), 403, 'FORBIDDEN'],
    ['a staff route for a resident in other groups', event('POST', '/v1/admin/campaigns', { sub: 'r1', 'cognito:groups': '[residents]' }), 403, 'FORBIDDEN'],
    ['a path parameter with odd characters', event('GET', '/v1/receipts/..%2F..', { sub: 'r1' }), 404, 'ROUTE_NOT_FOUND'],
    ['a body that is not JSON', event('POST', '/v1/admin/campaigns', { sub: 's', 'cognito:groups': '[admin]' }, '{oops'), 400, 'INVALID_JSON'],
    ['a campaign body that is not valid', event('POST', '/v1/admin/campaigns', { sub: 's', 'cognito:groups': ['admin'] }, '{"name":"x"}'), 400, 'VALIDATION_ERROR'],
    ['an unsupported receipt type', event('POST', '/v1/receipts', { sub: 'r1' }, '{"contentType":"image/gif","contentLength":10}'), 400, 'UNSUPPORTED_FILE'],
    ['a receipt over 10 MB', event('POST', '/v1/receipts', { sub: 'r1' }, '{"contentType":"image/png","contentLength":10485761}'), 400, 'TOO_LARGE'],
  ])('maps %s to a problem', async (_name, e, status, code) => {
    const r = await call(e);
    expect(r.status).toBe(status);
    expect(r.type).toBe('application/problem+json');
    expect(r.body).toMatchObject({ status, code, title: expect.any(String), detail: expect.any(String), type: expect.stringContaining('https://') });
  });

  it('lists the fields that failed validation', async () => {
    const r = await call(event('POST', '/v1/admin/campaigns', { sub: 's', 'cognito:groups': ['admin'] }, '{"name":"x","budgetCents":1.5}'));
    expect(r.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['budgetCents', 'startsOn', 'endsOn', 'rateBps']));
  });
});
