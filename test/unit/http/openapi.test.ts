import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { OPENAPI_FILE, openApiJson, problemCodes } from '../../../shared/http/openapi';
import { routes } from '../../../shared/http/routes';

const committed = readFileSync(OPENAPI_FILE, 'utf8');
const doc = JSON.parse(committed) as {
  openapi: string;
  paths: Record<string, Record<string, { operationId: string; security: unknown[]; responses: Record<string, { content?: Record<string, unknown> }>; 'x-cabas-access': string }>>;
};

describe('docs/openapi.json', () => {
  it('is what the route table generates (run `npm run openapi` after changing a route)', () => {
    expect(committed).toBe(openApiJson());
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(structuredClone(doc) as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toMatch(/^3\.1\./);
  });

  it('describes every route the router serves, with its access, and nothing else', () => {
    const served = routes.map((r) => `${r.method} ${r.path} ${r.access}`).sort();
    const documented = Object.entries(doc.paths)
      .flatMap(([path, item]) => Object.entries(item).map(([method, op]) => `${method.toUpperCase()} ${path} ${op['x-cabas-access']}`))
      .sort();
    expect(documented).toEqual(served);
    expect(new Set(routes.map((r) => r.operationId)).size).toBe(routes.length);
  });

  it('marks every non-public route with the bearer scheme and lists its 401, and staff and shop-staff routes their 403', () => {
    for (const r of routes) {
      const op = doc.paths[r.path]![r.method.toLowerCase()]!;
      expect(op.security.length > 0, `${r.method} ${r.path}`).toBe(r.access !== 'public');
      expect('401' in op.responses, `${r.method} ${r.path}`).toBe(r.access !== 'public');
      // Staff and shop-staff routes answer 403 FORBIDDEN to other callers; a route may have a 403 of its own (NOT_A_CUSTOMER).
      expect('403' in op.responses, `${r.method} ${r.path}`).toBe(r.access === 'admin' || r.access === 'merchant' || r.problems?.[403] !== undefined);
      expect(problemCodes(r).get(403)?.includes('FORBIDDEN') ?? false, `${r.method} ${r.path}`).toBe(r.access === 'admin' || r.access === 'merchant');
    }
  });

  it('gives each paged route INVALID_CURSOR and every problem answer the problem+json type', () => {
    for (const r of routes) {
      const codes = problemCodes(r);
      if (r.paged) expect(codes.get(400), `${r.method} ${r.path}`).toContain('INVALID_CURSOR');
      const op = doc.paths[r.path]![r.method.toLowerCase()]!;
      for (const [status, res] of Object.entries(op.responses)) {
        if (status === 'default' || Number(status) >= 400) expect(Object.keys(res.content ?? {})).toEqual(['application/problem+json']);
      }
    }
  });
});
