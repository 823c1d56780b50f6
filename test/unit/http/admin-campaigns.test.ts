import { beforeEach, describe, expect, it } from 'vitest';
import { activateCampaign, createCampaign, type CampaignBody } from '../../../shared/app/admin';
import { closeCampaign } from '../../../shared/app/ledger';
import type { HttpEvent } from '../../../shared/http/request';
import { routeHttp } from '../../../shared/http/routes';
import { memoryAppContext, type MemoryAppContext } from '../../../shared/wiring/memory-context';

/**
 * GET /v1/admin/campaigns (the console's list of campaigns) over the in-memory context and the
 * router: staff only, every status, newest first, paged with the API's opaque cursors.
 */

function event(path: string, query: Record<string, string>, claims?: Record<string, unknown>): HttpEvent {
  return {
    rawPath: path,
    rawQueryString: new URLSearchParams(query).toString(),
    queryStringParameters: query,
    headers: {},
    requestContext: { http: { method: 'GET' }, ...(claims ? { authorizer: { jwt: { claims, scopes: [] } } } : {}) },
  } as unknown as HttpEvent;
}

const STAFF = { sub: 'agent-1', 'cognito:groups': ['admin'] };
const RESIDENT = { sub: 'alice' };

let ctx: MemoryAppContext;
let now: Date;

beforeEach(() => {
  now = new Date('2026-06-20T10:00:00Z');
  ctx = memoryAppContext({ clock: { now: () => now } });
});

async function campaign(name: string): Promise<string> {
  now = new Date(now.getTime() + 60_000);
  const { campaignId } = await createCampaign(ctx, { name, budgetCents: 10_000, startsOn: '2026-01-01', endsOn: '2026-12-31', rateBps: 1_000 } as CampaignBody);
  return campaignId;
}

async function page(query: Record<string, string>, claims: Record<string, unknown> | null = STAFF) {
  const res = await routeHttp(ctx, event('/v1/admin/campaigns', query, claims ?? undefined));
  return { status: res.statusCode, body: JSON.parse(String(res.body)) as { items: Array<{ campaignId: string; name: string; status: string }>; nextCursor: string | null; code?: string } };
}

describe('GET /v1/admin/campaigns', () => {
  it('lists every campaign whatever its status, newest first, page after page', async () => {
    const draft = await campaign('Brouillon de Noël');
    const active = await campaign('Commerces du centre');
    await activateCampaign(ctx, active);
    const closed = await campaign('Travaux rue du Mail');
    await activateCampaign(ctx, closed);
    await closeCampaign(ctx, { sub: 'agent-1', isAdmin: true }, closed);

    const first = await page({ limit: '2' });
    expect(first.status).toBe(200);
    expect(first.body.items.map((c) => [c.campaignId, c.status])).toEqual([
      [closed, 'CLOSED'],
      [active, 'ACTIVE'],
    ]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await page({ limit: '2', cursor: first.body.nextCursor! });
    expect(second.body.items.map((c) => [c.campaignId, c.status])).toEqual([[draft, 'DRAFT']]);
    expect(second.body.nextCursor).toBeNull();
  });

  it('is for staff only, and refuses a cursor it did not give out', async () => {
    await campaign('Commerces du centre');
    expect((await page({}, RESIDENT)).status).toBe(403);
    expect((await page({}, null)).status).toBe(401);
    const bad = await page({ cursor: Buffer.from('{"l":"merchants","k":"x"}').toString('base64url') });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('INVALID_CURSOR');
  });
});
