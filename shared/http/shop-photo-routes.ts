/**
 * The shops' photos (issue #20): uploaded with presigned PUT URLs by the shop's staff
 * (`/v1/shops/{id}/photos`, their own shop only) or by city staff (`/v1/admin/merchants/{id}/photos`),
 * checked and turned into resized JPEG renditions without metadata by the photos function, shown on
 * the shop's page (`GET /v1/merchants/{id}/photos`). Part of the shop page routes.
 */
import * as z from '../schema';
import * as photos from '../app/shop-photos';
import { ShopPhotoOrderInput, ShopPhotoPatch, ShopPhotoUploadInput } from '../domain/shop-photo';
import { json } from './problem';
import { route, type Route } from './route';
import { Instant, PhotoId as Id, PublicShopPhotoView } from './shop-page-schemas';

const ShopPhotoRecordView = z.described(
  z.strictObject({
    photoId: Id,
    status: z.described(z.enum(['AWAITING_UPLOAD', 'READY', 'REFUSED']), { description: 'READY once processed and shown; REFUSED with the reason' }),
    alt: z.string(),
    createdAt: Instant,
    updatedAt: Instant,
    addedBy: z.enum(['SHOP', 'CITY']),
    photo: z.described(z.optional(PublicShopPhotoView), { description: 'once READY' }),
    refusal: z.optional(
      z.object({ code: z.enum(['UNSUPPORTED_FILE', 'TOO_LARGE', 'TOO_SMALL', 'UNREADABLE']), message: z.described(z.string(), { description: 'in French, for the uploader' }) }),
    ),
  }),
  { id: 'ShopPhotoRecord' },
);

const ShopPhotoListView = z.described(z.strictObject({ merchantId: Id, maxPhotos: z.int(), maxBytes: z.int(), items: z.array(ShopPhotoRecordView) }), { id: 'ShopPhotoList' });

const CreatedShopPhoto = z.object({
  photoId: Id,
  status: z.literal('AWAITING_UPLOAD'),
  upload: z.object({
    method: z.literal('PUT'),
    url: z.described(z.string(), { description: 'presigned URL for the photo’s bytes' }),
    headers: z.described(z.record(z.string(), z.string()), { description: 'headers the PUT must carry (Content-Type, Content-Length)' }),
    expiresAt: Instant,
  }),
});

const UPLOAD_DESCRIPTION =
  'JPEG or PNG, at most 8 MB and 40 megapixels, at least 200 px a side, and 12 photos a shop (shown or on their way; 409 `PHOTO_LIMIT_REACHED`). ' +
  'PUT the bytes to `upload.url` with `upload.headers`; the photo is then checked on its bytes, turned into JPEG renditions 480 and 1200 px wide without any metadata (EXIF, GPS position), ' +
  'and shown: follow its `status` (READY, or REFUSED with a `refusal.code`). `altText`, in French, says what the photo shows.';
const UPLOAD_EXAMPLE = { contentType: 'image/jpeg', contentLength: 2480113, altText: 'La vitrine de la boulangerie, avec les pains du jour' };

