/**
 * `npm run bench:ocr`: how well, how fast and at what cost each OCR engine reads receipts.
 * Figures, not pass/fail.
 *
 * - tesseract (offline): on a corpus generated fresh into the OS temp dir (BENCH_OCR_COUNT
 *   receipts from BENCH_OCR_SEED: every degradation kind in turn) and on the committed subset
 *   (test/fixtures/corpus/images/, held out: nothing is tuned on it).
 * - "perfect text": the parser alone on the printed lines of the same receipts (what an ideal OCR
 *   would return), so that parser errors and OCR errors can be told apart.
 * - textract-expense / textract-text: the parser on the saved AnalyzeExpense responses
 *   (test/fixtures/textract/); DetectDocumentText is simulated from their LINE blocks.
 * - real scans (test/fixtures/real-scans/: 27 real receipts, German, real paper, with the blocks
 *   Textract returned for each): the image path (tesseract engine) and the textract-text path
 *   (the saved blocks), each reported on the development chains and on the held-out ones: totals
 *   and dates found, receipts that would be paid automatically (total and date at or above the
 *   review thresholds), and those paid wrong (paid automatically with a total or date that is not
 *   the ground truth). BENCH_OCR_RAW=1 adds the reference the issue measured: plain tesseract
 *   (French, PSM 6) on the untouched image, counting the totals and dates somewhere in its text.
 *
 * Per engine: field-level exact-match accuracy (SIRET, or SIREN where only that is printed; date;
 * total; shop sign after folding case, accents and punctuation), how many wrong fields still had
 * a confidence at or above the review thresholds (those would be paid or matched on a guess),
 * seconds per receipt (cold: the first, with the worker start; warm: the median of the rest),
 * peak RSS, and the cost per 1,000 receipts at AWS list prices.
 *
 * Environment: BENCH_OCR_COUNT (default 96: six of each degradation kind), BENCH_OCR_SEED (default 7), BENCH_OCR_ENGINES
 * (comma list of text, tesseract, textract-expense, textract-text, real-tesseract,
 * real-textract-text; default all), BENCH_OCR_REAL=<substring> reads only the real scans whose
 * name holds it, BENCH_OCR_COMMITTED=0 leaves out the committed subset, BENCH_OCR_COMMITTED_DIR=<dir>
 * reads another copy of it (an earlier subset, to compare code on the same images),
 * BENCH_OCR_TESSERACT=<JSON of TesseractEngineOptions> tries other tesseract settings,
 * BENCH_OCR_VERBOSE=1 lists every wrong field, BENCH_OCR_JSON=<file> writes the figures as JSON.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_FRAUD_POLICY as REVIEW_POLICY } from '../../shared/domain/fraud-policy';
import { prepareTessdata, TesseractEngine, type TesseractEngineOptions } from '../../shared/ocr/tesseract';
import { fromAnalyzeExpenseResponse } from '../../shared/ocr/textract-expense';
import { fromDetectDocumentTextResponse } from '../../shared/ocr/textract-text';
import type { OcrResult, SupportedContentType } from '../../shared/ocr/types';
import type { Extraction } from '../../shared/receipts/extraction';
import { parseReceipt } from '../../shared/receipts/parser';
import { fold } from '../../shared/receipts/text';
import { COMMITTED_DIR, DEGRADATIONS, type TruthFile } from '../fixtures/corpus/generate';
import { REAL_SCANS_DIR, type RealScan, realScans } from '../fixtures/real-scans/scans';
import { TEXTRACT_DATA_DIR, TEXTRACT_EXPECTED } from '../fixtures/textract/expected';

// ------------------------------------------------------------------------------------------------
// Prices. AWS list prices as published on the Amazon Textract and AWS Lambda pricing pages, for
// US East (N. Virginia, us-east-1), as known on 2025-06-01. Europe (Paris, eu-west-3) is not
// cheaper; RE-CHECK BOTH PAGES (and the region the city deploys to) before quoting these figures.
// ------------------------------------------------------------------------------------------------
export const PRICES = {
  region: 'us-east-1',
  asOf: '2025-06-01',
  /** AnalyzeExpense: USD per page, first 1 million pages a month ($0.008 after). */
  analyzeExpensePerPage: 0.01,
  /** DetectDocumentText: USD per page, first 1 million pages a month ($0.0006 after). */
  detectDocumentTextPerPage: 0.0015,
  /** Lambda on arm64 (Graviton): USD per GB-second, first 7.5 billion GB-s a month. */
  lambdaArmPerGbSecond: 0.0000133334,
  /** Lambda: USD per request. */
  lambdaPerRequest: 0.2 / 1_000_000,
};
/** Lambda gives a function one full vCPU at 1,769 MB; tesseract.js is single-threaded. */
const LAMBDA_ONE_VCPU_MB = 1769;

