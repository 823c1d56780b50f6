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

export { PERCEPTUAL_HASH_BITS, PERCEPTUAL_HASH_VERSION, type PerceptualHash } from './hash';

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

export { RECOMMENDED_BANDS } from '../../domain/fraud/photo-hash';
import type { PerceptualHash } from './hash';
import { orient } from './decode';
import { inkOf } from './ink';
import { hashInk } from './dct';

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

export { hammingDistance, hashBands } from '../../domain/fraud/photo-hash';

export { jpegOrientation } from './decode';
