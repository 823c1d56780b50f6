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
 * By default the look-alike index keeps the first 14 of those 16 bands (the city's
 * `lookAlikeIndexBands`, shared/domain/fraud-policy.ts): two fewer index items written per photo
 * and two fewer lookups per view. `npm run bench:phash` (24 receipts, 1,283 near-duplicate pairs
 * within the look-alike limit): 1,280 found with 14 bands, 1,281 with 16. Exhaustive up to 13
 * bits (a pair within 13 bits differs in at most 13 of the 14 kept bands). Every setting keeps
 * keys of the same 16-bit bands (`hashBands(hex, 16)`), so photos indexed with more or fewer
 * bands are found through the ones both share, and nothing needs re-indexing; an erasure
 * rewrites all 16 keys (absent ones are skipped).
 */
export const INDEXED_BANDS = 14;

/** The keys of a hash in the look-alike index: the first `bands` (INDEXED_BANDS by default) of its RECOMMENDED_BANDS bands. */
export function lookAlikeIndexKeys(hex: string, bands: number = INDEXED_BANDS): string[] {
  if (!Number.isInteger(bands) || bands < 1 || bands > RECOMMENDED_BANDS) throw new RangeError(`bands must be an integer between 1 and ${RECOMMENDED_BANDS}`);
  return hashBands(hex, RECOMMENDED_BANDS).slice(0, bands);
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
