/**
 * The DynamoDB receipt store keeps a receipt as a small summary item (read by the lists through
 * the indexes) and detail items with the bulky parts (shared/adapters/dynamodb/receipt-detail.ts).
 * Through a pipeline of writes, it must return exactly what the in-memory store returns; the
 * summary must stay under 1 KB with a long OCR text; and an erasure must leave the text nowhere.
 */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand } from '../../../shared/adapters/dynamodb/client/commands';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaign } from '../../../shared/app/admin';
import type { AppContext } from '../../../shared/app/context';
import { creditReceipt } from '../../../shared/app/stages/credit';
import { receiptErasure, versionOf } from '../../../shared/domain/privacy';
import type { MatchDecision, Receipt } from '../../../shared/domain/receipt';
import { rejection } from '../../../shared/domain/rejections';
import type { Extraction } from '../../../shared/receipts/extraction';
import { memoryPorts } from '../../../shared/adapters/memory';
import type { ReceiptStore } from '../../../shared/ports';
import { buildAppContext } from '../../../shared/wiring/app-context';
import { dynamoPorts } from '../../../shared/wiring/dynamo-ports';
import { itemBytes } from '../../bench/item-sizes';
import { startTestTable } from '../../support/dynamo';
import { MemoryDocuments, MemoryImages, MemoryMedia, RecordingBus } from '../../support/memory';

const NOW = new Date('2026-06-20T10:00:00Z');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const SECRET = 'CARTE FIDELITE M. DUPONT-SECRET';

let db: Awaited<ReturnType<typeof startTestTable>>;
let dyn: AppContext;
let mem: AppContext;
let campaignId: string;

function context(ports: object): AppContext {
  return buildAppContext({
    ...(ports as ReturnType<typeof memoryPorts>),
    images: new MemoryImages(),
    documents: new MemoryDocuments(),
    media: new MemoryMedia(),
    bus: new RecordingBus(),
    clock: { now: () => NOW },
  });
}

beforeAll(async () => {
  db = await startTestTable();
  dyn = context(dynamoPorts(db.doc, db.table));
  mem = context(memoryPorts());
  ({ campaignId } = await createCampaign(dyn, {
    name: 'Commerces',
    budgetCents: 10_000,
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
    rateBps: 1_000,
    maxCashbackPerReceiptCents: 300,
    merchants: { all: true },
  }));
  // The same campaign in both worlds, funded.
  const campaign = (await dyn.campaigns.get(campaignId))!;
  await mem.campaigns.create(campaign);
  for (const ctx of [dyn, mem]) {
    const c = (await ctx.campaigns.get(campaignId))!;
    await ctx.ledger.activateCampaign(c, NOW);
    await ctx.campaigns.transition(campaignId, 'DRAFT', 'ACTIVE', NOW).catch(() => false);
  }
});

afterAll(async () => {
  await db?.stop();
});

function receipt(receiptId: string, residentId: string, minute: number): Receipt {
  const iso = at(minute).toISOString();
  return { receiptId, residentId, status: 'AWAITING_UPLOAD', createdAt: iso, updatedAt: iso, contentType: 'image/jpeg', contentLength: 12_345, objectKey: `receipts/${receiptId}` };
}

/** A long OCR text (about 6,000 characters), as a long supermarket ticket gives. */
function longText(): string {
  const lines = [`SUPER U MONTCLAIR`, SECRET];
  for (let i = 0; lines.join('\n').length < 6_000; i++) lines.push(`ARTICLE ${String(i).padStart(3, '0')} PRODUIT DIVERS ALIMENTAIRE      ${(i % 9) + 1},${String(i % 100).padStart(2, '0')} EUR`);
  return lines.join('\n');
}

function extraction(text: string, lines: number): Extraction {
  return {
    engine: 'textract-expense',
    shopSign: { value: 'Au Fournil', confidence: 0.9 },
    siret: { value: '81234567600017', confidence: 0.95 },
    phone: { value: '02 47 00 00 00', confidence: 0.7 },
    street: { value: '12 rue de la République', confidence: 0.8 },
    postcode: { value: '37410', confidence: 0.9 },
    city: { value: 'Montclair-sur-Loire', confidence: 0.9 },
    purchaseDate: { value: '2026-06-19', confidence: 0.9 },
    purchaseTime: { value: '14:32', confidence: 0.9 },
    totalCents: { value: 2_000, confidence: 0.95 },
    paymentMeans: { value: 'CB', confidence: 0.8 },
    ticketNumber: { value: '000123', confidence: 0.8 },
    lineItems: Array.from({ length: lines }, (_, i) => ({ label: `ARTICLE ${i}`, amountCents: 100 + i, quantity: 1 })),
    confidence: 0.91,
    text,
  };
}