const COUNT = Number(process.env.BENCH_OCR_COUNT ?? 6 * DEGRADATIONS.length);
const SEED = Number(process.env.BENCH_OCR_SEED ?? 7);
const ENGINES = new Set(
  (process.env.BENCH_OCR_ENGINES ?? 'text,tesseract,textract-expense,textract-text,real-tesseract,real-textract-text').split(',').map((s) => s.trim()),
);
const VERBOSE = process.env.BENCH_OCR_VERBOSE === '1';

type FieldName = 'siret' | 'date' | 'total' | 'sign';
const FIELDS: FieldName[] = ['siret', 'date', 'total', 'sign'];

interface Expected {
  id: string;
  kind: string;
  siret?: string | null;
  siren?: string;
  date?: string;
  total?: number;
  sign?: string;
  /** Fields this document carries (and so counts in the accuracy). */
  fields: FieldName[];
}

interface Outcome {
  id: string;
  kind: string;
  ok: Partial<Record<FieldName, boolean>>;
  /** Wrong (or present where absent) and yet at or above the review threshold. */
  confidentlyWrong: FieldName[];
  /** Total or date under the review thresholds: the receipt would go to city staff. */
  toReview: boolean;
  /** Total and date confident but one of them wrong: would be paid wrongly if the shop matched. */
  wronglyPaid: boolean;
  seconds: number;
  cpuSeconds: number;
  detail: string[];
}

const normSign = (s: string | undefined) =>
  fold(s ?? '')
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();

const FIELD_THRESHOLD: Record<FieldName, number> = {
  siret: REVIEW_POLICY.minReadingConfidence,
  date: REVIEW_POLICY.minDateConfidence,
  total: REVIEW_POLICY.minTotalConfidence,
  sign: REVIEW_POLICY.minReadingConfidence,
};

function judge(e: Extraction, x: Expected, seconds: number, cpuSeconds: number): Outcome {
  const ok: Partial<Record<FieldName, boolean>> = {};
  const confidentlyWrong: FieldName[] = [];
  const detail: string[] = [];
  const check = (field: FieldName, good: boolean, got: unknown, conf: number | undefined, want: unknown) => {
    if (x.fields.includes(field)) ok[field] = good;
    if (!good && got !== undefined && (conf ?? 0) >= FIELD_THRESHOLD[field]) confidentlyWrong.push(field);
    if (!good) detail.push(`${field}: want ${JSON.stringify(want)} got ${JSON.stringify(got)} (${conf ?? '-'})`);
  };
  if (x.siret !== undefined || x.fields.includes('siret')) {
    // Where only a SIREN is printed, the SIREN must be read and no SIRET invented.
    const good = x.siret ? e.siret?.value === x.siret : !e.siret && e.siren?.value === x.siren;
    check('siret', good, x.siret ? e.siret?.value : (e.siret?.value ?? e.siren?.value), x.siret ? e.siret?.confidence : (e.siret?.confidence ?? e.siren?.confidence), x.siret ?? `SIREN ${x.siren}`);
  }
  check('date', e.purchaseDate?.value === x.date, e.purchaseDate?.value, e.purchaseDate?.confidence, x.date);
  check('total', e.totalCents?.value === x.total, e.totalCents?.value, e.totalCents?.confidence, x.total);
  if (x.fields.includes('sign')) check('sign', normSign(e.shopSign?.value) === normSign(x.sign), e.shopSign?.value, e.shopSign?.confidence, x.sign);
  const totalOk = (e.totalCents?.confidence ?? 0) >= REVIEW_POLICY.minTotalConfidence;
  const dateOk = (e.purchaseDate?.confidence ?? 0) >= REVIEW_POLICY.minDateConfidence;
  const toReview = !totalOk || !dateOk;
  const wronglyPaid = !toReview && (e.totalCents?.value !== x.total || e.purchaseDate?.value !== x.date);
  return { id: x.id, kind: x.kind, ok, confidentlyWrong, toReview, wronglyPaid, seconds, cpuSeconds, detail };
}

