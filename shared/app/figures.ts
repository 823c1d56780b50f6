import * as z from '../schema';
import { merchantEligible } from '../domain/campaign';
import { isValidDate } from '../domain/dates';
import { NotFoundError } from '../domain/errors';
import { aggregateFigures, periodWeeks, weekMonday, weekSunday } from '../domain/figures';
import { euros, toCsv } from '../reports/csv';
import type { AppContext } from './context';

const DateParam = z.string().check(z.refine(isValidDate, 'expected a date as YYYY-MM-DD'));
const Id = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id: letters, digits, _ and -'));

/** The filters of `GET /v1/admin/figures`; they combine. */
export const FiguresFilter = z
  .strictObject({
    from: z.described(z.optional(DateParam), { description: 'purchases from this date (its ISO week is included whole)', example: '2026-03-01' }),
    to: z.described(z.optional(DateParam), { description: 'purchases to this date (its ISO week is included whole)', example: '2026-03-31' }),
    campaignId: z.described(z.optional(Id), { description: 'one campaign (its cashback, and the receipts it credited)' }),
    merchantId: z.described(z.optional(Id), { description: 'one shop' }),
    tag: z.described(z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(64))), { description: 'the shops holding this tag', example: 'centre-ville' }),
    postcode: z.described(z.optional(z.string().check(z.regex(/^\d{5}$/, 'expected a 5-digit French postcode'))), {
      description: 'the zone: the shops of this postcode',
      example: '37410',
    }),
  })
  .check(z.refine((f) => !f.from || !f.to || f.from <= f.to, { message: '`from` must not be after `to`', path: ['to'] }));

export type FiguresFilter = z.infer<typeof FiguresFilter>;

/**
 * The dotation's impact for the council (issue #15), from counters kept in the ledger's own
 * transactions (shared/domain/figures.ts says what each one means): the money of the campaigns,
 * what credited receipts carried, new and returning customers per shop, the shares of shops that
 * won and kept customers, and all of it week by week. A read costs a few queries whatever the
 * number of receipts: the scope's weeks, its shops' weeks, the budgets and the shop directory.
 */
export async function figures(ctx: AppContext, filter: FiguresFilter) {
  const campaign = filter.campaignId ? await ctx.campaigns.get(filter.campaignId) : undefined;
  if (filter.campaignId && !campaign) throw new NotFoundError('CAMPAIGN_NOT_FOUND', 'No such campaign.');
  const range = periodWeeks(filter.from, filter.to);
  const [directory, buckets, budgets] = await Promise.all([
    ctx.merchants.all(),
    ctx.ledger.figureBuckets({ ...(filter.campaignId ? { campaignId: filter.campaignId } : {}), ...range }),
    ctx.ledger.campaignBudgets(filter.campaignId ? [filter.campaignId] : undefined),
  ]);
  if (filter.merchantId && !directory.some((m) => m.merchantId === filter.merchantId)) throw new NotFoundError('MERCHANT_NOT_FOUND', 'No such participating shop.');
  const shopFilter = filter.merchantId !== undefined || filter.tag !== undefined || filter.postcode !== undefined;
  const picked = directory.filter(
    (m) =>
      (!filter.merchantId || m.merchantId === filter.merchantId) &&
      (!filter.tag || m.tags.includes(filter.tag)) &&
      (!filter.postcode || m.address.postcode === filter.postcode),
  );
  // Participating: active shops (eligible to the campaign, when one is asked for).
  const participating = picked.filter((m) => m.status === 'ACTIVE' && (!campaign || merchantEligible(campaign, m))).map((m) => m.merchantId);
  const result = aggregateFigures({
    scopeWeeks: buckets.scopeWeeks,
    shopWeeks: buckets.shopWeeks,
    participating,
    ...(shopFilter ? { selection: new Set(picked.map((m) => m.merchantId)) } : {}),
    range,
  });
  const names = new Map(directory.map((m) => [m.merchantId, m.name]));
  const sum = (k: 'fundedCents' | 'spentCents' | 'returnedCents' | 'remainingCents') => budgets.reduce((s, b) => s + b[k], 0);
  return {
    filter,
    period: {
      fromWeek: range.fromWeek ?? null,
      toWeek: range.toWeek ?? null,
      from: range.fromWeek ? weekMonday(range.fromWeek) : null,
      to: range.toWeek ? weekSunday(range.toWeek) : null,
    },
    dotation: { campaigns: budgets.length, fundedCents: sum('fundedCents'), spentCents: sum('spentCents'), remainingCents: sum('remainingCents'), returnedCents: sum('returnedCents') },
    totals: result.totals,
    shops: {
      participating: result.participatingShops,
      withNewCustomers: result.shopsWithNewCustomers,
      withReturningCustomers: result.shopsWithReturningCustomers,
      shareWithNewCustomers: result.shareWithNewCustomers,
      shareWithReturningCustomers: result.shareWithReturningCustomers,
    },
    perShop: result.shops.map((s) => ({ ...s, name: names.get(s.merchantId) ?? null })),
    weekly: result.weekly,
  };
}

const leverageCell = (l: number | null) => (l === null ? null : l.toFixed(2));

/** The per-shop table as CSV (the project's one CSV writer): one row per shop, best sales first. */
export async function figuresShopsCsv(ctx: AppContext, filter: FiguresFilter): Promise<string> {
  const f = await figures(ctx, filter);
  return toCsv(
    ['merchant_id', 'name', 'new_customers', 'returning_customers', 'credited_receipts', 'cashback_eur', 'sales_eur', 'leverage'],
    f.perShop.map((s) => [s.merchantId, s.name, s.newCustomers, s.returningCustomers, s.creditedReceipts, euros(s.cashbackCents), euros(s.salesCents), leverageCell(s.leverage)]),
    { bom: true },
  );
}

/** The weekly series as CSV: one row per ISO week. */
export async function figuresWeeklyCsv(ctx: AppContext, filter: FiguresFilter): Promise<string> {
  const f = await figures(ctx, filter);
  return toCsv(
    ['week', 'from', 'to', 'cashback_eur', 'sales_eur', 'leverage', 'credited_receipts', 'refused_receipts', 'in_review_receipts', 'new_customers', 'returning_customers', 'residents_reached', 'shops_with_new_customers', 'shops_with_returning_customers'],
    f.weekly.map((w) => [
      w.week, w.from, w.to, euros(w.cashbackCents), euros(w.salesCents), leverageCell(w.leverage), w.creditedReceipts, w.refusedReceipts, w.inReviewReceipts,
      w.newCustomers, w.returningCustomers, w.residentsReached, w.shopsWithNewCustomers, w.shopsWithReturningCustomers,
    ]),
    { bom: true },
  );
}
