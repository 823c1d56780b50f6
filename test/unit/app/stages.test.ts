import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { activateCampaign, createCampaign, listReview } from '../../../shared/app/admin';
import { createHousehold, joinHousehold } from '../../../shared/app/households';
import { reverseReceipt } from '../../../shared/app/ledger';
import { createMerchant } from '../../../shared/app/merchants';
import { creditReceipt, matchReceipt, readUploadedReceipt } from '../../../shared/app/pipeline';
import { rejectPayoutItem, runPayouts, setPayoutAccount, settlePayout } from '../../../shared/app/payouts';
import { reconcileLedger } from '../../../shared/app/reconcile';
import { createReceipt, getWallet } from '../../../shared/app/resident';
import { decideReceipt } from '../../../shared/app/review';
import type { MemoryAppContext } from '../../../shared/wiring/memory-context';
import { memoryPipeline, sendReceipt, type PipelineHarness } from '../../support/pipeline';
import { ScriptedEngine, fakeImage, receiptLines } from '../../support/scripted-ocr';

/**
 * Each stage of the pipeline over the in-memory adapters (shared/adapters/memory): the same
 * operations the Lambdas run, no DynamoDB Local, each test in milliseconds. Today is 2026-06-20.
 */
let h: PipelineHarness & { ctx: MemoryAppContext };
let ctx: MemoryAppContext;
let engine: ScriptedEngine;
let fournil: string;
let campaignId: string;
const staff = { sub: 'agent-1', isAdmin: true };
const who = (sub: string) => ({ sub, isAdmin: false });

const FOURNIL = { sign: "AU FOURNIL D'ÉLISE", siret: '812 345 676 00017' };
let ticketNumber = 1000;
/** A ticket of the bakery, numbered (two tickets of one amount on one day are then two sales). */
const ticket = (total: string, numbered = true) => fakeImage([...receiptLines({ ...FOURNIL, date: '18/06/2026', total, ...(numbered ? { ticket: String(ticketNumber++) } : {}) }), randomUUID()]);

beforeEach(async () => {
  engine = new ScriptedEngine();
  h = memoryPipeline('2026-06-20T10:00:00Z', engine);
  ctx = h.ctx;
  fournil = (await createMerchant(ctx, { name: "Au Fournil d'Élise", siret: '81234567600017', address: { street: '12 rue de la République', postcode: '37410', city: 'Montclair-sur-Loire' }, tags: [], aliases: [] })).merchantId;
  campaignId = (await createCampaign(ctx, { name: 'Commerces', budgetCents: 10_000, startsOn: '2026-01-01', endsOn: '2026-12-31', rateBps: 1_000, maxCashbackPerReceiptCents: 300, merchants: { all: true } })).campaignId;
  await activateCampaign(ctx, campaignId);
});

