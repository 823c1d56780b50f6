import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { activateCampaign, createCampaign } from '../../../shared/app/admin';
import { createMerchant } from '../../../shared/app/merchants';
import { sweepWaitingTickets } from '../../../shared/app/parking';
import { creditReceipt, matchReceipt, readUploadedReceipt } from '../../../shared/app/pipeline';
import { reconcileLedger } from '../../../shared/app/reconcile';
import { createReceipt, getReceipt, getWallet } from '../../../shared/app/resident';
import { DEFAULT_FRAUD_POLICY } from '../../../shared/domain/fraud-policy';
import type { Receipt } from '../../../shared/domain/receipt';
import type { MemoryAppContext } from '../../../shared/wiring/memory-context';
import { memoryPipeline, type PipelineHarness } from '../../support/pipeline';
import { fakeImage, receiptLines } from '../../support/scripted-ocr';

/**
 * Free parking with a purchase through the pipeline's stages, in memory: a parking ticket and a
 * purchase the same day, sent in either order and hours apart; the wait, the wake-up by a
 * purchase credited, the sweep once the deadline passed; one purchase for one ticket, even sent
 * at the same instant. The day is 2026-06-18 (Europe/Paris, UTC+2); a ticket waits until 6 hours
 * after the day ends: 2026-06-19T04:00Z.
 */
let h: PipelineHarness & { ctx: MemoryAppContext };
let ctx: MemoryAppContext;
let now: Date;
let parkingId: string;
let cashbackId: string;
const who = (sub: string) => ({ sub, isAdmin: false });
const at = (iso: string) => {
  now = new Date(iso);
};

const SHOPS = [
  { sign: "AU FOURNIL D'ÉLISE", siret: '812 345 676 00017', name: "Au Fournil d'Élise", street: '12 rue de la République' },
  { sign: 'LA FROMAGERIE DU PONT', siret: '732 829 320 00074', name: 'La Fromagerie du Pont', street: '3 quai du Pont' },
];
let ticketNumber = 1000;
/** A shop's receipt of 2026-06-18 (or another day), numbered. */
const purchase = (total: string, shop = 0, date = '18/06/2026') =>
  fakeImage([...receiptLines({ ...SHOPS[shop]!, date, total, street: SHOPS[shop]!.street, ticket: String(ticketNumber++) }), randomUUID()]);
let minute = 0;
/** A car park's exit ticket (Indigo) paid on 2026-06-18; each one a different stay. */
const carPark = (amount: string, operator = 'INDIGO', date = '18/06/2026') => {
  const m = String(10 + (minute++ % 50)).padStart(2, '0');
  return fakeImage([operator, 'PARKING HOTEL DE VILLE', `Entrée : ${date} 09:${m}`, `Sortie : ${date} 11:${m}`, 'Montant TTC  ' + amount + ' €', randomUUID()]);
};
const fine = () => fakeImage(['AVIS DE PAIEMENT', 'FORFAIT POST-STATIONNEMENT', 'ANTAI', 'Date du constat : 18/06/2026 10:12', 'Montant du FPS : 35,00 €', 'Agent n° 1234', randomUUID()]);

/** Uploads and reads a document; the match and credit commands stay queued. */
async function upload(resident: string, bytes: Uint8Array): Promise<string> {
  const created = await createReceipt(ctx, who(resident), { contentType: 'image/png', contentLength: bytes.length });
  h.images.objects.set(`receipts/${created.receiptId}`, bytes);
  await readUploadedReceipt(ctx, `receipts/${created.receiptId}`);
  return created.receiptId;
}

/** Runs the queued match and credit commands until none is left, as the queues would. */
async function drain(): Promise<void> {
  while (h.bus.match.length + h.bus.credit.length > 0) {
    for (const id of h.bus.match.splice(0)) await matchReceipt(ctx, id);
    for (const id of h.bus.credit.splice(0)) await creditReceipt(ctx, id);
  }
}

async function send(resident: string, bytes: Uint8Array): Promise<Receipt> {
  const id = await upload(resident, bytes);
  await drain();
  return (await ctx.receipts.get(id))!;
}
const get = async (id: string) => (await ctx.receipts.get(id))!;

