import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { REPO_ROOT } from '../support/local-stack';

/** Where the browser tests save a screenshot of every page (gitignored; CABAS_SCREENSHOTS moves it). */
export const SCREENSHOTS = process.env.CABAS_SCREENSHOTS ?? path.join(REPO_ROOT, '.tmp', 'console-screenshots');

/**
 * A browser context that reaches the local stack only: anything else (the map's tiles, a font)
 * is refused, as on a closed network, and counted. CSP violations reported by the page are kept.
 */
export async function offlineContext(newContext: () => Promise<BrowserContext>, allowed: string[]) {
  const context = await newContext();
  const outside: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (allowed.some((a) => url.startsWith(a)) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    outside.push(url);
    return route.abort('internetdisconnected');
  });
  return { context, outside };
}

/** Console errors of a page that say the content security policy refused something. */
export function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  page.on('pageerror', (e) => violations.push(`page error: ${e.message}`));
  return violations;
}

/**
 * Checks the page with axe-core (WCAG 2.1 A and AA rules): no serious or critical violation; and
 * saves its screenshot as `<name>.png`.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
  expect(bad, `axe on ${name}`).toEqual([]);
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Polls `f` until it answers something truthy (the pipeline works in the background). */
export async function eventually<T>(f: () => Promise<T | undefined | false>, what: string, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`still waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The bearer token the console holds for its session (to ask the API what the page was shown). */
export async function consoleToken(page: Page): Promise<string> {
  const token = await page.evaluate(() => (JSON.parse(sessionStorage.getItem('cabas.console.session') ?? '{}') as { accessToken?: string }).accessToken);
  if (!token) throw new Error('the console holds no session');
  return token;
}
