import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { activateCampaign, createCampaign } from '../../../shared/app/admin';
import type { AppContext } from '../../../shared/app/context';
import { createMerchant } from '../../../shared/app/merchants';
import { setPayoutAccount } from '../../../shared/app/payouts';
import { CampaignFields } from '../../../shared/domain/campaign';
import type { HttpEvent } from '../../../shared/http/request';
import { routeHttp, routes, type Route } from '../../../shared/http/routes';
import { startTestTable } from '../../support/dynamo';
import { pipelineHarness, sendReceipt } from '../../support/pipeline';
import { fakeImage, receiptLines } from '../../support/scripted-ocr';

/**
 * No input gives a 5xx, and nobody reads what is not theirs: both properties generated from the
 * route table, against the real DynamoDB adapters (DynamoDB Local), with a resident (alice) who
 * has a credited receipt and a payout account, and a payout batch on the books.
 */
let db: Awaited<ReturnType<typeof startTestTable>>;
let ctx: AppContext;
const ids: Record<string, string> = {};

const ALICE = { sub: 'alice-7f3a', isAdmin: false };

beforeAll(async () => {
  db = await startTestTable();
  const h = pipelineHarness(db);
  ctx = { ...h.ctx, payoutSettings: { thresholdCents: 100, debtor: { name: 'Ville de Montclair', iban: 'FR7630006000011234567890189', postcode: '37410', town: 'Montclair-sur-Loire' } } };
  h.ctx = ctx;
  ids.merchant = (
    await createMerchant(ctx, { name: 'Quincaillerie du Port', siret: '90412387400029', address: { street: '5 rue du Port', postcode: '37410', city: 'Montclair-sur-Loire' }, tags: ['centre'], aliases: [] })
  ).merchantId;
  const c = await createCampaign(ctx, { name: 'Centre', budgetCents: 100_000, startsOn: '2026-01-01', endsOn: '2026-12-31', rateBps: 1_000 });
  ids.campaign = c.campaignId;
  await activateCampaign(ctx, c.campaignId);
  const receipt = await sendReceipt(h, ALICE.sub, fakeImage(receiptLines({ sign: 'QUINCAILLERIE DU PORT', siret: '904 123 874 00029', date: '18/06/2026', total: '23,50', street: '5 rue du Port' })));
  expect(receipt.status).toBe('CREDITED');
  ids.receipt = receipt.receiptId;
  await setPayoutAccount(ctx, ALICE, { iban: 'FR76 3000 6000 0112 3456 7890 189', holderName: 'Alice Martin' });
  const run = await routeHttp(ctx, event('POST', '/v1/admin/payouts/run', STAFF));
  ids.payout = (JSON.parse(String(run.body)) as { batch: { payoutId: string } }).batch.payoutId;
  // A photo of the shop announced by its staff: the item of the photo routes.
  const photo = await routeHttp(ctx, event('POST', `/v1/shops/${ids.merchant}/photos`, shopStaff(ids.merchant!), { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ contentType: 'image/jpeg', contentLength: 120_000, altText: 'La devanture de la quincaillerie' }) }));
  expect(photo.statusCode).toBe(201);
  ids.photo = (JSON.parse(String(photo.body)) as { photoId: string }).photoId;
});

afterAll(async () => {
  await db?.stop();
});

const STAFF = { sub: 'agent-1', 'cognito:groups': ['admin'] };

function event(method: string, path: string, claims?: Record<string, unknown>, extra: Partial<HttpEvent> = {}): HttpEvent {
  return {
    rawPath: path,
    headers: {},
    requestContext: { http: { method }, authorizer: claims ? { jwt: { claims, scopes: [] } } : undefined },
    ...extra,
  } as unknown as HttpEvent;
}

/** A shop's staff: the `merchant` group and the group naming their shop. */
const shopStaff = (merchantId: string) => ({ sub: `shop-staff-${merchantId}`, 'cognito:groups': ['merchant', `merchant:${merchantId}`] });

const callerOf = (r: Route) => (r.access === 'admin' ? STAFF : r.access === 'resident' ? { sub: 'mallory-1' } : r.access === 'merchant' ? shopStaff(ids.merchant!) : undefined);
const isShopPath = (path: string) => path.includes('merchants') || path.startsWith('/v1/shops/');

