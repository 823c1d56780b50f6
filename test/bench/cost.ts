/**
 * `npm run bench:cost` (issue 18): what one receipt costs in AWS, stage by stage. Figures, not
 * pass/fail.
 *
 * BENCH_RECEIPTS receipts (default 50; several residents and shops, one in ten an exact copy of
 * the previous photo, one in ten the previous photo re-encoded) go through the application
 * in-process, over DynamoDB Local and the S3/SQS emulator, with the real adapters on the functions'
 * own DynamoDB, S3 and SQS clients, every call counted around them (test/support/metering.ts):
 *   api     createReceipt (POST /v1/receipts: the receipt item, the resident's limits, the presign)
 *   upload  the resident's PUT to the presigned URL (one S3 PUT; S3 then notifies the ocr queue)
 *   ocr     readUploadedReceipt, with an engine that returns the printed lines ("without OCR")
 *   match   matchReceipt (shop, campaign rules, fraud claims, look-alike photos)
 *   credit  creditReceipt (the ledger transaction)
 *   payout  one payout run after all receipts (every resident with a payout account, threshold
 *           1 EUR so that every wallet is paid: an upper bound), amortised over the receipts
 * Each stage call is timed; Lambda is billed per started millisecond at the function's memory
 * (infra/lambda-functions.ts FUNCTIONS). What AWS adds around the code and the bench cannot see is
 * modelled and shown as such: the S3 event notification (one SQS send), the Lambda pollers'
 * ReceiveMessage and DeleteMessage (batch of one: a city's traffic rarely fills a batch), one Lambda
 * request per stage call, one HTTP API request, CloudWatch Logs bytes and, when the city turns
 * `tracing` on in cdk.json (or BENCH_TRACING=1), one X-Ray trace per invocation.
 *
 * With OCR: Textract priced per page (one page per image read) plus an assumed wait in the ocr
 * function (BENCH_TEXTRACT_WAIT_MS, default 1500: not measured, no AWS here); tesseract by its
 * measured read time (BENCH_COST_TESSERACT images, default 10; 0 skips it) added to the ocr
 * stage, at the ocr function's memory.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBClient, CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { HttpTableClient } from '../../shared/adapters/dynamodb/client/http';
import sharp from 'sharp';
import type { S3Event } from 'aws-lambda';
import { S3DocumentStore } from '../../shared/adapters/aws/s3-documents';
import { S3MediaStore } from '../../shared/adapters/aws/s3-media';
import { S3ImageStore } from '../../shared/adapters/aws/s3-images';
import { S3RestClient } from '../../shared/adapters/aws/s3-rest';
import { SqsMessageBus } from '../../shared/adapters/aws/sqs-bus';
import { SqsJsonSender } from '../../shared/adapters/aws/sqs-sender';
import { TABLE_KEYS, createTableInput } from '../../shared/adapters/dynamodb/table';
import { activateCampaign, createCampaign } from '../../shared/app/admin';
import type { AppContext } from '../../shared/app/context';
import { createMerchant } from '../../shared/app/merchants';
import { payoutSettingsFrom, runPayouts, setPayoutAccount } from '../../shared/app/payouts';
import { creditReceipt, matchReceipt, readUploadedReceipt } from '../../shared/app/pipeline';
import { createReceipt } from '../../shared/app/resident';
import { startAwsEmulator } from '../../shared/local/services/aws-emulator';
import { DYNAMODB_LOCAL_CREDENTIALS, startDynamoDbLocal } from '../../shared/local/services/dynamodb-local';
import { decodeS3Key } from '../../shared/messages';
import type { OcrEngine, OcrResult } from '../../shared/ocr/types';
import { makeSiret } from '../../shared/receipts/identifiers';
import { buildAppContext } from '../../shared/wiring/app-context';
import { dynamoPorts } from '../../shared/wiring/dynamo-ports';
import { type ReceiptSpec, renderReceipt, tillTicket } from '../fixtures/generate-receipts';
import { Meter } from '../support/metering';
import { itemCensus, type ItemCensus } from './item-sizes';

// ------------------------------------------------------------------------------------------------
// Prices: AWS list prices for Europe (Paris), eu-west-3, on-demand, USD, excluding VAT and the
// free tiers, as known to the author on 2025-06-01 (not re-read from the pages when this was
// written: no network). `sure: false` marks a figure not confirmed for eu-west-3: RE-CHECK IT on
// the page named before quoting the result.
// ------------------------------------------------------------------------------------------------
interface Price {
  usd: number;
  per: string;
  source: string;
  sure: boolean;
  note?: string;
}
export const PRICES_AS_OF = '2025-06-01';
export const PRICES = {
  dynamoWruPerMillion: { usd: 0.7425, per: 'million write request units (on-demand, Standard table class)', source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/', sure: false, note: 'half the Paris price before the 1 Nov 2024 on-demand cut (~$1.485), as recalled' },
  dynamoRruPerMillion: { usd: 0.1485, per: 'million read request units (on-demand)', source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/', sure: false, note: 'half of ~$0.297, as recalled' },
  sqsPerMillion: { usd: 0.4, per: 'million standard-queue requests (64 KB chunks), after the first million a month', source: 'https://aws.amazon.com/sqs/pricing/', sure: false, note: 'us-east-1 figure; believed the same in Paris' },
  s3PutPerThousand: { usd: 0.0053, per: '1,000 PUT/COPY/POST/LIST requests (S3 Standard)', source: 'https://aws.amazon.com/s3/pricing/', sure: true },
  s3GetPerThousand: { usd: 0.00042, per: '1,000 GET/SELECT and other requests (S3 Standard)', source: 'https://aws.amazon.com/s3/pricing/', sure: true },
  lambdaArmPerGbSecond: { usd: 0.0000133334, per: 'GB-second, arm64, first 7.5 billion GB-s a month', source: 'https://aws.amazon.com/lambda/pricing/', sure: true },
  lambdaPerMillion: { usd: 0.2, per: 'million requests', source: 'https://aws.amazon.com/lambda/pricing/', sure: true },
  httpApiPerMillion: { usd: 1.17, per: 'million HTTP API requests (first 300 million a month)', source: 'https://aws.amazon.com/api-gateway/pricing/', sure: false, note: 'us-east-1 is $1.00; the Paris figure is recalled, not checked' },
  textractExpensePerThousand: { usd: 10, per: '1,000 pages, AnalyzeExpense (first million pages a month)', source: 'https://aws.amazon.com/textract/pricing/', sure: false, note: 'us-east-1 figure' },
  textractTextPerThousand: { usd: 1.5, per: '1,000 pages, DetectDocumentText (first million pages a month)', source: 'https://aws.amazon.com/textract/pricing/', sure: false, note: 'us-east-1 figure' },
  logsIngestionPerGb: { usd: 0.5, per: 'GB of CloudWatch Logs ingested (standard class)', source: 'https://aws.amazon.com/cloudwatch/pricing/', sure: false, note: 'us-east-1 figure; European regions are a little dearer' },
  xrayPerMillionTraces: { usd: 5, per: 'million traces recorded (after 100,000 free a month)', source: 'https://aws.amazon.com/xray/pricing/', sure: false, note: 'us-east-1 figure' },
} satisfies Record<string, Price>;

// ------------------------------------------------------------------------------------- settings

const N = Number(process.env.BENCH_RECEIPTS ?? 50);
const TESSERACT_IMAGES = Number(process.env.BENCH_COST_TESSERACT ?? 10);
const TEXTRACT_WAIT_MS = Number(process.env.BENCH_TEXTRACT_WAIT_MS ?? 1500);
/** Log bytes per Lambda invocation: START, END and REPORT lines (~450 B with X-Ray) and one Powertools line (~400 B). An estimate. */
const LOG_BYTES_PER_INVOCATION = 850;
const NOW = '2026-11-23T10:00:00Z';
const PURCHASE_DATE = '2026-11-20';
const BUCKET = 'cabas-receipts';
const TABLE = 'cabas-cost';
/** Lambda gives one full vCPU at 1,769 MB, and CPU in proportion below it. */
const LAMBDA_ONE_VCPU_MB = 1769;

