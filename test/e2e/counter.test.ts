import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, removeDir, REPO_ROOT, startStackProcess, type LocalStackProcess } from '../support/local-stack';

/**
 * A resident served entirely at the counter (issue #19), through the local stack and the REST
 * contract: registered by staff, a receipt sent on their behalf (read by tesseract, matched,
 * credited), their IBAN recorded, their wallet included in the month's payout, their statement
 * showing it, then their export and erasure. Residents reach none of it; every step is in the
 * audit trail under the staff member who did it.
 */
const FIXTURE = path.join(REPO_ROOT, 'test/fixtures/receipts/caviste.png');
const IBAN = 'FR7630006000011234567890189';

let stack: LocalStackProcess;
let api: ReturnType<typeof apiClient>;
let agent: string;
let resident: string;

beforeAll(async () => {
  // A low payout threshold, so that one receipt's cashback is paid out.
  stack = await startStackProcess({ demo: false, env: { CABAS_PAYOUT_THRESHOLD_CENTS: '100' } });
  api = apiClient(stack.url);
  agent = await stack.token('agent-guichet', ['admin']);
  resident = await stack.token('someone');
});

afterAll(async () => {
  await stack?.stop();
  if (stack) await removeDir(stack.dataDir);
});

describe('a resident served entirely at the counter', () => {
  let id: string;
  let receiptId: string;
  let cashbackCents: number;
  let payoutId: string;

  it('is registered by staff, and residents reach none of the counter', async () => {
    const truth = JSON.parse(await readFile(FIXTURE.replace(/\.png$/, '.json'), 'utf8')) as { shopSign: string; siret: string; postcode: string; city: string };
    const shop = await api.call('POST', '/v1/admin/merchants', agent, { name: 'La Cave des Coteaux', siret: truth.siret, address: { street: '1 place de la Mairie', postcode: truth.postcode, city: truth.city } });
    expect(shop.status).toBe(201);
    const campaign = await api.call('POST', '/v1/admin/campaigns', agent, { name: 'Dotation', budgetCents: 100_000, startsOn: '2026-01-01', endsOn: '2027-12-31', rateBps: 1_000, maxCashbackPerReceiptCents: 1_000 });
    expect((await api.call('POST', `/v1/admin/campaigns/${campaign.body.campaignId}/activate`, agent)).status).toBe(200);

    const registered = await api.call('POST', '/v1/admin/residents', agent, { fullName: 'Jeanne Moreau', reference: 'BM-0042-17' });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    expect(registered.body).toMatchObject({ fullName: 'Jeanne Moreau', reference: 'BM004217', registeredBy: 'agent-guichet' });
    id = registered.body.residentId;
    expect(id).toMatch(/^guichet-/);

    for (const [method, route] of [
      ['POST', '/v1/admin/residents'],
      ['GET', '/v1/admin/residents?reference=BM004217'],
      ['GET', `/v1/admin/residents/${id}`],
      ['POST', `/v1/admin/residents/${id}/receipts`],
      ['GET', `/v1/admin/residents/${id}/statement`],
      ['DELETE', `/v1/admin/residents/${id}`],
    ] as const) {
      const denied = await api.call(method, route, resident, method === 'GET' || method === 'DELETE' ? undefined : {});
      expect(denied.status, `${method} ${route}`).toBe(403);
      expect(denied.body.code).toBe('FORBIDDEN');
    }
    // Nobody signs in as a counter resident, even with a token the stack signed.
    expect((await api.call('GET', '/v1/me/wallet', await stack.token(id))).status).toBe(401);
    // An app resident's id is not a counter resident's.
    expect((await api.call('GET', '/v1/admin/residents/someone/statement', agent)).body.code).toBe('COUNTER_RESIDENT_NOT_FOUND');
  });

  it('credits the receipt staff sent on the resident’s behalf', async () => {
    const bytes = new Uint8Array(await readFile(FIXTURE));
    const created = await api.call('POST', `/v1/admin/residents/${id}/receipts`, agent, { contentType: 'image/png', contentLength: bytes.length });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    receiptId = created.body.receiptId;
    const put = await fetch(created.body.upload.url, { method: 'PUT', headers: created.body.upload.headers, body: bytes });
    expect(put.ok).toBe(true);
    const settled = await api.settle(agent, receiptId);
    expect(settled).toMatchObject({ status: 'CREDITED', totalCents: 5710, cashbackCents: 571 });
    cashbackCents = settled.cashbackCents;
    const staffView = await api.call('GET', `/v1/admin/receipts/${receiptId}`, agent);
    expect(staffView.body).toMatchObject({ residentId: id, sentAtCounter: { by: 'agent-guichet' } });
  });

  it('records the IBAN, pays the wallet out with the month’s batch, and the statement shows it', async () => {
    const bad = await api.call('PUT', `/v1/admin/residents/${id}/payout-account`, agent, { iban: 'FR7630006000011234567890180', holderName: 'Jeanne Moreau' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('INVALID_IBAN');
    expect((await api.call('PUT', `/v1/admin/residents/${id}/payout-account`, agent, { iban: IBAN, holderName: 'Jeanne Moreau' })).status).toBe(200);

    const run = await api.call('POST', '/v1/admin/payouts/run', agent);
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    payoutId = run.body.batch.payoutId;
    expect(run.body.batch).toMatchObject({ itemCount: 1, totalCents: cashbackCents });
    const file = await fetch(`${stack.url}/v1/admin/payouts/${payoutId}/file`, { headers: { authorization: `Bearer ${agent}` } });
    const xml = await file.text();
    expect(xml).toContain(IBAN);
    expect(xml).toContain('Jeanne Moreau');

    const inFlight = await api.call('GET', `/v1/admin/residents/${id}/statement`, agent);
    expect(inFlight.body).toMatchObject({ wallet: { balanceCents: 0, pendingPayoutCents: cashbackCents }, payouts: [{ payoutId, amountCents: cashbackCents, status: 'PENDING' }] });
    expect((await api.call('DELETE', `/v1/admin/residents/${id}`, agent)).body.code).toBe('PAYOUT_IN_FLIGHT');

    expect((await api.call('POST', `/v1/admin/payouts/${payoutId}/settle`, agent)).status).toBe(200);
    const statement = await api.call('GET', `/v1/admin/residents/${id}/statement`, agent);
    expect(statement.status).toBe(200);
    expect(statement.body).toMatchObject({
      resident: { residentId: id, fullName: 'Jeanne Moreau', reference: 'BM004217' },
      wallet: { balanceCents: 0, pendingPayoutCents: 0, paidOutCents: cashbackCents, currency: 'EUR' },
      payoutAccount: { holderName: 'Jeanne Moreau' },
      totals: { receipts: 1, credited: 1, inProgress: 0, rejected: 0, creditedCents: cashbackCents },
      receipts: [{ receiptId, status: 'CREDITED', merchantName: 'La Cave des Coteaux', totalCents: 5710, cashbackCents, sentAtCounter: true }],
      payouts: [{ payoutId, amountCents: cashbackCents, status: 'POSTED' }],
      moreReceipts: false,
    });
    expect(JSON.stringify(statement.body)).not.toContain('1234567890');
  });

  it('hands over the resident’s data, then erases it; the audit trail names the agent and keeps no personal data', async () => {
    const exported = await api.call('GET', `/v1/admin/residents/${id}/export`, agent);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toMatch(/attachment/);
    expect(exported.body).toMatchObject({
      residentId: id,
      registration: { fullName: 'Jeanne Moreau', reference: 'BM004217', registeredBy: '[services de la ville]' },
      payoutAccount: { iban: IBAN },
      wallet: { paidOutCents: cashbackCents },
      payouts: [{ payoutId, status: 'POSTED' }],
    });
    expect(exported.body.receipts).toEqual([expect.objectContaining({ receiptId, sentAtCounter: expect.objectContaining({ by: '[services de la ville]' }) })]);
    expect((await fetch(exported.body.receipts[0].image.url)).ok).toBe(true);

    const erased = await api.call('DELETE', `/v1/admin/residents/${id}`, agent);
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ status: 'ERASED', receiptsErased: 1, payoutAccountDeleted: true, registrationDeleted: true, forfeitedCents: 0 });
    expect((await api.call('GET', `/v1/admin/residents/${id}`, agent)).status).toBe(404);
    expect((await api.call('GET', '/v1/admin/residents?reference=BM004217', agent)).body.items).toEqual([]);
    expect((await fetch(exported.body.receipts[0].image.url)).ok).toBe(false);
    // The receipt stays for the accounts, under a pseudonym, without the resident.
    const kept = await api.call('GET', `/v1/admin/receipts/${receiptId}`, agent);
    expect(kept.body).toMatchObject({ status: 'CREDITED', cashbackCents, residentId: expect.stringMatching(/^erased-/) });
    expect((await api.call('GET', '/v1/admin/ledger/reconcile', agent)).body).toMatchObject({ ok: true, problems: [] });

    const trail = await api.call('GET', `/v1/admin/audit?targetType=resident&targetId=${id}&limit=100`, agent);
    const actions = (trail.body.items as Array<{ action: string }>).map((e) => e.action).sort();
    expect(actions).toEqual(['counterStatement', 'counterStatement', 'eraseCounterResident', 'exportCounterResident', 'registerCounterResident', 'sendReceiptAtCounter', 'setCounterPayoutAccount'].sort());
    expect((trail.body.items as Array<{ actor: string }>).every((e) => e.actor === 'agent-guichet')).toBe(true);
    expect(JSON.stringify(trail.body)).not.toMatch(/Jeanne|Moreau|BM004217|1234567890/);
  });
});
