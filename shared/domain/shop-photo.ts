import * as z from '../schema';

/**
 * A shop's photos on its page (issue #20): uploaded by the shop's staff or by city staff with a
 * presigned PUT, checked like receipts (by their bytes, never the declared type), then re-encoded
 * as resized JPEG renditions. Decoding and re-encoding keeps the pixels only: no EXIF, so no GPS
 * position of the phone, no camera serial, no date. Pure rules: what may be uploaded, how many, what
 * the processing accepts, how the order and the statuses change, what the public sees.
 */

/** At most this many photos shown (or on their way) per shop. */
export const MAX_PHOTOS_PER_SHOP = 12;
/** Largest original accepted: 8 MiB. */
export const MAX_SHOP_PHOTO_BYTES = 8 * 1024 * 1024;
/** Refused or abandoned photos stay listed this long (for the uploader to read why), then go. */
export const STALE_PHOTO_DAYS = 7;

/**
 * What may be announced. WebP is refused: it is recognised by its bytes, but no pure-JavaScript
 * WebP decoder is in the project, and decoding is what removes the metadata.
 */
export const ShopPhotoContentType = z.enum(['image/jpeg', 'image/png']);
export type ShopPhotoContentType = z.infer<typeof ShopPhotoContentType>;

/** Text read out in place of the photo (RGAA 1.1): what it shows, in French, for someone who cannot see it. */
export const AltText = z.string().check(
  z.trim(),
  z.minLength(3, 'décrivez la photo en quelques mots (3 caractères au moins)'),
  z.maxLength(250, '250 caractères au plus'),
  z.refine((s) => !/\.(jpe?g|png|webp|gif)$/i.test(s) && !/^(img|dsc|dscn|pxl)[-_]?\d+/i.test(s), 'décrivez ce que montre la photo, pas le nom du fichier'),
);

export const ShopPhotoUploadInput = z.strictObject({
  contentType: z.described(z.string().check(z.maxLength(100)), { description: 'image/jpeg or image/png (checked again on the bytes)', example: 'image/jpeg' }),
  contentLength: z.described(z.int().check(z.positive()), { description: `bytes, at most ${MAX_SHOP_PHOTO_BYTES}`, example: 2_480_113 }),
  altText: z.described(AltText, { description: 'what the photo shows, in French, read out in its place', example: 'La vitrine de la boulangerie, avec les pains du jour' }),
});
export type ShopPhotoUploadInput = z.infer<typeof ShopPhotoUploadInput>;

export const ShopPhotoPatch = z.strictObject({ altText: z.described(AltText, { example: 'Le comptoir des fromages' }) });
export type ShopPhotoPatch = z.infer<typeof ShopPhotoPatch>;

const PhotoId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id: letters, digits, _ and -'));
export const ShopPhotoOrderInput = z
  .strictObject({ photoIds: z.described(z.array(PhotoId).check(z.maxLength(100)), { description: 'every photo of the shop, in the order to show them' }) })
  .check(z.refine((o) => new Set(o.photoIds).size === o.photoIds.length, { message: 'a photo may be named once', path: ['photoIds'] }));
export type ShopPhotoOrderInput = z.infer<typeof ShopPhotoOrderInput>;

export type ShopPhotoStatus = 'AWAITING_UPLOAD' | 'READY' | 'REFUSED';

/** Why the processing refused an upload (stable codes, shown to the uploader with a French message). */
export type ShopPhotoRefusalCode = 'UNSUPPORTED_FILE' | 'TOO_LARGE' | 'TOO_SMALL' | 'UNREADABLE';

export interface Rendition {
  width: number;
  height: number;
  /** The object's key in the bucket, under `media/` (served by the site at `/<key>`). */
  key: string;
}

export interface ShopPhoto {
  photoId: string;
  merchantId: string;
  status: ShopPhotoStatus;
  altText: string;
  contentType: ShopPhotoContentType;
  contentLength: number;
  createdAt: string;
  updatedAt: string;
  /** Who asked for the upload slot: the shop's staff or the city's. */
  addedBy: 'SHOP' | 'CITY';
  /** READY: the renditions, narrowest first. */
  renditions?: Rendition[];
  refusal?: { code: ShopPhotoRefusalCode; message: string };
}

// ------------------------------------------------------------------------------------------ storage

/** Where the original is uploaded: a private prefix, outside what the site serves; removed once processed. */
export const SHOP_PHOTO_UPLOAD_PREFIX = 'uploads/shop-photos/';
/** Where the renditions live: the only prefix of the bucket the site serves (`/media/*`). */
export const MEDIA_PREFIX = 'media/';