/** Start keys an attacker may craft: partial, of another index or partition, of the wrong type. */
const craftedCursor = fc
  .oneof(
    fc.dictionary(fc.constantFrom('pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'x'), fc.oneof(fc.constantFrom('MERCHANTS', 'PAYOUTS', 'RESIDENT#alice-7f3a', `RECEIPT#${'x'}`, ''), fc.string(), fc.integer())),
    fc.constant({ gsi1pk: 'MERCHANTS' }),
    fc.anything(),
  )
  .map((o) => Buffer.from(JSON.stringify(o) ?? 'null').toString('base64url'));
const cursor = fc.oneof(craftedCursor, fc.string({ maxLength: 80 }), fc.base64String({ maxLength: 200 }));
const pathId = fc.oneof(fc.constantFrom('nope', '0', '-', '_'), fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), fc.constantFrom('..', 'a b', 'é', 'x'.repeat(65)));

/** Bodies that are not what a route expects: broken JSON, other types, the right keys with wrong values. */
function bodyOf(r: Route) {
  const keys = Object.keys(((r.bodyDoc ?? r.body) as unknown as { shape?: object })?.shape ?? CampaignFields.shape);
  return fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.dictionary(fc.constantFrom(...keys), fc.jsonValue(), { maxKeys: keys.length }).map((o) => JSON.stringify(o)),
    fc.constant(undefined),
  );
}

function queryOf(r: Route) {
  const keys = ['limit', 'cursor', 'format', 'category', 'tag', 'q', 'zzz'];
  return fc.record(
    {
      limit: fc.oneof(fc.string({ maxLength: 8 }), fc.integer().map(String)),
      cursor,
      other: fc.dictionary(fc.constantFrom(...keys), fc.string({ maxLength: 30 }), { maxKeys: 3 }),
    },
    { requiredKeys: [] },
  ).map(({ other, ...q }) => ({ ...other, ...q }) as Record<string, string>);
}

async function expectProblemOrSuccess(r: Route, res: APIGatewayProxyStructuredResultV2, what: unknown) {
  const status = res.statusCode ?? 200;
  if (status >= 500) throw new Error(`${r.method} ${r.path} answered ${status} to ${JSON.stringify(what)}: ${String(res.body)}`);
  if (status >= 400) {
    expect(res.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(String(res.body))).toMatchObject({ status, code: expect.any(String) });
  }
}

describe('no input gives a 5xx', () => {
  // Read routes first, then those that change state, so that a lucky valid body does not end the fixture early.
  const ordered = [...routes].sort((a, b) => Number(a.method !== 'GET') - Number(b.method !== 'GET'));
  it.each(ordered.map((r) => [`${r.method} ${r.path}`, r] as const))('%s', async (_name, r) => {
    await fc.assert(
      fc.asyncProperty(fc.tuple(pathId, pathId), queryOf(r), bodyOf(r), fc.boolean(), async ([id, itemId], query, body, realIds) => {
        const path = r.path
          .replace('{id}', realIds ? (r.path.includes('campaigns') ? ids.campaign! : isShopPath(r.path) ? ids.merchant! : r.path.includes('payouts') ? ids.payout! : ids.receipt!) : id)
          .replace('{itemId}', itemId);
        const e = event(r.method, path, callerOf(r), {
          queryStringParameters: query,
          ...(body !== undefined ? { body } : {}),
          headers: r.rawBody ? { 'content-type': 'text/csv' } : {},
        });
        const res = await routeHttp(ctx, e);
        await expectProblemOrSuccess(r, res, { path, query, body });
      }),
      { numRuns: 25, seed: 20261203 },
    );
  });

  it.each(['/v1/merchants', '/v1/receipts', '/v1/admin/payouts', '/v1/me/wallet/transfers', '/v1/admin/review'])('an edited cursor on %s is 400 INVALID_CURSOR', async (path) => {
    const claims = path.startsWith('/v1/admin') ? STAFF : path === '/v1/merchants' ? undefined : { sub: ALICE.sub };
    for (const forged of [{ gsi1pk: 'MERCHANTS' }, { pk: 'x', sk: 'y', gsi1pk: 'MERCHANTS', gsi1sk: 3 }, { pk: 'ACCOUNT#wallet:bob', sk: 'x' }]) {
      const res = await routeHttp(ctx, event('GET', path, claims, { queryStringParameters: { cursor: Buffer.from(JSON.stringify(forged)).toString('base64url') } }));
      expect(res.statusCode, `${path} ${JSON.stringify(forged)}`).toBe(400);
      expect(JSON.parse(String(res.body)).code).toBe('INVALID_CURSOR');
    }
  });
});

