import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { apiClient, removeDir, REPO_ROOT, startStackProcess, type LocalStackProcess } from '../support/local-stack';
import type { Truth } from '../fixtures/generate-receipts';

/**
 * The whole slice through the local stack, as a resident and city staff would use it: receipts
 * uploaded through the REST contract, read by tesseract, matched, credited in the ledger.
 */
const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/receipts');

async function fixtures() {
  const files = (await readdir(FIXTURES)).filter((f) => /\.(jpe?g|png)$/.test(f)).sort();
  return Promise.all(
    files.map(async (f) => ({
      file: f,
      bytes: new Uint8Array(await readFile(path.join(FIXTURES, f))),
      contentType: f.endsWith('.png') ? 'image/png' : 'image/jpeg',
      truth: JSON.parse(await readFile(path.join(FIXTURES, f.replace(/\.(jpe?g|png)$/, '.json')), 'utf8')) as Truth,
    })),
  );
}

let stack: LocalStackProcess;
let api: ReturnType<typeof apiClient>;
let admin: string;

beforeAll(async () => {
  stack = await startStackProcess({ demo: false });
  api = apiClient(stack.url);
  admin = await stack.token('city-staff', ['admin']);
});

afterAll(async () => {
  await stack?.stop();
  if (stack) await removeDir(stack.dataDir);
});

