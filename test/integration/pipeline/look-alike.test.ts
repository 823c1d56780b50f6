import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../shared/app/context';
import { activateCampaign, createCampaign, listReview } from '../../../shared/app/admin';
import { createMerchant } from '../../../shared/app/merchants';
import { createReceipt } from '../../../shared/app/resident';
import { creditReceipt, matchReceipt, readUploadedReceipt } from '../../../shared/app/pipeline';
import { DEFAULT_FRAUD_POLICY, FraudPolicy } from '../../../shared/domain/fraud-policy';
import type { OcrEngine, OcrResult } from '../../../shared/ocr/types';
import { hammingDistance } from '../../../shared/ocr/perceptual-hash';
import { receiptContent } from '../../fixtures/corpus/content';
import { renderContent } from '../../fixtures/corpus/render';
import { startTestTable } from '../../support/dynamo';
import { pipelineHarness, sendReceipt, type PipelineHarness } from '../../support/pipeline';
import { receiptLines } from '../../support/scripted-ocr';

/**
 * Look-alike photos through the real stages on DynamoDB Local: real receipt photos, hashed at
 * intake and indexed by band; an OCR engine that "reads" what each test says a photo shows, so
 * that the readings of two look-alikes can agree or not. Today is 2026-06-20.
 */
class ReadingsEngine implements OcrEngine {
  readonly name = 'readings';
  private readonly readings = new Map<string, string[]>();
  /** What the engine reads on these bytes. */
  shows(bytes: Uint8Array, lines: string[]): Uint8Array {
    this.readings.set(sha(bytes), lines);
    return bytes;
  }
  async read(bytes: Uint8Array): Promise<OcrResult> {
    const lines = this.readings.get(sha(bytes)) ?? ['~~ ~~~', '...'];
    return { engine: this.name, hints: [], lines: lines.map((text) => ({ text, confidence: 0.95 })) };
  }
}
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const RECEIPTS = fileURLToPath(new URL('../../fixtures/receipts/', import.meta.url));
const photo = async (name: string) => new Uint8Array(await readFile(join(RECEIPTS, name)));
// Ordinary till tickets, as these cases were written around them (scanLike: false). A long ticket
// with a gross VAT table (seed 5170 since the corpus learned them) loses its look-alike to the
// 3 % crop of copyOf: distance 50 for a maximum of 32, which bench:phash's recall accounts for.
const drawn = async (seed: number) => (await renderContent(receiptContent({ seed, scanLike: false }), { seed, degradation: 'clean' })).bytes;

/** The same picture sent again: shrunk, re-framed 3 % on each side, brighter, re-encoded as a JPEG. */
async function copyOf(bytes: Uint8Array): Promise<Uint8Array> {
  const { width = 0, height = 0 } = await sharp(bytes).metadata();
  const dx = Math.round(width * 0.03);
  const dy = Math.round(height * 0.03);
  return new Uint8Array(
    await sharp(bytes)
      .extract({ left: dx, top: dy, width: width - 2 * dx, height: height - 2 * dy })
      .resize({ width: Math.round(width * 0.7) })
      .modulate({ brightness: 1.1 })
      .jpeg({ quality: 55 })
      .toBuffer(),
  );
}

const SHOP = { sign: 'CAVE DU VIEUX PORT', siret: '732 829 320 00074', street: '5 rue du Port' };
const reads = (o: { date: string; time?: string; ticket?: string; total: string }) => receiptLines({ ...SHOP, ...o });

let db: Awaited<ReturnType<typeof startTestTable>>;
let ctx: AppContext;
let h: PipelineHarness;
const engine = new ReadingsEngine();

beforeAll(async () => {
  db = await startTestTable();
  h = pipelineHarness(db, '2026-06-20T10:00:00Z', engine);
  ctx = h.ctx;
  await createMerchant(ctx, { name: 'Cave du Vieux Port', siret: '73282932000074', address: { street: '5 rue du Port', postcode: '37410', city: 'Montclair-sur-Loire' }, tags: [], aliases: [] });
  const campaign = await createCampaign(ctx, { name: 'Commerces de proximité', budgetCents: 1_000_000, startsOn: '2026-01-01', endsOn: '2026-12-31', rateBps: 1_000 });
  await activateCampaign(ctx, campaign.campaignId);
});

