/**
 * Perceptual hash of a receipt photo, for anti-fraud near-duplicate detection: the same receipt
 * sent again re-encoded, resized, cropped a little, brightened, turned a few degrees, shot off a
 * screen or photographed again hashes within a small Hamming distance of the first upload. Pure
 * JS (jpeg-js, pngjs), so that it runs in the Lambda bundle, which ships no sharp.
 *
 * Pipeline (every step was chosen by measurement: `node --import tsx test/bench/phash.ts`):
 *
 * 1. Decode (JPEG: jpeg-js with a 50 MP / memory bound; PNG: pngjs), Rec. 601 luma, transparent
 *    pixels over white, shrunk by area averaging in one pass to at most 160,000 pixels; the JPEG
 *    EXIF orientation is applied there, so a tagged phone photo hashes like its upright pixels.
 * 2. Ink map: how much darker each pixel is than the paper around it. The paper is a grey
 *    closing (max then min filter, radius 5) of the lightly blurred image, so a dark table, the
 *    paper's edges, shadows and a brightness/contrast/gamma change drop out and only print is
 *    left. A floor (10% of the 99th percentile) removes noise; the map is then saturated (print
 *    at 20% of the typical stroke darkness or more counts fully) so that faded, blurred or
 *    over-contrasted print weighs like crisp print.
 * 3. Deskew: the angle (±10°, 0.25° steps) whose horizontal projection of the ink map is the
 *    most peaked (text lines and gaps make a comb); the ink map is turned back by it.
 * 4. Frame: the box holding the 2%..98% quantiles of the ink along each axis (after subtracting
 *    each profile's 10th percentile), so that framing, a crop of the margins or the table around
 *    the ticket do not move it.
 * 5. Hash: the box area-averaged to 64 x 64, a 2D DCT-II, the 256 lowest frequencies (by u + v,
 *    DC left out), one bit each: above the median of the 256 or not. 256 bits, 128 of them set
 *    (so distances are even), interleaved in the hex so that every band of `hashBands` mixes
 *    low and high frequencies.
 *
 * How designs were compared (tuning set: 24 receipts of the corpus generator, each as a
 * scan-like JPEG and as a photo on a table, 22 transforms of each, 13 redrawings, 48 same-shop
 * tickets; "T" = the distance holding 99.5% of transforms and redrawings, "closest" = the
 * minimum over 828 pairs of different receipts):
 * - grey dHash 9x8 (64 bits), no preparation: transforms p95 16 bits (it hashes the light and
 *   the framing, not the print) against different receipts from 5 bits: unusable;
 * - grey dHash 17x16 (256) or grey DCT 32->8x8 (63): the same failure (p95 82 of 256; 18 of 63);
 * - on the ink map (steps 2-4): dHash 9x8: T 5 vs closest 5; DCT 8x8 (63 bits): T 10 vs 10;
 *   dHash 17x16 (256): T 20 vs 39, and half of the same-shop tickets with other item lines
 *   within T; DCT of 64x64, 256 lowest frequencies (this): T 28 vs 84, 3% of those within T.
 * Each preparation step was kept for what it removed from the transforms' tail: on grey values
 * instead of the ink map, the lighting and the table decide the bits; without the saturation,
 * the 99th percentile of transforms was 42 instead of 28 (DCT of 32x32); without deskew, a 3°
 * turn cost 40-74 bits and a skewed photo up to 114.
 *
 * Held-out figures (the bench, from another seed) are with NEAR_DUPLICATE_MAX_DISTANCE.
 *
 * Limits, as with any perceptual hash: two tickets of the same shop and till that differ only in
 * their figures (date, time, ticket number, prices) look the same at this scale and hash within
 * the threshold (median 10 bits apart). A match says "a ticket that looks the same": compare the
 * OCR fields (date, total, ticket number) before calling it a duplicate. A copy turned a quarter
 * or upside down without an EXIF tag hashes far away: `perceptualHashTurns` gives its hashes. A
 * crop that cuts into the print, or strong uneven light and creases on a new photo, can move a
 * copy beyond the threshold. The PNG eXIf chunk is not read (phones write JPEG).
 *
 * Stored hashes depend on this exact pipeline (and on jpeg-js's decoder, pinned at 0.4.4): keep
 * `PERCEPTUAL_HASH_VERSION` next to them and bump it on any change that moves hashes.
 */
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

