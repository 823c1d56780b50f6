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
 * - Orientation: EXIF is honoured; a reading that looks poor is retried at 90/270/180 degrees and
 *   the best reading kept (see `readBestOrientation`).
 * - PDFs: a PDF with a text layer is read from that layer; one without (a scan) is `UNREADABLE`
 *   for now (rendering PDF pages needs a PDF rasteriser, which is not a dependency yet).
 */
import { copyFile, mkdir, rename, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Metadata } from 'sharp';
import type Tesseract from 'tesseract.js';
import { OcrError } from './errors';
import { extractPdfText } from './pdf-text';
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
  /** Binarise after normalising (default false: measured worse on photos with uneven light). */
  threshold?: number | false;
  /** Target width in pixels for small images (default 1400). */
  targetWidth?: number;
  /** Limit for one recognition, after which the worker is considered hung (default 60 s). */
  timeoutMs?: number;
  /** Called with worker errors (they never throw); default: ignored. */
  onWorkerError?: (error: unknown) => void;
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

/** Turns any image the resident sent into what tesseract reads best: upright, grey, contrasted, ~30 px text. */
export async function prepareImage(
  bytes: Uint8Array,
  options: { targetWidth?: number; threshold?: number | false } = {},
): Promise<{ png: Buffer; width: number; height: number }> {
  const targetWidth = options.targetWidth ?? 1400;
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

  // Small images are upscaled so that text is ~30 px high; very big photos are brought down to
  // ~10 megapixels (tesseract's time grows with the pixels, and such photos have big text anyway).
  let scale = width < targetWidth * 0.75 ? targetWidth / width : 1;
  const maxPixels = 10_000_000;
  if (width * height * scale * scale > maxPixels) scale = Math.sqrt(maxPixels / (width * height));

  try {
    let img = sharp(bytes, { failOn: 'none' }).rotate().grayscale();
    if (scale !== 1) {
      img = img.resize({ width: Math.round(width * scale), kernel: 'lanczos3' });
    }
    img = img.normalise({ lower: 1, upper: 99 });
    if (options.threshold) img = img.threshold(options.threshold);
    const { data, info } = await img.png({ compressionLevel: 1 }).toBuffer({ resolveWithObject: true });
    return { png: data, width: info.width, height: info.height };
  } catch (cause) {
    throw new OcrError('UNREADABLE', 'The image cannot be decoded.', { cause });
  }
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

/**
 * Reads at 0 degrees and, when that reading is not good enough, at 90, 270 and 180 degrees,
 * keeping the best by `judge`. `read(angle)` performs one reading of the image turned clockwise
 * by `angle`. Exported so the policy can be tested without tesseract.
 */
export async function readBestOrientation(
  read: (angle: 0 | 90 | 180 | 270) => Promise<OcrResult>,
  judge: (result: OcrResult) => number,
  goodEnough: number,
): Promise<{ result: OcrResult; angle: number; score: number }> {
  let best = { result: await read(0), angle: 0, score: 0 };
  best.score = judge(best.result);
  if (best.score >= goodEnough) return best;
  for (const angle of [90, 270, 180] as const) {
    const result = await read(angle);
    const score = judge(result);
    if (score > best.score) best = { result, angle, score };
    if (best.score >= goodEnough) break;
  }
  return best;
}

export class TesseractEngine implements OcrEngine {
  readonly name = 'tesseract';
  private readonly options: Required<Omit<TesseractEngineOptions, 'langPath' | 'cachePath' | 'onWorkerError'>> &
    Pick<TesseractEngineOptions, 'langPath' | 'cachePath' | 'onWorkerError'>;
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
      goodEnough: options.goodEnough ?? 0.55,
      threshold: options.threshold ?? false,
      targetWidth: options.targetWidth ?? 1400,
      timeoutMs: options.timeoutMs ?? 60_000,
      langPath: options.langPath,
      cachePath: options.cachePath,
      onWorkerError: options.onWorkerError,
    };
  }

  async read(bytes: Uint8Array, contentType: SupportedContentType): Promise<OcrResult> {
    if (contentType === 'application/pdf') return this.readPdf(bytes);
    const image = await prepareImage(bytes, this.options);
    const readAt = async (angle: 0 | 90 | 180 | 270): Promise<OcrResult> => {
      if (angle === 0) return this.recognize(image.png);
      const sharp = await loadSharp();
      const turned = await sharp(image.png).rotate(angle).png({ compressionLevel: 1 }).toBuffer();
      return this.recognize(turned);
    };
    if (!this.options.tryRotations) return readAt(0);
    const { result } = await readBestOrientation(readAt, this.options.judge, this.options.goodEnough);
    return result;
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

  private recognize(png: Buffer): Promise<OcrResult> {
    const run = () => this.recognizeNow(png);
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => {});
    return next;
  }

  private async recognizeNow(png: Buffer): Promise<OcrResult> {
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
        session.worker.recognize(png, {}, { text: false, blocks: true }),
        session.dead,
        timeout,
      ]);
      const meta = await (await loadSharp())(png).metadata();
      return { engine: this.name, lines: linesOf(data, meta.width ?? 1, meta.height ?? 1), hints: [] };
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
      // tesseract's own diagnostics ("Image too small to scale!!") would go to stderr.
      debug_file: '/dev/null',
    });
    return { worker, dead };
  }
}

function linesOf(page: Tesseract.Page, width: number, height: number): OcrLine[] {
  const lines: OcrLine[] = [];
  for (const block of page.blocks ?? []) {
    for (const paragraph of block.paragraphs ?? []) {
      for (const line of paragraph.lines ?? []) {
        const text = line.text.replace(/\s+$/u, '').replace(/^\s+/u, '');
        if (!text) continue;
        const { x0, y0, x1, y1 } = line.bbox;
        const box: Box = {
          left: clamp01(x0 / width),
          top: clamp01(y0 / height),
          width: clamp01((x1 - x0) / width),
          height: clamp01((y1 - y0) / height),
        };
        lines.push({ text, confidence: clamp01(line.confidence / 100), box });
      }
    }
  }
  return lines;
}

const clamp01 = (n: number) => (Number.isFinite(n) ? Math.max(0, Math.min(1, n)) : 0);
