import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../shared/app/context';
import { createMerchant } from '../../../shared/app/merchants';
import { processShopPhotoUpload } from '../../../shared/app/shop-photo-processing';
import { shopPhotoUploadKey } from '../../../shared/domain/shop-photo';
import type { HttpEvent } from '../../../shared/http/request';
import { routeHttp } from '../../../shared/http/routes';
import { MemoryMedia } from '../../../shared/adapters/memory';
import { startTestTable } from '../../support/dynamo';
import { ledgerContext } from '../../support/ledger-fixture';
import { jpegWithGps } from '../../support/photos';
import { shopPhotoContract } from '../../support/shop-photo-contract';

/**
 * The shops' photos (issue #20) over DynamoDB Local: the store's contract (the same scenarios as in
 * memory), and the routes: who may touch which shop's photos, what the audit trail keeps.
 */
let db: Awaited<ReturnType<typeof startTestTable>>;
let ctx: AppContext;
let media: MemoryMedia;
const shop = { a: '', b: '' };

const STAFF = { sub: 'agent-1', 'cognito:groups': ['admin'] };
const staffOf = (merchantId: string) => ({ sub: `staff-of-${merchantId}`, 'cognito:groups': ['merchant', `merchant:${merchantId}`] });
const RESIDENT = { sub: 'alice-7f3a' };
const SLOT = { contentType: 'image/jpeg', contentLength: 2048, altText: 'La vitrine du magasin' };

beforeAll(async () => {
  db = await startTestTable();
  ctx = ledgerContext(db);
  media = ctx.media as MemoryMedia;
  const address = { street: '5 rue du Port', postcode: '37410', city: 'Montclair-sur-Loire' };
  shop.a = (await createMerchant(ctx, { name: 'Quincaillerie du Port', siret: '90412387400029', address, tags: [], aliases: [] })).merchantId;
  shop.b = (await createMerchant(ctx, { name: 'Boulangerie du Marché', siret: '73282932000074', address, tags: [], aliases: [], showcase: { photoUrls: ['https://ville.example/photos/boulangerie.jpg'] } })).merchantId;
});

afterAll(async () => {
  await db?.stop();
});

shopPhotoContract('DynamoDB', () => ({
  ctx,
  upload: async (key, bytes) => void media.objects.set(key, bytes),
  read: async (key) => media.objects.get(key),
}));

async function call(method: string, path: string, claims?: Record<string, unknown>, body?: unknown) {
  const res = await routeHttp(ctx, {
    rawPath: path,
    headers: {},
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    requestContext: { http: { method }, authorizer: claims ? { jwt: { claims, scopes: [] } } : undefined },
  } as unknown as HttpEvent);
  return { status: res.statusCode!, body: res.body ? JSON.parse(String(res.body)) : undefined };
}

