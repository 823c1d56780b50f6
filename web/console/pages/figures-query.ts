/**
 * The Bilan page's model: the API's answer (schema `Figures`), ISO weeks and months, the filters
 * as they live in the page's address and as the API's query, and what the filters choose from.
 */
import type { ApiClient } from '../../shared/api';
import { allMerchants, listCampaigns } from '../data';
import type { WeekPoint } from './figures-charts';

// ---------------------------------------------------------------------------------------------
// The API's answer (docs/openapi.json, schema `Figures`).

export interface ShopFigures {
  merchantId: string;
  name: string | null;
  newCustomers: number;
  returningCustomers: number;
  creditedReceipts: number;
  cashbackCents: number;
  salesCents: number;
  leverage: number | null;
}

export interface WeekFigures extends WeekPoint {
  creditedReceipts: number;
  refusedReceipts: number | null;
  inReviewReceipts: number | null;
  residentsReached: number | null;
  shopsWithNewCustomers: number;
  shopsWithReturningCustomers: number;
}

export interface Figures {
  period: { fromWeek: string | null; toWeek: string | null; from: string | null; to: string | null };
  dotation: { campaigns: number; fundedCents: number; spentCents: number; remainingCents: number; returnedCents: number };
  totals: {
    cashbackCents: number;
    salesCents: number;
    leverage: number | null;
    residentsReached: number | null;
    receipts: { credited: number; refused: number | null; inReview: number | null };
    newCustomers: number;
    returningCustomers: number;
  };
  shops: { participating: number; withNewCustomers: number; withReturningCustomers: number; shareWithNewCustomers: number | null; shareWithReturningCustomers: number | null };
  perShop: ShopFigures[];
  weekly: WeekFigures[];
}

export type FiguresQuery = Partial<Record<'from' | 'to' | 'campaignId' | 'merchantId' | 'tag' | 'postcode', string>>;

export async function readFigures(api: ApiClient, query: FiguresQuery, signal?: AbortSignal): Promise<Figures> {
  return (await (await api.fetch('get', '/v1/admin/figures', { query, ...(signal ? { signal } : {}) })).json()) as Figures;
}

// ---------------------------------------------------------------------------------------------
// Weeks and months. The API keeps its counters by ISO week (Monday to Sunday, Europe/Paris).

export const DAY = 86_400_000;
export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const utc = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** The ISO week of a date: "2026-11-02" -> "2026-W45". */
export function isoWeekOf(date: string): string {
  const d = utc(date);
  const thursday = d + (3 - ((new Date(d).getUTCDay() + 6) % 7)) * DAY;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / DAY / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday of an ISO week: "2026-W45" -> "2026-11-02". */
export function mondayOf(week: string): string {
  const year = Number(week.slice(0, 4));
  const jan4 = Date.UTC(year, 0, 4);
  return isoDay(jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY + (Number(week.slice(6)) - 1) * 7 * DAY);
}

/**
 * The whole weeks of a month, as a monthly report covers them: the ISO weeks whose Thursday falls
 * in the month (as ISO years are made), from their first Monday to their last Sunday. November
 * 2026 -> 2 to 29 November; December 2026 -> 30 November 2026 to 3 January 2027.
 */
export function monthWeeks(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const first = Date.UTC(y, m - 1, 1);
  const firstThursday = first + ((4 - new Date(first).getUTCDay() + 7) % 7) * DAY;
  const last = Date.UTC(y, m, 0);
  const lastThursday = last - ((new Date(last).getUTCDay() - 4 + 7) % 7) * DAY;
  return { from: isoDay(firstThursday - 3 * DAY), to: isoDay(lastThursday + 3 * DAY) };
}

export const MONTH_NAME = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });
export const monthName = (month: string) => MONTH_NAME.format(new Date(`${month}-15T00:00:00Z`));

