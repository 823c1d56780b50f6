import { ConflictError, DomainError, NotFoundError } from '../domain/errors';
import {
  MAX_PHOTOS_PER_SHOP,
  MAX_SHOP_PHOTO_BYTES,
  announceProblem,
  newShopPhoto,
  photosTakingAPlace,
  publicShopPhoto,
  reorderedPhotos,
  shopPhotoUploadKey,
  staffShopPhoto,
  withoutStalePhotos,
  type ShopPhoto,
  type ShopPhotoContentType,
  type ShopPhotoUploadInput,
} from '../domain/shop-photo';
import type { AppContext } from './context';

/**
 * The shops' photos (issue #20), as the API serves them: anyone sees a shop's ready photos; its
 * staff (their own shop only, `/v1/shops/{id}/photos`) and city staff (any shop,
 * `/v1/admin/merchants/{id}/photos`) ask for an upload slot, follow the processing, give each photo
 * its alt text, reorder and remove them. The processing itself (decoding, renditions) runs in the
 * photos function (shared/app/shop-photo-processing.ts), never in the API.
 */

/** Who acts: the shop's staff or the city's (the route says which; the router checked the shop). */
export type PhotoActor = 'SHOP' | 'CITY';

const noShop = () => new NotFoundError('MERCHANT_NOT_FOUND', 'No such shop.');
const noPhoto = () => new NotFoundError('PHOTO_NOT_FOUND', 'Aucune photo de ce commerce ne porte cet identifiant.');

/**
 * Reads the shop's photos, changes them and writes them over the version read; a lost race is
 * retried a few times. `change` returns the photos after (in order) and what to answer.
 */
export async function changePhotos<T>(ctx: AppContext, merchantId: string, change: (photos: ShopPhoto[], now: Date) => { photos: ShopPhoto[]; answer: T }): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const set = await ctx.shopPhotos.get(merchantId);
    const { photos, answer } = change(set.photos, ctx.clock.now());
    const before = new Map(set.photos.map((p) => [p.photoId, JSON.stringify(p)]));
    const after = new Set(photos.map((p) => p.photoId));
    const put = photos.filter((p) => before.get(p.photoId) !== JSON.stringify(p));
    const remove = set.photos.filter((p) => !after.has(p.photoId)).map((p) => p.photoId);
    const order = photos.map((p) => p.photoId);
    if (put.length === 0 && remove.length === 0 && order.join() === set.photos.map((p) => p.photoId).join()) return answer;
    try {
      await ctx.shopPhotos.save(merchantId, set.version, { order, put, remove });
      return answer;
    } catch (err) {
      if (err instanceof ConflictError && err.code === 'PHOTOS_CHANGED' && attempt < 4) continue;
      throw err;
    }
  }
}

/** The objects a photo has in the bucket: its upload and its renditions. */
export const photoObjects = (p: ShopPhoto) => [shopPhotoUploadKey(p.merchantId, p.photoId), ...(p.renditions ?? []).map((r) => r.key)];

async function shopExists(ctx: AppContext, merchantId: string) {
  if (!(await ctx.merchants.get(merchantId))) throw noShop();
}

/** GET /v1/merchants/{id}/photos: the ready photos of an active shop, in the order its staff chose. */
export async function listPublicPhotos(ctx: AppContext, merchantId: string) {
  const shop = await ctx.merchants.get(merchantId);
  if (!shop || shop.status !== 'ACTIVE') throw new NotFoundError('MERCHANT_NOT_FOUND', 'No such participating shop.');
  const { photos } = await ctx.shopPhotos.get(merchantId);
  return { merchantId, items: photos.filter((p) => p.status === 'READY').map(publicShopPhoto) };
}

/** Every photo of the shop with its status (a refusal with its code and message), and the limits. */
export async function listShopPhotos(ctx: AppContext, merchantId: string) {
  await shopExists(ctx, merchantId);
  const { photos } = await ctx.shopPhotos.get(merchantId);
  return { merchantId, maxPhotos: MAX_PHOTOS_PER_SHOP, maxBytes: MAX_SHOP_PHOTO_BYTES, items: photos.map(staffShopPhoto) };
}

export async function getShopPhoto(ctx: AppContext, merchantId: string, photoId: string) {
  const { photos } = await ctx.shopPhotos.get(merchantId);
  const photo = photos.find((p) => p.photoId === photoId);
  if (!photo) throw noPhoto();
  return staffShopPhoto(photo);
}

