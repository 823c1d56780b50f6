import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../support/browser';
import { apiClient, removeDir, REPO_ROOT, startStackProcess, type LocalStackProcess } from '../support/local-stack';
import { checkPage, offlineContext, watchCsp } from './support';

/**
 * The residents' app in a real browser (a 360 px phone with touch) against the real local stack
 * (demo territory: five shops, a 10 % operation, a welcome bonus at the wine shop), offline from
 * the internet: a new resident signs up on the local sign-in page, photographs a receipt and
 * watches it get CREDITED with its amount, sees the wallet and its history, has an IBAN with a
 * wrong key refused as it is typed, records a good one (shown masked), sends the same photo again
 * and reads why it is refused and what to do, sends a receipt with no network that goes once the
 * network is back (exactly once), browses the shops (list, search, category, map without tiles)
 * and the running offers, and founds a household. axe-core checks every page.
 */
const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/receipts');
const RESIDENT = 'nouvelle-habitante';
const WIDTH = 360;

const PLACES: Record<string, { lat: number; lon: number }> = {
  "Au Fournil d'Élise": { lat: 47.2915, lon: 0.699 },
  'La Cave des Coteaux': { lat: 47.29, lon: 0.705 },
  'Librairie Les Mots Passants': { lat: 47.296, lon: 0.7035 },
  'Les Primeurs du Mail': { lat: 47.2965, lon: 0.706 },
  'Fromagerie Maison Vergne': { lat: 47.2905, lon: 0.701 },
};

let stack: LocalStackProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let csp: string[];
let api: ReturnType<typeof apiClient>;
let token: string;

async function check(name: string) {
  // Works at 360 px: nothing wider than the screen (no sideways scrolling).
  expect(await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number), `width of ${name}`).toBeLessThanOrEqual(WIDTH);
  await checkPage(page, `app-${name}`);
  // And what the phone's screen shows (the full-page capture above draws the fixed tab bar mid-page).
  await page.screenshot({ path: path.join(REPO_ROOT, '.tmp', 'app-screenshots', `${name}.png`) });
}

async function tab(name: string, heading: string | RegExp) {
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name }).tap();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(heading);
}

async function myReceipts(): Promise<Array<{ receiptId: string; status: string }>> {
  const r = await api.call('GET', '/v1/receipts?limit=100', token);
  expect(r.status).toBe(200);
  return r.body.items;
}

/** The receipts waiting in the phone's IndexedDB. */
function waitingInPhone(): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = (globalThis as any).indexedDB.open('cabas-app', 1);
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction('outbox', 'readonly').objectStore('outbox').count();
          req.onsuccess = () => {
            resolve(req.result);
            db.close();
          };
          req.onerror = () => reject(req.error);
        };
        open.onerror = () => reject(open.error);
      }),
  );
}

async function waitForStatus(status: string, timeout = 180_000) {
  await page.getByTestId('receipt-status').and(page.locator(`[data-status="${status}"]`)).waitFor({ timeout });
}