beforeEach(async () => {
  now = new Date('2026-06-18T08:00:00Z');
  h = memoryPipeline();
  ctx = h.ctx;
  ctx.clock = { now: () => now };
  for (const s of SHOPS) await createMerchant(ctx, { name: s.name, siret: s.siret.replace(/ /g, ''), address: { street: s.street, postcode: '37410', city: 'Montclair-sur-Loire' }, tags: [], aliases: [] });
  cashbackId = (await createCampaign(ctx, { name: 'Commerces', budgetCents: 100_000, startsOn: '2026-01-01', endsOn: '2026-12-31', rateBps: 1_000, merchants: { all: true } })).campaignId;
  await activateCampaign(ctx, cashbackId);
  parkingId = (await createCampaign(ctx, { kind: 'PARKING', name: 'Stationnement offert', budgetCents: 10_000, startsOn: '2026-01-01', endsOn: '2026-12-31', refundMaxCents: 300, minPurchaseCents: 1_500, carParks: { operators: ['Indigo', 'Ville de Montclair'] } })).campaignId;
  await activateCampaign(ctx, parkingId);
});

describe('a parking ticket and a purchase the same day', () => {
  it('purchase first: the ticket is refunded at once, up to the maximum, and says which purchase validated it', async () => {
    const p = await send('alice', purchase('25,00'));
    expect(p).toMatchObject({ status: 'CREDITED', cashbackCents: 250 });
    at('2026-06-18T15:00:00Z');
    const t = await send('alice', carPark('4,40'));
    expect(t).toMatchObject({ status: 'CREDITED', cashbackCents: 300 });
    expect(t.decision).toMatchObject({ campaignId: parkingId, totalCents: 440, cashbackCents: 300, purchaseDate: '2026-06-18', parkingPurchaseId: p.receiptId, merchantName: 'Indigo' });
    expect(t.decision!.explanation.join(' ')).toContain("Validé par l'achat de 25.00 EUR chez Au Fournil d'Élise");
    expect((await getWallet(ctx, who('alice'))).balanceCents).toBe(550);
    expect((await reconcileLedger(ctx)).problems).toEqual([]);
  });

  it('ticket first: it waits (the resident sees why), and a purchase credited hours later pays it', async () => {
    at('2026-06-18T07:30:00Z');
    const t = await send('bruno', carPark('2,20'));
    expect(t.status).toBe('PROCESSING');
    expect(t.waiting).toMatchObject({ for: 'PURCHASE', until: '2026-06-19T04:00:00.000Z', campaignIds: [parkingId] });
    const view = await getReceipt(ctx, who('bruno'), t.receiptId);
    expect(view).toMatchObject({ status: 'PROCESSING', waiting: { for: 'PURCHASE', until: '2026-06-19T04:00:00.000Z', message: 'En attente d’un achat chez un commerçant participant le même jour' } });
    // Staff see it among the waiting tickets, by deadline.
    expect((await ctx.receipts.listByStatus('PROCESSING', 10)).items.map((r) => r.receiptId)).toEqual([t.receiptId]);

    at('2026-06-18T17:45:00Z');
    const p = await send('bruno', purchase('19,90'));
    expect(p.status).toBe('CREDITED');
    const paid = await get(t.receiptId);
    expect(paid).toMatchObject({ status: 'CREDITED', cashbackCents: 220, decision: { parkingPurchaseId: p.receiptId } });
    expect((await getReceipt(ctx, who('bruno'), t.receiptId)).waiting).toBeUndefined();
    expect((await ctx.receipts.listByStatus('PROCESSING', 10)).items).toEqual([]);
    expect((await getWallet(ctx, who('bruno'))).balanceCents).toBe(199 + 220);
  });

  it('one purchase validates one ticket: the second waits for a second purchase', async () => {
    const t1 = await send('chloe', carPark('3,00'));
    at('2026-06-18T08:05:00Z');
    const t2 = await send('chloe', carPark('3,50'));
    expect([t1.status, t2.status]).toEqual(['PROCESSING', 'PROCESSING']);
    const p1 = await send('chloe', purchase('20,00'));
    expect((await get(t1.receiptId)).status).toBe('CREDITED');
    expect((await get(t2.receiptId)).status).toBe('PROCESSING');
    const p2 = await send('chloe', purchase('16,00', 1));
    expect(await get(t2.receiptId)).toMatchObject({ status: 'CREDITED', decision: { parkingPurchaseId: p2.receiptId } });
    expect((await get(t1.receiptId)).decision?.parkingPurchaseId).toBe(p1.receiptId);
    // A third ticket finds both purchases taken.
    const t3 = await send('chloe', carPark('1,00'));
    expect(t3.status).toBe('PROCESSING');
  });

  it('a purchase under the minimum, another day or another resident validates nothing', async () => {
    const t = await send('david', carPark('3,00'));
    await send('david', purchase('14,99'));
    await send('david', purchase('40,00', 0, '17/06/2026'));
    await send('emma', purchase('40,00', 1));
    expect((await get(t.receiptId)).status).toBe('PROCESSING');
  });

  it('the sweep refuses a ticket whose deadline passed with no purchase, and leaves one still in time', async () => {
    const t = await send('farid', carPark('3,00'));
    at('2026-06-19T03:59:00Z');
    expect(await sweepWaitingTickets(ctx, (id) => creditReceipt(ctx, id))).toEqual({ looked: 0, credited: 0, rejected: 0, other: 0 });
    expect((await get(t.receiptId)).status).toBe('PROCESSING');
    at('2026-06-19T05:05:00Z');
    expect(await sweepWaitingTickets(ctx, (id) => creditReceipt(ctx, id))).toEqual({ looked: 1, credited: 0, rejected: 1, other: 0 });
    const r = await get(t.receiptId);
    expect(r).toMatchObject({ status: 'REJECTED', rejection: { code: 'NO_QUALIFYING_PURCHASE' } });
    expect(r.ruleTrace?.some((x) => x.rule === 'purchase' && x.verdict === 'FAIL')).toBe(true);
    // A purchase of that day sent afterwards changes nothing.
    await send('farid', purchase('30,00'));
    expect((await get(t.receiptId)).status).toBe('REJECTED');
  });

  it('a ticket sent after its deadline is decided at once: refused without a purchase, paid with one', async () => {
    at('2026-06-20T10:00:00Z');
    expect((await send('gael', carPark('3,00'))).rejection?.code).toBe('NO_QUALIFYING_PURCHASE');
    await send('gael', purchase('30,00'));
    expect(await send('gael', carPark('2,00'))).toMatchObject({ status: 'CREDITED', cashbackCents: 200 });
  });

  it('the sweep pays a waiting ticket whose wake-up was lost (the credit stage stopped after crediting the purchase)', async () => {
    const t = await send('hugo', carPark('3,00'));
    const pid = await upload('hugo', purchase('20,00'));
    for (const id of h.bus.match.splice(0)) await matchReceipt(ctx, id);
    const listActive = ctx.campaigns.listActive.bind(ctx.campaigns);
    ctx.campaigns.listActive = async () => {
      throw new Error('the function stopped');
    };
    await expect(creditReceipt(ctx, pid)).rejects.toThrow('the function stopped');
    ctx.campaigns.listActive = listActive;
    expect(await creditReceipt(ctx, pid)).toBe('ALREADY_DONE');
    expect((await get(t.receiptId)).status).toBe('PROCESSING');
    at('2026-06-19T04:05:00Z');
    expect(await sweepWaitingTickets(ctx, (id) => creditReceipt(ctx, id))).toMatchObject({ looked: 1, credited: 1 });
    expect(await get(t.receiptId)).toMatchObject({ status: 'CREDITED', cashbackCents: 300, decision: { parkingPurchaseId: pid } });
  });
});

