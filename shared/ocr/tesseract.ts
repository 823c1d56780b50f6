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
 * - Preparation (tesseract-page.ts: `preparePage`, with the page analysis of preprocess.ts): EXIF is honoured; a
 *   sideways page (text lines running down) is turned a quarter and a skewed one straightened;
 *   the paper's uneven light (shadows, creases, faded print) is divided out and the table
 *   around the receipt whitened; text is scaled to about 30 pixels high. Handed over as PGM.
 * - Orientation: what the pixels cannot tell cheaply (upside down) is left to reading: a reading
 *   that looks poor is tried again at 180 degrees, and only when both are poor at 90 and 270
 *   (see `readBestOrientation`).
 * - Lines (tesseract-lines.ts): words that are only the paper's edge read as marks are dropped from the ends of lines;
 *   a big line (the sign, printed double size) that tesseract skipped or merged is read again on
 *   its own (`recoverMissedLines`).
 * - PDFs: a PDF with a text layer is read from that layer; one without (a scan) is `UNREADABLE`
 *   for now (rendering PDF pages needs a PDF rasteriser, which is not a dependency yet).
 */
import { copyFile, mkdir, rename, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type Tesseract from 'tesseract.js';
import { judgeReading } from '../receipts/parser';
import { OcrError } from './errors';
import { extractPdfText } from './pdf-text';
import { halve, textBands } from './preprocess';
import type { Box, OcrEngine, OcrLine, OcrResult, SupportedContentType } from './types';
import { fromPgm, preparePage, RENDERINGS, toPgm, turn, type Grey, type RenderingName } from './tesseract-page';
import { alnum, linesOf } from './tesseract-lines';

// sharp and tesseract.js are loaded on first use, never at module load: esbuild inlines this
// module into the Lambda bundles (which use Textract and ship neither package), so a static
// import there would fail every function at start-up.
type TesseractModule = typeof import('tesseract.js');
let tesseractModule: TesseractModule | undefined;
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