// ------------------------------------------------------------------------------------------------
// Receipts
// ------------------------------------------------------------------------------------------------

interface CorpusReceipt {
  id: string;
  file: string;
  contentType: SupportedContentType;
  truth: TruthFile;
  set: 'generated' | 'committed';
}

async function loadCorpusDir(dir: string, set: CorpusReceipt['set']): Promise<CorpusReceipt[]> {
  const files = (await readdir(dir)).filter((f) => /^r\d{3}-.*\.(png|jpg)$/.test(f)).sort();
  return Promise.all(
    files.map(async (f) => {
      const truth = JSON.parse(await readFile(path.join(dir, f.replace(/\.\w+$/, '.json')), 'utf8')) as TruthFile;
      return { id: `${set === 'committed' ? 'c:' : ''}${truth.id}`, file: path.join(dir, f), contentType: f.endsWith('.png') ? 'image/png' : 'image/jpeg', truth, set } as CorpusReceipt;
    }),
  );
}

const expectedOf = (r: CorpusReceipt): Expected => ({
  id: r.id,
  kind: r.truth.degradation,
  siret: r.truth.siret,
  siren: r.truth.siren,
  date: r.truth.purchaseDate,
  total: r.truth.totalCents,
  sign: r.truth.shopSign,
  fields: FIELDS,
});

/** Generates the corpus in a child process, so that its image work does not count in this process's peak RSS. */
async function generate(dir: string): Promise<void> {
  const script = fileURLToPath(new URL('../fixtures/corpus/generate.ts', import.meta.url));
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, '--out', dir, '--seed', String(SEED), '--count', String(COUNT)], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`corpus generation exited ${code}`))));
  });
}

// ------------------------------------------------------------------------------------------------
// Report
// ------------------------------------------------------------------------------------------------

const pct = (ok: number, n: number) => (n ? `${((100 * ok) / n).toFixed(1)}%` : '-');
const median = (xs: number[]) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const quantile = (xs: number[], q: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))]! : NaN);

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

interface EngineFigures {
  engine: string;
  set: string;
  n: number;
  accuracy: Record<FieldName | 'all', string>;
  confidentlyWrong: number;
  wronglyPaid: number;
  toReview: number;
  coldSeconds?: number;
  warmSeconds?: number;
  p90Seconds?: number;
  warmCpuSeconds?: number;
  peakRssMb?: number;
  costPer1000Usd?: number;
  costNote: string;
}

function summarise(engine: string, set: string, outcomes: Outcome[], timing: { cold?: boolean }, cost: { usd?: number; note: string }, peakRssMb?: number): EngineFigures {
  const acc = (f: FieldName) => {
    const scored = outcomes.filter((o) => o.ok[f] !== undefined);
    return pct(scored.filter((o) => o.ok[f]).length, scored.length);
  };
  const all = outcomes.filter((o) => Object.values(o.ok).every(Boolean)).length;
  const warm = timing.cold ? outcomes.slice(1) : outcomes;
  return {
    engine,
    set,
    n: outcomes.length,
    accuracy: { siret: acc('siret'), date: acc('date'), total: acc('total'), sign: acc('sign'), all: pct(all, outcomes.length) },
    confidentlyWrong: outcomes.reduce((s, o) => s + o.confidentlyWrong.length, 0),
    wronglyPaid: outcomes.filter((o) => o.wronglyPaid).length,
    toReview: outcomes.filter((o) => o.toReview).length,
    ...(timing.cold && outcomes.length ? { coldSeconds: outcomes[0]!.seconds } : {}),
    warmSeconds: median(warm.map((o) => o.seconds)),
    p90Seconds: quantile(warm.map((o) => o.seconds), 0.9),
    warmCpuSeconds: median(warm.map((o) => o.cpuSeconds)),
    ...(peakRssMb !== undefined ? { peakRssMb } : {}),
    ...(cost.usd !== undefined ? { costPer1000Usd: cost.usd } : {}),
    costNote: cost.note,
  };
}

