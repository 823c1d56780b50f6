/**
 * The offline OCR engine: tesseract.js 7 (WebAssembly, in a worker thread) over an image
 * prepared with sharp. The local default; never loaded in an AWS bundle (engines.ts imports this
 * module lazily).
 *
 * - Language data comes from the @tesseract.js-data/fra and /eng packages, copied once into one
 *   folder under the OS temp dir (the packages keep each language in its own folder and
 *   tesseract.js reads every language from one `langPath`). No network, ever.
 * - One worker is kept alive across calls (lazy start, `close()` ends it). A worker that dies,
 *   errs or hangs is dropped and the call fails with an `ENGINE_FAILURE` OcrError; the next call
 *   starts a new one. Nothing it does can throw outside a call's promise.
 * - Preparation (`prepareImage`, with the page analysis of preprocess.ts): EXIF is honoured; a
 *   sideways page (text lines running down) is turned a quarter and a skewed one straightened;
 *   the paper's uneven light (shadows, creases, faded print) is divided out and the table
 *   around the receipt whitened; text is scaled to about 30 pixels high. Handed over as PGM.
 * - Orientation: what the pixels cannot tell cheaply (upside down) is left to reading: a reading
 *   that looks poor is tried again at 180 degrees, and only when both are poor at 90 and 270
 *   (see `readBestOrientation`).
 * - Lines: words that are only the paper's edge read as marks are dropped from the ends of lines;
 *   a big line (the sign, printed double size) that tesseract skipped or merged is read again on
 *   its own (`recoverMissedLines`).
 * - PDFs: a PDF with a text layer is read from that layer; one without (a scan) is `UNREADABLE`
 *   for now (rendering PDF pages needs a PDF rasteriser, which is not a dependency yet).
 */
import { copyFile, mkdir, rename, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Metadata } from 'sharp';
import type Tesseract from 'tesseract.js';
import { judgeReading } from '../receipts/parser';
import { OcrError } from './errors';
import { extractPdfText } from './pdf-text';
import { analysePage, binarise, codeRegions, dropColour, halve, paperBackground, paperBox, textBands, whiten } from './preprocess';
import type { Box, OcrEngine, OcrLine, OcrResult, SupportedContentType } from './types';

// sharp and tesseract.js are loaded on first use, never at module load: esbuild inlines this
// module into the Lambda bundles (which use Textract and ship neither package), so a static
// import there would fail every function at start-up.
type SharpFactory = typeof import('sharp')['default'];
type TesseractModule = typeof import('tesseract.js');
let sharpModule: SharpFactory | undefined;
let tesseractModule: TesseractModule | undefined;
async function loadSharp(): Promise<SharpFactory> {
  sharpModule ??= (await import('sharp')).default;
  return sharpModule;
}
async function loadTesseract(): Promise<TesseractModule> {
  if (!tesseractModule) {
    const loaded = await import('tesseract.js');
    tesseractModule = (loaded as unknown as { default?: TesseractModule }).default ?? loaded;
  }
  return tesseractModule;
}

export type TessdataVariant = 'best_int' | 'standard';

export interface TesseractEngineOptions {
  /** tesseract language string; 'fra+eng' by default. */
  languages?: string;
  /** Page segmentation mode ('6' = single uniform block, which suits till receipts). */
  psm?: string;
  /** 'best_int' (LSTM, tessdata_best converted to integers: the default) or 'standard' (tessdata 4.0.0). */
  tessdata?: TessdataVariant;
  /** Folder holding `<lang>.traineddata.gz` for every language; prepared under the temp dir when unset. */
  langPath?: string;
  /** Where tesseract.js caches the unpacked traineddata; a temp dir when unset. */
  cachePath?: string;
  /** Try the other orientations when the upright reading looks poor (default true). */
  tryRotations?: boolean;
  /**
   * Scores a reading 0..1 to choose between orientations. Defaults to `readingQuality`; the OCR
   * stage may pass `(r) => parseReceipt(r).confidence` to let the receipt parser judge.
   */
  judge?: (result: OcrResult) => number;
  /** A reading scoring at least this is kept without trying other orientations (default 0.55). */
  goodEnough?: number;
  /**
   * When the upright and upside-down readings both score under this, the page analysis is
   * assumed wrong and the quarter turns are tried too (default 0.35).
   */
  lostBelow?: number;
  /** Height in pixels that text lines are scaled to (default 30). */
  targetTextHeight?: number;
  /** Divide the paper's uneven light out of the image (default true). */
  flatten?: boolean;
  /** Find sideways pages and skew from the text lines (default true). */
  analyse?: boolean;
  /** Binarise after normalising (default false: measured worse on photos with uneven light). */
  threshold?: number | false;
  /** Target width in pixels for small images (default 1400). */
  targetWidth?: number;
  /** Limit for one recognition, after which the worker is considered hung (default 60 s). */
  timeoutMs?: number;
  /**
   * Renderings of the page read in turn while the reading does not hold together (default all,
   * normalised first; see RENDERINGS). `['normalised']` reads one rendering only.
   */
  renderings?: readonly RenderingName[];
  /**
   * Scores a reading to choose between renderings, and says whether it holds together (then no
   * other rendering is read). Defaults to the receipt parser's `judgeReading`.
   */
  choose?: (result: OcrResult) => { score: number; holds: boolean };
  /** Told which renderings were read and how each scored (for the benchmark). */
  onReading?: (tried: RenderingTrial[], page: { coloured: number; paper?: Box; codes: number; turned: 0 | 90; skew: number; scale: number }) => void;
  /** Called with worker errors (they never throw); default: ignored. */
  onWorkerError?: (error: unknown) => void;
}

