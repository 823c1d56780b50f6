/**
 * Residents' data rights (shared/app/privacy.ts, docs/privacy.md): the export holds everything
 * about the resident and nothing of anyone else; the erasure leaves nothing that names the
 * resident (checked over the whole table and the bucket) while the ledger still reconciles; it
 * waits for a payout in flight, is idempotent, and the pipeline takes receipts in flight calmly;
 * the retention job erases only receipts past the city's days.
 *
 * Real pieces: DynamoDB Local, the S3/SQS emulator (through the S3 image adapter, so a deleted
 * photo is a deleted object), the pipeline stages and the operations; the OCR engine is scripted.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ScanCommand, TransactWriteCommand, type TableClient } from '../../../shared/adapters/dynamodb/client/commands';
import { DynamoLedger } from '../../../shared/adapters/dynamodb/ledger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3ImageStore, keptImageKey } from '../../../shared/adapters/aws/s3-images';
import { S3RestClient } from '../../../shared/adapters/aws/s3-rest';
import { activateCampaign, campaignStats, createCampaign } from '../../../shared/app/admin';
import type { AppContext } from '../../../shared/app/context';
import { createHousehold, joinHousehold, myHousehold } from '../../../shared/app/households';
import { reverseReceipt } from '../../../shared/app/ledger';
import { createMerchant } from '../../../shared/app/merchants';
import { rejectPayoutItem, runPayouts, setPayoutAccount, settlePayout } from '../../../shared/app/payouts';
import { creditReceipt, matchReceipt, readUploadedReceipt } from '../../../shared/app/pipeline';
import { eraseResident, erasePersonalDataOfOldReceipts, exportResidentData, PSEUDONYM_PREFIX } from '../../../shared/app/privacy';
import { reconcileLedger } from '../../../shared/app/reconcile';
import { createReceipt, getWallet } from '../../../shared/app/resident';
import { DomainError } from '../../../shared/domain/errors';
import type { Receipt } from '../../../shared/domain/receipt';
import { type RunningEmulator, startAwsEmulator } from '../../../shared/local/services/aws-emulator';
import type { OcrEngine, OcrResult } from '../../../shared/ocr/types';
import { accountIds, type PayoutSettings } from '../../../shared/ports';
import { startTestTable } from '../../support/dynamo';
import { activeCampaign, decidedReceipt, ledgerContext } from '../../support/ledger-fixture';
import { RecordingBus } from '../../support/memory';
import { ScriptedEngine, fakeImage, receiptLines } from '../../support/scripted-ocr';

const BUCKET = 'cabas-receipts';
/** Distinctive subs, so that a search of the whole table for one finds only what names that resident. */
const ALICE = 'resident-alice-7f3a';
const BRUNO = 'resident-bruno-91c2';
const CAROL = 'resident-carol-55d0';
const ALICE_IBAN = 'FR1420041010050500013M02606';
const BRUNO_IBAN = 'FR7630004008230001000002128';
const me = (sub: string) => ({ sub, isAdmin: false });
const settings: PayoutSettings = {
  thresholdCents: 50,
  debtor: { name: 'Ville de Montclair-sur-Loire', iban: 'FR58300010006400000C3741005', postcode: '37410', town: 'Montclair-sur-Loire' },
};

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** The scripted engine, and lines for real photos (which carry a perceptual hash) by their SHA-256. */
class TestEngine implements OcrEngine {
  readonly name = 'scripted';
  readonly scripted = new ScriptedEngine();
  readonly photos = new Map<string, string[]>();
  async read(bytes: Uint8Array): Promise<OcrResult> {
    const lines = this.photos.get(sha256(bytes));
    if (lines) return { engine: this.name, hints: [], lines: lines.map((text) => ({ text, confidence: 0.95 })) };
    return this.scripted.read(bytes);
  }
}

