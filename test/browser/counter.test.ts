import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../support/browser';
import { apiClient, removeDir, REPO_ROOT, startStackProcess, type LocalStackProcess } from '../support/local-stack';
import { checkPage, consoleToken, offlineContext, SCREENSHOTS, watchCsp } from './support';

/**
 * The counter ("Guichet", issue #19) in a real browser against the local stack (demo territory),
 * offline: a staff member registers a resident who has no smartphone, sends a receipt photo for
 * them and watches it credited, records their IBAN (a wrong one refused beside its field), finds
 * them by reference, prints their statement on one A4 page, downloads their data and erases them.
 * axe-core checks every page; a screenshot of each is saved.
 */
const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/receipts');
const CITY = 'Ville de Montclair-sur-Loire';
const IBAN = 'FR76 3000 6000 0112 3456 7890 189';

let stack: LocalStackProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let csp: string[];
let residentPath: string;

/** French amounts are written with no-break spaces: compared as plain spaces. */
const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');

/** The pages of a PDF (its page objects, not the page tree). */
const pdfPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;

async function heading(text: string | RegExp) {
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 }).toMatch(text);
}

beforeAll(async () => {
  if (!chromiumAvailable()) throw new Error('Chromium is missing: install Debian’s `chromium` package (.ci/run does) or set CHROMIUM_PATH.');
  [stack, browser] = await Promise.all([startStackProcess({ demo: true, env: { CABAS_CITY_NAME: CITY } }), launchChromium()]);
  ({ context } = await offlineContext(() => browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', acceptDownloads: true }), [stack.url, 'http://127.0.0.1:']));
  page = await context.newPage();
  csp = watchCsp(page);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  if (stack) await removeDir(stack.dataDir);
});

describe('the counter (Guichet)', () => {
  it('registers a resident who has no smartphone, and refuses a second registration of the same reference', async () => {
    await page.goto(`${stack.url}/console/`);
    await page.waitForURL(/\/connexion\?/);
    await page.getByLabel('Camille Martin, service commerce (agent-martin)').check();
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(/\/console\/revue/);
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Guichet', exact: true }).click();
    await heading('Guichet');
    expect(await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Guichet' }).getAttribute('aria-current')).toBe('page');
    await checkPage(page, '90-guichet');

    // The form's own checks first, said beside each field.
    const register = page.getByRole('region', { name: 'Inscrire un habitant' });
    await register.getByRole('button', { name: 'Inscrire l’habitant' }).click();
    await expect.poll(() => page.locator('#g-nom-erreur').textContent()).toContain('nom et le prénom');
    expect(await page.getByLabel('Nom et prénom').getAttribute('aria-describedby')).toContain('g-nom-erreur');
    await checkPage(page, '91-guichet-erreurs');

    await register.getByLabel('Nom et prénom').fill('Jeanne Moreau');
    await register.getByLabel(/^Référence/).fill('bm 0042-17');
    await register.getByRole('button', { name: 'Inscrire l’habitant' }).click();
    await page.waitForURL(/\/console\/guichet\/guichet-[0-9a-f-]+$/);
    residentPath = new URL(page.url()).pathname;
    await heading('Jeanne Moreau');
    expect(plain(await page.locator('.details').first().textContent())).toContain('BM004217');

    // The same card again, typed otherwise: refused, with the way to the resident who holds it.
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Guichet', exact: true }).click();
    await heading('Guichet');
    await register.getByLabel('Nom et prénom').fill('Jeanne M.');
    await register.getByLabel(/^Référence/).fill('BM-0042/17');
    await register.getByRole('button', { name: 'Inscrire l’habitant' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'déjà celle d’un habitant' }).count()).toBe(1);
    await page.getByRole('link', { name: /Retrouver l’habitant inscrit/ }).click();
    await expect.poll(() => page.locator('.search-result').textContent()).toContain('Jeanne Moreau');
    await page.getByRole('table', { name: /Habitants inscrits au guichet/ }).getByRole('link', { name: 'Jeanne Moreau' }).waitFor();
  });

  it('sends a receipt photo for the resident and shows it moving until it is credited', async () => {
    await page.goto(`${stack.url}${residentPath}`);
    await heading('Jeanne Moreau');
    await page.getByRole('button', { name: 'Envoyer le ticket' }).click();
    await expect.poll(() => page.locator('#g-photo-erreur').textContent()).toContain('Choisissez la photo');
    await page.getByLabel('Photo ou PDF du ticket').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('pas un ticket') });
    await page.getByRole('button', { name: 'Envoyer le ticket' }).click();
    await expect.poll(() => page.locator('#g-photo-erreur').textContent()).toContain('ni une photo');

    await page.getByLabel('Photo ou PDF du ticket').setInputFiles(path.join(FIXTURES, 'boulangerie.jpg'));
    await page.getByRole('button', { name: 'Envoyer le ticket' }).click();
    const row = page.getByTestId('ticket-envoye').first();
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toMatch(/En cours de traitement|Remboursé/);
    await expect.poll(() => row.textContent(), { timeout: 180_000, interval: 1000 }).toContain('Remboursé');
    const paid = plain(await row.locator('td.num').textContent());
    expect(paid).toMatch(/^\d+,\d{2} €$/);
    // The wallet on the page follows the credit.
    await expect.poll(async () => plain(await page.getByTestId('solde').textContent()), { timeout: 15_000 }).toBe(paid);
    // The receipt is the resident's, marked as sent at the counter by this agent.
    const admin = await consoleToken(page);
    const receiptId = (await row.getByRole('link').getAttribute('href'))!.split('/').pop()!;
    const staffView = await apiClient(stack.url).call('GET', `/v1/admin/receipts/${receiptId}`, admin);
    expect(staffView.body).toMatchObject({ residentId: residentPath.split('/').pop(), status: 'CREDITED', sentAtCounter: { by: 'agent-martin' } });
    await checkPage(page, '92-guichet-habitant');
  });

  it('records the IBAN, a wrong one refused beside its field', async () => {
    await page.getByLabel(/^IBAN/).fill('FR76 3000 6000 0112 3456 7890 180');
    await page.getByLabel(/^Titulaire du compte/).fill('Jeanne Moreau');
    await page.getByRole('button', { name: 'Enregistrer le compte' }).click();
    await expect.poll(() => page.locator('#g-iban-erreur').textContent()).toContain('IBAN n’est pas valide');
    expect(await page.getByLabel(/^IBAN/).getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel(/^IBAN/).fill(IBAN);
    await page.getByRole('button', { name: 'Enregistrer le compte' }).click();
    await expect.poll(() => page.getByText(/^Compte enregistré :/).count()).toBe(1);
    await expect.poll(() => page.getByText(/^Compte actuel :/).textContent()).toContain('Jeanne Moreau');
    expect(await page.content()).not.toContain('3456 7890');
    await checkPage(page, '93-guichet-iban');
  });

  it('prints the statement on one A4 page: city, name, reference, balance, receipts, date', async () => {
    await page.getByRole('link', { name: 'Relevé à imprimer' }).click();
    await heading('Relevé du porte-monnaie Cabas');
    const statement = page.locator('article.statement');
    expect(await statement.textContent()).toContain(CITY);
    expect(await page.getByTestId('releve-nom').textContent()).toBe('Jeanne Moreau');
    expect(await page.getByTestId('releve-reference').textContent()).toBe('BM004217');
    expect(plain(await page.getByTestId('releve-solde').textContent())).toMatch(/^\d+,\d{2} €$/);
    expect(await page.getByTestId('releve-date').textContent()).toMatch(/\d{4} à \d{2}:\d{2}/);
    expect(await page.getByTestId('releve-tickets').locator('tbody tr').count()).toBe(1);
    expect(await page.getByTestId('releve-tickets').textContent()).toContain('Remboursé');
    await checkPage(page, '94-releve');

    await page.evaluate(() => {
      const w = globalThis as unknown as { printed: number; print: () => void };
      w.printed = 0;
      w.print = () => void w.printed++;
    });
    await page.getByRole('button', { name: 'Imprimer le relevé' }).click();
    expect(await page.evaluate(() => (globalThis as unknown as { printed: number }).printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await page.getByRole('navigation', { name: 'Menu principal' }).isVisible()).toBe(false);
      expect(await page.locator('main button:visible').count()).toBe(0);
      expect(await statement.isVisible()).toBe(true);
      await page.screenshot({ path: path.join(SCREENSHOTS, '95-releve-impression.png'), fullPage: true });
    } finally {
      await page.emulateMedia({ media: null });
    }
    expect(pdfPages(await page.pdf({ format: 'A4', preferCSSPageSize: true }))).toBe(1);

    // The longest statement the API gives (its 20 newest receipts, long shop names and refusals,
    // a year of payouts) still fits on one page.
    const real = (await apiClient(stack.url).call('GET', `/v1/admin/residents/${residentPath.split('/').pop()}/statement`, await consoleToken(page))).body;
    const longest = {
      ...real,
      totals: { ...real.totals, receipts: 57, rejected: 20 },
      moreReceipts: true,
      morePayouts: true,
      receipts: Array.from({ length: 20 }, (_, i) => ({
        ...real.receipts[0],
        receiptId: `r-${i}`,
        merchantName: 'Boulangerie-Pâtisserie Au Fournil d’Élise et ses Douceurs du Val de Loire',
        ...(i % 3 === 0 ? { status: 'REJECTED', cashbackCents: undefined, rejection: { code: 'MERCHANT_NOT_ELIGIBLE', message: 'Ce commerce ne participe pas à l’opération en cours de la ville.' } } : {}),
      })),
      payouts: Array.from({ length: 12 }, (_, i) => ({ payoutId: `PAYOUT-2026-${String(i + 1).padStart(2, '0')}`, period: `2026-${String(i + 1).padStart(2, '0')}`, requestedExecutionDate: '2026-06-02', amountCents: 1500, status: 'POSTED' })),
    };
    await page.route('**/v1/admin/residents/*/statement', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(longest) }));
    try {
      await page.reload();
      await heading('Relevé du porte-monnaie Cabas');
      await expect.poll(() => page.getByTestId('releve-tickets').locator('tbody tr').count()).toBe(20);
      expect(pdfPages(await page.pdf({ format: 'A4', preferCSSPageSize: true }))).toBe(1);
    } finally {
      await page.unroute('**/v1/admin/residents/*/statement');
    }
  });

  it('hands the resident their data, then erases it: the reference is free again', async () => {
    await page.goto(`${stack.url}${residentPath}`);
    await heading('Jeanne Moreau');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger ses données (JSON)' }).click()]);
    const data = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(data).toMatchObject({ format: 'cabas.resident-export/1', registration: { fullName: 'Jeanne Moreau', reference: 'BM004217', registeredBy: '[services de la ville]' } });
    expect(data.receipts).toHaveLength(1);

    await page.getByRole('button', { name: 'Effacer ses données…' }).click();
    await checkPage(page, '96-guichet-effacement');
    await page.getByRole('button', { name: 'Confirmer l’effacement' }).click();
    await page.waitForURL(/\/console\/guichet$/);
    const search = page.getByRole('search', { name: 'Retrouver un habitant par sa référence' });
    await search.getByLabel('Référence', { exact: true }).fill('BM004217');
    await search.getByRole('button', { name: 'Chercher' }).click();
    await expect.poll(() => page.locator('.search-result').textContent()).toContain('Aucun habitant');

    // The audit trail names the agent for every step, and keeps neither the name nor the reference.
    const trail = await apiClient(stack.url).call('GET', `/v1/admin/audit?targetType=resident&targetId=${residentPath.split('/').pop()}&limit=100`, await consoleToken(page));
    const actions = (trail.body.items as Array<{ action: string; actor: string }>).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['registerCounterResident', 'sendReceiptAtCounter', 'setCounterPayoutAccount', 'counterStatement', 'exportCounterResident', 'eraseCounterResident']));
    expect((trail.body.items as Array<{ actor: string }>).every((e) => e.actor === 'agent-martin')).toBe(true);
    expect(JSON.stringify(trail.body)).not.toMatch(/Jeanne|Moreau|BM004217/);
    expect(csp).toEqual([]);
  });
});
