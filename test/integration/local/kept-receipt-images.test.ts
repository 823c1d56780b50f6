/**
 * "The photo paid for can be replaced afterwards". Upload URLs are write-once now: a second PUT is
 * refused, so the image read, paid, shown to staff and compared with later photos is the upload
 * itself. Receipts announced before had URLs that worked until they expired, so a second PUT could
 * overwrite the upload after the receipt was read and decided: for those, the pipeline keeps the
 * bytes the OCR stage read (write-once, outside the upload prefix) and works from that copy.
 *
 * Real pieces: DynamoDB Local, the S3/SQS emulator behind its gateway, the S3 image adapter, the
 * pipeline stages and the staff operations; only the OCR engine is scripted.
 */
import { createHash, randomUUID } from 'node:crypto';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { S3ImageStore, keptImageKey } from '../../../shared/adapters/aws/s3-images';
import { S3RestClient } from '../../../shared/adapters/aws/s3-rest';
import { activateCampaign, createCampaign, listReview, receiptForStaff } from '../../../shared/app/admin';
import type { AppContext } from '../../../shared/app/context';
import { createMerchant } from '../../../shared/app/merchants';
import { creditReceipt, matchReceipt, readUploadedReceipt } from '../../../shared/app/pipeline';
import { createReceipt } from '../../../shared/app/resident';
import { decodeS3Key } from '../../../shared/messages';
import type { OcrEngine, OcrResult } from '../../../shared/ocr/types';
import { type RunningEmulator, startAwsEmulator } from '../../../shared/local/services/aws-emulator';
import { startTestTable } from '../../support/dynamo';
import { ledgerContext } from '../../support/ledger-fixture';
import { RecordingBus } from '../../support/memory';
import { ScriptedEngine, fakeImage, receiptLines } from '../../support/scripted-ocr';

const BUCKET = 'cabas-receipts';

/** The scripted engine, recording the bytes it was given; `failNext` makes the next read fail (a crash). */
class RecordingEngine implements OcrEngine {
  readonly name = 'recording';
  readonly inner = new ScriptedEngine();
  readonly read_: Buffer[] = [];
  failNext = false;
  async read(bytes: Uint8Array): Promise<OcrResult> {
    this.read_.push(Buffer.from(bytes));
    if (this.failNext) {
      this.failNext = false;
      throw new Error('OCR engine crashed');
    }
    return this.inner.read(bytes);
  }
}

let db: Awaited<ReturnType<typeof startTestTable>>;
let emu: RunningEmulator;
let s3: S3Client;
let sqs: SQSClient;
let ctx: AppContext;
let bus: RecordingBus;
let engine: RecordingEngine;

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Two photos of the same length (the presigned PUT pins the length): the second claims more. */
function photos(total: string, forged: string, ticket: string) {
  const lines = (t: string) => receiptLines({ sign: "AU FOURNIL D'ELISE", siret: '812 345 676 00017', date: '15/06/2026', time: '10:42', total: t, ticket });
  const first = fakeImage(lines(total));
  const second = fakeImage(lines(forged));
  expect(second.length).toBe(first.length);
  return { first, second };
}

async function put(upload: { url: string; headers: Record<string, string>; method: string }, bytes: Uint8Array, status = 200) {
  const res = await fetch(upload.url, { method: upload.method, headers: upload.headers, body: bytes });
  expect(res.status, await res.text()).toBe(status);
}

/**
 * A receipt as announced before uploads were write-once: no `uploadWriteOnce`, and an upload that
 * any later PUT replaces (as its URL allowed until it expired).
 */
async function announceLegacy(sub: string, contentLength: number) {
  const created = await createReceipt(ctx, { sub, isAdmin: false }, { contentType: 'image/png', contentLength });
  const { uploadWriteOnce: _, ...announced } = (await ctx.receipts.get(created.receiptId))!;
  const receiptId = randomUUID();
  const key = `receipts/${receiptId}`;
  await ctx.receipts.create({ ...announced, receiptId, objectKey: key });
  const upload = async (bytes: Uint8Array) => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: bytes, ContentType: 'image/png' }));
  };
  return { receiptId, key, upload };
}

