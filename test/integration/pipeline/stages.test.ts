import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { DynamoLedger } from '../../../shared/adapters/dynamodb/ledger';
import { DynamoCampaignStore, DynamoClaimStore, DynamoReceiptStore } from '../../../shared/adapters/dynamodb/stores';
import type { AppContext } from '../../../shared/app/context';
import { buildAppContext } from '../../../shared/wiring/app-context';
import { dynamoPorts } from '../../../shared/wiring/dynamo-ports';
import { activateCampaign, createCampaign, listReview } from '../../../shared/app/admin';
import { createMerchant } from '../../../shared/app/merchants';
import { createReceipt, getWallet } from '../../../shared/app/resident';
import { creditReceipt, matchReceipt, readUploadedReceipt } from '../../../shared/app/pipeline';
import { reconcileLedger } from '../../../shared/app/reconcile';
import { DecisionBody, decideReceipt } from '../../../shared/app/review';
import { parseReceipt } from '../../../shared/receipts/parser';
import { startTestTable } from '../../support/dynamo';
import { ScriptedEngine, fakeImage, receiptLines } from '../../support/scripted-ocr';
import { MemoryDocuments, MemoryImages, MemoryMedia, RecordingBus } from '../../support/memory';
import { DynamoNewsStore, DynamoReviewStore } from '../../../shared/adapters/dynamodb/shop-pages';

let db: Awaited<ReturnType<typeof startTestTable>>;
let ctx: AppContext;
let images: MemoryImages;
let bus: RecordingBus;
let engine: ScriptedEngine;
let merchantId: string;

beforeAll(async () => {
  db = await startTestTable();
  images = new MemoryImages();
  bus = new RecordingBus();
  engine = new ScriptedEngine();
  ctx = buildAppContext({
    ...dynamoPorts(db.doc, db.table),
    images,
    documents: new MemoryDocuments(),
    media: new MemoryMedia(),
    bus,
    clock: { now: () => new Date('2026-06-20T10:00:00Z') },
    ocrEngine: async () => engine,
  });
  ({ merchantId } = await createMerchant(ctx, {
    name: "Au Fournil d'Élise",
    siret: '81234567600017',
    address: { street: '12 rue de la République', postcode: '37410', city: 'Montclair-sur-Loire' },
    tags: [],
    aliases: [],
  }));
  const { campaignId } = await createCampaign(ctx, {
    name: 'Commerces',
    budgetCents: 10_000,
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
    rateBps: 1_000,
    maxCashbackPerReceiptCents: 300,
    merchants: { all: true },
  });
  await activateCampaign(ctx, campaignId);
});

afterAll(async () => {
  await db?.stop();
});

beforeEach(() => {
  bus.match.length = 0;
  bus.credit.length = 0;
});

/** Runs a receipt through the three stages as the queues would, delivering every message twice. */
async function throughPipeline(resident: string, bytes: Uint8Array) {
  const created = await createReceipt(ctx, { sub: resident, isAdmin: false }, { contentType: 'image/png', contentLength: bytes.length });
  const key = `receipts/${created.receiptId}`;
  images.objects.set(key, bytes);
  await readUploadedReceipt(ctx, key);
  await readUploadedReceipt(ctx, key);
  for (const id of [...bus.match]) await matchReceipt(ctx, id);
  for (const id of [...bus.credit]) await creditReceipt(ctx, id);
  return (await ctx.receipts.get(created.receiptId))!;
}

/** A receipt put in review directly, whatever the matcher would say of it. */
async function inReview(resident: string, lines: string[]) {
  const bytes = fakeImage(lines);
  const created = await createReceipt(ctx, { sub: resident, isAdmin: false }, { contentType: 'image/png', contentLength: bytes.length });
  const now = new Date();
  await ctx.receipts.markProcessing(created.receiptId, now);
  await ctx.receipts.saveExtraction(created.receiptId, created.receiptId, parseReceipt(await engine.read(bytes)), now);
  await ctx.receipts.sendToReview(created.receiptId, { reasons: ['test'], candidates: [] }, now);
  return (await ctx.receipts.get(created.receiptId))!;
}