describe('what a parking ticket is refused for', () => {
  it('a parking fine (FPS) is never refunded', async () => {
    await send('ines', purchase('30,00'));
    expect((await send('ines', fine())).rejection?.code).toBe('PARKING_FINE');
  });

  it('a car park that does not take part', async () => {
    await send('jules', purchase('30,00'));
    const t = await send('jules', carPark('3,00', 'Q-PARK'));
    expect(t).toMatchObject({ status: 'REJECTED', rejection: { code: 'CAR_PARK_NOT_ELIGIBLE' } });
    expect(t.ruleTrace?.find((r) => r.rule === 'car-park')?.verdict).toBe('FAIL');
  });

  it('the same ticket sent twice (another photo)', async () => {
    const lines = ['INDIGO', 'PARKING HOTEL DE VILLE', 'Entrée : 18/06/2026 08:02', 'Sortie : 18/06/2026 10:40', 'Montant TTC  3,00 €'];
    await send('karim', fakeImage([...lines, 'photo 1']));
    expect((await send('lea', fakeImage([...lines, 'photo 2']))).rejection?.code).toBe('DUPLICATE_RECEIPT');
  });

  it('no parking campaign running', async () => {
    await ctx.campaigns.transition(parkingId, 'ACTIVE', 'PAUSED', now);
    expect((await send('marc', carPark('3,00'))).rejection?.code).toBe('NO_ACTIVE_CAMPAIGN');
  });

  it('the budget spent: the last ticket gets what is left, the next is refused, the ledger balances', async () => {
    const small = (await createCampaign(ctx, { kind: 'PARKING', name: 'Petit parking', budgetCents: 400, startsOn: '2026-01-01', endsOn: '2026-12-31', refundMaxCents: 300, carParks: { operators: ['Indigo'] } })).campaignId;
    await ctx.campaigns.transition(parkingId, 'ACTIVE', 'PAUSED', now);
    await activateCampaign(ctx, small);
    for (let i = 0; i < 3; i++) await send('nina', purchase(`2${i},00`, i % 2));
    const paid = [await send('nina', carPark('3,00')), await send('nina', carPark('3,00')), await send('nina', carPark('3,00'))];
    expect(paid.map((t) => t.cashbackCents ?? t.rejection?.code)).toEqual([300, 100, 'BUDGET_EXHAUSTED']);
    expect((await reconcileLedger(ctx)).problems).toEqual([]);
  });
});