export const shopPhotoUploadKey = (merchantId: string, photoId: string) => `${SHOP_PHOTO_UPLOAD_PREFIX}${merchantId}/${photoId}`;



// ------------------------------------------------------------------------------------------ rules


/** An upload slot never used: its URL expired an hour ago and no bytes came. */
export function isAbandoned(p: Pick<ShopPhoto, 'status' | 'createdAt'>, now: Date, uploadTtlSeconds: number): boolean {
  return p.status === 'AWAITING_UPLOAD' && now.getTime() - Date.parse(p.createdAt) > (uploadTtlSeconds + 3600) * 1000;
}

/** The photos that take a place: shown, or on their way (refused and abandoned ones do not). */
export function photosTakingAPlace(photos: readonly ShopPhoto[], now: Date, uploadTtlSeconds: number): ShopPhoto[] {
  return photos.filter((p) => p.status === 'READY' || (p.status === 'AWAITING_UPLOAD' && !isAbandoned(p, now, uploadTtlSeconds)));
}

/** The set without refused photos and abandoned slots older than STALE_PHOTO_DAYS (nothing of theirs is shown). */
export function withoutStalePhotos(photos: readonly ShopPhoto[], now: Date, uploadTtlSeconds: number): ShopPhoto[] {
  const limit = now.getTime() - STALE_PHOTO_DAYS * 86_400_000;
  return photos.filter((p) => !((p.status === 'REFUSED' || isAbandoned(p, now, uploadTtlSeconds)) && Date.parse(p.updatedAt) < limit));
}

/** Why an announce is refused (400 UNSUPPORTED_FILE or TOO_LARGE), before any slot is given. */
export function announceProblem(input: Pick<ShopPhotoUploadInput, 'contentType' | 'contentLength'>): { code: 'UNSUPPORTED_FILE' | 'TOO_LARGE'; path: string; message: string } | undefined {
  if (!ShopPhotoContentType.safeParse(input.contentType).success) {
    return { code: 'UNSUPPORTED_FILE', path: 'contentType', message: 'Une photo JPEG ou PNG seulement (le WebP n’est pas accepté).' };
  }
  if (input.contentLength > MAX_SHOP_PHOTO_BYTES) {
    return { code: 'TOO_LARGE', path: 'contentLength', message: `${MAX_SHOP_PHOTO_BYTES / 1024 / 1024} Mo au plus.` };
  }
  return undefined;
}

export function newShopPhoto(input: ShopPhotoUploadInput & { contentType: ShopPhotoContentType }, ids: { photoId: string; merchantId: string }, addedBy: ShopPhoto['addedBy'], now: Date): ShopPhoto {
  const at = now.toISOString();
  return { ...ids, status: 'AWAITING_UPLOAD', altText: input.altText, contentType: input.contentType, contentLength: input.contentLength, createdAt: at, updatedAt: at, addedBy };
}


/** The photos in the order asked for: every photo of the shop, each once; undefined when the list does not say that. */
export function reorderedPhotos(photos: readonly ShopPhoto[], photoIds: readonly string[]): ShopPhoto[] | undefined {
  if (photoIds.length !== photos.length || new Set(photoIds).size !== photoIds.length) return undefined;
  const byId = new Map(photos.map((p) => [p.photoId, p]));
  const next = photoIds.map((id) => byId.get(id));
  return next.every((p): p is ShopPhoto => p !== undefined) ? next : undefined;
}

// ------------------------------------------------------------------------------------------ views

/** `/media/...`: renditions are served by the site itself (CloudFront in AWS, the local stack locally). */
export const mediaUrl = (key: string) => `/${key}`;

/** What anyone sees of a ready photo: its alt text and its renditions (site-relative URLs with their widths). */
export function publicShopPhoto(p: ShopPhoto) {
  const renditions = (p.renditions ?? []).map((r) => ({ url: mediaUrl(r.key), width: r.width, height: r.height }));
  const largest = renditions[renditions.length - 1];
  return { photoId: p.photoId, alt: p.altText, url: largest?.url ?? '', width: largest?.width ?? 0, height: largest?.height ?? 0, renditions };
}

/** What the shop's staff and the city's see: the status, the refusal's code and message, the renditions once ready. */
export function staffShopPhoto(p: ShopPhoto) {
  return {
    photoId: p.photoId,
    status: p.status,
    alt: p.altText,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    addedBy: p.addedBy,
    ...(p.status === 'READY' ? { photo: publicShopPhoto(p) } : {}),
    ...(p.refusal ? { refusal: p.refusal } : {}),
  };
}