describe('a receipt from upload to cashback', () => {
  const merchantIds = new Map<string, string>();
  let campaignId: string;

  it('answers health and refuses staff routes to residents', async () => {
    expect((await api.call('GET', '/v1/health')).body).toEqual({ status: 'ok' });
    const resident = await stack.token('someone');
    const denied = await api.call('POST', '/v1/admin/merchants', resident, {});
    expect(denied.status).toBe(403);
    expect(denied.headers.get('content-type')).toContain('application/problem+json');
    expect(denied.body.code).toBe('FORBIDDEN');
    expect((await api.call('GET', '/v1/me/wallet')).status).toBe(401);
    expect((await api.call('GET', '/v1/me/wallet', 'not-a-jwt')).status).toBe(401);
  });

  it('lets staff register the shops and open a campaign', async () => {
    for (const f of await fixtures()) {
      const r = await api.call('POST', '/v1/admin/merchants', admin, {
        name: f.truth.shopSign,
        siret: f.truth.siret,
        address: { street: '1 place de la Mairie', postcode: f.truth.postcode, city: f.truth.city },
        category: 'Commerce de proximité',
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      merchantIds.set(f.file, r.body.merchantId);
    }
    const bad = await api.call('POST', '/v1/admin/merchants', admin, { name: 'X', siret: '12345678901234', address: { street: 'a', postcode: '1', city: 'b' } });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_ERROR');

    const created = await api.call('POST', '/v1/admin/campaigns', admin, {
      name: 'Dotation commerces de proximité',
      budgetCents: 100_000,
      startsOn: '2026-01-01',
      endsOn: '2027-12-31',
      rateBps: 1_000,
      maxCashbackPerReceiptCents: 500,
    });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('DRAFT');
    campaignId = created.body.campaignId;
    const activated = await api.call('POST', `/v1/admin/campaigns/${campaignId}/activate`, admin);
    expect(activated.body).toEqual({ campaignId, status: 'ACTIVE' });
    const shops = await api.call('GET', '/v1/merchants?limit=100');
    expect(shops.body.items).toHaveLength(merchantIds.size);
  });

  it('credits each resident the right cashback for the right shop, total and date', async () => {
    const all = await fixtures();
    const results = await Promise.all(
      all.map(async (f, i) => {
        const token = await stack.token(`resident-${i}`);
        const receiptId = await api.upload(token, f.bytes, f.contentType);
        return { f, token, receipt: await api.settle(token, receiptId) };
      }),
    );
    for (const { f, token, receipt } of results) {
      expect(receipt, f.file).toMatchObject({
        status: 'CREDITED',
        merchant: { merchantId: merchantIds.get(f.file) },
        purchaseDate: f.truth.purchaseDate,
        totalCents: f.truth.totalCents,
        cashbackCents: Math.min(500, Math.floor(f.truth.totalCents / 10)),
        campaignId,
      });
      const wallet = await api.call('GET', '/v1/me/wallet', token);
      expect(wallet.body).toEqual({ balanceCents: receipt.cashbackCents, pendingPayoutCents: 0, paidOutCents: 0, currency: 'EUR' });
      const mine = await api.call('GET', '/v1/receipts', token);
      expect(mine.body.items.map((r: { receiptId: string }) => r.receiptId)).toEqual([receipt.receiptId]);
      expect(mine.body.nextCursor).toBeNull();
    }

    const stats = await api.call('GET', `/v1/admin/campaigns/${campaignId}/stats`, admin);
    const credited = results.reduce((s, r) => s + r.receipt.cashbackCents, 0);
    expect(stats.body).toEqual({
      budgetCents: 100_000,
      creditedCents: credited,
      remainingCents: 100_000 - credited,
      reversedCents: 0,
      returnedCents: 0,
      salesCents: results.reduce((s, r) => s + r.f.truth.totalCents, 0),
      receipts: { credited: results.length, rejected: 0, inReview: 0 },
      residents: results.length,
      merchants: results.length,
    });

    // Another resident cannot see the receipt; staff can.
    const first = results[0]!;
    const stranger = await stack.token('stranger');
    const hidden = await api.call('GET', `/v1/receipts/${first.receipt.receiptId}`, stranger);
    expect(hidden.status).toBe(404);
    expect(hidden.body.code).toBe('RECEIPT_NOT_FOUND');
    expect((await api.call('GET', `/v1/receipts/${first.receipt.receiptId}`, admin)).body.status).toBe('CREDITED');

    // The same image from another resident is refused.
    const dupId = await api.upload(stranger, first.f.bytes, first.f.contentType);
    const dup = await api.settle(stranger, dupId);
    expect(dup.status).toBe('REJECTED');
    expect(dup.rejection.code).toBe('DUPLICATE_IMAGE');
    expect(dup.rejection.message).toMatch(/déjà/);
    expect((await api.call('GET', '/v1/me/wallet', stranger)).body.balanceCents).toBe(0);

    // Another photo of a paid ticket (re-framed, shrunk, brightened, re-encoded) is never paid
    // twice: refused as the same purchase when its readings say so, held for staff otherwise.
    const second = results[1]!;
    const { width = 0, height = 0 } = await sharp(second.f.bytes).metadata();
    const copy = await sharp(second.f.bytes)
      .extract({ left: Math.round(width * 0.03), top: Math.round(height * 0.03), width: Math.round(width * 0.94), height: Math.round(height * 0.94) })
      .resize({ width: Math.round(width * 0.8) })
      .modulate({ brightness: 1.08 })
      .jpeg({ quality: 60 })
      .toBuffer();
    const lookAlike = await api.settle(stranger, await api.upload(stranger, new Uint8Array(copy), 'image/jpeg'));
    if (lookAlike.status === 'REJECTED') expect(lookAlike.rejection.code).toBe('DUPLICATE_RECEIPT');
    else {
      expect(lookAlike.status).toBe('IN_REVIEW');
      const queue = await api.call('GET', '/v1/admin/review', admin);
      const held = queue.body.items.find((r: { receiptId: string }) => r.receiptId === lookAlike.receiptId);
      expect(held.review.reasons.join(' ')).toContain(second.receipt.receiptId);
    }
    expect((await api.call('GET', '/v1/me/wallet', stranger)).body.balanceCents).toBe(0);
  });

  it('lets staff reverse a credit, top the budget up, export the ledger and close the campaign', async () => {
    const shopper = await stack.token('resident-0');
    const mine = await api.call('GET', '/v1/receipts', shopper);
    const receipt = mine.body.items[0];
    expect(receipt.status).toBe('CREDITED');

    const denied = await api.call('POST', `/v1/admin/receipts/${receipt.receiptId}/reverse`, shopper, { reason: 'nope' });
    expect(denied.status).toBe(403);
    const reversed = await api.call('POST', `/v1/admin/receipts/${receipt.receiptId}/reverse`, admin, { reason: 'Ticket présenté deux fois' });
    expect(reversed.body).toMatchObject({ status: 'REJECTED', reversedCents: receipt.cashbackCents });
    const after = await api.call('GET', `/v1/receipts/${receipt.receiptId}`, shopper);
    expect(after.body.rejection.code).toBe('REJECTED_BY_REVIEWER');
    expect((await api.call('GET', '/v1/me/wallet', shopper)).body.balanceCents).toBe(0);
    const history = await api.call('GET', '/v1/me/wallet/transfers', shopper);
    expect(history.body.items.map((t: { kind: string; amountCents: number }) => [t.kind, t.amountCents])).toEqual([
      ['REVERSAL', -receipt.cashbackCents],
      ['CASHBACK', receipt.cashbackCents],
    ]);

    const topUp = await api.call('POST', `/v1/admin/campaigns/${campaignId}/top-up`, admin, { amountCents: 25_000, reference: 'DM-2026-42' });
    expect(topUp.body).toMatchObject({ outcome: 'TOPPED_UP', budgetCents: 125_000 });
    const csv = await fetch(`${stack.url}/v1/admin/campaigns/${campaignId}/ledger.csv`, { headers: { authorization: `Bearer ${admin}` } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines.map((l) => l.split(',')[2])).toEqual(expect.arrayContaining(['kind', 'FUNDING', 'CASHBACK', 'REVERSAL', 'TOP_UP']));

    const closed = await api.call('POST', `/v1/admin/campaigns/${campaignId}/close`, admin);
    expect(closed.body.status).toBe('CLOSED');
    const stats = await api.call('GET', `/v1/admin/campaigns/${campaignId}/stats`, admin);
    expect(stats.body.remainingCents).toBe(0);
    expect(stats.body.creditedCents + stats.body.returnedCents).toBe(125_000);
    expect((await api.call('GET', '/v1/admin/ledger/reconcile', admin)).body).toMatchObject({ ok: true });
  });

  it('refuses a file that is not an image, by its bytes', async () => {
    const token = await stack.token('tricky');
    const bytes = new TextEncoder().encode('%!PS-Adobe-3.0 not an image at all');
    const id = await api.upload(token, bytes, 'image/jpeg');
    const r = await api.settle(token, id);
    expect(r.status).toBe('REJECTED');
    expect(r.rejection.code).toBe('UNSUPPORTED_FILE');
  });

  it('validates the upload request', async () => {
    const token = await stack.token('validator');
    const tooBig = await api.call('POST', '/v1/receipts', token, { contentType: 'image/jpeg', contentLength: 20 * 1024 * 1024 });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.code).toBe('TOO_LARGE');
    const gif = await api.call('POST', '/v1/receipts', token, { contentType: 'image/gif', contentLength: 100 });
    expect(gif.body.code).toBe('UNSUPPORTED_FILE');
    const junk = await api.call('POST', '/v1/receipts', token, { contentType: 'image/jpeg' });
    expect(junk.body.code).toBe('VALIDATION_ERROR');
  });
});