describe('every route, as every caller', () => {
  const callers = {
    nobody: undefined,
    'a resident': { sub: 'bob-91c2' },
    'another resident than the owner': { sub: 'carol-05e8' },
    staff: STAFF,
    'the shop’s staff': undefined as Record<string, unknown> | undefined,
    'another shop’s staff': shopStaff('another-shop'),
  };
  const realPath = (r: Route) =>
    r.path
      .replace('{id}', r.path.includes('campaigns') ? ids.campaign! : isShopPath(r.path) ? ids.merchant! : r.path.includes('payouts') ? ids.payout! : ids.receipt!)
      .replace('{itemId}', r.path.includes('/photos/') ? ids.photo! : 'item-1');

  it.each(routes.filter((r) => r.method === 'GET').map((r) => [`${r.method} ${r.path}`, r] as const))('%s lets in only whom it should and shows nobody else’s data', async (_name, r) => {
    callers['the shop’s staff'] = shopStaff(ids.merchant!);
    for (const [who, claims] of Object.entries(callers)) {
      const res = await routeHttp(ctx, event(r.method, realPath(r), claims));
      const status = res.statusCode ?? 200;
      expect(status, who).toBeLessThan(500);
      if (!claims && r.access !== 'public') expect(status, who).toBe(401);
      if (claims && claims !== STAFF && r.access === 'admin') expect(status, who).toBe(403);
      if (claims && who !== 'the shop’s staff' && r.access === 'merchant') expect(status, who).toBe(403);
      if (who === 'the shop’s staff' && r.access === 'merchant') expect(status, who).toBe(200);
      if (claims && claims !== STAFF) {
        // Nothing of alice's reaches another resident: not her receipt, not her name, not her account.
        expect(String(res.body), who).not.toContain(ids.receipt);
        expect(String(res.body), who).not.toContain(ALICE.sub);
        expect(String(res.body), who).not.toContain('Alice Martin');
      }
    }
  });

  it.each(routes.filter((r) => r.method !== 'GET').map((r) => [`${r.method} ${r.path}`, r] as const))('%s refuses nobody and residents on staff routes before reading anything', async (_name, r) => {
    if (r.access === 'public') return;
    const anonymous = await routeHttp(ctx, event(r.method, realPath(r), undefined, { body: '{}' }));
    expect(anonymous.statusCode).toBe(401);
    if (r.access === 'admin' || r.access === 'merchant') {
      const resident = await routeHttp(ctx, event(r.method, realPath(r), { sub: 'bob-91c2', 'cognito:groups': '[residents]' }, { body: '{}' }));
      expect(resident.statusCode).toBe(403);
    }
    if (r.access === 'admin' || r.access === 'merchant') {
      const otherShop = await routeHttp(ctx, event(r.method, realPath(r), shopStaff('another-shop'), { body: '{}' }));
      expect(otherShop.statusCode).toBe(403);
    }
  });

  it('the owner and staff read alice’s receipt; another resident is told it does not exist', async () => {
    const path = `/v1/receipts/${ids.receipt}`;
    expect((await routeHttp(ctx, event('GET', path, { sub: ALICE.sub }))).statusCode).toBe(200);
    expect((await routeHttp(ctx, event('GET', path, STAFF))).statusCode).toBe(200);
    const other = await routeHttp(ctx, event('GET', path, { sub: 'bob-91c2' }));
    expect(other.statusCode).toBe(404);
    expect(JSON.parse(String(other.body)).code).toBe('RECEIPT_NOT_FOUND');
  });

});