/** The S3 events the gateway put on the ocr queue, as object keys. */
async function ocrEvents(): Promise<string[]> {
  const keys: string[] = [];
  for (;;) {
    const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: emu.queueUrl('ocr'), MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    if (!out.Messages?.length) return keys;
    for (const m of out.Messages) {
      const event = JSON.parse(m.Body ?? '{}') as S3Event;
      keys.push(...event.Records.map((r) => decodeS3Key(r.s3.object.key)));
      await sqs.send(new DeleteMessageCommand({ QueueUrl: emu.queueUrl('ocr'), ReceiptHandle: m.ReceiptHandle }));
    }
  }
}

async function download(url: string): Promise<Buffer> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

async function stages() {
  for (const id of bus.match.splice(0)) await matchReceipt(ctx, id);
  for (const id of bus.credit.splice(0)) await creditReceipt(ctx, id);
}

beforeAll(async () => {
  db = await startTestTable();
  emu = await startAwsEmulator({
    queues: [{ name: 'ocr' }],
    buckets: [{ name: BUCKET, notifications: [{ prefix: 'receipts/', queueName: 'ocr' }] }],
  });
  // The test's own SDK client, to look at the bucket; the store goes through the functions' client (S3RestClient).
  s3 = new S3Client({
    endpoint: emu.endpoint,
    region: emu.region,
    credentials: emu.credentials,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  sqs = new SQSClient({ endpoint: emu.endpoint, region: emu.region, credentials: emu.credentials });
  bus = new RecordingBus();
  engine = new RecordingEngine();
  ctx = {
    ...ledgerContext(db),
    images: new S3ImageStore(new S3RestClient({ bucket: BUCKET, endpoint: emu.endpoint, region: emu.region, credentials: emu.credentials })),
    bus,
    clock: { now: () => new Date('2026-06-20T10:00:00Z') },
    ocrEngine: async () => engine,
  };
  await createMerchant(ctx, {
    name: "Au Fournil d'Élise",
    siret: '81234567600017',
    address: { street: '12 rue de la République', postcode: '37410', city: 'Montclair-sur-Loire' },
    tags: [],
    aliases: [],
  });
  const { campaignId } = await createCampaign(ctx, {
    name: 'Commerces',
    budgetCents: 100_000,
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
    rateBps: 1_000,
    merchants: { all: true },
  });
  await activateCampaign(ctx, campaignId);
});

afterAll(async () => {
  s3?.destroy();
  sqs?.destroy();
  await emu?.stop();
  await db?.stop();
});

beforeEach(async () => {
  bus.match.length = 0;
  bus.credit.length = 0;
  await ocrEvents();
});

describe('a write-once upload is the image read', () => {
  it('a second PUT to the upload URL is refused: nothing is announced, staff see the photo read and paid, nothing is copied', async () => {
    const { first, second } = photos('23,10', '99,10', '1000');
    const created = await createReceipt(ctx, { sub: 'alice', isAdmin: false }, { contentType: 'image/png', contentLength: first.length });
    expect(created.upload.headers['If-None-Match']).toBe('*');
    const key = `receipts/${created.receiptId}`;
    await put(created.upload, first);
    expect(await ocrEvents()).toEqual([key]);
    // Sent twice (a retry after a lost answer, or on purpose): refused whether read yet or not.
    await put(created.upload, second, 412);
    expect(await ocrEvents()).toEqual([]);
    expect(await readUploadedReceipt(ctx, key)).toBe('FORWARDED');
    await put(created.upload, second, 412);
    await stages();
    const credited = (await ctx.receipts.get(created.receiptId))!;
    expect(credited).toMatchObject({ status: 'CREDITED', uploadWriteOnce: true, sha256: sha256(first) });
    expect(credited.decision?.totalCents).toBe(2310);

    const staff = await receiptForStaff(ctx, created.receiptId);
    expect(new URL(staff.imageUrl).pathname).toBe(`/${BUCKET}/${key}`);
    expect((await download(staff.imageUrl)).equals(Buffer.from(first))).toBe(true);
    await expect(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: keptImageKey(key) }))).rejects.toThrow();
  });

  it('the URL without its If-None-Match header is refused (the header is signed)', async () => {
    const bytes = photos('10,00', '90,00', '1006').first;
    const created = await createReceipt(ctx, { sub: 'erin', isAdmin: false }, { contentType: 'image/png', contentLength: bytes.length });
    const { 'If-None-Match': _, ...withoutCondition } = created.upload.headers;
    const res = await fetch(created.upload.url, { method: 'PUT', headers: withoutCondition, body: bytes });
    expect(res.status).toBe(403);
    expect(await ocrEvents()).toEqual([]);
  });
});