let db: Awaited<ReturnType<typeof startTestTable>>;
let emu: RunningEmulator;
let s3: S3Client;
let ctx: AppContext;
let bus: RecordingBus;
const engine = new TestEngine();
let now = new Date('2026-06-20T10:00:00Z');
let campaignId: string;

function lines(o: { date: string; time: string; total: string; ticket: string; loyalty?: string }) {
  return receiptLines({
    sign: "AU FOURNIL D'ELISE",
    siret: '812 345 676 00017',
    ...o,
    items: ['PAIN SANS GLUTEN          4,50', 'CROISSANT X4              4,80', ...(o.loyalty ? [`CARTE FIDELITE ${o.loyalty}`] : [])],
  });
}

async function put(upload: { url: string; headers: Record<string, string>; method: string }, bytes: Uint8Array) {
  const res = await fetch(upload.url, { method: upload.method, headers: upload.headers, body: bytes });
  expect(res.status, await res.text()).toBe(200);
}

/** A receipt announced, uploaded through its presigned URL and run through the stages, as the queues would. */
async function send(resident: string, bytes: Uint8Array, contentType: 'image/png' | 'image/jpeg' = 'image/png'): Promise<Receipt> {
  const created = await createReceipt(ctx, me(resident), { contentType, contentLength: bytes.length });
  await put(created.upload, bytes);
  await readUploadedReceipt(ctx, `receipts/${created.receiptId}`);
  for (const id of bus.match.splice(0)) await matchReceipt(ctx, id);
  for (const id of bus.credit.splice(0)) await creditReceipt(ctx, id);
  return (await ctx.receipts.get(created.receiptId))!;
}

