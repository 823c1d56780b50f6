/**
 * Renderings: what the tesseract engine may read besides the normalised page (see tesseract-page.ts):
 * coloured print taken out, the paper found in a picture of what it lies on, barcodes and QR codes
 * whitened, and the page binarised. Pure functions over pixel arrays, like preprocess.ts.
 */
import { type GreyImage, inkMask, paperBackground, textBands } from './preprocess';

/**
 * Grey levels from colour pixels with the coloured print taken out: thermal print is black (its
 * three channels alike), the slogans, logos, watermarks and highlighter strokes behind it are
 * coloured. A pixel whose channels differ by more than `minChroma` takes its brightest channel
 * (a light-blue slogan comes out near white, black print stays black); a neutral one its luma.
 * `data` holds `channels` (3 or 4) bytes a pixel.
 */
export function dropColour(data: Uint8Array, width: number, height: number, channels: number, minChroma = 28): GreyImage & { coloured: number } {
  const out = new Uint8Array(width * height);
  let coloured = 0;
  for (let i = 0, j = 0; i < out.length; i++, j += channels) {
    const r = data[j]!;
    const g = data[j + 1]!;
    const b = data[j + 2]!;
    const max = r > g ? (r > b ? r : b) : g > b ? g : b;
    const min = r < g ? (r < b ? r : b) : g < b ? g : b;
    if (max - min > minChroma) {
      out[i] = max;
      coloured++;
    } else out[i] = (r * 299 + g * 587 + b * 114 + 500) / 1000;
  }
  return { data: out, width, height, coloured: coloured / Math.max(1, out.length) };
}

/**
 * The paper in a scan or photo that shows what the receipt lies on (a flatbed scan's cover,
 * cardboard, a table): the bounding box, in pixels of `img` (a small copy), of the largest
 * connected area as bright as the paper, when it leaves out a fair part of the picture; otherwise
 * undefined (the receipt fills it, or the light is too uneven to tell paper from table).
 */
export function paperBox(img: GreyImage, textHeight: number, debug?: (info: Record<string, number>) => void): { left: number; top: number; width: number; height: number } | undefined {
  const bg = paperBackground(img, Math.max(3, textHeight * 1.5));
  const { data, width: w, height: h } = bg;
  const hist = new Uint32Array(256);
  for (let i = 0; i < data.length; i++) hist[data[i]!]!++;
  const sorted = Array.from(data).sort((a, b) => a - b);
  const paper = sorted[Math.floor(sorted.length * 0.9)]!;
  if (paper < 80) return undefined;
  // The paper's edge against what it lies on is sharp: the brightness of the background jumps,
  // leaving a valley in its histogram between the paper and the rest. Light that falls off
  // gradually leaves none, and then nothing is cropped.
  const n = data.length;
  // The valley right below the paper (further down, a table may show a darker border still):
  // little background there, and little between it and the paper's own brightness.
  let cut = -1;
  let valley = Number.POSITIVE_INFINITY;
  for (let t = Math.round(0.55 * paper); t <= Math.round(0.93 * paper); t++) {
    let around = 0;
    let below = 0;
    let between = 0;
    for (let v = 0; v < 256; v++) {
      if (v < t) below += hist[v]!;
      else if (v < 0.85 * paper) between += hist[v]!;
      if (v >= t - 2 && v <= t + 2) around += hist[v]!;
    }
    if (below < 0.15 * n || between > 0.05 * n || around > 0.012 * n) continue;
    if (around < valley) {
      valley = around;
      cut = t;
    }
  }
  if (cut < 0) return undefined;
  // Bright cells, eroded by three cells: a thin bright strip (the edge of the cover, a fold) does
  // not join the paper to what lies around it.
  let mask = new Uint8Array(w * h);
  for (let i = 0; i < mask.length; i++) mask[i] = data[i]! >= cut ? 1 : 0;
  const ERODE = 3;
  for (let pass = 0; pass < ERODE; pass++) {
    const next = new Uint8Array(w * h);
    for (let y = 1; y < h - 1; y++) {
      for (let x = 1; x < w - 1; x++) {
        const i = y * w + x;
        next[i] = mask[i]! & mask[i - 1]! & mask[i + 1]! & mask[i - w]! & mask[i + w]!;
      }
    }
    mask = next;
  }
  const bright = (i: number) => mask[i] === 1;
  const seen = new Uint8Array(w * h);
  let best: { n: number; x0: number; y0: number; x1: number; y1: number } | undefined;
  for (let start = 0; start < w * h; start++) {
    if (seen[start] || !bright(start)) continue;
    const queue = [start];
    seen[start] = 1;
    const c = { n: 0, x0: w, y0: h, x1: 0, y1: 0 };
    while (queue.length) {
      const i = queue.pop()!;
      const x = i % w;
      const y = (i - x) / w;
      c.n++;
      if (x < c.x0) c.x0 = x;
      if (x > c.x1) c.x1 = x;
      if (y < c.y0) c.y0 = y;
      if (y > c.y1) c.y1 = y;
      for (const j of [x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1]) {
        if (j >= 0 && !seen[j] && bright(j)) {
          seen[j] = 1;
          queue.push(j);
        }
      }
    }
    if (!best || c.n > best.n) best = c;
  }
  if (!best) return undefined;
  const boxArea = (best.x1 - best.x0 + 1) * (best.y1 - best.y0 + 1);
  debug?.({ cut, paper, n: best.n, boxArea, area: w * h, x0: best.x0, x1: best.x1, y0: best.y0, y1: best.y1, w, h });
  // Worth it only when a good part of the picture is not paper, and the paper fills its box
  // (a receipt, not a light that wanders over the table).
  if (boxArea > 0.8 * w * h || best.n < 0.75 * boxArea || best.n < 0.05 * w * h) return undefined;
  const pad = 2 + ERODE;
  const x0 = Math.max(0, best.x0 - pad);
  const y0 = Math.max(0, best.y0 - pad);
  const x1 = Math.min(w, best.x1 + 1 + pad);
  const y1 = Math.min(h, best.y1 + 1 + pad);
  const f = bg.factor;
  return {
    left: x0 * f,
    top: y0 * f,
    width: Math.min(img.width, x1 * f) - x0 * f,
    height: Math.min(img.height, y1 * f) - y0 * f,
  };
}

