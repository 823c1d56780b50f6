import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReceipt, tillTicket } from '../fixtures/generate-receipts';
import { carParkTicket } from '../fixtures/parking-ticket';
import { apiClient, removeDir, startStackProcess, type LocalStackProcess } from '../support/local-stack';

/**
 * Free parking with a purchase through the local stack (the Lambda handlers, DynamoDB Local, the
 * queues, tesseract): staff open a PARKING campaign (up to 3 EUR with a purchase of 15 EUR the same
 * day, Indigo's car parks); one resident sends a car park ticket first (it waits, and says so),
 * then a purchase, which pays the ticket; another sends the purchase first, then two tickets: the
 * first is paid at once, the second waits (one purchase, one ticket). Today is the machine's day.
 */
let stack: LocalStackProcess;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await startStackProcess({ demo: false });
  api = apiClient(stack.url);
});

afterAll(async () => {
  await stack?.stop();
  if (stack) await removeDir(stack.dataDir);
});

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const SHOP = { shopSign: 'BOULANGERIE DU PONT', street: '4 quai du Pont', postcode: '37410', city: 'MONTCLAIR-SUR-LOIRE', siret: '73282932000074' };

const carPark = (entry: string, exit: string, amount: string, seed: number) => carParkTicket(today, entry, exit, amount, seed);

const purchase = (ticket: string, time: string, seed: number) =>
  renderReceipt(tillTicket({ ...SHOP, purchaseDate: today, time, ticket, items: [['PAIN AUX NOIX', 420], ['TARTE AUX POMMES', 1_650 + seed * 10]] }), seed);

/** Polls a receipt until `done` says so. */
async function until(token: string, receiptId: string, done: (r: any) => boolean, timeoutMs = 300_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await api.call('GET', `/v1/receipts/${receiptId}`, token);
    if (done(r.body)) return r.body;
    if (Date.now() > deadline) throw new Error(`receipt ${receiptId}: ${JSON.stringify(r.body)}`);
    await new Promise((res) => setTimeout(res, 250));
  }
}
const waiting = (r: any) => r.status === 'PROCESSING' && r.waiting !== undefined;
const settled = (r: any) => !['AWAITING_UPLOAD', 'PROCESSING'].includes(r.status);

describe('free parking with a purchase the same day, both orders', () => {
  it('a ticket waits for its purchase, a purchase pays one ticket, the ledger reconciles', async () => {
    const admin = await stack.token('city-staff', ['admin']);
    const shop = await api.call('POST', '/v1/admin/merchants', admin, { name: 'Boulangerie du Pont', siret: SHOP.siret, address: { street: SHOP.street, postcode: SHOP.postcode, city: 'Montclair-sur-Loire' } });
    expect(shop.status, JSON.stringify(shop.body)).toBe(201);
    const city = await api.call('POST', '/v1/admin/campaigns', admin, { name: 'Commerces de proximité', budgetCents: 100_000, startsOn: '2026-01-01', endsOn: '2027-12-31', rateBps: 1_000, maxCashbackPerReceiptCents: 500 });
    expect((await api.call('POST', `/v1/admin/campaigns/${city.body.campaignId}/activate`, admin)).status).toBe(200);

    // A parking campaign checks its fields in one answer.
    const refused = await api.call('POST', '/v1/admin/campaigns', admin, { kind: 'PARKING', name: 'x', budgetCents: 1_000, startsOn: '2026-01-01', endsOn: '2027-12-31', rateBps: 100 });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['refundMaxCents', 'carParks', 'rateBps']));
    const parking = await api.call('POST', '/v1/admin/campaigns', admin, {
      kind: 'PARKING', name: 'Stationnement offert', budgetCents: 10_000, startsOn: '2026-01-01', endsOn: '2027-12-31',
      refundMaxCents: 300, minPurchaseCents: 1_500, decideWithinHours: 6, carParks: { operators: ['Indigo'] },
    });
    expect(parking.status, JSON.stringify(parking.body)).toBe(201);
    const parkingId = parking.body.campaignId as string;
    expect((await api.call('POST', `/v1/admin/campaigns/${parkingId}/activate`, admin)).body.status).toBe('ACTIVE');
    const offers = await api.call('GET', '/v1/campaigns');
    expect(offers.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ campaignId: parkingId, kind: 'PARKING', refundMaxCents: 300, carParks: { operators: ['Indigo'] } })]));

    // Ticket first: it waits, and the resident reads why; the purchase sent afterwards pays it.
    const lea = await stack.token('lea');
    const ticket = await api.upload(lea, new Uint8Array(await carPark('09:10', '11:25', '4,40', 1)), 'image/png');
    const w = await until(lea, ticket, (r) => waiting(r) || settled(r));
    expect(w, JSON.stringify(w)).toMatchObject({ status: 'PROCESSING', waiting: { for: 'PURCHASE', message: 'En attente d’un achat chez un commerçant participant le même jour' } });
    expect(Date.parse(w.waiting.until)).toBeGreaterThan(Date.now());
    const bought = await api.settle(lea, await api.upload(lea, new Uint8Array(await purchase('004200', '10:05', 2)), 'image/png'), 300_000);
    expect(bought.status, JSON.stringify(bought)).toBe('CREDITED');
    const paid = await until(lea, ticket, settled);
    expect(paid, JSON.stringify(paid)).toMatchObject({ status: 'CREDITED', cashbackCents: 300, campaignId: parkingId, totalCents: 440 });
    expect(paid.waiting).toBeUndefined();
    expect((await api.call('GET', '/v1/me/wallet', lea)).body.balanceCents).toBe(bought.cashbackCents + 300);
    // Staff read which purchase validated it.
    const staffView = await api.call('GET', `/v1/admin/receipts/${ticket}`, admin);
    expect(JSON.stringify(staffView.body.decision)).toContain(bought.receiptId);

    // Purchase first: the next ticket is paid at once; a second ticket finds the purchase taken and waits.
    const noe = await stack.token('noe');
    const first = await api.settle(noe, await api.upload(noe, new Uint8Array(await purchase('004300', '09:40', 3)), 'image/png'), 300_000);
    expect(first.status, JSON.stringify(first)).toBe('CREDITED');
    const t1 = await api.settle(noe, await api.upload(noe, new Uint8Array(await carPark('14:02', '15:10', '2,10', 4)), 'image/png'), 300_000);
    expect(t1, JSON.stringify(t1)).toMatchObject({ status: 'CREDITED', cashbackCents: 210 });
    const t2id = await api.upload(noe, new Uint8Array(await carPark('16:20', '17:55', '3,30', 5)), 'image/png');
    expect(await until(noe, t2id, (r) => waiting(r) || settled(r))).toMatchObject({ status: 'PROCESSING', waiting: { for: 'PURCHASE' } });

    expect((await api.call('GET', `/v1/admin/campaigns/${parkingId}/stats`, admin)).body).toMatchObject({ creditedCents: 510 });
    const reconcile = await api.call('GET', '/v1/admin/ledger/reconcile', admin);
    expect(reconcile.body).toMatchObject({ ok: true, problems: [] });
  });
});
