/**
 * Page analysis for the offline OCR engine, on a small greyscale copy of the photo: where the ink
 * is (an adaptive threshold, so that a dark table, a shadow or faded print do not fool it), which
 * way the text lines run (sideways or not), how much they are skewed, and how tall they are.
 * Pure functions over pixel arrays (no sharp, no tesseract), so they are cheap and testable.
 *
 * - Skew: the angle whose projection of the ink onto the perpendicular axis is the most peaked
 *   (text lines and the gaps between them make a comb; askew, the comb blurs). Coarse steps over
 *   ±12°, then a finer search around the best.
 * - Sideways: the same comb, looked for along the other axis. A receipt's lines are much more
 *   regular than its columns of characters.
 * - Text height: the median height of the comb's teeth, to scale the page so that tesseract
 *   sees text of the size it reads best.
 * - Background: a light, smooth estimate of the paper (max filter, then blur) that the caller
 *   divides by, flattening uneven light, shadows, creases and faded thermal print.
 */

export interface GreyImage {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
}

export interface PageAnalysis {
  /** Degrees to rotate the image clockwise to make its text lines horizontal (after `sideways`). */
  skew: number;
  /** Text lines run top to bottom: the page must be turned 90 or 270 degrees. */
  sideways: boolean;
  /** How much sharper the comb of lines is across the page than down, each scaled by its span (over SIDEWAYS_RATIO: sideways). */
  orientationRatio: number;
  /** Median height of the text lines, in pixels of the analysed image (0 when not found). */
  textHeight: number;
  /** Median distance between text lines, in pixels of the analysed image (0 when not found). */
  linePitch: number;
  /** Ink pixels found. */
  inkPixels: number;
}

/** Local mean over a (2r+1)² window, by an integral image. */
function boxMean(img: GreyImage, r: number): Float32Array {
  const { data, width: w, height: h } = img;
  const integral = new Float64Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      row += data[y * w + x]!;
      integral[(y + 1) * (w + 1) + x + 1] = integral[y * (w + 1) + x + 1]! + row;
    }
  }
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - r);
    const y1 = Math.min(h, y + r + 1);
    for (let x = 0; x < w; x++) {
      const x0 = Math.max(0, x - r);
      const x1 = Math.min(w, x + r + 1);
      const sum =
        integral[y1 * (w + 1) + x1]! - integral[y0 * (w + 1) + x1]! - integral[y1 * (w + 1) + x0]! + integral[y0 * (w + 1) + x0]!;
      out[y * w + x] = sum / ((y1 - y0) * (x1 - x0));
    }
  }
  return out;
}

/**
 * Ink pixels: clearly darker than their neighbourhood. A uniform dark table, a shadow or a
 * gradient are not ink; the strokes of faded print still are.
 */
export function inkMask(img: GreyImage): Uint8Array {
  const { data, width: w, height: h } = img;
  const r = Math.max(4, Math.round(Math.min(w, h) / 40));
  const mean = boxMean(img, r);
  // The contrast of the page decides the offset: faded print needs a small one.
  const hist = new Uint32Array(256);
  for (let i = 0; i < data.length; i++) hist[data[i]!]!++;
  const at = (q: number) => {
    let acc = 0;
    for (let v = 0; v < 256; v++) {
      acc += hist[v]!;
      if (acc >= q * data.length) return v;
    }
    return 255;
  };
  const spread = Math.max(8, at(0.95) - at(0.02));
  const offset = Math.max(4, spread * 0.12);
  const dark = new Uint8Array(w * h);
  for (let i = 0; i < dark.length; i++) if (data[i]! < mean[i]! - offset) dark[i] = 1;
  // Strokes are thin: keep dark pixels on a short run (across or down) between light ones. The
  // edge of the paper against a darker table, or a shadow's border, makes long runs both ways.
  const maxRun = Math.max(4, Math.round(r * 0.5));
  const mask = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    let x = 0;
    while (x < w) {
      if (!dark[y * w + x]) {
        x++;
        continue;
      }
      let e = x;
      while (e < w && dark[y * w + e]) e++;
      if (e - x <= maxRun && x > 0 && e < w) for (let i = x; i < e; i++) mask[y * w + i] = 1;
      x = e;
    }
  }
  for (let x = 0; x < w; x++) {
    let y = 0;
    while (y < h) {
      if (!dark[y * w + x]) {
        y++;
        continue;
      }
      let e = y;
      while (e < h && dark[e * w + x]) e++;
      if (e - y <= maxRun && y > 0 && e < h) for (let i = y; i < e; i++) mask[i * w + x] = 1;
      y = e;
    }
  }
  return mask;
}

