import { beforeEach, describe, expect, it } from 'vitest';
import { activateCampaign, createCampaign, setCampaignPaused, type CampaignBody } from '../../../shared/app/admin';
import { closeCampaign, depositMerchantFunds } from '../../../shared/app/ledger';
import { createMerchant } from '../../../shared/app/merchants';
import { PublicCampaignView } from '../../../shared/http/public-campaign-routes';
import type { HttpEvent } from '../../../shared/http/request';
import { routeHttp, routes } from '../../../shared/http/routes';
import { memoryAppContext, type MemoryAppContext } from '../../../shared/wiring/memory-context';

/**
 * GET /v1/campaigns (shared/http/public-campaign-routes.ts) over the in-memory context and the
 * router, as API Gateway hands the request over: the operations running today in Paris, what each
 * gives, where and until when, for anyone, and nothing of the city's own (budget, status, zone).
 */

/** An HTTP API v2 event; `claims` makes it a signed-in caller's (the JWT authorizer's output). */
function event(method: string, path: string, claims?: Record<string, unknown>): HttpEvent {
  return {
    rawPath: path,
    headers: {},
    requestContext: { http: { method }, ...(claims ? { authorizer: { jwt: { claims, scopes: [] } } } : {}) },
  } as unknown as HttpEvent;
}

const staff = { sub: 'agent-1', isAdmin: true };
/** The fields the route publishes (its OpenAPI schema, PublicCampaign). */
const PUBLISHED = Object.keys(PublicCampaignView.shape);
/** Noon in Paris on 2026-06-20 (10:00 UTC, summer time). */
const NOW = '2026-06-20T10:00:00Z';

let ctx: MemoryAppContext;
let now: Date;
let fournil: string;

beforeEach(async () => {
  now = new Date(NOW);
  ctx = memoryAppContext({ clock: { now: () => now } });
  fournil = (await createMerchant(ctx, { name: "Au Fournil d'Élise", siret: '81234567600017', address: { street: '12 rue de la République', postcode: '37410', city: 'Montclair-sur-Loire' }, tags: [], aliases: [] })).merchantId;
});

/** Creates a campaign (a draft) and, unless `draft`, activates it (funding its budget). */
async function campaign(body: Partial<CampaignBody> & { name: string }, opts: { draft?: boolean } = {}): Promise<string> {
  const { campaignId } = await createCampaign(ctx, { budgetCents: 50_000, startsOn: '2026-01-01', endsOn: '2026-12-31', rateBps: 1_000, ...body } as CampaignBody);
  if (!opts.draft) await activateCampaign(ctx, campaignId);
  return campaignId;
}

async function listed(claims?: Record<string, unknown>) {
  const res = await routeHttp(ctx, event('GET', '/v1/campaigns', claims));
  expect(res.statusCode, String(res.body)).toBe(200);
  expect(res.headers?.['content-type']).toMatch(/^application\/json/);
  return JSON.parse(String(res.body)) as { items: Array<Record<string, unknown>> };
}