const secs = (s: number | undefined, digits = 2) => (s === undefined || Number.isNaN(s) ? '-' : s < 0.01 ? `${(s * 1000).toFixed(1)}ms` : `${s.toFixed(digits)}s`);

// ------------------------------------------------------------------------------------------------
// Engines
// ------------------------------------------------------------------------------------------------

function parseTimed(ocr: OcrResult): { e: Extraction; seconds: number; cpu: number } {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const e = parseReceipt(ocr);
  const c = process.cpuUsage(c0);
  return { e, seconds: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

function perfectText(receipts: CorpusReceipt[]): Outcome[] {
  return receipts.map((r) => {
    const ocr: OcrResult = { engine: 'text', lines: r.truth.lines.map((text) => ({ text, confidence: 0.97 })), hints: [] };
    const { e, seconds, cpu } = parseTimed(ocr);
    return judge(e, expectedOf(r), seconds, cpu);
  });
}

async function tesseract(receipts: CorpusReceipt[]): Promise<{ outcomes: Outcome[]; peakRssMb: number; baseRssMb: number }> {
  const baseRssMb = process.resourceUsage().maxRSS / 1024;
  // BENCH_OCR_TESSERACT='{"languages":"fra"}' tries other engine options.
  const engine = new TesseractEngine(JSON.parse(process.env.BENCH_OCR_TESSERACT ?? '{}') as TesseractEngineOptions);
  const outcomes: Outcome[] = [];
  try {
    for (const [k, r] of receipts.entries()) {
      const bytes = new Uint8Array(await readFile(r.file));
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      let e: Extraction;
      try {
        e = parseReceipt(await engine.read(bytes, r.contentType));
      } catch (err) {
        e = { engine: 'tesseract', lineItems: [], confidence: 0 };
        console.error(`${r.id}: ${String(err)}`);
      }
      const c = process.cpuUsage(c0);
      const seconds = (performance.now() - t0) / 1000;
      outcomes.push(judge(e, expectedOf(r), seconds, (c.user + c.system) / 1e6));
      if ((k + 1) % 10 === 0) process.stderr.write(`  tesseract ${k + 1}/${receipts.length}\n`);
    }
  } finally {
    await engine.close();
  }
  return { outcomes, peakRssMb: process.resourceUsage().maxRSS / 1024, baseRssMb };
}

async function textract(kind: 'expense' | 'text'): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const [file, x] of Object.entries(TEXTRACT_EXPECTED)) {
    const json = JSON.parse(await readFile(path.join(TEXTRACT_DATA_DIR, file), 'utf8')) as { ExpenseDocuments?: Array<{ Blocks?: unknown[] }> };
    let ocr: OcrResult;
    if (kind === 'expense') ocr = fromAnalyzeExpenseResponse(json);
    else {
      // DetectDocumentText returns the page's LINE (and WORD) blocks: those of the expense
      // documents. A response saved without blocks is approximated by the lines rebuilt from its
      // fields, without the hints.
      if (x.lineBlocks > 0) ocr = fromDetectDocumentTextResponse({ Blocks: (json.ExpenseDocuments ?? []).flatMap((d) => d.Blocks ?? []) });
      else ocr = { engine: 'textract-text', lines: fromAnalyzeExpenseResponse(json).lines, hints: [] };
    }
    const fields: FieldName[] = ['date', 'total', ...(x.shopSign ? (['sign'] as const) : [])];
    const { e, seconds, cpu } = parseTimed(ocr);
    const o = judge(e, { id: file.replace('.analyze-expense.json', ''), kind: 'saved', date: x.purchaseDate, total: x.totalCents, sign: x.shopSign, fields }, seconds, cpu);
    // Where a document carries no total or date, "wrongly paid" means a confident invention.
    outcomes.push(o);
  }
  return outcomes;
}