describe('a receipt announced before uploads were write-once: the image read is the image kept', () => {
  it('a second PUT after the receipt was read and credited changes neither the receipt nor what staff see', async () => {
    const { first, second } = photos('24,10', '99,10', '1001');
    const { receiptId, key, upload } = await announceLegacy('alice', first.length);
    await upload(first);
    expect(await ocrEvents()).toEqual([key]);
    expect(await readUploadedReceipt(ctx, key)).toBe('FORWARDED');
    await stages();
    const credited = (await ctx.receipts.get(receiptId))!;
    expect(credited.status).toBe('CREDITED');
    expect(credited.decision?.totalCents).toBe(2410);
    expect(credited.sha256).toBe(sha256(first));
    const reads = engine.read_.length;

    // The old upload URL still worked until it expired ...
    await upload(second);
    // ... and S3 announces the new object: the OCR stage sees it, and does nothing.
    expect(await ocrEvents()).toEqual([key]);
    expect(await readUploadedReceipt(ctx, key)).toBe('ALREADY_DONE');
    await stages();
    expect(engine.read_.length).toBe(reads);
    expect(await ctx.receipts.get(receiptId)).toEqual(credited);

    // Staff's link shows the photo that was read and paid, not the one sent afterwards.
    const staff = await receiptForStaff(ctx, receiptId);
    expect(new URL(staff.imageUrl).pathname).toBe(`/${BUCKET}/${keptImageKey(key)}`);
    const shown = await download(staff.imageUrl);
    expect(shown.equals(Buffer.from(first))).toBe(true);
    expect(sha256(shown)).toBe(credited.sha256);
    // The kept copy is outside the notified prefix, and keeps the type of the upload.
    const kept = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: keptImageKey(key) }));
    expect(kept.ContentType).toBe('image/png');
    expect(await ocrEvents()).toEqual([]);
  });

  it('a second PUT while the receipt is being processed: the stage forwards what it read, nothing is read again', async () => {
    const { first, second } = photos('12,40', '92,40', '1002');
    const { receiptId, key, upload } = await announceLegacy('bob', first.length);
    await upload(first);
    expect(await readUploadedReceipt(ctx, key)).toBe('FORWARDED');
    const reads = engine.read_.length;
    await upload(second);
    // Read, not yet matched: the second event only hands the receipt on again (idempotent).
    expect(await readUploadedReceipt(ctx, key)).toBe('FORWARDED');
    expect(engine.read_.length).toBe(reads);
    await stages();
    const r = (await ctx.receipts.get(receiptId))!;
    expect(r.status).toBe('CREDITED');
    expect(r.decision?.totalCents).toBe(1240);
    expect((await download((await receiptForStaff(ctx, receiptId)).imageUrl)).equals(Buffer.from(first))).toBe(true);
  });

  it('a PUT between a crashed read and its retry: the retry reads the bytes first read, not the new ones', async () => {
    const { first, second } = photos('31,00', '91,00', '1003');
    const { receiptId, key, upload } = await announceLegacy('carol', first.length);
    await upload(first);
    engine.failNext = true;
    await expect(readUploadedReceipt(ctx, key)).rejects.toThrow('OCR engine crashed');
    expect((await ctx.receipts.get(receiptId))?.status).toBe('PROCESSING');

    await upload(second);
    // The queue redelivers the first event, then delivers the second: both read the kept bytes.
    expect(await readUploadedReceipt(ctx, key)).toBe('FORWARDED');
    expect(await readUploadedReceipt(ctx, key)).toBe('FORWARDED');
    expect(engine.read_.slice(-2).map((b) => b.equals(Buffer.from(first)))).toEqual([true, true]);
    await stages();
    const r = (await ctx.receipts.get(receiptId))!;
    expect(r.sha256).toBe(sha256(first));
    expect(r.decision?.totalCents).toBe(3100);
  });

  it('two readers of one upload at once keep one image, and both read it', async () => {
    const images = new S3ImageStore(new S3RestClient({ bucket: BUCKET, endpoint: emu.endpoint, region: emu.region, credentials: emu.credentials }));
    const key = `receipts/${randomUUID()}`;
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: Buffer.alloc(1_500_000, 3), ContentType: 'image/jpeg' }));
    const [a, b] = await Promise.all([images.keepUpload({ objectKey: key }), images.keepUpload({ objectKey: key })]);
    expect(Buffer.from(a!).equals(Buffer.from(b!))).toBe(true);
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: Buffer.alloc(1_500_000, 4), ContentType: 'image/jpeg' }));
    expect(Buffer.from((await images.keepUpload({ objectKey: key }))!).equals(Buffer.alloc(1_500_000, 3))).toBe(true);
    expect(await images.keepUpload({ objectKey: `receipts/${randomUUID()}` })).toBeUndefined();
  });

  it("staff's review list and look-alike links show the kept photos", async () => {
    const earlier = photos('15,00', '95,00', '1004');
    const e = await announceLegacy('dan', earlier.first.length);
    await e.upload(earlier.first);
    await readUploadedReceipt(ctx, e.key);
    await stages();
    await e.upload(earlier.second);

    const later = photos('16,00', '96,00', '1005');
    const l = await announceLegacy('dan', later.first.length);
    await l.upload(later.first);
    await readUploadedReceipt(ctx, l.key);
    bus.match.length = 0;
    // And a write-once one, looking like the earlier one too.
    const newest = await createReceipt(ctx, { sub: 'dan', isAdmin: false }, { contentType: 'image/png', contentLength: later.first.length });
    await put(newest.upload, later.first);
    await readUploadedReceipt(ctx, `receipts/${newest.receiptId}`);
    bus.match.length = 0;
    await ctx.receipts.sendToReview(l.receiptId, { reasons: ['look-alike'], candidates: [], lookAlikes: [{ receiptId: e.receiptId, distance: 3 }, { receiptId: newest.receiptId, distance: 0 }] }, new Date());
    await l.upload(later.second);

    const item = (await listReview(ctx, 50)).items.find((i) => i.receiptId === l.receiptId)!;
    expect((await download(item.imageUrl)).equals(Buffer.from(later.first))).toBe(true);
    const lookAlikes = item.review?.lookAlikes as Array<{ receiptId: string; imageUrl?: string }> | undefined;
    expect(lookAlikes?.map((x) => x.receiptId)).toEqual([e.receiptId, newest.receiptId]);
    expect((await download(lookAlikes![0]!.imageUrl!)).equals(Buffer.from(earlier.first))).toBe(true);
    expect(new URL(lookAlikes![1]!.imageUrl!).pathname).toBe(`/${BUCKET}/receipts/${newest.receiptId}`);
    expect((await download(lookAlikes![1]!.imageUrl!)).equals(Buffer.from(later.first))).toBe(true);
  });
});
