/**
 * Reads the console needs that take more than one call of the API: the list of campaigns, the
 * shops placed on the map, a shop's deposits (from the audit trail: the API has no list of them).
 */
import { collectPages, type ApiClient } from '../shared/api';
import type { CampaignStats, FullCampaign, FullMerchant } from '../shared/types';
import type { Shop } from '../shared/map/ZoneEditor';

export interface CampaignRow {
  campaign: FullCampaign;
  stats?: CampaignStats;
}

async function mapLimit<T, R>(items: T[], limit: number, f: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await f(items[i]!);
      }
    }),
  );
  return out;
}

/** The campaigns (`GET /v1/admin/campaigns`) with their budget burn, active ones first. */
export async function listCampaigns(api: ApiClient): Promise<{ rows: CampaignRow[] }> {
  const { items: campaigns } = await collectPages((cursor) => api.call('get', '/v1/admin/campaigns', { query: { limit: 100, ...(cursor ? { cursor } : {}) } }), 2000);
  const stats = await mapLimit(campaigns, 4, (c) => (c.status === 'DRAFT' ? Promise.resolve(undefined) : api.call('get', '/v1/admin/campaigns/{id}/stats', { params: { id: c.campaignId } }).catch(() => undefined)));
  const order: Record<string, number> = { ACTIVE: 0, PAUSED: 1, DRAFT: 2, CLOSED: 3 };
  const rows = campaigns.map((campaign, i) => ({ campaign, ...(stats[i] ? { stats: stats[i] } : {}) }));
  rows.sort((a, b) => (order[a.campaign.status] ?? 9) - (order[b.campaign.status] ?? 9) || b.campaign.createdAt.localeCompare(a.campaign.createdAt));
  return { rows };
}

/** Every shop (the staff directory, active ones), at most `max`. */
export async function allMerchants(api: ApiClient, max = 2000): Promise<FullMerchant[]> {
  const { items } = await collectPages((cursor) => api.call('get', '/v1/admin/merchants', { query: { limit: 100, ...(cursor ? { cursor } : {}) } }), max);
  return items as FullMerchant[];
}

/** The shops that have coordinates, as map points. */
export function shopPoints(merchants: FullMerchant[]): Shop[] {
  return merchants.filter((m) => m.coordinates).map((m) => ({ id: m.merchantId, name: m.name, lat: m.coordinates!.lat, lon: m.coordinates!.lon }));
}

export interface Deposit {
  at: string;
  by: string;
  amountCents?: number;
  reference?: string;
  availableAfterCents?: number;
}

/**
 * A shop's deposits recorded through the API, newest first, from the staff audit trail (the API
 * has no route that lists them); the balance after the latest one, when recorded.
 */
export async function depositsOf(api: ApiClient, merchantId: string): Promise<{ deposits: Deposit[]; availableCents?: number }> {
  const { items } = await collectPages(
    (cursor) => api.call('get', '/v1/admin/audit', { query: { targetType: 'merchant', targetId: merchantId, action: 'depositMerchantFunds', limit: 100, ...(cursor ? { cursor } : {}) } }),
    500,
  );
  const deposits = items.map((e) => {
    const body = ((e.input as { body?: { amountCents?: number; reference?: string } } | undefined)?.body ?? {}) as { amountCents?: number; reference?: string };
    const after = e.after as { depositAvailableCents?: number } | undefined;
    return {
      at: e.at,
      by: e.actor,
      ...(body.amountCents !== undefined ? { amountCents: body.amountCents } : {}),
      ...(body.reference ? { reference: body.reference } : {}),
      ...(after?.depositAvailableCents !== undefined ? { availableAfterCents: after.depositAvailableCents } : {}),
    };
  });
  const latest = deposits[0]?.availableAfterCents;
  return { deposits, ...(latest !== undefined ? { availableCents: latest } : {}) };
}
