import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../shared/app/context';
import { setPayoutAccount } from '../../../shared/app/payouts';
import type { AuditEntry } from '../../../shared/domain/audit';
import type { HttpEvent } from '../../../shared/http/request';
import { routeHttp } from '../../../shared/http/routes';
import { startTestTable } from '../../support/dynamo';
import { pipelineHarness, sendReceipt, type PipelineHarness } from '../../support/pipeline';
import { fakeImage, receiptLines } from '../../support/scripted-ocr';

/**
 * A staff session through the API, then its audit trail: every action with who, when, the target
 * and the fields before and after; a look at a resident's receipt recorded as a read; filters,
 * paging, no bank details in the trail, and nothing a resident may read.
 */
let db: Awaited<ReturnType<typeof startTestTable>>;
let ctx: AppContext;
let h: PipelineHarness;
let minute = 0;

const MARTIN = { sub: 'agent-martin', 'cognito:groups': ['admin'] };
const DUPONT = { sub: 'agent-dupont', 'cognito:groups': ['admin'] };

function event(method: string, path: string, claims?: Record<string, unknown>, body?: unknown, query?: Record<string, string>): HttpEvent {
  return {
    rawPath: path,
    headers: {},
    requestContext: { http: { method }, authorizer: claims ? { jwt: { claims, scopes: [] } } : undefined },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    ...(query ? { queryStringParameters: query } : {}),
  } as unknown as HttpEvent;
}

async function call(method: string, path: string, claims?: Record<string, unknown>, body?: unknown, query?: Record<string, string>) {
  const r = await routeHttp(ctx, event(method, path, claims, body, query));
  const text = String(r.body ?? '');
  return { status: r.statusCode ?? 200, body: text.startsWith('{') ? JSON.parse(text) : text };
}

async function trail(query: Record<string, string> = {}): Promise<AuditEntry[]> {
  const r = await call('GET', '/v1/admin/audit', MARTIN, undefined, query);
  expect(r.status).toBe(200);
  return r.body.items as AuditEntry[];
}

let campaignId: string;
let merchantId: string;
let receiptId: string;

beforeAll(async () => {
  db = await startTestTable();
  h = pipelineHarness(db);
  // Each action a minute after the previous one, so that "newest first" is visible.
  ctx = {
    ...h.ctx,
    clock: { now: () => new Date(Date.UTC(2026, 5, 20, 10, minute++)) },
    payoutSettings: { thresholdCents: 100, debtor: { name: 'Ville de Montclair', iban: 'FR7630006000011234567890189', postcode: '37410', town: 'Montclair-sur-Loire' } },
  };
  h.ctx = ctx;

  merchantId = (await call('POST', '/v1/admin/merchants', MARTIN, { name: 'Quincaillerie du Port', siret: '90412387400029', address: { street: '5 rue du Port', postcode: '37410', city: 'Montclair-sur-Loire' } })).body.merchantId;
  campaignId = (await call('POST', '/v1/admin/campaigns', MARTIN, { name: 'Centre', budgetCents: 10_000, startsOn: '2026-01-01', endsOn: '2026-12-31', rateBps: 1_000 })).body.campaignId;
  expect((await call('POST', `/v1/admin/campaigns/${campaignId}/activate`, MARTIN)).status).toBe(200);
  expect((await call('POST', `/v1/admin/campaigns/${campaignId}/top-up`, DUPONT, { amountCents: 5_000, reference: 'DCM-114' })).status).toBe(200);
  expect((await call('PATCH', `/v1/admin/merchants/${merchantId}`, DUPONT, { name: 'Quincaillerie du Port (Martin)' })).status).toBe(200);
  const receipt = await sendReceipt(h, 'alice-77', fakeImage(receiptLines({ sign: 'QUINCAILLERIE DU PORT', siret: '904 123 874 00029', date: '18/06/2026', total: '23,50', street: '5 rue du Port' })));
  expect(receipt.status).toBe('CREDITED');
  receiptId = receipt.receiptId;
  expect((await call('GET', `/v1/admin/receipts/${receiptId}`, MARTIN)).status).toBe(200);
  await setPayoutAccount(ctx, { sub: 'alice-77', isAdmin: false }, { iban: 'FR76 3000 6000 0112 3456 7890 189', holderName: 'Alice Lefèvre' });
  expect((await call('POST', '/v1/admin/payouts/run', DUPONT)).status).toBe(200);
  // A refused action is not an action: nothing is recorded for it.
  expect((await call('POST', '/v1/admin/campaigns/no-such-campaign/top-up', MARTIN, { amountCents: 100 })).status).toBe(404);
});

afterAll(async () => {
  await db?.stop();
});

