import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SignJWT, generateKeyPair } from 'jose';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../shared/local/jwt';
import { chromiumAvailable, launchChromium } from '../support/browser';
import { apiClient, removeDir, REPO_ROOT, startStackProcess, type LocalStackProcess } from '../support/local-stack';
import { checkPage, consoleToken, eventually, offlineContext, SCREENSHOTS, watchCsp } from './support';

/**
 * The staff console in a real browser against the real local stack (demo territory), offline:
 * a staff member signs in on the local sign-in page, places a shop on the map, imports a CSV,
 * has a form refused field by field, draws a road-works zone and activates its campaign, loses
 * the session mid-form and gets the form back, approves a resident's receipt with a corrected
 * total (the resident's wallet shows the cashback) and rejects another, runs the payouts and
 * downloads the bank's file. axe-core checks every page; a screenshot of each is saved.
 *
 * The city's review threshold is at its strictest here (CABAS_FRAUD_POLICY: a total read with
 * less than full confidence goes to staff), so that the sample receipts land in review.
 */
const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/receipts');
const RESIDENT = 'alice';

/** Coordinates of the demo shops: two in the north-east (the road works), the others apart. */
const PLACES: Record<string, { lat: number; lon: number }> = {
  "Au Fournil d'Élise": { lat: 47.2915, lon: 0.699 },
  'La Cave des Coteaux': { lat: 47.29, lon: 0.705 },
  'Librairie Les Mots Passants': { lat: 47.296, lon: 0.7035 },
  'Les Primeurs du Mail': { lat: 47.2965, lon: 0.706 },
};
/** Placed through the console's own form. */
const FROMAGERIE = { name: 'Fromagerie Maison Vergne', lat: '47.2905', lon: '0.7010' };

let stack: LocalStackProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let csp: string[];
let outside: string[];
let api: ReturnType<typeof apiClient>;
let admin: string;
let resident: string;
const receipts: { primeur?: string; librairie?: string } = {};
let secondReceipt: Promise<void>;

/** A SIRET with a valid Luhn key from its first 13 digits. */
function siret(first13: string): string {
  for (let d = 0; d <= 9; d++) {
    const s = `${first13}${d}`;
    const sum = [...s].reverse().reduce((acc, c, i) => {
      let n = Number(c);
      if (i % 2 === 1) n = n * 2 > 9 ? n * 2 - 9 : n * 2;
      return acc + n;
    }, 0);
    if (sum % 10 === 0) return s;
  }
  throw new Error('unreachable');
}

async function signInAs(agent = 'agent-martin') {
  await page.waitForURL(/\/connexion\?/);
  if (agent !== 'agent-martin') await page.getByLabel('Ou saisissez un autre identifiant').fill(agent);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(/\/console\//);
}

/** French amounts and percentages are written with no-break spaces (U+00A0, U+202F): compared as plain spaces. */
function plain(text: string | null): string {
  return (text ?? '').replace(/[\u00a0\u202f]/g, ' ');
}

async function go(route: string, heading: string | RegExp) {
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: route, exact: true }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(heading);
}