type Stage = 'api' | 'upload' | 'ocr' | 'match' | 'credit' | 'payout';
const STAGES: Stage[] = ['api', 'upload', 'ocr', 'match', 'credit', 'payout'];
/** The Lambda function each stage runs in (the upload is the resident's PUT: no function). */
const FUNCTION_OF: Partial<Record<Stage, 'api' | 'ocr' | 'match' | 'credit' | 'payout'>> = { api: 'api', ocr: 'ocr', match: 'match', credit: 'credit', payout: 'payout' };

const repoFile = (p: string) => new URL(`../../${p}`, import.meta.url);

/** Memory sizes per function, from infra/lambda-functions.ts FUNCTIONS (imported here only: it loads the CDK). */
async function functionMemory(): Promise<Record<string, number>> {
  const { FUNCTIONS } = await import('../../infra/lambda-functions');
  return Object.fromEntries(Object.entries(FUNCTIONS).map(([name, spec]) => [name, spec.memorySize]));
}

/**
 * The city's settings in cdk.json: the OCR engine, the payer and X-Ray tracing (off unless set;
 * BENCH_TRACING=1 prices it as if it were on).
 */
async function cityConfig(): Promise<{ ocrEngine: string; payer: { name: string; iban: string; postcode: string; town: string }; payoutThresholdCents: number; tracing: boolean }> {
  const json = JSON.parse(await readFile(repoFile('cdk.json'), 'utf8')) as { context: { cabas: { ocrEngine?: string; payer: { name: string; iban: string; postcode: string; town: string }; payoutThresholdCents: number; tracing?: boolean } } };
  const c = json.context.cabas;
  return { ocrEngine: c.ocrEngine ?? 'textract-expense', payer: c.payer, payoutThresholdCents: c.payoutThresholdCents, tracing: c.tracing === true || process.env.BENCH_TRACING === '1' };
}

