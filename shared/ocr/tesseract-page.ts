/**
 * The page as tesseract gets it: upright, the paper cropped and its light divided out, coloured print
 * and codes whitened, text scaled to about 30 px, in several renderings (`preparePage`), as PGM.
 */
import type { Metadata } from 'sharp';
import { OcrError } from './errors';
import { analysePage, paperBackground } from './preprocess';
import { binarise, codeRegions, dropColour, paperBox, whiten } from './renderings';
import type { Box } from './types';

type SharpFactory = typeof import('sharp')['default'];
let sharpModule: SharpFactory | undefined;
/** sharp, loaded on first use (never at module load: see tesseract.ts). */
export async function loadSharp(): Promise<SharpFactory> {
  sharpModule ??= (await import('sharp')).default;
  return sharpModule;
}

export interface PreparedImage {
  /** The page as a binary PGM (P5) greyscale image: tesseract reads it without decoding work. */
  pgm: Buffer;
  width: number;
  height: number;
  /** The quarter turn the page analysis found and applied (0 or 90 degrees clockwise). */
  turned: 0 | 90;
  /** Degrees turned clockwise to straighten the text lines. */
  skew: number;
  /** Scale applied to the EXIF-upright image. */
  scale: number;
}

export interface PrepareOptions {
  /** Width for small images when the text height cannot be measured (default 1400). */
  targetWidth?: number;
  /** Binarise at this grey level after normalising (default false). */
  threshold?: number | false;
  /** Height in pixels that text lines are scaled to (default 30). */
  targetTextHeight?: number;
  /** Divide by the paper's light (default true): uneven light, shadows, creases, faded print. */
  flatten?: boolean;
  /** Undo skew and find sideways pages from the text lines (default true). */
  analyse?: boolean;
}

/** Longest side of the small copy the page is analysed on. */
const ANALYSIS_SIDE = 900;
/** Pixels of the image handed to tesseract, at most (its time grows with them). */
const MAX_WORK_PIXELS = 6_000_000;

export interface Grey {
  data: Buffer;
  width: number;
  height: number;
}

async function greyOf(img: import('sharp').Sharp): Promise<Grey> {
  const { data, info } = await img.toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  if (info.channels === 1) return { data, width: info.width, height: info.height };
  const grey = Buffer.alloc(info.width * info.height);
  for (let i = 0, j = 0; i < grey.length; i++, j += info.channels) grey[i] = data[j]!;
  return { data: grey, width: info.width, height: info.height };
}

const sharpOf = async (g: Grey) => (await loadSharp())(g.data, { raw: { width: g.width, height: g.height, channels: 1 } });

/** A binary PGM: a short header and the grey bytes. */
export function toPgm(g: Grey): Buffer {
  return Buffer.concat([Buffer.from(`P5\n${g.width} ${g.height}\n255\n`, 'latin1'), g.data]);
}

/** Turns a grey image clockwise by a multiple of 90 degrees. */
export async function turn(g: Grey, angle: 0 | 90 | 180 | 270): Promise<Grey> {
  if (angle === 0) return g;
  if (angle === 180) return { data: Buffer.from(g.data).reverse(), width: g.width, height: g.height };
  return greyOf((await sharpOf(g)).rotate(angle));
}

/**
 * Divides `work` by the paper's light, estimated on `small` (the same page, smaller) and
 * interpolated bilinearly: uneven light, shadows, creases and faded print come out as dark ink on
 * white paper.
 */
