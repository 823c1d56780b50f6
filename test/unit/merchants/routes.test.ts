import { MemoryAuditLog } from '../../support/memory-audit';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../shared/app/context';
import { routeHttp } from '../../../shared/http/routes';
import type { HttpEvent } from '../../../shared/http/request';
import { MemoryMerchantStore } from '../../../shared/merchants/memory-store';

const ADMIN = { sub: 'staff', 'cognito:groups': '[admin]' };
const RESIDENT = { sub: 'alice' };

let store: MemoryMerchantStore;
let ctx: AppContext;

beforeEach(() => {
  store = new MemoryMerchantStore();
  let n = 0;
  const only = { merchants: store, audit: new MemoryAuditLog(), clock: { now: () => new Date('2026-03-01T10:00:00Z') }, newId: () => `shop-${++n}` };
  ctx = new Proxy(only as unknown as AppContext, {
    get(target, prop) {
      if (prop in target) return (target as unknown as Record<string | symbol, unknown>)[prop];
      throw new Error(`context.${String(prop)} should not be used by merchant routes`);
    },
  });
});

async function call(method: string, path: string, opts: { claims?: Record<string, unknown>; body?: unknown; query?: Record<string, string>; headers?: Record<string, string>; base64?: boolean } = {}) {
  const event = {
    rawPath: path,
    headers: opts.headers ?? { 'content-type': 'application/json' },
    ...(opts.query ? { queryStringParameters: opts.query } : {}),
    requestContext: { http: { method }, authorizer: opts.claims ? { jwt: { claims: opts.claims, scopes: [] } } : undefined },
    ...(opts.body !== undefined ? { body: typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body) } : {}),
    isBase64Encoded: opts.base64 ?? false,
  } as unknown as HttpEvent;
  const r = await routeHttp(ctx, event);
  return { status: r.statusCode, type: r.headers?.['content-type'], body: JSON.parse(String(r.body)) };
}

const SHOPS = [
  { name: "Au Fournil d'Élise", siret: '81234567600017', address: { street: '12 rue de la République', postcode: '37410', city: 'Montclair-sur-Loire' }, category: 'Boulangerie', tags: ['centre-ville'] },
  { name: 'Librairie Les Mots Passants', siret: '90412387400029', address: { street: '4 place du Marché aux Herbes', postcode: '37410', city: 'Montclair-sur-Loire' }, category: 'Librairie', tags: ['centre-ville', 'zone-travaux'] },
  { name: 'Fromagerie Maison Vergne', siret: '52876341000040', address: { street: '27 avenue des Tilleuls', postcode: '37410', city: 'Montclair-sur-Loire' }, category: 'Fromagerie', tags: ['centre-ville'], aliases: ['Maison Vergne'] },
  { name: 'La Cave des Coteaux', siret: '88310274100013', address: { street: '3 bis quai Paul Bert', postcode: '37410', city: 'Montclair-sur-Loire' }, category: 'Caviste', tags: ['bords-de-loire'] },
  { name: 'Les Primeurs du Mail', siret: '79955012400033', address: { street: '8 place de la Halle', postcode: '37410', city: 'Montclair-sur-Loire' }, category: 'Primeur', tags: ['zone-travaux'] },
];

async function seed() {
  const ids: string[] = [];
  for (const s of SHOPS) ids.push((await call('POST', '/v1/admin/merchants', { claims: ADMIN, body: s })).body.merchantId);
  return ids;
}

