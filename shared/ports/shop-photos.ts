import type { ShopPhoto } from '../domain/shop-photo';

/** A shop's photos, in the order they are shown, and the version every change of them moves. */
export interface ShopPhotoSet {
  merchantId: string;
  /** 0 for a shop that never had a photo. */
  version: number;
  photos: ShopPhoto[];
}

/** One change of a shop's photos, written all at once. */
export interface ShopPhotoChange {
  /** Every photo id of the shop after the change, in the order shown. */
  order: string[];
  /** Photos added or changed. */
  put: ShopPhoto[];
  /** Photo ids removed. */
  remove: string[];
}

/**
 * The photos of the shops' pages (issue #20). Every change of a shop's photos (a new upload slot,
 * a processed upload, an alt text, the order, a removal) is one write conditional on the set's
 * version, so that the limit per shop and the order hold whatever runs at once: a lost race is
 * ConflictError PHOTOS_CHANGED (read again and retry).
 */
export interface ShopPhotoStore {
  get(merchantId: string): Promise<ShopPhotoSet>;
  save(merchantId: string, expectedVersion: number, change: ShopPhotoChange): Promise<void>;
}

/**
 * The photos' files (the receipts bucket in AWS, under prefixes of their own): originals uploaded
 * with a presigned PUT to a private prefix, renditions written under `media/`, which the site serves.
 */
export interface MediaStore {
  /** A presigned PUT to `key`, for exactly this type and length. */
  presignUpload(key: string, contentType: string, contentLength: number, expiresInSeconds: number): Promise<{ url: string; headers: Record<string, string> }>;
  /** The uploaded bytes at `key`; undefined when there are none. */
  getUpload(key: string): Promise<Uint8Array | undefined>;
  /** Writes a rendition (public through the site, cached for good: its key is never reused). */
  putRendition(key: string, bytes: Uint8Array): Promise<void>;
  /** Deletes these objects; absent ones are no error. */
  delete(keys: readonly string[]): Promise<void>;
}
