/** Decoding JPEG and PNG into a small grey plane, upright (EXIF orientation applied). */
import { decodeJpeg, readPng } from './codecs';
import { MAX_DECODE_MEMORY_MB, MAX_MEGAPIXELS } from './tuning';

/** A grey image, row-major, one float per pixel. */
export interface Plane {
  width: number;
  height: number;
  data: Float32Array;
}

export const isJpeg = (b: Uint8Array) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
export const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
export const isPng = (b: Uint8Array) => b.length > 24 && PNG_MAGIC.every((m, i) => b[i] === m);

/**
 * The EXIF orientation (1..8) of a JPEG, from IFD0's tag 0x0112 in its APP1 "Exif" segment; 1
 * when absent or unreadable. Walks the marker segments up to the start of scan.
 */
export function jpegOrientation(bytes: Uint8Array): number {
  if (!isJpeg(bytes)) return 1;
  let i = 2;
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) return 1;
    const marker = bytes[i + 1]!;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      i += 2; // markers without a length
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return 1; // start of scan, end of image
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    if (length < 2) return 1;
    const start = i + 4;
    const end = Math.min(bytes.length, i + 2 + length);
    if (marker === 0xe1 && end - start >= 14 && isExifHeader(bytes, start)) {
      const o = tiffOrientation(bytes.subarray(start + 6, end));
      if (o !== undefined) return o;
    }
    i += 2 + length;
  }
  return 1;
}

/** "Exif\0\0". */
export const isExifHeader = (b: Uint8Array, at: number) =>
  b[at] === 0x45 && b[at + 1] === 0x78 && b[at + 2] === 0x69 && b[at + 3] === 0x66 && b[at + 4] === 0 && b[at + 5] === 0;

/** Tag 0x0112 of IFD0 in a TIFF structure; undefined when absent, malformed or out of range. */
export function tiffOrientation(tiff: Uint8Array): number | undefined {
  if (tiff.length < 8) return undefined;
  const little = tiff[0] === 0x49 && tiff[1] === 0x49; // "II"; else "MM", big-endian
  if (!little && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return undefined;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  if (view.getUint16(2, little) !== 42) return undefined;
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > tiff.length) return undefined;
  const entries = view.getUint16(ifd, little);
  for (let k = 0; k < entries; k++) {
    const e = ifd + 2 + k * 12;
    if (e + 12 > tiff.length) return undefined;
    if (view.getUint16(e, little) !== 0x0112) continue;
    // SHORT (3) as the standard says; a few writers use LONG (4).
    const value = view.getUint16(e + 2, little) === 4 ? view.getUint32(e + 8, little) : view.getUint16(e + 8, little);
    return value >= 1 && value <= 8 ? value : undefined;
  }
  return undefined;
}

/** Interleaved 8-bit pixels as the decoders return them. */
export interface Pixels {
  width: number;
  height: number;
  channels: 3 | 4;
  data: Uint8Array;
}

export function decodePixels(bytes: Uint8Array): Pixels | undefined {
  try {
    if (isJpeg(bytes)) {
      const img = decodeJpeg(bytes, {
        useTArray: true,
        formatAsRGBA: false,
        tolerantDecoding: true,
        maxResolutionInMP: MAX_MEGAPIXELS,
        maxMemoryUsageInMB: MAX_DECODE_MEMORY_MB,
      });
      if (!img.width || !img.height || img.data.length < img.width * img.height * 3) return undefined;
      return { width: img.width, height: img.height, channels: 3, data: img.data };
    }
    if (isPng(bytes)) {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const w = view.getUint32(16);
      const h = view.getUint32(20);
      if (!w || !h || w * h > MAX_MEGAPIXELS * 1e6) return undefined;
      const png = readPng(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {});
      if (!png.width || !png.height || png.data.length < png.width * png.height * 4) return undefined;
      return { width: png.width, height: png.height, channels: 4, data: png.data };
    }
  } catch {
    return undefined; // corrupt, truncated, too large: nothing to hash
  }
  return undefined;
}

/**
 * Grey (Rec. 601 luma; transparent pixels over white) and shrunk by area averaging in one pass,
 * to at most `maxPixels`: each source pixel lands in one cell of the smaller grid.
 */
export function shrinkToGrey(px: Pixels, maxPixels: number): Plane {
  const { width, height, channels, data } = px;
  const scale = Math.min(1, Math.sqrt(maxPixels / (width * height)));
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  const sum = new Float64Array(w * h);
  const count = new Uint32Array(w * h);
  const cellOfX = new Uint32Array(width);
  for (let x = 0; x < width; x++) cellOfX[x] = Math.min(w - 1, Math.floor((x * w) / width));
  for (let y = 0; y < height; y++) {
    const row = Math.min(h - 1, Math.floor((y * h) / height)) * w;
    let p = y * width * channels;
    if (channels === 3) {
      for (let x = 0; x < width; x++, p += 3) {
        const c = row + cellOfX[x]!;
        sum[c]! += 0.299 * data[p]! + 0.587 * data[p + 1]! + 0.114 * data[p + 2]!;
        count[c]!++;
      }
    } else {
      for (let x = 0; x < width; x++, p += 4) {
        const a = data[p + 3]! / 255;
        const c = row + cellOfX[x]!;
        sum[c]! += (0.299 * data[p]! + 0.587 * data[p + 1]! + 0.114 * data[p + 2]!) * a + 255 * (1 - a);
        count[c]!++;
      }
    }
  }
  const out = new Float32Array(w * h);
  for (let c = 0; c < out.length; c++) out[c] = sum[c]! / count[c]!;
  return { width: w, height: h, data: out };
}

/** The image as a viewer shows it, given its EXIF orientation (1..8). 6 turns it 90° clockwise. */
export function orient(img: Plane, orientation: number): Plane {
  if (orientation <= 1 || orientation > 8) return img;
  const { width: w, height: h, data } = img;
  const swap = orientation >= 5;
  const W = swap ? h : w;
  const H = swap ? w : h;
  const out = new Float32Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let sx: number;
      let sy: number;
      switch (orientation) {
        case 2: sx = w - 1 - x; sy = y; break; // mirrored
        case 3: sx = w - 1 - x; sy = h - 1 - y; break; // upside down
        case 4: sx = x; sy = h - 1 - y; break; // flipped
        case 5: sx = y; sy = x; break; // transposed
        case 6: sx = y; sy = h - 1 - x; break; // stored turned a quarter anticlockwise
        case 7: sx = w - 1 - y; sy = h - 1 - x; break; // transversed
        default: sx = w - 1 - y; sy = x; break; // 8: stored turned a quarter clockwise
      }
      out[y * W + x] = data[sy * w + sx]!;
    }
  }
  return { width: W, height: H, data: out };
}
