import { describe, expect, it } from 'vitest';
import { recordStaffAction } from '../../../shared/app/audit';
import { shopPhotosSnapshot } from '../../../shared/app/shop-photos';
import { memoryAppContext } from '../../../shared/wiring/memory-context';
import { shopPhotoContract } from '../../support/shop-photo-contract';

// The in-memory store against the scenarios the DynamoDB store passes (test/integration/http/shop-photos.test.ts).
shopPhotoContract('in memory', () => {
  const ctx = memoryAppContext();
  return {
    ctx,
    upload: async (key, bytes) => void ctx.media.objects.set(key, bytes),
    read: async (key) => ctx.media.objects.get(key),
  };
});

describe('the audit trail of a shop’s photos', () => {
  it('keeps their order, statuses and alt texts, never their files', async () => {
    const ctx = memoryAppContext();
    await ctx.shopPhotos.save('m-1', 0, {
      order: ['p-1'],
      put: [{ photoId: 'p-1', merchantId: 'm-1', status: 'READY', altText: 'La vitrine', contentType: 'image/jpeg', contentLength: 9, createdAt: 'x', updatedAt: 'x', addedBy: 'SHOP', renditions: [{ width: 480, height: 300, key: 'media/shops/m-1/p-1-480.jpg' }] }],
      remove: [],
    });
    const snapshot = await shopPhotosSnapshot(ctx, 'm-1');
    expect(snapshot).toEqual({ order: ['p-1'], photos: { 'p-1': { status: 'READY', altText: 'La vitrine' } } });
    const entry = await recordStaffAction(ctx, { sub: 'staff-of-m-1', isAdmin: false, merchantId: 'm-1' }, { action: 'updateOwnPhoto', route: 'PATCH /v1/shops/{id}/photos/{itemId}', target: { type: 'merchant', id: 'm-1' }, status: 200, before: { photos: {} }, after: snapshot });
    expect(entry.after).toMatchObject({ photos: { 'p-1': { altText: 'La vitrine' } } });
  });
});
