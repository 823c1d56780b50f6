import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activateCampaign, createCampaign } from '../../../shared/app/admin';
import type { AppContext } from '../../../shared/app/context';
import { createMerchant } from '../../../shared/app/merchants';
import type { HttpEvent } from '../../../shared/http/request';
import { routeHttp } from '../../../shared/http/routes';
import { startTestTable } from '../../support/dynamo';
import { pipelineHarness, sendReceipt } from '../../support/pipeline';
import { fakeImage, receiptLines } from '../../support/scripted-ocr';

/**
 * The shop's page through the REST API (issue #20), over DynamoDB Local: alice's receipt at the
 * hardware shop goes through the whole pipeline and is credited, which writes the ledger's customer
 * marker; only then may she review that shop, and nowhere else.
 */
let db: Awaited<ReturnType<typeof startTestTable>>;
let ctx: AppContext;
let now = '2026-06-20T10:00:00Z';
const shop = { port: '', bakery: '' };

const ALICE = 'alice-7f3a';
const BOB = 'bob-91c2';
const STAFF = { sub: 'agent-1', 'cognito:groups': ['admin'] };
const staffOf = (merchantId: string) => ({ sub: `staff-of-${merchantId}`, 'cognito:groups': ['merchant', `merchant:${merchantId}`] });

beforeAll(async () => {
  db = await startTestTable();
  const h = pipelineHarness(db);
  shop.port = (
    await createMerchant(h.ctx, { name: 'Quincaillerie du Port', siret: '90412387400029', address: { street: '5 rue du Port', postcode: '37410', city: 'Montclair-sur-Loire' }, tags: [], aliases: [] })
  ).merchantId;
  shop.bakery = (
    await createMerchant(h.ctx, {
      name: 'Boulangerie du Marché',
      siret: '73282932000074',
      address: { street: '12 place du Marché', postcode: '37410', city: 'Montclair-sur-Loire' },
      tags: [],
      aliases: [],
      showcase: { photoUrls: ['https://ville.example/photos/boulangerie.jpg'] },
    })
  ).merchantId;
  const c = await createCampaign(h.ctx, { name: 'Centre', budgetCents: 100_000, startsOn: '2026-01-01', endsOn: '2026-12-31', rateBps: 1_000 });
  await activateCampaign(h.ctx, c.campaignId);
  const receipt = await sendReceipt(h, ALICE, fakeImage(receiptLines({ sign: 'QUINCAILLERIE DU PORT', siret: '904 123 874 00029', date: '18/06/2026', total: '23,50', street: '5 rue du Port' })));
  expect(receipt.status).toBe('CREDITED');
  ctx = { ...h.ctx, clock: { now: () => new Date(now) } };
});

afterAll(async () => {
  await db?.stop();
});

async function call(method: string, path: string, claims?: Record<string, unknown>, body?: unknown, query?: Record<string, string>) {
  const res = await routeHttp(ctx, {
    rawPath: path,
    headers: {},
    ...(query ? { queryStringParameters: query } : {}),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    requestContext: { http: { method }, authorizer: claims ? { jwt: { claims, scopes: [] } } : undefined },
  } as unknown as HttpEvent);
  return { status: res.statusCode ?? 200, text: String(res.body), body: JSON.parse(String(res.body)) };
}

const resident = (sub: string) => ({ sub });
const REVIEW = { rating: 4, text: 'Bon conseil pour une vis introuvable ailleurs.', displayName: 'Alice M.' };
let reviewId = '';