describe('concurrency: one purchase never validates two tickets, never above the budget', () => {
  it('tickets and purchases sent at the same time, in random orders', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.integer({ min: 1_000, max: 3_000 }), { maxLength: 5 }),
        fc.integer({ min: 100, max: 2_000 }),
        fc.array(fc.nat(), { minLength: 10, maxLength: 10 }),
        async (tickets, purchases, budget, shuffle) => {
          h = memoryPipeline();
          ctx = h.ctx;
          now = new Date('2026-06-18T09:00:00Z');
          ctx.clock = { now: () => now };
          ctx.policy = { ...DEFAULT_FRAUD_POLICY, maxReceiptsPerResidentPerShopPerDay: 100, maxReceiptsPerResidentPerDay: 100 };
          for (const s of SHOPS) await createMerchant(ctx, { name: s.name, siret: s.siret.replace(/ /g, ''), address: { street: s.street, postcode: '37410', city: 'Montclair-sur-Loire' }, tags: [], aliases: [] });
          const cb = (await createCampaign(ctx, { name: 'Commerces', budgetCents: 100_000, startsOn: '2026-01-01', endsOn: '2026-12-31', rateBps: 1_000, merchants: { all: true } })).campaignId;
          await activateCampaign(ctx, cb);
          const park = (await createCampaign(ctx, { kind: 'PARKING', name: 'P', budgetCents: budget, startsOn: '2026-01-01', endsOn: '2026-12-31', refundMaxCents: 300, minPurchaseCents: 1_500, carParks: { operators: ['Indigo'] } })).campaignId;
          await activateCampaign(ctx, park);
          const ticketIds: string[] = [];
          const purchaseIds: string[] = [];
          for (let i = 0; i < tickets; i++) ticketIds.push(await upload('zoe', carPark('3,00')));
          for (const [i, cents] of purchases.entries()) purchaseIds.push(await upload('zoe', purchase(`${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`, i % 2)));
          h.bus.match.splice(0);
          // Every document matched (and each purchase credited) at the same time, in a random order.
          const all = [...ticketIds.map((id) => ({ id, ticket: true })), ...purchaseIds.map((id) => ({ id, ticket: false }))];
          const order = all.map((x, i) => ({ x, k: shuffle[i % shuffle.length]! * 31 + i })).sort((a, b) => a.k - b.k).map((o) => o.x);
          await Promise.all(order.map(async ({ id, ticket }) => {
            await matchReceipt(ctx, id);
            if (!ticket) await creditReceipt(ctx, id);
          }));
          await Promise.all(h.bus.credit.splice(0).map((id) => creditReceipt(ctx, id)));
          // Whatever is still waiting is decided by the sweep once the day's wait is over.
          now = new Date('2026-06-19T04:30:00Z');
          await sweepWaitingTickets(ctx, (id) => creditReceipt(ctx, id));
          const ts = await Promise.all(ticketIds.map(get));
          const ps = await Promise.all(purchaseIds.map(get));
          const qualifying = ps.filter((p) => p.status === 'CREDITED' && p.decision!.totalCents >= 1_500).map((p) => p.receiptId);
          // Every ticket decided: credited, or refused with a code.
          for (const t of ts) expect(['CREDITED', 'REJECTED']).toContain(t.status);
          const used = ts.filter((t) => t.decision?.parkingPurchaseId).map((t) => t.decision!.parkingPurchaseId!);
          expect(new Set(used).size).toBe(used.length);
          for (const u of used) expect(qualifying).toContain(u);
          // As many tickets validated as purchases can validate them; paid within the budget.
          expect(used.length).toBe(Math.min(tickets, qualifying.length));
          const credited = ts.filter((t) => t.status === 'CREDITED');
          const refunds = credited.reduce((s, t) => s + t.cashbackCents!, 0);
          expect(refunds).toBeLessThanOrEqual(budget);
          expect(refunds).toBe(Math.min(budget, used.length * 300));
          for (const t of ts.filter((x) => x.status === 'REJECTED')) expect(['NO_QUALIFYING_PURCHASE', 'BUDGET_EXHAUSTED']).toContain(t.rejection!.code);
          expect((await reconcileLedger(ctx)).problems).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  });
});