export interface PerceptualHash {
  /** Number of bits (PERCEPTUAL_HASH_BITS). */
  bits: number;
  /** The bits as lowercase hex, most significant bit of each digit first (64 digits). */
  hex: string;
}

/** Identifies the pipeline that produced a stored hash; bump it when hashes move. */
export const PERCEPTUAL_HASH_VERSION = 'ink-dct256-v1';
export const PERCEPTUAL_HASH_BITS = 256;

/**
 * At most this Hamming distance (of 256 bits): the same receipt image, re-encoded, resized,
 * slightly cropped, brightened, turned a few degrees, shot off a screen or photographed again.
 * Treat as a duplicate candidate for review (and compare the OCR fields: see the header).
 *
 * Measured by `test/bench/phash.ts` (24 receipts, transforms of a scan-like JPEG and of a photo
 * on a table; distances are even, as every hash has 128 bits set):
 * - JPEG q90..q30, PNG copy, darker/brighter/contrast/gamma: max 14; resize 50%/25%: max 16;
 *   crop 3-5% of the borders: max 28 (48 when the crop cuts into the print); rotation 1-3°: max
 *   20 (66 when a straighten-and-crop cuts off print); EXIF-tagged copy: max 12; photo of a
 *   screen (blur, moiré, noise, tint): max 22. 99% of all these within 24, 99.5% within 28.
 * - The same receipt drawn again with another degradation (a new photo: skewed on a table,
 *   blurred, noisy, faded, half size): p90 16, max 22; under uneven light and creases: p90 24.
 * - Different receipts: min 84, 1st percentile 92, median 122.
 * - Same shop and layout: different figures only: median 10, max 22 (inside: see the header);
 *   different item lines: 10th percentile 36, median 50.
 * 32 leaves 52 bits of margin below the closest different receipts.
 */
export const NEAR_DUPLICATE_MAX_DISTANCE = 32;

export { RECOMMENDED_BANDS } from '../domain/fraud/photo-hash';

// ------------------------------------------------------------------------------------------------
// Tuning (measured; changing any of these moves stored hashes: bump PERCEPTUAL_HASH_VERSION)
// ------------------------------------------------------------------------------------------------

/** Refuses to decode anything larger (same bound as the intake check). */
const MAX_MEGAPIXELS = 50;
/** jpeg-js's own bound on what it allocates while decoding (a 50 MP JPEG needs about 500). */
const MAX_DECODE_MEMORY_MB = 640;
/** The pixel budget of the working image every later step runs on. */
const WORKING_PIXELS = 160_000;
/** Radius of the closing that estimates the paper under the print, at the working size. */
const PAPER_RADIUS = 5;
/** Noise floor of the ink map, as a fraction of its 99th percentile. */
const INK_FLOOR = 0.1;
/** Ink at this fraction of the 90th percentile of the print's darkness or more counts fully. */
const INK_SATURATION = 0.2;
/** No ink darker than this (99th percentile, grey levels): a blank image, nothing to hash. */
const MIN_INK_CONTRAST = 6;
/** Skew search range and steps, in degrees. */
const MAX_SKEW = 10;
/** Quantile of the ink kept outside the frame, on each side. */
const FRAME_QUANTILE = 0.02;
/** Each profile's percentile taken as its floor before the quantiles. */
const FRAME_FLOOR_PERCENTILE = 0.1;
/** Side of the grid the frame is averaged into before the DCT. */
const GRID = 64;
/** Largest DCT frequency index computed (the 256 kept ones have u + v <= 22). */
const FREQS = 23;

// ------------------------------------------------------------------------------------------------
// API
// ------------------------------------------------------------------------------------------------

/**
 * The perceptual hash of a JPEG or PNG receipt image, upright as a viewer shows it (EXIF
 * orientation applied). Undefined, never an exception, for anything else: PDF, another format,
 * truncated or corrupt bytes, over 50 megapixels, or an image with no print on it.
 */
export function perceptualHash(bytes: Uint8Array): PerceptualHash | undefined {
  const ink = inkOf(bytes);
  return ink ? hashInk(ink) : undefined;
}

/**
 * The hashes of the image as shown and turned 90°, 180° and 270° clockwise (in that order), from
 * one decode. Store `[0]` (it equals `perceptualHash`); look up all four to also catch a copy
 * turned without an EXIF tag. Undefined as for `perceptualHash`.
 */
