import { describe, expect, it } from 'vitest';
import { parseShopPhotoUploadKey, RENDITION_KEY, renditionKey, renditionWidths } from '../../../shared/domain/shop-photo-check';
import {
  AltText,
  announceProblem,
  photosTakingAPlace,
  reorderedPhotos,
  shopPhotoUploadKey,
  ShopPhotoOrderInput,
  withoutStalePhotos,
  type ShopPhoto,
} from '../../../shared/domain/shop-photo';

const at = (iso: string) => new Date(iso);
const photo = (photoId: string, status: ShopPhoto['status'], createdAt: string, updatedAt = createdAt): ShopPhoto => ({
  photoId,
  merchantId: 'm-1',
  status,
  altText: 'La vitrine',
  contentType: 'image/jpeg',
  contentLength: 10,
  createdAt,
  updatedAt,
  addedBy: 'SHOP',
});

describe('a shop photo’s rules', () => {
  it('renders 480 and 1200 px wide, never wider than the original', () => {
    expect(renditionWidths(4000)).toEqual([480, 1200]);
    expect(renditionWidths(1200)).toEqual([480, 1200]);
    expect(renditionWidths(900)).toEqual([480, 900]);
    expect(renditionWidths(480)).toEqual([480]);
    expect(renditionWidths(250)).toEqual([250]);
  });

  it('asks for an alt text that describes the photo, not its file name', () => {
    expect(AltText.safeParse('  La vitrine de la fromagerie  ').data).toBe('La vitrine de la fromagerie');
    for (const bad of ['', 'ab', 'IMG_2034', 'vitrine.jpg', 'DSC-0001 copie', 'x'.repeat(251)]) expect(AltText.safeParse(bad).success, bad).toBe(false);
  });

  it('refuses at once a type other than JPEG or PNG, or more than 8 MB', () => {
    expect(announceProblem({ contentType: 'image/jpeg', contentLength: 8 * 1024 * 1024 })).toBeUndefined();
    expect(announceProblem({ contentType: 'image/png', contentLength: 1 })).toBeUndefined();
    expect(announceProblem({ contentType: 'image/webp', contentLength: 1 })).toMatchObject({ code: 'UNSUPPORTED_FILE', path: 'contentType' });
    expect(announceProblem({ contentType: 'application/pdf', contentLength: 1 })).toMatchObject({ code: 'UNSUPPORTED_FILE' });
    expect(announceProblem({ contentType: 'image/jpeg', contentLength: 8 * 1024 * 1024 + 1 })).toMatchObject({ code: 'TOO_LARGE', path: 'contentLength' });
  });

  it('counts the photos shown or on their way; refused ones and slots never used do not count, and go after a week', () => {
    const now = at('2026-06-20T12:00:00Z');
    const photos = [
      photo('ready', 'READY', '2026-01-01T00:00:00Z'),
      photo('fresh-slot', 'AWAITING_UPLOAD', '2026-06-20T11:50:00Z'),
      photo('abandoned', 'AWAITING_UPLOAD', '2026-06-20T09:00:00Z'),
      photo('old-abandoned', 'AWAITING_UPLOAD', '2026-06-01T09:00:00Z'),
      photo('refused', 'REFUSED', '2026-06-19T09:00:00Z'),
      photo('old-refused', 'REFUSED', '2026-06-01T09:00:00Z'),
    ];
    expect(photosTakingAPlace(photos, now, 900).map((p) => p.photoId)).toEqual(['ready', 'fresh-slot']);
    expect(withoutStalePhotos(photos, now, 900).map((p) => p.photoId)).toEqual(['ready', 'fresh-slot', 'abandoned', 'refused']);
  });

  it('reorders only with every photo named once', () => {
    const photos = [photo('a', 'READY', 'x'), photo('b', 'READY', 'x')];
    expect(reorderedPhotos(photos, ['b', 'a'])?.map((p) => p.photoId)).toEqual(['b', 'a']);
    for (const ids of [['a'], ['a', 'a'], ['a', 'c'], ['a', 'b', 'c']]) expect(reorderedPhotos(photos, ids), ids.join()).toBeUndefined();
    expect(ShopPhotoOrderInput.safeParse({ photoIds: ['a', 'a'] }).success).toBe(false);
    expect(ShopPhotoOrderInput.safeParse({ photoIds: ['../x'] }).success).toBe(false);
  });

  it('keeps originals under the private upload prefix and renditions under media/, named so that nothing else matches', () => {
    expect(shopPhotoUploadKey('m-1', 'p-1')).toBe('uploads/shop-photos/m-1/p-1');
    expect(parseShopPhotoUploadKey('uploads/shop-photos/m-1/p-1')).toEqual({ merchantId: 'm-1', photoId: 'p-1' });
    for (const key of ['receipts/r-1', 'uploads/shop-photos/m-1', 'uploads/shop-photos/m-1/p-1/x', 'uploads/shop-photos/../p-1']) expect(parseShopPhotoUploadKey(key), key).toBeUndefined();
    expect(renditionKey('m-1', 'p-1', 480)).toBe('media/shops/m-1/p-1-480.jpg');
    expect(RENDITION_KEY.test('media/shops/m-1/p-1-480.jpg')).toBe(true);
    for (const key of ['receipts/r-1', 'kept/receipts/r-1', 'media/shops/m-1/../../receipts/r-1', 'media/shops/m-1/p-1-480.png', 'payouts/p.xml']) expect(RENDITION_KEY.test(key), key).toBe(false);
  });
});