describe('verified reviews', () => {
  it('lets a resident with a credited purchase review that shop, and nobody else', async () => {
    const written = await call('PUT', `/v1/merchants/${shop.port}/reviews/mine`, resident(ALICE), REVIEW);
    expect(written.status).toBe(200);
    expect(written.body).toMatchObject({ rating: 4, displayName: 'Alice M.', merchantId: shop.port, hidden: null });
    reviewId = written.body.reviewId;

    const elsewhere = await call('PUT', `/v1/merchants/${shop.bakery}/reviews/mine`, resident(ALICE), REVIEW);
    expect(elsewhere).toMatchObject({ status: 403, body: { code: 'NOT_A_CUSTOMER' } });
    expect(elsewhere.body.detail).toMatch(/ticket/);
    const stranger = await call('PUT', `/v1/merchants/${shop.port}/reviews/mine`, resident(BOB), { ...REVIEW, displayName: 'Bob' });
    expect(stranger).toMatchObject({ status: 403, body: { code: 'NOT_A_CUSTOMER' } });
    const ownStaff = await call('PUT', `/v1/merchants/${shop.port}/reviews/mine`, staffOf(shop.port), REVIEW);
    expect(ownStaff).toMatchObject({ status: 403, body: { code: 'NOT_A_CUSTOMER' } });
    expect((await call('GET', `/v1/merchants/${shop.bakery}/reviews/mine`, resident(ALICE))).status).toBe(404);
  });

  it('refuses a display name that would publish an identity', async () => {
    for (const displayName of ['alice@example.fr', '0612345678', 'Alice Martin Dupont Durand']) {
      const res = await call('PUT', `/v1/merchants/${shop.port}/reviews/mine`, resident(ALICE), { ...REVIEW, displayName });
      expect(res, displayName).toMatchObject({ status: 400, body: { code: 'VALIDATION_ERROR', errors: expect.arrayContaining([expect.objectContaining({ path: 'displayName' })]) } });
    }
  });

  it('keeps one review per resident and shop: sending it again edits it', async () => {
    now = '2026-06-21T09:00:00Z';
    const edited = await call('PUT', `/v1/merchants/${shop.port}/reviews/mine`, resident(ALICE), { ...REVIEW, rating: 5 });
    expect(edited.body).toMatchObject({ reviewId, rating: 5, editedAt: '2026-06-21T09:00:00.000Z' });
    const page = await call('GET', `/v1/merchants/${shop.port}/reviews`);
    expect(page.body).toMatchObject({ merchantId: shop.port, count: 1, averageRating: 5, nextCursor: null });
    expect(page.body.items).toEqual([expect.objectContaining({ reviewId, rating: 5, displayName: 'Alice M.' })]);
    expect(page.text).not.toContain(ALICE);
  });

  it('shows the shop’s reply beneath the review; another shop’s staff can neither reply nor see it', async () => {
    const reply = await call('PUT', `/v1/shops/${shop.port}/reviews/${reviewId}/reply`, staffOf(shop.port), { text: 'Merci Alice, à bientôt !' });
    expect(reply).toMatchObject({ status: 200, body: { reply: { text: 'Merci Alice, à bientôt !' } } });
    expect((await call('GET', `/v1/merchants/${shop.port}/reviews`)).body.items[0].reply.text).toBe('Merci Alice, à bientôt !');

    expect((await call('PUT', `/v1/shops/${shop.port}/reviews/${reviewId}/reply`, staffOf(shop.bakery), { text: 'Venez chez nous' })).status).toBe(403);
    const viaOwnShop = await call('PUT', `/v1/shops/${shop.bakery}/reviews/${reviewId}/reply`, staffOf(shop.bakery), { text: 'Venez chez nous' });
    expect(viaOwnShop).toMatchObject({ status: 404, body: { code: 'REVIEW_NOT_FOUND' } });
    expect((await call('GET', `/v1/shops/${shop.port}/reviews`, staffOf(shop.bakery))).status).toBe(403);
    expect((await call('GET', `/v1/shops/${shop.bakery}/reviews`, staffOf(shop.bakery))).body.items).toEqual([]);
  });

  it('lets staff hide a review with a reason (audited), kept hidden through an edit, and show it again', async () => {
    const hidden = await call('POST', `/v1/admin/reviews/${reviewId}/hide`, STAFF, { reason: 'Nom de famille visible' });
    expect(hidden).toMatchObject({ status: 200, body: { hidden: { reason: 'Nom de famille visible' } } });
    expect((await call('GET', `/v1/merchants/${shop.port}/reviews`)).body).toMatchObject({ count: 0, averageRating: null, items: [] });
    expect((await call('GET', `/v1/merchants/${shop.port}/reviews/mine`, resident(ALICE))).body.hidden.reason).toBe('Nom de famille visible');
    expect((await call('GET', `/v1/shops/${shop.port}/reviews`, staffOf(shop.port))).body.items).toEqual([expect.objectContaining({ reviewId, hidden: expect.objectContaining({ reason: 'Nom de famille visible' }) })]);

    // Editing does not lift the moderation.
    await call('PUT', `/v1/merchants/${shop.port}/reviews/mine`, resident(ALICE), { ...REVIEW, displayName: 'A. M.' });
    expect((await call('GET', `/v1/merchants/${shop.port}/reviews`)).body.count).toBe(0);

    expect((await call('POST', `/v1/admin/reviews/${reviewId}/hide`, resident(ALICE), { reason: 'x' })).status).toBe(403);
    expect((await call('POST', `/v1/admin/reviews/${reviewId}/unhide`, STAFF)).body.hidden).toBeNull();
    expect((await call('GET', `/v1/merchants/${shop.port}/reviews`)).body).toMatchObject({ count: 1, averageRating: 4, items: [expect.objectContaining({ displayName: 'A. M.' })] });

    const trail = await ctx.audit.list({ targetType: 'review', targetId: reviewId }, 10);
    expect(trail.items.map((e) => e.action).sort()).toEqual(['hideReview', 'unhideReview']);
    expect(trail.items.find((e) => e.action === 'hideReview')).toMatchObject({ actor: 'agent-1', after: { hidden: { reason: 'Nom de famille visible' } } });
    expect(JSON.stringify(trail.items)).not.toContain(ALICE);
  });
});