beforeAll(async () => {
  if (!chromiumAvailable()) throw new Error('Chromium is missing: install Debian’s `chromium` package (.ci/run does) or set CHROMIUM_PATH.');
  [stack, browser] = await Promise.all([startStackProcess({ demo: true, env: { CABAS_FRAUD_POLICY: JSON.stringify({ minTotalConfidence: 1 }) } }), launchChromium()]);
  api = apiClient(stack.url);
  admin = await stack.token('setup-geocoder', ['admin']);
  resident = await stack.token(RESIDENT);
  // The city's shops have been geocoded (but one, placed through the console below).
  const shops = await api.call('GET', '/v1/admin/merchants?limit=100', admin);
  for (const m of shops.body.items as Array<{ merchantId: string; name: string }>) {
    if (PLACES[m.name]) expect((await api.call('PATCH', `/v1/admin/merchants/${m.merchantId}`, admin, { coordinates: PLACES[m.name] })).status).toBe(200);
  }
  // A resident sends two receipts, one after the other (the queue is oldest first, by the time a
  // receipt went to review); they are read while staff work in the console.
  receipts.primeur = await api.upload(resident, new Uint8Array(await readFile(path.join(FIXTURES, 'primeur.jpg'))), 'image/jpeg');
  secondReceipt = (async () => {
    expect((await api.settle(resident, receipts.primeur!)).status).toBe('IN_REVIEW');
    receipts.librairie = await api.upload(resident, new Uint8Array(await readFile(path.join(FIXTURES, 'librairie.png'))), 'image/png');
  })();
  secondReceipt.catch(() => undefined); // awaited (and its failure reported) by the review test
  ({ context, outside } = await offlineContext(() => browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', acceptDownloads: true }), [stack.url, 'http://127.0.0.1:']));
  page = await context.newPage();
  csp = watchCsp(page);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  if (stack) await removeDir(stack.dataDir);
});

describe('the staff console', () => {
  it('signs in on the local sign-in page (no token typed), and only staff get in', async () => {
    await page.goto(`${stack.url}/console/`);
    await page.waitForURL(/\/connexion\?app=console&return=%2Fconsole%2F&state=/);
    await checkPage(page, '00-connexion');
    // A name the sign-in page refuses is said beside its field.
    await page.getByLabel('Ou saisissez un autre identifiant').fill('Pas Valide');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect.poll(() => page.locator('#autre-erreur').textContent()).toContain('n’est pas un identifiant accepté');
    expect(await page.getByLabel('Ou saisissez un autre identifiant').getAttribute('aria-describedby')).toContain('autre-erreur');
    await page.getByLabel('Ou saisissez un autre identifiant').fill('');
    await page.getByLabel('Camille Martin, service commerce (agent-martin)').check();
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${stack.url}/console/revue`);
    expect(page.url()).not.toContain('access_token');
    await expect.poll(() => page.getByTestId('agent').textContent()).toBe('agent-martin');
    await expect.poll(() => page.getByTestId('queue-count').textContent()).toMatch(/ticket/);
  });

  it('places a shop on the map from its page', async () => {
    await go('Commerces', 'Commerces');
    await checkPage(page, '10-commerces');
    await page.getByLabel('Nom', { exact: true }).fill('fromagerie');
    await page.getByRole('button', { name: 'Chercher' }).click();
    await page.getByRole('link', { name: FROMAGERIE.name }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(FROMAGERIE.name);
    await checkPage(page, '11-commerce');
    await page.getByRole('button', { name: 'Modifier', exact: true }).click();
    await page.getByLabel('Latitude').fill(FROMAGERIE.lat);
    await page.getByLabel('Longitude').fill(FROMAGERIE.lon);
    await page.getByLabel('Horaires').fill('du mardi au samedi 9h-12h30 / 14h-19h');
    await checkPage(page, '12-commerce-modification');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Commerce enregistré' }).count()).toBe(1);
    await expect.poll(() => page.getByText(`${Number(FROMAGERIE.lat)}, ${Number(FROMAGERIE.lon)}`).count()).toBe(1);
  });

  it('imports a CSV with a progress bar and the report of every row', async () => {
    await page.getByRole('link', { name: 'Commerces', exact: true }).first().click();
    await page.getByRole('link', { name: 'Importer une liste (CSV)' }).click();
    await checkPage(page, '13-import');
    const csv = [
      'name,siret,street,postcode,city,category,tags',
      `Atelier Vélo du Mail,${siret('8123456780001')},2 place de la Halle,37410,Montclair-sur-Loire,Cycles,zone-travaux`,
      `"Épicerie ""Chez Rose""",${siret('8123456780002')},5 rue Nationale,37410,Montclair-sur-Loire,Épicerie,centre-ville|zone-travaux`,
      'Commerce Fantôme,12345678901234,1 rue Perdue,37410,Montclair-sur-Loire,,',
    ].join('\n');
    await page.getByLabel('Fichier CSV').setInputFiles({ name: 'commerces.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Rapport d’import' }).count()).toBe(1);
    const progress = page.locator('#import-progression');
    expect(await progress.getAttribute('value')).toBe(await progress.getAttribute('max'));
    const counts = await page.locator('.import-counts').textContent();
    expect(counts).toContain('3 lignes lues');
    expect(counts).toContain('2 commerces créés');
    expect(counts).toContain('1 ligne rejetée');
    const rejected = page.getByRole('table', { name: 'Lignes rejetées' });
    expect(await rejected.locator('tbody tr').count()).toBe(1);
    expect(await rejected.locator('tbody tr td').first().textContent()).toBe('4');
    await checkPage(page, '14-import-rapport');
  });

  it('shows the API’s refusal beside the field it names', async () => {
    await go('Campagnes', 'Campagnes');
    await checkPage(page, '20-campagnes');
    await page.getByRole('link', { name: 'Nouvelle campagne' }).click();
    await page.getByLabel('Nom de la campagne').fill('Travaux rue du Mail');
    await page.getByLabel('Budget (€)').fill('2 000');
    await page.getByLabel(/^Début/).fill('2026-11-01');
    await page.getByLabel(/^Fin\b/).fill('2030-12-31');
    // No rate: the API refuses a cashback without one, naming the field.
    await page.getByRole('button', { name: 'Créer le brouillon' }).click();
    await expect.poll(() => page.locator('#c-rate-erreur').textContent()).toMatch(/Valeur refusée par le serveur : .*rate/);
    expect(await page.getByLabel('Taux de remise (%)').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Taux de remise (%)').getAttribute('aria-describedby')).toContain('c-rate-erreur');
    const summary = page.getByRole('alert').filter({ hasText: 'La campagne n’a pas été enregistrée' });
    await expect.poll(() => summary.getByRole('link').first().getAttribute('href')).toBe('#c-rate');
    await checkPage(page, '21-campagne-refusee');
  });

  it('creates and activates a road-works campaign by drawing its zone on the map', async () => {
    await page.getByLabel('Taux de remise (%)').fill('20');
    await page.getByLabel('Maximum par ticket (€)').fill('30');
    await page.getByLabel('Les commerces d’une zone dessinée sur la carte').check();
    const map = page.getByTestId('zone-map');
    // Every shop with coordinates is on the map, tiles or not (none load offline).
    await expect.poll(() => map.locator('path.shop-point').count()).toBe(5);
    await expect.poll(() => page.getByText('Le fond de carte ne peut pas être chargé').count()).toBe(1);
    // The two northernmost points are the road works' shops: draw a square around them.
    await map.scrollIntoViewIfNeeded();
    const boxes = (await Promise.all((await map.locator('path.shop-point').all()).map((p) => p.boundingBox()))).filter((b) => b !== null);
    const north = boxes.sort((a, b) => a.y - b.y).slice(0, 2);
    const [x0, x1] = [Math.min(...north.map((b) => b.x)) - 25, Math.max(...north.map((b) => b.x + b.width)) + 25];
    const [y0, y1] = [Math.min(...north.map((b) => b.y)) - 25, Math.max(...north.map((b) => b.y + b.height)) + 25];
    for (const [x, y] of [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
    ] as const) {
      await page.mouse.click(x, y);
    }
    await page.getByRole('button', { name: 'Fermer la zone' }).click();
    const status = page.locator('.zone-status');
    await expect.poll(() => status.textContent()).toContain('2 commerces dans la zone : Les Primeurs du Mail, Librairie Les Mots Passants.');
    expect((await page.getByLabel('Sommets de la zone').inputValue()).split('\n')).toHaveLength(4);
    await checkPage(page, '22-campagne-zone');
    await page.getByRole('button', { name: 'Créer le brouillon' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Travaux rue du Mail');
    expect(await page.locator('.badge').first().textContent()).toBe('Brouillon');
    await page.getByRole('button', { name: 'Activer…' }).click();
    await page.getByRole('button', { name: 'Confirmer l’activation' }).click();
    await expect.poll(() => page.locator('.page-head .badge').textContent()).toBe('En cours');
    await expect.poll(() => page.locator('#burn-campagne').count()).toBe(1);
    await expect.poll(() => page.getByTestId('zone-map').locator('path.shop-point--inside').count()).toBe(2);
    await checkPage(page, '23-campagne');
    // The campaign is listed with its budget burn.
    await go('Campagnes', 'Campagnes');
    const row = page.getByRole('row', { name: /Travaux rue du Mail/ });
    await expect.poll(async () => plain(await row.textContent())).toContain('2 000,00 €');
    expect(await row.textContent()).toContain('En cours');
  });

  it('sends an expired session back to sign-in and gives the form back after it', async () => {
    await page.getByRole('link', { name: 'Travaux rue du Mail' }).click();
    await page.getByLabel('Montant (€)').fill('500');
    await page.getByLabel('Référence (délibération, mandat)').fill('DM-2026-071');
    // The session's token is no longer accepted by the API (signed by another key: as after a key
    // rotation, or a token revoked): the next call answers 401.
    const { privateKey } = await generateKeyPair('ES256');
    const stale = await new SignJWT({ token_use: 'access', 'cognito:groups': ['admin'] })
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
      .setSubject('agent-martin')
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setExpirationTime('1h')
      .sign(privateKey);
    await page.evaluate((token) => {
      const s = JSON.parse(sessionStorage.getItem('cabas.console.session')!);
      sessionStorage.setItem('cabas.console.session', JSON.stringify({ ...s, accessToken: token }));
    }, stale);
    const campaignUrl = page.url();
    await page.getByRole('button', { name: 'Recharger' }).click();
    await signInAs();
    // Back on the campaign's page, the token out of the address bar.
    await expect.poll(() => page.url()).toBe(campaignUrl);
    await expect.poll(() => page.getByLabel('Montant (€)').inputValue()).toBe('500');
    expect(await page.getByLabel('Référence (délibération, mandat)').inputValue()).toBe('DM-2026-071');
    expect(await page.getByText('Votre saisie a été conservée pendant la reconnexion').count()).toBe(1);
    await page.getByRole('button', { name: 'Recharger' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Budget rechargé de 500,00 €' }).count()).toBe(1);
  });

  it('creates a loyalty campaign paid by a shop, then edits its draft', async () => {
    await go('Campagnes', 'Campagnes');
    await page.getByRole('link', { name: 'Nouvelle campagne' }).click();
    await page.getByLabel('Fidélité', { exact: true }).check();
    // A shop's bonus: no rate, no selection of shops; its shop, its bonus, N and the period instead.
    expect(await page.getByLabel('Taux de remise (%)').count()).toBe(0);
    await page.getByLabel('Nom de la campagne').fill('Carte du Fournil');
    await page.getByLabel('Budget (€)').fill('100');
    await page.getByLabel(/^Début/).fill('2026-11-01');
    await page.getByLabel(/^Fin\b/).fill('2030-12-31');
    await page.getByLabel('Chercher le commerce').fill('Fournil');
    await page.getByRole('button', { name: 'Chercher', exact: true }).click();
    await page.getByRole('button', { name: "Choisir Au Fournil d'Élise" }).click();
    await page.getByLabel('Bonus (€)').fill('5');
    await page.getByLabel('Bonus tous les (achats)').fill('5');
    await page.getByLabel('Achats comptés par').selectOption('QUARTER');
    await checkPage(page, '24-campagne-fidelite');
    await page.getByRole('button', { name: 'Créer le brouillon' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Carte du Fournil');
    await expect.poll(async () => plain(await page.locator('main').textContent())).toContain('Bonus fidélité de 5,00 € tous les 5 achats remboursés d’un habitant dans le commerce, comptés par trimestre civil, payé sur le dépôt du commerce.');
    const campaignId = page.url().split('campagnes/')[1]!.split('?')[0]!;
    expect((await api.call('GET', `/v1/admin/campaigns/${campaignId}`, admin)).body).toMatchObject({ kind: 'LOYALTY', bonusCents: 500, everyNth: 5, period: 'QUARTER', budgetCents: 10_000, status: 'DRAFT' });

    // The draft reads back into the form, and its edit is saved.
    await page.getByRole('link', { name: 'Modifier le brouillon' }).click();
    await expect.poll(() => page.getByLabel('Bonus tous les (achats)').inputValue()).toBe('5');
    expect(await page.getByLabel('Achats comptés par').inputValue()).toBe('QUARTER');
    expect(await page.getByLabel('Fidélité', { exact: true }).isChecked()).toBe(true);
    await page.getByLabel('Bonus tous les (achats)').fill('4');
    await page.getByLabel('Achats comptés par').selectOption('MONTH');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await expect.poll(async () => plain(await page.locator('main').textContent())).toContain('tous les 4 achats remboursés d’un habitant dans le commerce, comptés par mois civil');
    expect((await api.call('GET', `/v1/admin/campaigns/${campaignId}`, admin)).body).toMatchObject({ kind: 'LOYALTY', everyNth: 4, period: 'MONTH' });
    await checkPage(page, '25-campagne-fidelite-page');
  });

  it('approves a receipt with a corrected total (the resident is paid) and rejects another, the next one ready', async () => {
    await secondReceipt;
    for (const id of [receipts.primeur!, receipts.librairie!]) expect((await api.settle(resident, id)).status).toBe('IN_REVIEW');
    await go('Revue des tickets', 'Revue des tickets');
    await expect.poll(() => page.getByTestId('queue-count').textContent()).toContain('2 tickets en attente');
    // Oldest first: the greengrocer's receipt; its reasons and candidate shop are shown.
    await expect.poll(() => page.locator('#ticket-titre').textContent()).toContain(receipts.primeur!);
    expect(await page.locator('.reasons').textContent()).toContain('Montant total incertain');
    expect(await page.getByLabel(/Les Primeurs du Mail/).isChecked()).toBe(true);
    expect(await page.getByLabel('Total (€)').inputValue()).toBe('17,18');
    // The next receipt's photo is already fetched before the decision.
    await expect
      .poll(() => page.evaluate((id) => performance.getEntriesByType('resource').some((e) => e.name.includes(id)), receipts.librairie!))
      .toBe(true);
    await page.getByRole('button', { name: 'Zoomer', exact: true }).click();
    await page.getByRole('button', { name: 'Pivoter à droite' }).click();
    await expect.poll(() => page.locator('.photo-state').textContent()).toBe('125 %, tournée de 90°');
    await checkPage(page, '30-revue');
    await page.getByLabel('Total (€)').fill('100,00');
    // Keyboard shortcut: A approves (outside the fields).
    await page.locator('#ticket-titre').click();
    await page.keyboard.press('a');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Ticket approuvé : le remboursement est en cours.' }).count()).toBe(1);
    // The next one at once; rejected with a reason (R goes to the reason, Enter sends it).
    await expect.poll(() => page.locator('#ticket-titre').textContent()).toContain(receipts.librairie!);
    await page.locator('#ticket-titre').click();
    await page.keyboard.press('r');
    await page.keyboard.type('Photo d’un autre ticket que celui déclaré');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('queue-count').textContent()).toContain('Aucun ticket en attente');
    await checkPage(page, '31-revue-vide');
    // 20 % of the corrected 100 EUR, the road-works campaign beating the demo one (10 %, at most 10 EUR).
    const wallet = await eventually(async () => {
      const w = await api.call('GET', '/v1/me/wallet', resident);
      return w.body.balanceCents > 0 && w.body;
    }, 'the cashback');
    expect(wallet).toEqual({ balanceCents: 2000, pendingPayoutCents: 0, paidOutCents: 0, currency: 'EUR' });
    const rejected = await api.call('GET', `/v1/receipts/${receipts.librairie}`, resident);
    expect(rejected.body.rejection.code).toBe('REJECTED_BY_REVIEWER');
  });

  it('shows a receipt with its photo, extraction, decision and the trace of every rule', async () => {
    await go('Tickets', 'Tickets');
    await page.getByLabel('Identifiant de l’habitant').fill(RESIDENT);
    await page.getByRole('button', { name: 'Voir ses tickets' }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(2);
    await checkPage(page, '40-tickets-habitant');
    await page.getByRole('link', { name: receipts.primeur! }).click();
    await expect.poll(() => page.locator('.page-head .badge').textContent()).toBe('Remboursé');
    const trace = page.getByRole('table', { name: 'Chaque règle de chaque campagne examinée' });
    expect(await trace.getByText('Choix de la campagne').count()).toBe(1);
    expect(await page.getByText('corrections : total 100,00 €').count()).toBe(1);
    await checkPage(page, '41-ticket');
  });

  it('runs the payouts, downloads the bank’s file, rejects a returned transfer and settles the batch', async () => {
    expect((await api.call('PUT', '/v1/me/payout-account', resident, { iban: 'FR76 3000 6000 0112 3456 7890 189', holderName: 'Alice Martin' })).status).toBe(200);
    await go('Versements', 'Versements');
    await page.getByRole('button', { name: 'Préparer les versements du mois maintenant' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: /prêt : 1 virement, 20,00\s€/ }).count()).toBe(1);
    const row = page.getByRole('table', { name: /Lots de virements/ }).getByRole('row', { name: /PAYOUT-/ });
    expect(await row.textContent()).toContain('Prêt à envoyer');
    await row.getByRole('button', { name: /Ouvrir/ }).click();
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger le fichier SEPA (pain.001)' }).click()]);
    const xml = await readFile((await file.path())!, 'utf8');
    expect(file.suggestedFilename()).toMatch(/^PAYOUT-\d{4}-\d{2}\.pain\.001\.xml$/);
    expect(xml).toContain('urn:iso:std:iso:20022:tech:xsd:pain.001.001.09');
    expect(xml).toContain('<InstdAmt Ccy="EUR">20.00</InstdAmt>');
    const [csvFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger le CSV' }).click()]);
    expect(await readFile((await csvFile.path())!, 'utf8')).toContain('Alice Martin');
    await expect.poll(() => page.getByRole('table', { name: 'Virements du lot' }).locator('tbody tr').count()).toBe(1);
    await checkPage(page, '50-versements');
    await page.getByRole('button', { name: /Rejeter… le virement/ }).click();
    await page.getByLabel('Motif de la banque').fill('AC04 compte clos');
    await page.getByRole('button', { name: 'Confirmer le rejet' }).click();
    await expect.poll(() => page.getByText('Rejeté : rendu au portefeuille').count()).toBe(1);
    expect((await api.call('GET', '/v1/me/wallet', resident)).body).toMatchObject({ balanceCents: 2000, pendingPayoutCents: 0, paidOutCents: 0 });
    await page.getByRole('button', { name: 'Marquer comme réglé…' }).click();
    await page.getByRole('button', { name: 'Confirmer le règlement' }).click();
    // The batch's row in the list of batches (the transfer rows below carry the batch id too).
    const batches = page.getByRole('table', { name: /Lots de virements/ });
    await expect.poll(() => batches.getByRole('row', { name: /PAYOUT-/ }).textContent()).toContain('Réglé');
  });

  it('shows the staff audit trail, filtered', async () => {
    await go('Journal des actions', 'Journal des actions');
    await page.getByLabel('Action').selectOption('decideReceipt');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await expect.poll(() => page.locator('table.audit tbody tr').count()).toBe(2);
    expect(await page.locator('table.audit tbody').textContent()).toContain('agent-martin');
    await checkPage(page, '60-journal');
  });

  it('shows the report for the council: the API’s figures as tiles, charts with their names, CSV tables, a print layout', async () => {
    // Another resident's receipts at three shops (the strict review policy holds them; staff approve
    // them through the API); one is corrected to the bakery, where the resident comes back a week
    // later: a returning customer. The sample receipts were all bought in November 2026.
    const bruno = await stack.token('bruno');
    const seeded = await Promise.all(
      (
        [
          ['boulangerie.jpg', 'image/jpeg'],
          ['caviste.png', 'image/png'],
          ['fromagerie-rotated.jpg', 'image/jpeg'],
        ] as const
      ).map(async ([file, type]) => {
        const id = await api.upload(bruno, new Uint8Array(await readFile(path.join(FIXTURES, file))), type);
        return { file, id, status: (await api.settle(bruno, id)).status as string };
      }),
    );
    const shops = (await api.call('GET', '/v1/admin/merchants?limit=100', admin)).body.items as Array<{ merchantId: string; name: string }>;
    const fournil = shops.find((m) => m.name === "Au Fournil d'Élise")!.merchantId;
    for (const r of seeded) {
      expect(['IN_REVIEW', 'CREDITED'], r.file).toContain(r.status);
      if (r.status !== 'IN_REVIEW') continue;
      const body = r.file === 'fromagerie-rotated.jpg' ? { action: 'APPROVE', merchantId: fournil, teachAlias: false } : { action: 'APPROVE' };
      expect((await api.call('POST', `/v1/admin/receipts/${r.id}/decision`, admin, body)).status).toBe(200);
    }
    await eventually(async () => (await Promise.all(seeded.map((r) => api.call('GET', `/v1/receipts/${r.id}`, bruno)))).every((r) => r.body.status === 'CREDITED'), 'the seeded receipts credited');

    // The page opens on the current month.
    await go('Bilan', 'Bilan');
    const thisMonth = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date()).slice(0, 7);
    expect(await page.getByLabel('Mois', { exact: true }).inputValue()).toBe(thisMonth);
    await expect.poll(() => page.locator('[data-figure="credited"]').count(), { timeout: 15_000 }).toBe(1);
    // November 2026: the ISO weeks whose Thursday falls in it, said on the page, in the address.
    await page.getByLabel('Mois', { exact: true }).selectOption('2026-11');
    // The page's own request for the figures (the burn chart's second one, from the start, has no `from`).
    const figuresAsked = (has: string) =>
      page.waitForRequest((r) => {
        const url = new URL(r.url());
        return url.pathname === '/v1/admin/figures' && url.searchParams.has('from') && url.searchParams.has(has);
      });
    const asked = figuresAsked('to');
    await page.getByRole('button', { name: 'Afficher le bilan' }).click();
    const askedQuery = new URL((await asked).url()).searchParams;
    expect(Object.fromEntries(askedQuery)).toEqual({ from: '2026-11-02', to: '2026-11-29' });
    await expect
      .poll(async () => plain(await page.getByTestId('bilan-perimetre').textContent()), { timeout: 15_000 })
      .toBe('Semaines du 2 au 29 novembre 2026 (semaines 45 à 48) · toutes les campagnes · tous les commerces.');
    expect(await page.getByRole('heading', { level: 2, name: 'Bilan de novembre 2026' }).count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('mois')).toBe('2026-11');

    // Every key figure shown is the API's, asked with the page's own token for the same weeks.
    const token = await consoleToken(page);
    const figures = async (query: string) => {
      const r = await api.call('GET', `/v1/admin/figures?${query}`, token);
      expect(r.status).toBe(200);
      return r.body;
    };
    const november = await figures(askedQuery.toString());
    expect(november.period).toEqual({ fromWeek: '2026-W45', toWeek: '2026-W48', from: '2026-11-02', to: '2026-11-29' });
    // alice's receipt approved in review, and the three above.
    expect(november.totals.receipts.credited).toBe(4);
    expect(november.totals.returningCustomers).toBe(1);
    const eur = (cents: number) => plain(new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100));
    const pct = (share: number) => plain(new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 }).format(share));
    const n = (v: number | null) => (v === null ? '—' : plain(new Intl.NumberFormat('fr-FR').format(v)));
    const shown = async (name: string) => plain(await page.locator(`[data-figure="${name}"]`).textContent());
    const expectFigures = async (f: typeof november) => {
      const expected: Record<string, string> = {
        spent: eur(f.dotation.spentCents),
        funded: eur(f.dotation.fundedCents),
        remaining: eur(f.dotation.remainingCents),
        cashback: eur(f.totals.cashbackCents),
        sales: eur(f.totals.salesCents),
        leverage: f.totals.leverage === null ? '—' : eur(Math.round(f.totals.leverage * 100)),
        reached: n(f.totals.residentsReached),
        credited: n(f.totals.receipts.credited),
        refused: n(f.totals.receipts.refused),
        inReview: n(f.totals.receipts.inReview),
        participating: n(f.shops.participating),
        withNew: n(f.shops.withNewCustomers),
        withReturning: n(f.shops.withReturningCustomers),
        shareNew: pct(f.shops.shareWithNewCustomers),
        shareReturning: pct(f.shops.shareWithReturningCustomers),
      };
      for (const [name, value] of Object.entries(expected)) await expect.poll(() => shown(name), { message: name, timeout: 15_000 }).toBe(value);
    };
    await expectFigures(november);
    expect(plain(await page.locator('.tile', { has: page.locator('[data-figure="leverage"]') }).textContent())).toContain(`1 € de dotation → a porté ${eur(Math.round(november.totals.leverage * 100))} d’achats`);

    // The charts: a figure with its caption, a drawing named by its summary, the data as a table.
    const charts: Array<[string, RegExp]> = [
      ['Consommation de la dotation, en cumul par semaine', /^Consommation de la dotation : .+ remboursés en cumul à la fin de la semaine 48/],
      ['Achats portés par semaine', new RegExp(`^Achats portés par semaine, 4 semaines : ${eur(november.totals.salesCents)} au total`)],
      ['Nouveaux clients et clients revenus, par semaine', /^Nouveaux clients et clients revenus par semaine, 4 semaines : 3 nouveaux clients et 1 client revenu au total/],
      ['Les commerces qui ont le plus vendu (les 10 premiers)', new RegExp(`^Les 3 commerces qui ont le plus vendu : 1\\. ${november.perShop[0].name}`)],
    ];
    for (const [caption, summary] of charts) {
      const figure = page.getByRole('figure', { name: caption });
      expect(await figure.count(), caption).toBe(1);
      expect(plain(await figure.getByRole('img').getAttribute('aria-label')), caption).toMatch(summary);
      expect(await figure.locator('details table tbody tr').count(), caption).toBeGreaterThan(0);
    }
    expect(await page.locator('#graphique-achats table tbody tr').count()).toBe(4);
    expect(await page.locator('#graphique-commerces svg rect').count()).toBe(november.perShop.filter((s: { salesCents: number }) => s.salesCents > 0).length);
    // New and returning customers are told apart by a pattern, not by colour alone.
    expect(await page.locator('#graphique-clients svg.chart-svg rect[fill^="url(#"]').count()).toBe(4);

    // The API's CSV tables, with the same filters.
    const [shopsCsv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger le tableau par commerce (CSV)' }).click()]);
    expect(shopsCsv.suggestedFilename()).toBe('bilan-commerces-2026-11.csv');
    const shopsText = await readFile((await shopsCsv.path())!, 'utf8');
    expect(shopsText).toContain('merchant_id,name,new_customers,returning_customers');
    expect(shopsText).toContain(fournil);
    const [weeklyCsv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger le tableau par semaine (CSV)' }).click()]);
    const weeklyText = await readFile((await weeklyCsv.path())!, 'utf8');
    expect(weeklyText.split('\n').filter((l) => /^2026-W/.test(l)).map((l) => l.slice(0, 8))).toEqual(november.weekly.map((w: { week: string }) => w.week));
    await checkPage(page, '80-bilan');
    const sales = page.getByRole('figure', { name: 'Achats portés par semaine' });
    await sales.getByText('Voir les données').click();
    expect(plain(await sales.getByRole('table').locator('tbody tr').first().textContent())).toContain(eur(november.weekly[0].salesCents));
    await checkPage(page, '81-bilan-donnees');

    // Printed (or saved as PDF): the button prints; no menu, filters or buttons on paper, the
    // report's heading and its charts kept.
    await page.evaluate(() => {
      const w = globalThis as unknown as { printed: number; print: () => void };
      w.printed = 0;
      w.print = () => void w.printed++;
    });
    await page.getByRole('button', { name: 'Imprimer ou enregistrer en PDF' }).click();
    expect(await page.evaluate(() => (globalThis as unknown as { printed: number }).printed)).toBe(1);
    const menu = page.getByRole('navigation', { name: 'Menu principal' });
    expect(await menu.isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await menu.isVisible()).toBe(false);
      expect(await page.locator('.main-nav').isVisible()).toBe(false);
      expect(await page.locator('form.report-filters').isVisible()).toBe(false);
      expect(await page.locator('main button:visible').count()).toBe(0);
      expect(await page.getByRole('heading', { name: 'Bilan de novembre 2026' }).isVisible()).toBe(true);
      expect(await page.getByRole('img', { name: /^Achats portés par semaine/ }).isVisible()).toBe(true);
      expect(await page.locator('main .report-scope').evaluate((e) => (globalThis as unknown as { getComputedStyle: (e: unknown) => { color: string } }).getComputedStyle(e).color)).toBe('rgb(0, 0, 0)');
      await page.screenshot({ path: path.join(SCREENSHOTS, '82-bilan-impression.png'), fullPage: true });
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }

    // One campaign: the road-works one paid alice's receipt only; the link keeps the filters.
    await page.getByLabel('Campagne', { exact: true }).selectOption({ label: 'Travaux rue du Mail' });
    await page.getByRole('button', { name: 'Afficher le bilan' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('campagne'), { timeout: 15_000 }).toBeTruthy();
    const campaignId = new URL(page.url()).searchParams.get('campagne')!;
    const askedAgain = figuresAsked('campaignId');
    await page.reload();
    const campaignQuery = new URL((await askedAgain).url()).searchParams;
    expect(Object.fromEntries(campaignQuery)).toEqual({ from: '2026-11-02', to: '2026-11-29', campaignId });
    await expect.poll(() => page.getByTestId('bilan-perimetre').textContent(), { timeout: 15_000 }).toContain('campagne « Travaux rue du Mail »');
    expect(await page.getByLabel('Mois', { exact: true }).inputValue()).toBe('2026-11');
    const roadWorks = await figures(campaignQuery.toString());
    expect(roadWorks.totals.receipts.credited).toBe(1);
    await expectFigures(roadWorks);
  });

  it('signs out, met no content security policy violation and reached nothing outside the stack but the tiles', async () => {
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Vous êtes déconnecté');
    await checkPage(page, '70-deconnecte');
    expect(await page.evaluate(() => sessionStorage.getItem('cabas.console.session'))).toBeNull();
    expect(csp).toEqual([]);
    expect(outside.filter((u) => !u.startsWith('https://data.geopf.fr/'))).toEqual([]);
  });
});
