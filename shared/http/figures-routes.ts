import * as z from '../schema';
import * as figures from '../app/figures';
import { attachment, json } from './problem';
import { route, type Route } from './route';

const Cents = z.int();
const Count = z.int();
const Week = z.described(z.string(), { description: 'ISO 8601 week', example: '2026-W10' });
const LocalDate = z.described(z.string(), { description: 'local date in Europe/Paris, YYYY-MM-DD', example: '2026-03-02' });
const Leverage = z.described(z.nullable(z.number()), { description: 'sales carried per euro of cashback (2 decimals); null when nothing was paid', example: 6.25 });
const Share = z.described(z.nullable(z.number().check(z.minimum(0), z.maximum(1))), { description: 'a fraction (4 decimals); null with no participating shop', example: 0.6667 });
const NotPerShop = 'null with a tag or zone filter (a resident would be counted once per shop)';

export const ShopFiguresView = z.object({
  merchantId: z.string(),
  name: z.nullable(z.string()),
  newCustomers: z.described(Count, { description: 'residents whose first credited purchase at the shop falls in the period' }),
  returningCustomers: z.described(Count, { description: 'residents whose second credited purchase at the shop falls in the period' }),
  creditedReceipts: Count,
  cashbackCents: Cents,
  salesCents: Cents,
  leverage: Leverage,
});

export const WeekFiguresView = z.object({
  week: Week,
  from: LocalDate,
  to: LocalDate,
  cashbackCents: Cents,
  salesCents: Cents,
  leverage: Leverage,
  creditedReceipts: Count,
  refusedReceipts: z.described(z.nullable(Count), { description: 'by week of upload; null with a shop, tag or zone filter' }),
  inReviewReceipts: z.described(z.nullable(Count), { description: 'in review now, by week of upload; null with a shop, tag or zone filter' }),
  newCustomers: Count,
  returningCustomers: Count,
  residentsReached: z.described(z.nullable(Count), { description: `residents whose first credited purchase falls in the week; ${NotPerShop}` }),
  shopsWithNewCustomers: Count,
  shopsWithReturningCustomers: Count,
});

export const FiguresView = z.described(
  z.object({
    filter: z.looseObject({}),
    period: z.described(z.object({ fromWeek: z.nullable(Week), toWeek: z.nullable(Week), from: z.nullable(LocalDate), to: z.nullable(LocalDate) }), {
      description: 'the whole ISO weeks served (null: unbounded)',
    }),
    dotation: z.described(z.object({ campaigns: Count, fundedCents: Cents, spentCents: Cents, remainingCents: Cents, returnedCents: Cents }), {
      description: 'the budgets of the campaign asked for, or of every campaign, as of now (not limited by the period or the shops)',
    }),
    totals: z.object({
      cashbackCents: z.described(Cents, { description: 'cashback of the credited receipts the filter selects, net of reversals' }),
      salesCents: z.described(Cents, { description: 'sales carried by those receipts' }),
      leverage: Leverage,
      residentsReached: z.described(z.nullable(Count), { description: `residents whose first credited purchase falls in the period; ${NotPerShop}` }),
      receipts: z.object({ credited: Count, refused: z.nullable(Count), inReview: z.nullable(Count) }),
      newCustomers: Count,
      returningCustomers: Count,
    }),
    shops: z.object({
      participating: z.described(Count, { description: 'active shops selected by the filter (eligible to the campaign, when one is asked for)' }),
      withNewCustomers: Count,
      withReturningCustomers: Count,
      shareWithNewCustomers: Share,
      shareWithReturningCustomers: Share,
    }),
    perShop: z.described(z.array(ShopFiguresView), { description: 'every participating shop and every shop with figures, best sales first' }),
    weekly: z.array(WeekFiguresView),
  }),
  { id: 'Figures' },
);

const DESCRIPTION =
  'Read from counters kept in the ledger’s own transactions (a few requests whatever the number of receipts). ' +
  'Credited figures are bucketed by the ISO week of the purchase date, refused and in-review receipts by the week of upload (Europe/Paris); ' +
  'a period is served in whole ISO weeks. A new customer of a shop is a resident whose first credited purchase there falls in the period, ' +
  'a returning customer one whose second does; a reversal takes a receipt out of every figure.';

/** The dotation's impact for the council: the figures, and their tables as CSV. */
export const figuresRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/v1/admin/figures',
    access: 'admin',
    operationId: 'getFigures',
    tag: 'Campaigns',
    summary: 'The dotation’s impact: money, sales, leverage, new and returning customers, week by week',
    description: DESCRIPTION,
    query: figures.FiguresFilter,
    success: { status: 200, schema: FiguresView },
    problems: { 404: ['CAMPAIGN_NOT_FOUND', 'MERCHANT_NOT_FOUND'] },
    handle: async (ctx, { query }) => json(200, await figures.figures(ctx, query)),
  }),
  route({
    method: 'GET',
    path: '/v1/admin/figures/shops.csv',
    access: 'admin',
    operationId: 'getFiguresShopsCsv',
    tag: 'Campaigns',
    summary: 'The figures per shop, as CSV',
    description: 'The same filters as `GET /v1/admin/figures`; amounts in euros.',
    query: figures.FiguresFilter,
    success: { status: 200, file: { contentType: 'text/csv', description: 'one row per shop: new and returning customers, credited receipts, cashback, sales, leverage' } },
    problems: { 404: ['CAMPAIGN_NOT_FOUND', 'MERCHANT_NOT_FOUND'] },
    handle: async (ctx, { query }) => attachment('text/csv; charset=utf-8', 'figures-shops.csv', await figures.figuresShopsCsv(ctx, query)),
  }),
  route({
    method: 'GET',
    path: '/v1/admin/figures/weekly.csv',
    access: 'admin',
    operationId: 'getFiguresWeeklyCsv',
    tag: 'Campaigns',
    summary: 'The figures week by week, as CSV',
    description: 'The same filters as `GET /v1/admin/figures`; amounts in euros.',
    query: figures.FiguresFilter,
    success: { status: 200, file: { contentType: 'text/csv', description: 'one row per ISO week' } },
    problems: { 404: ['CAMPAIGN_NOT_FOUND', 'MERCHANT_NOT_FOUND'] },
    handle: async (ctx, { query }) => attachment('text/csv; charset=utf-8', 'figures-weekly.csv', await figures.figuresWeeklyCsv(ctx, query)),
  }),
];
