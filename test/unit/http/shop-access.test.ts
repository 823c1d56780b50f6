import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../../shared/app/context';
import { callerOf, shopOf, type HttpEvent } from '../../../shared/http/request';
import { routeHttp, routes } from '../../../shared/http/routes';

/** The shop's staff: who they are from their token, and the router's check that a shop route's `{id}` is their shop. */
function event(method: string, path: string, claims?: Record<string, unknown>): HttpEvent {
  return { rawPath: path, headers: {}, requestContext: { http: { method }, authorizer: claims ? { jwt: { claims, scopes: [] } } : undefined } } as unknown as HttpEvent;
}

describe('the shop a caller speaks for', () => {
  it.each([
    [['merchant', 'merchant:shop-1'], 'shop-1'],
    [['merchant:shop-1', 'merchant'], 'shop-1'],
    [['merchant', 'merchant:shop-1', 'merchant:shop-1'], 'shop-1'],
    [['merchant:shop-1'], undefined],
    [['merchant'], undefined],
    [['merchant', 'merchant:shop-1', 'merchant:shop-2'], undefined],
    [['merchant', 'merchant:../x'], undefined],
    [['admin'], undefined],
  ])('%j -> %j', (groups, shop) => {
    expect(shopOf(groups)).toBe(shop);
  });

  it('reads it from the groups as API Gateway hands them over', () => {
    expect(callerOf(event('GET', '/', { sub: 'u1', 'cognito:groups': '[merchant merchant:shop-1]' }))).toEqual({ sub: 'u1', isAdmin: false, merchantId: 'shop-1' });
    expect(callerOf(event('GET', '/', { sub: 'u2' }))).toEqual({ sub: 'u2', isAdmin: false });
  });
});

describe('the shop routes', () => {
  /** Refusals happen before any store is touched. */
  const untouchable = new Proxy({} as AppContext, {
    get(_t, prop) {
      throw new Error(`context.${String(prop)} should not be used here`);
    },
  });
  const shopRoutes = routes.filter((r) => r.access === 'merchant');

  it('exist, each on a path whose {id} is the shop', () => {
    expect(shopRoutes.length).toBeGreaterThan(5);
    for (const r of shopRoutes) expect(r.path, r.operationId).toMatch(/^\/v1\/shops\/\{id\}/);
  });

  it.each(shopRoutes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s refuses everyone but the staff of that shop', async (_name, r) => {
    const path = r.path.replace('{id}', 'shop-1').replace('{itemId}', 'x1');
    const cases: Array<[string, Record<string, unknown> | undefined, number]> = [
      ['nobody', undefined, 401],
      ['a resident', { sub: 'r1' }, 403],
      ['city staff', { sub: 's1', 'cognito:groups': ['admin'] }, 403],
      ['another shop’s staff', { sub: 'm2', 'cognito:groups': ['merchant', 'merchant:shop-2'] }, 403],
      ['a shop group without the merchant group', { sub: 'm3', 'cognito:groups': ['merchant:shop-1'] }, 403],
    ];
    for (const [who, claims, status] of cases) {
      const res = await routeHttp(untouchable, event(r.method, path, claims));
      expect(res.statusCode, who).toBe(status);
    }
  });
});
