import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mintToken } from '../../shared/local/jwt';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface LocalStackProcess {
  url: string;
  dataDir: string;
  output: () => string;
  token(sub: string, groups?: string[]): Promise<string>;
  stop(): Promise<void>;
}

/** Starts `npm start`'s program as a child process on a free port and waits for it to be ready. */
export async function startStackProcess(opts: { dataDir?: string; demo?: boolean; timeoutMs?: number; env?: Record<string, string> } = {}): Promise<LocalStackProcess> {
  const dataDir = opts.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'cabas-e2e-')));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'shared/local/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0', CABAS_DATA_DIR: dataDir, CABAS_DEMO: opts.demo ? '1' : '0', POWERTOOLS_LOG_LEVEL: 'ERROR', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`local stack not ready in time:\n${out}`)), opts.timeoutMs ?? 120_000);
    const check = () => {
      const m = /ready in [\d.]+ s on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`local stack exited with ${code}:\n${out}`));
    });
  });
  return {
    url,
    dataDir,
    output: () => out,
    token: (sub, groups = []) => mintToken(dataDir, { sub, groups }),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGINT');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    },
  };
}

export async function removeDir(dir: string) {
  await rm(dir, { recursive: true, force: true });
}

/** A small client for the REST API (docs/openapi.json). */
export function apiClient(baseUrl: string) {
  async function call(method: string, route: string, token?: string, body?: unknown) {
    const res = await fetch(`${baseUrl}${route}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    return { status: res.status, headers: res.headers, body: json };
  }

  /** POST /v1/receipts, then the presigned PUT; returns the receipt id. */
  async function upload(token: string, bytes: Uint8Array, contentType: string) {
    const created = await call('POST', '/v1/receipts', token, { contentType, contentLength: bytes.length });
    if (created.status !== 201) throw new Error(`POST /v1/receipts: ${created.status} ${JSON.stringify(created.body)}`);
    const { url, headers, method } = created.body.upload;
    const put = await fetch(url, { method, headers, body: bytes });
    if (!put.ok) throw new Error(`PUT upload: ${put.status} ${await put.text()}`);
    return created.body.receiptId as string;
  }

  /** Polls GET /v1/receipts/{id} until the pipeline has settled the receipt. */
  async function settle(token: string, receiptId: string, timeoutMs = 180_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = await call('GET', `/v1/receipts/${receiptId}`, token);
      if (r.status !== 200) throw new Error(`GET receipt: ${r.status} ${JSON.stringify(r.body)}`);
      if (!['AWAITING_UPLOAD', 'PROCESSING'].includes(r.body.status)) return r.body;
      if (Date.now() > deadline) throw new Error(`receipt ${receiptId} still ${r.body.status}`);
      await new Promise((res) => setTimeout(res, 250));
    }
  }

  return { call, upload, settle };
}
