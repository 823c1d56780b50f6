/**
 * The check and the renditions of an uploaded shop photo (issue #20): what the processing (the
 * photos function) accepts of an original and what it makes of it. Apart from shop-photo.ts so that
 * the API, which only hands out upload slots, does not carry them.
 */
import { MAX_SHOP_PHOTO_BYTES, MEDIA_PREFIX, type ShopPhotoRefusalCode } from './shop-photo';

/** Beyond this many pixels an original is refused before anything decodes it. */
export const MAX_SHOP_PHOTO_PIXELS = 40_000_000;
/** Smallest side accepted: smaller would look blurred on the page. */
export const MIN_SHOP_PHOTO_SIDE = 200;

/** Widths of the JPEG renditions (never wider than the original). */
export const RENDITION_WIDTHS = [480, 1200] as const;

export const renditionKey = (merchantId: string, photoId: string, width: number) => `${MEDIA_PREFIX}shops/${merchantId}/${photoId}-${width}.jpg`;

const UPLOAD_KEY = /^uploads\/shop-photos\/([A-Za-z0-9_-]{1,64})\/([A-Za-z0-9_-]{1,64})$/;
/** The shop and photo an upload key names; undefined for any other key. */
export function parseShopPhotoUploadKey(key: string): { merchantId: string; photoId: string } | undefined {
  const m = UPLOAD_KEY.exec(key);
  return m ? { merchantId: m[1]!, photoId: m[2]! } : undefined;
}

/** A rendition key as the site serves it: `media/shops/<merchantId>/<photoId>-<width>.jpg` and nothing else. */
export const RENDITION_KEY = /^media\/shops\/[A-Za-z0-9_-]{1,64}\/[A-Za-z0-9_-]{1,64}-\d{1,5}\.jpg$/;

/** The widths to render an original of this (upright) width at: the configured ones below it, and at most its own. */
export function renditionWidths(originalWidth: number): number[] {
  const top = Math.min(originalWidth, RENDITION_WIDTHS[RENDITION_WIDTHS.length - 1]!);
  return [...new Set([...RENDITION_WIDTHS.filter((w) => w < top), top])].sort((a, b) => a - b);
}

/** What the bytes are, as read from them (shared/ocr/file-check.ts `sniffImage`). */
export type SniffedImage = { format: 'image/jpeg' | 'image/png' | 'image/webp' | 'other'; width?: number; height?: number };

export type PhotoVerdict = { ok: true; width: number; height: number } | { ok: false; code: ShopPhotoRefusalCode; message: string };

const REFUSALS: Record<ShopPhotoRefusalCode, string> = {
  UNSUPPORTED_FILE: 'Ce fichier n’est pas une photo JPEG ou PNG. Enregistrez-la en JPEG (ou en PNG) et envoyez-la de nouveau.',
  TOO_LARGE: 'Cette photo est trop lourde ou trop grande : 8 Mo et 40 millions de pixels au plus. Réduisez-la et envoyez-la de nouveau.',
  TOO_SMALL: `Cette photo est trop petite : ${MIN_SHOP_PHOTO_SIDE} pixels de côté au moins.`,
  UNREADABLE: 'Cette photo est abîmée ou illisible. Envoyez-en une autre.',
};

export const refusal = (code: ShopPhotoRefusalCode) => ({ code, message: REFUSALS[code] });

/** The check of an uploaded original: its type by its bytes, its size in bytes, its pixels. */
export function checkShopPhoto(image: SniffedImage, byteLength: number): PhotoVerdict {
  if (byteLength > MAX_SHOP_PHOTO_BYTES) return { ok: false, ...refusal('TOO_LARGE') };
  if (image.format !== 'image/jpeg' && image.format !== 'image/png') return { ok: false, ...refusal('UNSUPPORTED_FILE') };
  const { width, height } = image;
  if (!width || !height) return { ok: false, ...refusal('UNREADABLE') };
  if (width * height > MAX_SHOP_PHOTO_PIXELS) return { ok: false, ...refusal('TOO_LARGE') };
  if (Math.min(width, height) < MIN_SHOP_PHOTO_SIDE) return { ok: false, ...refusal('TOO_SMALL') };
  return { ok: true, width, height };
}