// ------------------------------------------------------------------------------------- receipts

const SHOPS = [
  { name: 'Épicerie du Pont Neuf', shopSign: 'EPICERIE DU PONT NEUF', street: '5 rue du Pont Neuf' },
  { name: "Au Fournil d'Élise", shopSign: "AU FOURNIL D'ELISE", street: '12 rue de la République' },
  { name: 'Librairie des Quais', shopSign: 'LIBRAIRIE DES QUAIS', street: '3 quai de Loire' },
  { name: 'Fromagerie Martin', shopSign: 'FROMAGERIE MARTIN', street: '21 place du Marché' },
  { name: 'Primeur du Coin', shopSign: 'PRIMEUR DU COIN', street: '8 avenue de Tours' },
].map((s, i) => ({ ...s, postcode: '37410', city: 'MONTCLAIR-SUR-LOIRE', siret: makeSiret(`4430618${i}`, `000${i + 1}`) }));

interface BenchReceipt {
  resident: string;
  bytes: Uint8Array;
  contentType: 'image/png' | 'image/jpeg';
  kind: 'distinct' | 'same photo' | 're-encoded photo';
}

/** The printed lines of a rendered ticket: what a perfect OCR would read. */
function printedLines(spec: ReceiptSpec): string[] {
  return spec.rows.flatMap((r) => (r.kind === 'text' ? [r.text] : r.kind === 'pair' ? [`${r.left}${' '.repeat(Math.max(2, 40 - r.left.length - r.right.length))}${r.right}`] : []));
}

/** The OCR stage's engine for the "without OCR" run: the printed lines of each image, by its SHA-256. */
class SavedTextEngine implements OcrEngine {
  readonly name = 'saved-text';
  readonly texts = new Map<string, string[]>();
  reads = 0;
  async read(bytes: Uint8Array): Promise<OcrResult> {
    this.reads++;
    const lines = this.texts.get(sha256(bytes));
    if (!lines) throw new Error('saved-text engine: an image it was not given');
    return { engine: this.name, hints: [], lines: lines.map((text) => ({ text, confidence: 0.95 })) };
  }
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function makeReceipts(engine: SavedTextEngine): Promise<BenchReceipt[]> {
  const residents = Math.max(3, Math.ceil(N / 4));
  const out: BenchReceipt[] = [];
  for (let i = 0; i < N; i++) {
    const resident = `resident-${String(i % residents).padStart(3, '0')}`;
    const previous = out[i - 1];
    if (previous && i % 10 === 9) {
      out.push({ resident, bytes: previous.bytes, contentType: previous.contentType, kind: 'same photo' });
      continue;
    }
    if (previous && i % 10 === 4) {
      const bytes = new Uint8Array(await sharp(previous.bytes).jpeg({ quality: 80 }).toBuffer());
      engine.texts.set(sha256(bytes), engine.texts.get(sha256(previous.bytes))!);
      out.push({ resident, bytes, contentType: 'image/jpeg', kind: 're-encoded photo' });
      continue;
    }
    const shop = SHOPS[i % SHOPS.length]!;
    const spec = tillTicket({
      ...shop,
      purchaseDate: PURCHASE_DATE,
      time: `${String(9 + (i % 9)).padStart(2, '0')}:${String((7 * i) % 60).padStart(2, '0')}`,
      ticket: String(700_000 + i),
      items: [
        ['PAIN DE CAMPAGNE', 380 + (i % 7) * 10],
        ['CONFITURE ABRICOT', 560 + i],
        ['CAFE MOULU 250G', 1_190 + (i % 5) * 25],
      ],
    });
    const bytes = new Uint8Array(await renderReceipt(spec, 1_000 + i));
    engine.texts.set(sha256(bytes), printedLines(spec));
    out.push({ resident, bytes, contentType: 'image/png', kind: 'distinct' });
  }
  return out;
}

// ------------------------------------------------------------------------------------- helpers

const median = (xs: number[]) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]! : NaN);
const usd = (x: number) => (x === 0 ? '0' : x < 0.0001 ? x.toExponential(1) : x < 0.1 ? x.toFixed(4) : x.toFixed(3));
const num = (x: number, d = 2) => (Number.isInteger(x) ? String(x) : x.toFixed(d));

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Receives and deletes what is on a queue now (the Lambda poller's work, on an unmetered client: it is modelled). */
async function drain(sqs: SQSClient, queueUrl: string): Promise<string[]> {
  const bodies: string[] = [];
  for (;;) {
    const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    if (!out.Messages?.length) return bodies;
    for (const m of out.Messages) {
      bodies.push(m.Body ?? '');
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle }));
    }
  }
}