function flattenLight(work: Grey, small: Grey, textHeightSmall: number): void {
  const bg = paperBackground(small, Math.max(3, textHeightSmall * 1.5));
  // Work pixel (x, y) sits at background cell ((x + .5) * sx - .5, ...).
  const sx = small.width / work.width / bg.factor;
  const sy = small.height / work.height / bg.factor;
  const row = new Float32Array(bg.width);
  const { data } = work;
  const table = tableCells(bg);
  for (let y = 0; y < work.height; y++) {
    const fy = Math.max(0, Math.min(bg.height - 1, (y + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(bg.height - 1, y0 + 1);
    const wy = fy - y0;
    for (let x = 0; x < bg.width; x++) row[x] = bg.data[y0 * bg.width + x]! * (1 - wy) + bg.data[y1 * bg.width + x]! * wy;
    const base = y * work.width;
    const tableRow = Math.round(fy) * bg.width;
    for (let x = 0; x < work.width; x++) {
      const fx = Math.max(0, Math.min(bg.width - 1, (x + 0.5) * sx - 0.5));
      if (table && table[tableRow + Math.round(fx)]) {
        data[base + x] = 255;
        continue;
      }
      const x0 = fx | 0;
      const x1 = x0 + 1 < bg.width ? x0 + 1 : x0;
      const b = row[x0]! + (row[x1]! - row[x0]!) * (fx - x0);
      const v = (255 * data[base + x]!) / (b > 24 ? b : 24);
      data[base + x] = v > 255 ? 255 : v;
    }
  }
}

/**
 * Cells of the background that are the table (or whatever the receipt lies on), not paper: much
 * darker than the paper and reached from a sharp edge of it. A receipt lit unevenly darkens
 * gradually and is left alone. Undefined when there is no such edge.
 */
function tableCells(bg: { data: ArrayLike<number>; width: number; height: number }): Uint8Array | undefined {
  const { data, width: w, height: h } = bg;
  const sorted = Array.from(data).sort((a, b) => a - b);
  const paper = sorted[Math.floor(sorted.length * 0.9)]!;
  const dark = (i: number) => data[i]! < 0.6 * paper;
  const bright = (i: number) => data[i]! > 0.85 * paper;
  const table = new Uint8Array(w * h);
  const queue: number[] = [];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (!dark(i)) continue;
      // A sharp edge: bright paper within two cells.
      let edge = false;
      for (let dy = -2; dy <= 2 && !edge; dy++) {
        for (let dx = -2; dx <= 2 && !edge; dx++) {
          const yy = y + dy;
          const xx = x + dx;
          if (yy >= 0 && yy < h && xx >= 0 && xx < w && bright(yy * w + xx)) edge = true;
        }
      }
      if (edge) {
        table[i] = 1;
        queue.push(i);
      }
    }
  }
  if (queue.length === 0) return undefined;
  // Grow through the dark cells from those edges.
  while (queue.length) {
    const i = queue.pop()!;
    const x = i % w;
    const y = (i - x) / w;
    for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]] as const) {
      const xx = x + dx;
      const yy = y + dy;
      if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
      const j = yy * w + xx;
      if (!table[j] && data[j]! < 0.7 * paper) {
        table[j] = 1;
        queue.push(j);
      }
    }
  }
  return table;
}

/** Stretches the grey levels: the darkest ink to black, the paper to white. */
function stretchContrast(g: Grey): void {
  const { data } = g;
  const hist = new Uint32Array(256);
  for (let i = 0; i < data.length; i++) hist[data[i]!]!++;
  const percentile = (q: number) => {
    let acc = 0;
    for (let v = 0; v < 256; v++) if ((acc += hist[v]!) >= q * data.length) return v;
    return 255;
  };
  const lo = percentile(0.004);
  const hi = Math.max(lo + 16, percentile(0.6));
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v++) {
    const u = Math.max(0, Math.min(255, Math.round(((v - lo) * 255) / (hi - lo))));
    lut[v] = u;
  }
  for (let i = 0; i < data.length; i++) data[i] = lut[data[i]!]!;
}

/**
 * Turns any image the resident sent into what tesseract reads best: upright (EXIF, then the
 * text lines: a sideways page is turned a quarter, a skewed one straightened), grey with the
 * coloured print taken out, cropped to the paper when the picture shows what it lies on, with
 * the paper's uneven light divided out and the contrast stretched, barcodes and QR codes
 * whitened, scaled so that text lines are about `targetTextHeight` pixels high. What the pixels
 * cannot tell cheaply (upside down) is left to the engine, which reads again turned when a
 * reading looks poor. The other renderings of the page (`preparePage`) are made on demand.
 */
export async function prepareImage(bytes: Uint8Array, options: PrepareOptions = {}): Promise<PreparedImage> {
  const { renderings: _renderings, ...image } = await preparePage(bytes, options);
  return image;
}