describe('POST /v1/admin/merchants', () => {
  it('registers a shop with the fixed body and answers 201 { merchantId }', async () => {
    const r = await call('POST', '/v1/admin/merchants', { claims: ADMIN, body: SHOPS[0] });
    expect(r).toMatchObject({ status: 201, body: { merchantId: 'shop-1' } });
  });

  it('takes the showcase, NAF code, sign and coordinates too', async () => {
    const r = await call('POST', '/v1/admin/merchants', {
      claims: ADMIN,
      body: { ...SHOPS[0], nafCode: '1071C', sign: "AU FOURNIL D'ELISE", coordinates: { lat: 47.39, lon: 0.69 }, showcase: { description: 'Pain au levain', openingHours: 'mar.-dim. 7h-20h', website: 'https://fournil.example', phone: '02 47 12 34 56', photoUrls: ['https://img.example/1.jpg'] } },
    });
    expect(r.status).toBe(201);
    expect(await store.get(r.body.merchantId)).toMatchObject({ nafCode: '10.71C', showcase: { phone: '02 47 12 34 56' } });
  });

  it.each([
    ['a bad SIRET', { ...SHOPS[0], siret: '12345678901234' }, 'siret'],
    ['a bad postcode', { ...SHOPS[0], address: { ...SHOPS[0]!.address, postcode: '1' } }, 'address.postcode'],
    ['an unknown field', { ...SHOPS[0], status: 'ACTIVE' }, '(body)'],
    ['a bad phone', { ...SHOPS[0], showcase: { phone: '12' } }, 'showcase.phone'],
  ])('refuses %s', async (_n, body, path) => {
    const r = await call('POST', '/v1/admin/merchants', { claims: ADMIN, body });
    expect(r).toMatchObject({ status: 400, body: { code: 'VALIDATION_ERROR' } });
    expect(r.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('refuses a SIRET registered already (409) and residents (403)', async () => {
    await call('POST', '/v1/admin/merchants', { claims: ADMIN, body: SHOPS[0] });
    expect(await call('POST', '/v1/admin/merchants', { claims: ADMIN, body: SHOPS[0] })).toMatchObject({ status: 409, body: { code: 'MERCHANT_EXISTS' } });
    expect(await call('POST', '/v1/admin/merchants', { claims: RESIDENT, body: SHOPS[1] })).toMatchObject({ status: 403 });
  });
});

describe('GET /v1/merchants', () => {
  it('lists ACTIVE shops by name, public fields only, page by page', async () => {
    const ids = await seed();
    await call('PATCH', `/v1/admin/merchants/${ids[3]}`, { claims: ADMIN, body: { status: 'SUSPENDED', statusReason: 'contrôle' } });
    const first = await call('GET', '/v1/merchants', { query: { limit: '2' } });
    expect(first.status).toBe(200);
    expect(first.body.items.map((i: { name: string }) => i.name)).toEqual(["Au Fournil d'Élise", 'Fromagerie Maison Vergne']);
    const second = await call('GET', '/v1/merchants', { query: { limit: '2', cursor: first.body.nextCursor } });
    expect(second.body.items.map((i: { name: string }) => i.name)).toEqual(['Les Primeurs du Mail', 'Librairie Les Mots Passants']);
    expect(second.body.nextCursor).toBeNull();
    for (const item of [...first.body.items, ...second.body.items]) {
      expect(Object.keys(item).sort()).toEqual(expect.arrayContaining(['merchantId', 'name', 'address', 'tags']));
      for (const hidden of ['siret', 'siren', 'status', 'statusReason', 'aliases', 'createdAt', 'updatedAt', 'source', 'legalName']) expect(item).not.toHaveProperty(hidden);
    }
  });

  it.each([
    [{ category: 'boulangerie' }, ["Au Fournil d'Élise"]],
    [{ tag: 'zone-travaux' }, ['Les Primeurs du Mail', 'Librairie Les Mots Passants']],
    [{ q: 'vergne' }, ['Fromagerie Maison Vergne']],
    [{ q: 'fromag tilleuls' }, ['Fromagerie Maison Vergne']],
    [{ q: 'elise' }, ["Au Fournil d'Élise"]],
    [{ tag: 'centre-ville', q: 'librairie' }, ['Librairie Les Mots Passants']],
    [{ q: 'garage' }, []],
  ])('filters by %j', async (query, names) => {
    await seed();
    const r = await call('GET', '/v1/merchants', { query });
    expect(r.body.items.map((i: { name: string }) => i.name)).toEqual(names);
  });

  it('shows the showcase of a shop', async () => {
    const r = await call('POST', '/v1/admin/merchants', { claims: ADMIN, body: { ...SHOPS[0], showcase: { description: 'Pain au levain', phone: '02 47 12 34 56' } } });
    const one = await call('GET', `/v1/merchants/${r.body.merchantId}`);
    expect(one).toMatchObject({ status: 200, body: { name: "Au Fournil d'Élise", description: 'Pain au levain', phone: '02 47 12 34 56', category: 'Boulangerie' } });
    expect(one.body).not.toHaveProperty('siret');
  });

  it('refuses a bad query', async () => {
    expect(await call('GET', '/v1/merchants', { query: { limit: '1000' } })).toMatchObject({ status: 400, body: { code: 'INVALID_QUERY' } });
    expect(await call('GET', '/v1/merchants', { query: { q: 'x'.repeat(200) } })).toMatchObject({ status: 400, body: { code: 'INVALID_QUERY' } });
  });
});

describe('PATCH /v1/admin/merchants/{id}', () => {
  it('changes fields, clears one with null, and suspends then reactivates', async () => {
    const [id] = await seed();
    const changed = await call('PATCH', `/v1/admin/merchants/${id}`, { claims: ADMIN, body: { aliases: ['Fournil Élise'], category: null, tags: ['centre-ville', 'marché'] } });
    expect(changed).toMatchObject({ status: 200, body: { merchantId: id, aliases: ['Fournil Élise'], tags: ['centre-ville', 'marché'] } });
    expect(changed.body).not.toHaveProperty('category');

    expect(await call('PATCH', `/v1/admin/merchants/${id}`, { claims: ADMIN, body: { status: 'SUSPENDED', statusReason: 'fermeture administrative' } })).toMatchObject({ status: 200, body: { status: 'SUSPENDED' } });
    expect(await call('GET', `/v1/merchants/${id}`)).toMatchObject({ status: 404, body: { code: 'MERCHANT_NOT_FOUND' } });
    expect(await call('GET', `/v1/admin/merchants/${id}`, { claims: ADMIN })).toMatchObject({ status: 200, body: { status: 'SUSPENDED', statusReason: 'fermeture administrative', siret: '81234567600017' } });

    const back = await call('PATCH', `/v1/admin/merchants/${id}`, { claims: ADMIN, body: { status: 'ACTIVE' } });
    expect(back.body.status).toBe('ACTIVE');
    expect(back.body).not.toHaveProperty('statusReason');
    expect((await call('GET', `/v1/merchants/${id}`)).status).toBe(200);
  });

  it('refuses a SIRET change, an empty patch, an unknown shop and residents', async () => {
    const [id] = await seed();
    expect(await call('PATCH', `/v1/admin/merchants/${id}`, { claims: ADMIN, body: { siret: '90412387400029' } })).toMatchObject({ status: 400, body: { code: 'VALIDATION_ERROR' } });
    expect(await call('PATCH', `/v1/admin/merchants/${id}`, { claims: ADMIN, body: {} })).toMatchObject({ status: 400 });
    expect(await call('PATCH', '/v1/admin/merchants/nope', { claims: ADMIN, body: { status: 'ACTIVE' } })).toMatchObject({ status: 404 });
    expect(await call('PATCH', `/v1/admin/merchants/${id}`, { claims: RESIDENT, body: { status: 'SUSPENDED' } })).toMatchObject({ status: 403 });
  });

  it('bumps the directory version, so the match stage sees the change', async () => {
    const [id] = await seed();
    const before = store.version;
    await call('PATCH', `/v1/admin/merchants/${id}`, { claims: ADMIN, body: { status: 'SUSPENDED' } });
    expect(store.version).toBe(before + 1);
  });
});

describe('POST /v1/admin/merchants/import', () => {
  const csv = ['name;siret;street;postcode;city;category;tags', "Au Fournil d'Élise;81234567600017;12 rue de la République;37410;Montclair-sur-Loire;Boulangerie;centre-ville", 'Sans SIRET;;1 rue Basse;37410;Montclair;;'].join('\n');

  it('imports a text/csv body and answers the report', async () => {
    const r = await call('POST', '/v1/admin/merchants/import', { claims: ADMIN, body: csv, headers: { 'content-type': 'text/csv; charset=utf-8' } });
    expect(r).toMatchObject({ status: 200, body: { format: 'plain', delimiter: ';', created: 1, updated: 0, unchanged: 0, skipped: [], rejected: [{ line: 3, code: 'INVALID_SIRET' }] } });
    const again = await call('POST', '/v1/admin/merchants/import', { claims: ADMIN, body: Buffer.from(csv).toString('base64'), headers: { 'content-type': 'text/csv' }, query: { format: 'plain' }, base64: true });
    expect(again.body).toMatchObject({ created: 0, unchanged: 1 });
  });

  it('wants text/csv, a known format and staff', async () => {
    expect(await call('POST', '/v1/admin/merchants/import', { claims: ADMIN, body: csv })).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    expect(await call('POST', '/v1/admin/merchants/import', { claims: ADMIN, body: csv, headers: { 'content-type': 'text/csv' }, query: { format: 'xlsx' } })).toMatchObject({ status: 400 });
    expect(await call('POST', '/v1/admin/merchants/import', { claims: ADMIN, body: 'a,b\n1,2\n', headers: { 'content-type': 'text/csv' } })).toMatchObject({ status: 400, body: { code: 'INVALID_CSV_HEADER' } });
    expect(await call('POST', '/v1/admin/merchants/import', { claims: RESIDENT, body: csv, headers: { 'content-type': 'text/csv' } })).toMatchObject({ status: 403 });
  });
});
