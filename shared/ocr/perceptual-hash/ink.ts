/** The ink map: what is printed on the paper, whatever the light and the paper colour. */
import { INK_FLOOR, INK_SATURATION, MIN_INK_CONTRAST, PAPER_RADIUS, WORKING_PIXELS } from './tuning';
import { type Plane, decodePixels, isJpeg, jpegOrientation, orient, shrinkToGrey } from './decode';

/** Decoded, upright, small, and turned into its ink map; undefined when there is nothing to hash. */
export function inkOf(bytes: Uint8Array): Plane | undefined {
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
export function inkMap(grey: Plane): Plane | undefined {
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
export function boxBlur3(img: Plane): Plane {
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
export function closing(img: Plane, r: number): Float32Array {
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
export function rankFilter(src: Float32Array, w: number, h: number, r: number, max: boolean): Float32Array {
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
export function percentile(values: Float32Array, q: number, bins: number, positive = false): number {
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
