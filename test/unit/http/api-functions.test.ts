import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../shared/config';
import { PORT_NAMES, type AppContext } from '../../../shared/app/context';
import { DEFAULT_API_FUNCTION, functionServing, gatewayRoutes, type ApiFunction, type ApiFunctionName } from '../../../shared/http/api-function';
import { routeHttp, routes, apiFunctions } from '../../../shared/http/routes';
import { serveHttp } from '../../../shared/http/router';
import { apiFunctionContext, NotWiredError } from '../../../shared/wiring/function-context';
import { createApiContext } from '../../../shared/wiring/api';
import { createShopsContext } from '../../../shared/wiring/shops';
import { createStaffContext } from '../../../shared/wiring/staff';
import { createMerchantsContext } from '../../../shared/wiring/merchants';
import { createCounterContext } from '../../../shared/wiring/counter';
import { createFinanceContext } from '../../../shared/wiring/finance';
import { createSepaContext } from '../../../shared/wiring/sepa';
import { memoryAppContext } from '../../../shared/wiring/memory-context';
import { LAMBDA_TEST_ENV } from '../../support/lambda-env';

/** Issue 18: the REST API served by one Lambda function per audience, each with its own routes and ports. */

const concrete = (template: string) => template.replace(/\{[^}]+\}/g, 'id-1');
const WIRING: Record<ApiFunctionName, (config: ReturnType<typeof loadConfig>) => AppContext> = {
  api: createApiContext,
  shops: createShopsContext,
  staff: createStaffContext,
  merchants: createMerchantsContext,
  counter: createCounterContext,
  finance: createFinanceContext,
  sepa: createSepaContext,
};

describe("the API's functions", () => {
  it('share the contract between them: every route in exactly one function, none left out', () => {
    const keys = apiFunctions.flatMap((fn) => fn.routes.map((r) => `${r.method} ${r.path}`));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
    expect(new Set(apiFunctions.map((fn) => fn.name)).size).toBe(apiFunctions.length);
  });

  it('serve one audience each: residents and the public, shops’ staff, or city staff', () => {
    const audiences = Object.fromEntries(apiFunctions.map((fn) => [fn.name, [...new Set(fn.routes.map((r) => r.access))].sort()]));
    expect(audiences).toEqual({
      api: ['public', 'resident'],
      shops: ['merchant'],
      staff: ['admin'],
      merchants: ['admin'],
      counter: ['admin'],
      finance: ['admin'],
      sepa: ['admin'],
    });
  });

  it('are reached through API Gateway’s routes: each route of the contract by its own function, anything else by the residents’ one', () => {
    for (const fn of apiFunctions) {
      for (const route of fn.routes) expect(functionServing(apiFunctions, concrete(route.path)), `${route.method} ${route.path}`).toBe(fn.name);
    }
    expect(functionServing(apiFunctions, '/v1/admin/nothing-here')).toBe(DEFAULT_API_FUNCTION);
    expect(functionServing(apiFunctions, '/v1/admin/merchants/m-1/unknown')).toBe(DEFAULT_API_FUNCTION);
    expect(functionServing(apiFunctions, '/v2/receipts')).toBe(DEFAULT_API_FUNCTION);
    // A subtree shared by two functions: the literal segment wins over the greedy one.
    expect(functionServing(apiFunctions, '/v1/admin/merchants/m-1/deposits')).toBe('finance');
    expect(functionServing(apiFunctions, '/v1/admin/merchants/m-1/photos/p-1')).toBe('merchants');
    expect(functionServing(apiFunctions, '/v1/admin/receipts/r-1/reverse')).toBe('finance');
    expect(functionServing(apiFunctions, '/v1/admin/receipts/r-1/decision')).toBe('staff');
  });

  it('give API Gateway a few routes: a subtree of one function is one greedy route', () => {
    const gateway = gatewayRoutes(apiFunctions);
    expect(gateway.length).toBeLessThan(routes.length / 2);
    expect(gateway).toContainEqual({ path: '/v1/shops/{proxy+}', function: 'shops' });
    expect(gateway).toContainEqual({ path: '/v1/admin/merchants/{id}/deposits', function: 'finance' });
    expect(gateway.every((r) => r.function !== DEFAULT_API_FUNCTION)).toBe(true);
    const both: ApiFunction[] = [
      { name: 'api', serves: '', ports: [], routes: [routes[0]!] },
      { name: 'staff', serves: '', ports: [], routes: [routes[0]!] },
    ];
    expect(() => gatewayRoutes(both)).toThrow(/served by both api and staff/);
  });

  it('answer 404 for another function’s route, 405 for a method their route does not have', async () => {
    const ctx = memoryAppContext();
    const staff = apiFunctions.find((fn) => fn.name === 'staff')!;
    const event = (method: string, path: string) => ({ rawPath: path, requestContext: { http: { method } }, headers: {} }) as never;
    expect((await serveHttp(ctx, [staff], event('GET', '/v1/health'))).statusCode).toBe(404);
    expect((await serveHttp(ctx, [staff], event('DELETE', '/v1/admin/review'))).statusCode).toBe(405);
    expect((await routeHttp(ctx, event('GET', '/v1/health'))).statusCode).toBe(200);
  });

  it('are each wired with exactly the ports their table declares, any other failing at once', () => {
    const config = loadConfig(LAMBDA_TEST_ENV);
    for (const fn of apiFunctions) {
      const ctx = WIRING[fn.name](config);
      for (const port of PORT_NAMES) {
        const use = () => (ctx[port] as unknown as Record<string, unknown>).anything;
        if (fn.ports.includes(port)) expect(() => (ctx[port] as unknown as Record<string, unknown>).constructor, `${fn.name}.${port}`).not.toThrow();
        else expect(use, `${fn.name}.${port}`).toThrow(NotWiredError);
      }
    }
    const staff = apiFunctions.find((fn) => fn.name === 'staff')!;
    expect(() => apiFunctionContext(staff, config, {})).toThrow(/staff function's wiring does not match its ports: missing receipts/);
    const sepa = apiFunctions.find((fn) => fn.name === 'sepa')!;
    const full = memoryAppContext();
    expect(() => apiFunctionContext(sepa, config, { ledger: full.ledger, payouts: full.payouts, audit: full.audit, documents: full.documents, images: full.images })).toThrow(/not declared images/);
  });

  it('refuse, in the test suites, a route reaching for a port its function is not wired with', async () => {
    const ctx = memoryAppContext();
    const health = routes.find((r) => r.path === '/v1/health')!;
    const greedy: ApiFunction = { name: 'finance', serves: '', ports: [], routes: [{ ...health, handle: async (c) => ({ statusCode: 200, body: String(await c.receipts.get('r-1')) }) }] };
    const logged: unknown[] = [];
    const answer = await serveHttp(ctx, [greedy], { rawPath: '/v1/health', requestContext: { http: { method: 'GET' } }, headers: {} } as never, { error: (_m, a) => logged.push(a.error) });
    expect(answer.statusCode).toBe(500);
    expect(String(logged[0])).toMatch(/GET \/v1\/health used the receipts port, which the finance function is not wired with/);
  });
});
