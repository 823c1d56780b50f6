/**
 * Comparing photo hashes (see shared/ocr/perceptual-hash.ts, which computes them at intake): pure
 * string arithmetic, so the match stage compares without carrying any image decoder.
 */

/**
 * Bands for `hashBands` in a key-value lookup: with 16 bands of 16 bits, any pair within 15 bits
 * shares a band for sure (pigeonhole), and measured near-duplicates up to the threshold share one
 * in practice (see the bench); different receipts share a band rarely (bench: candidate rate).
 */
export const RECOMMENDED_BANDS = 16;

/**
 * The look-alike index keeps the first 14 of those 16 bands: two fewer index items written per
 * photo and two fewer lookups per view, measured without loss by `npm run bench:phash` (recall at
 * the look-alike limit 99.8 % with 14 bands as with 16). Still exhaustive up to 13 bits (a pair
 * within 13 bits differs in at most 13 of the 14 kept bands). The kept keys are the same 16-bit
 * bands as before (`hashBands(hex, 16)`), so photos indexed with all 16 are found by the 14 and
 * nothing needs re-indexing; an erasure rewrites all 16 keys (absent ones are skipped).
 */
export const INDEXED_BANDS = 14;

/** The keys of a hash in the look-alike index: the first INDEXED_BANDS of its RECOMMENDED_BANDS bands. */
export function lookAlikeIndexKeys(hex: string): string[] {
  return hashBands(hex, RECOMMENDED_BANDS).slice(0, INDEXED_BANDS);
}

/** Number of differing bits between two hex hashes of the same length (throws otherwise). */
export function hammingDistance(a: string, b: string): number {
  if (a.length !== b.length) throw new RangeError(`hashes of different lengths (${a.length}, ${b.length})`);
  let d = 0;
  for (let i = 0; i < a.length; i++) {
    const x = hexValue(a.charCodeAt(i)) ^ hexValue(b.charCodeAt(i));
    d += POPCOUNT4[x]!;
  }
  return d;
}

/**
 * Multi-index keys of a hex hash: the hex cut into `bands` contiguous chunks (as even as
 * possible), each keyed `"<bandIndex>:<chunk>"`, e.g. `"3:9f0c"`. Store one index entry per key;
 * to look a hash up, fetch every entry sharing any of its keys, then compute the exact
 * `hammingDistance` and keep those within the threshold. Pigeonhole: if two hashes differ in
 * fewer than `bands` bits, at least one band has no differing bit, so they share its key; the
 * lookup is exhaustive up to `bands - 1` bits. Beyond that it is probabilistic (the bench
 * measures the recall at the threshold and the share of unrelated receipts fetched). More bands:
 * shorter chunks, more recall, more candidates per lookup. Between 1 and the hex length.
 */
export function hashBands(hex: string, bands: number): string[] {
  if (!Number.isInteger(bands) || bands < 1 || bands > hex.length) {
    throw new RangeError(`bands must be an integer between 1 and ${hex.length}`);
  }
  const keys: string[] = [];
  for (let i = 0; i < bands; i++) {
    const start = Math.floor((i * hex.length) / bands);
    const end = Math.floor(((i + 1) * hex.length) / bands);
    keys.push(`${i}:${hex.slice(start, end).toLowerCase()}`);
  }
  return keys;
}


const POPCOUNT4 = [0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4];

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48; // 0-9
  if (c >= 97 && c <= 102) return c - 87; // a-f
  if (c >= 65 && c <= 70) return c - 55; // A-F
  throw new RangeError(`not a hex digit: ${String.fromCharCode(c)}`);
}