describe('the staff audit trail', () => {
  it('lists every action of the session, newest first, with who and what', async () => {
    const entries = await trail();
    expect(entries.map((e) => [e.actor, e.action])).toEqual([
      ['agent-dupont', 'runPayouts'],
      ['agent-martin', 'getReceiptForStaff'],
      ['agent-dupont', 'updateMerchant'],
      ['agent-dupont', 'topUpCampaign'],
      ['agent-martin', 'activateCampaign'],
      ['agent-martin', 'createCampaign'],
      ['agent-martin', 'createMerchant'],
    ]);
    expect(entries.every((e, i) => i === 0 || e.at <= entries[i - 1]!.at)).toBe(true);
  });

  it('keeps the values before and after of what changed, and only them', async () => {
    const [topUp] = await trail({ action: 'topUpCampaign' });
    expect(topUp).toMatchObject({
      target: { type: 'campaign', id: campaignId },
      route: 'POST /v1/admin/campaigns/{id}/top-up',
      input: { body: { amountCents: 5_000, reference: 'DCM-114' } },
      before: { fundedCents: 10_000, remainingCents: 10_000 },
      after: { fundedCents: 15_000, remainingCents: 15_000 },
    });
    expect(Object.keys(topUp!.after!).sort()).toEqual(['fundedCents', 'remainingCents']);

    const [edit] = await trail({ action: 'updateMerchant' });
    expect(edit!.before).toMatchObject({ name: 'Quincaillerie du Port' });
    expect(edit!.after).toMatchObject({ name: 'Quincaillerie du Port (Martin)' });
    expect(edit!.after).not.toHaveProperty('siret');

    const [activation] = await trail({ action: 'activateCampaign' });
    expect(activation).toMatchObject({ before: { status: 'DRAFT', fundedCents: 0 }, after: { status: 'ACTIVE', fundedCents: 10_000 } });

    const [creation] = await trail({ action: 'createCampaign' });
    expect(creation).toMatchObject({ target: { type: 'campaign', id: campaignId }, before: { name: null, status: null }, after: { name: 'Centre', status: 'DRAFT' } });
  });

  it('records a look at a resident’s receipt as a read, without copying the receipt', async () => {
    const [read] = await trail({ action: 'getReceiptForStaff' });
    expect(read).toMatchObject({ actor: 'agent-martin', target: { type: 'receipt', id: receiptId }, status: 200 });
    expect(read).not.toHaveProperty('before');
    expect(read).not.toHaveProperty('after');
  });

  it('lets staff find a resident’s receipts, and records that look', async () => {
    const LEROY = { sub: 'agent-leroy', 'cognito:groups': ['admin'] };
    const found = await call('GET', '/v1/admin/receipts', LEROY, undefined, { residentId: 'alice-77' });
    expect(found).toMatchObject({ status: 200, body: { items: [{ receiptId, residentId: 'alice-77', status: 'CREDITED' }], nextCursor: null } });
    const [look] = await trail({ action: 'listReceiptsOfResident' });
    expect(look).toMatchObject({ actor: 'agent-leroy', target: { type: 'resident' }, input: { residentId: 'alice-77' } });
    expect((await call('GET', '/v1/admin/receipts', LEROY)).body.code).toBe('INVALID_QUERY');
  });

  it('never copies bank details into the trail', async () => {
    const all = JSON.stringify(await trail({ limit: '100' }));
    expect(all).not.toContain('3000 6000');
    expect(all).not.toContain('FR7630006');
    expect(all).not.toContain('Lefèvre');
  });

  it('filters by actor, by target, by action and by period, and pages with an opaque cursor', async () => {
    expect((await trail({ actor: 'agent-dupont' })).map((e) => e.action)).toEqual(['runPayouts', 'updateMerchant', 'topUpCampaign']);
    expect((await trail({ targetType: 'campaign', targetId: campaignId })).map((e) => e.action)).toEqual(['topUpCampaign', 'activateCampaign', 'createCampaign']);
    expect((await trail({ targetType: 'merchant' })).map((e) => e.action)).toEqual(['updateMerchant', 'createMerchant']);
    expect((await trail({ actor: 'agent-martin', targetType: 'campaign' })).map((e) => e.action)).toEqual(['activateCampaign', 'createCampaign']);
    const all = await trail();
    const window = await trail({ from: all[4]!.at, to: all[2]!.at });
    expect(window.map((e) => e.action)).toEqual([all[2]!.action, all[3]!.action, all[4]!.action]);

    const first = await call('GET', '/v1/admin/audit', MARTIN, undefined, { limit: '3' });
    expect(first.body.items).toHaveLength(3);
    const second = await call('GET', '/v1/admin/audit', MARTIN, undefined, { limit: '3', cursor: first.body.nextCursor });
    expect([...first.body.items, ...second.body.items].map((e: AuditEntry) => e.auditId)).toEqual(all.slice(0, 6).map((e) => e.auditId));
    const forged = await call('GET', '/v1/admin/audit', MARTIN, undefined, { cursor: Buffer.from(JSON.stringify({ pk: 'RECEIPT#x', sk: 'y' })).toString('base64url') });
    expect(forged).toMatchObject({ status: 400, body: { code: 'INVALID_CURSOR' } });
  });

  it('is for staff only', async () => {
    expect((await call('GET', '/v1/admin/audit', { sub: 'alice-77' })).status).toBe(403);
    expect((await call('GET', '/v1/admin/audit')).status).toBe(401);
  });

  it('is append-only: an entry cannot be written twice', async () => {
    const [entry] = await trail({ limit: '1' });
    await expect(ctx.audit.append({ ...entry!, actor: 'someone-else' })).rejects.toThrow();
    expect((await trail({ limit: '1' }))[0]).toEqual(entry);
  });
});