// ------------------------------------------------------------------------------------------------
// Real scans
// ------------------------------------------------------------------------------------------------

interface RealOutcome {
  id: string;
  split: RealScan['split'];
  totalFound: boolean;
  dateFound: boolean;
  paid: boolean;
  paidWrong: boolean;
  seconds: number;
  detail: string;
}

function judgeReal(scan: RealScan, e: Extraction, seconds: number): RealOutcome {
  const totalFound = e.totalCents?.value === scan.totalCents;
  const dateFound = e.purchaseDate?.value === scan.purchaseDate;
  const paid =
    e.totalCents !== undefined &&
    e.purchaseDate !== undefined &&
    e.totalCents.confidence >= REVIEW_POLICY.minTotalConfidence &&
    e.purchaseDate.confidence >= REVIEW_POLICY.minDateConfidence;
  const paidWrong = paid && (!totalFound || !dateFound);
  const detail =
    `total ${totalFound ? 'ok' : `want ${scan.totalCents} got ${e.totalCents?.value ?? '-'}`} (${e.totalCents?.confidence ?? '-'}), ` +
    `date ${dateFound ? 'ok' : `want ${scan.purchaseDate} got ${e.purchaseDate?.value ?? '-'}`} (${e.purchaseDate?.confidence ?? '-'})` +
    `${paid ? (paidWrong ? ' PAID WRONG' : ' paid') : ' review'}`;
  return { id: scan.id, split: scan.split, totalFound, dateFound, paid, paidWrong, seconds, detail };
}

function selectedScans(): RealScan[] {
  const only = process.env.BENCH_OCR_REAL;
  return realScans().filter((s) => !only || s.id.includes(only));
}

async function realTextract(scans: RealScan[]): Promise<RealOutcome[]> {
  const out: RealOutcome[] = [];
  for (const scan of scans) {
    const blocks = JSON.parse(await readFile(path.join(REAL_SCANS_DIR, scan.blocks), 'utf8')) as unknown[];
    const { e, seconds } = parseTimed(fromDetectDocumentTextResponse({ DocumentMetadata: { Pages: 1 }, Blocks: blocks }));
    out.push(judgeReal(scan, e, seconds));
  }
  return out;
}

async function realTesseract(scans: RealScan[]): Promise<RealOutcome[]> {
  const engine = new TesseractEngine(JSON.parse(process.env.BENCH_OCR_TESSERACT ?? '{}') as TesseractEngineOptions);
  const out: RealOutcome[] = [];
  try {
    for (const [k, scan] of scans.entries()) {
      const bytes = new Uint8Array(await readFile(path.join(REAL_SCANS_DIR, scan.image)));
      const t0 = performance.now();
      let e: Extraction;
      try {
        e = parseReceipt(await engine.read(bytes, 'image/jpeg'));
      } catch (err) {
        e = { engine: 'tesseract', lineItems: [], confidence: 0 };
        console.error(`${scan.id}: ${String(err)}`);
      }
      out.push(judgeReal(scan, e, (performance.now() - t0) / 1000));
      if ((k + 1) % 5 === 0) process.stderr.write(`  real scans ${k + 1}/${scans.length}\n`);
    }
  } finally {
    await engine.close();
  }
  return out;
}

/** The forms an amount in cents may be printed in: 1129,00 1.129,00 1129.00 1,129.00. */
function amountForms(cents: number): string[] {
  const int = String(Math.floor(cents / 100));
  const dec = String(cents % 100).padStart(2, '0');
  const grouped = (sep: string) => int.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  return [...new Set([`${int},${dec}`, `${int}.${dec}`, `${grouped('.')},${dec}`, `${grouped(',')}.${dec}`, `${grouped(' ')},${dec}`])];
}

