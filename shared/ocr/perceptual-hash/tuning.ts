/** The measured tuning of the hash (changing any of these moves stored hashes: bump PERCEPTUAL_HASH_VERSION). */

/** Refuses to decode anything larger (same bound as the intake check). */
export const MAX_MEGAPIXELS = 50;
/** jpeg-js's own bound on what it allocates while decoding (a 50 MP JPEG needs about 500). */
export const MAX_DECODE_MEMORY_MB = 640;
/** The pixel budget of the working image every later step runs on. */
export const WORKING_PIXELS = 160_000;
/** Radius of the closing that estimates the paper under the print, at the working size. */
export const PAPER_RADIUS = 5;
/** Noise floor of the ink map, as a fraction of its 99th percentile. */
export const INK_FLOOR = 0.1;
/** Ink at this fraction of the 90th percentile of the print's darkness or more counts fully. */
export const INK_SATURATION = 0.2;
/** No ink darker than this (99th percentile, grey levels): a blank image, nothing to hash. */
export const MIN_INK_CONTRAST = 6;
/** Skew search range and steps, in degrees. */
export const MAX_SKEW = 10;
/** Quantile of the ink kept outside the frame, on each side. */
export const FRAME_QUANTILE = 0.02;
/** Each profile's percentile taken as its floor before the quantiles. */
export const FRAME_FLOOR_PERCENTILE = 0.1;
/** Side of the grid the frame is averaged into before the DCT. */
export const GRID = 64;
/** Largest DCT frequency index computed (the 256 kept ones have u + v <= 22). */
export const FREQS = 23;
