import { describe, expect, it } from 'vitest';
import { activateCampaign, createCampaign } from '../../../shared/app/admin';
import { createMerchant } from '../../../shared/app/merchants';
import { runPayouts, settlePayout } from '../../../shared/app/payouts';
import { creditReceipt, matchReceipt, readUploadedReceipt } from '../../../shared/app/pipeline';
import { createReceipt } from '../../../shared/app/resident';
import type { HttpEvent } from '../../../shared/http/request';
import { routeHttp } from '../../../shared/http/routes';
import { memoryPipeline } from '../../support/pipeline';
import { fakeImage, receiptLines } from '../../support/scripted-ocr';

/**
 * Counter mode (shared/app/counter.ts) through its routes, entirely in memory: a resident served
 * by staff from registration to erasure, what the audit trail keeps, and who may do it.
 */
const STAFF = { sub: 'agent-guichet-1', 'cognito:groups': ['admin'] };
const IBAN = 'FR7630006000011234567890189';
const SETTINGS = { thresholdCents: 100, debtor: { name: 'Ville de Montclair', iban: 'FR1420041010050500013M02606', postcode: '37410', town: 'Montclair-sur-Loire' } };

async function territory() {
  const h = memoryPipeline();
  const shop = await createMerchant(h.ctx, { name: 'Quincaillerie du Port', siret: '90412387400029', address: { street: '5 rue du Port', postcode: '37410', city: 'Montclair-sur-Loire' }, tags: [], aliases: [] });
  const c = await createCampaign(h.ctx, { name: 'Centre', budgetCents: 100_000, startsOn: '2026-01-01', endsOn: '2026-12-31', rateBps: 1_000 });
  await activateCampaign(h.ctx, c.campaignId);
  const call = async (method: string, path: string, claims: Record<string, unknown> | undefined, body?: unknown) => {
    const res = await routeHttp(h.ctx, {
      rawPath: path.split('?')[0],
      rawQueryString: path.split('?')[1] ?? '',
      queryStringParameters: Object.fromEntries(new URLSearchParams(path.split('?')[1] ?? '')),
      headers: {},
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      requestContext: { http: { method }, authorizer: claims ? { jwt: { claims, scopes: [] } } : undefined },
    } as unknown as HttpEvent);
    return { status: res.statusCode ?? 200, body: res.body ? JSON.parse(String(res.body)) : undefined, headers: res.headers ?? {} };
  };
  /** The pipeline's stages for whatever was uploaded, as the queues would run them. */
  const runPipeline = async (receiptId: string, bytes: Uint8Array) => {
    h.images.objects.set(`receipts/${receiptId}`, bytes);
    await readUploadedReceipt(h.ctx, `receipts/${receiptId}`);
    for (const id of h.bus.match.splice(0)) await matchReceipt(h.ctx, id);
    for (const id of h.bus.credit.splice(0)) await creditReceipt(h.ctx, id);
  };
  return { h, shop, campaignId: c.campaignId, call, runPipeline };
}

const ticket = (total: string, ticketNo: string) => fakeImage(receiptLines({ sign: 'QUINCAILLERIE DU PORT', siret: '904 123 874 00029', date: '18/06/2026', total, street: '5 rue du Port', ticket: ticketNo }));