describe('read, match and credit', () => {
  it('reads a photo once, finds the shop and the campaign, and credits 10 % in one ledger transaction', async () => {
    const r = await sendReceipt(h, 'alice', ticket('12,50'));
    expect(r).toMatchObject({ status: 'CREDITED', cashbackCents: 125 });
    expect(r.decision).toMatchObject({ merchantId: fournil, campaignId, totalCents: 1_250, purchaseDate: '2026-06-18' });
    expect(r.extraction?.totalCents?.value).toBe(1_250);
    expect(await getWallet(ctx, who('alice'))).toMatchObject({ balanceCents: 125 });
    expect(engine.calls).toBe(1);
    // Redelivered events and commands change nothing.
    expect(await readUploadedReceipt(ctx, `receipts/${r.receiptId}`)).toBe('ALREADY_DONE');
    expect(await matchReceipt(ctx, r.receiptId)).toBe('ALREADY_DONE');
    expect(await creditReceipt(ctx, r.receiptId)).toBe('ALREADY_DONE');
    expect(engine.calls).toBe(1);
    expect((await getWallet(ctx, who('alice'))).balanceCents).toBe(125);
    expect((await reconcileLedger(ctx)).problems).toEqual([]);
  });

  it('announces write-once uploads: the image read is the upload', async () => {
    const created = await createReceipt(ctx, who('bruno'), { contentType: 'image/png', contentLength: 100 });
    expect(created.upload.headers['If-None-Match']).toBe('*');
    const key = `receipts/${created.receiptId}`;
    expect((await ctx.receipts.get(created.receiptId))?.uploadWriteOnce).toBe(true);
    ctx.images.objects.set(key, ticket('10,00'));
    expect(await readUploadedReceipt(ctx, key)).toBe('FORWARDED');
    expect(ctx.images.kept.size).toBe(0);
    expect((await ctx.receipts.get(created.receiptId))?.extraction?.totalCents?.value).toBe(1_000);
  });

  it('keeps the bytes first read of a receipt announced before uploads were write-once, whatever is uploaded afterwards', async () => {
    const created = await createReceipt(ctx, who('bruno'), { contentType: 'image/png', contentLength: 100 });
    const { uploadWriteOnce: _, ...legacy } = (await ctx.receipts.get(created.receiptId))!;
    const receiptId = `${created.receiptId}-legacy`;
    const key = `receipts/${receiptId}`;
    await ctx.receipts.create({ ...legacy, receiptId, objectKey: key });
    ctx.images.objects.set(key, ticket('10,00'));
    expect(await readUploadedReceipt(ctx, key)).toBe('FORWARDED');
    ctx.images.objects.set(key, ticket('99,00'));
    expect(await ctx.images.keepUpload({ objectKey: key })).not.toEqual(ctx.images.objects.get(key));
    expect((await ctx.receipts.get(receiptId))?.extraction?.totalCents?.value).toBe(1_000);
  });

  it('refuses the same image sent twice, and a file that is not an image', async () => {
    const bytes = ticket('8,00');
    expect((await sendReceipt(h, 'chloe', bytes)).status).toBe('CREDITED');
    expect((await sendReceipt(h, 'chloe', bytes)).rejection?.code).toBe('DUPLICATE_IMAGE');
    expect((await sendReceipt(h, 'chloe', new TextEncoder().encode('%!PS-Adobe not an image'))).status).toBe('REJECTED');
    expect(engine.calls).toBe(1);
  });

  it('pays no more than the budget: the last receipt gets what is left, the next one is refused', async () => {
    const small = (await createCampaign(ctx, { name: 'Petit', budgetCents: 150, startsOn: '2026-01-01', endsOn: '2026-12-31', rateBps: 1_000, merchants: { all: true } })).campaignId;
    await ctx.campaigns.transition(campaignId, 'ACTIVE', 'PAUSED', new Date());
    await activateCampaign(ctx, small);
    const paid = await Promise.all(['10,00', '10,00', '10,00'].map((t, i) => sendReceipt(h, `dan-${i}`, ticket(t))));
    expect(paid.map((r) => r.cashbackCents ?? 0).sort((a, b) => a - b)).toEqual([0, 50, 100]);
    expect(paid.filter((r) => r.rejection?.code === 'BUDGET_EXHAUSTED')).toHaveLength(1);
    expect((await ctx.ledger.getAccount(`budget:${small}`))?.balanceCents).toBe(0);
  });
});

describe('staff review', () => {
  /** A second ticket of the same amount the same day, with nothing to tell the sales apart: staff look at it. */
  async function doubtful(resident: string) {
    expect((await sendReceipt(h, resident, ticket('20,00', false))).status).toBe('CREDITED');
    const r = await sendReceipt(h, resident, ticket('20,00', false));
    expect(r.status).toBe('IN_REVIEW');
    expect(r.review?.reasons.join(' ')).toMatch(/même montant/i);
    return r;
  }

  it('sends a doubtful receipt to review; an approval credits it', async () => {
    const r = await doubtful('emma');
    expect((await listReview(ctx, 10)).items.map((x) => x.receiptId)).toEqual([r.receiptId]);
    const approved = await decideReceipt(ctx, staff, r.receiptId, { action: 'APPROVE', merchantId: fournil, teachAlias: false });
    expect(approved).toMatchObject({ status: 'PROCESSING', decision: { merchantId: fournil, cashbackCents: 200 } });
    expect(ctx.bus.credit).toEqual([r.receiptId]);
    expect(await creditReceipt(ctx, r.receiptId)).toBe('CREDITED');
    expect(await ctx.receipts.get(r.receiptId)).toMatchObject({ status: 'CREDITED', cashbackCents: 200, reviewDecision: { action: 'APPROVE', by: 'agent-1' } });
    await expect(decideReceipt(ctx, staff, r.receiptId, { action: 'REJECT' })).rejects.toMatchObject({ code: 'RECEIPT_NOT_IN_REVIEW' });
    expect((await reconcileLedger(ctx)).problems).toEqual([]);
  });

  it('rejects on a reviewer’s word, and the receipt leaves the review queue', async () => {
    const r = await doubtful('farid');
    expect(await decideReceipt(ctx, staff, r.receiptId, { action: 'REJECT', reason: 'Ticket illisible' })).toEqual({ receiptId: r.receiptId, status: 'REJECTED' });
    expect((await ctx.receipts.get(r.receiptId))?.rejection?.code).toBe('REJECTED_BY_REVIEWER');
    expect((await listReview(ctx, 10)).items).toEqual([]);
    expect((await reconcileLedger(ctx)).problems).toEqual([]);
  });
});

