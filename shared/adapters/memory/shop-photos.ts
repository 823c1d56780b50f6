import { ConflictError } from '../../domain/errors';
import type { ShopPhoto } from '../../domain/shop-photo';
import type { MediaStore, ShopPhotoChange, ShopPhotoSet, ShopPhotoStore } from '../../ports/shop-photos';
import { copy } from './cursor';

export const photosChanged = () => new ConflictError('PHOTOS_CHANGED', 'The shop’s photos were changed meanwhile; read them again.');

/** Shops' photos in memory, with DynamoShopPhotoStore's contract: each change conditional on the set's version, all or nothing. */
export class MemoryShopPhotoStore implements ShopPhotoStore {
  readonly sets = new Map<string, { version: number; order: string[]; photos: Map<string, ShopPhoto> }>();

  async get(merchantId: string): Promise<ShopPhotoSet> {
    const set = this.sets.get(merchantId);
    if (!set) return { merchantId, version: 0, photos: [] };
    return { merchantId, version: set.version, photos: set.order.map((id) => set.photos.get(id)).filter((p): p is ShopPhoto => p !== undefined).map(copy) };
  }

  async save(merchantId: string, expectedVersion: number, change: ShopPhotoChange): Promise<void> {
    const current = this.sets.get(merchantId);
    if ((current?.version ?? 0) !== expectedVersion) throw photosChanged();
    const photos = new Map(current?.photos ?? []);
    for (const id of change.remove) photos.delete(id);
    for (const p of change.put) photos.set(p.photoId, copy(p));
    this.sets.set(merchantId, { version: expectedVersion + 1, order: [...change.order], photos });
  }
}

/** The photos' files in memory: uploads (`objects`, which a test sets as a browser's PUT would) and renditions, by key. */
export class MemoryMedia implements MediaStore {
  readonly objects = new Map<string, Uint8Array>();
  async presignUpload(key: string, contentType: string, contentLength: number) {
    return { url: `memory://${key}`, headers: { 'Content-Type': contentType, 'Content-Length': String(contentLength) } };
  }
  async getUpload(key: string) {
    return this.objects.get(key);
  }
  async putRendition(key: string, bytes: Uint8Array) {
    this.objects.set(key, bytes);
  }
  async delete(keys: readonly string[]) {
    for (const k of keys) this.objects.delete(k);
  }
}