export interface Region {
  left: number;
  top: number;
  width: number;
  height: number;
  kind: 'barcode' | 'qr';
}

/**
 * Barcodes and QR codes on a page whose text lines are about `textHeight` pixels high: read as
 * text they give lines of bars and specks (and tesseract's time), never a word. A barcode is a
 * band of rows taller than a text line whose columns are ink from top to bottom or not at all
 * (letters are ink over part of their height: curves, bars across); a QR code a square block,
 * several lines high, about half ink, in a checkerboard of modules. The digits printed under a
 * barcode are a line of their own and stay.
 */
export function codeRegions(img: GreyImage, textHeight: number): Region[] {
  const { width: w, height: h } = img;
  const t = Math.max(6, textHeight);
  const mask = inkMask(img);
  const regions: Region[] = [];
  // Barcodes: bands of rows with ink.
  for (const [a, b] of textBands(img, Math.round(1.4 * t), Math.round(0.2 * t), mask)) {
    const bh = b - a;
    let full = 0;
    let partial = 0;
    let any = 0;
    let transitions = 0;
    let prev = false;
    let x0 = w;
    let x1 = 0;
    for (let x = 0; x < w; x++) {
      let n = 0;
      for (let y = a; y < b; y++) n += mask[y * w + x]!;
      const share = n / bh;
      const isFull = share >= 0.7;
      if (share > 0.05) any++;
      if (isFull) {
        full++;
        if (x < x0) x0 = x;
        x1 = x;
      } else if (share > 0.15) partial++;
      if (isFull !== prev) transitions++;
      prev = isFull;
    }
    if (any > 0 && full >= 0.3 * any && partial <= 0.35 * any && transitions >= 30) {
      regions.push({ left: x0, top: a, width: x1 - x0 + 1, height: bh, kind: 'barcode' });
    }
  }
  // QR codes: cells about a third of a text line, about half ink, grouped into squares.
  const cell = Math.max(3, Math.round(t / 3));
  const cw = Math.floor(w / cell);
  const ch = Math.floor(h / cell);
  const dense = new Uint8Array(cw * ch);
  const grey = img.data;
  for (let cy = 0; cy < ch; cy++) {
    for (let cx = 0; cx < cw; cx++) {
      let dark = 0;
      for (let y = cy * cell; y < (cy + 1) * cell; y++) for (let x = cx * cell; x < (cx + 1) * cell; x++) if (grey[y * w + x]! < 128) dark++;
      const share = dark / (cell * cell);
      dense[cy * cw + cx] = share > 0.25 && share < 0.85 ? 1 : 0;
    }
  }
  // Close small gaps (a module's white between dark ones), then find square blocks.
  const closed = new Uint8Array(cw * ch);
  for (let cy = 0; cy < ch; cy++) {
    for (let cx = 0; cx < cw; cx++) {
      let n = 0;
      let m = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const yy = cy + dy;
          const xx = cx + dx;
          if (yy < 0 || xx < 0 || yy >= ch || xx >= cw) continue;
          m++;
          n += dense[yy * cw + xx]!;
        }
      }
      closed[cy * cw + cx] = n >= 0.6 * m ? 1 : 0;
    }
  }
  const seen = new Uint8Array(cw * ch);
  for (let start = 0; start < cw * ch; start++) {
    if (seen[start] || !closed[start]) continue;
    const queue = [start];
    seen[start] = 1;
    let n = 0;
    let x0 = cw;
    let y0 = ch;
    let x1 = 0;
    let y1 = 0;
    while (queue.length) {
      const i = queue.pop()!;
      const x = i % cw;
      const y = (i - x) / cw;
      n++;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
      for (const j of [x > 0 ? i - 1 : -1, x < cw - 1 ? i + 1 : -1, y > 0 ? i - cw : -1, y < ch - 1 ? i + cw : -1]) {
        if (j >= 0 && !seen[j] && closed[j]) {
          seen[j] = 1;
          queue.push(j);
        }
      }
    }
    const bw = (x1 - x0 + 1) * cell;
    const bhh = (y1 - y0 + 1) * cell;
    const aspect = bw / bhh;
    if (bhh >= 3 * t && bw >= 3 * t && aspect > 0.75 && aspect < 1.33 && n >= 0.7 * (x1 - x0 + 1) * (y1 - y0 + 1)) {
      regions.push({ left: x0 * cell, top: y0 * cell, width: bw, height: bhh, kind: 'qr' });
    }
  }
  return regions;
}