describe('the portrait', () => {
  const PORTRAIT = { trade: 'Quincaillerie', since: 1987, people: [{ firstName: 'Marc', role: 'quincaillier', since: 1995 }], services: ['Double de clés'] };

  it('is edited by the shop’s own staff only, and shown on the public page', async () => {
    const put = await call('PUT', `/v1/shops/${shop.port}/showcase`, staffOf(shop.port), { description: 'Tout pour la maison.', portrait: PORTRAIT });
    expect(put.status).toBe(200);
    const page = await call('GET', `/v1/merchants/${shop.port}`);
    expect(page.body).toMatchObject({ description: 'Tout pour la maison.', portrait: PORTRAIT });

    expect((await call('PUT', `/v1/shops/${shop.port}/showcase`, staffOf(shop.bakery), { description: 'Fermé' })).status).toBe(403);
    expect((await call('PUT', `/v1/shops/${shop.port}/showcase`, resident(ALICE), { description: 'Fermé' })).status).toBe(403);
    expect((await call('GET', `/v1/merchants/${shop.port}`)).body.description).toBe('Tout pour la maison.');
    const trail = await ctx.audit.list({ targetType: 'merchant', targetId: shop.port }, 10);
    expect(trail.items).toEqual(expect.arrayContaining([expect.objectContaining({ actor: `staff-of-${shop.port}`, action: 'putOwnShowcase' })]));
  });

  it('keeps the photo links city staff set, and is edited by city staff through the shop update', async () => {
    await call('PUT', `/v1/shops/${shop.bakery}/showcase`, staffOf(shop.bakery), { portrait: { trade: 'Boulangerie', since: 2002 } });
    const bakery = (await call('GET', `/v1/merchants/${shop.bakery}`)).body;
    expect(bakery).toMatchObject({ photoUrls: ['https://ville.example/photos/boulangerie.jpg'], portrait: { trade: 'Boulangerie', since: 2002 } });
    expect((await call('PUT', `/v1/shops/${shop.bakery}/showcase`, staffOf(shop.bakery), { photoUrls: ['https://ailleurs.example/x.jpg'] })).status).toBe(400);

    const patched = await call('PATCH', `/v1/admin/merchants/${shop.bakery}`, STAFF, { showcase: { portrait: { trade: 'Boulangerie-pâtisserie', people: [{ firstName: 'Laura', role: 'boulangère' }] } } });
    expect(patched.status).toBe(200);
    expect((await call('GET', `/v1/merchants/${shop.bakery}`)).body.portrait).toEqual({ trade: 'Boulangerie-pâtisserie', people: [{ firstName: 'Laura', role: 'boulangère' }] });
  });
});

describe('news', () => {
  let programmeNews = '';
  let bakeryNews = '';

  it('lists the posts shown today, newest first, paged, expired ones left out', async () => {
    now = '2026-06-22T08:00:00Z';
    const expired = await call('POST', '/v1/admin/news', STAFF, { title: 'Braderie', body: 'Samedi dernier', endsOn: '2026-06-21', merchantId: shop.port });
    expect(expired.status).toBe(201);
    now = '2026-06-22T09:00:00Z';
    const programme = await call('POST', '/v1/admin/news', STAFF, { title: 'Le bonus travaux commence lundi', body: 'Rue Nationale : 15 %.', endsOn: '2026-06-22' });
    programmeNews = programme.body.newsId;
    now = '2026-06-22T10:00:00Z';
    const own = await call('POST', `/v1/shops/${shop.bakery}/news`, staffOf(shop.bakery), { title: 'Carte d’été', body: 'Tartes aux fruits tous les jours.' });
    expect(own.body).toMatchObject({ merchantId: shop.bakery, author: 'SHOP' });
    bakeryNews = own.body.newsId;

    const first = await call('GET', '/v1/news', undefined, undefined, { limit: '1' });
    expect(first.body.items.map((n: { newsId: string }) => n.newsId)).toEqual([bakeryNews]);
    expect(first.body.items[0].merchant).toEqual({ merchantId: shop.bakery, name: 'Boulangerie du Marché' });
    const second = await call('GET', '/v1/news', undefined, undefined, { limit: '1', cursor: first.body.nextCursor });
    expect(second.body.items).toEqual([expect.objectContaining({ newsId: programmeNews, merchant: null, author: 'CITY' })]);
    expect(second.body.nextCursor).toBeNull();

    expect((await call('GET', `/v1/merchants/${shop.port}/news`)).body.items).toEqual([]);
    expect((await call('GET', `/v1/merchants/${shop.bakery}/news`)).body.items.map((n: { title: string }) => n.title)).toEqual(['Carte d’été']);
    expect((await call('GET', '/v1/admin/news', STAFF, undefined, { merchantId: shop.port })).body.items).toHaveLength(1);
  });

  it('lets a shop’s staff change only their own shop’s posts, and city staff any', async () => {
    expect((await call('PATCH', `/v1/shops/${shop.port}/news/${bakeryNews}`, staffOf(shop.port), { title: 'Fermé' })).body.code).toBe('NEWS_NOT_FOUND');
    expect((await call('DELETE', `/v1/shops/${shop.bakery}/news/${programmeNews}`, staffOf(shop.bakery))).body.code).toBe('NEWS_NOT_FOUND');
    expect((await call('POST', `/v1/shops/${shop.bakery}/news`, staffOf(shop.bakery), { title: 'x', body: 'y', merchantId: shop.port })).status).toBe(400);
    const edited = await call('PATCH', `/v1/shops/${shop.bakery}/news/${bakeryNews}`, staffOf(shop.bakery), { endsOn: '2026-06-21' });
    expect(edited.body.endsOn).toBe('2026-06-21');
    expect((await call('GET', `/v1/merchants/${shop.bakery}/news`)).body.items).toEqual([]);
    expect((await call('GET', `/v1/shops/${shop.bakery}/news`, staffOf(shop.bakery))).body.items).toHaveLength(1);

    expect((await call('DELETE', `/v1/admin/news/${programmeNews}`, STAFF)).body).toEqual({ newsId: programmeNews, deleted: true });
    expect((await call('GET', '/v1/news')).body.items).toEqual([]);
    const trail = await ctx.audit.list({ targetType: 'news', targetId: programmeNews }, 10);
    expect(trail.items.map((e) => e.action).sort()).toEqual(['createNews', 'deleteNews']);
  });
});

