/**
 * The shops' photos' renditions (issue #20), in plain JavaScript (jpeg-js, pngjs; no native code in
 * a Lambda): the original is decoded to its pixels, turned upright by its EXIF orientation, shrunk by
 * area averaging and encoded again as baseline JPEG. Only pixels cross from the original to a
 * rendition: the encoder is handed a new image holding width, height and pixels, so no EXIF (GPS
 * position, camera, date), no comment, no ICC profile and no XMP survives.
 *
 * Loaded by the photos function only: decoding must stay out of the api bundle
 * (test/infra/bundles.test.ts).
 */
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { MAX_SHOP_PHOTO_PIXELS, renditionWidths } from '../domain/shop-photo-check';
import { jpegOrientation } from '../ocr/perceptual-hash/decode';

/** Pixels as the encoder takes them: RGBA, 8 bits each, row-major. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface EncodedRendition {
  width: number;
  height: number;
  bytes: Uint8Array;
}

/** JPEG quality of the renditions: sharp enough for a shop front, a few hundred KB at 1200 px. */
export const RENDITION_QUALITY = 82;

/** Thrown when the bytes do not decode as the image their header announced. */
export class UnreadableImageError extends Error {
  override readonly name = 'UnreadableImageError';
}

/** The original's pixels as stored (before its EXIF orientation), RGBA; transparency laid over white. */
export function decodeOriginal(bytes: Uint8Array, format: 'image/jpeg' | 'image/png'): RgbaImage {
  try {
    if (format === 'image/jpeg') {
      const img = jpeg.decode(bytes, {
        useTArray: true,
        formatAsRGBA: true,
        tolerantDecoding: false,
        maxResolutionInMP: Math.ceil(MAX_SHOP_PHOTO_PIXELS / 1e6),
        maxMemoryUsageInMB: 1024,
      });
      if (!img.width || !img.height || img.data.length < img.width * img.height * 4) throw new UnreadableImageError('empty JPEG');
      return { width: img.width, height: img.height, data: img.data };
    }
    const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    if (!png.width || !png.height || png.data.length < png.width * png.height * 4) throw new UnreadableImageError('empty PNG');
    const data = new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength);
    for (let p = 0; p < data.length; p += 4) {
      const a = data[p + 3]!;
      if (a === 255) continue;
      for (let c = 0; c < 3; c++) data[p + c] = Math.round((data[p + c]! * a + 255 * (255 - a)) / 255);
      data[p + 3] = 255;
    }
    return { width: png.width, height: png.height, data };
  } catch (err) {
    if (err instanceof UnreadableImageError) throw err;
    throw new UnreadableImageError(err instanceof Error ? err.message : String(err));
  }
}

/**
 * Shrinks by area averaging: each output pixel is the mean of the source pixels whose centres fall
 * in its cell. Never enlarges (a cell holds at least one source pixel).
 */
export function shrink(src: RgbaImage, width: number, height: number): RgbaImage {
  const w = Math.max(1, Math.min(width, src.width));
  const h = Math.max(1, Math.min(height, src.height));
  const sums = new Float64Array(w * h * 3);
  const counts = new Uint32Array(w * h);
  const cellOfX = new Uint32Array(src.width);
  for (let x = 0; x < src.width; x++) cellOfX[x] = Math.min(w - 1, Math.floor(((x + 0.5) * w) / src.width));
  const d = src.data;
  for (let y = 0; y < src.height; y++) {
    const row = Math.min(h - 1, Math.floor(((y + 0.5) * h) / src.height)) * w;
    let p = y * src.width * 4;
    for (let x = 0; x < src.width; x++, p += 4) {
      const c = row + cellOfX[x]!;
      sums[c * 3]! += d[p]!;
      sums[c * 3 + 1]! += d[p + 1]!;
      sums[c * 3 + 2]! += d[p + 2]!;
      counts[c]!++;
    }
  }
  const out = new Uint8Array(w * h * 4);
  for (let c = 0; c < w * h; c++) {
    const n = counts[c]! || 1;
    out[c * 4] = Math.round(sums[c * 3]! / n);
    out[c * 4 + 1] = Math.round(sums[c * 3 + 1]! / n);
    out[c * 4 + 2] = Math.round(sums[c * 3 + 2]! / n);
    out[c * 4 + 3] = 255;
  }
  return { width: w, height: h, data: out };
}

/** The image as a viewer shows it, given its EXIF orientation (1..8): 6 turns it a quarter clockwise. */
export function upright(img: RgbaImage, orientation: number): RgbaImage {
  if (orientation <= 1 || orientation > 8) return img;
  const { width: w, height: h, data } = img;
  const swap = orientation >= 5;
  const W = swap ? h : w;
  const H = swap ? w : h;
  const out = new Uint8Array(W * H * 4);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let sx: number;
      let sy: number;
      switch (orientation) {
        case 2: sx = w - 1 - x; sy = y; break;
        case 3: sx = w - 1 - x; sy = h - 1 - y; break;
        case 4: sx = x; sy = h - 1 - y; break;
        case 5: sx = y; sy = x; break;
        case 6: sx = y; sy = h - 1 - x; break;
        case 7: sx = w - 1 - y; sy = h - 1 - x; break;
        default: sx = w - 1 - y; sy = x; break; // 8
      }
      const s = (sy * w + sx) * 4;
      const o = (y * W + x) * 4;
      out[o] = data[s]!;
      out[o + 1] = data[s + 1]!;
      out[o + 2] = data[s + 2]!;
      out[o + 3] = 255;
    }
  }
  return { width: W, height: H, data: out };
}

/** Baseline JPEG of these pixels, and nothing else (a new image object: no EXIF, no comment). */
export function encodeJpeg(img: RgbaImage, quality = RENDITION_QUALITY): Uint8Array {
  const encoded = jpeg.encode({ width: img.width, height: img.height, data: img.data }, quality);
  return new Uint8Array(encoded.data.buffer, encoded.data.byteOffset, encoded.data.byteLength);
}

/**
 * The renditions of an original (already checked: shared/domain/shop-photo.ts checkShopPhoto): one
 * per width of `renditionWidths`, upright, narrowest first. UnreadableImageError when the bytes do
 * not decode.
 */
export function renderShopPhoto(bytes: Uint8Array, format: 'image/jpeg' | 'image/png'): EncodedRendition[] {
  const stored = decodeOriginal(bytes, format);
  const orientation = format === 'image/jpeg' ? jpegOrientation(bytes) : 1;
  const swap = orientation >= 5 && orientation <= 8;
  const uprightWidth = swap ? stored.height : stored.width;
  const uprightHeight = swap ? stored.width : stored.height;
  return renditionWidths(uprightWidth).map((width) => {
    const height = Math.max(1, Math.round((uprightHeight * width) / uprightWidth));
    // Shrink the stored pixels to the rendition's size before turning them: the turn then moves few pixels.
    const small = shrink(stored, swap ? height : width, swap ? width : height);
    const turned = upright(small, orientation);
    return { width: turned.width, height: turned.height, bytes: encodeJpeg(turned) };
  });
}