/** The same five routes for a shop's staff (`/v1/shops/{id}`, their shop) and for city staff (`/v1/admin/merchants/{id}`, any shop). */
function staffRoutes(base: '/v1/shops/{id}' | '/v1/admin/merchants/{id}', actor: photos.PhotoActor): Route[] {
  const shop = actor === 'SHOP';
  const common = { access: shop ? ('merchant' as const) : ('admin' as const), tag: shop ? ('Shop space' as const) : ('Shops' as const) };
  const id = (verb: string, noun: 'Photo' | 'Photos') => `${verb}${shop ? 'Own' : 'Shop'}${noun}`;
  const whose = shop ? 'one’s shop' : 'a shop';
  const audit = { target: 'merchant' as const, snapshot: photos.shopPhotosSnapshot };
  return [
    route({
      ...common,
      method: 'GET',
      path: `${base}/photos`,
      operationId: id('list', 'Photos'),
      summary: `The photos of ${whose}, in order, with their status`,
      success: { status: 200, schema: ShopPhotoListView },
      problems: { 404: ['MERCHANT_NOT_FOUND'] },
      handle: async (ctx, { params }) => json(200, await photos.listShopPhotos(ctx, params.id!)),
    }),
    route({
      ...common,
      method: 'POST',
      path: `${base}/photos`,
      operationId: id('announce', 'Photo'),
      summary: `Ask for an upload slot for a photo of ${whose}`,
      description: UPLOAD_DESCRIPTION,
      body: ShopPhotoUploadInput,
      bodyExample: UPLOAD_EXAMPLE,
      success: { status: 201, schema: CreatedShopPhoto },
      problems: { 400: ['UNSUPPORTED_FILE', 'TOO_LARGE'], 404: ['MERCHANT_NOT_FOUND'], 409: ['PHOTO_LIMIT_REACHED', 'PHOTOS_CHANGED'] },
      audit: { ...audit, outcome: (a) => ({ photoId: a.photoId }) },
      handle: async (ctx, { params, body }) => json(201, await photos.announceShopPhoto(ctx, params.id!, actor, body)),
    }),
    route({
      ...common,
      method: 'PUT',
      path: `${base}/photos/order`,
      operationId: id('reorder', 'Photos'),
      summary: `Reorder the photos of ${whose}`,
      description: 'Every photo id of the shop, each once, in the order to show them (400 `INVALID_PHOTO_ORDER` otherwise).',
      body: ShopPhotoOrderInput,
      success: { status: 200, schema: ShopPhotoListView },
      problems: { 400: ['INVALID_PHOTO_ORDER'], 404: ['MERCHANT_NOT_FOUND'], 409: ['PHOTOS_CHANGED'] },
      audit,
      handle: async (ctx, { params, body }) => json(200, await photos.reorderShopPhotos(ctx, params.id!, body.photoIds)),
    }),
    route({
      ...common,
      method: 'GET',
      path: `${base}/photos/{itemId}`,
      operationId: id('get', 'Photo'),
      summary: `A photo of ${whose}: its status, its renditions once READY, its refusal`,
      success: { status: 200, schema: ShopPhotoRecordView },
      problems: { 404: ['PHOTO_NOT_FOUND'] },
      handle: async (ctx, { params }) => json(200, await photos.getShopPhoto(ctx, params.id!, params.itemId!)),
    }),
    route({
      ...common,
      method: 'PATCH',
      path: `${base}/photos/{itemId}`,
      operationId: id('update', 'Photo'),
      summary: `Change the alt text of a photo of ${whose}`,
      body: ShopPhotoPatch,
      success: { status: 200, schema: ShopPhotoRecordView },
      problems: { 404: ['PHOTO_NOT_FOUND'], 409: ['PHOTOS_CHANGED'] },
      audit,
      handle: async (ctx, { params, body }) => json(200, await photos.updateShopPhoto(ctx, params.id!, params.itemId!, body.altText)),
    }),
    route({
      ...common,
      method: 'DELETE',
      path: `${base}/photos/{itemId}`,
      operationId: id('delete', 'Photo'),
      summary: `Remove a photo of ${whose} (its files are deleted)`,
      success: { status: 200, schema: z.object({ photoId: Id, deleted: z.literal(true) }) },
      problems: { 404: ['PHOTO_NOT_FOUND'], 409: ['PHOTOS_CHANGED'] },
      audit,
      handle: async (ctx, { params }) => json(200, await photos.deleteShopPhoto(ctx, params.id!, params.itemId!)),
    }),
  ];
}

/** A shop's photos in its staff's space. */
export const shopSpacePhotoRoutes: Route[] = staffRoutes('/v1/shops/{id}', 'SHOP');

/** A shop's photos as city staff manage them. */
export const cityShopPhotoRoutes: Route[] = staffRoutes('/v1/admin/merchants/{id}', 'CITY');
