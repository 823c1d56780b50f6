import path from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../support/browser';
import { REPO_ROOT } from '../support/local-stack';

/*
 * The zone map (web/shared/map/zone-map.ts) taken away while it zooms: fit() animates the zoom and
 * Leaflet 1.9 ends it 250 ms later on the map's panes, so a map removed in between threw in the
 * page ("reading '_leaflet_pos'", Leaflet issue 9575) when staff left a campaign's page just
 * after it opened. destroy() now waits for the zoom to end. Bundled alone and run in Chromium,
 * offline (no tile loads).
 */

let browser: Browser;
let script: string;

beforeAll(async () => {
  if (!chromiumAvailable()) throw new Error('Chromium is missing: install Debian’s `chromium` package or set CHROMIUM_PATH.');
  const entry = `
    import { createZoneMap } from './web/shared/map/zone-map';
    const config = { tileUrl: 'http://127.0.0.1:9/{z}/{x}/{y}.png', attribution: 'test', center: [47.39, 0.69], zoom: 12 };
    window.removedWhileZooming = async (count) => {
      for (let i = 0; i < count; i++) {
        const container = document.createElement('div');
        container.style.cssText = 'width: 400px; height: 300px';
        document.body.append(container);
        const map = createZoneMap({ container, config, editable: false });
        map.render({ shops: [{ id: 'a', name: 'A', lat: 47.40, lon: 0.68 }, { id: 'b', name: 'B', lat: 47.42, lon: 0.72 }], vertices: [], closed: false, drawing: false });
        map.fit();
        // Leaflet starts the animated zoom on the next frame: leave it 50 ms, well within its 250.
        await new Promise((resolve) => setTimeout(resolve, 50));
        map.destroy();
      }
    };`;
  const out = await build({ stdin: { contents: entry, resolveDir: REPO_ROOT, loader: 'ts' }, bundle: true, format: 'iife', write: false, logLevel: 'silent', loader: { '.css': 'empty' } });
  script = out.outputFiles[0]!.text;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('the zone map', () => {
  it('can be taken away while its zoom is animating, with no error in the page', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort('internetdisconnected')));
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ content: script });
    await page.evaluate('window.removedWhileZooming(5)');
    // Past Leaflet's 250 ms end of the zoom, and the deferred removal.
    await page.waitForTimeout(800);
    expect(errors).toEqual([]);
    // Each map was removed in the end: its panes are gone from its container.
    expect(await page.locator('.leaflet-container').count()).toBe(5);
    expect(await page.locator('.leaflet-map-pane').count()).toBe(0);
    await page.close();
  });
});
