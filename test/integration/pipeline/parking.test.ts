import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activateCampaign, createCampaign } from '../../../shared/app/admin';
import { createMerchant } from '../../../shared/app/merchants';
import { sweepWaitingTickets } from '../../../shared/app/parking';
import { creditReceipt, matchReceipt, readUploadedReceipt } from '../../../shared/app/pipeline';
import { reconcileLedger } from '../../../shared/app/reconcile';
import { createReceipt, getReceipt } from '../../../shared/app/resident';
import { startTestTable } from '../../support/dynamo';
import { pipelineHarness, type PipelineHarness } from '../../support/pipeline';
import { fakeImage, receiptLines } from '../../support/scripted-ocr';

/**
 * Free parking with a purchase over DynamoDB Local: the waiting ticket listed under PROCESSING by
 * its deadline (markWaiting), woken by a purchase credited, and the sweep past the deadline.
 */
let db: Awaited<ReturnType<typeof startTestTable>>;
let h: PipelineHarness;
let now = new Date('2026-06-18T08:00:00Z');
let minute = 10;

const carPark = (amount: string) => {
  const m = String(minute++);
  return fakeImage(['INDIGO', 'PARKING HOTEL DE VILLE', `Entrée : 18/06/2026 09:${m}`, `Sortie : 18/06/2026 11:${m}`, `Montant TTC  ${amount} €`, randomUUID()]);
};
let ticketNumber = 500;
const purchase = (total: string) =>
  fakeImage([...receiptLines({ sign: "AU FOURNIL D'ÉLISE", siret: '812 345 676 00017', date: '18/06/2026', total, ticket: String(ticketNumber++) }), randomUUID()]);

async function send(resident: string, bytes: Uint8Array) {
  const created = await createReceipt(h.ctx, { sub: resident, isAdmin: false }, { contentType: 'image/png', contentLength: bytes.length });
  h.images.objects.set(`receipts/${created.receiptId}`, bytes);
  await readUploadedReceipt(h.ctx, `receipts/${created.receiptId}`);
  while (h.bus.match.length + h.bus.credit.length > 0) {
    for (const id of h.bus.match.splice(0)) await matchReceipt(h.ctx, id);
    for (const id of h.bus.credit.splice(0)) await creditReceipt(h.ctx, id);
  }
  return (await h.ctx.receipts.get(created.receiptId))!;
}

beforeAll(async () => {
  db = await startTestTable();
  h = pipelineHarness(db);
  h.ctx.clock = { now: () => now };
  await createMerchant(h.ctx, { name: "Au Fournil d'Élise", siret: '81234567600017', address: { street: '12 rue de la République', postcode: '37410', city: 'Montclair-sur-Loire' }, tags: [], aliases: [] });
  const shops = await createCampaign(h.ctx, { name: 'Commerces', budgetCents: 10_000, startsOn: '2026-01-01', endsOn: '2026-12-31', rateBps: 1_000, merchants: { all: true } });
  await activateCampaign(h.ctx, shops.campaignId);
  const parking = await createCampaign(h.ctx, { kind: 'PARKING', name: 'Stationnement offert', budgetCents: 5_000, startsOn: '2026-01-01', endsOn: '2026-12-31', refundMaxCents: 300, minPurchaseCents: 1_500, carParks: { operators: ['Indigo'] } });
  await activateCampaign(h.ctx, parking.campaignId);
});

afterAll(async () => {
  await db?.stop();
});

describe('free parking over DynamoDB', () => {
  it('a ticket waits, listed by deadline; a purchase hours later pays it; the sweep refuses one left without a purchase', async () => {
    const first = await send('alice', carPark('4,40'));
    expect(first).toMatchObject({ status: 'PROCESSING', waiting: { for: 'PURCHASE', until: '2026-06-19T04:00:00.000Z' } });
    expect(await getReceipt(h.ctx, { sub: 'alice', isAdmin: false }, first.receiptId)).toMatchObject({ waiting: { until: '2026-06-19T04:00:00.000Z' } });
    now = new Date('2026-06-18T08:05:00Z');
    const second = await send('alice', carPark('2,00'));
    expect((await h.ctx.receipts.listByStatus('PROCESSING', 10)).items.map((r) => r.receiptId).sort()).toEqual([first.receiptId, second.receiptId].sort());

    now = new Date('2026-06-18T16:00:00Z');
    const p = await send('alice', purchase('18,00'));
    expect(p.status).toBe('CREDITED');
    // The ticket sent first takes the purchase; the other still waits.
    expect(await h.ctx.receipts.get(first.receiptId)).toMatchObject({ status: 'CREDITED', cashbackCents: 300, decision: { parkingPurchaseId: p.receiptId } });
    expect((await h.ctx.receipts.listByStatus('PROCESSING', 10)).items.map((r) => r.receiptId)).toEqual([second.receiptId]);

    now = new Date('2026-06-19T04:10:00Z');
    expect(await sweepWaitingTickets(h.ctx, (id) => creditReceipt(h.ctx, id))).toEqual({ looked: 1, credited: 0, rejected: 1, other: 0 });
    expect(await h.ctx.receipts.get(second.receiptId)).toMatchObject({ status: 'REJECTED', rejection: { code: 'NO_QUALIFYING_PURCHASE' } });
    expect((await h.ctx.receipts.listByStatus('PROCESSING', 10)).items).toEqual([]);
    expect((await reconcileLedger(h.ctx)).problems).toEqual([]);
  });
});