afterAll(async () => {
  await db?.stop();
});

describe('look-alike photos', () => {
  it('keeps the photo hash on the receipt, and does not hold unrelated photos', async () => {
    const a = await sendReceipt(h, 'r-0', engine.shows(await photo('fromagerie-rotated.jpg'), reads({ date: '15/06/2026', time: '11:20', ticket: '7001', total: '14,10' })));
    const b = await sendReceipt(h, 'r-0', engine.shows(await drawn(5150), reads({ date: '15/06/2026', time: '17:55', ticket: '7040', total: '26,30' })));
    expect([a.status, b.status]).toEqual(['CREDITED', 'CREDITED']);
    expect(a.perceptualHash).toMatch(/^[0-9a-f]{64}$/);
    expect(hammingDistance(a.perceptualHash!, b.perceptualHash!)).toBeGreaterThan(DEFAULT_FRAUD_POLICY.nearDuplicateMaxDistance);
  });

  it('holds a copy of a paid photo for staff when one figure reads differently, naming the first receipt', async () => {
    const original = await photo('boulangerie.jpg');
    const first = await sendReceipt(h, 'r-1', engine.shows(original, reads({ date: '18/06/2026', time: '10:02', ticket: '0042', total: '23,40' })));
    expect(first.status).toBe('CREDITED');
    // Another resident sends it again; the blurrier copy loses its time and number and misreads the total.
    const copy = await sendReceipt(h, 'r-2', engine.shows(await copyOf(original), reads({ date: '18/06/2026', total: '23,90' })));
    expect(copy.status).toBe('IN_REVIEW');
    expect(copy.review!.reasons).toEqual([expect.stringContaining(`ticket ${first.receiptId} d'un autre résident`)]);
    expect(copy.review!.reasons[0]).toContain('mêmes date ; diffère : montant');
    // Staff get both photos to compare.
    const distance = hammingDistance(first.perceptualHash!, copy.perceptualHash!);
    expect(copy.review!.lookAlikes).toEqual([{ receiptId: first.receiptId, distance }]);
    const queue = await listReview(ctx, 50);
    expect(queue.items.find((r) => r.receiptId === copy.receiptId)!.review!.lookAlikes).toEqual([
      { receiptId: first.receiptId, distance, imageUrl: `memory://receipts/${first.receiptId}` },
    ]);
  });

  it('names the look-alike beside the other signs when every reading agrees (same amount, no time, no number)', async () => {
    const original = await drawn(5151);
    const lines = reads({ date: '17/06/2026', total: '41,00' });
    const first = await sendReceipt(h, 'r-3', engine.shows(original, lines));
    expect(first.status).toBe('CREDITED');
    const copy = await sendReceipt(h, 'r-3', engine.shows(await copyOf(original), [...lines, 'MERCI DE VOTRE VISITE']));
    expect(copy.status).toBe('IN_REVIEW');
    expect(copy.review!.reasons.some((r) => r.includes(first.receiptId) && r.includes('du même résident') && r.includes('mêmes date, montant)'))).toBe(true);
  });

  it('finds a copy turned a quarter without an EXIF tag', async () => {
    const original = await drawn(5155);
    const first = await sendReceipt(h, 'r-12', engine.shows(original, reads({ date: '18/06/2026', time: '12:05', total: '27,50' })));
    const turned = new Uint8Array(await sharp(original).rotate(90).jpeg({ quality: 70 }).toBuffer());
    const copy = await sendReceipt(h, 'r-13', engine.shows(turned, reads({ date: '18/06/2026', total: '27,80' })));
    expect(hammingDistance(first.perceptualHash!, copy.perceptualHash!)).toBeGreaterThan(DEFAULT_FRAUD_POLICY.nearDuplicateMaxDistance);
    expect(copy.status).toBe('IN_REVIEW');
    expect(copy.review!.lookAlikes!.map((l) => l.receiptId)).toEqual([first.receiptId]);
  });

  it('pays a ticket that looks the same when its date, time and number say it is another purchase', async () => {
    const original = await photo('caviste.png');
    const first = await sendReceipt(h, 'r-4', engine.shows(original, reads({ date: '16/06/2026', time: '09:10', ticket: '118', total: '31,00' })));
    // The same till, the same bottle bought again two days later: the hash cannot tell, the readings can.
    const again = await sendReceipt(h, 'r-4', engine.shows(await copyOf(original), reads({ date: '18/06/2026', time: '16:45', ticket: '131', total: '31,00' })));
    expect([first.status, again.status]).toEqual(['CREDITED', 'CREDITED']);
  });

  type Reading = { date: string; time?: string; ticket?: string; total: string };
  it.each<[string, string, number, Reading, Partial<Reading>, string]>([
    ['pays', 'another sale at another minute (no ticket number)', 5160, { date: '15/06/2026', time: '17:40', total: '6,60' }, { time: '18:02' }, 'CREDITED'],
    ['holds', 'the same ticket number on another day and minute (edited or misread)', 5161, { date: '14/06/2026', time: '11:10', ticket: '5501', total: '8,20' }, { date: '13/06/2026', time: '11:40' }, 'IN_REVIEW'],
    ['holds', 'another date alone (edited or misread)', 5162, { date: '12/06/2026', time: '09:05', total: '4,90' }, { date: '11/06/2026' }, 'IN_REVIEW'],
  ])('%s a look-alike with %s', async (_verb, _what, seed, base, change, status) => {
    const original = await drawn(seed);
    const first = await sendReceipt(h, `r-${seed}`, engine.shows(original, reads(base)));
    const copy = await sendReceipt(h, `r-${seed}-b`, engine.shows(await copyOf(original), reads({ ...base, ...change })));
    expect(first.status).toBe('CREDITED');
    expect(copy.status).toBe(status);
    if (status === 'IN_REVIEW') expect(copy.review!.lookAlikes!.map((l) => l.receiptId)).toEqual([first.receiptId]);
  });

  it('finds the copy of a ticket among many other sales of the same till that look even closer', async () => {
    const original = await drawn(5170);
    const first = await sendReceipt(h, 'r-30', engine.shows(original, reads({ date: '16/06/2026', time: '10:15', ticket: '880', total: '15,20' })));
    const copy = await copyOf(original);
    // Six other sales whose photos are nearer the copy than the original is (re-encodings of it).
    const encodings = [95, 90, 85, 80, 75, 70].map((q) => sharp(copy).jpeg({ quality: q }).toBuffer());
    for (const [k, bytes] of (await Promise.all(encodings)).entries()) {
      const sale = await sendReceipt(h, `r-31-${k}`, engine.shows(new Uint8Array(bytes), reads({ date: '16/06/2026', time: `10:${20 + k}`, ticket: String(881 + k), total: `${16 + k},40` })));
      expect(sale.status).toBe('CREDITED');
    }
    // The copy: the same ticket number, its date misread (so the exact-purchase keys miss it).
    const sent = await sendReceipt(h, 'r-32', engine.shows(copy, reads({ date: '15/06/2026', ticket: '880', total: '15,20' })));
    expect(sent.status).toBe('IN_REVIEW');
    expect(sent.review!.lookAlikes!.map((l) => l.receiptId)).toEqual([first.receiptId]);
    expect(sent.review!.reasons[0]).toContain('mêmes numéro de ticket, montant ; diffère : date');
  });

  it('welcomes a better photo of a ticket whose first photo could not be read', async () => {
    const original = await photo('librairie.png');
    const unreadable = await sendReceipt(h, 'r-5', original); // the engine reads nothing on it
    expect(unreadable.rejection?.code).toBe('UNREADABLE');
    const retake = await sendReceipt(h, 'r-5', engine.shows(await copyOf(original), reads({ date: '19/06/2026', time: '15:30', ticket: '2210', total: '18,50' })));
    expect(retake.status).toBe('CREDITED');
  });

  it.each([
    ['in upload order', false, 'r-6', 'r-7', ['9,80', '9,30']],
    ['the later one first', true, 'r-10', 'r-11', ['7,40', '7,10']],
  ])('holds one of two look-alikes matched one after the other (%s), naming the other', async (_order, laterFirst, residentA, residentB, totals) => {
    const original = await drawn(laterFirst ? 5153 : 5154);
    const upload = async (resident: string, bytes: Uint8Array, at: string) => {
      ctx.clock = { now: () => new Date(at) };
      const r = await createReceipt(ctx, { sub: resident, isAdmin: false }, { contentType: 'image/jpeg', contentLength: bytes.length });
      h.images.objects.set(`receipts/${r.receiptId}`, bytes);
      await readUploadedReceipt(ctx, `receipts/${r.receiptId}`);
      return r.receiptId;
    };
    try {
      const earlier = await upload(residentA, engine.shows(original, reads({ date: '19/06/2026', total: totals[0]! })), '2026-06-20T10:00:00Z');
      const later = await upload(residentB, engine.shows(await copyOf(original), reads({ date: '19/06/2026', total: totals[1]! })), '2026-06-20T10:00:05Z');
      expect(h.bus.match.splice(0)).toEqual([earlier, later]);
      const [first, second] = laterFirst ? [later, earlier] : [earlier, later];
      await matchReceipt(ctx, first);
      await matchReceipt(ctx, second);
      for (const id of h.bus.credit.splice(0)) await creditReceipt(ctx, id);
      const [paid, held] = await Promise.all([ctx.receipts.get(first), ctx.receipts.get(second)]);
      expect(paid!.status).toBe('CREDITED');
      expect(held!.status).toBe('IN_REVIEW');
      expect(held!.review!.reasons).toEqual([expect.stringContaining(`ticket ${first} d'un autre résident`)]);
    } finally {
      ctx.clock = { now: () => new Date('2026-06-20T10:00:00Z') };
    }
  });

  it('finds a photo indexed under another number of bands: the city may change lookAlikeIndexBands without re-indexing', async () => {
    const original = await drawn(6161);
    ctx.policy = FraudPolicy.parse({ lookAlikeIndexBands: 16 });
    try {
      const first = await sendReceipt(h, 'r-10', engine.shows(original, reads({ date: '17/06/2026', total: '31,20' })));
      expect(first.status).toBe('CREDITED');
      ctx.policy = FraudPolicy.parse({ lookAlikeIndexBands: 10 });
      const copy = await sendReceipt(h, 'r-11', engine.shows(await copyOf(original), reads({ date: '17/06/2026', total: '31,80' })));
      expect(copy.status).toBe('IN_REVIEW');
      expect(copy.review!.lookAlikes?.map((l) => l.receiptId)).toEqual([first.receiptId]);
      // And the other way round: indexed with 10, searched with all 16.
      const other = await drawn(6262);
      const third = await sendReceipt(h, 'r-12', engine.shows(other, reads({ date: '16/06/2026', total: '44,10' })));
      ctx.policy = FraudPolicy.parse({ lookAlikeIndexBands: 16 });
      const again = await sendReceipt(h, 'r-13', engine.shows(await copyOf(other), reads({ date: '16/06/2026', total: '44,70' })));
      expect(again.review?.lookAlikes?.map((l) => l.receiptId)).toEqual([third.receiptId]);
    } finally {
      ctx.policy = undefined;
    }
  });

  it('follows the distance the city sets (0: only identical pictures)', async () => {
    const original = await drawn(5152);
    const first = await sendReceipt(h, 'r-8', engine.shows(original, reads({ date: '18/06/2026', total: '12,00' })));
    ctx.policy = FraudPolicy.parse({ nearDuplicateMaxDistance: 0 });
    try {
      const copy = await sendReceipt(h, 'r-9', engine.shows(await copyOf(original), reads({ date: '18/06/2026', total: '12,60' })));
      expect([first.status, copy.status]).toEqual(['CREDITED', 'CREDITED']);
    } finally {
      ctx.policy = undefined;
    }
  });
});