interface Profile {
  score: number;
  bins: Uint32Array;
}

/**
 * Projection of the ink points onto the axis perpendicular to lines at `deg` degrees (lines
 * running along x when `alongX`, else along y). Returns the sum of squared differences between
 * neighbouring bins: high when the profile alternates sharply between lines and gaps.
 */
function profile(xs: Int32Array, ys: Int32Array, n: number, deg: number, alongX: boolean, size: number): Profile {
  const t = (deg * Math.PI) / 180;
  const c = Math.cos(t);
  const s = Math.sin(t);
  const bins = new Uint32Array(size * 2 + 1);
  const offset = size;
  for (let i = 0; i < n; i++) {
    const x = xs[i]!;
    const y = ys[i]!;
    // Lines along x tilted by deg: their perpendicular coordinate is y·cos - x·sin.
    const r = alongX ? y * c - x * s : x * c + y * s;
    const b = Math.round(r) + offset;
    if (b >= 0 && b < bins.length) bins[b]!++;
  }
  return { score: peakedness(bins, 1), bins };
}

/** Bins from the first holding ink to the last. */
function extent(bins: Uint32Array): number {
  let first = -1;
  let last = -1;
  for (let i = 0; i < bins.length; i++) {
    if (!bins[i]) continue;
    if (first < 0) first = i;
    last = i;
  }
  return first < 0 ? 1 : last - first + 1;
}

/** Sum of squared differences between bins `gap` apart, over the profile smoothed by `gap`. */
export function peakedness(bins: Uint32Array, gap: number): number {
  let sm: ArrayLike<number> = bins;
  if (gap > 1) {
    const out = new Float64Array(bins.length);
    let acc = 0;
    for (let i = 0; i < bins.length; i++) {
      acc += bins[i]!;
      if (i >= gap) acc -= bins[i - gap]!;
      out[i] = acc;
    }
    sm = out;
  }
  let score = 0;
  for (let i = gap; i < sm.length; i++) {
    const d = sm[i]! - sm[i - gap]!;
    score += d * d;
  }
  return score;
}

function bestAngle(xs: Int32Array, ys: Int32Array, n: number, alongX: boolean, size: number, maxDeg: number): { deg: number; p: Profile } {
  let best = { deg: 0, p: profile(xs, ys, n, 0, alongX, size) };
  for (let deg = -maxDeg; deg <= maxDeg; deg += 2) {
    if (deg === 0) continue;
    const p = profile(xs, ys, n, deg, alongX, size);
    if (p.score > best.p.score) best = { deg, p };
  }
  const coarse = best.deg;
  for (let deg = coarse - 1.75; deg <= coarse + 1.75; deg += 0.25) {
    const p = profile(xs, ys, n, deg, alongX, size);
    if (p.score > best.p.score) best = { deg, p };
  }
  return best;
}

/** Text line heights and pitch from a profile: runs of bins holding a fair share of ink. */
function lineMetrics(bins: Uint32Array): { textHeight: number; linePitch: number } {
  let max = 0;
  for (const b of bins) if (b > max) max = b;
  if (max === 0) return { textHeight: 0, linePitch: 0 };
  const sorted = [...bins].filter((b) => b > 0).sort((a, b) => a - b);
  const floor = Math.max(1, 0.15 * (sorted[Math.floor(sorted.length * 0.9)] ?? max));
  const runs: Array<[number, number]> = [];
  let start = -1;
  for (let i = 0; i <= bins.length; i++) {
    const on = i < bins.length && bins[i]! >= floor;
    if (on && start < 0) start = i;
    if (!on && start >= 0) {
      if (i - start >= 2) runs.push([start, i]);
      start = -1;
    }
  }
  if (runs.length < 2) return { textHeight: runs.length ? runs[0]![1] - runs[0]![0] : 0, linePitch: 0 };
  const heights = runs.map(([a, b]) => b - a).sort((a, b) => a - b);
  const pitches = runs
    .slice(1)
    .map(([a], k) => a - runs[k]![0])
    .sort((a, b) => a - b);
  return { textHeight: heights[Math.floor(heights.length / 2)]!, linePitch: pitches[Math.floor(pitches.length / 2)]! };
}