/** The forms a date may be printed in: 08.09.17 08.09.2017 08/09/17 08-09-2017... */
function dateForms(iso: string): string[] {
  const [y, m, d] = iso.split('-') as [string, string, string];
  return ['.', '/', '-'].flatMap((sep) => [`${d}${sep}${m}${sep}${y}`, `${d}${sep}${m}${sep}${y.slice(2)}`]);
}

/**
 * The issue's reference: plain tesseract (French, PSM 6) on the untouched image; a total or a
 * date counts as found when it is printed somewhere in the text, whatever its label.
 */
async function rawTesseract(scans: RealScan[]): Promise<Array<{ id: string; split: RealScan['split']; total: boolean; date: boolean; seconds: number }>> {
  const loaded = await import('tesseract.js');
  const tesseract = (loaded as unknown as { default?: typeof loaded }).default ?? loaded;
  const langPath = await prepareTessdata(['fra'], 'best_int');
  const worker = await tesseract.createWorker('fra', tesseract.OEM.LSTM_ONLY, {
    langPath,
    cachePath: path.join(os.tmpdir(), 'cabas-tesseract-cache', 'best_int'),
    gzip: true,
    cacheMethod: 'write',
    logger: () => {},
  });
  await worker.setParameters({ tessedit_pageseg_mode: '6' as never, debug_file: '/dev/null' });
  const out = [];
  try {
    for (const scan of scans) {
      const t0 = performance.now();
      const { data } = await worker.recognize(path.join(REAL_SCANS_DIR, scan.image));
      const text = data.text.replace(/[ \t]+/g, ' ');
      const squeezed = text.replace(/\s*([.,/-])\s*/g, '$1');
      out.push({
        id: scan.id,
        split: scan.split,
        total: amountForms(scan.totalCents).some((f) => squeezed.includes(f)),
        date: dateForms(scan.purchaseDate).some((f) => squeezed.includes(f)),
        seconds: (performance.now() - t0) / 1000,
      });
    }
  } finally {
    await worker.terminate();
  }
  return out;
}

function realRows(path_: string, outcomes: RealOutcome[]): string[][] {
  const rows: string[][] = [];
  for (const split of ['dev', 'held-out', 'all'] as const) {
    const os = split === 'all' ? outcomes : outcomes.filter((o) => o.split === split);
    if (!os.length) continue;
    const n = os.length;
    const count = (f: (o: RealOutcome) => boolean) => `${os.filter(f).length}/${n}`;
    rows.push([
      path_,
      split,
      String(n),
      count((o) => o.totalFound),
      count((o) => o.dateFound),
      count((o) => o.totalFound && o.dateFound),
      count((o) => o.paid),
      String(os.filter((o) => o.paidWrong).length),
      path_.includes('textract') ? 'parse only' : secs(median(os.map((o) => o.seconds))),
    ]);
  }
  return rows;
}

function lambdaCost(warmSeconds: number, peakRssMb: number): { usd: number; note: string } {
  const memoryMb = Math.max(LAMBDA_ONE_VCPU_MB, Math.ceil((peakRssMb * 1.25) / 64) * 64);
  const gbSeconds = warmSeconds * (memoryMb / 1024);
  const usd = 1000 * (gbSeconds * PRICES.lambdaArmPerGbSecond + PRICES.lambdaPerRequest);
  return { usd, note: `Lambda arm64 ${memoryMb} MB x ${warmSeconds.toFixed(2)} s` };
}

