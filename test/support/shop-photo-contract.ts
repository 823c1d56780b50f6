import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../shared/app/context';
import { createMerchant } from '../../shared/app/merchants';
import { processShopPhotoUpload } from '../../shared/app/shop-photo-processing';
import { announceShopPhoto, deleteShopPhoto, listPublicPhotos, listShopPhotos, reorderShopPhotos, updateShopPhoto } from '../../shared/app/shop-photos';
import { ConflictError, DomainError } from '../../shared/domain/errors';
import { MAX_PHOTOS_PER_SHOP, shopPhotoUploadKey, type ShopPhoto } from '../../shared/domain/shop-photo';
import type { MediaStore } from '../../shared/ports/shop-photos';
import { carries, CAMERA_MAKE, exifTags, jpegWithGps } from './photos';

/**
 * The shops' photos (issue #20) as scenarios, run against both ShopPhotoStore adapters: DynamoDB
 * (test/integration/http/shop-photos.test.ts) and in memory (test/unit/app/shop-photos.test.ts).
 * `media` stands for the bucket: `upload(key, bytes)` plays the browser's PUT, `read(key)` reads an
 * object back (undefined once deleted).
 */
export function shopPhotoContract(adapter: string, setup: () => { ctx: AppContext; upload(key: string, bytes: Uint8Array): Promise<void>; read(key: string): Promise<Uint8Array | undefined> }) {
  let n = 0;
  const shop = async (ctx: AppContext) => {
    // A distinct valid SIRET per shop: 14 digits passing the Luhn check.
    const base = `7328293200${String(1000 + n++).padStart(3, '0')}`;
    const siret = [...Array(10).keys()].map((d) => `${base}${d}`).find((s) => luhn(s))!;
    return (await createMerchant(ctx, { name: `Commerce ${randomUUID().slice(0, 6)}`, siret, address: { street: '1 rue du Pont', postcode: '37410', city: 'Montclair-sur-Loire' }, tags: [], aliases: [] })).merchantId;
  };
  const photo = (merchantId: string, photoId: string, over: Partial<ShopPhoto> = {}): ShopPhoto => ({
    photoId,
    merchantId,
    status: 'AWAITING_UPLOAD',
    altText: 'La vitrine',
    contentType: 'image/jpeg',
    contentLength: 1000,
    createdAt: '2026-06-20T10:00:00.000Z',
    updatedAt: '2026-06-20T10:00:00.000Z',
    addedBy: 'SHOP',
    ...over,
  });

  describe(`the shops’ photos store (${adapter})`, () => {
    it('keeps a shop’s photos in the order given, each change over the version read', async () => {
      const { ctx } = setup();
      const m = `shop-${randomUUID()}`;
      expect(await ctx.shopPhotos.get(m)).toEqual({ merchantId: m, version: 0, photos: [] });
      await ctx.shopPhotos.save(m, 0, { order: ['a', 'b'], put: [photo(m, 'a'), photo(m, 'b')], remove: [] });
      await ctx.shopPhotos.save(m, 1, { order: ['b', 'a'], put: [photo(m, 'a', { status: 'READY', renditions: [{ width: 480, height: 300, key: 'media/x' }] })], remove: [] });
      const set = await ctx.shopPhotos.get(m);
      expect(set.version).toBe(2);
      expect(set.photos.map((p) => [p.photoId, p.status])).toEqual([
        ['b', 'AWAITING_UPLOAD'],
        ['a', 'READY'],
      ]);
      expect(set.photos[1]!.renditions).toEqual([{ width: 480, height: 300, key: 'media/x' }]);
      // A writer that read version 1 loses, and nothing of its change is written.
      await expect(ctx.shopPhotos.save(m, 1, { order: ['a'], put: [], remove: ['b'] })).rejects.toBeInstanceOf(ConflictError);
      await expect(ctx.shopPhotos.save(m, 0, { order: ['c'], put: [photo(m, 'c')], remove: [] })).rejects.toMatchObject({ code: 'PHOTOS_CHANGED' });
      expect((await ctx.shopPhotos.get(m)).photos.map((p) => p.photoId)).toEqual(['b', 'a']);
      await ctx.shopPhotos.save(m, 2, { order: ['a'], put: [], remove: ['b'] });
      expect((await ctx.shopPhotos.get(m)).photos.map((p) => p.photoId)).toEqual(['a']);
      // Another shop's photos are apart.
      expect((await ctx.shopPhotos.get(`${m}-other`)).photos).toEqual([]);
    });
  });

  describe(`a shop’s photos, uploaded and processed (${adapter})`, () => {
    it('goes from an upload slot to resized renditions without EXIF, shown on the page; the original is deleted', async () => {
      const { ctx, upload, read } = setup();
      const m = await shop(ctx);
      const slot = await announceShopPhoto(ctx, m, 'SHOP', { contentType: 'image/jpeg', contentLength: 123, altText: 'La vitrine et les pains du jour' });
      expect(slot).toMatchObject({ status: 'AWAITING_UPLOAD', upload: { method: 'PUT', headers: { 'Content-Type': 'image/jpeg', 'Content-Length': '123' } } });
      // Not shown before it is processed.
      expect((await listPublicPhotos(ctx, m)).items).toEqual([]);
      const key = shopPhotoUploadKey(m, slot.photoId);
      const original = jpegWithGps(1600, 1200);
      await upload(key, original);
      expect(await processShopPhotoUpload(ctx, key)).toEqual({ outcome: 'READY', merchantId: m, photoId: slot.photoId, widths: [480, 1200] });
      const page = await listPublicPhotos(ctx, m);
      expect(page.items).toEqual([
        {
          photoId: slot.photoId,
          alt: 'La vitrine et les pains du jour',
          url: `/media/shops/${m}/${slot.photoId}-1200.jpg`,
          width: 1200,
          height: 900,
          renditions: [
            { url: `/media/shops/${m}/${slot.photoId}-480.jpg`, width: 480, height: 360 },
            { url: `/media/shops/${m}/${slot.photoId}-1200.jpg`, width: 1200, height: 900 },
          ],
        },
      ]);
      for (const r of page.items[0]!.renditions) {
        const bytes = (await read(r.url.slice(1)))!;
        expect(exifTags(bytes)).toEqual([]);
        expect(carries(bytes, 'Exif') || carries(bytes, CAMERA_MAKE)).toBe(false);
      }
      expect(await read(key)).toBeUndefined();
      // A second notification (redelivery, or another PUT to the old URL) changes nothing.
      await upload(key, jpegWithGps(400, 400));
      expect((await processShopPhotoUpload(ctx, key)).outcome).toBe('ALREADY_DONE');
      expect(await read(key)).toBeUndefined();
      expect((await listPublicPhotos(ctx, m)).items[0]!.width).toBe(1200);
    });

    it('refuses what is not a JPEG or a PNG with a stable code the uploader sees, and shows nothing of it', async () => {
      const { ctx, upload, read } = setup();
      const m = await shop(ctx);
      const slot = await announceShopPhoto(ctx, m, 'CITY', { contentType: 'image/png', contentLength: 20, altText: 'Le comptoir' });
      const key = shopPhotoUploadKey(m, slot.photoId);
      await upload(key, new Uint8Array(Buffer.concat([Buffer.from('RIFF'), Buffer.from([0, 0, 0, 0]), Buffer.from('WEBPVP8 ')])));
      expect(await processShopPhotoUpload(ctx, key)).toMatchObject({ outcome: 'REFUSED', code: 'UNSUPPORTED_FILE' });
      const staff = await listShopPhotos(ctx, m);
      expect(staff.items).toEqual([expect.objectContaining({ photoId: slot.photoId, status: 'REFUSED', addedBy: 'CITY', refusal: { code: 'UNSUPPORTED_FILE', message: expect.stringContaining('JPEG') } })]);
      expect((await listPublicPhotos(ctx, m)).items).toEqual([]);
      expect(await read(key)).toBeUndefined();
      // Declared as something else: refused before any slot is given.
      await expect(announceShopPhoto(ctx, m, 'SHOP', { contentType: 'image/webp', contentLength: 20, altText: 'Le comptoir' })).rejects.toMatchObject({ code: 'UNSUPPORTED_FILE', status: 400 });
      await expect(announceShopPhoto(ctx, m, 'SHOP', { contentType: 'image/jpeg', contentLength: 8 * 1024 * 1024 + 1, altText: 'Le comptoir' })).rejects.toMatchObject({ code: 'TOO_LARGE', status: 400 });
    });

    it('holds a shop to 12 photos shown or on their way; a removed one frees its place and its files', async () => {
      const { ctx, upload, read } = setup();
      const m = await shop(ctx);
      const ids: string[] = [];
      for (let i = 0; i < MAX_PHOTOS_PER_SHOP; i++) ids.push((await announceShopPhoto(ctx, m, 'SHOP', { contentType: 'image/jpeg', contentLength: 10, altText: `Photo numéro ${i}` })).photoId);
      await expect(announceShopPhoto(ctx, m, 'SHOP', { contentType: 'image/jpeg', contentLength: 10, altText: 'Une de trop' })).rejects.toMatchObject({ code: 'PHOTO_LIMIT_REACHED', status: 409 });
      const key = shopPhotoUploadKey(m, ids[0]!);
      await upload(key, jpegWithGps(400, 300));
      await processShopPhotoUpload(ctx, key);
      const renditions = (await listPublicPhotos(ctx, m)).items[0]!.renditions.map((r) => r.url.slice(1));
      for (const k of renditions) expect(await read(k)).toBeDefined();
      expect(await deleteShopPhoto(ctx, m, ids[0]!)).toEqual({ photoId: ids[0], deleted: true });
      for (const k of renditions) expect(await read(k)).toBeUndefined();
      await expect(deleteShopPhoto(ctx, m, ids[0]!)).rejects.toMatchObject({ code: 'PHOTO_NOT_FOUND', status: 404 });
      expect((await announceShopPhoto(ctx, m, 'SHOP', { contentType: 'image/jpeg', contentLength: 10, altText: 'À la place' })).status).toBe('AWAITING_UPLOAD');
    });

    it('reorders with every photo named once, and changes an alt text', async () => {
      const { ctx } = setup();
      const m = await shop(ctx);
      const a = (await announceShopPhoto(ctx, m, 'SHOP', { contentType: 'image/jpeg', contentLength: 10, altText: 'La façade' })).photoId;
      const b = (await announceShopPhoto(ctx, m, 'SHOP', { contentType: 'image/jpeg', contentLength: 10, altText: 'Le rayon' })).photoId;
      expect((await reorderShopPhotos(ctx, m, [b, a])).items.map((p) => p.photoId)).toEqual([b, a]);
      for (const bad of [[a], [a, a], [a, b, 'autre']]) {
        await expect(reorderShopPhotos(ctx, m, bad)).rejects.toMatchObject({ code: 'INVALID_PHOTO_ORDER', status: 400 });
      }
      expect((await updateShopPhoto(ctx, m, a, 'La façade au printemps')).alt).toBe('La façade au printemps');
      expect((await listShopPhotos(ctx, m)).items.map((p) => [p.photoId, p.alt])).toEqual([
        [b, 'Le rayon'],
        [a, 'La façade au printemps'],
      ]);
      await expect(updateShopPhoto(ctx, m, 'absente', 'x y z')).rejects.toBeInstanceOf(DomainError);
    });

    it('leaves nothing of a photo removed while it was being processed', async () => {
      const { ctx, upload, read } = setup();
      const m = await shop(ctx);
      const slot = await announceShopPhoto(ctx, m, 'SHOP', { contentType: 'image/jpeg', contentLength: 10, altText: 'Retirée aussitôt' });
      const key = shopPhotoUploadKey(m, slot.photoId);
      await upload(key, jpegWithGps(600, 400));
      // The staff's removal lands between the processing's read and its write.
      const media: MediaStore = ctx.media;
      let removed = false;
      const racing: AppContext = {
        ...ctx,
        media: {
          ...media,
          presignUpload: media.presignUpload.bind(media),
          getUpload: media.getUpload.bind(media),
          delete: media.delete.bind(media),
          putRendition: async (k, bytes) => {
            await media.putRendition(k, bytes);
            if (!removed) {
              removed = true;
              await deleteShopPhoto(ctx, m, slot.photoId);
            }
          },
        },
      };
      expect((await processShopPhotoUpload(racing, key)).outcome).toBe('NO_SUCH_PHOTO');
      for (const w of [480, 600]) expect(await read(`media/shops/${m}/${slot.photoId}-${w}.jpg`)).toBeUndefined();
      expect(await read(key)).toBeUndefined();
      expect((await listShopPhotos(ctx, m)).items).toEqual([]);
    });
  });
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