/** How much sharper the comb of lines must be across the page than down it to call the page sideways. */
export const SIDEWAYS_RATIO = 4;

/** Analyses a small greyscale image (some hundreds of pixels a side). */
export function analysePage(img: GreyImage, options: { maxSkew?: number; maxPoints?: number; debug?: (info: Record<string, number>) => void } = {}): PageAnalysis {
  const maxSkew = options.maxSkew ?? 12;
  const maxPoints = options.maxPoints ?? 40_000;
  const { width: w, height: h } = img;
  const mask = inkMask(img);
  let total = 0;
  for (let i = 0; i < mask.length; i++) total += mask[i]!;
  const none: PageAnalysis = { skew: 0, sideways: false, orientationRatio: 1, textHeight: 0, linePitch: 0, inkPixels: total };
  if (total < 50) return none;
  // Points centred on the image (so that rotating about the centre keeps them in range), thinned
  // evenly when there are too many.
  const step = Math.max(1, Math.ceil(total / maxPoints));
  const n = Math.ceil(total / step);
  const xs = new Int32Array(n);
  const ys = new Int32Array(n);
  let k = 0;
  let seen = 0;
  const cx = w / 2;
  const cy = h / 2;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!mask[y * w + x]) continue;
      if (seen++ % step === 0 && k < n) {
        xs[k] = Math.round(x - cx);
        ys[k] = Math.round(y - cy);
        k++;
      }
    }
  }
  const size = Math.ceil(Math.hypot(w, h) / 2) + 2;
  const horizontal = bestAngle(xs, ys, k, true, size, maxSkew);
  const vertical = bestAngle(xs, ys, k, false, size, maxSkew);
  // Sideways when the comb is far sharper across than down, at some smoothing: smoothing over a
  // few bins hides the regular gaps between the characters of a monospaced till font (which
  // make a comb too) but not the wider gaps between lines. The sum of squared differences grows
  // with the ink per bin, so each axis's is scaled by the span of its ink: unscaled, a long
  // receipt (three or four times taller than wide) looked sideways merely for being narrow.
  // Measured: upright receipts, real scans included, under 3; sideways ones over 10.
  const spanV = extent(vertical.p.bins);
  const spanH = extent(horizontal.p.bins);
  let ratio = 0;
  for (const gap of [1, 2, 3, 4, 6, 8]) {
    const across = peakedness(vertical.p.bins, gap) * spanV;
    const down = Math.max(1, peakedness(horizontal.p.bins, gap) * spanH);
    ratio = Math.max(ratio, across / down);
  }
  options.debug?.({ ratio, spanV, spanH });
  const sideways = ratio > SIDEWAYS_RATIO;
  const chosen = sideways ? vertical : horizontal;
  const metrics = lineMetrics(chosen.p.bins);
  // Rotating clockwise by `skew` undoes lines that climb to the right by that much (y grows down).
  // For a sideways page, the angle is measured before the quarter turn; the caller turns the page
  // first, which maps a tilt of +a along y into a tilt of +a along x for 90° clockwise.
  return {
    skew: round2(-chosen.deg),
    sideways,
    orientationRatio: round2(ratio),
    textHeight: metrics.textHeight,
    linePitch: metrics.linePitch,
    inkPixels: total,
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100 + 0;

/**
 * The paper's brightness, on a grid coarser than `img` by `result.factor`: a morphological
 * closing (brightest, then darkest, value in a window larger than a text stroke), smoothed. Dividing the image by it
 * (brought back to the image's size) flattens the light. `radius` in pixels of `img`.
 */
export function paperBackground(img: GreyImage, radius: number): GreyImage & { factor: number } {
  const { data, width: w, height: h } = img;
  // Block maxima first (a max filter in itself), so that the windows below are a few cells wide.
  const f = Math.max(1, Math.floor(radius / 3));
  const bw = Math.ceil(w / f);
  const bh = Math.ceil(h / f);
  const blocks = new Uint8Array(bw * bh);
  for (let y = 0; y < h; y++) {
    const by = Math.floor(y / f) * bw;
    for (let x = 0; x < w; x++) {
      const v = data[y * w + x]!;
      const i = by + Math.floor(x / f);
      if (v > blocks[i]!) blocks[i] = v;
    }
  }
  const r = Math.max(1, Math.round(radius / f));
  // A closing: the max filter takes the ink away; the min filter after it brings the edges of
  // large dark areas (the table around the paper, a hard shadow) back where they were, so that
  // they are divided out too instead of leaving a dark band along the paper's edge.
  const dilated = filter2(blocks, bw, bh, r, true);
  const closed = filter2(dilated, bw, bh, r, false);
  const blurred = boxMean({ data: closed, width: bw, height: bh }, 1);
  const out = new Uint8Array(bw * bh);
  for (let i = 0; i < out.length; i++) out[i] = Math.round(blurred[i]!);
  return { data: out, width: bw, height: bh, factor: f };
}

/**
 * Bands of rows holding text in a page: [top, bottom) in pixels, at least `minHeight` high
 * (rules of dashes and stray dots are thinner), with gaps under `joinGap` closed (an accent above
 * a capital). Ink is found as by `inkMask`, so that the shadow along the paper's edge does not
 * join every row into one band.
 */
export function textBands(img: GreyImage, minHeight: number, joinGap: number, mask = inkMask(img)): Array<[number, number]> {
  const { width: w, height: h } = img;
  const counts = new Uint32Array(h);
  for (let y = 0; y < h; y++) {
    let n = 0;
    for (let x = 0, i = y * w; x < w; x++, i++) n += mask[i]!;
    counts[y] = n;
  }
  // A row of text holds a fair share of the ink of a typical text row; specks of noise, or the
  // shadow along the paper's edge, do not.
  const sorted = [...counts].filter((n) => n > 0).sort((a, b) => a - b);
  const minInk = Math.max(3, 0.15 * (sorted[Math.floor(sorted.length * 0.75)] ?? 0));
  const on = new Uint8Array(h);
  for (let y = 0; y < h; y++) on[y] = counts[y]! >= minInk ? 1 : 0;
  const bands: Array<[number, number]> = [];
  for (let y = 0; y < h; ) {
    if (!on[y]) {
      y++;
      continue;
    }
    let e = y;
    while (e < h && on[e]) e++;
    const last = bands[bands.length - 1];
    if (last && y - last[1] < joinGap) last[1] = e;
    else bands.push([y, e]);
    y = e;
  }
  return bands.filter(([a, b]) => b - a >= minHeight);
}

/** Halves a grey image (2 x 2 means). */
export function halve(img: GreyImage): GreyImage {
  const w = img.width >> 1;
  const h = img.height >> 1;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = 2 * y * img.width + 2 * x;
      out[y * w + x] = (img.data[i]! + img.data[i + 1]! + img.data[i + img.width]! + img.data[i + img.width + 1]! + 2) >> 2;
    }
  }
  return { data: out, width: w, height: h };
}

/** Separable max (`max`) or min filter of radius r over a w x h grid. */
function filter2(src: Uint8Array, w: number, h: number, r: number, max: boolean): Uint8Array {
  const tmp = new Uint8Array(w * h);
  const out = new Uint8Array(w * h);
  const pick = max ? Math.max : Math.min;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let m = src[y * w + x]!;
      for (let i = Math.max(0, x - r), e = Math.min(w - 1, x + r); i <= e; i++) m = pick(m, src[y * w + i]!);
      tmp[y * w + x] = m;
    }
  }
  for (let x = 0; x < w; x++) {
    for (let y = 0; y < h; y++) {
      let m = tmp[y * w + x]!;
      for (let i = Math.max(0, y - r), e = Math.min(h - 1, y + r); i <= e; i++) m = pick(m, tmp[i * w + x]!);
      out[y * w + x] = m;
    }
  }
  return out;
}
