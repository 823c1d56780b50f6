import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReceipt, tillTicket } from '../fixtures/generate-receipts';
import { apiClient, removeDir, startStackProcess, type LocalStackProcess } from '../support/local-stack';

/**
 * A shop's loyalty reward through the local stack: staff record the shop's deposit and open a
 * LOYALTY campaign (3 EUR on every 3rd purchase this quarter) beside the city's cashback; one
 * resident sends seven tickets of the shop, read by tesseract and credited concurrently. Each
 * credited purchase takes one position, the 3rd and the 6th earn the bonus on top of the city's
 * cashback, each receipt explains itself, the ledger reconciles; a reversal takes a bonus back and
 * gives its position back.
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

const SHOP = { shopSign: 'BOULANGERIE DU PONT', street: '4 quai du Pont', postcode: '37410', city: 'MONTCLAIR-SUR-LOIRE', siret: '73282932000074' };
const BONUS = 300;

describe('a loyalty reward from the shop, stacked on the city’s cashback', () => {
  it('pays the 3rd and 6th purchases’ bonus, explains every receipt, and a reversal gives the position back', async () => {
    const admin = await stack.token('city-staff', ['admin']);
    const shop = await api.call('POST', '/v1/admin/merchants', admin, { name: 'Boulangerie du Pont', siret: SHOP.siret, address: { street: SHOP.street, postcode: SHOP.postcode, city: 'Montclair-sur-Loire' } });
    expect(shop.status, JSON.stringify(shop.body)).toBe(201);
    const merchantId = shop.body.merchantId as string;
    const city = await api.call('POST', '/v1/admin/campaigns', admin, { name: 'Commerces de proximité', budgetCents: 100_000, startsOn: '2026-01-01', endsOn: '2027-12-31', rateBps: 1_000, maxCashbackPerReceiptCents: 500 });
    expect((await api.call('POST', `/v1/admin/campaigns/${city.body.campaignId}/activate`, admin)).status).toBe(200);

    // A loyalty reward checks its fields, and is paid from the shop's deposit only.
    const refused = await api.call('POST', '/v1/admin/campaigns', admin, { kind: 'LOYALTY', name: 'x', budgetCents: 1_000, startsOn: '2026-10-01', endsOn: '2026-12-31', merchantId, bonusCents: BONUS, everyNth: 1, rateBps: 100 });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['everyNth', 'rateBps', 'period']));
    const loyalty = await api.call('POST', '/v1/admin/campaigns', admin, { kind: 'LOYALTY', name: 'Carte du Pont', budgetCents: 700, startsOn: '2026-10-01', endsOn: '2026-12-31', merchantId, bonusCents: BONUS, everyNth: 3, period: 'QUARTER' });
    expect(loyalty.status, JSON.stringify(loyalty.body)).toBe(201);
    const loyaltyId = loyalty.body.campaignId as string;
    expect((await api.call('POST', `/v1/admin/campaigns/${loyaltyId}/activate`, admin)).body.code).toBe('MERCHANT_FUNDS_INSUFFICIENT');
    expect((await api.call('POST', `/v1/admin/merchants/${merchantId}/deposits`, admin, { amountCents: 700, reference: 'TRESOR-2026-118' })).status).toBe(200);
    expect((await api.call('POST', `/v1/admin/campaigns/${loyaltyId}/activate`, admin)).body.status).toBe('ACTIVE');
    const offers = await api.call('GET', '/v1/campaigns');
    expect(offers.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ campaignId: loyaltyId, kind: 'LOYALTY', bonusCents: BONUS, everyNth: 3, period: 'QUARTER', merchants: { ids: [merchantId] } })]));

    // Seven purchases on four days (the fraud rules hold more than three a day at one shop).
    const resident = await stack.token('lea');
    const tickets = await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        renderReceipt(
          tillTicket({
            ...SHOP,
            purchaseDate: `2026-11-${16 + Math.floor(i / 2)}`,
            time: `${String(8 + i).padStart(2, '0')}:${String(5 + i * 7).padStart(2, '0')}`,
            ticket: String(4200 + i * 13).padStart(6, '0'),
            items: [
              ['BAGUETTE TRADITION', 130 + i * 10],
              ['CROISSANT X4', 480 + i * 35],
              ['TARTE AUX POMMES', 1_650 + i * 120],
            ],
          }),
          100 + i,
        ),
      ),
    );
    const ids: string[] = [];
    for (const bytes of tickets) ids.push(await api.upload(resident, new Uint8Array(bytes), 'image/png'));
    const receipts = await Promise.all(ids.map((id) => api.settle(resident, id, 300_000)));
    expect(receipts.map((r) => r.status), JSON.stringify(receipts)).toEqual(Array(7).fill('CREDITED'));

    // Hand-computed: 10 % of each total (at most 5 EUR) from the city, plus 3 EUR on the 3rd and 6th.
    const byPosition = [...receipts].sort((a, b) => a.loyalty[0].position - b.loyalty[0].position);
    expect(byPosition.map((r) => r.loyalty[0].position)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const r of byPosition) {
      const position = r.loyalty[0].position as number;
      const cityPart = Math.min(500, Math.floor(r.totalCents / 10));
      const bonus = position % 3 === 0 ? BONUS : 0;
      expect(r.cashbackCents, JSON.stringify(r)).toBe(cityPart + bonus);
      expect(r.loyalty[0]).toMatchObject({ campaignId: loyaltyId, everyNth: 3, outcome: bonus ? 'PAID' : 'COUNTED' });
      expect(r.credits.find((c: { campaignId: string }) => c.campaignId === loyaltyId)?.amountCents ?? 0).toBe(bonus);
    }
    expect(byPosition.map((r) => r.loyalty[0].message)).toEqual([
      'Fidélité : 1er achat sur 3 ce trimestre',
      'Fidélité : 2e achat sur 3 ce trimestre',
      '3e achat : bonus fidélité de 3,00 €',
      'Fidélité : 1er achat sur 3 ce trimestre',
      'Fidélité : 2e achat sur 3 ce trimestre',
      '6e achat : bonus fidélité de 3,00 €',
      'Fidélité : 1er achat sur 3 ce trimestre',
    ]);
    const paid = receipts.reduce((s, r) => s + r.cashbackCents, 0);
    expect((await api.call('GET', '/v1/me/wallet', resident)).body.balanceCents).toBe(paid);
    expect((await api.call('GET', `/v1/admin/campaigns/${loyaltyId}/stats`, admin)).body).toMatchObject({ budgetCents: 700, creditedCents: 600, remainingCents: 100 });
    // Staff read the forecast in the trace of each receipt.
    const staffView = await api.call('GET', `/v1/admin/receipts/${byPosition[2].receiptId}`, admin);
    expect(JSON.stringify(staffView.body.decision.trace)).toContain('"rule":"loyalty"');

    // The 6th purchase was a fraud: its bonus goes back to the shop's campaign, and its place too.
    const sixth = byPosition[5];
    const reversed = await api.call('POST', `/v1/admin/receipts/${sixth.receiptId}/reverse`, admin, { reason: 'Ticket falsifié' });
    expect(reversed.body).toMatchObject({ status: 'REJECTED', reversedCents: sixth.cashbackCents });
    expect((await api.call('GET', `/v1/admin/campaigns/${loyaltyId}/stats`, admin)).body).toMatchObject({ creditedCents: 300, remainingCents: 400 });
    // The next purchase reaches the 6th place again, and its bonus.
    const eighth = await renderReceipt(tillTicket({ ...SHOP, purchaseDate: '2026-11-20', time: '17:45', ticket: '004999', items: [['PAIN AUX NOIX', 420], ['FLAN PATISSIER', 1_280]] }), 200);
    const next = await api.settle(resident, await api.upload(resident, new Uint8Array(eighth), 'image/png'), 300_000);
    expect(next.status, JSON.stringify(next)).toBe('CREDITED');
    expect(next.loyalty[0]).toMatchObject({ position: 7, outcome: 'PAID', message: '7e achat : bonus fidélité de 3,00 €' });
    expect(next.cashbackCents).toBe(Math.min(500, Math.floor(next.totalCents / 10)) + BONUS);

    const reconcile = await api.call('GET', '/v1/admin/ledger/reconcile', admin);
    expect(reconcile.body).toMatchObject({ ok: true, problems: [] });
  });
});