describe('pipeline stages against DynamoDB Local', () => {
  it('reads, matches and credits a receipt once, even when every message comes twice', async () => {
    const callsBefore = engine.calls;
    const r = await throughPipeline(
      'alice',
      fakeImage(receiptLines({ sign: "AU FOURNIL D'ELISE", siret: '812 345 676 00017', date: '15/06/2026', time: '10:42', total: '24,10' })),
    );
    expect(engine.calls - callsBefore).toBe(1);
    expect(r.status).toBe('CREDITED');
    expect(r.decision).toMatchObject({ merchantId, totalCents: 2410, purchaseDate: '2026-06-15', cashbackCents: 241 });
    expect(r.cashbackCents).toBe(241);
    expect((await getWallet(ctx, { sub: 'alice', isAdmin: false })).balanceCents).toBe(241);
  });

  it('matches by sign and postcode when no SIRET is printed, and caps per receipt', async () => {
    const r = await throughPipeline('bob', fakeImage(receiptLines({ sign: "AU FOURNIL D'ELISE", date: '16/06/2026', time: '08:05', total: '45,00' })));
    expect(r.status).toBe('CREDITED');
    expect(r.cashbackCents).toBe(300);
  });

  it('rejects the same purchase photographed again by someone else', async () => {
    const lines = receiptLines({ sign: "AU FOURNIL D'ELISE", siret: '81234567600017', date: '17/06/2026', time: '12:00', total: '10,00' });
    expect((await throughPipeline('carol', fakeImage(lines))).status).toBe('CREDITED');
    const again = await throughPipeline('dave', fakeImage([...lines, ' ']));
    expect(again.rejection?.code).toBe('DUPLICATE_RECEIPT');
  });

  it('rejects an identical image', async () => {
    const bytes = fakeImage(receiptLines({ sign: "AU FOURNIL D'ELISE", date: '18/06/2026', total: '9,00' }));
    expect((await throughPipeline('erin', bytes)).status).toBe('CREDITED');
    expect((await throughPipeline('frank', bytes)).rejection?.code).toBe('DUPLICATE_IMAGE');
  });

  it.each([
    ['a future date', { date: '21/06/2026', total: '10,00' }, 'FUTURE_DATE'],
    ['a purchase before the campaign', { date: '31/12/2025', total: '10,00' }, 'OUTSIDE_CAMPAIGN_PERIOD'],
  ])('rejects %s', async (_name, o, code) => {
    const r = await throughPipeline(`g-${code}`, fakeImage(receiptLines({ sign: "AU FOURNIL D'ELISE", siret: '81234567600017', ...o })));
    expect(r.status).toBe('REJECTED');
    expect(r.rejection?.code).toBe(code);
  });

  it('rejects a shop that does not take part, and a file that is not an image', async () => {
    const r = await throughPipeline('h', fakeImage(receiptLines({ sign: 'GARAGE DU CENTRE', siret: '73282932000074', date: '15/06/2026', total: '80,00' })));
    expect(r.rejection?.code).toBe('MERCHANT_NOT_FOUND');
    const gif = await throughPipeline('i', new Uint8Array(Buffer.from('GIF89a....')));
    expect(gif.rejection?.code).toBe('UNSUPPORTED_FILE');
  });

  it('sends a receipt whose total cannot be read to review', async () => {
    const lines = receiptLines({ sign: "AU FOURNIL D'ELISE", siret: '81234567600017', date: '15/06/2026', total: 'x' }).filter((l) => !l.startsWith('TOTAL') && !/\d,\d\d/.test(l));
    const r = await throughPipeline('j', fakeImage(lines));
    expect(r.status).toBe('IN_REVIEW');
    const queue = await listReview(ctx, 10);
    expect(queue.items.map((i) => i.receiptId)).toContain(r.receiptId);
  });

  it('lets staff approve a receipt in review with a correction, and credits it', async () => {
    const lines = receiptLines({ sign: "AU FOURNIL D'ELISE", siret: '81234567600017', date: '15/06/2026', total: 'x' }).filter((l) => !l.startsWith('TOTAL') && !/\d,\d\d/.test(l));
    const r = await throughPipeline('kim', fakeImage([...lines, 'ticket 0042']));
    expect(r.status).toBe('IN_REVIEW');
    const staff = { sub: 'agent-7', isAdmin: true };
    const decided = await decideReceipt(ctx, staff, r.receiptId, { action: 'APPROVE', totalCents: 1_990 });
    expect(decided).toMatchObject({ status: 'PROCESSING', decision: { totalCents: 1_990, cashbackCents: 199, merchantId } });
    for (const id of [...bus.credit]) await creditReceipt(ctx, id);
    const after = (await ctx.receipts.get(r.receiptId))!;
    expect(after.status).toBe('CREDITED');
    expect(after.reviewDecision).toMatchObject({ action: 'APPROVE', by: 'agent-7', corrections: { totalCents: 1_990 } });
    await expect(decideReceipt(ctx, staff, r.receiptId, { action: 'REJECT', reason: 'trop tard' })).rejects.toMatchObject({ code: 'RECEIPT_NOT_IN_REVIEW' });
  });

  it('teaches a shop the sign staff confirmed, so the next such receipt matches by itself', async () => {
    // A sign the directory does not know for this shop (say, the name it had before).
    const sign = 'LA PANETIERE';
    const unknown = await throughPipeline('lou-0', fakeImage(receiptLines({ sign, date: '12/06/2026', time: '07:01', total: '4,40' })));
    expect(unknown.status).not.toBe('CREDITED');
    const first = await inReview('lou', receiptLines({ sign, date: '12/06/2026', time: '07:31', total: '6,40' }));
    const decided = await decideReceipt(ctx, { sub: 'agent-7', isAdmin: true }, first.receiptId, { action: 'APPROVE', merchantId });
    expect(decided).toMatchObject({ learnedAlias: sign });
    for (const id of [...bus.credit]) await creditReceipt(ctx, id);
    bus.credit.length = 0;
    const second = await throughPipeline('max', fakeImage(receiptLines({ sign, date: '13/06/2026', time: '07:45', total: '8,10' })));
    expect(second.status).toBe('CREDITED');
    expect(second.decision?.merchantId).toBe(merchantId);
  });

  it('lets staff reject a receipt in review, with a reason kept for the audit', async () => {
    const r = await inReview('nina', receiptLines({ sign: 'GARAGE', date: '11/06/2026', total: '3,00' }));
    expect(DecisionBody.safeParse({ action: 'REJECT' }).success).toBe(false);
    await decideReceipt(ctx, { sub: 'agent-7', isAdmin: true }, r.receiptId, { action: 'REJECT', reason: 'Ticket illisible, commerce inconnu' });
    const after = (await ctx.receipts.get(r.receiptId))!;
    expect(after.status).toBe('REJECTED');
    expect(after.rejection?.code).toBe('REJECTED_BY_REVIEWER');
    expect(after.reviewDecision).toMatchObject({ action: 'REJECT', reason: 'Ticket illisible, commerce inconnu' });
  });

  it('leaves a reconciled ledger', async () => {
    const report = await reconcileLedger(ctx);
    expect(report.problems).toEqual([]);
    expect(report.creditedReceipts).toBe(7); // alice, bob, carol, erin, kim, lou, max
  });
});