export interface RenderingTrial {
  rendering: RenderingName;
  angle: number;
  score: number;
  holds: boolean;
}

type TessWorker = Tesseract.Worker & { worker?: { on(event: string, fn: (arg: unknown) => void): void } };

interface Session {
  worker: TessWorker;
  /** Rejects when the worker thread errs or exits. */
  dead: Promise<never>;
}

const require = createRequire(import.meta.url);

const TESSDATA_FOLDER: Record<TessdataVariant, string> = { best_int: '4.0.0_best_int', standard: '4.0.0' };

/**
 * Copies the gzipped traineddata of each language from its @tesseract.js-data package into one
 * folder (once; later calls find the files there) and returns that folder.
 */
export async function prepareTessdata(
  languages: string[],
  variant: TessdataVariant = 'best_int',
  root = join(tmpdir(), 'cabas-tessdata'),
): Promise<string> {
  const dir = join(root, variant);
  await mkdir(dir, { recursive: true });
  for (const lang of languages) {
    const pkgDir = dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`));
    const source = join(pkgDir, TESSDATA_FOLDER[variant], `${lang}.traineddata.gz`);
    const target = join(dir, `${lang}.traineddata.gz`);
    const [s, t] = await Promise.all([stat(source), stat(target).catch(() => undefined)]);
    if (!t || t.size !== s.size) {
      const partial = `${target}.${process.pid}.part`;
      await copyFile(source, partial);
      await rename(partial, target);
    }
  }
  return dir;
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

interface Grey {
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
async function turn(g: Grey, angle: 0 | 90 | 180 | 270): Promise<Grey> {
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
function fromPgm(pgm: Buffer): Grey {
  const header = /^P5\n(\d+) (\d+)\n255\n/.exec(pgm.subarray(0, 40).toString('latin1'))!;
  return { data: pgm.subarray(header[0].length), width: Number(header[1]), height: Number(header[2]) };
}

const AMOUNT_LIKE = /\d[.,]\s?\d{2}(?!\d)/;
const DATE_LIKE = /\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?\d{2,4}|\d{1,2}\s+[a-zéû]{3,9}\.?\s+\d{2,4}/i;

/**
 * The engine's own judge of a reading, 0..1: how confident tesseract is in the characters it
 * kept, how much of the text looks like words and numbers rather than noise, and whether the
 * reading shows amounts and a date at all (a sideways receipt reads as noise, without either).
 */
export function readingQuality(result: OcrResult): number {
  const lines = result.lines.filter((l) => l.text.trim().length > 0);
  if (lines.length === 0) return 0;
  let chars = 0;
  let weighted = 0;
  let wordy = 0;
  let tokens = 0;
  for (const line of lines) {
    const n = line.text.length;
    chars += n;
    weighted += n * line.confidence;
    for (const tok of line.text.split(/\s+/)) {
      if (!tok) continue;
      tokens++;
      if (/^[A-Za-zÀ-ÿ'’-]{2,}[.:,]?$|^[-+]?\d+([.,:/h-]\d+)*[€%]?$/.test(tok)) wordy++;
    }
  }
  const meanConf = chars ? weighted / chars : 0;
  const wordRatio = tokens ? wordy / tokens : 0;
  const text = lines.map((l) => l.text).join('\n');
  const amounts = (text.match(new RegExp(AMOUNT_LIKE.source, 'g')) ?? []).length;
  const evidence = (amounts >= 2 ? 0.5 : amounts === 1 ? 0.25 : 0) + (DATE_LIKE.test(text) ? 0.5 : 0);
  const volume = Math.min(1, lines.length / 8);
  return Math.max(0, Math.min(1, (0.45 * meanConf + 0.35 * wordRatio + 0.2 * evidence) * (0.6 + 0.4 * volume)));
}

type Angle = 0 | 90 | 180 | 270;

/**
 * Reads at 0 degrees and, when that reading is not good enough, at the other `angles` in turn
 * (90, 270 and 180 by default), keeping the best by `judge`. `read(angle)` performs one reading
 * of the image turned clockwise by `angle`. Exported so the policy can be tested without
 * tesseract.
 */
export async function readBestOrientation(
  read: (angle: Angle) => Promise<OcrResult>,
  judge: (result: OcrResult) => number,
  goodEnough: number,
  angles: readonly Angle[] = [90, 270, 180],
  start?: { result: OcrResult; angle: Angle; score: number },
): Promise<{ result: OcrResult; angle: Angle; score: number }> {
  let best = start;
  if (!best) {
    const result = await read(0);
    best = { result, angle: 0, score: judge(result) };
  }
  for (const angle of angles) {
    if (best.score >= goodEnough) break;
    const result = await read(angle);
    const score = judge(result);
    if (score > best.score) best = { result, angle, score };
  }
  return best;
}

export class TesseractEngine implements OcrEngine {
  readonly name = 'tesseract';
  private readonly options: Required<Omit<TesseractEngineOptions, 'langPath' | 'cachePath' | 'onWorkerError' | 'onReading'>> &
    Pick<TesseractEngineOptions, 'langPath' | 'cachePath' | 'onWorkerError' | 'onReading'>;
  private session: Promise<Session> | undefined;
  /** Recognitions run one at a time, so that each one's time limit measures that one alone. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: TesseractEngineOptions = {}) {
    this.options = {
      languages: options.languages ?? 'fra+eng',
      psm: options.psm ?? ('6' as Tesseract.PSM), // PSM 6: SINGLE_BLOCK
      tessdata: options.tessdata ?? 'best_int',
      tryRotations: options.tryRotations ?? true,
      judge: options.judge ?? readingQuality,
      goodEnough: options.goodEnough ?? 0.65,
      lostBelow: options.lostBelow ?? 0.35,
      targetTextHeight: options.targetTextHeight ?? 30,
      flatten: options.flatten ?? true,
      analyse: options.analyse ?? true,
      threshold: options.threshold ?? false,
      targetWidth: options.targetWidth ?? 1400,
      timeoutMs: options.timeoutMs ?? 60_000,
      renderings: options.renderings ?? RENDERINGS,
      choose: options.choose ?? judgeReading,
      onReading: options.onReading,
      langPath: options.langPath,
      cachePath: options.cachePath,
      onWorkerError: options.onWorkerError,
    };
  }

  async read(bytes: Uint8Array, contentType: SupportedContentType): Promise<OcrResult> {
    if (contentType === 'application/pdf') return this.readPdf(bytes);
    const page = await preparePage(bytes, this.options);
    const pages = new Map<string, Buffer>([['normalised:0', page.pgm]]);
    const pgmOf = async (name: RenderingName, angle: Angle): Promise<Buffer> => {
      const key = `${name}:${angle}`;
      let pgm = pages.get(key);
      if (!pgm) {
        const base = name === 'normalised' ? page.pgm : (pages.get(`${name}:0`) ?? (await page.renderings[name]()));
        pages.set(`${name}:0`, base);
        pgm = angle === 0 ? base : toPgm(await turn(fromPgm(base), angle));
        pages.set(key, pgm);
      }
      return pgm;
    };
    const readAt = async (angle: Angle): Promise<OcrResult> => this.recognize(await pgmOf('normalised', angle));
    if (!this.options.tryRotations) return readAt(0);
    // The page analysis has put the text lines across already; what it cannot tell is upside
    // down, so a poor reading is tried again turned 180 degrees. Only when both are poor (the
    // analysis was wrong) are the quarter turns tried.
    let best = await readBestOrientation(readAt, this.options.judge, this.options.goodEnough, [180]);
    if (best.score < this.options.lostBelow) {
      best = await readBestOrientation(readAt, this.options.judge, this.options.lostBelow, [90, 270], best);
    }
    // The other renderings, in turn, while the reading does not hold together (no total or no
    // date the receipt's own arithmetic and layout confirm): the picture as it came, then in
    // black and white. The reading kept is the one the receipt parser is surest of.
    const lost = best.score < this.options.lostBelow;
    const tried: RenderingTrial[] = [];
    let chosen = { name: 'normalised' as RenderingName, angle: best.angle, result: best.result, verdict: this.options.choose(best.result) };
    tried.push({ rendering: 'normalised', angle: best.angle, score: chosen.verdict.score, holds: chosen.verdict.holds });
    for (const name of this.options.renderings.filter((r) => r !== 'normalised')) {
      if (chosen.verdict.holds) break;
      // A page the analysis turned wrong is read as it came.
      const angle: Angle = lost ? 0 : best.angle;
      const result = await this.recognize(await pgmOf(name, angle));
      const verdict = this.options.choose(result);
      tried.push({ rendering: name, angle, score: verdict.score, holds: verdict.holds });
      if (verdict.score > chosen.verdict.score) chosen = { name, angle, result, verdict };
    }
    this.options.onReading?.(tried, { coloured: page.coloured, paper: page.paper, codes: page.codes, turned: page.turned, skew: page.skew, scale: page.scale });
    if (this.options.judge(chosen.result) < this.options.lostBelow) return chosen.result;
    return this.recoverMissedLines(chosen.result, fromPgm(await pgmOf(chosen.name, chosen.angle)));
  }

  /**
   * Reading a page as one block (PSM 6), tesseract now and then drops a line whose text is much
   * bigger than the rest: the shop sign printed double size, typically. Bands of ink that no
   * line covers are read again on their own and put back in place.
   */
  private async recoverMissedLines(result: OcrResult, page: Grey): Promise<OcrResult> {
    const t = this.options.targetTextHeight;
    const bands = textBands(halve(page), Math.round(0.275 * t), Math.round(0.125 * t)).map(([a, b]): [number, number] => [2 * a, 2 * b]);
    const covered = (top: number, bottom: number) =>
      result.lines.some((l) => {
        if (!l.box) return false;
        const a = l.box.top * page.height;
        const b = (l.box.top + l.box.height) * page.height;
        return Math.min(b, bottom) - Math.max(a, top) >= 0.4 * (bottom - top);
      });
    // A band taller than a double-size line is not one line (the page's edge, a picture): leave
    // it. Big lines near the top (the sign) are read again even when a line's box covers them:
    // tesseract sometimes stretches the box of the next line over a sign it did not read.
    const heights = bands.map(([a, b]) => b - a).sort((x, y) => x - y);
    const median = heights[Math.floor(heights.length / 2)] ?? t;
    const missed = bands
      .filter(([a, b]) => b - a <= 3 * t && (!covered(a, b) || (b - a >= 1.45 * median && a < 0.35 * page.height)))
      .slice(0, 4);
    if (missed.length === 0) return result;
    const lines = [...result.lines];
    for (const [a, b] of missed) {
      const pad = Math.round(0.15 * (b - a));
      const top = Math.max(0, a - pad);
      const height = Math.min(page.height, b + pad) - top;
      const crop: Grey = { data: page.data.subarray(top * page.width, (top + height) * page.width), width: page.width, height };
      const read = await this.recognize(toPgm(crop));
      const before = lines.length;
      for (const line of read.lines) {
        const key = alnum(line.text);
        const seen = lines.some((l) => {
          const other = alnum(l.text);
          return other.includes(key) && other.length <= key.length + 2;
        });
        if (line.confidence < 0.5 || !line.box || key.length < 2 || seen) continue;
        const box = { ...line.box, top: (top + line.box.top * height) / page.height, height: (line.box.height * height) / page.height };
        lines.push({ ...line, box });
      }
      if (lines.length === before) continue;
      // The line whose box had stretched over the band now starts below it.
      const bandTop = a / page.height;
      const bandBottom = b / page.height;
      for (const [k, l] of lines.slice(0, before).entries()) {
        if (!l.box || l.box.top >= bandBottom || l.box.top + l.box.height <= bandBottom) continue;
        const bottom = l.box.top + l.box.height;
        lines[k] = { ...l, box: { ...l.box, top: bandBottom, height: bottom - bandBottom } };
      }
    }
    const centre = (l: OcrLine) => (l.box ? l.box.top + l.box.height / 2 : 0);
    lines.sort((x, y) => centre(x) - centre(y));
    return { ...result, lines };
  }

  async close(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    if (!session) return;
    try {
      const { worker } = await session;
      await worker.terminate();
    } catch {
      // A worker that never started or already died has nothing to end.
    }
  }

  private readPdf(bytes: Uint8Array): OcrResult {
    const lines = extractPdfText(bytes);
    if (lines.length === 0) {
      throw new OcrError('UNREADABLE', 'This PDF has no text layer; scanned PDFs cannot be read yet.');
    }
    return { engine: `${this.name}:pdf-text`, lines: lines.map((text) => ({ text, confidence: 0.99 })), hints: [] };
  }

  private recognize(image: Buffer): Promise<OcrResult> {
    const run = () => this.recognizeNow(image);
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => {});
    return next;
  }

  private async recognizeNow(image: Buffer): Promise<OcrResult> {
    const session = await this.ensureSession();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new OcrError('ENGINE_FAILURE', `tesseract did not answer within ${this.options.timeoutMs} ms`)),
        this.options.timeoutMs,
      );
    });
    try {
      const { data } = await Promise.race([
        session.worker.recognize(image, {}, { text: false, blocks: true }),
        session.dead,
        timeout,
      ]);
      const { width, height } = fromPgm(image);
      return { engine: this.name, lines: linesOf(data, width, height), hints: [] };
    } catch (cause) {
      // Whatever went wrong, this worker is not to be trusted with the next receipt.
      await this.dropSession(session);
      if (cause instanceof OcrError) throw cause;
      throw new OcrError('ENGINE_FAILURE', `tesseract failed: ${String(cause)}`, { cause });
    } finally {
      clearTimeout(timer);
    }
  }

  private async dropSession(session: Session): Promise<void> {
    if (this.session && (await this.session.catch(() => undefined)) === session) this.session = undefined;
    try {
      await session.worker.terminate();
    } catch {
      // already gone
    }
  }

  private ensureSession(): Promise<Session> {
    if (!this.session) {
      const starting = this.startSession();
      this.session = starting;
      starting.catch(() => {
        if (this.session === starting) this.session = undefined;
      });
    }
    return this.session;
  }

  private async startSession(): Promise<Session> {
    const langs = this.options.languages.split('+');
    const langPath = this.options.langPath ?? (await prepareTessdata(langs, this.options.tessdata));
    const cachePath = this.options.cachePath ?? join(tmpdir(), 'cabas-tesseract-cache', this.options.tessdata);
    await mkdir(cachePath, { recursive: true });

    let failInit: (e: unknown) => void = () => {};
    const initFailed = new Promise<never>((_, reject) => {
      failInit = reject;
    });
    initFailed.catch(() => {});
    let markDead: (e: unknown) => void = () => {};
    const dead = new Promise<never>((_, reject) => {
      markDead = reject;
    });
    dead.catch(() => {});

    const errorHandler = (error: unknown) => {
      // tesseract.js calls this instead of throwing (which would crash the process).
      failInit(new OcrError('ENGINE_FAILURE', `tesseract worker error: ${String(error)}`));
      this.options.onWorkerError?.(error);
    };

    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new OcrError('ENGINE_FAILURE', 'tesseract worker did not start in time')),
        this.options.timeoutMs,
      );
    });
    const tesseract = await loadTesseract();
    const creating = tesseract.createWorker(this.options.languages, tesseract.OEM.LSTM_ONLY, {
      langPath,
      cachePath,
      gzip: true,
      cacheMethod: 'write',
      logger: () => {},
      errorHandler,
    }) as Promise<TessWorker>;
    let worker: TessWorker;
    try {
      worker = await Promise.race([creating, initFailed, timeout]);
    } catch (cause) {
      // If it starts after all, end it.
      creating.then((w) => w.terminate()).catch(() => {});
      throw cause instanceof OcrError ? cause : new OcrError('ENGINE_FAILURE', `tesseract failed to start: ${String(cause)}`, { cause });
    } finally {
      clearTimeout(timer);
    }

    // A crash inside the worker thread is an 'error' event; unhandled, it would end the process.
    worker.worker?.on('error', (error) => {
      markDead(new OcrError('ENGINE_FAILURE', `tesseract worker crashed: ${String(error)}`));
      this.options.onWorkerError?.(error);
    });
    worker.worker?.on('exit', () => markDead(new OcrError('ENGINE_FAILURE', 'tesseract worker exited')));

    await worker.setParameters({
      tessedit_pageseg_mode: this.options.psm as Tesseract.PSM,
      preserve_interword_spaces: '1',
      user_defined_dpi: '300',
      // Lines read poorly are not tried again as white-on-black: receipts never print that, and
      // the retry doubles the time on a degraded photo.
      tessedit_do_invert: '0',
      // tesseract's own diagnostics ("Image too small to scale!!") would go to stderr.
      debug_file: '/dev/null',
    });
    return { worker, dead };
  }
}

/**
 * A word at either end of a line that is only the edge of the paper, the table or a smudge read
 * as a mark: no letter or digit ("|", ";", "…") apart from the rest, or one or two characters
 * read with little confidence far from the rest. "CB   24,10" keeps its CB (read with
 * confidence), "1 rue" its 1.
 */
function isEdgeMark(word: Tesseract.Word, neighbour: Tesseract.Word | undefined, lineHeight: number): boolean {
  const text = word.text.trim();
  if (!neighbour) return false;
  const gap = word.bbox.x0 > neighbour.bbox.x1 ? word.bbox.x0 - neighbour.bbox.x1 : neighbour.bbox.x0 - word.bbox.x1;
  if (!/[\p{L}\p{N}]/u.test(text)) return gap > lineHeight || word.confidence < 50;
  return text.length <= 2 && word.confidence < 50 && gap > 1.5 * lineHeight;
}

function linesOf(page: Tesseract.Page, width: number, height: number): OcrLine[] {
  const lines: OcrLine[] = [];
  for (const block of page.blocks ?? []) {
    for (const paragraph of block.paragraphs ?? []) {
      for (const line of paragraph.lines ?? []) {
        const words = [...(line.words ?? [])].filter((w) => w.text.trim());
        const lineHeight = line.bbox.y1 - line.bbox.y0;
        while (words.length > 1 && isEdgeMark(words[0]!, words[1], lineHeight)) words.shift();
        while (words.length > 1 && isEdgeMark(words[words.length - 1]!, words[words.length - 2], lineHeight)) words.pop();
        let text = line.text.replace(/\s+$/u, '').replace(/^\s+/u, '');
        let { x0, y0, x1, y1 } = line.bbox;
        // The line's box now and then stretches over a line above that was not read with it:
        // its words' boxes say where its text is.
        if (words.length) {
          const mid = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
          const top = mid(words.map((w) => w.bbox.y0));
          const bottom = mid(words.map((w) => w.bbox.y1));
          if (bottom > top && (top - y0 > 0.5 * (bottom - top) || y1 - bottom > 0.5 * (bottom - top))) {
            y0 = top;
            y1 = bottom;
          }
        }
        if (words.length && words.length < (line.words ?? []).filter((w) => w.text.trim()).length) {
          // The line's text from its first kept word to its last, spacing as tesseract wrote it.
          let cursor = 0;
          const spans = (line.words ?? []).filter((w) => w.text.trim()).map((w) => {
            const at = text.indexOf(w.text, cursor);
            if (at >= 0) cursor = at + w.text.length;
            return { w, at };
          });
          const first = spans.find((sp) => sp.w === words[0]);
          const last = spans.find((sp) => sp.w === words[words.length - 1]);
          text =
            first && last && first.at >= 0 && last.at >= first.at
              ? text.slice(first.at, last.at + last.w.text.length)
              : words.map((w) => w.text).join(' ');
          x0 = Math.min(...words.map((w) => w.bbox.x0));
          x1 = Math.max(...words.map((w) => w.bbox.x1));
        }
        if (!text) continue;
        const box: Box = {
          left: clamp01(x0 / width),
          top: clamp01(y0 / height),
          width: clamp01((x1 - x0) / width),
          height: clamp01((y1 - y0) / height),
        };
        const confidence = words.length ? words.reduce((s, w) => s + w.confidence * w.text.length, 0) / Math.max(1, words.reduce((s, w) => s + w.text.length, 0)) : line.confidence;
        lines.push({
          text,
          confidence: clamp01(confidence / 100),
          box,
          ...(words.length ? { words: words.map((w) => ({ text: w.text, confidence: clamp01(w.confidence / 100) })) } : {}),
        });
      }
    }
  }
  return lines;
}

/** Letters and digits only, upper-cased: to tell whether a line was read already. */
const alnum = (s: string) => s.normalize('NFD').replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();

const clamp01 = (n: number) => (Number.isFinite(n) ? Math.max(0, Math.min(1, n)) : 0);
