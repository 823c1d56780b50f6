import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { Browser, BrowserContext, Page, Response, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../support/browser';
import { apiClient, removeDir, REPO_ROOT, startStackProcess, type LocalStackProcess } from '../support/local-stack';
import { checkPage, offlineContext, watchCsp } from './support';
import { jpegWithGps } from '../support/photos';
import { carParkTicket } from '../fixtures/parking-ticket';

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

  it('counts a photo as sent when its PUT went through but the answer was lost: the write-once URL answers 412 to the retry', async () => {
    await tab('Envoyer', 'Envoyer un ticket');
    const before = (await myReceipts()).length;
    // The first PUT reaches S3, then the connection drops before the phone hears the answer.
    const answers: number[] = [];
    const upload = (url: URL) => /\/receipts\/[^/]+$/.test(url.pathname) && !url.pathname.startsWith('/v1/');
    let lost = false;
    await page.route(upload, async (route: Route) => {
      if (lost || route.request().method() !== 'PUT') return route.fallback();
      lost = true;
      answers.push((await route.fetch()).status());
      return route.abort('connectionreset');
    });
    // What the page hears from the next PUTs (they go through untouched: the route only hands them on).
    const heard = (res: Response) => {
      if (res.request().method() === 'PUT' && upload(new URL(res.url()))) answers.push(res.status());
    };
    page.on('response', heard);
    await page.getByLabel('Prendre en photo ou choisir un ticket').setInputFiles(path.join(FIXTURES, 'caviste.png'));
    await page.getByRole('button', { name: 'Envoyer le ticket' }).tap();
    await expect.poll(() => answers.length).toBe(1);
    expect(await waitingInPhone()).toBe(1);
    // The next try (here: the network is said to be back) PUTs the same bytes to the same URL.
    await page.evaluate(() => (globalThis as any).dispatchEvent(new (globalThis as any).Event('online')));
    await page.waitForURL(/\/tickets\/[A-Za-z0-9_-]+$/, { timeout: 60_000 });
    await expect.poll(() => answers).toEqual([200, 412]);
    page.off('response', heard);
    expect(await waitingInPhone()).toBe(0);
    const receiptId = page.url().split('/').pop()!;
    await expect.poll(async () => (await myReceipts()).find((r) => r.receiptId === receiptId)?.status, { timeout: 60_000 }).not.toBe('AWAITING_UPLOAD');
    const after = await myReceipts();
    expect(after.length).toBe(before + 1);
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

/**
 * The shop's page (issue #20), in its own browser contexts: a resident with a credited receipt at
 * the bookshop writes a review, which shows on the shop's public page with the average; a resident
 * who never bought there is told why there is no form; the bookshop's staff sign in on the local
 * sign-in page (the groups `merchant` and `merchant:<id>`), edit the portrait, post news and reply,
 * which the resident then sees; another shop's page offers them nothing and the API refuses it.
 * Run together (they follow each other): `-t "shop’s page"`.
 */
describe('the shop’s page and the shop space', () => {
  const READER = 'lectrice-assidue';
  const STAFF_LABEL = 'Personnel de Librairie Les Mots Passants';
  const REVIEW = 'Des conseils avisés et un rayon jeunesse formidable.';
  const NEWS = 'Rencontre avec une autrice samedi';
  const PHOTO_ALT = 'La vitrine de la librairie, avec les romans de la rentrée';
  let shops: Record<string, string>;
  let reader: Page;
  const violations: string[][] = [];

  async function signedIn(route: string, who: { other: string } | { choose: string }): Promise<Page> {
    const { context: c } = await offlineContext(
      () => browser.newContext({ viewport: { width: WIDTH, height: 780 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'fr-FR', serviceWorkers: 'block' }),
      [stack.url, 'http://127.0.0.1:'],
    );
    const p = await c.newPage();
    violations.push(watchCsp(p));
    await p.goto(`${stack.url}${route}`);
    await p.waitForURL(/\/connexion\?app=app/);
    if ('other' in who) await p.getByLabel('Ou saisissez un autre identifiant').fill(who.other);
    else await p.getByLabel(who.choose).check();
    await p.getByRole('button', { name: 'Se connecter' }).tap();
    await p.waitForURL(`${stack.url}${route}`);
    return p;
  }

  async function checkOn(p: Page, name: string) {
    expect(await p.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number), `width of ${name}`).toBeLessThanOrEqual(WIDTH);
    await checkPage(p, `app-${name}`);
    await p.screenshot({ path: path.join(REPO_ROOT, '.tmp', 'app-screenshots', `${name}.png`) });
  }

  const POLL = { timeout: 15_000 };
  const h1 = (p: Page) => p.getByRole('heading', { level: 1 }).textContent();

  beforeAll(async () => {
    const list = await api.call('GET', '/v1/merchants?limit=100');
    shops = Object.fromEntries((list.body.items as Array<{ merchantId: string; name: string }>).map((m) => [m.name, m.merchantId]));
    // The reader bought a book: a credited receipt at the bookshop.
    const readerToken = await stack.token(READER);
    const receiptId = await api.upload(readerToken, new Uint8Array(await readFile(path.join(FIXTURES, 'librairie.png'))), 'image/png');
    expect((await api.settle(readerToken, receiptId)).status).toBe('CREDITED');
  }, 240_000);

  it('lets a resident with a credited receipt review the shop, shown on its public page with the average', async () => {
    const shop = shops['Librairie Les Mots Passants']!;
    reader = await signedIn(`/commerces/${shop}`, { other: READER });
    await expect.poll(() => h1(reader), POLL).toBe('Librairie Les Mots Passants');
    await expect.poll(() => reader.getByTestId('review-summary').textContent(), POLL).toBe('Pas encore d’avis.');
    // A customer: the form is offered; sent empty, it says what is missing.
    await reader.getByRole('group', { name: 'Votre note' }).waitFor();
    await reader.getByRole('button', { name: 'Publier mon avis' }).tap();
    await expect.poll(() => reader.locator('.error-summary').textContent(), POLL).toContain('Choisissez une note de 1 à 5 étoiles.');
    expect(await reader.locator('#avis-nom').getAttribute('aria-invalid')).toBe('true');
    await checkOn(reader, '70-avis-formulaire');
    await reader.getByLabel('4 étoiles').check();
    await reader.getByLabel('Votre commentaire').fill(REVIEW);
    await reader.getByLabel('Votre nom affiché').fill('Léa B.');
    await reader.getByRole('button', { name: 'Publier mon avis' }).tap();
    await expect.poll(() => reader.getByTestId('review-summary').textContent(), POLL).toMatch(/4 sur 5 · 1 avis/);
    // A resident is not shop staff: no way into a shop space.
    expect(await reader.getByRole('link', { name: 'Espace commerçant' }).count()).toBe(0);
    expect(await reader.getByTestId('review-summary').textContent()).toContain('Note : 4 sur 5');
    const shown = (await reader.getByTestId('reviews').textContent()) ?? '';
    expect(shown).toContain('Léa B.');
    expect(shown).toContain(REVIEW);
    // Edited: 5 stars now, the average follows.
    await reader.getByRole('button', { name: 'Modifier mon avis' }).tap();
    await reader.getByLabel('5 étoiles').check();
    await reader.getByRole('button', { name: 'Enregistrer mon avis' }).tap();
    await expect.poll(() => reader.getByTestId('review-summary').textContent(), POLL).toMatch(/5 sur 5 · 1 avis/);
    await checkOn(reader, '71-avis-publie');
    const reviews = await api.call('GET', `/v1/merchants/${shop}/reviews`);
    expect(reviews.body).toMatchObject({ count: 1, averageRating: 5, items: [{ displayName: 'Léa B.', rating: 5, text: REVIEW }] });
    expect(JSON.stringify(reviews.body)).not.toContain(READER);
  });

  it('tells a resident with no credited purchase at the shop why they cannot review it', async () => {
    const shop = shops['Fromagerie Maison Vergne']!;
    const p = await signedIn(`/commerces/${shop}`, { other: 'jamais-venu' });
    await expect.poll(() => p.getByTestId('review-refused').textContent(), POLL).toBe('Vous pourrez donner votre avis après un achat crédité chez ce commerçant.');
    expect(await p.getByRole('group', { name: 'Votre note' }).count()).toBe(0);
    await checkOn(p, '72-avis-refuse');
    // The API says the same.
    const refused = await api.call('PUT', `/v1/merchants/${shop}/reviews/mine`, await stack.token('jamais-venu'), { rating: 5, text: 'Très bien', displayName: 'Max' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('NOT_A_CUSTOMER');
    await p.context().close();
  });

  it('lets the shop’s staff edit the portrait, post news and reply; another shop offers them nothing and the API refuses it', async () => {
    const shop = shops['Librairie Les Mots Passants']!;
    const other = shops['Fromagerie Maison Vergne']!;
    const p = await signedIn('/commerce', { choose: STAFF_LABEL });
    await expect.poll(() => h1(p), POLL).toBe('Espace commerçant — Librairie Les Mots Passants');
    expect(await p.getByRole('link', { name: 'Espace commerçant' }).getAttribute('aria-current')).toBe('page');
    await expect.poll(() => p.getByTestId('own-rating').textContent(), POLL).toContain('5 sur 5 · 1 avis');
    await expect.poll(() => p.getByTestId('figures').textContent(), POLL).toContain('42,90\u00a0€');
    expect(await p.getByTestId('figures').textContent()).not.toContain(READER);
    await checkOn(p, '80-espace-commercant');

    await p.getByLabel('Votre métier').fill('Librairie indépendante');
    await p.getByLabel('Depuis (année d’ouverture ou de reprise)').fill('2009');
    await p.getByLabel('L’équipe').fill('Margaux, libraire, 2009\nNils, libraire jeunesse');
    await p.getByLabel('Produits', { exact: true }).fill('Romans\nBandes dessinées');
    await p.getByLabel('Services', { exact: true }).fill('Commande sous 48 h\nPapier cadeau');
    await p.getByLabel('Horaires d’ouverture').fill('Tu-Sa 09:30-19:00; Su 10:00-13:00');
    await p.getByRole('button', { name: 'Enregistrer ma vitrine' }).tap();
    await expect
      .poll(async () => (await api.call('GET', `/v1/merchants/${shop}`)).body.portrait?.trade)
      .toBe('Librairie indépendante');

    await p.getByLabel(/^Titre/).fill(NEWS);
    await p.getByLabel(/^Texte/).fill('Samedi à 16 h, rencontre et dédicace au rayon jeunesse.');
    await p.getByRole('button', { name: 'Publier l’actualité' }).tap();
    await expect.poll(() => p.getByTestId('own-news').textContent(), POLL).toContain(NEWS);
    await p.getByLabel(/^Titre/).fill('Erreur de saisie');
    await p.getByLabel(/^Texte/).fill('À effacer.');
    await p.getByRole('button', { name: 'Publier l’actualité' }).tap();
    await expect.poll(() => p.getByTestId('own-news').textContent(), POLL).toContain('Erreur de saisie');
    await p.getByRole('button', { name: 'Supprimer l’actualité « Erreur de saisie »' }).tap();
    await expect.poll(() => p.getByTestId('own-news').textContent(), POLL).not.toContain('Erreur de saisie');

    await p.getByLabel('Votre réponse à Léa B.').fill('Merci Léa, à samedi !');
    await p.getByRole('button', { name: 'Répondre' }).tap();
    await expect.poll(() => p.getByTestId('own-reviews').textContent(), POLL).toContain('Réponse de Librairie Les Mots Passants');
    await checkOn(p, '81-espace-commercant-rempli');

    // A photo of the shop (issue #20): chosen and described, PUT to the presigned URL, checked,
    // resized and stripped of its EXIF by the photos function, then listed with its description.
    await p.getByLabel('Photo (JPEG ou PNG)').setInputFiles({ name: 'vitrine.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(jpegWithGps(1600, 1200)) });
    await p.getByRole('button', { name: 'Ajouter la photo' }).tap();
    await expect.poll(() => p.locator('.error-summary').textContent(), POLL).toContain('Décrivez ce que montre la photo');
    await p.getByRole('textbox', { name: 'Description de la photo', exact: true }).fill(PHOTO_ALT);
    await p.getByRole('button', { name: 'Ajouter la photo' }).tap();
    await expect.poll(() => p.getByTestId('shop-photo-list').textContent(), { timeout: 90_000 }).toContain('En ligne');
    expect(await p.getByTestId('shop-photo-list').getByRole('img', { name: PHOTO_ALT }).count()).toBe(1);
    expect(await p.getByRole('textbox', { name: 'Description de la photo 1' }).inputValue()).toBe(PHOTO_ALT);
    await checkOn(p, '82-espace-commercant-photo');

    // Another shop's page: read-only, as for anyone; and no review of one's own shop.
    await p.goto(`${stack.url}/commerces/${other}`);
    await expect.poll(() => h1(p), POLL).toBe('Fromagerie Maison Vergne');
    expect(await p.locator('main form').count()).toBe(0);
    expect(await p.getByRole('button', { name: /Enregistrer|Publier|Répondre|Supprimer/ }).count()).toBe(0);
    await p.goto(`${stack.url}/commerces/${shop}`);
    await expect.poll(() => p.getByTestId('reviews').textContent(), POLL).toContain('Léa B.');
    expect(await p.getByText('Vous faites partie du personnel de ce commerce').count()).toBe(1);
    expect(await p.getByRole('group', { name: 'Votre note' }).count()).toBe(0);
    // The API lets them into their own shop only.
    const staff = await stack.token('commerce-90412387400029', ['merchant', `merchant:${shop}`]);
    expect((await api.call('GET', `/v1/shops/${shop}`, staff)).status).toBe(200);
    expect((await api.call('PUT', `/v1/shops/${other}/showcase`, staff, { description: 'Pris en main' })).status).toBe(403);
    expect((await api.call('POST', `/v1/shops/${other}/news`, staff, { title: 'Intrus', body: 'Non' })).status).toBe(403);
    expect((await api.call('GET', `/v1/shops/${other}/figures`, staff)).status).toBe(403);
    // Nor a resident, nor a typed identifier that looks like staff: only the shop chosen on the sign-in page makes staff.
    expect((await api.call('GET', `/v1/shops/${shop}`, await stack.token(READER))).status).toBe(403);
    const groupsOf = async (form: Record<string, string>) => {
      const res = await fetch(`${stack.url}/connexion`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ app: 'app', return: '/', state: 'etat-de-test', ...form }) });
      expect(res.status).toBe(303);
      const jwt = new URLSearchParams(res.headers.get('location')!.split('#')[1]).get('access_token')!;
      return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'))['cognito:groups'] as string[] | undefined;
    };
    expect(await groupsOf({ identite: 'commerce-90412387400029', autre: '' })).toEqual(['merchant', `merchant:${shop}`]);
    expect(await groupsOf({ identite: 'alice', autre: 'commerce-90412387400029' })).toBeUndefined();
    await p.context().close();
  });

  it('shows the resident the portrait, the hours, the news and the shop’s reply; the news feed too', async () => {
    const shop = shops['Librairie Les Mots Passants']!;
    await reader.reload();
    await expect.poll(() => reader.getByTestId('portrait').textContent(), POLL).toContain('Librairie indépendante, depuis 2009');
    expect(await reader.getByTestId('portrait').textContent()).toContain('Margaux, libraire (depuis 2009)');
    expect(await reader.getByTestId('produits').textContent()).toBe('RomansBandes dessinées');
    expect(await reader.getByTestId('services').textContent()).toBe('Commande sous 48 hPapier cadeau');
    expect(await reader.getByTestId('hours').textContent()).toBe('Du mardi au samedi : 9 h 30 – 19 hLe dimanche : 10 h – 13 h');
    await expect.poll(() => reader.getByTestId('shop-news').textContent(), POLL).toContain(NEWS);
    await expect.poll(() => reader.getByTestId('reviews').textContent(), POLL).toContain('Réponse de Librairie Les Mots PassantsMerci Léa, à samedi !');
    // The shop's photo, resized: a srcset of its renditions, loaded lazily, described by the shop's words.
    const photo = reader.getByTestId('shop-gallery').getByRole('img', { name: PHOTO_ALT });
    await expect.poll(() => photo.count(), POLL).toBe(1);
    expect(await photo.getAttribute('loading')).toBe('lazy');
    expect(await photo.getAttribute('srcset')).toMatch(/^\/media\/shops\/[^ ]+-480\.jpg 480w, \/media\/shops\/[^ ]+-1200\.jpg 1200w$/);
    await photo.scrollIntoViewIfNeeded();
    await expect.poll(() => photo.evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).complete && (img as unknown as { naturalWidth: number }).naturalWidth), POLL).toBeGreaterThan(0);
    await checkOn(reader, '73-commerce-avis');
    // For the README: the reviews, the average and the shop's reply, as the phone shows them.
    await reader.evaluate(() => (globalThis as any).document.getElementById('avis-titre').scrollIntoView({ block: 'start' }));
    await reader.screenshot({ path: path.join(REPO_ROOT, '.tmp', 'app-screenshots', 'app-shop-page.png') });
    // The feed of the offers page, newest first.
    await reader.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Commerces' }).tap();
    await expect.poll(() => reader.getByTestId('news').textContent(), POLL).toContain(NEWS);
    expect(await reader.getByTestId('news').textContent()).toContain('Librairie Les Mots Passants');
    await checkOn(reader, '74-actualites');
    // The review withdrawn: gone from the page and from the average.
    await reader.getByTestId('news').getByRole('link', { name: 'Librairie Les Mots Passants' }).tap();
    await reader.getByRole('button', { name: 'Retirer mon avis' }).tap();
    await expect.poll(() => reader.getByTestId('review-summary').textContent(), POLL).toBe('Pas encore d’avis.');
    expect((await api.call('GET', `/v1/merchants/${shop}/reviews`)).body.count).toBe(0);
    await reader.context().close();
    expect(violations.flat()).toEqual([]);
  });
});

describe('free parking with a purchase', () => {
  it('shows a parking ticket waiting for a purchase the same day, in the list and on its page', async () => {
    const admin = await stack.token('city-staff', ['admin']);
    const parking = await api.call('POST', '/v1/admin/campaigns', admin, { kind: 'PARKING', name: 'Stationnement offert', budgetCents: 5_000, startsOn: '2026-01-01', endsOn: '2027-12-31', refundMaxCents: 300, minPurchaseCents: 1_500, carParks: { operators: ['Indigo'] } });
    expect(parking.status, JSON.stringify(parking.body)).toBe(201);
    expect((await api.call('POST', `/v1/admin/campaigns/${parking.body.campaignId}/activate`, admin)).status).toBe(200);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    const receiptId = await api.upload(token, new Uint8Array(await carParkTicket(today, '09:10', '11:25', '4,40', 7)), 'image/png');
    await expect.poll(async () => (await api.call('GET', `/v1/receipts/${receiptId}`, token)).body.waiting?.for, { timeout: 180_000, interval: 500 }).toBe('PURCHASE');
    await tab('Mes tickets', 'Mes tickets');
    const card = page.getByTestId('receipt').filter({ has: page.getByTestId('receipt-waiting') });
    await expect.poll(() => card.count(), { timeout: 30_000 }).toBe(1);
    expect(await card.getByTestId('receipt-waiting').textContent()).toBe('En attente d’un achat');
    await card.getByRole('link').tap();
    await page.waitForURL(new RegExp(`/tickets/${receiptId}$`));
    await page.getByTestId('waiting').waitFor();
    expect(await page.getByTestId('waiting').textContent()).toContain('En attente d’un achat chez un commerçant participant le même jour');
    await check('40-ticket-parking-en-attente');
    // The offers page says what the operation gives.
    await tab('Commerces', 'Commerces et offres');
    await page.getByTestId('offers').waitFor();
    await expect.poll(() => page.getByTestId('offers').textContent()).toMatch(/Stationnement remboursé jusqu’à 3,00\u00a0€ par ticket de parking ou d’horodateur \(Indigo\), avec un achat d’au moins 15,00\u00a0€ le même jour/);
  });
});
