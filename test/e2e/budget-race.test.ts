import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { renderReceipt, tillTicket } from '../fixtures/generate-receipts';
import { validatePain001 } from '../unit/payouts/xsd';
import { apiClient, removeDir, REPO_ROOT, startStackProcess, type LocalStackProcess } from '../support/local-stack';

/**
 * 20 residents upload 20 different receipts at once against a budget that covers only a few:
 * the budget ends exactly spent, never overdrawn, and `cabas reconcile` agrees.
 */
let stack: LocalStackProcess;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  // Every credited wallet is paid, whatever it holds: the receipt that takes the budget's last
  // cents may get less than a euro, depending on which receipts won the race.
  stack = await startStackProcess({ demo: false, env: { CABAS_PAYOUT_THRESHOLD_CENTS: '1' } });
  api = apiClient(stack.url);
});

afterAll(async () => {
  await stack?.stop();
  if (stack) await removeDir(stack.dataDir);
});

function runCli(args: string[], dataDir: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['shared/cli/bin.mjs', ...args], { cwd: REPO_ROOT, env: { ...process.env, CABAS_DATA_DIR: dataDir } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const SHOP = {
  shopSign: 'EPICERIE DU PONT NEUF',
  street: '5 rue du Pont Neuf',
  postcode: '37410',
  city: 'MONTCLAIR-SUR-LOIRE',
  siret: '44306184100047',
};
const BUDGET = 3_000;

describe('concurrent receipts against a small budget', () => {
  it('spends the budget exactly and never more', async () => {
    const admin = await stack.token('city-staff', ['admin']);
    const shop = await api.call('POST', '/v1/admin/merchants', admin, {
      name: 'Épicerie du Pont Neuf',
      siret: SHOP.siret,
      address: { street: SHOP.street, postcode: SHOP.postcode, city: 'Montclair-sur-Loire' },
    });
    expect(shop.status, JSON.stringify(shop.body)).toBe(201);
    const campaign = await api.call('POST', '/v1/admin/campaigns', admin, {
      name: 'Petit budget',
      budgetCents: BUDGET,
      startsOn: '2026-01-01',
      endsOn: '2027-12-31',
      rateBps: 2_000,
    });
    const campaignId = campaign.body.campaignId as string;
    await api.call('POST', `/v1/admin/campaigns/${campaignId}/activate`, admin);

    const tickets = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        renderReceipt(
          tillTicket({
            ...SHOP,
            purchaseDate: '2026-11-20',
            time: `${String(8 + Math.floor(i / 4)).padStart(2, '0')}:${String(10 + i * 2).padStart(2, '0')}`,
            ticket: String(7100 + i).padStart(6, '0'),
            items: [
              ['PAIN DE CAMPAGNE', 380 + i * 10],
              ['CONFITURE ABRICOT', 560],
              ['CAFE MOULU 250G', 1_190 + i * 25],
            ],
          }),
          i,
        ),
      ),
    );
    const results = await Promise.all(
      tickets.map(async (bytes, i) => {
        const token = await stack.token(`racer-${i}`);
        const id = await api.upload(token, new Uint8Array(bytes), 'image/png');
        return { token, receipt: await api.settle(token, id, 300_000) };
      }),
    );

    const credited = results.filter((r) => r.receipt.status === 'CREDITED');
    const refused = results.filter((r) => r.receipt.status === 'REJECTED');
    expect(credited.length + refused.length, JSON.stringify(results.map((r) => r.receipt))).toBe(20);
    expect(refused.every((r) => r.receipt.rejection.code === 'BUDGET_EXHAUSTED')).toBe(true);
    expect(credited.length).toBeGreaterThanOrEqual(2);
    expect(credited.reduce((s, r) => s + r.receipt.cashbackCents, 0)).toBe(BUDGET);
    for (const r of credited) {
      expect(r.receipt.cashbackCents).toBeLessThanOrEqual(Math.floor((r.receipt.totalCents * 2_000) / 10_000));
      const wallet = await api.call('GET', '/v1/me/wallet', r.token);
      expect(wallet.body.balanceCents).toBe(r.receipt.cashbackCents);
    }

    const stats = await api.call('GET', `/v1/admin/campaigns/${campaignId}/stats`, admin);
    expect(stats.body).toMatchObject({ budgetCents: BUDGET, creditedCents: BUDGET, remainingCents: 0, receipts: { credited: credited.length, rejected: refused.length } });

    const viaApi = await api.call('GET', '/v1/admin/ledger/reconcile', admin);
    expect(viaApi.body).toMatchObject({ ok: true, problems: [] });
    expect((await api.call('GET', '/v1/admin/ledger/reconcile', await stack.token('racer-0'))).status).toBe(403);

    const reconcile = await runCli(['reconcile'], stack.dataDir);
    expect(reconcile.code, reconcile.stderr + reconcile.stdout).toBe(0);
    expect(JSON.parse(reconcile.stdout)).toMatchObject({ ok: true, problems: [], creditedReceipts: credited.length });

    // Pay them out: each credited resident gives an IBAN; the payout job makes one SEPA batch.
    const bad = await api.call('PUT', '/v1/me/payout-account', credited[0]!.token, { iban: 'FR76 3000 4008 2300 0100 0002 129', holderName: 'X' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('INVALID_IBAN');
    for (const r of credited) {
      const put = await api.call('PUT', '/v1/me/payout-account', r.token, { iban: 'FR76 3000 4008 2300 0100 0002 128', holderName: 'Résident Test' });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      expect(put.body.iban).toMatch(/^FR76 •+ 2128$/);
    }
    const run = await runCli(['payouts', 'run'], stack.dataDir);
    expect(run.code, run.stderr).toBe(0);
    const batch = JSON.parse(run.stdout);
    expect(batch).toMatchObject({ itemCount: credited.length, totalCents: BUDGET });
    expect(JSON.parse((await runCli(['payouts', 'run'], stack.dataDir)).stdout)).toEqual(batch);
    const listed = await api.call('GET', '/v1/admin/payouts', admin);
    expect(listed.body.items).toEqual([expect.objectContaining({ payoutId: batch.payoutId, status: 'READY', itemCount: credited.length, totalCents: BUDGET })]);
    const file = await fetch(`${stack.url}/v1/admin/payouts/${batch.payoutId}/file`, { headers: { authorization: `Bearer ${admin}` } });
    expect(file.headers.get('content-type')).toContain('application/xml');
    const validation = await validatePain001(await file.text());
    expect(validation.valid, JSON.stringify(validation.errors)).toBe(true);
    expect((await api.call('GET', '/v1/me/wallet', credited[0]!.token)).body).toMatchObject({ balanceCents: 0, pendingPayoutCents: credited[0]!.receipt.cashbackCents });

    const settled = await api.call('POST', `/v1/admin/payouts/${batch.payoutId}/settle`, admin);
    expect(settled.body).toEqual({ payoutId: batch.payoutId, status: 'SETTLED' });
    expect((await api.call('GET', '/v1/me/wallet', credited[0]!.token)).body).toMatchObject({ balanceCents: 0, pendingPayoutCents: 0, paidOutCents: credited[0]!.receipt.cashbackCents });
    const after = await runCli(['reconcile'], stack.dataDir);
    expect(after.code, after.stdout).toBe(0);
  });
});
