/** What a perceptual hash is, and the version of the pipeline that makes it. */

export interface PerceptualHash {
  /** Number of bits (PERCEPTUAL_HASH_BITS). */
  bits: number;
  /** The bits as lowercase hex, most significant bit of each digit first (64 digits). */
  hex: string;
}

/** Identifies the pipeline that produced a stored hash; bump it when hashes move. */
export const PERCEPTUAL_HASH_VERSION = 'ink-dct256-v1';
export const PERCEPTUAL_HASH_BITS = 256;