export function perceptualHashTurns(bytes: Uint8Array): PerceptualHash[] | undefined {
  const ink = inkOf(bytes);
  if (!ink) return undefined;
  const out = [hashInk(ink)];
  let turned = ink;
  for (let k = 0; k < 3; k++) {
    turned = orient(turned, 6); // a quarter turn clockwise
    out.push(hashInk(turned));
  }
  return out;
}

export { hammingDistance, hashBands } from '../domain/fraud/photo-hash';

// ------------------------------------------------------------------------------------------------
// Hex
// ------------------------------------------------------------------------------------------------


function toHex(bits: Uint8Array): string {
  let hex = '';
  for (let i = 0; i < bits.length; i += 4) {
    hex += ((bits[i]! << 3) | ((bits[i + 1] ?? 0) << 2) | ((bits[i + 2] ?? 0) << 1) | (bits[i + 3] ?? 0)).toString(16);
  }
  return hex;
}

// ------------------------------------------------------------------------------------------------
// Decoding
// ------------------------------------------------------------------------------------------------

/** A grey image, row-major, one float per pixel. */
interface Plane {
  width: number;
  height: number;
  data: Float32Array;
}

const isJpeg = (b: Uint8Array) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const isPng = (b: Uint8Array) => b.length > 24 && PNG_MAGIC.every((m, i) => b[i] === m);

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
const isExifHeader = (b: Uint8Array, at: number) =>
  b[at] === 0x45 && b[at + 1] === 0x78 && b[at + 2] === 0x69 && b[at + 3] === 0x66 && b[at + 4] === 0 && b[at + 5] === 0;

/** Tag 0x0112 of IFD0 in a TIFF structure; undefined when absent, malformed or out of range. */
function tiffOrientation(tiff: Uint8Array): number | undefined {
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
interface Pixels {
  width: number;
  height: number;
  channels: 3 | 4;
  data: Uint8Array;
}

function decodePixels(bytes: Uint8Array): Pixels | undefined {
  try {
    if (isJpeg(bytes)) {
      const img = jpeg.decode(bytes, {
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
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
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
function shrinkToGrey(px: Pixels, maxPixels: number): Plane {
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
function orient(img: Plane, orientation: number): Plane {
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

// ------------------------------------------------------------------------------------------------
// The ink map
// ------------------------------------------------------------------------------------------------

/** Decoded, upright, small, and turned into its ink map; undefined when there is nothing to hash. */
function inkOf(bytes: Uint8Array): Plane | undefined {
  if (!(bytes instanceof Uint8Array)) return undefined;
  const px = decodePixels(bytes);
  if (!px) return undefined;
  const grey = orient(shrinkToGrey(px, WORKING_PIXELS), isJpeg(bytes) ? jpegOrientation(bytes) : 1);
  return inkMap(grey);
}

/**
 * How much darker than the paper around it each pixel is, floored and saturated (0..1). The
 * paper is a closing of the image (a max filter takes the print away, a min filter brings the
 * edges of large dark areas back), so a table, shadows and the ticket's edges are not ink.
 */
function inkMap(grey: Plane): Plane | undefined {
  const { width: w, height: h } = grey;
  const smooth = boxBlur3(grey);
  // The radius scales with the working size, so that small images keep a proportionate one.
  const r = Math.max(1, Math.round((PAPER_RADIUS * Math.sqrt(w * h)) / Math.sqrt(WORKING_PIXELS)));
  const paper = closing(smooth, r);
  const ink = new Float32Array(w * h);
  for (let i = 0; i < ink.length; i++) ink[i] = Math.max(0, paper[i]! - smooth.data[i]!);
  const top = percentile(ink, 0.99, 256);
  if (top < MIN_INK_CONTRAST) return undefined;
  const floor = top * INK_FLOOR;
  for (let i = 0; i < ink.length; i++) ink[i] = Math.max(0, ink[i]! - floor);
  const stroke = percentile(ink, 0.9, 256, true);
  const full = Math.max(1e-3, stroke * INK_SATURATION);
  for (let i = 0; i < ink.length; i++) ink[i] = Math.min(1, ink[i]! / full);
  return { width: w, height: h, data: ink };
}

/** 3 x 3 mean, separable, edges averaged over the pixels that exist. */
function boxBlur3(img: Plane): Plane {
  const { width: w, height: h, data } = img;
  const tmp = new Float32Array(w * h);
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      let s = data[row + x]!;
      let n = 1;
      if (x > 0) (s += data[row + x - 1]!), n++;
      if (x < w - 1) (s += data[row + x + 1]!), n++;
      tmp[row + x] = s / n;
    }
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      let s = tmp[i]!;
      let n = 1;
      if (y > 0) (s += tmp[i - w]!), n++;
      if (y < h - 1) (s += tmp[i + w]!), n++;
      out[i] = s / n;
    }
  }
  return { width: w, height: h, data: out };
}

/**
 * Grey closing with a square of radius r: max filter, then min filter. The image is padded by
 * repeating its edges first, so that a dark band along a border (the table) survives.
 */
function closing(img: Plane, r: number): Float32Array {
  const P = r + 1;
  const W = img.width + 2 * P;
  const H = img.height + 2 * P;
  const padded = new Float32Array(W * H);
  for (let y = 0; y < H; y++) {
    const sy = Math.min(img.height - 1, Math.max(0, y - P)) * img.width;
    for (let x = 0; x < W; x++) padded[y * W + x] = img.data[sy + Math.min(img.width - 1, Math.max(0, x - P))]!;
  }
  const closed = rankFilter(rankFilter(padded, W, H, r, true), W, H, r, false);
  const out = new Float32Array(img.width * img.height);
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) out[y * img.width + x] = closed[(y + P) * W + x + P]!;
  }
  return out;
}

/** Separable max (or min) filter over a (2r+1)² square; windows are clipped at the borders. */
function rankFilter(src: Float32Array, w: number, h: number, r: number, max: boolean): Float32Array {
  const tmp = new Float32Array(w * h);
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      let m = src[row + x]!;
      for (let i = Math.max(0, x - r), e = Math.min(w - 1, x + r); i <= e; i++) {
        const v = src[row + i]!;
        if (max ? v > m : v < m) m = v;
      }
      tmp[row + x] = m;
    }
  }
  for (let x = 0; x < w; x++) {
    for (let y = 0; y < h; y++) {
      let m = tmp[y * w + x]!;
      for (let i = Math.max(0, y - r), e = Math.min(h - 1, y + r); i <= e; i++) {
        const v = tmp[i * w + x]!;
        if (max ? v > m : v < m) m = v;
      }
      out[y * w + x] = m;
    }
  }
  return out;
}

/**
 * The q-quantile of non-negative values (of the positive ones only when `positive`), by a
 * histogram of `bins` bins over [0, max]: exact to a bin, and fast.
 */
function percentile(values: Float32Array, q: number, bins: number, positive = false): number {
  let max = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v > max) max = v;
    if (!positive || v > 0) n++;
  }
  if (max <= 0 || n === 0) return 0;
  const hist = new Uint32Array(bins);
  const k = (bins - 1) / max;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (positive && v <= 0) continue;
    hist[Math.floor(v * k)]!++;
  }
  const target = q * n;
  let acc = 0;
  for (let b = 0; b < bins; b++) {
    acc += hist[b]!;
    if (acc >= target) return (b + 0.5) / k;
  }
  return max;
}