/** Paints regions white (in place), with a margin of `pad` pixels. */
export function whiten(img: GreyImage, regions: readonly Region[], pad = 2): void {
  const { width: w, height: h, data } = img;
  for (const r of regions) {
    const x0 = Math.max(0, r.left - pad);
    const x1 = Math.min(w, r.left + r.width + pad);
    const y0 = Math.max(0, r.top - pad);
    const y1 = Math.min(h, r.top + r.height + pad);
    for (let y = y0; y < y1; y++) data.fill(255, y * w + x0, y * w + x1);
  }
}

/**
 * Black ink on white paper (Sauvola's rule: darker than the local mean by a share that grows
 * where the neighbourhood has little contrast), the local statistics taken over blocks of about
 * `window` pixels and interpolated. Takes away what is lighter than the print around it: the
 * grey of a receipt's back printing showing through, a watermark, the paper's texture.
 */
export function binarise(img: GreyImage, window: number, k = 0.25): GreyImage {
  const { width: w, height: h, data } = img;
  const b = Math.max(4, Math.round(window));
  const bw = Math.ceil(w / b);
  const bh = Math.ceil(h / b);
  const sum = new Float64Array(bw * bh);
  const sq = new Float64Array(bw * bh);
  const cnt = new Uint32Array(bw * bh);
  for (let y = 0; y < h; y++) {
    const by = Math.floor(y / b) * bw;
    for (let x = 0; x < w; x++) {
      const v = data[y * w + x]!;
      const i = by + Math.floor(x / b);
      sum[i]! += v;
      sq[i]! += v * v;
      cnt[i]!++;
    }
  }
  // Each block's statistics over its 3 x 3 neighbourhood, so that a block holding one stroke is
  // judged against the paper around it.
  const mean = new Float32Array(bw * bh);
  const dev = new Float32Array(bw * bh);
  for (let y = 0; y < bh; y++) {
    for (let x = 0; x < bw; x++) {
      let s = 0;
      let q = 0;
      let n = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const yy = y + dy;
          const xx = x + dx;
          if (yy < 0 || xx < 0 || yy >= bh || xx >= bw) continue;
          const i = yy * bw + xx;
          s += sum[i]!;
          q += sq[i]!;
          n += cnt[i]!;
        }
      }
      const m = s / n;
      mean[y * bw + x] = m;
      dev[y * bw + x] = Math.sqrt(Math.max(0, q / n - m * m));
    }
  }
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const fy = Math.max(0, Math.min(bh - 1, (y + 0.5) / b - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(bh - 1, y0 + 1);
    const wy = fy - y0;
    for (let x = 0; x < w; x++) {
      const fx = Math.max(0, Math.min(bw - 1, (x + 0.5) / b - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(bw - 1, x0 + 1);
      const wx = fx - x0;
      const at = (arr: Float32Array) =>
        (arr[y0 * bw + x0]! * (1 - wx) + arr[y0 * bw + x1]! * wx) * (1 - wy) + (arr[y1 * bw + x0]! * (1 - wx) + arr[y1 * bw + x1]! * wx) * wy;
      const m = at(mean);
      const s = at(dev);
      const threshold = m * (1 + k * (s / 128 - 1));
      out[y * w + x] = data[y * w + x]! < threshold ? 0 : 255;
    }
  }
  return { data: out, width: w, height: h };
}