describe('the shop photo routes', () => {
  it('let a shop’s staff add, describe, reorder and remove their own shop’s photos, shown on its public page', async () => {
    const staff = staffOf(shop.a);
    const first = await call('POST', `/v1/shops/${shop.a}/photos`, staff, SLOT);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'AWAITING_UPLOAD', upload: { method: 'PUT', url: expect.stringContaining(`uploads/shop-photos/${shop.a}/`) } });
    const second = await call('POST', `/v1/shops/${shop.a}/photos`, staff, { ...SLOT, altText: 'Le rayon outillage' });
    for (const { photoId } of [first.body, second.body]) {
      const key = shopPhotoUploadKey(shop.a, photoId);
      media.objects.set(key, jpegWithGps(1000, 800));
      expect((await processShopPhotoUpload(ctx, key)).outcome).toBe('READY');
    }
    expect((await call('GET', `/v1/shops/${shop.a}/photos/${first.body.photoId}`, staff)).body).toMatchObject({ status: 'READY', photo: { width: 1000, height: 800 } });
    expect((await call('PUT', `/v1/shops/${shop.a}/photos/order`, staff, { photoIds: [second.body.photoId, first.body.photoId] })).status).toBe(200);
    expect((await call('PATCH', `/v1/shops/${shop.a}/photos/${first.body.photoId}`, staff, { altText: 'La vitrine, côté quai' })).status).toBe(200);
    const page = await call('GET', `/v1/merchants/${shop.a}/photos`);
    expect(page.status).toBe(200);
    expect(page.body.items.map((p: { alt: string }) => p.alt)).toEqual(['Le rayon outillage', 'La vitrine, côté quai']);
    expect(page.body.items[0].renditions.map((r: { width: number }) => r.width)).toEqual([480, 1000]);
    expect((await call('DELETE', `/v1/shops/${shop.a}/photos/${second.body.photoId}`, staff)).body).toEqual({ photoId: second.body.photoId, deleted: true });
    expect((await call('GET', `/v1/merchants/${shop.a}/photos`)).body.items).toHaveLength(1);
  });

  it('never let a shop’s staff touch another shop’s photos, nor a resident any: city staff may, on any shop', async () => {
    const own = await call('POST', `/v1/shops/${shop.b}/photos`, staffOf(shop.b), SLOT);
    expect(own.status).toBe(201);
    const target = `/v1/shops/${shop.b}/photos`;
    const item = `${target}/${own.body.photoId}`;
    const attempts: Array<[string, string, unknown?]> = [
      ['GET', target],
      ['POST', target, SLOT],
      ['PUT', `${target}/order`, { photoIds: [own.body.photoId] }],
      ['GET', item],
      ['PATCH', item, { altText: 'Pris en main' }],
      ['DELETE', item],
    ];
    for (const [method, path, body] of attempts) {
      expect((await call(method, path, staffOf(shop.a), body)).status, `shop A's staff: ${method} ${path}`).toBe(403);
      expect((await call(method, path, RESIDENT, body)).status, `a resident: ${method} ${path}`).toBe(403);
      expect((await call(method, path, undefined, body)).status, `nobody: ${method} ${path}`).toBe(401);
      // The city's routes are the city staff's only.
      const admin = path.replace('/v1/shops/', '/v1/admin/merchants/');
      expect((await call(method, admin, staffOf(shop.b), body)).status, `shop B's staff on ${admin}`).toBe(403);
      expect((await call(method, admin, RESIDENT, body)).status, `a resident on ${admin}`).toBe(403);
    }
    // Their photo is still there, with its alt text.
    expect((await call('GET', item, staffOf(shop.b))).body).toMatchObject({ alt: SLOT.altText, status: 'AWAITING_UPLOAD' });
    // City staff manage any shop's photos.
    const admin = `/v1/admin/merchants/${shop.b}/photos`;
    expect((await call('PATCH', `${admin}/${own.body.photoId}`, STAFF, { altText: 'La vitrine, côté place' })).status).toBe(200);
    const added = await call('POST', admin, STAFF, { ...SLOT, altText: 'Le fournil' });
    expect(added.status).toBe(201);
    expect((await call('GET', admin, STAFF)).body.items.map((p: { addedBy: string; alt: string }) => [p.addedBy, p.alt])).toEqual([
      ['SHOP', 'La vitrine, côté place'],
      ['CITY', 'Le fournil'],
    ]);
    expect((await call('DELETE', `${admin}/${added.body.photoId}`, STAFF)).status).toBe(200);
  });

  it('answer bad input with a stable code, never a 500', async () => {
    const staff = staffOf(shop.a);
    const cases: Array<[string, string, unknown, number, string]> = [
      ['POST', `/v1/shops/${shop.a}/photos`, { ...SLOT, contentType: 'image/webp' }, 400, 'UNSUPPORTED_FILE'],
      ['POST', `/v1/shops/${shop.a}/photos`, { ...SLOT, contentLength: 9 * 1024 * 1024 }, 400, 'TOO_LARGE'],
      ['POST', `/v1/shops/${shop.a}/photos`, { contentType: 'image/jpeg', contentLength: 10 }, 400, 'VALIDATION_ERROR'],
      ['POST', `/v1/shops/${shop.a}/photos`, { ...SLOT, altText: 'IMG_2031' }, 400, 'VALIDATION_ERROR'],
      ['PUT', `/v1/shops/${shop.a}/photos/order`, { photoIds: ['inconnue'] }, 400, 'INVALID_PHOTO_ORDER'],
      ['PATCH', `/v1/shops/${shop.a}/photos/inconnue`, { altText: 'Une vitrine' }, 404, 'PHOTO_NOT_FOUND'],
      ['GET', `/v1/merchants/inconnu/photos`, undefined, 404, 'MERCHANT_NOT_FOUND'],
      ['GET', `/v1/admin/merchants/inconnu/photos`, undefined, 404, 'MERCHANT_NOT_FOUND'],
    ];
    for (const [method, path, body, status, code] of cases) {
      const res = await call(method, path, path.includes('/admin/') || path.startsWith('/v1/merchants') ? STAFF : staff, body);
      expect([res.status, res.body.code], `${method} ${path}`).toEqual([status, code]);
    }
  });

  it('record every staff change of photos in the audit trail, with the photos before and after', async () => {
    const staff = staffOf(shop.a);
    const slot = await call('POST', `/v1/shops/${shop.a}/photos`, staff, { ...SLOT, altText: 'Le comptoir' });
    await call('PATCH', `/v1/shops/${shop.a}/photos/${slot.body.photoId}`, staff, { altText: 'Le comptoir en bois' });
    await call('DELETE', `/v1/admin/merchants/${shop.a}/photos/${slot.body.photoId}`, STAFF);
    const trail = await ctx.audit.list({ targetId: shop.a }, 50);
    const mine = trail.items.filter((e) => e.route.includes('/photos'));
    const announced = mine.find((e) => e.action === 'announceOwnPhoto' && JSON.stringify(e.after).includes(slot.body.photoId))!;
    expect(announced).toMatchObject({ actor: `staff-of-${shop.a}`, target: { type: 'merchant', id: shop.a }, status: 201 });
    const renamed = mine.find((e) => e.action === 'updateOwnPhoto' && JSON.stringify(e.after).includes('Le comptoir en bois'))!;
    expect(JSON.stringify(renamed.before)).toContain('Le comptoir');
    const removed = mine.find((e) => e.action === 'deleteShopPhoto')!;
    expect(removed).toMatchObject({ actor: 'agent-1', status: 200 });
    expect(JSON.stringify(removed.before)).toContain(slot.body.photoId);
    expect(JSON.stringify(removed.after ?? {})).not.toContain(slot.body.photoId);
  });
});