/** The month before: "2026-01" -> "2025-12". */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** Every week of a series from its first to its last (those the API left out have zeros), at most ten years. */
export function fillWeeks(fromWeek: string, toWeek: string, weekly: WeekFigures[]): WeekPoint[] {
  const byWeek = new Map(weekly.map((w) => [w.week, w]));
  const out: WeekPoint[] = [];
  for (let monday = utc(mondayOf(fromWeek)), end = utc(mondayOf(toWeek)); monday <= end && out.length < 520; monday += 7 * DAY) {
    const from = isoDay(monday);
    const week = isoWeekOf(from);
    out.push(byWeek.get(week) ?? { week, from, to: isoDay(monday + 6 * DAY), cashbackCents: 0, salesCents: 0, leverage: null, newCustomers: 0, returningCustomers: 0 });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The filters, as the address holds them.

export type Mode = 'mois' | 'periode' | 'tout';

export interface Filters {
  mode: Mode;
  /** YYYY-MM */
  month: string;
  from: string;
  to: string;
  campaignId: string;
  /** "" (every shop), "commerce:<id>", "etiquette:<tag>" or "cp:<postcode>" */
  shops: string;
}

export const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

export function filtersOf(query: URLSearchParams, thisMonth: string): Filters {
  const from = query.get('du') ?? '';
  const to = query.get('au') ?? '';
  const month = query.get('mois') ?? '';
  const mode: Mode = from || to ? 'periode' : query.get('periode') === 'tout' ? 'tout' : 'mois';
  const shop = query.get('commerce');
  const tag = query.get('etiquette');
  const postcode = query.get('cp');
  return {
    mode,
    month: MONTH_RE.test(month) ? month : thisMonth,
    from,
    to,
    campaignId: query.get('campagne') ?? '',
    shops: shop ? `commerce:${shop}` : tag ? `etiquette:${tag}` : postcode ? `cp:${postcode}` : '',
  };
}

export function addressOf(f: Filters): string {
  const q = new URLSearchParams();
  if (f.mode === 'mois') q.set('mois', f.month);
  else if (f.mode === 'periode' && (f.from || f.to)) {
    if (f.from) q.set('du', f.from);
    if (f.to) q.set('au', f.to);
  } else q.set('periode', 'tout');
  if (f.campaignId) q.set('campagne', f.campaignId);
  const [kind, ...rest] = f.shops.split(':');
  const value = rest.join(':');
  if (value && (kind === 'commerce' || kind === 'etiquette' || kind === 'cp')) q.set(kind, value);
  return `bilan?${q}`;
}

export function queryOf(f: Filters): FiguresQuery {
  const q: FiguresQuery = {};
  if (f.mode === 'mois') Object.assign(q, monthWeeks(f.month));
  if (f.mode === 'periode') {
    if (f.from) q.from = f.from;
    if (f.to) q.to = f.to;
  }
  if (f.campaignId) q.campaignId = f.campaignId;
  const [kind, ...rest] = f.shops.split(':');
  const value = rest.join(':');
  if (value && kind === 'commerce') q.merchantId = value;
  if (value && kind === 'etiquette') q.tag = value;
  if (value && kind === 'cp') q.postcode = value;
  return q;
}

// ---------------------------------------------------------------------------------------------
// What the filters can choose from.

export interface Choices {
  campaigns: Array<[string, string]>;
  shops: Array<[string, string]>;
  tags: string[];
  postcodes: string[];
  failed: boolean;
}

/** The campaigns (every one: GET /v1/admin/campaigns) and the shops, their tags and postcodes. */
export async function loadChoices(api: ApiClient): Promise<Choices> {
  let failed = false;
  const [listed, merchants] = await Promise.all([listCampaigns(api).catch(() => ((failed = true), { rows: [] })), allMerchants(api).catch(() => ((failed = true), []))]);
  const byName = (a: [string, string], b: [string, string]) => a[1].localeCompare(b[1], 'fr');
  return {
    campaigns: listed.rows.map(({ campaign }): [string, string] => [campaign.campaignId, campaign.name]).sort(byName),
    shops: merchants.map((m): [string, string] => [m.merchantId, m.name]).sort(byName),
    tags: [...new Set(merchants.flatMap((m) => m.tags ?? []))].sort((a, b) => a.localeCompare(b, 'fr')),
    postcodes: [...new Set(merchants.map((m) => m.address.postcode))].sort(),
    failed,
  };
}

export function describeShops(shops: string, choices: Choices | undefined): string {
  const [kind, ...rest] = shops.split(':');
  const value = rest.join(':');
  if (!value) return 'tous les commerces';
  if (kind === 'commerce') return `le commerce « ${choices?.shops.find(([id]) => id === value)?.[1] ?? value} »`;
  if (kind === 'etiquette') return `les commerces portant l’étiquette « ${value} »`;
  return `les commerces du code postal ${value}`;
}
