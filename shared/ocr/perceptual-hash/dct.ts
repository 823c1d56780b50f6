/** Deskew, frame and DCT: from the ink map to the 256 bits. */
import { FRAME_FLOOR_PERCENTILE, FRAME_QUANTILE, FREQS, GRID, MAX_SKEW } from './tuning';
import type { Plane } from './decode';
import { PERCEPTUAL_HASH_BITS, type PerceptualHash } from './hash';

export function toHex(bits: Uint8Array): string {
  let hex = '';
  for (let i = 0; i < bits.length; i += 4) {
    hex += ((bits[i]! << 3) | ((bits[i + 1] ?? 0) << 2) | ((bits[i + 2] ?? 0) << 1) | (bits[i + 3] ?? 0)).toString(16);
  }
  return hex;
}



export function hashInk(ink: Plane): PerceptualHash {
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
export function skewOf(ink: Plane): number {
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
export function rotate(img: Plane, deg: number): Plane {
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

export type Box = [x0: number, y0: number, x1: number, y1: number];

/**
 * Where the print is: along each axis, the ink profile less its FRAME_FLOOR_PERCENTILE (noise,
 * a textured table), cut at the FRAME_QUANTILE and 1 - FRAME_QUANTILE quantiles of its mass.
 * Fractional pixel coordinates; the whole image when there is too little ink to tell.
 */
export function frameOf(ink: Plane): Box {
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
export function cellWeights(a0: number, a1: number, n: number, limit: number): Array<{ first: number; weights: number[] }> {
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
export function resizeArea(img: Plane, [x0, y0, x1, y1]: Box, W: number, H: number): Float64Array {
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
export const FREQUENCY_ORDER: Array<[u: number, v: number]> = (() => {
  const all: Array<[number, number]> = [];
  for (let v = 0; v < FREQS; v++) for (let u = 0; u < FREQS; u++) if (u + v > 0) all.push([u, v]);
  all.sort((a, b) => a[0] + a[1] - (b[0] + b[1]) || a[1] - b[1]);
  return all.slice(0, PERCEPTUAL_HASH_BITS);
})();

export const COSINES = (() => {
  const c = new Float64Array(FREQS * GRID);
  for (let u = 0; u < FREQS; u++) for (let x = 0; x < GRID; x++) c[u * GRID + x] = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * GRID));
  return c;
})();

/** DCT-II of the GRID x GRID grid, low frequencies only; one bit per kept one: above the median. */
export function dctBits(grid: Float64Array): Uint8Array {
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
export const INTERLEAVE = Uint16Array.from({ length: PERCEPTUAL_HASH_BITS }, (_, p) => (p % 16) * 16 + Math.floor(p / 16));