/**
 * POST …/photos: an upload slot. The type and size are checked now (400 UNSUPPORTED_FILE,
 * TOO_LARGE) and again on the bytes by the processing; a shop has at most MAX_PHOTOS_PER_SHOP
 * photos shown or on their way (409 PHOTO_LIMIT_REACHED). Refused photos and slots never used are
 * dropped after a few days and do not count.
 */
export async function announceShopPhoto(ctx: AppContext, merchantId: string, actor: PhotoActor, input: ShopPhotoUploadInput) {
  const problem = announceProblem(input);
  if (problem) throw new DomainError(problem.code, problem.message, 400, [{ path: problem.path, message: problem.message }]);
  await shopExists(ctx, merchantId);
  const photoId = ctx.newId();
  const ttl = ctx.uploadUrlTtlSeconds;
  const photo = await changePhotos(ctx, merchantId, (current, now) => {
    const kept = withoutStalePhotos(current, now, ttl);
    if (photosTakingAPlace(kept, now, ttl).length >= MAX_PHOTOS_PER_SHOP) {
      throw new DomainError('PHOTO_LIMIT_REACHED', `Un commerce montre ${MAX_PHOTOS_PER_SHOP} photos au plus : retirez-en une avant d’en ajouter une autre.`, 409);
    }
    const created = newShopPhoto({ ...input, contentType: input.contentType as ShopPhotoContentType }, { photoId, merchantId }, actor, now);
    return { photos: [...kept, created], answer: created };
  });
  const upload = await ctx.media.presignUpload(shopPhotoUploadKey(merchantId, photoId), photo.contentType, photo.contentLength, ttl);
  return {
    photoId,
    status: photo.status,
    upload: { method: 'PUT' as const, url: upload.url, headers: upload.headers, expiresAt: new Date(Date.parse(photo.createdAt) + ttl * 1000).toISOString() },
  };
}

/** PATCH …/photos/{photoId}: a new alt text. */
export async function updateShopPhoto(ctx: AppContext, merchantId: string, photoId: string, altText: string) {
  return changePhotos(ctx, merchantId, (photos, now) => {
    const current = photos.find((p) => p.photoId === photoId);
    if (!current) throw noPhoto();
    const next: ShopPhoto = current.altText === altText ? current : { ...current, altText, updatedAt: now.toISOString() };
    return { photos: photos.map((p) => (p.photoId === photoId ? next : p)), answer: staffShopPhoto(next) };
  });
}

/** DELETE …/photos/{photoId}: off the page at once; its upload and renditions are then deleted. */
export async function deleteShopPhoto(ctx: AppContext, merchantId: string, photoId: string) {
  const removed = await changePhotos(ctx, merchantId, (photos) => {
    const photo = photos.find((p) => p.photoId === photoId);
    if (!photo) throw noPhoto();
    return { photos: photos.filter((p) => p.photoId !== photoId), answer: photo };
  });
  await ctx.media.delete(photoObjects(removed));
  return { photoId, deleted: true as const };
}

/** PUT …/photos/order: every photo of the shop, each once, in the order to show them (400 INVALID_PHOTO_ORDER otherwise). */
export async function reorderShopPhotos(ctx: AppContext, merchantId: string, photoIds: readonly string[]) {
  await shopExists(ctx, merchantId);
  const photos = await changePhotos(ctx, merchantId, (current) => {
    const next = reorderedPhotos(current, photoIds);
    if (!next) {
      throw new DomainError('INVALID_PHOTO_ORDER', 'Nommez chaque photo du commerce une fois, dans l’ordre voulu (la liste a changé : relisez-la).', 400, [
        { path: 'photoIds', message: `expected the ${current.length} photo ids of the shop, each once` },
      ]);
    }
    return { photos: next, answer: next };
  });
  return { merchantId, maxPhotos: MAX_PHOTOS_PER_SHOP, maxBytes: MAX_SHOP_PHOTO_BYTES, items: photos.map(staffShopPhoto) };
}

/** What the audit trail keeps of a shop's photos before and after a staff action: the order, each one's status and alt text. */
export async function shopPhotosSnapshot(ctx: AppContext, merchantId: string) {
  const { photos } = await ctx.shopPhotos.get(merchantId);
  return {
    order: photos.map((p) => p.photoId),
    photos: Object.fromEntries(photos.map((p) => [p.photoId, { status: p.status, altText: p.altText, ...(p.refusal ? { refusal: p.refusal.code } : {}) }])),
  };
}