// ------------------------------------------------------------------------------------------------
// Deskew, frame, DCT
// ------------------------------------------------------------------------------------------------

function hashInk(ink: Plane): PerceptualHash {
  const skew = skewOf(ink);
  const straight = Math.abs(skew) >= 0.25 ? rotate(ink, skew) : ink;
  const grid = resizeArea(straight, frameOf(straight), GRID, GRID);
  const bits = dctBits(grid);
  return { bits: bits.length, hex: toHex(bits) };
}

/**
 * Degrees to turn the ink map (clockwise) to level its text lines: the angle at which the
 * projection of the ink across the lines is the most peaked (sum of squared differences between
 * neighbouring bins), 1° steps over ±MAX_SKEW, then 0.25° steps around the best.
 */
function skewOf(ink: Plane): number {
  const { width: w, height: h, data } = ink;
  let count = 0;
  for (let i = 0; i < data.length; i++) if (data[i]! > 0) count++;
  if (count < 50) return 0;
  const step = Math.max(1, Math.ceil(count / 60_000));
  const n = Math.ceil(count / step);
  const xs = new Float32Array(n);
  const ys = new Float32Array(n);
  const ws = new Float32Array(n);
  let k = 0;
  let seen = 0;
  for (let i = 0; i < data.length && k < n; i++) {
    if (data[i]! <= 0 || seen++ % step !== 0) continue;
    xs[k] = (i % w) - w / 2;
    ys[k] = Math.floor(i / w) - h / 2;
    ws[k] = data[i]!;
    k++;
  }
  const size = Math.ceil(Math.hypot(w, h)) + 4;
  const bins = new Float64Array(size);
  const score = (deg: number) => {
    const t = (deg * Math.PI) / 180;
    const c = Math.cos(t);
    const s = Math.sin(t);
    bins.fill(0);
    for (let j = 0; j < k; j++) {
      const b = Math.round(ys[j]! * c - xs[j]! * s + size / 2);
      if (b >= 0 && b < size) bins[b]! += ws[j]!;
    }
    let sc = 0;
    for (let b = 1; b < size; b++) {
      const d = bins[b]! - bins[b - 1]!;
      sc += d * d;
    }
    return sc;
  };
  let best = 0;
  let bestScore = score(0);
  for (let a = -MAX_SKEW; a <= MAX_SKEW; a++) {
    if (a === 0) continue;
    const s = score(a);
    if (s > bestScore) (best = a), (bestScore = s);
  }
  const coarse = best;
  for (let a = coarse - 0.75; a <= coarse + 0.75; a += 0.25) {
    if (a === coarse) continue;
    const s = score(a);
    if (s > bestScore) (best = a), (bestScore = s);
  }
  return -best;
}