function decision(over: Partial<MatchDecision> = {}): MatchDecision {
  return {
    merchantId: 'shop-1',
    merchantName: 'Au Fournil',
    campaignId,
    purchaseDate: '2026-06-19',
    totalCents: 2_000,
    cashbackCents: 200,
    credits: [[{ campaignId, campaignName: 'Commerces', kind: 'CASHBACK', cashbackCents: 200 }]],
    explanation: ['Commerce reconnu par SIRET 81234567600017', 'Achat à 14:32, 20,00 EUR'],
    trace: [
      { campaignId, rule: 'period', verdict: 'PASS', detail: '2026-06-19 dans la période' },
      { campaignId, rule: 'hours', verdict: 'PASS', detail: 'achat à 14:32' },
    ],
    ...over,
  };
}

const photo = (seed: string) => ({ perceptualHash: seed.repeat(64).slice(0, 64), perceptualHashTurned: ['a', 'b', 'c'].map((x) => (seed + x).repeat(64).slice(0, 64)) });

/** The same call on both stores: the same answer. */
async function both<T>(call: (s: ReceiptStore) => Promise<T>): Promise<T> {
  const [d, m] = [await call(dyn.receipts), await call(mem.receipts)];
  expect(d).toEqual(m);
  return d;
}

async function expectSame(ids: readonly string[]) {
  for (const id of ids) expect(await dyn.receipts.get(id)).toEqual(await mem.receipts.get(id));
  for (const resident of ['res-1', 'res-2']) await both((s) => s.listByResident(resident, 50).then((p) => p.items));
  for (const status of ['REJECTED', 'IN_REVIEW', 'CREDITED', 'PROCESSING'] as const) await both((s) => s.listByStatus(status, 50).then((p) => p.items));
  for (const status of ['REJECTED', 'CREDITED'] as const) await both((s) => s.listPersonalDataDue(status, '9999', 50));
}

async function partition(receiptId: string) {
  const out = await db.doc.send(new QueryCommand({ TableName: db.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `RECEIPT#${receiptId}` }, ConsistentRead: true }));
  return out.Items ?? [];
}

async function summaryBytes(receiptId: string): Promise<number> {
  const out = await db.client.send(new GetItemCommand({ TableName: db.table, Key: { pk: { S: `RECEIPT#${receiptId}` }, sk: { S: 'RECEIPT' } }, ConsistentRead: true }));
  return itemBytes(out.Item!);
}