// ------------------------------------------------------------------------------------- the run

interface StageFigures {
  /** Wall milliseconds of each call of the stage (one Lambda invocation each). */
  ms: number[];
}

async function main() {
  const memory = await functionMemory();
  const city = await cityConfig();
  const meter = new Meter({ dynamoIndexes: TABLE_KEYS.indexes });
  const figures: Record<Stage, StageFigures> = Object.fromEntries(STAGES.map((s) => [s, { ms: [] }])) as unknown as Record<Stage, StageFigures>;

  const engine = new SavedTextEngine();
  process.stderr.write(`rendering ${N} receipts...\n`);
  const receipts = await makeReceipts(engine);

  process.stderr.write('starting DynamoDB Local and the S3/SQS emulator...\n');
  const db = await startDynamoDbLocal({});
  const emu = await startAwsEmulator({
    queues: [{ name: 'ocr' }, { name: 'match' }, { name: 'credit' }],
    buckets: [{ name: BUCKET, notifications: [{ prefix: 'receipts/', queueName: 'ocr' }] }],
  });
  // The table through the functions' own client, counted by its observer; the SDK's only creates the table.
  const dynamo = new DynamoDBClient({ endpoint: db.endpoint, region: 'eu-west-3', credentials: DYNAMODB_LOCAL_CREDENTIALS });
  const doc = new HttpTableClient({ endpoint: db.endpoint, region: 'eu-west-3', credentials: DYNAMODB_LOCAL_CREDENTIALS, observer: meter.tableObserver() });
  const base = { endpoint: emu.endpoint, region: emu.region, credentials: emu.credentials };
  // The bucket through the functions' own client, counted around it.
  const s3 = new S3RestClient({ ...base, bucket: BUCKET });
  const bucket = meter.bucket(s3);
  // The queues through the functions' own sender, counted around it.
  const sqs = new SqsJsonSender(base);
  const poller = new SQSClient(base);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const c of [dynamo, s3, sqs, poller, doc]) c.destroy();
    await emu.stop();
    await db.stop();
  };

  try {
    await dynamo.send(new CreateTableCommand(createTableInput(TABLE)));
    const ctx: AppContext = buildAppContext({
      ...dynamoPorts(doc, TABLE),
      images: new S3ImageStore(bucket),
      documents: new S3DocumentStore(bucket),
      media: new S3MediaStore(bucket),
      bus: new SqsMessageBus(meter.queueSender(sqs), { match: emu.queueUrl('match'), credit: emu.queueUrl('credit') }),
      clock: { now: () => new Date(NOW) },
      newId: () => randomUUID(),
      ocrEngine: async () => engine,
    });

    // Seed: the shops, an active campaign, a payout account per resident. Not counted.
    for (const shop of SHOPS) {
      await createMerchant(ctx, { name: shop.name, siret: shop.siret, address: { street: shop.street, postcode: shop.postcode, city: 'Montclair-sur-Loire' }, tags: [], aliases: [] });
    }
    const { campaignId } = await createCampaign(ctx, { name: 'Bench', budgetCents: 100_000_000, startsOn: '2026-01-01', endsOn: '2026-12-31', rateBps: 1_000, merchants: { all: true } });
    await activateCampaign(ctx, campaignId);
    for (const resident of new Set(receipts.map((r) => r.resident))) {
      await setPayoutAccount(ctx, { sub: resident, isAdmin: false }, { iban: 'FR7630006000011234567890189', holderName: `Habitant ${resident}` });
    }
    meter.reset();

    const timed = async <T>(stage: Stage, fn: () => Promise<T>): Promise<T> => {
      const t0 = performance.now();
      try {
        return await meter.stage(stage, fn);
      } finally {
        figures[stage].ms.push(performance.now() - t0);
      }
    };

    const outcomes: Record<string, number> = {};
    process.stderr.write(`sending ${N} receipts through api -> upload -> ocr -> match -> credit...\n`);
    for (const r of receipts) {
      const created = await timed('api', () => createReceipt(ctx, { sub: r.resident, isAdmin: false }, { contentType: r.contentType, contentLength: r.bytes.length }));
      const put = await fetch(created.upload.url, { method: created.upload.method, headers: created.upload.headers, body: r.bytes });
      if (!put.ok) throw new Error(`PUT upload: ${put.status} ${await put.text()}`);
      meter.count('upload', 'S3', 'PutObject (resident upload)');
      for (const body of await drain(poller, emu.queueUrl('ocr'))) {
        for (const rec of (JSON.parse(body) as S3Event).Records ?? []) await timed('ocr', () => readUploadedReceipt(ctx, decodeS3Key(rec.s3.object.key)));
      }
      for (const body of await drain(poller, emu.queueUrl('match'))) await timed('match', () => matchReceipt(ctx, (JSON.parse(body) as { receiptId: string }).receiptId));
      for (const body of await drain(poller, emu.queueUrl('credit'))) await timed('credit', () => creditReceipt(ctx, (JSON.parse(body) as { receiptId: string }).receiptId));
      const final = await ctx.receipts.get(created.receiptId);
      const key = `${r.kind}: ${final?.status ?? '?'}${final?.rejection ? ` ${final.rejection.code}` : ''}`;
      outcomes[key] = (outcomes[key] ?? 0) + 1;
    }

    process.stderr.write('payout run...\n');
    const settings = payoutSettingsFrom({ payoutThresholdCents: 100, cityName: city.payer.name, debtorIban: city.payer.iban, debtorPostcode: city.payer.postcode, debtorTown: city.payer.town });
    const paid = await timed('payout', () => runPayouts({ ...ctx, clock: { now: () => new Date('2026-12-01T06:00:00Z') } }, settings));

    let tesseract: { cold: number; warm: number[] } | undefined;
    if (TESSERACT_IMAGES > 0) {
      process.stderr.write(`tesseract on ${TESSERACT_IMAGES} images...\n`);
      const { TesseractEngine } = await import('../../shared/ocr/tesseract');
      const tess = new TesseractEngine();
      try {
        const images = receipts.filter((r) => r.kind === 'distinct').slice(0, TESSERACT_IMAGES + 1);
        const ms: number[] = [];
        for (const img of images) {
          const t0 = performance.now();
          await tess.read(img.bytes, img.contentType);
          ms.push(performance.now() - t0);
        }
        tesseract = { cold: ms[0]!, warm: ms.slice(1) };
      } finally {
        await tess.close();
      }
    }
    const census = await itemCensus(new DynamoDBClient({ endpoint: db.endpoint, region: 'eu-west-3', credentials: DYNAMODB_LOCAL_CREDENTIALS }), TABLE);
    await stop();
    report({ memory, city, meter, figures, outcomes, pagesRead: engine.reads, paid, tesseract, census });
  } finally {
    await stop();
  }
}

