import { MemoryAuditLog } from '../../support/memory-audit';
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

describe('creating a welcome bonus through the API', () => {
  it('answers 201 (the merchants default does not trip the kind check when the operation parses again)', async () => {
    const created: unknown[] = [];
    const audit = new MemoryAuditLog();
    const ctx = {
      merchants: { get: async (id: string) => (id === 'm-1' ? { merchantId: 'm-1' } : undefined) },
      campaigns: { create: async (c: unknown) => void created.push(c), get: async () => created[0] },
      ledger: { campaignStats: async () => ({ fundedCents: 0, creditedCents: 0, remainingCents: 0, returnedCents: 0 }) },
      clock: { now: () => new Date('2026-09-01T08:00:00Z') },
      newId: () => 'c-1',
      audit,
    } as unknown as AppContext;
    const body = { kind: 'WELCOME_BONUS', name: 'Bienvenue', budgetCents: 4500, startsOn: '2026-09-01', endsOn: '2027-01-31', merchantId: 'm-1', bonusCents: 1500 };
    const r = await routeHttp(ctx, event('POST', '/v1/admin/campaigns', { sub: 's', 'cognito:groups': ['admin'] }, JSON.stringify(body)));
    expect(r.statusCode).toBe(201);
    expect(JSON.parse(String(r.body))).toEqual({ campaignId: 'c-1', status: 'DRAFT' });
    expect(created).toEqual([expect.objectContaining({ kind: 'WELCOME_BONUS', merchantId: 'm-1', bonusCents: 1500 })]);
    expect(audit.entries).toEqual([expect.objectContaining({ actor: 's', action: 'createCampaign', target: { type: 'campaign', id: 'c-1' } })]);
  });

  it('still refuses a welcome bonus aimed at other shops, naming the field', async () => {
    const body = { kind: 'WELCOME_BONUS', name: 'B', budgetCents: 4500, startsOn: '2026-09-01', endsOn: '2027-01-31', merchantId: 'm-1', bonusCents: 1500, merchants: { tags: ['x'] } };
    const r = await call(event('POST', '/v1/admin/campaigns', { sub: 's', 'cognito:groups': ['admin'] }, JSON.stringify(body)));
    expect(r).toMatchObject({ status: 400, body: { code: 'VALIDATION_ERROR', errors: [expect.objectContaining({ path: 'merchants' })] } });
  });

  it('turns a schema error thrown inside an operation into a 400 naming the field, never a 500', async () => {
    const ctx = {
      merchants: { get: async () => ({ merchantId: 'm-1' }) },
      campaigns: { create: async () => undefined },
      clock: { now: () => new Date() },
      newId: () => 'c-2',
    } as unknown as AppContext;
    // An operation (or a store under it) may parse with zod again: its failure is the caller's 400.
    const { z } = await import('zod');
    const err = new z.ZodError([{ code: 'custom', path: ['merchants'], message: 'boom', input: 1 }]);
    const failing = { ...ctx, campaigns: { get: async () => { throw err; } } } as unknown as AppContext;
    const r = await routeHttp(failing, event('GET', '/v1/admin/campaigns/c-2', { sub: 's', 'cognito:groups': ['admin'] }));
    expect(r.statusCode).toBe(400);
    expect(JSON.parse(String(r.body))).toMatchObject({ code: 'VALIDATION_ERROR', errors: [{ path: 'merchants', message: 'boom' }] });
  });
});
