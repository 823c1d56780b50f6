import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { apiClient, removeDir, REPO_ROOT, startStackProcess } from '../support/local-stack';

/** `npm start` as a newcomer meets it: a demo territory, state that survives a restart, the CLI. */
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cabas-demo-'));

afterAll(async () => {
  await removeDir(dataDir);
});

function cabas(args: string[]) {
  return new Promise<{ code: number | null; stdout: string }>((resolve) => {
    const child = spawn('npx', ['cabas', ...args], { cwd: REPO_ROOT, env: { ...process.env, CABAS_DATA_DIR: dataDir } });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

describe('the local stack', () => {
  it('seeds a demo territory once, credits a demo receipt, and keeps its state across a restart', async () => {
    const first = await startStackProcess({ dataDir, demo: true });
    let receiptId: string;
    let token: string;
    try {
      const api = apiClient(first.url);
      const shops = await api.call('GET', '/v1/merchants');
      expect(shops.body.items.length).toBeGreaterThanOrEqual(5);
      expect(first.output()).toContain('curl');
      // The contract and its reference, served by the stack itself.
      const contract = await fetch(`${first.url}/v1/openapi.json`);
      expect(contract.status).toBe(200);
      expect(((await contract.json()) as { paths: Record<string, unknown> }).paths).toHaveProperty('/v1/receipts');
      const docs = await fetch(`${first.url}/docs`);
      expect(docs.headers.get('content-type')).toContain('text/html');
      expect(await docs.text()).toContain('/v1/openapi.json');

      // A token from the CLI, as the README shows.
      const minted = await cabas(['token', '--sub', 'demo-resident']);
      expect(minted.code).toBe(0);
      token = minted.stdout.trim();
      const bytes = new Uint8Array(await readFile(path.join(REPO_ROOT, 'test/fixtures/receipts/librairie.png')));
      receiptId = await api.upload(token, bytes, 'image/png');
      const receipt = await api.settle(token, receiptId);
      expect(receipt).toMatchObject({ status: 'CREDITED', totalCents: 4290, cashbackCents: 429 });
    } finally {
      await first.stop();
    }

    const second = await startStackProcess({ dataDir, demo: true });
    try {
      const api = apiClient(second.url);
      const shops = await api.call('GET', '/v1/merchants');
      expect(shops.body.items).toHaveLength(5);
      expect((await api.call('GET', `/v1/receipts/${receiptId}`, token)).body.status).toBe('CREDITED');
      expect((await api.call('GET', '/v1/me/wallet', token)).body.balanceCents).toBe(429);
      const reconcile = await cabas(['reconcile']);
      expect(reconcile.code).toBe(0);
    } finally {
      await second.stop();
    }
  });
});