describe('DynamoDB receipts: summary and details', () => {
  const ids = ['split-long', 'split-b', 'split-rejected', 'split-review', 'split-other'];

  it('returns what the in-memory store returns through the pipeline, with a small summary', async () => {
    const text = longText();
    expect(text.length).toBeGreaterThanOrEqual(6_000);
    await both((s) => s.create(receipt('split-long', 'res-1', 0)));
    await both((s) => s.create(receipt('split-b', 'res-1', 1)));
    await both((s) => s.create(receipt('split-rejected', 'res-1', 2)));
    await both((s) => s.create(receipt('split-review', 'res-2', 3)));
    await both((s) => s.create(receipt('split-other', 'res-2', 4)));
    // A step that stopped between its two writes: a detail item no summary names never shows.
    await db.doc.send(new PutCommand({ TableName: db.table, Item: { pk: 'RECEIPT#split-b', sk: 'DETAIL#ocr#deadbeef', type: 'receiptDetail', receiptId: 'split-b', extraction: { text: SECRET } } }));
    for (const id of ids) await both((s) => s.markProcessing(id, at(10)));
    await expectSame(ids);

    await both((s) => s.saveExtraction('split-long', 'f'.repeat(64), extraction(text, 40), at(11), photo('1')));
    await both((s) => s.saveExtraction('split-long', 'f'.repeat(64), extraction('another reading', 1), at(12), photo('2'))); // false: once
    for (const id of ids.slice(1)) await both((s) => s.saveExtraction(id, id.padEnd(64, '0'), extraction(`${SECRET}\nTOTAL 20,00`, 3), at(11), id === 'split-other' ? undefined : photo('3')));
    await expectSame(ids);

    await both((s) => s.saveDecision('split-long', decision(), at(13)));
    await both((s) => s.saveDecision('split-long', decision({ explanation: ['other'] }), at(14))); // false: once
    await both((s) => s.saveDecision('split-b', decision({ trace: undefined }), at(13)));
    await both((s) => s.reject('split-rejected', rejection('NO_ACTIVE_CAMPAIGN'), at(15), campaignId, decision().trace));
    await both((s) => s.sendToReview('split-review', { reasons: [`Lecture incertaine à 14:32 ${SECRET}`], candidates: [{ merchantId: 'shop-1', name: 'Au Fournil', score: 0.7 }], lookAlikes: [{ receiptId: 'split-b', distance: 4 }] }, at(15), campaignId));
    await both((s) => s.sendToReview('split-review', { reasons: ['again'], candidates: [] }, at(16))); // false: moved on
    await expectSame(ids);

    const reviewer = { action: 'APPROVE' as const, by: 'staff-1', at: at(20).toISOString(), corrections: { totalCents: 2_100 } };
    await both((s) => s.approveReview('split-review', decision({ totalCents: 2_100, explanation: ['Corrigé par le personnel'], trace: [{ campaignId, rule: 'total', verdict: 'PASS', detail: 'corrigé' }] }), reviewer, at(20)));
    await expectSame(ids);

    // The credit stage (the ledger's transaction updates the summary).
    for (const id of ['split-long', 'split-review']) expect(await creditReceipt(dyn, id)).toBe(await creditReceipt(mem, id));
    await expectSame(ids);

    // The summaries only (what counting and adding up read): the same list and amounts, no reading.
    const summaryFields = (r: Receipt) => ({ receiptId: r.receiptId, residentId: r.residentId, status: r.status, createdAt: r.createdAt, cashbackCents: r.cashbackCents, credits: r.credits, merchantId: r.decision?.merchantId, purchaseDate: r.decision?.purchaseDate, totalCents: r.decision?.totalCents });
    for (const list of [(s: ReceiptStore, v?: 'summary') => s.listByStatus('CREDITED', 50, undefined, v), (s: ReceiptStore, v?: 'summary') => s.listByResident('res-1', 50, undefined, v)]) {
      const whole = (await list(dyn.receipts)).items;
      const summaries = (await list(dyn.receipts, 'summary')).items;
      expect(summaries.map(summaryFields)).toEqual(whole.map(summaryFields));
      expect(JSON.stringify(summaries)).not.toContain('SECRET');
      expect(summaries.every((r) => r.extraction?.text === undefined && r.decision?.trace === undefined)).toBe(true);
    }

    const bytes = await summaryBytes('split-long');
    expect(bytes).toBeLessThan(1_024);
    // And the reading as a whole is still there.
    expect((await dyn.receipts.get('split-long'))!.extraction!.text).toBe(text);
  });

  it('erases the text from every item of the partition', async () => {
    for (const id of ids) {
      const r = (await mem.receipts.get(id))!;
      const erasure = receiptErasure(r, at(60).toISOString(), id === 'split-review' ? 'pseudo-2' : undefined);
      await both((s) => s.erasePersonalData(id, versionOf(r), erasure));
      // A second attempt from the stale version is refused by both.
      await both((s) => s.erasePersonalData(id, versionOf(r), erasure));
    }
    await expectSame(ids);
    await both((s) => s.listByResident('pseudo-2', 50).then((p) => p.items));
    for (const id of ids) {
      const items = await partition(id);
      const json = JSON.stringify(items);
      expect(json).not.toContain('SECRET');
      expect(json).not.toContain('ARTICLE');
      // (The decision's explanation is kept by the erasure, as in memory; the traces lose their times.)
      expect(JSON.stringify(items.map((i) => [i.ruleTrace, (i.decision as { trace?: unknown } | undefined)?.trace]))).not.toContain('14:32');
      // The unnamed detail item of the interrupted step is gone too.
      expect(items.map((i) => i.sk)).not.toContain('DETAIL#ocr#deadbeef');
    }
  });
});
