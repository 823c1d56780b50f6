import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticAnswer } from '../../shared/local/static-site';
import { chromiumAvailable, launchChromium } from '../support/browser';

/** The API reference at /docs renders in a real browser from local files only: no request leaves 127.0.0.1. */
const SCREENSHOT = path.join(os.tmpdir(), 'cabas-docs.png');
let server: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  if (!chromiumAvailable()) throw new Error('Chromium is missing: install Debian’s `chromium` package (.ci/run does) or set CHROMIUM_PATH.');
  server = createServer(async (req, res) => {
    const answer = await staticAnswer(req.method ?? 'GET', new URL(req.url ?? '/', 'http://x').pathname);
    if (!answer) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(answer.statusCode ?? 200, answer.headers as Record<string, string>);
    res.end(answer.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  // No server when beforeAll failed early (no Chromium): nothing to wait for.
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

describe('/docs', () => {
  it('renders every operation of the contract offline, with nothing fetched from elsewhere', async () => {
    const context = await browser.newContext();
    const outside: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(base) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
      outside.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${base}/docs`);
    await page.getByText('Cabas REST API', { exact: false }).first().waitFor({ timeout: 60_000 });
    // Operations from each side of the API are listed by their summary.
    for (const summary of ['Announce a receipt and get a presigned URL to upload its image', 'Create a campaign (a draft)', 'The participating shops (public directory)']) {
      expect(await page.getByText(summary).count(), summary).toBeGreaterThan(0);
    }
    await page.screenshot({ path: SCREENSHOT });
    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
    await context.close();
  });

  it('serves the contract itself as JSON', async () => {
    const res = await fetch(`${base}/v1/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(((await res.json()) as { openapi: string }).openapi).toMatch(/^3\.1\./);
  });
});