// ------------------------------------------------------------------------------------- report

interface Line {
  dynamo: number;
  s3: number;
  sqs: number;
  lambda: number;
  other: number;
}
const sum = (l: Line) => l.dynamo + l.s3 + l.sqs + l.lambda + l.other;

function report(r: {
  memory: Record<string, number>;
  city: { ocrEngine: string; tracing: boolean };
  meter: Meter;
  figures: Record<Stage, StageFigures>;
  outcomes: Record<string, number>;
  pagesRead: number;
  paid: { itemCount: number } | null;
  tesseract: { cold: number; warm: number[] } | undefined;
  census: ItemCensus[];
}) {
  const { meter, figures, memory } = r;
  const P = PRICES;
  const perK = 1000 / N; // receipts in the run -> per 1,000 receipts
  const lambdaGbSeconds = (msList: number[], mb: number) => msList.reduce((s, ms) => s + (Math.ceil(ms) / 1000) * (mb / 1024), 0);

  const rows: string[][] = [];
  const costs: Partial<Record<Stage, Line>> = {};
  for (const stage of STAGES) {
    const t = meter.totals(stage);
    const fn = FUNCTION_OF[stage];
    const invocations = fn ? figures[stage].ms.length : 0;
    const s3Put = Object.entries(t.requests).filter(([k]) => /^S3 (Put|Copy|Post|List)/.test(k)).reduce((s, [, v]) => s + v, 0);
    const s3Other = (t.byService.S3 ?? 0) - s3Put;
    // Modelled SQS around the code: the S3 notification into the ocr queue (at upload) and, for
    // each message a function consumes, the poller's ReceiveMessage and DeleteMessage.
    const sqsModelled = (stage === 'upload' ? N : 0) + (['ocr', 'match', 'credit'].includes(stage) ? 2 * invocations : 0);
    const sqsRequests = (t.byService.SQS ?? 0) + sqsModelled;
    const gbs = fn ? lambdaGbSeconds(figures[stage].ms, memory[fn]!) : 0;
    const line: Line = {
      dynamo: (t.wru * P.dynamoWruPerMillion.usd + t.rru * P.dynamoRruPerMillion.usd) / 1e6,
      s3: (s3Put * P.s3PutPerThousand.usd + s3Other * P.s3GetPerThousand.usd) / 1e3,
      sqs: (sqsRequests * P.sqsPerMillion.usd) / 1e6,
      lambda: gbs * P.lambdaArmPerGbSecond.usd + (invocations * P.lambdaPerMillion.usd) / 1e6,
      other:
        (stage === 'api' ? (invocations * P.httpApiPerMillion.usd) / 1e6 : 0) +
        (invocations * LOG_BYTES_PER_INVOCATION * P.logsIngestionPerGb.usd) / 2 ** 30 +
        (r.city.tracing ? (invocations * P.xrayPerMillionTraces.usd) / 1e6 : 0),
    };
    costs[stage] = line;
    const ms = figures[stage].ms;
    rows.push([
      stage,
      num(invocations / N),
      ms.length ? `${num(median(ms), 1)} (${num(pct(ms, 90), 0)})` : '-',
      num((t.byService.DynamoDB ?? 0) / N),
      num(t.rru / N),
      num(t.wru / N),
      num((t.byService.S3 ?? 0) / N),
      `${num((t.byService.SQS ?? 0) / N)}${sqsModelled ? ` +${num(sqsModelled / N)}` : ''}`,
      usd(line.dynamo * perK),
      usd(line.s3 * perK),
      usd(line.sqs * perK),
      usd(line.lambda * perK),
      usd(line.other * perK),
      usd(sum(line) * perK),
    ]);
  }
  const pipelineStages: Stage[] = ['api', 'upload', 'ocr', 'match', 'credit'];
  const total = (stages: Stage[]) => stages.reduce((s, st) => s + sum(costs[st]!), 0) * perK;
  const withoutOcr = total(STAGES);
  const withoutOcrNoPayout = total(pipelineStages);
  const totalLine = STAGES.reduce<Line>((acc, st) => ({ dynamo: acc.dynamo + costs[st]!.dynamo, s3: acc.s3 + costs[st]!.s3, sqs: acc.sqs + costs[st]!.sqs, lambda: acc.lambda + costs[st]!.lambda, other: acc.other + costs[st]!.other }), { dynamo: 0, s3: 0, sqs: 0, lambda: 0, other: 0 });
  rows.push(['total', '', '', '', '', '', '', '', usd(totalLine.dynamo * perK), usd(totalLine.s3 * perK), usd(totalLine.sqs * perK), usd(totalLine.lambda * perK), usd(totalLine.other * perK), usd(withoutOcr)]);

  // With OCR: pages read (one per image the engine was given) and the ocr function's extra time.
  const pagesPerReceipt = r.pagesRead / N;
  const ocrInvocationsPerReceipt = figures.ocr.ms.length / N;
  const ocrMb = memory.ocr!;
  const waitCost = (ms: number) => pagesPerReceipt * (Math.ceil(ms) / 1000) * (ocrMb / 1024) * P.lambdaArmPerGbSecond.usd * 1000;
  const expense = withoutOcr + pagesPerReceipt * P.textractExpensePerThousand.usd + waitCost(TEXTRACT_WAIT_MS);
  const text = withoutOcr + pagesPerReceipt * P.textractTextPerThousand.usd + waitCost(TEXTRACT_WAIT_MS);
  const tessWarm = r.tesseract ? median(r.tesseract.warm) : NaN;
  const cpuScale = Math.max(1, LAMBDA_ONE_VCPU_MB / ocrMb);

  const out: string[] = [];
  out.push(`bench:cost: ${N} receipts (${Object.entries(r.outcomes).map(([k, v]) => `${v} ${k}`).join(', ')}); payout run: ${r.paid ? `${r.paid.itemCount} transfers` : 'nothing due'}`);
  out.push(`machine: ${os.cpus().length} cores, node ${process.version}; DynamoDB Local and the S3/SQS emulator on the same machine (durations are local, not Lambda's)`);
  out.push(`memory (infra/lambda-functions.ts): ${Object.entries(memory).map(([k, v]) => `${k} ${v} MB`).join(', ')}; city OCR engine (cdk.json): ${r.city.ocrEngine} (${r.city.ocrEngine === 'textract-expense' ? 'AnalyzeExpense' : r.city.ocrEngine === 'textract-text' ? 'DetectDocumentText' : 'tesseract'})`);
  const dynamoCalls = meter.records.filter((x) => x.service === 'DynamoDB');
  const reportedCalls = dynamoCalls.filter((x) => x.capacity === 'reported').length;
  const computedCalls = dynamoCalls.filter((x) => x.capacity === 'computed').length;
  const computedBy = dynamoCalls.filter((x) => x.capacity === 'computed').reduce<Record<string, number>>((a, x) => {
    const k = `${x.command}${x.failed ? ' failed' : ''}`;
    a[k] = (a[k] ?? 0) + 1;
    return a;
  }, {});
  out.push(`DynamoDB units: ${reportedCalls} calls as DynamoDB Local reported them (ReturnConsumedCapacity=TOTAL), ${computedCalls} computed from item sizes because the output carried no or zero capacity (${Object.entries(computedBy).map(([k, v]) => `${k} ${v}`).join(', ')}): a failed conditional write carries none, and DynamoDB Local reports 0 for a read that finds nothing where DynamoDB bills its minimum`);
  out.push('');
  out.push('Per receipt (medians of each stage call; "+n" SQS = modelled: S3 notification, poller receive + delete), $ per 1,000 receipts, without OCR:');
  out.push(table(['stage', 'calls', 'ms med (p90)', 'DDB req', 'RRU', 'WRU', 'S3 req', 'SQS req', '$ DDB', '$ S3', '$ SQS', '$ Lambda', '$ other', '$ /1,000'], rows));
  out.push(`"other": HTTP API request (api), CloudWatch Logs (~850 B per invocation, estimated), ${r.city.tracing ? 'X-Ray (one trace per invocation, upper bound)' : 'no X-Ray (tracing off in cdk.json; BENCH_TRACING=1 prices it on)'}.`);
  const invocationsAll = STAGES.reduce((s, st) => s + (FUNCTION_OF[st] ? figures[st].ms.length : 0), 0);
  const modelled = {
    'X-Ray traces': r.city.tracing ? (invocationsAll * P.xrayPerMillionTraces.usd) / 1e6 : 0,
    'SQS notification + pollers': ((N + 2 * (figures.ocr.ms.length + figures.match.ms.length + figures.credit.ms.length)) * P.sqsPerMillion.usd) / 1e6,
    'HTTP API': (figures.api.ms.length * P.httpApiPerMillion.usd) / 1e6,
    'CloudWatch Logs': (invocationsAll * LOG_BYTES_PER_INVOCATION * P.logsIngestionPerGb.usd) / 2 ** 30,
    'Lambda requests': (invocationsAll * P.lambdaPerMillion.usd) / 1e6,
  };
  const gbsAll = STAGES.reduce((s, st) => s + (FUNCTION_OF[st] ? lambdaGbSeconds(figures[st].ms, memory[FUNCTION_OF[st]!]!) : 0), 0);
  out.push(`Of the total: measured calls $${usd(((totalLine.dynamo + totalLine.s3 + (totalLine.sqs - modelled['SQS notification + pollers'])) * perK))} (DynamoDB $${usd(totalLine.dynamo * perK)}), Lambda GB-s from measured durations $${usd(gbsAll * P.lambdaArmPerGbSecond.usd * perK)} (${num((gbsAll / N) * 1000, 0)} GB-ms per receipt), modelled ${Object.entries(modelled).map(([k, v]) => `${k} $${usd(v * perK)}`).join(', ')}.`);
  out.push('');
  out.push('Requests per receipt, by command (measured; DynamoDB units per receipt in brackets):');
  for (const stage of STAGES) {
    const byCommand = new Map<string, { n: number; rru: number; wru: number }>();
    for (const x of meter.of(stage)) {
      const k = `${x.service} ${x.command}${x.presigned ? ' (presign)' : ''}`;
      const c = byCommand.get(k) ?? { n: 0, rru: 0, wru: 0 };
      byCommand.set(k, { n: c.n + x.billedRequests, rru: c.rru + x.rru, wru: c.wru + x.wru });
    }
    const parts = [...byCommand].sort(([a], [b]) => a.localeCompare(b)).map(([k, c]) => {
      const units = [c.rru ? `${num(c.rru / N)} RRU` : '', c.wru ? `${num(c.wru / N)} WRU` : ''].filter(Boolean).join(', ');
      return `${k} ${num(c.n / N)}${units ? ` [${units}]` : ''}`;
    });
    if (parts.length) out.push(`  ${stage.padEnd(7)} ${parts.join(', ')}`);
  }
  out.push(`Items in the table after the run (type: count, median / max bytes as billed, index keys carried): ${r.census.map((c) => `${c.type} ${c.count}, ${c.medianBytes}/${c.maxBytes} B${c.indexed ? `, ${num(c.indexed / c.count)} idx` : ''}`).join('; ')}`);
  const failed = meter.records.filter((x) => x.failed);
  if (failed.length) out.push(`  failed calls (refused conditions; billed): ${Object.entries(failed.reduce<Record<string, number>>((a, x) => ((a[`${x.stage} ${x.service} ${x.command}`] = (a[`${x.stage} ${x.service} ${x.command}`] ?? 0) + 1), a), {})).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  out.push('');
  out.push(`$ per 1,000 receipts (pages read per receipt: ${num(pagesPerReceipt)}; ocr invocations per receipt: ${num(ocrInvocationsPerReceipt)}):`);
  const target = (x: number) => (x <= 0.05 ? 'within the $0.05 target' : 'above the $0.05 target');
  out.push(`  without OCR                 ${usd(withoutOcr).padStart(8)}  (${target(withoutOcr)}; without the payout run ${usd(withoutOcrNoPayout)})`);
  out.push(`  + Textract AnalyzeExpense   ${usd(expense).padStart(8)}  ($${P.textractExpensePerThousand.usd}/1,000 pages + an assumed ${TEXTRACT_WAIT_MS} ms wait at ${ocrMb} MB)${r.city.ocrEngine === 'textract-expense' ? '  <- the city\'s setting' : ''}`);
  out.push(`  + Textract DetectDocText    ${usd(text).padStart(8)}  ($${P.textractTextPerThousand.usd}/1,000 pages + the same wait)${r.city.ocrEngine === 'textract-text' ? '  <- the city\'s setting' : ''}`);
  if (r.tesseract) {
    const tessCost = (ms: number) => withoutOcr + waitCost(ms);
    out.push(`  + tesseract (measured)      ${usd(tessCost(tessWarm)).padStart(8)}  (read ${num(tessWarm, 0)} ms median warm, ${num(r.tesseract.cold, 0)} ms cold, ${r.tesseract.warm.length} images, at ${ocrMb} MB)`);
    out.push(`  + tesseract (CPU-scaled)    ${usd(tessCost(tessWarm * cpuScale)).padStart(8)}  (x${num(cpuScale)}: ${ocrMb} MB gets ${num(ocrMb / LAMBDA_ONE_VCPU_MB)} vCPU; the AWS bundle does not ship tesseract: hypothetical)`);
  } else {
    out.push('  + tesseract                 skipped (BENCH_COST_TESSERACT=0)');
  }
  out.push('');
  out.push(`Prices: eu-west-3 (Paris), USD, list prices as known on ${PRICES_AS_OF}; "?" = not confirmed for eu-west-3, re-check:`);
  for (const [name, p] of Object.entries(PRICES) as Array<[string, Price]>) out.push(`  ${name.padEnd(27)} $${p.usd} per ${p.per}${p.sure ? '' : ' ?'}${p.note ? ` (${p.note})` : ''}  ${p.source}`);
  out.push('Not counted: storage (DynamoDB, S3), data transfer, cold starts and Lambda init, KMS, Cognito, CloudFront and the web apps, the resident polling GET /v1/receipts/{id}, idle SQS polling (a fixed monthly cost), free tiers.');
  console.log(out.join('\n'));
}

await main();