describe('a resident served at the counter', () => {
  it('is registered, sent receipts for, paid and given their statement, export and erasure, every step by a named staff member', async () => {
    const { h, call, runPipeline, campaignId } = await territory();

    const registered = await call('POST', '/v1/admin/residents', STAFF, { fullName: 'Jeanne Moreau', reference: 'bm 0042-17', email: 'jeanne@example.fr' });
    expect(registered.status).toBe(201);
    const id: string = registered.body.residentId;
    expect(registered.body).toMatchObject({ residentId: expect.stringMatching(/^guichet-/), fullName: 'Jeanne Moreau', reference: 'BM004217', registeredBy: STAFF.sub });

    // The reference is the resident's, however it is typed.
    const twice = await call('POST', '/v1/admin/residents', STAFF, { fullName: 'Jeanne M.', reference: 'BM-0042/17' });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('COUNTER_REFERENCE_TAKEN');
    const found = await call('GET', '/v1/admin/residents?reference=bm004217', STAFF);
    expect(found.body).toEqual({ items: [registered.body], nextCursor: null });
    expect((await call('GET', '/v1/admin/residents?reference=XX999', STAFF)).body).toEqual({ items: [], nextCursor: null });

    // A receipt sent on the resident's behalf is theirs, marked as sent at the counter by this agent.
    const sent = await call('POST', `/v1/admin/residents/${id}/receipts`, STAFF, { contentType: 'image/png', contentLength: 900 });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ status: 'AWAITING_UPLOAD', upload: { method: 'PUT' } });
    await runPipeline(sent.body.receiptId, ticket('23,50', '0001'));
    const stored = (await h.ctx.receipts.get(sent.body.receiptId))!;
    expect(stored).toMatchObject({ residentId: id, status: 'CREDITED', cashbackCents: 235, sentAtCounter: { by: STAFF.sub } });
    expect((await call('GET', `/v1/receipts/${sent.body.receiptId}`, STAFF)).body).toMatchObject({ status: 'CREDITED', cashbackCents: 235, campaignId });

    // The IBAN is checked as on the resident's own route.
    const bad = await call('PUT', `/v1/admin/residents/${id}/payout-account`, STAFF, { iban: 'FR76 3000 6000 0112 3456 7890 180', holderName: 'Jeanne Moreau' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('INVALID_IBAN');
    const account = await call('PUT', `/v1/admin/residents/${id}/payout-account`, STAFF, { iban: IBAN, holderName: 'Jeanne Moreau' });
    expect(account.status).toBe(200);
    expect(account.body.iban).not.toContain('1234567890');

    const detail = await call('GET', `/v1/admin/residents/${id}`, STAFF);
    expect(detail.body).toMatchObject({ residentId: id, wallet: { balanceCents: 235, pendingPayoutCents: 0, paidOutCents: 0 }, payoutAccount: { holderName: 'Jeanne Moreau' } });

    // The month's payout takes the counter resident's wallet like any other.
    const batch = (await runPayouts(h.ctx, SETTINGS))!;
    expect(batch.totalCents).toBeGreaterThanOrEqual(235);
    const pending = await call('GET', `/v1/admin/residents/${id}/statement`, STAFF);
    expect(pending.body.payouts).toEqual([expect.objectContaining({ payoutId: batch.payoutId, amountCents: 235, status: 'PENDING' })]);
    // Erasure waits for the bank while a payout is in flight.
    const early = await call('DELETE', `/v1/admin/residents/${id}`, STAFF);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('PAYOUT_IN_FLIGHT');
    await settlePayout(h.ctx, batch.payoutId);

    // A second receipt an hour later, after the payout, rejected: the statement shows both, with the balances.
    h.ctx.clock = { now: () => new Date('2026-06-20T11:00:00Z') };
    const second = await call('POST', `/v1/admin/residents/${id}/receipts`, STAFF, { contentType: 'image/png', contentLength: 900 });
    await runPipeline(second.body.receiptId, fakeImage(receiptLines({ sign: 'MAGASIN INCONNU', siret: '732 829 320 00074', date: '18/06/2026', total: '12,00', ticket: '0002' })));
    const statement = await call('GET', `/v1/admin/residents/${id}/statement`, STAFF);
    expect(statement.status).toBe(200);
    expect(statement.body).toMatchObject({
      resident: { residentId: id, fullName: 'Jeanne Moreau', reference: 'BM004217' },
      wallet: { balanceCents: 0, pendingPayoutCents: 0, paidOutCents: 235 },
      totals: { receipts: 2, credited: 1, creditedCents: 235 },
      payouts: [{ payoutId: batch.payoutId, amountCents: 235, status: 'POSTED' }],
      moreReceipts: false,
    });
    expect(statement.body.receipts.map((r: { receiptId: string }) => r.receiptId)).toEqual([second.body.receiptId, sent.body.receiptId]);
    expect(statement.body.receipts[1]).toMatchObject({ status: 'CREDITED', cashbackCents: 235, merchantName: 'Quincaillerie du Port', totalCents: 2350, sentAtCounter: true });
    expect(statement.body.payoutAccount.iban).not.toContain('1234567890');

    // The export is the resident's own, with the registration; staff are not named.
    const exported = await call('GET', `/v1/admin/residents/${id}/export`, STAFF);
    expect(exported.status).toBe(200);
    expect(exported.headers['content-disposition']).toMatch(/attachment/);
    expect(exported.body).toMatchObject({ format: 'cabas.resident-export/1', residentId: id, registration: { fullName: 'Jeanne Moreau', reference: 'BM004217', email: 'jeanne@example.fr', registeredBy: '[services de la ville]' }, payoutAccount: { iban: IBAN } });
    expect(exported.body.receipts).toHaveLength(2);
    expect(JSON.stringify(exported.body)).not.toContain(STAFF.sub);
    expect(exported.body.notes.join(' ')).not.toMatch(/Cognito/);

    // Erasure: the resident's DELETE /v1/me, then the registration; the reference is free again.
    const erased = await call('DELETE', `/v1/admin/residents/${id}`, STAFF);
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ status: 'ERASED', receiptsErased: 2, payoutAccountDeleted: true, registrationDeleted: true });
    expect((await call('GET', `/v1/admin/residents/${id}`, STAFF)).body.code).toBe('COUNTER_RESIDENT_NOT_FOUND');
    expect((await call('DELETE', `/v1/admin/residents/${id}`, STAFF)).status).toBe(404);
    expect((await h.ctx.receipts.listByResident(id, 10)).items).toEqual([]);
    expect(await h.ctx.payouts.getAccount(id)).toBeUndefined();
    expect((await call('POST', '/v1/admin/residents', STAFF, { fullName: 'Paul Durand', reference: 'BM004217' })).status).toBe(201);

    // Every action names the agent; the trail keeps neither the name, the reference, the e-mail nor the IBAN.
    const trail = (await h.ctx.audit.list({ targetType: 'resident' }, 100)).items;
    // Entries of one instant (the test's clock stands still) have no order among them: compared as a set.
    expect(trail.map((e) => e.action).sort()).toEqual([
      'registerCounterResident',
      'listCounterResidents',
      'listCounterResidents',
      'sendReceiptAtCounter',
      'setCounterPayoutAccount',
      'getCounterResident',
      'counterStatement',
      'sendReceiptAtCounter',
      'counterStatement',
      'exportCounterResident',
      'eraseCounterResident',
      'registerCounterResident',
    ].sort());
    expect(trail.every((e) => e.actor === STAFF.sub)).toBe(true);
    expect(trail.filter((e) => e.target.id === id)).toHaveLength(9);
    expect(trail.filter((e) => e.action === 'sendReceiptAtCounter').map((e) => (e.after as { receiptId: string }).receiptId).sort()).toEqual([sent.body.receiptId, second.body.receiptId].sort());
    expect(trail.find((e) => e.action === 'eraseCounterResident')).toMatchObject({ before: { registeredBy: STAFF.sub }, after: { registeredBy: null } });
    const written = JSON.stringify(trail);
    for (const personal of ['Jeanne', 'Moreau', 'BM004217', 'bm 0042', 'jeanne@example.fr', IBAN, '1234567890']) expect(written).not.toContain(personal);
  });

  it('acts only on counter residents: an app resident’s id is 404, whatever the route', async () => {
    const { h, call } = await territory();
    await createReceipt(h.ctx, { sub: 'alice', isAdmin: false }, { contentType: 'image/png', contentLength: 900 });
    for (const [method, path, body] of [
      ['GET', '/v1/admin/residents/alice', undefined],
      ['POST', '/v1/admin/residents/alice/receipts', { contentType: 'image/png', contentLength: 900 }],
      ['PUT', '/v1/admin/residents/alice/payout-account', { iban: IBAN, holderName: 'Alice' }],
      ['GET', '/v1/admin/residents/alice/statement', undefined],
      ['GET', '/v1/admin/residents/alice/export', undefined],
      ['DELETE', '/v1/admin/residents/alice', undefined],
      ['GET', '/v1/admin/residents/guichet-00000000-0000-4000-8000-000000000000', undefined],
    ] as const) {
      const res = await call(method, path, STAFF, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.code).toBe('COUNTER_RESIDENT_NOT_FOUND');
    }
    expect((await h.ctx.receipts.listByResident('alice', 10)).items).toHaveLength(1);
    expect(await h.ctx.payouts.getAccount('alice')).toBeUndefined();
  });

  it('is out of residents’ reach, and nobody signs in as a counter resident', async () => {
    const { call } = await territory();
    const id = (await call('POST', '/v1/admin/residents', STAFF, { fullName: 'Jeanne Moreau', reference: 'BM1' })).body.residentId as string;
    for (const [method, path] of [
      ['POST', '/v1/admin/residents'],
      ['GET', '/v1/admin/residents'],
      ['GET', `/v1/admin/residents/${id}`],
      ['POST', `/v1/admin/residents/${id}/receipts`],
      ['PUT', `/v1/admin/residents/${id}/payout-account`],
      ['GET', `/v1/admin/residents/${id}/statement`],
      ['GET', `/v1/admin/residents/${id}/export`],
      ['DELETE', `/v1/admin/residents/${id}`],
    ] as const) {
      const res = await call(method, path, { sub: 'bob' }, {});
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    // A token that names a counter resident is no caller at all.
    const impostor = await call('GET', '/v1/me/wallet', { sub: id });
    expect(impostor.status).toBe(401);
    expect((await call('POST', '/v1/receipts', { sub: id }, { contentType: 'image/png', contentLength: 900 })).status).toBe(401);
  });

  it('lists counter residents newest first, a page at a time, and refuses a bad registration naming the field', async () => {
    const { call } = await territory();
    for (const [i, name] of ['Anne Petit', 'Bruno Roux', 'Chloé Faure'].entries()) expect((await call('POST', '/v1/admin/residents', STAFF, { fullName: name, reference: `C-${i}` })).status).toBe(201);
    const first = await call('GET', '/v1/admin/residents?limit=2', STAFF);
    expect(first.body.items).toHaveLength(2);
    const rest = await call('GET', `/v1/admin/residents?limit=2&cursor=${first.body.nextCursor}`, STAFF);
    expect([...first.body.items, ...rest.body.items].map((r: { fullName: string }) => r.fullName).sort()).toEqual(['Anne Petit', 'Bruno Roux', 'Chloé Faure']);
    expect(rest.body.nextCursor).toBeNull();
    expect((await call('GET', '/v1/admin/residents?cursor=nope', STAFF)).body.code).toBe('INVALID_CURSOR');
    const bad = await call('POST', '/v1/admin/residents', STAFF, { fullName: 'Jeanne', reference: 'BM1', email: 'pas une adresse' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_ERROR', errors: [{ path: 'email' }] });
  });
});