/** Turned clockwise by `deg` about the centre, same size, bilinear; outside is no ink. */
function rotate(img: Plane, deg: number): Plane {
  const t = (deg * Math.PI) / 180;
  const c = Math.cos(t);
  const s = Math.sin(t);
  const { width: w, height: h, data } = img;
  const cx = (w - 1) / 2;
  const cy = (h - 1) / 2;
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const dy = y - cy;
    for (let x = 0; x < w; x++) {
      const dx = x - cx;
      const sx = c * dx + s * dy + cx;
      const sy = -s * dx + c * dy + cy;
      if (sx < 0 || sy < 0 || sx > w - 1 || sy > h - 1) continue;
      const x0 = Math.min(w - 2, Math.floor(sx));
      const y0 = Math.min(h - 2, Math.floor(sy));
      if (x0 < 0 || y0 < 0) {
        out[y * w + x] = data[Math.round(sy) * w + Math.round(sx)]!; // a one-pixel-wide image
        continue;
      }
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * w + x0;
      out[y * w + x] =
        (data[i]! * (1 - fx) + data[i + 1]! * fx) * (1 - fy) + (data[i + w]! * (1 - fx) + data[i + w + 1]! * fx) * fy;
    }
  }
  return { width: w, height: h, data: out };
}

type Box = [x0: number, y0: number, x1: number, y1: number];

/**
 * Where the print is: along each axis, the ink profile less its FRAME_FLOOR_PERCENTILE (noise,
 * a textured table), cut at the FRAME_QUANTILE and 1 - FRAME_QUANTILE quantiles of its mass.
 * Fractional pixel coordinates; the whole image when there is too little ink to tell.
 */
function frameOf(ink: Plane): Box {
  const { width: w, height: h, data } = ink;
  const cols = new Float64Array(w);
  const rows = new Float64Array(h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = data[y * w + x]!;
      cols[x]! += v;
      rows[y]! += v;
    }
  }
  const span = (p: Float64Array): [number, number] | undefined => {
    const floor = Float64Array.from(p).sort()[Math.floor(FRAME_FLOOR_PERCENTILE * (p.length - 1))]!;
    let total = 0;
    for (let i = 0; i < p.length; i++) total += p[i] = Math.max(0, p[i]! - floor);
    if (total <= 0) return undefined;
    const at = (q: number) => {
      const target = q * total;
      let acc = 0;
      for (let i = 0; i < p.length; i++) {
        if (acc + p[i]! >= target) return i + (target - acc) / (p[i]! || 1);
        acc += p[i]!;
      }
      return p.length;
    };
    return [at(FRAME_QUANTILE), at(1 - FRAME_QUANTILE)];
  };
  const sx = span(cols);
  const sy = span(rows);
  if (!sx || !sy || sx[1] - sx[0] < 4 || sy[1] - sy[0] < 4) return [0, 0, w, h];
  return [sx[0], sy[0], sx[1], sy[1]];
}

/** For each of n cells over [a0, a1): the source indices it covers and their weights. */
function cellWeights(a0: number, a1: number, n: number, limit: number): Array<{ first: number; weights: number[] }> {
  const step = (a1 - a0) / n;
  const out: Array<{ first: number; weights: number[] }> = [];
  for (let k = 0; k < n; k++) {
    const lo = a0 + k * step;
    const hi = lo + step;
    const first = Math.max(0, Math.floor(lo));
    const last = Math.min(limit, Math.ceil(hi));
    const weights: number[] = [];
    for (let i = first; i < last; i++) weights.push(Math.max(0, Math.min(hi, i + 1) - Math.max(lo, i)));
    out.push({ first, weights });
  }
  return out;
}