describe('the shop’s space', () => {
  it('shows the shop its page and its figures, counts only, never a resident', async () => {
    const own = await call('GET', `/v1/shops/${shop.port}`, staffOf(shop.port));
    expect(own.body).toMatchObject({ merchantId: shop.port, status: 'ACTIVE', reviews: { count: 1, averageRating: 4 } });
    const figures = await call('GET', `/v1/shops/${shop.port}/figures`, staffOf(shop.port));
    expect(figures.status).toBe(200);
    expect(figures.body).toMatchObject({ merchantId: shop.port, newCustomers: 1, creditedReceipts: 1, salesCents: 2350, cashbackCents: 235 });
    expect((await call('GET', `/v1/shops/${shop.port}/figures`, staffOf(shop.bakery))).status).toBe(403);
    expect((await call('GET', `/v1/shops/${shop.bakery}/figures`, staffOf(shop.bakery))).body).toMatchObject({ newCustomers: 0, salesCents: 0 });

    for (const path of [`/v1/shops/${shop.port}`, `/v1/shops/${shop.port}/reviews`, `/v1/shops/${shop.port}/figures`, `/v1/shops/${shop.port}/news`]) {
      expect((await call('GET', path, staffOf(shop.port))).text, path).not.toContain(ALICE);
    }
    // Residents' routes stay residents' own: the shop's staff reach only their own (empty) data.
    expect((await call('GET', '/v1/receipts', staffOf(shop.port))).body.items).toEqual([]);
    expect((await call('GET', '/v1/admin/review', staffOf(shop.port))).status).toBe(403);
  });

  it('public pages carry no personal data', async () => {
    for (const path of ['/v1/news', `/v1/merchants/${shop.port}`, `/v1/merchants/${shop.port}/reviews`, `/v1/merchants/${shop.port}/news`, '/v1/merchants']) {
      const res = await call('GET', path);
      expect(res.status, path).toBe(200);
      expect(res.text, path).not.toContain(ALICE);
      expect(res.text, path).not.toContain('residentId');
    }
  });
});

describe('the resident’s rights', () => {
  it('exports the resident’s reviews and erases them', async () => {
    const exported = await call('GET', '/v1/me/export', resident(ALICE));
    expect(exported.body.reviews).toEqual([expect.objectContaining({ reviewId, merchantId: shop.port, displayName: 'A. M.' })]);
    expect((await call('GET', '/v1/me/export', resident(BOB))).body.reviews).toEqual([]);

    expect((await call('DELETE', '/v1/me', resident(ALICE))).body.status).toBe('ERASED');
    expect((await call('GET', `/v1/merchants/${shop.port}/reviews`)).body).toMatchObject({ count: 0, items: [] });
    expect((await call('GET', `/v1/shops/${shop.port}/reviews`, staffOf(shop.port))).body.items).toEqual([]);
    expect((await call('GET', `/v1/merchants/${shop.port}/reviews/mine`, resident(ALICE))).status).toBe(404);
  });
});