/** The names of the renderings, in the order the engine reads them until one holds together. */
export const RENDERINGS = ['normalised', 'plain', 'binarised'] as const;
export type RenderingName = (typeof RENDERINGS)[number];

export interface PreparedPage extends PreparedImage {
  /**
   * The other renderings, as PGM, in the normalised one's orientation and scale: `plain` the
   * picture as it came (EXIF-upright, turned a quarter when sideways, cropped to the paper when
   * the picture shows what it lies on, scaled, nothing else: never worse than the untouched photo), `binarised` the normalised page in black and white (what is
   * lighter than the print around it goes: show-through, watermarks).
   */
  renderings: Record<Exclude<RenderingName, 'normalised'>, () => Promise<Buffer>>;
  /** Share of the picture's pixels that were coloured (and taken out of the normalised rendering). */
  coloured: number;
  /** The part of the picture kept as the paper (page fractions), when the rest was cropped off. */
  paper?: Box;
  /** Barcodes and QR codes whitened in the normalised rendering. */
  codes: number;
}

export async function preparePage(bytes: Uint8Array, options: PrepareOptions = {}): Promise<PreparedPage> {
  const targetWidth = options.targetWidth ?? 1400;
  const targetTextHeight = options.targetTextHeight ?? 30;
  const sharp = await loadSharp();
  let meta: Metadata;
  try {
    meta = await sharp(bytes).metadata();
  } catch (cause) {
    throw new OcrError('UNREADABLE', 'The image cannot be decoded.', { cause });
  }
  const swap = (meta.orientation ?? 1) >= 5;
  const width = (swap ? meta.height : meta.width) ?? 0;
  const height = (swap ? meta.width : meta.height) ?? 0;
  if (width < 16 || height < 16) throw new OcrError('UNREADABLE', 'The image is too small to read.');

  try {
    // Upright by EXIF, no bigger than tesseract could use; in colour when it is, to take the
    // coloured print out (the plain rendering keeps the luma).
    const decodeScale = Math.min(1, Math.sqrt((2 * MAX_WORK_PIXELS) / (width * height)));
    let page = sharp(bytes, { failOn: 'none' }).rotate();
    if (decodeScale < 1) page = page.resize({ width: Math.round(width * decodeScale) });
    let full: Grey;
    let plainFull: Grey;
    let coloured = 0;
    if ((meta.channels ?? 1) >= 3 && meta.space !== 'b-w') {
      const { data, info } = await page.removeAlpha().raw().toBuffer({ resolveWithObject: true });
      const dropped = dropColour(data, info.width, info.height, info.channels);
      coloured = dropped.coloured;
      plainFull = { data: Buffer.alloc(info.width * info.height), width: info.width, height: info.height };
      for (let i = 0, j = 0; i < plainFull.data.length; i++, j += info.channels) {
        plainFull.data[i] = (data[j]! * 299 + data[j + 1]! * 587 + data[j + 2]! * 114 + 500) / 1000;
      }
      full = coloured > 0.0005 ? { data: Buffer.from(dropped.data.buffer, dropped.data.byteOffset, dropped.data.length), width: info.width, height: info.height } : plainFull;
    } else {
      full = await greyOf(page.grayscale());
      plainFull = full;
    }
    const smallOf = async (g: Grey) => {
      const k = Math.min(1, ANALYSIS_SIDE / Math.max(g.width, g.height));
      return k === 1 ? g : greyOf((await sharpOf(g)).resize({ width: Math.max(16, Math.round(g.width * k)) }));
    };

    let turned: 0 | 90 = 0;
    let skew = 0;
    let textHeightSmall = 0;
    let small = await smallOf(full);
    if (options.analyse ?? true) {
      let analysis = analysePage(small);
      if (analysis.sideways) {
        const same = plainFull === full;
        full = await turn(full, 90);
        plainFull = same ? full : await turn(plainFull, 90);
        small = await turn(small, 90);
        turned = 90;
        analysis = analysePage(small);
      }
      if (Math.abs(analysis.skew) >= 0.3) skew = analysis.skew;
      textHeightSmall = analysis.textHeight;
    }
    const textHeight = (textHeightSmall * full.width) / small.width;

    // The paper alone, when the picture shows what it lies on (a scanner's cover, cardboard, a
    // table): what is around it only gives tesseract specks to read, and time.
    let paper: Box | undefined;
    let cropped = full;
    let smallCropped = small;
    if (options.flatten ?? true) {
      const box = paperBox(small, textHeightSmall > 0 ? textHeightSmall : small.width / 60);
      if (box) {
        paper = { left: box.left / small.width, top: box.top / small.height, width: box.width / small.width, height: box.height / small.height };
        const fx = Math.round(paper.left * full.width);
        const fy = Math.round(paper.top * full.height);
        const fw = Math.max(16, Math.min(full.width - fx, Math.round(paper.width * full.width)));
        const fh = Math.max(16, Math.min(full.height - fy, Math.round(paper.height * full.height)));
        cropped = await greyOf((await sharpOf(full)).extract({ left: fx, top: fy, width: fw, height: fh }));
        smallCropped = await greyOf((await sharpOf(small)).extract({ left: box.left, top: box.top, width: box.width, height: box.height }));
      }
    }

    // Scale: text lines about targetTextHeight high, however long the receipt; without a measure,
    // small images are upscaled. The pixel budget is the paper's (what is cropped off costs nothing).
    let scale = textHeight >= 4 ? targetTextHeight / textHeight : full.width < targetWidth * 0.75 ? targetWidth / full.width : 1;
    scale = Math.max(0.25, Math.min(4, scale));
    if (cropped.width * cropped.height * scale * scale > MAX_WORK_PIXELS) scale = Math.sqrt(MAX_WORK_PIXELS / (cropped.width * cropped.height));
    const resized = async (g: Grey, w: number) =>
      w === g.width ? { ...g, data: Buffer.from(g.data) } : greyOf((await sharpOf(g)).resize({ width: w, kernel: scale > 1 ? 'cubic' : 'lanczos2' }));
    const work = await resized(cropped, Math.max(16, Math.round(cropped.width * scale)));

    if (options.flatten ?? true) flattenLight(work, smallCropped, textHeightSmall > 0 ? textHeightSmall : smallCropped.width / 60);
    stretchContrast(work);
    const codes = textHeightSmall > 0 ? codeRegions(work, targetTextHeight) : [];
    whiten(work, codes, Math.round(targetTextHeight / 4));

    let out: Grey = work;
    if (skew !== 0 || options.threshold) {
      let img = await sharpOf(work);
      if (skew !== 0) img = img.rotate(skew, { background: { r: 255, g: 255, b: 255 } });
      if (options.threshold) img = img.threshold(options.threshold);
      out = await greyOf(img);
    }
    // The plain rendering: the picture's own grey, cropped to the paper like the others.
    const plain = async () => {
      let g = plainFull;
      if (paper) {
        const fx = Math.round(paper.left * g.width);
        const fy = Math.round(paper.top * g.height);
        const fw = Math.max(16, Math.min(g.width - fx, Math.round(paper.width * g.width)));
        const fh = Math.max(16, Math.min(g.height - fy, Math.round(paper.height * g.height)));
        g = await greyOf((await sharpOf(g)).extract({ left: fx, top: fy, width: fw, height: fh }));
      }
      return toPgm(await resized(g, Math.max(16, Math.round(g.width * scale))));
    };
    const binarised = async () => toPgm(binarise(out, 2 * targetTextHeight) as Grey);
    return {
      pgm: toPgm(out),
      width: out.width,
      height: out.height,
      turned,
      skew,
      scale: Math.round(scale * 1000) / 1000,
      renderings: { plain, binarised },
      coloured: Math.round(coloured * 1000) / 1000,
      ...(paper ? { paper } : {}),
      codes: codes.length,
    };
  } catch (cause) {
    throw new OcrError('UNREADABLE', 'The image cannot be decoded.', { cause });
  }
}

/** The grey pixels of a PGM made by `toPgm`. */
export function fromPgm(pgm: Buffer): Grey {
  const header = /^P5\n(\d+) (\d+)\n255\n/.exec(pgm.subarray(0, 40).toString('latin1'))!;
  return { data: pgm.subarray(header[0].length), width: Number(header[1]), height: Number(header[2]) };
}