beforeAll(async () => {
  if (!chromiumAvailable()) throw new Error('Chromium is missing: install Debian’s `chromium` package or set CHROMIUM_PATH.');
  [stack, browser] = await Promise.all([startStackProcess({ demo: true }), launchChromium()]);
  api = apiClient(stack.url);
  token = await stack.token(RESIDENT);
  const admin = await stack.token('setup-geocoder', ['admin']);
  const shops = await api.call('GET', '/v1/admin/merchants?limit=100', admin);
  for (const m of shops.body.items as Array<{ merchantId: string; name: string }>) {
    if (PLACES[m.name]) expect((await api.call('PATCH', `/v1/admin/merchants/${m.merchantId}`, admin, { coordinates: PLACES[m.name] })).status).toBe(200);
  }
  // The page may reach the local stack and the S3 emulator (127.0.0.1) only: the map's tiles are refused.
  ({ context } = await offlineContext(
    () => browser.newContext({ viewport: { width: WIDTH, height: 780 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'fr-FR', serviceWorkers: 'block' }),
    [stack.url, 'http://127.0.0.1:'],
  ));
  page = await context.newPage();
  csp = watchCsp(page);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  if (stack) await removeDir(stack.dataDir);
});

describe('the residents’ app', () => {
  it('signs a new resident up on the local sign-in page', async () => {
    await page.goto(`${stack.url}/`);
    await page.waitForURL(/\/connexion\?app=app&return=%2F&state=/);
    await check('00-connexion');
    await page.getByLabel('Ou saisissez un autre identifiant').fill(RESIDENT);
    await page.getByRole('button', { name: 'Se connecter' }).tap();
    await page.waitForURL(`${stack.url}/`);
    expect(page.url()).not.toContain('access_token');
    await expect.poll(() => page.getByTestId('resident').textContent()).toBe(RESIDENT);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Mes tickets');
    await expect.poll(() => page.getByText('Vous n’avez encore envoyé aucun ticket').count()).toBe(1);
    await check('01-tickets-vide');
  });

  it('sends a photo of a receipt and sees it CREDITED with its amount', async () => {
    await tab('Envoyer', 'Envoyer un ticket');
    // A file that is neither a photo nor a PDF is refused before anything is sent.
    await page.getByLabel('Prendre en photo ou choisir un ticket').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('pas un ticket') });
    await expect.poll(() => page.locator('#ticket-erreur').textContent()).toContain('ni une photo ni un PDF');
    expect(await page.locator('#ticket').getAttribute('capture')).toBe('environment');
    await page.getByLabel('Prendre en photo ou choisir un ticket').setInputFiles(path.join(FIXTURES, 'boulangerie.jpg'));
    await page.getByTestId('chosen').waitFor();
    expect(await page.getByTestId('chosen').textContent()).toContain('Fichier envoyé tel quel');
    await check('10-envoyer');
    await page.getByRole('button', { name: 'Envoyer le ticket' }).tap();
    await page.waitForURL(/\/tickets\/[A-Za-z0-9_-]+$/);
    // The page follows the receipt by itself until it is settled.
    await waitForStatus('CREDITED');
    // Au Fournil d'Élise, 24,10 EUR: 10 % of the demo operation.
    await expect.poll(() => page.getByTestId('cashback').textContent()).toBe('2,41\u00a0€');
    expect(await page.getByTestId('total').textContent()).toBe('24,10\u00a0€');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe("Ticket de Au Fournil d'Élise");
    expect(await page.getByText('21 novembre 2026').count()).toBe(1);
    expect(await page.locator('.credits').textContent()).toContain('Montclair Commerces');
    await check('11-ticket-rembourse');
    const mine = await myReceipts();
    expect(mine.map((r) => r.status)).toEqual(['CREDITED']);
  });

  it('shows the wallet and its history', async () => {
    await tab('Portefeuille', 'Portefeuille');
    await expect.poll(() => page.getByTestId('balance').textContent()).toBe('2,41\u00a0€');
    await page.getByTestId('history').waitFor();
    const history = await page.getByTestId('history').textContent();
    expect(history).toContain('Remise sur un ticket');
    expect(history).toContain('+ 2,41\u00a0€');
    await check('20-portefeuille');
  });

  it('refuses an IBAN with a wrong key as it is typed, then shows the good one masked', async () => {
    const iban = page.locator('#iban');
    // A French IBAN whose last digit is wrong: mod 97 gives away the typo.
    await iban.fill('FR76 3000 6000 0112 3456 7890 188');
    await expect.poll(() => page.locator('#iban-erreur').textContent()).toContain('La clé de contrôle ne correspond pas');
    expect(await iban.getAttribute('aria-invalid')).toBe('true');
    await page.locator('#titulaire').fill('Nora Habitante');
    await page.getByRole('button', { name: 'Enregistrer le compte' }).tap();
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain('La clé de contrôle ne correspond pas');
    await check('21-iban-refuse');
    // Nothing was sent.
    expect((await api.call('GET', '/v1/me/payout-account', token)).status).toBe(404);
    // Too short is said as what is missing, not as an error yet.
    await iban.fill('FR76 3000');
    await expect.poll(() => page.locator('#iban-erreur').count()).toBe(1); // after a submit, always said
    await iban.fill('FR7630006000011234567890189');
    await expect.poll(() => page.getByText('IBAN valide').count()).toBe(1);
    expect(await iban.inputValue()).toBe('FR76 3000 6000 0112 3456 7890 189');
    await page.getByRole('button', { name: 'Enregistrer le compte' }).tap();
    await page.getByTestId('masked-iban').waitFor();
    const masked = (await page.getByTestId('masked-iban').textContent()) ?? '';
    expect(masked).toContain('•');
    expect(masked.replace(/\s/g, '')).not.toContain('30006000011234567890');
    expect((await api.call('GET', '/v1/me/payout-account', token)).body.holderName).toBe('Nora Habitante');
    await check('22-iban-enregistre');
  });

  it('shows why a receipt is refused and what to do', async () => {
    await tab('Envoyer', 'Envoyer un ticket');
    await page.getByLabel('Prendre en photo ou choisir un ticket').setInputFiles(path.join(FIXTURES, 'boulangerie.jpg'));
    await page.getByTestId('chosen').waitFor();
    await page.getByRole('button', { name: 'Envoyer le ticket' }).tap();
    await page.waitForURL(/\/tickets\/[A-Za-z0-9_-]+$/);
    await waitForStatus('REJECTED');
    const rejection = (await page.getByTestId('rejection').textContent()) ?? '';
    expect(rejection).toMatch(/Ticket refusé : .*déjà/);
    expect(rejection).toContain('Que faire ?');
    expect(rejection).toContain('ne peut être remboursé qu’une fois');
    await check('30-ticket-refuse');
    await tab('Mes tickets', 'Mes tickets');
    await expect.poll(() => page.getByTestId('receipt').count()).toBe(2);
    expect(await page.getByTestId('receipt').first().getAttribute('data-status')).toBe('REJECTED');
    await check('31-mes-tickets');
  });

  it('keeps a receipt sent with no network in the phone and sends it, exactly once, when the network is back', async () => {
    // A phone-sized photo (3,000 px high): shrunk in the browser before it goes.
    const big = await sharp(path.join(FIXTURES, 'primeur.jpg')).resize({ height: 3000 }).jpeg({ quality: 92 }).toBuffer();
    await tab('Envoyer', 'Envoyer un ticket');
    const before = (await myReceipts()).length;
    await context.setOffline(true);
    await page.getByLabel('Prendre en photo ou choisir un ticket').setInputFiles({ name: 'primeur-telephone.jpg', mimeType: 'image/jpeg', buffer: big });
    await page.getByTestId('chosen').waitFor();
    const chosen = (await page.getByTestId('chosen').textContent()) ?? '';
    expect(chosen).toContain('Photo réduite pour l’envoi');
    expect(chosen).toMatch(/× 2000 pixels/);
    await page.getByRole('button', { name: 'Envoyer le ticket' }).tap();
    await expect.poll(() => page.getByTestId('queued').textContent()).toContain('Pas de réseau');
    await expect.poll(() => page.locator('.net-banner').textContent()).toContain('1 ticket attend dans ce téléphone');
    await check('40-hors-connexion');
    expect(await waitingInPhone()).toBe(1);
    await page.waitForTimeout(1500);
    expect((await myReceipts()).length).toBe(before);

    await context.setOffline(false);
    await page.waitForURL(/\/tickets\/[A-Za-z0-9_-]+$/, { timeout: 60_000 });
    const receiptId = page.url().split('/').pop()!;
    await waitForStatus('CREDITED');
    await expect.poll(() => page.getByTestId('cashback').textContent()).toBe('1,71\u00a0€');
    expect(await waitingInPhone()).toBe(0);
    // Once more online (another `online` event, a reload): nothing goes twice.
    await page.evaluate(() => (globalThis as any).dispatchEvent(new (globalThis as any).Event('online')));
    await page.reload();
    await waitForStatus('CREDITED');
    await page.waitForTimeout(1500);
    const after = await myReceipts();
    expect(after.length).toBe(before + 1);
    expect(after.filter((r) => r.receiptId === receiptId)).toHaveLength(1);
    expect(after.filter((r) => r.status === 'AWAITING_UPLOAD')).toEqual([]);
  });

  it('lists the shops with search, categories, a map without tiles, a shop’s page and the offers running now', async () => {
    await tab('Commerces', 'Commerces et offres');
    await page.getByTestId('shops').waitFor();
    await expect.poll(() => page.getByTestId('shops').locator('li').count()).toBe(5);
    await page.getByTestId('offers').waitFor();
    const offers = (await page.getByTestId('offers').textContent()) ?? '';
    expect(offers).toMatch(/10 % remboursés chez tous les commerçants participants jusqu’au \d+ \S+ \d{4}, au plus 10,00\u00a0€ par ticket/);
    expect(offers).toMatch(/10,00\u00a0€ offerts sur votre premier achat chez La Cave des Coteaux/);
    await check('50-commerces');
    await page.getByLabel('Rechercher un commerce').fill('fromagerie');
    await expect.poll(() => page.getByTestId('shops').locator('li').count()).toBe(1);
    await page.getByLabel('Rechercher un commerce').fill('');
    await page.getByLabel('Catégorie').selectOption('Librairie');
    await expect.poll(() => page.getByTestId('shops').textContent()).toBe('Librairie Les Mots PassantsLibrairie · 4 place du Marché aux Herbes');
    await page.getByLabel('Catégorie').selectOption('');
    await page.getByRole('button', { name: 'Carte' }).tap();
    await expect.poll(() => page.locator('.shop-point').count()).toBe(5);
    await expect.poll(() => page.locator('.shop-map-frame figcaption').textContent()).toContain('Le fond de carte ne peut pas être chargé');
    await check('51-carte');
    await page.getByRole('link', { name: 'La Cave des Coteaux' }).tap();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('La Cave des Coteaux');
    await expect.poll(() => page.locator('.offers').textContent()).toContain('offerts sur votre premier achat chez La Cave des Coteaux');
    await check('52-commerce');
  });

  it('founds a household and shows its code to share', async () => {
    await tab('Foyer', 'Foyer');
    await page.getByRole('button', { name: 'Créer un foyer' }).tap();
    await page.getByTestId('join-code').waitFor();
    expect(await page.getByTestId('join-code').textContent()).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{10}$/);
    await check('60-foyer');
    // Another resident joins with the code through the API: the count follows.
    const code = (await page.getByTestId('join-code').textContent())!;
    expect((await api.call('POST', '/v1/me/household/join', await stack.token('colocataire'), { joinCode: code })).status).toBe(200);
    await page.reload();
    await expect.poll(() => page.getByTestId('household').textContent()).toContain('2 personnes');
  });

  it('is installable: a manifest, a service worker that opens the app with no network', async () => {
    const manifest = (await (await fetch(`${stack.url}/manifest.webmanifest`)).json()) as { lang: string; icons: Array<{ sizes: string }> };
    expect(manifest).toMatchObject({ lang: 'fr', start_url: '/', display: 'standalone' });
    expect(manifest.icons.some((i: { sizes: string }) => i.sizes === '512x512')).toBe(true);
    const sw = await browser.newContext({ viewport: { width: WIDTH, height: 780 }, isMobile: true, hasTouch: true, locale: 'fr-FR' });
    const p = await sw.newPage();
    await p.goto(`${stack.url}/`);
    await p.waitForURL(/\/connexion/);
    await p.getByRole('button', { name: 'Se connecter' }).tap();
    await p.waitForURL(`${stack.url}/`);
    await p.evaluate(() => (globalThis as any).navigator.serviceWorker.ready.then(() => undefined));
    await expect.poll(() => p.evaluate(async () => (await (globalThis as any).caches.keys()).length as number)).toBeGreaterThan(0);
    await expect.poll(() => p.evaluate(async () => ((await (await (globalThis as any).caches.open('cabas-app-shell-v1')).keys()) as Array<{ url: string }>).some((r) => /\/assets\/main-.*\.js$/.test(r.url)))).toBe(true);
    await sw.setOffline(true);
    await p.reload();
    await expect.poll(() => p.getByRole('heading', { level: 1 }).textContent()).toBe('Mes tickets');
    await sw.close();
    expect(csp).toEqual([]);
  });
});