/** The box averaged into a W x H grid: each cell the mean of the area it covers. */
function resizeArea(img: Plane, [x0, y0, x1, y1]: Box, W: number, H: number): Float64Array {
  const cols = cellWeights(x0, x1, W, img.width);
  const rows = cellWeights(y0, y1, H, img.height);
  const out = new Float64Array(W * H);
  const line = new Float64Array(W);
  for (let j = 0; j < H; j++) {
    const { first: fy, weights: wy } = rows[j]!;
    let wsum = 0;
    for (let b = 0; b < wy.length; b++) {
      const weight = wy[b]!;
      if (weight <= 0) continue;
      const src = (fy + b) * img.width;
      for (let i = 0; i < W; i++) {
        const { first: fx, weights: wx } = cols[i]!;
        let s = 0;
        for (let a = 0; a < wx.length; a++) s += img.data[src + fx + a]! * wx[a]!;
        line[i] = s;
      }
      for (let i = 0; i < W; i++) out[j * W + i]! += line[i]! * weight;
      wsum += weight;
    }
    for (let i = 0; i < W; i++) {
      const cw = cols[i]!.weights.reduce((a, b) => a + b, 0);
      out[j * W + i] = wsum > 0 && cw > 0 ? out[j * W + i]! / (wsum * cw) : 0;
    }
  }
  return out;
}

/** The 256 lowest non-DC frequencies in the order hashed: by u + v, then by v (row frequency). */
const FREQUENCY_ORDER: Array<[u: number, v: number]> = (() => {
  const all: Array<[number, number]> = [];
  for (let v = 0; v < FREQS; v++) for (let u = 0; u < FREQS; u++) if (u + v > 0) all.push([u, v]);
  all.sort((a, b) => a[0] + a[1] - (b[0] + b[1]) || a[1] - b[1]);
  return all.slice(0, PERCEPTUAL_HASH_BITS);
})();

const COSINES = (() => {
  const c = new Float64Array(FREQS * GRID);
  for (let u = 0; u < FREQS; u++) for (let x = 0; x < GRID; x++) c[u * GRID + x] = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * GRID));
  return c;
})();

/** DCT-II of the GRID x GRID grid, low frequencies only; one bit per kept one: above the median. */
function dctBits(grid: Float64Array): Uint8Array {
  const N = GRID;
  // Rows first: rowDct[y][u] = sum_x grid[y][x] cos(u, x).
  const rowDct = new Float64Array(N * FREQS);
  for (let y = 0; y < N; y++) {
    for (let u = 0; u < FREQS; u++) {
      let s = 0;
      for (let x = 0; x < N; x++) s += grid[y * N + x]! * COSINES[u * N + x]!;
      rowDct[y * FREQS + u] = s;
    }
  }
  const coeffs = new Float64Array(FREQUENCY_ORDER.length);
  FREQUENCY_ORDER.forEach(([u, v], k) => {
    let s = 0;
    for (let y = 0; y < N; y++) s += rowDct[y * FREQS + u]! * COSINES[v * N + y]!;
    coeffs[k] = s;
  });
  const sorted = Float64Array.from(coeffs).sort();
  const mid = sorted.length / 2;
  const median = (sorted[mid - 1]! + sorted[mid]!) / 2;
  const bits = new Uint8Array(coeffs.length);
  for (let p = 0; p < bits.length; p++) bits[p] = coeffs[INTERLEAVE[p]!]! > median ? 1 : 0;
  return bits;
}

/**
 * Bit p of the hash holds frequency rank (p % 16) * 16 + floor(p / 16): every 16 consecutive
 * bits (4 hex digits) take ranks k, k + 16, ..., k + 240, so that each band of `hashBands` mixes
 * low and high frequencies. The lowest frequencies are alike on all receipts (tall blocks of
 * text): banded together, they would put unrelated receipts in one bucket (bench, 16 bands:
 * 1.1% of different-receipt pairs shared the first band; interleaved, under 0.003%).
 */
const INTERLEAVE = Uint16Array.from({ length: PERCEPTUAL_HASH_BITS }, (_, p) => (p % 16) * 16 + Math.floor(p / 16));