describe('reversal', () => {
  it('takes a credited receipt’s cashback back from the wallet, once', async () => {
    const r = await sendReceipt(h, 'gina', ticket('30,00'));
    expect(r.cashbackCents).toBe(300);
    expect(await reverseReceipt(ctx, staff, r.receiptId, { reason: 'Ticket falsifié' })).toMatchObject({ status: 'REJECTED', reversedCents: 300 });
    await expect(reverseReceipt(ctx, staff, r.receiptId, { reason: 'encore' })).rejects.toMatchObject({ code: 'RECEIPT_NOT_CREDITED' });
    expect((await getWallet(ctx, who('gina'))).balanceCents).toBe(0);
    expect((await ctx.ledger.getAccount(`budget:${campaignId}`))?.balanceCents).toBe(10_000);
    expect((await reconcileLedger(ctx)).problems).toEqual([]);
  });
});

describe('payout run', () => {
  const settings = { thresholdCents: 200, debtor: { name: 'Ville de Montclair-sur-Loire', iban: 'FR58300010006400000C3741005', postcode: '37410', town: 'Montclair-sur-Loire' } };

  it('pays the wallets due that have an account, returns a rejected item, and posts the rest at settlement', async () => {
    for (const [sub, iban] of [['hugo', 'FR7630004008230001000002128'], ['ines', 'FR1420041010050500013M02606']] as const) {
      await setPayoutAccount(ctx, who(sub), { iban, holderName: sub });
      await sendReceipt(h, sub, ticket('30,00'));
    }
    await sendReceipt(h, 'jade', ticket('30,00')); // no payout account
    const batch = await runPayouts(ctx, settings);
    expect(batch).toMatchObject({ itemCount: 2, totalCents: 600 });
    expect(await runPayouts(ctx, settings)).toMatchObject({ payoutId: batch!.payoutId, itemCount: 2 });
    expect(await getWallet(ctx, who('hugo'))).toMatchObject({ balanceCents: 0, pendingPayoutCents: 300 });
    const items = await ctx.payouts.listItems(batch!.payoutId);
    const ines = items.find((i) => i.residentId === 'ines')!;
    await rejectPayoutItem(ctx, batch!.payoutId, ines.itemId, 'Compte clos');
    await settlePayout(ctx, batch!.payoutId);
    expect(await getWallet(ctx, who('hugo'))).toMatchObject({ balanceCents: 0, pendingPayoutCents: 0, paidOutCents: 300 });
    expect(await getWallet(ctx, who('ines'))).toMatchObject({ balanceCents: 300, pendingPayoutCents: 0, paidOutCents: 0 });
    expect(await getWallet(ctx, who('jade'))).toMatchObject({ balanceCents: 300 });
    expect([...ctx.documents.files.keys()]).toHaveLength(2);
    expect((await reconcileLedger(ctx)).problems).toEqual([]);
  });
});

describe('a gift allowance per household', () => {
  it('is shared by the household’s members, then the general campaign pays instead', async () => {
    const gift = (await createCampaign(ctx, { kind: 'GIFT_ALLOWANCE', name: 'Chèque commerce', budgetCents: 100_000, startsOn: '2026-01-01', endsOn: '2026-12-31', rateBps: 10_000, allowance: { amountCents: 3_000, per: 'HOUSEHOLD' }, merchants: { ids: [fournil] } })).campaignId;
    await activateCampaign(ctx, gift);
    const household = await createHousehold(ctx, who('karl'));
    await joinHousehold(ctx, who('lea'), { joinCode: household.joinCode! });
    const credits = async (sub: string, total: string) => (await sendReceipt(h, sub, ticket(total))).credits?.map((c) => [c.campaignId, c.amountCents]);
    expect(await credits('karl', '20,00')).toEqual([[gift, 2_000]]);
    expect(await credits('lea', '15,00')).toEqual([[gift, 1_000]]);
    expect(await credits('lea', '10,00')).toEqual([[campaignId, 100]]);
    // A resident on their own has their own allowance.
    expect(await credits('mona', '15,00')).toEqual([[gift, 1_500]]);
    await expect(joinHousehold(ctx, who('mona'), { joinCode: household.joinCode! })).rejects.toMatchObject({ code: 'HOUSEHOLD_LOCKED' });
    expect((await reconcileLedger(ctx)).problems).toEqual([]);
  });
});