async function exists(key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    return true;
  } catch (err) {
    if ((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
    throw err;
  }
}

async function tableItems(): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.doc.send(new ScanCommand({ TableName: db.table, ExclusiveStartKey: start, ConsistentRead: true }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

const mentioning = (items: Array<Record<string, unknown>>, text: string) =>
  items.filter((i) => JSON.stringify(i, (_k, v: unknown) => (v instanceof Set ? [...v] : v)).includes(text));

async function expectReconciled() {
  const report = await reconcileLedger(ctx);
  expect(report.problems).toEqual([]);
  expect(report.ok).toBe(true);
}

beforeAll(async () => {
  db = await startTestTable();
  emu = await startAwsEmulator({ queues: [{ name: 'ocr' }], buckets: [{ name: BUCKET, notifications: [{ prefix: 'receipts/', queueName: 'ocr' }] }] });
  // The test's own SDK client, to look at the bucket; the store goes through the functions' client (S3RestClient).
  s3 = new S3Client({
    endpoint: emu.endpoint,
    region: emu.region,
    credentials: emu.credentials,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  bus = new RecordingBus();
  ctx = { ...ledgerContext(db), images: new S3ImageStore(new S3RestClient({ bucket: BUCKET, endpoint: emu.endpoint, region: emu.region, credentials: emu.credentials })), bus, clock: { now: () => now }, ocrEngine: async () => engine };
  await createMerchant(ctx, {
    name: "Au Fournil d'Élise",
    siret: '81234567600017',
    address: { street: '12 rue de la République', postcode: '37410', city: 'Montclair-sur-Loire' },
    tags: [],
    aliases: [],
  });
  ({ campaignId } = await createCampaign(ctx, {
    name: 'Commerces',
    budgetCents: 100_000,
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
    rateBps: 1_000,
    maxCashbackPerReceiptCents: 300,
    perResidentCap: { amountCents: 5_000, period: 'MONTH' },
    merchants: { all: true },
  }));
  await activateCampaign(ctx, campaignId);
});

afterAll(async () => {
  s3?.destroy();
  await emu?.stop();
  await db?.stop();
});

const alice: Receipt[] = [];
let bruno: Receipt;
let inFlight: { awaiting: { receiptId: string; upload: { url: string; headers: Record<string, string>; method: string } }; processing: string };
let firstPayout = 0;
let pseudonym = '';

describe("a resident's export", () => {
  it('holds their receipts with their readings, decisions and photo links, wallet, payout account and household, and nothing of another resident', async () => {
    const photo = new Uint8Array(readFileSync(new URL('../../fixtures/receipts/boulangerie.jpg', import.meta.url)));
    engine.photos.set(sha256(photo), lines({ date: '15/06/2026', time: '10:42', total: '12,50', ticket: '1001', loyalty: 'ALICE MARTIN' }));
    alice.push(await send(ALICE, photo, 'image/jpeg'));
    alice.push(await send(ALICE, fakeImage(lines({ date: '16/06/2026', time: '11:05', total: '23,40', ticket: '1002', loyalty: 'ALICE MARTIN' }))));
    alice.push(await send(ALICE, fakeImage(lines({ date: '17/06/2026', time: '17:30', total: '31,00', ticket: '1003' }))));
    bruno = await send(BRUNO, fakeImage(lines({ date: '15/06/2026', time: '09:12', total: '9,90', ticket: '2001', loyalty: 'BRUNO LEFEVRE' })));
    expect([...alice, bruno].map((r) => r.status)).toEqual(['CREDITED', 'CREDITED', 'CREDITED', 'CREDITED']);
    expect(alice[0]!.perceptualHash).toMatch(/^[0-9a-f]{64}$/);
    await setPayoutAccount(ctx, me(ALICE), { iban: ALICE_IBAN, holderName: 'Alice Dupré' });
    await setPayoutAccount(ctx, me(BRUNO), { iban: BRUNO_IBAN, holderName: 'Bruno Lefèvre' });
    const { joinCode } = await createHousehold(ctx, me(BRUNO));
    await joinHousehold(ctx, me(ALICE), { joinCode: joinCode! });

    const doc = await exportResidentData(ctx, me(ALICE));
    expect(doc.residentId).toBe(ALICE);
    expect(doc.receipts.map((r) => r.receiptId).sort()).toEqual(alice.map((r) => r.receiptId).sort());
    const first = doc.receipts.find((r) => r.receiptId === alice[0]!.receiptId)!;
    expect(first.extraction?.text).toContain('ALICE MARTIN');
    expect(first.extraction?.ticketNumber?.value).toBe('1001');
    expect(first.decision).toMatchObject({ merchantName: "Au Fournil d'Élise", totalCents: 1250 });
    expect(first.cashbackCents).toBe(125);
    // Each photo through a short-lived link to the image that was read: the write-once upload.
    for (const r of doc.receipts) {
      expect(new URL(r.image!.url).pathname.endsWith(`/${r.objectKey}`)).toBe(true);
      expect(Date.parse(r.image!.expiresAt)).toBe(now.getTime() + 900_000);
    }
    const downloaded = await fetch(first.image!.url);
    expect(downloaded.status).toBe(200);
    expect(sha256(new Uint8Array(await downloaded.arrayBuffer()))).toBe(sha256(photo));
    expect(doc.payoutAccount).toMatchObject({ iban: ALICE_IBAN, holderName: 'Alice Dupre' }); // in the SEPA character set
    expect(doc.household).toMatchObject({ joinCode, memberCount: 2 });
    expect(doc.wallet).toMatchObject({ accountId: accountIds.wallet(ALICE), balanceCents: 125 + 234 + 300 });
    expect(doc.wallet!.movements.map((m) => m.kind)).toEqual(['CASHBACK', 'CASHBACK', 'CASHBACK']);
    expect(doc.capCounters).toEqual([expect.objectContaining({ campaignId, windowKey: '2026-06', usedCents: 659 })]);
    expect(doc.customerOf).toHaveLength(1);

    const text = JSON.stringify(doc);
    for (const other of [BRUNO, bruno.receiptId, BRUNO_IBAN, 'BRUNO LEFEVRE', 'Bruno']) expect(text).not.toContain(other);
  });
});

describe("a resident's erasure", () => {
  it('is refused while a payout to the resident is pending, and done once the bank has answered', async () => {
    now = new Date('2026-06-25T10:00:00Z');
    const june = await runPayouts(ctx, settings);
    expect(june?.itemCount).toBe(2);
    await settlePayout(ctx, june!.payoutId);
    firstPayout = 659;

    now = new Date('2026-07-02T10:00:00Z');
    alice.push(await send(ALICE, fakeImage(lines({ date: '01/07/2026', time: '08:15', total: '18,00', ticket: '1004', loyalty: 'ALICE MARTIN' }))));
    expect(alice[3]!.status).toBe('CREDITED');
    // Two receipts still on their way: one announced and not sent, one decided and not yet credited.
    const awaiting = await createReceipt(ctx, me(ALICE), { contentType: 'image/png', contentLength: 100 });
    inFlight = { awaiting, processing: await decidedReceipt(ctx, campaignId, ALICE, { purchaseDate: '2026-07-01', totalCents: 1_000 }) };

    const july = await runPayouts(ctx, settings);
    expect(july).toMatchObject({ itemCount: 1, totalCents: 180 });
    const error = await eraseResident(ctx, me(ALICE)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'PAYOUT_IN_FLIGHT', status: 409 });
    // Nothing changed.
    expect(await ctx.payouts.getAccount(ALICE)).toBeDefined();
    expect((await ctx.receipts.listByResident(ALICE, 10)).items).toHaveLength(6);
    expect(await exists(alice[0]!.objectKey)).toBe(true);

    const [item] = await ctx.payouts.listItems(july!.payoutId);
    await rejectPayoutItem(ctx, july!.payoutId, item!.itemId, 'AC04 compte clôturé');
    const stats = await campaignStats(ctx, campaignId);
    const result = await eraseResident(ctx, me(ALICE));
    expect(result).toEqual({ status: 'ERASED', receiptsErased: 6, payoutAccountDeleted: true, leftHousehold: true, forfeitedCents: 180, writtenOffCents: 0 });
    await expectReconciled();
    // The city's figures do not move: the sales, the cashback and the residents counted stay.
    expect(await campaignStats(ctx, campaignId)).toMatchObject({ creditedCents: stats.creditedCents, salesCents: stats.salesCents, residents: stats.residents });
  });

  it('deletes the photos and the payout account, scrubs the receipts and leaves nothing that names the resident', async () => {
    for (const r of alice) {
      expect(await exists(r.objectKey)).toBe(false);
      expect(await exists(keptImageKey(r.objectKey))).toBe(false);
    }
    expect(await exists(bruno.objectKey)).toBe(true);
    expect(await ctx.payouts.getAccount(ALICE)).toBeUndefined();

    const erased = await Promise.all(alice.map((r) => ctx.receipts.get(r.receiptId)));
    pseudonym = erased[0]!.residentId;
    expect(pseudonym.startsWith(PSEUDONYM_PREFIX)).toBe(true);
    for (const [i, r] of erased.entries()) {
      expect(r!.residentId).toBe(pseudonym);
      expect(r!.personalDataErasedAt).toBeDefined();
      expect(r!.status).toBe('CREDITED');
      expect(r!.extraction).toMatchObject({ lineItems: [], purchaseDate: alice[i]!.extraction!.purchaseDate, totalCents: alice[i]!.extraction!.totalCents });
      for (const gone of ['text', 'ticketNumber', 'paymentMeans', 'purchaseTime', 'street', 'phone'] as const) expect(r!.extraction![gone]).toBeUndefined();
      expect(r!.decision).toEqual({ ...alice[i]!.decision, credits: expect.any(Array) });
      expect(r!.cashbackCents).toBe(alice[i]!.cashbackCents);
    }
    for (const id of [inFlight.awaiting.receiptId, inFlight.processing]) {
      expect(await ctx.receipts.get(id)).toMatchObject({ status: 'REJECTED', rejection: { code: 'WITHDRAWN' }, residentId: pseudonym });
    }

    // The wallet lives on under the pseudonym with its whole history, closed at zero.
    const wallet = await ctx.ledger.getAccount(accountIds.wallet(pseudonym));
    expect(wallet).toMatchObject({ balanceCents: 0, paidOutCents: firstPayout, pendingPayoutCents: 0, residentId: pseudonym });
    expect(await ctx.ledger.getAccount(accountIds.wallet(ALICE))).toBeUndefined();
    const history = (await ctx.ledger.entries(accountIds.wallet(pseudonym), 50)).items.map((e) => e.kind);
    expect(history.sort()).toEqual(['CASHBACK', 'CASHBACK', 'CASHBACK', 'CASHBACK', 'PAYOUT', 'PAYOUT', 'PAYOUT_VOIDED', 'WALLET_CLOSE'].sort());

    // Nothing in the table names the resident any more, nor what their receipts read about them.
    const items = await tableItems();
    expect(mentioning(items, ALICE)).toEqual([]);
    expect(mentioning(items, 'ALICE MARTIN')).toEqual([]);
    // Their IBAN stays only in the city's payment records (the payout items, as sent to the bank).
    expect(mentioning(items, ALICE_IBAN).map((i) => i.type)).toEqual(['payoutItem', 'payoutItem']);
    // The look-alike index keeps the photo (another resident may send it again), under the pseudonym.
    const fingerprints = items.filter((i) => i.type === 'fingerprint' && i.receiptId === alice[0]!.receiptId);
    expect(fingerprints.length).toBeGreaterThan(0);
    expect(fingerprints.every((f) => f.residentId === pseudonym)).toBe(true);

    // Someone else's data is untouched.
    expect(await ctx.payouts.getAccount(BRUNO)).toMatchObject({ iban: BRUNO_IBAN });
    expect(await ctx.receipts.get(bruno.receiptId)).toEqual(bruno);
    expect(await myHousehold(ctx, me(BRUNO))).toMatchObject({ memberCount: 1 });
    expect(mentioning(items, BRUNO).length).toBeGreaterThan(0);

    // Signing in again with the same sub starts afresh.
    expect(await getWallet(ctx, me(ALICE))).toEqual({ balanceCents: 0, pendingPayoutCents: 0, paidOutCents: 0, currency: 'EUR' });
    expect(await exportResidentData(ctx, me(ALICE))).toMatchObject({ receipts: [], wallet: null, payoutAccount: null, payouts: [], household: null, capCounters: [] });
  });

  it('leaves the receipts that were on their way to the pipeline without trouble', async () => {
    // The announced receipt's URL still works: the photo sent is deleted on arrival.
    const late = new Uint8Array(100);
    late.set(fakeImage(['late']));
    await put(inFlight.awaiting.upload, late);
    expect(await readUploadedReceipt(ctx, `receipts/${inFlight.awaiting.receiptId}`)).toBe('IGNORED');
    expect(await exists(`receipts/${inFlight.awaiting.receiptId}`)).toBe(false);
    expect(await exists(keptImageKey(`receipts/${inFlight.awaiting.receiptId}`))).toBe(false);
    // The decided one's credit command arrives: nothing is credited.
    expect(await matchReceipt(ctx, inFlight.processing)).toBe('ALREADY_DONE');
    expect(await creditReceipt(ctx, inFlight.processing)).toBe('ALREADY_DONE');
    expect(bus.match).toEqual([]);
    expect(bus.credit).toEqual([]);
    await expectReconciled();
  });

  it('is idempotent: a second call finds nothing left', async () => {
    const accounts = (await tableItems()).filter((i) => i.type === 'account').length;
    expect(await eraseResident(ctx, me(ALICE))).toEqual({ status: 'ERASED', receiptsErased: 0, payoutAccountDeleted: false, leftHousehold: false, forfeitedCents: 0, writtenOffCents: 0 });
    expect((await tableItems()).filter((i) => i.type === 'account').length).toBe(accounts);
    expect(mentioning(await tableItems(), ALICE)).toEqual([]);
    await expectReconciled();
  });

  it('still lets staff reverse an erased receipt found fraudulent later: the pseudonymous wallet pays it back', async () => {
    const reversed = await reverseReceipt(ctx, { sub: 'agent-7', isAdmin: true }, alice[2]!.receiptId, { reason: 'Ticket falsifié' });
    expect(reversed).toMatchObject({ status: 'REJECTED', reversedCents: 300 });
    expect((await ctx.ledger.getAccount(accountIds.wallet(pseudonym)))?.balanceCents).toBe(-300);
    expect(mentioning(await tableItems(), ALICE)).toEqual([]);
    await expectReconciled();
  });

  it('stops for time and resumes with the same pseudonym', async () => {
    now = new Date('2026-07-03T10:00:00Z');
    const again = [
      await send(ALICE, fakeImage(lines({ date: '02/07/2026', time: '09:00', total: '15,00', ticket: '1005' }))),
      await send(ALICE, fakeImage(lines({ date: '03/07/2026', time: '09:30', total: '16,00', ticket: '1006' }))),
    ];
    expect(again.map((r) => r.status)).toEqual(['CREDITED', 'CREDITED']);
    expect(await eraseResident(ctx, me(ALICE), { timeBudgetMs: 0 })).toMatchObject({ status: 'IN_PROGRESS', receiptsErased: 0 });
    const done = await eraseResident(ctx, me(ALICE));
    expect(done).toMatchObject({ status: 'ERASED', receiptsErased: 2, forfeitedCents: 310 });
    const [a, b] = await Promise.all(again.map((r) => ctx.receipts.get(r.receiptId)));
    expect(a!.residentId).toBe(b!.residentId);
    expect(a!.residentId).not.toBe(pseudonym); // a new erasure, a new pseudonym
    expect(mentioning(await tableItems(), ALICE)).toEqual([]);
    await expectReconciled();
  });
});

describe("the retention of receipts' personal data", () => {
  it('erases, for every resident, only the receipts decided more than the configured days ago, once', async () => {
    now = new Date('2026-07-10T10:00:00Z');
    const old = await send(CAROL, fakeImage(lines({ date: '09/07/2026', time: '12:00', total: '14,00', ticket: '3001', loyalty: 'CAROL DURAND' })));
    now = new Date('2026-08-20T10:00:00Z');
    const recent = await send(CAROL, fakeImage(lines({ date: '19/08/2026', time: '12:00', total: '19,00', ticket: '3002', loyalty: 'CAROL DURAND' })));
    expect([old.status, recent.status]).toEqual(['CREDITED', 'CREDITED']);

    now = new Date('2026-09-01T10:00:00Z');
    const run = await erasePersonalDataOfOldReceipts(ctx, { receiptPersonalDataRetentionDays: 30 });
    expect(run).toMatchObject({ cutoff: '2026-08-02T10:00:00.000Z', complete: true });
    // Carol's old receipt and Bruno's (decided on 20 June); the erased ones were already done.
    expect(run.erased).toBe(2);

    const [o, r, b] = await Promise.all([old, recent, bruno].map((x) => ctx.receipts.get(x.receiptId)));
    expect(o).toMatchObject({ residentId: CAROL, status: 'CREDITED', personalDataErasedAt: now.toISOString(), cashbackCents: old.cashbackCents, decision: old.decision });
    expect(o!.extraction).toEqual({ ...old.extraction, text: undefined, lineItems: [], ticketNumber: undefined, paymentMeans: undefined, purchaseTime: undefined, street: undefined, phone: undefined });
    expect(await exists(old.objectKey)).toBe(false);
    expect(await exists(keptImageKey(old.objectKey))).toBe(false);
    expect(b!.personalDataErasedAt).toBe(now.toISOString());
    expect(r).toEqual(recent);
    expect(await exists(recent.objectKey)).toBe(true);
    expect(mentioning(await tableItems(), 'CAROL DURAND').map((i) => i.receiptId)).toEqual([recent.receiptId]);
    // The resident keeps their receipts.
    expect((await ctx.receipts.listByResident(CAROL, 10)).items).toHaveLength(2);

    expect((await erasePersonalDataOfOldReceipts(ctx, { receiptPersonalDataRetentionDays: 30 })).erased).toBe(0);
    now = new Date('2026-09-25T10:00:00Z');
    expect((await erasePersonalDataOfOldReceipts(ctx, { receiptPersonalDataRetentionDays: 30 })).erased).toBe(1);
    await expectReconciled();
  });
});

describe('the rename of a wallet with a long history', () => {
  it('moves it in balanced steps: a rename that stopped halfway reconciles, and the next call finishes it', async () => {
    const campaign = await activeCampaign(ctx, { budgetCents: 100_000, startsOn: '2026-01-01', endsOn: '2026-12-31' });
    const dan = 'resident-dan-0b77';
    for (let i = 0; i < 60; i++) await creditReceipt(ctx, await decidedReceipt(ctx, campaign, dan, { cashbackCents: 10 + i, totalCents: 1_000 }));
    const before = await ctx.ledger.getAccount(accountIds.wallet(dan));
    expect(before?.balanceCents).toBe(60 * 10 + (59 * 60) / 2);

    // A process that dies after its second transaction.
    let transactions = 0;
    const dying = {
      send: (command: unknown) => {
        if (command instanceof TransactWriteCommand && ++transactions > 2) return Promise.reject(new Error('killed'));
        return db.doc.send(command as never);
      },
    } as unknown as TableClient;
    await expect(new DynamoLedger(dying, db.table).renameWallet(dan, 'erased-dan')).rejects.toThrow('killed');
    const half = [await ctx.ledger.getAccount(accountIds.wallet(dan)), await ctx.ledger.getAccount(accountIds.wallet('erased-dan'))];
    expect(half.map((a) => a!.balanceCents).reduce((x, y) => x + y)).toBe(before!.balanceCents);
    expect(half.every((a) => a!.balanceCents > 0)).toBe(true);
    await expectReconciled();

    expect(await ctx.ledger.renameWallet(dan, 'erased-dan')).toBe('RENAMED');
    expect(await ctx.ledger.getAccount(accountIds.wallet(dan))).toBeUndefined();
    expect(await ctx.ledger.getAccount(accountIds.wallet('erased-dan'))).toMatchObject({ balanceCents: before!.balanceCents, creditsCents: before!.creditsCents, debitsCents: 0 });
    expect(await ctx.ledger.renameWallet(dan, 'erased-dan')).toBe('NO_WALLET');
    await expectReconciled();
  });

  it('two erasures of one resident at once end as one', async () => {
    now = new Date('2026-09-26T10:00:00Z');
    const erin = 'resident-erin-3c19';
    for (const [day, total] of [['21', '11,00'], ['22', '12,00'], ['23', '13,00'], ['24', '14,00']] as const) {
      expect((await send(erin, fakeImage(lines({ date: `${day}/09/2026`, time: '10:00', total, ticket: `40${day}` })))).status).toBe('CREDITED');
    }
    await setPayoutAccount(ctx, me(erin), { iban: BRUNO_IBAN, holderName: 'Erin Blanc' });
    const results = await Promise.all([eraseResident(ctx, me(erin)), eraseResident(ctx, me(erin))]);
    expect(results.map((r) => r.status)).toEqual(['ERASED', 'ERASED']);
    expect(results.reduce((sum, r) => sum + r.forfeitedCents, 0)).toBe(110 + 120 + 130 + 140);
    expect(mentioning(await tableItems(), erin)).toEqual([]);
    await expectReconciled();
  });
});
