import type { Rendition, ShopPhoto, ShopPhotoRefusalCode } from '../domain/shop-photo';
import { checkShopPhoto, parseShopPhotoUploadKey, refusal, renditionKey } from '../domain/shop-photo-check';
import { renderShopPhoto, UnreadableImageError } from '../images/renditions';
import { sniffImage } from '../ocr/file-check';
import type { AppContext } from './context';
import { changePhotos } from './shop-photos';

/**
 * The processing of an uploaded shop photo (the photos function, on S3's ObjectCreated under the
 * upload prefix): the original is checked by its bytes (type, byte size, pixels), decoded and
 * encoded again as upright JPEG renditions under `media/` (no metadata survives: see
 * shared/images/renditions.ts), the photo becomes READY (or REFUSED with a stable code the uploader
 * sees), and the original is deleted. Idempotent: a redelivered notification, or a second PUT to
 * the slot's URL, finds the photo no longer awaiting its upload and only deletes the original.
 */
export type PhotoProcessing =
  | { outcome: 'READY'; merchantId: string; photoId: string; widths: number[] }
  | { outcome: 'REFUSED'; merchantId: string; photoId: string; code: ShopPhotoRefusalCode }
  | { outcome: 'ALREADY_DONE' | 'NO_SUCH_PHOTO' | 'NO_UPLOAD'; merchantId: string; photoId: string }
  | { outcome: 'NOT_A_SHOP_PHOTO' };

export async function processShopPhotoUpload(ctx: AppContext, key: string): Promise<PhotoProcessing> {
  const ids = parseShopPhotoUploadKey(key);
  if (!ids) return { outcome: 'NOT_A_SHOP_PHOTO' };
  const { merchantId, photoId } = ids;
  const awaiting = (await ctx.shopPhotos.get(merchantId)).photos.find((p) => p.photoId === photoId);
  if (!awaiting || awaiting.status !== 'AWAITING_UPLOAD') {
    // Removed meanwhile, or already processed: the bytes are not wanted.
    await ctx.media.delete([key]);
    return { outcome: awaiting ? 'ALREADY_DONE' : 'NO_SUCH_PHOTO', merchantId, photoId };
  }
  const bytes = await ctx.media.getUpload(key);
  if (!bytes) return { outcome: 'NO_UPLOAD', merchantId, photoId };

  const image = sniffImage(bytes);
  const verdict = checkShopPhoto(image, bytes.length);
  let renditions: Rendition[] | undefined;
  let refused: ShopPhotoRefusalCode | undefined = verdict.ok ? undefined : verdict.code;
  if (verdict.ok) {
    try {
      const rendered = renderShopPhoto(bytes, image.format as 'image/jpeg' | 'image/png');
      renditions = rendered.map((r) => ({ width: r.width, height: r.height, key: renditionKey(merchantId, photoId, r.width) }));
      await Promise.all(rendered.map((r, i) => ctx.media.putRendition(renditions![i]!.key, r.bytes)));
    } catch (err) {
      if (!(err instanceof UnreadableImageError)) throw err;
      refused = 'UNREADABLE';
    }
  }

  const done = await changePhotos(ctx, merchantId, (photos, now) => {
    const current = photos.find((p) => p.photoId === photoId);
    if (!current || current.status !== 'AWAITING_UPLOAD') return { photos, answer: { photo: current, wrote: false } };
    const at = now.toISOString();
    const next: ShopPhoto = refused ? { ...current, status: 'REFUSED', refusal: refusal(refused), updatedAt: at } : { ...current, status: 'READY', renditions: renditions!, updatedAt: at };
    return { photos: photos.map((p) => (p.photoId === photoId ? next : p)), answer: { photo: next, wrote: true } };
  });
  // The original (with its metadata) is deleted once processed; the bucket's lifecycle removes any left behind.
  if (!done.photo || (!done.wrote && done.photo.status !== 'READY')) {
    // Removed while it was being processed (or finished otherwise by another delivery): nothing of this run may stay.
    await ctx.media.delete([key, ...(renditions ?? []).map((r) => r.key)]);
    return { outcome: done.photo ? 'ALREADY_DONE' : 'NO_SUCH_PHOTO', merchantId, photoId };
  }
  await ctx.media.delete([key]);
  if (!done.wrote) return { outcome: 'ALREADY_DONE', merchantId, photoId };
  const photo = done.photo;
  return photo.status === 'READY'
    ? { outcome: 'READY', merchantId, photoId, widths: photo.renditions!.map((r) => r.width) }
    : { outcome: 'REFUSED', merchantId, photoId, code: photo.refusal!.code };
}