async function main(): Promise<void> {
  const started = performance.now();
  const figures: EngineFigures[] = [];
  const perKind: Outcome[] = [];
  const failures: string[] = [];
  const note = (engine: string, os: Outcome[]) => {
    for (const o of os) for (const d of o.detail) failures.push(`${engine.padEnd(16)} ${o.id.padEnd(20)} ${d}`);
  };

  let generated: CorpusReceipt[] = [];
  let committed: CorpusReceipt[] = [];
  let dir: string | undefined;
  if (ENGINES.has('tesseract') || ENGINES.has('text')) {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cabas-ocr-bench-'));
    const t0 = performance.now();
    await generate(dir);
    generated = await loadCorpusDir(dir, 'generated');
    if (process.env.BENCH_OCR_COMMITTED !== '0') committed = await loadCorpusDir(process.env.BENCH_OCR_COMMITTED_DIR ?? COMMITTED_DIR, 'committed').catch(() => []);
    console.log(`corpus: ${generated.length} receipts generated (seed ${SEED}) in ${((performance.now() - t0) / 1000).toFixed(0)} s into ${dir}; ${committed.length} committed`);
  }

  try {
    if (ENGINES.has('text')) {
      for (const [set, rs] of [['generated', generated], ['committed', committed]] as const) {
        if (!rs.length) continue;
        const os = perfectText(rs);
        note('text', os);
        figures.push(summarise('perfect text', set, os, {}, { note: 'parser only' }));
      }
    }
    if (ENGINES.has('tesseract')) {
      const all = [...generated, ...committed];
      const { outcomes, peakRssMb, baseRssMb } = await tesseract(all);
      const gen = outcomes.filter((o) => !o.id.startsWith('c:'));
      const com = outcomes.filter((o) => o.id.startsWith('c:'));
      note('tesseract', outcomes);
      perKind.push(...outcomes);
      const warm = median(outcomes.slice(1).map((o) => o.seconds));
      const cost = lambdaCost(warm, peakRssMb);
      figures.push(summarise('tesseract', 'generated', gen, { cold: true }, cost, peakRssMb));
      if (com.length) figures.push(summarise('tesseract', 'committed', com, {}, cost, peakRssMb));
      console.log(`tesseract: process RSS before the engine ${baseRssMb.toFixed(0)} MB, peak ${peakRssMb.toFixed(0)} MB`);
    }
    if (ENGINES.has('textract-expense')) {
      const os = await textract('expense');
      note('textract-expense', os);
      figures.push(summarise('textract-expense', 'saved', os, {}, { usd: 1000 * PRICES.analyzeExpensePerPage, note: `$${PRICES.analyzeExpensePerPage}/page` }));
    }
    if (ENGINES.has('textract-text')) {
      const os = await textract('text');
      note('textract-text', os);
      figures.push(summarise('textract-text', 'saved', os, {}, { usd: 1000 * PRICES.detectDocumentTextPerPage, note: `$${PRICES.detectDocumentTextPerPage}/page` }));
    }
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true });
  }

  // Real scans: both paths, development and held-out chains apart.
  const real: Array<{ path: string; outcomes: RealOutcome[] }> = [];
  let raw: Awaited<ReturnType<typeof rawTesseract>> = [];
  const scans = ENGINES.has('real-tesseract') || ENGINES.has('real-textract-text') ? selectedScans() : [];
  if (scans.length && ENGINES.has('real-textract-text')) real.push({ path: 'textract-text', outcomes: await realTextract(scans) });
  if (scans.length && ENGINES.has('real-tesseract')) real.push({ path: 'tesseract (image)', outcomes: await realTesseract(scans) });
  if (scans.length && process.env.BENCH_OCR_RAW === '1') raw = await rawTesseract(scans);

  console.log('\nAccuracy (exact match per field), confidence calibration, time, memory and cost');
  console.log(
    table(
      ['engine', 'set', 'n', 'SIRET', 'date', 'total', 'sign', 'all 4', 'conf.wrong', 'paid wrong', 'review', 'cold', 'warm', 'p90', 'cpu', 'peak RSS', '$/1000'],
      figures.map((f) => [
        f.engine,
        f.set,
        String(f.n),
        f.accuracy.siret,
        f.accuracy.date,
        f.accuracy.total,
        f.accuracy.sign,
        f.accuracy.all,
        String(f.confidentlyWrong),
        String(f.wronglyPaid),
        String(f.toReview),
        secs(f.coldSeconds),
        secs(f.warmSeconds),
        secs(f.p90Seconds),
        secs(f.warmCpuSeconds),
        f.peakRssMb !== undefined ? `${f.peakRssMb.toFixed(0)} MB` : '-',
        f.costPer1000Usd !== undefined ? `$${f.costPer1000Usd.toFixed(2)}` : '-',
      ]),
    ),
  );
  console.log(
    '\nconf.wrong: wrong fields whose confidence is still at or above the review threshold; paid wrong: receipts whose total or date is wrong\n' +
      'and yet both are confident (they would be paid if the shop matched); review: receipts whose total or date is under its threshold\n' +
      `(REVIEW_POLICY: total ${REVIEW_POLICY.minTotalConfidence}, date ${REVIEW_POLICY.minDateConfidence}). Textract time: parsing only (the API call is not made offline).`,
  );
  console.log(
    `Costs: ${figures
      .filter((f) => f.costPer1000Usd !== undefined && f.set !== 'committed')
      .map((f) => `${f.engine} ${f.costNote}`)
      .join('; ')}.\nPrices: AWS list prices, ${PRICES.region}, as known on ${PRICES.asOf} (Textract first 1M pages/month; Lambda arm64 $${PRICES.lambdaArmPerGbSecond}/GB-s + $0.20/1M requests); re-check them for the deployment region.\nTextract engines also pay for the Lambda waiting on the API (not measured offline).`,
  );

  if (perKind.length) {
    const kinds = [...new Set(perKind.map((o) => o.kind))];
    console.log('\ntesseract per degradation kind (generated + committed)');
    console.log(
      table(
        ['kind', 'n', 'SIRET', 'date', 'total', 'sign', 'all 4', 'conf.wrong', 'paid wrong', 'review', 'warm'],
        kinds.map((k) => {
          const os = perKind.filter((o) => o.kind === k);
          const f = summarise('tesseract', k, os, {}, { note: '' });
          return [k, String(os.length), f.accuracy.siret, f.accuracy.date, f.accuracy.total, f.accuracy.sign, f.accuracy.all, String(f.confidentlyWrong), String(f.wronglyPaid), String(f.toReview), secs(median(os.map((o) => o.seconds)))];
        }),
      ),
    );
  }
  if (real.length || raw.length) {
    console.log(`\nReal scans (test/fixtures/real-scans/: ${scans.length} receipts; held out: ${[...new Set(scans.filter((s) => s.split === 'held-out').map((s) => s.chain))].join(', ')})`);
    console.log(
      table(
        ['path', 'split', 'n', 'total found', 'date found', 'both', 'paid auto', 'paid wrong', 's/receipt'],
        real.flatMap((r) => realRows(r.path, r.outcomes)),
      ),
    );
    console.log(
      'total/date found: the extraction holds the ground truth (whatever its confidence); paid auto: total and date at or above the review\n' +
        `thresholds (total ${REVIEW_POLICY.minTotalConfidence}, date ${REVIEW_POLICY.minDateConfidence}), as the match stage pays a receipt whose shop it matched; paid wrong: paid auto with a wrong total or date.`,
    );
    if (raw.length) {
      const n = raw.length;
      console.log(
        `Reference, plain tesseract (fra, PSM 6) on the untouched image: total somewhere in the text ${raw.filter((r) => r.total).length}/${n}, ` +
          `date ${raw.filter((r) => r.date).length}/${n}, both ${raw.filter((r) => r.total && r.date).length}/${n} ` +
          `(held out: ${raw.filter((r) => r.split === 'held-out' && r.total).length} totals, ${raw.filter((r) => r.split === 'held-out' && r.date).length} dates of ${raw.filter((r) => r.split === 'held-out').length}); ` +
          `${secs(median(raw.map((r) => r.seconds)))} per receipt.`,
      );
    }
    if (VERBOSE) for (const r of real) for (const o of r.outcomes) console.log(`${r.path.padEnd(18)} ${o.split.padEnd(8)} ${o.id.padEnd(34)} ${o.detail}`);
  }
  if (VERBOSE && failures.length) console.log(`\nWrong fields (${failures.length}):\n${failures.join('\n')}`);
  else if (failures.length) console.log(`\n${failures.length} wrong fields (BENCH_OCR_VERBOSE=1 lists them).`);
  if (process.env.BENCH_OCR_JSON) await writeFile(process.env.BENCH_OCR_JSON, `${JSON.stringify({ seed: SEED, count: COUNT, prices: PRICES, figures, failures, real, raw }, null, 2)}\n`);
  console.log(`\nbench:ocr done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

await main();
