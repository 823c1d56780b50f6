import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { mkdir, readFile, writeFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Server } from 'node:http';
import { CreateTableCommand, DynamoDBClient, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { ENV } from '../config';
import { createTableInput } from '../adapters/dynamodb/table';
import { startDynamoDbLocal } from './services/dynamodb-local';
import { startAwsEmulator } from './services/aws-emulator';
import { startQueueWorker } from './services/queue-worker';
import { createLocalHttpApi, lambdaContext, type HttpApiHandler } from './http-server';
import type { ApiFunctionName } from '../http/api-function';
import { createTokenVerifier } from './jwt';
import { createStaticSite } from './static-site';
import { createLocalMedia } from './media';
import { SHOP_PHOTO_UPLOAD_PREFIX } from '../domain/shop-photo';
import { nextDailyRun, nextHourlyRun, nextMonthlyRun } from './schedule';

export const LOCAL_TABLE = 'cabas';
export const LOCAL_BUCKET = 'cabas-receipts';
export const LOCAL_REGION = 'eu-west-3';
/** The pipeline's queues, and the shops' photos' (issue #20). */
const QUEUES = ['ocr', 'match', 'credit', 'photos'] as const;
const MAX_RECEIVE_COUNT = 5;

export interface LocalStackOptions {
  dataDir: string;
  port: number;
  demo: boolean;
  /** Defaults to tesseract: offline. */
  ocrEngine?: 'tesseract' | 'textract-expense' | 'textract-text';
  quiet?: boolean;
}

export interface RunningLocalStack {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** What the CLI needs to find a running local stack. */
export interface StackFile {
  pid: number;
  url: string;
  dynamodbEndpoint: string;
  awsEndpoint: string;
  table: string;
  bucket: string;
}

export function stackFilePath(dataDir: string) {
  return path.join(dataDir, 'stack.json');
}

async function ensureTable(endpoint: string, region: string, credentials: { accessKeyId: string; secretAccessKey: string }) {
  const client = new DynamoDBClient({ endpoint, region, credentials });
  try {
    await client.send(new CreateTableCommand(createTableInput(LOCAL_TABLE)));
  } catch (err) {
    if (!(err instanceof ResourceInUseException) && (err as { name?: string }).name !== 'ResourceInUseException') throw err;
  } finally {
    client.destroy();
  }
}

export async function startLocalStack(opts: LocalStackOptions): Promise<RunningLocalStack> {
  const started = Date.now();
  const log = (msg: string) => {
    if (!opts.quiet) console.log(`[cabas] ${msg}`);
  };
  const dataDir = path.resolve(opts.dataDir);
  const firstStart = !existsSync(path.join(dataDir, 'seeded.json'));
  await mkdir(dataDir, { recursive: true });
  let ready = false;

  // The HTTP port is taken first so `GET /v1/health` answers 503 while the rest starts.
  let apiHandler: HttpApiHandler | undefined;
  const verify = await createTokenVerifier(dataDir);
  // Besides the API: the contract and its reference, the web apps and the local sign-in page.
  const site = createStaticSite({ dataDir });
  // The shops' photos at /media/… (set once the emulator runs), as CloudFront serves them in AWS.
  let media: ReturnType<typeof createLocalMedia> | undefined;
  const server: Server = createLocalHttpApi({
    verify,
    handler: (event, context) => apiHandler!(event, context),
    isReady: () => ready,
    site: async (request) => (await media?.handle(request)) ?? site.handle(request),
  });
  site.attach(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const url = `http://127.0.0.1:${port}`;

  const stoppers: Array<() => Promise<void>> = [
    () => new Promise<void>((r) => server.close(() => r())),
  ];
  const stop = async () => {
    ready = false;
    for (const s of stoppers.reverse()) {
      try {
        await s();
      } catch (err) {
        console.error('[cabas] while stopping:', err);
      }
    }
    await rm(stackFilePath(dataDir), { force: true });
  };

  try {
    const dynamo = await startDynamoDbLocal({ dataDir: path.join(dataDir, 'dynamodb') });
    stoppers.push(() => dynamo.stop());
    log(`DynamoDB Local on ${dynamo.endpoint}`);
    const emulator = await startAwsEmulator({
      dataDir: path.join(dataDir, 'emulator'),
      region: LOCAL_REGION,
      queues: QUEUES.map((name) => ({
        name,
        dlq: { name: `${name}-dlq`, maxReceiveCount: MAX_RECEIVE_COUNT },
        visibilityTimeoutSeconds: name === 'ocr' || name === 'photos' ? 120 : 60,
      })),
      buckets: [{ name: LOCAL_BUCKET, notifications: [{ prefix: 'receipts/', queueName: 'ocr' }, { prefix: SHOP_PHOTO_UPLOAD_PREFIX, queueName: 'photos' }] }],
    });
    stoppers.push(() => emulator.stop());
    log(`S3/SQS emulator on ${emulator.endpoint}`);
    media = createLocalMedia({ endpoint: emulator.endpoint, region: emulator.region, credentials: emulator.credentials, bucket: LOCAL_BUCKET });
    stoppers.push(async () => media?.stop());
    await ensureTable(dynamo.endpoint, emulator.region, emulator.credentials);

    // The functions read their configuration from the environment, exactly as in AWS.
    Object.assign(process.env, {
      AWS_REGION: emulator.region,
      AWS_ACCESS_KEY_ID: emulator.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: emulator.credentials.secretAccessKey,
      POWERTOOLS_SERVICE_NAME: 'cabas',
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
      [ENV.table]: LOCAL_TABLE,
      [ENV.receiptsBucket]: LOCAL_BUCKET,
      [ENV.ocrQueueUrl]: emulator.queueUrl('ocr'),
      [ENV.matchQueueUrl]: emulator.queueUrl('match'),
      [ENV.creditQueueUrl]: emulator.queueUrl('credit'),
      [ENV.ocrEngine]: opts.ocrEngine ?? process.env[ENV.ocrEngine] ?? 'tesseract',
      // The demo city's payer account (an invented IBAN that passes every check).
      [ENV.cityName]: process.env[ENV.cityName] ?? 'Ville de Montclair-sur-Loire',
      [ENV.debtorIban]: process.env[ENV.debtorIban] ?? 'FR58300010006400000C3741005',
      [ENV.debtorPostcode]: process.env[ENV.debtorPostcode] ?? '37410',
      [ENV.debtorTown]: process.env[ENV.debtorTown] ?? 'Montclair-sur-Loire',
      [ENV.dynamodbEndpoint]: dynamo.endpoint,
      [ENV.s3Endpoint]: emulator.endpoint,
      [ENV.sqsEndpoint]: emulator.endpoint,
    });
    delete process.env.AWS_PROFILE;

    const [ocr, match, credit, payout, photos] = await Promise.all([
      import('../../functions/ocr/handler'),
      import('../../functions/match/handler'),
      import('../../functions/credit/handler'),
      import('../../functions/payout/handler'),
      import('../../functions/photos/handler'),
    ]);
    // The API's functions, each with its own routes and wiring; a request goes to the one API
    // Gateway would hand it to (shared/http/api-function.ts).
    const { apiFunctions } = await import('../http/routes');
    const { functionServing } = await import('../http/api-function');
    const apiHandlers: Record<ApiFunctionName, HttpApiHandler> = {
      api: (await import('../../functions/api/handler')).handler as unknown as HttpApiHandler,
      shops: (await import('../../functions/shops/handler')).handler as unknown as HttpApiHandler,
      staff: (await import('../../functions/staff/handler')).handler as unknown as HttpApiHandler,
      merchants: (await import('../../functions/merchants/handler')).handler as unknown as HttpApiHandler,
      counter: (await import('../../functions/counter/handler')).handler as unknown as HttpApiHandler,
      finance: (await import('../../functions/finance/handler')).handler as unknown as HttpApiHandler,
      sepa: (await import('../../functions/sepa/handler')).handler as unknown as HttpApiHandler,
    };
    apiHandler = (event, context) => {
      const name = functionServing(apiFunctions, event.rawPath ?? '/');
      return apiHandlers[name](event, { ...context, functionName: `cabas-${name}` });
    };

    if (firstStart && opts.demo) {
      const { seedDemoTerritory } = await import('./demo-territory');
      const seeded = await seedDemoTerritory();
      log(`demo territory seeded: ${seeded.merchants} shops, campaign ${seeded.campaignId}, welcome bonus ${seeded.welcomeCampaignId}`);
    }
    if (firstStart) await writeFile(path.join(dataDir, 'seeded.json'), JSON.stringify({ at: new Date().toISOString(), demo: opts.demo }));

    const sqs = new SQSClient({ endpoint: emulator.endpoint, region: emulator.region, credentials: emulator.credentials });
    const handlers: Record<(typeof QUEUES)[number], (e: SQSEvent, c: Context) => Promise<SQSBatchResponse | void>> = {
      ocr: ocr.handler,
      match: match.handler,
      credit: credit.handler,
      photos: photos.handler,
    };
    for (const name of QUEUES) {
      const worker = startQueueWorker({
        sqs,
        queueUrl: emulator.queueUrl(name),
        queueArn: emulator.queueArn(name),
        region: emulator.region,
        handler: handlers[name],
        batchSize: name === 'ocr' || name === 'photos' ? 1 : 10,
        // The OCR stage reads as many receipts at once as the tesseract pool has workers (one per core).
        concurrency: name === 'credit' ? 4 : name === 'match' || name === 'photos' ? 2 : Math.max(1, Math.min(4, availableParallelism())),
        log: (msg, data) => {
          if (!opts.quiet) console.log(`[cabas] ${name} worker: ${msg}`, data ?? '');
        },
      });
      stoppers.push(() => worker.stop());
    }

    // The payout schedule: the first of each month at 06:00, Europe/Paris; and the daily privacy
    // job (receipts' personal data past retention) at 03:30, as in AWS; and the hourly parking sweep
    // (parking tickets whose wait for a purchase is over).
    let nextPayout = nextMonthlyRun(new Date());
    let nextPrivacy = nextDailyRun(new Date());
    let nextParking = nextHourlyRun(new Date());
    const timer = setInterval(() => {
      if (Date.now() >= nextParking.getTime()) {
        nextParking = nextHourlyRun(new Date());
        payout
          .handler({ job: 'parking' })
          .then((run) => log(`parking sweep: ${JSON.stringify(run)}`))
          .catch((err: unknown) => console.error('[cabas] parking sweep failed', err));
      }
      if (Date.now() >= nextPrivacy.getTime()) {
        nextPrivacy = nextDailyRun(new Date());
        payout
          .handler({ job: 'privacy' })
          .then((run) => log(`privacy run: ${JSON.stringify(run)}`))
          .catch((err: unknown) => console.error('[cabas] privacy run failed', err));
      }
      if (Date.now() < nextPayout.getTime()) return;
      nextPayout = nextMonthlyRun(new Date());
      payout
        .handler()
        .then((batch) => log(`payout run: ${JSON.stringify(batch)}`))
        .catch((err: unknown) => console.error('[cabas] payout run failed', err));
    }, 60_000);
    timer.unref();
    stoppers.push(async () => clearInterval(timer));

    const stackFile: StackFile = { pid: process.pid, url, dynamodbEndpoint: dynamo.endpoint, awsEndpoint: emulator.endpoint, table: LOCAL_TABLE, bucket: LOCAL_BUCKET };
    await writeFile(stackFilePath(dataDir), JSON.stringify(stackFile, null, 2));
    ready = true;
    log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s on ${url} (data in ${dataDir})`);
    if (!opts.quiet) printHowTo(url);
    return { url, dataDir, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

function printHowTo(url: string) {
  console.log(`
The staff console: ${url}/console/ (sign in by choosing an agent). The API reference: ${url}/docs

Try it:
  curl ${url}/v1/health
  curl ${url}/v1/merchants
  TOKEN=$(npx cabas token --sub alice)
  curl -s -X POST ${url}/v1/receipts -H "Authorization: Bearer $TOKEN" \\
       -H 'content-type: application/json' \\
       -d "{\\"contentType\\":\\"image/jpeg\\",\\"contentLength\\":$(stat -c %s test/fixtures/receipts/boulangerie.jpg)}"
  # then PUT the image to upload.url with upload.headers, and follow it:
  curl -s ${url}/v1/receipts/<receiptId> -H "Authorization: Bearer $TOKEN"
  curl -s ${url}/v1/me/wallet -H "Authorization: Bearer $TOKEN"
  ADMIN=$(npx cabas token --sub city-staff --groups admin)
`);
}

export async function readStackFile(dataDir: string): Promise<StackFile | undefined> {
  try {
    return JSON.parse(await readFile(stackFilePath(path.resolve(dataDir)), 'utf8')) as StackFile;
  } catch {
    return undefined;
  }
}

export { lambdaContext };