describe('GET /v1/campaigns', () => {
  it('is a public route: it answers without a token, and the same to a signed-in resident', async () => {
    const route = routes.find((r) => r.method === 'GET' && r.path === '/v1/campaigns');
    expect(route?.access).toBe('public');
    await campaign({ name: 'Commerces du centre' });
    const anonymous = await listed();
    expect(anonymous.items.map((c) => c.name)).toEqual(['Commerces du centre']);
    expect(await listed({ sub: 'resident-1' })).toEqual(anonymous);
    // A route that is not public refuses the same anonymous event: the check above means something.
    expect((await routeHttp(ctx, event('GET', '/v1/me/wallet'))).statusCode).toBe(401);
  });

  it('lists only the campaigns running today: not a draft, a paused or a closed one, nor one ended or not yet started', async () => {
    const running = await campaign({ name: 'En cours', endsOn: '2026-09-30' });
    const endsToday = await campaign({ name: 'Dernier jour', endsOn: '2026-06-20' });
    const startsToday = await campaign({ name: 'Premier jour', startsOn: '2026-06-20' });
    await campaign({ name: 'Brouillon' }, { draft: true });
    await setCampaignPaused(ctx, await campaign({ name: 'En pause' }), true);
    await closeCampaign(ctx, staff, await campaign({ name: 'Close' }));
    // Still ACTIVE, but its dates say it is over, or not begun.
    await campaign({ name: 'Finie hier', startsOn: '2026-05-01', endsOn: '2026-06-19' });
    await campaign({ name: 'Commence demain', startsOn: '2026-06-21', endsOn: '2026-08-31' });

    const { items } = await listed();
    // Ending soonest first.
    expect(items.map((c) => c.campaignId)).toEqual([endsToday, running, startsToday]);
    const statuses = await Promise.all(items.map(async (c) => (await ctx.campaigns.get(String(c.campaignId)))?.status));
    expect(statuses).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE']);
  });

  it('counts the days in Paris: just after midnight there, yesterday’s last day is over', async () => {
    await campaign({ name: 'Finie le 19', startsOn: '2026-06-01', endsOn: '2026-06-19' });
    now = new Date('2026-06-19T21:59:00Z'); // 23:59 in Paris, 19 June
    expect((await listed()).items.map((c) => c.name)).toEqual(['Finie le 19']);
    now = new Date('2026-06-19T22:01:00Z'); // 00:01 in Paris, 20 June (still the 19th in UTC)
    expect((await listed()).items).toEqual([]);
  });

  it('gives what the residents’ app needs to say each offer in plain words, exactly as its schema publishes it', async () => {
    const cashback = await campaign({
      name: 'Rentrée des commerces',
      endsOn: '2026-09-30',
      rateBps: 2_000,
      maxCashbackPerReceiptCents: 500,
      minPurchaseCents: 1_000,
      perResidentCap: { amountCents: 3_000, period: 'MONTH' },
      merchants: { tags: ['alimentation'] },
      schedule: { days: ['SAT'], from: '09:00', to: '13:00' },
      stackable: true,
      receiptMaxAgeDays: 7,
    });
    // A welcome bonus is paid from what its shop deposited with the city.
    await depositMerchantFunds(ctx, staff, fournil, { amountCents: 6_000, reference: 'DEPOT-1' });
    const welcome = await campaign({ kind: 'WELCOME_BONUS', name: 'Bienvenue au Fournil', budgetCents: 6_000, endsOn: '2026-10-31', merchantId: fournil, bonusCents: 300, rateBps: undefined });
    const works = await campaign({
      kind: 'GIFT_ALLOWANCE',
      name: 'Travaux rue Nationale',
      endsOn: '2026-11-30',
      rateBps: 10_000,
      allowance: { amountCents: 2_000, per: 'HOUSEHOLD' },
      merchants: { zone: { type: 'Polygon', coordinates: [[[0.68, 47.39], [0.69, 47.39], [0.69, 47.4], [0.68, 47.39]]] } },
    });

    const { items } = await listed();
    expect(items).toEqual([
      {
        campaignId: cashback,
        name: 'Rentrée des commerces',
        kind: 'CASHBACK',
        startsOn: '2026-01-01',
        endsOn: '2026-09-30',
        rateBps: 2_000,
        maxCashbackPerReceiptCents: 500,
        minPurchaseCents: 1_000,
        perResidentCap: { amountCents: 3_000, period: 'MONTH' },
        merchants: { tags: ['alimentation'] },
        schedule: { days: ['SAT'], from: '09:00', to: '13:00' },
      },
      { campaignId: welcome, name: 'Bienvenue au Fournil', kind: 'WELCOME_BONUS', startsOn: '2026-01-01', endsOn: '2026-10-31', bonusCents: 300, merchants: { ids: [fournil] } },
      // The zone itself stays with the city: residents learn that a zone applies, the app shows which shops.
      { campaignId: works, name: 'Travaux rue Nationale', kind: 'GIFT_ALLOWANCE', startsOn: '2026-01-01', endsOn: '2026-11-30', rateBps: 10_000, allowance: { amountCents: 2_000, per: 'HOUSEHOLD' }, merchants: { zone: true } },
    ]);
    // Every field is one the published schema names, and each item passes it.
    for (const item of items) {
      expect(Object.keys(item).filter((k) => !PUBLISHED.includes(k)), String(item.name)).toEqual([]);
      expect(PublicCampaignView.safeParse(item).success, String(item.name)).toBe(true);
    }
  });

  it('shows nothing of the city’s own: no budget or what is left of it, no status, no internal dates or rules', async () => {
    const id = await campaign({ name: 'Commerces', budgetCents: 123_456, stackable: true, receiptMaxAgeDays: 30 });
    const res = await routeHttp(ctx, event('GET', '/v1/campaigns'));
    const body = String(res.body);
    // The budget, funded at activation, is in the ledger and nowhere in the answer.
    expect((await ctx.ledger.campaignStats(id)).fundedCents).toBe(123_456);
    expect(body).not.toContain('123456');
    const [item] = (JSON.parse(body) as { items: Array<Record<string, unknown>> }).items;
    for (const staffOnly of ['budgetCents', 'remainingCents', 'creditedCents', 'fundedCents', 'status', 'createdAt', 'activatedAt', 'stackable', 'receiptMaxAgeDays', 'merchantId']) {
      expect(item, staffOnly).not.toHaveProperty(staffOnly);
    }
    expect(PUBLISHED.filter((k) => /budget|remaining|status|funded/i.test(k))).toEqual([]);
  });
});
