import { localDate } from '../domain/dates';
import { ConflictError, DomainError, NotFoundError } from '../domain/errors';
import { patchMerchant, publicMerchant, type Merchant, type Showcase } from '../domain/merchant';
import {
  hideReview,
  newNews,
  patchNews,
  publicNews,
  publicReview,
  replyToReview,
  reviewSummary,
  reviewWithModeration,
  unhideReview,
  writeReview,
  type News,
  type NewsInput,
  type NewsPatch,
  type Review,
  type ReviewInput,
} from '../domain/shop-page';
import type { AppContext, Caller } from './context';
import { figures } from './figures';

/**
 * The shop's page (issue #20): news, verified reviews, and the shop's own space. Who may do what:
 * - anyone reads the news, a shop's page and its visible reviews: never a resident's id;
 * - a resident reviews a shop only with a credited purchase there (the ledger's customer marker,
 *   written with each credit), once per shop (editable);
 * - city staff post news for a shop or the whole programme and moderate reviews;
 * - a shop's staff (`caller.merchantId`) edit their own showcase and news and reply to their own
 *   shop's reviews; every operation of theirs is scoped to that one shop.
 */

const noShop = () => new NotFoundError('MERCHANT_NOT_FOUND', 'No such participating shop.');
const noNews = () => new NotFoundError('NEWS_NOT_FOUND', 'No such news post.');
const noReview = () => new NotFoundError('REVIEW_NOT_FOUND', 'Aucun avis ici.');

/** A shop residents may see: active. */
async function activeShop(ctx: AppContext, merchantId: string): Promise<Merchant> {
  const m = await ctx.merchants.get(merchantId);
  if (!m || m.status !== 'ACTIVE') throw noShop();
  return m;
}

/** Read, change and write again, over a lost race at most a few times. */
async function retried<T>(code: 'REVIEW_CHANGED' | 'NEWS_CHANGED' | 'MERCHANT_CHANGED', attempt: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (err instanceof ConflictError && err.code === code && i < 3) continue;
      throw err;
    }
  }
}

// -------------------------------------------------------------------------------------------- news

/** Who writes: city staff (any shop, or the programme) or a shop's staff (their own shop only). */
export type NewsAuthor = { kind: 'CITY' } | { kind: 'SHOP'; merchantId: string };

export async function createNews(ctx: AppContext, author: NewsAuthor, input: NewsInput) {
  const merchantId = author.kind === 'SHOP' ? author.merchantId : input.merchantId;
  if (merchantId && !(await ctx.merchants.get(merchantId))) throw noShop();
  const news = newNews({ ...input, ...(merchantId ? { merchantId } : {}) }, ctx.newId(), author.kind, ctx.clock.now());
  await ctx.news.put(news);
  return news;
}

/** A post the author may change: a shop's staff only their own shop's. */
async function ownNews(ctx: AppContext, author: NewsAuthor, newsId: string): Promise<News> {
  const news = await ctx.news.get(newsId);
  if (!news || (author.kind === 'SHOP' && news.merchantId !== author.merchantId)) throw noNews();
  return news;
}

export function updateNews(ctx: AppContext, author: NewsAuthor, newsId: string, patch: NewsPatch) {
  return retried('NEWS_CHANGED', async () => {
    const current = await ownNews(ctx, author, newsId);
    const next = patchNews(current, patch, ctx.clock.now());
    await ctx.news.put(next, current.updatedAt);
    return next;
  });
}

export async function deleteNews(ctx: AppContext, author: NewsAuthor, newsId: string) {
  await ownNews(ctx, author, newsId);
  await ctx.news.delete(newsId);
  return { newsId, deleted: true as const };
}

/** For staff and the shop's own space: every post, expired ones too. */
export async function listNewsForAuthor(ctx: AppContext, author: NewsAuthor, filter: { merchantId?: string }, limit: number, cursor?: string) {
  const merchantId = author.kind === 'SHOP' ? author.merchantId : filter.merchantId;
  return ctx.news.list(merchantId ? { merchantId } : {}, limit, cursor);
}

/**
 * GET /v1/news: the posts shown today, newest first, with the shop each is about. A post about a
 * shop that no longer takes part is left out.
 */
export async function listPublicNews(ctx: AppContext, limit: number, cursor?: string) {
  const page = await ctx.news.list({ activeOn: localDate(ctx.clock.now()) }, limit, cursor);
  const ids = [...new Set(page.items.map((n) => n.merchantId).filter((id): id is string => id !== undefined))];
  const shops = new Map((await Promise.all(ids.map((id) => ctx.merchants.get(id)))).filter((m): m is Merchant => m?.status === 'ACTIVE').map((m) => [m.merchantId, m.name]));
  return {
    items: page.items.filter((n) => !n.merchantId || shops.has(n.merchantId)).map((n) => publicNews(n, n.merchantId ? shops.get(n.merchantId) : undefined)),
    nextCursor: page.nextCursor,
  };
}

/** GET /v1/merchants/{id}/news: a shop's posts shown today. */
export async function listShopNews(ctx: AppContext, merchantId: string, limit: number, cursor?: string) {
  const shop = await activeShop(ctx, merchantId);
  const page = await ctx.news.list({ merchantId, activeOn: localDate(ctx.clock.now()) }, limit, cursor);
  return { items: page.items.map((n) => publicNews(n, shop.name)), nextCursor: page.nextCursor };
}

// ----------------------------------------------------------------------------------------- reviews

/**
 * PUT /v1/merchants/{id}/reviews/mine: writes or edits the caller's review of a shop. Only a
 * customer may: a resident with a credited purchase there (403 NOT_A_CUSTOMER otherwise), and not
 * the shop's own staff. An edit keeps the review's moderation and the shop's reply.
 */
export async function putMyReview(ctx: AppContext, caller: Caller, merchantId: string, input: ReviewInput) {
  await activeShop(ctx, merchantId);
  if (caller.merchantId === merchantId) throw new DomainError('NOT_A_CUSTOMER', 'Le personnel d’un commerce ne peut pas donner d’avis sur son propre commerce.', 403);
  if (!(await ctx.ledger.isCustomer(merchantId, caller.sub))) {
    throw new DomainError('NOT_A_CUSTOMER', 'Seuls les clients peuvent donner leur avis : il faut un ticket de caisse remboursé dans ce commerce.', 403);
  }
  return retried('REVIEW_CHANGED', async () => {
    const current = await ctx.reviews.get(merchantId, caller.sub);
    const next = writeReview(current, input, { reviewId: current?.reviewId ?? ctx.newId(), merchantId, residentId: caller.sub }, ctx.clock.now());
    await ctx.reviews.put(next, current?.version);
    return reviewWithModeration(next);
  });
}

export async function getMyReview(ctx: AppContext, caller: Caller, merchantId: string) {
  const review = await ctx.reviews.get(merchantId, caller.sub);
  if (!review) throw noReview();
  return reviewWithModeration(review);
}

export async function deleteMyReview(ctx: AppContext, caller: Caller, merchantId: string) {
  const review = await ctx.reviews.get(merchantId, caller.sub);
  if (!review) throw noReview();
  await ctx.reviews.delete(merchantId, caller.sub);
  return { reviewId: review.reviewId, deleted: true as const };
}

/** GET /v1/merchants/{id}/reviews: the average and count of the visible reviews, and a page of them, newest first. */
export async function listPublicReviews(ctx: AppContext, merchantId: string, limit: number, cursor?: string) {
  await activeShop(ctx, merchantId);
  const [ratings, page] = await Promise.all([ctx.reviews.visibleRatings(merchantId), ctx.reviews.listVisible(merchantId, limit, cursor)]);
  return { merchantId, ...reviewSummary(ratings), items: page.items.map(publicReview), nextCursor: page.nextCursor };
}

/** Every review of a shop, hidden ones with their reason (staff's moderation, the shop's own space). */
export async function listReviewsWithModeration(ctx: AppContext, merchantId: string, limit: number, cursor?: string) {
  if (!(await ctx.merchants.get(merchantId))) throw noShop();
  const page = await ctx.reviews.listAll(merchantId, limit, cursor);
  return { items: page.items.map(reviewWithModeration), nextCursor: page.nextCursor };
}

async function changeReview(ctx: AppContext, reviewId: string, change: (r: Review) => Review, scope?: { merchantId: string }) {
  return retried('REVIEW_CHANGED', async () => {
    const current = await ctx.reviews.byId(reviewId);
    if (!current || (scope && current.merchantId !== scope.merchantId)) throw noReview();
    const next = change(current);
    await ctx.reviews.put(next, current.version);
    return reviewWithModeration(next);
  });
}

/** Staff hide a review from the public page, with a reason kept for the resident and the shop. */
export function hideReviewByStaff(ctx: AppContext, caller: Caller, reviewId: string, reason: string) {
  return changeReview(ctx, reviewId, (r) => hideReview(r, reason, caller.sub, ctx.clock.now()));
}

export function unhideReviewByStaff(ctx: AppContext, reviewId: string) {
  return changeReview(ctx, reviewId, (r) => (r.hidden ? unhideReview(r) : r));
}

/** The shop's reply beneath a review of their own shop (`undefined` removes it). */
export function replyAsShop(ctx: AppContext, merchantId: string, reviewId: string, text: string | undefined) {
  return changeReview(ctx, reviewId, (r) => replyToReview(r, text, ctx.clock.now()), { merchantId });
}

/** The state a staff action on a review is audited with (no text: it is the resident's words). */
export async function reviewSnapshot(ctx: AppContext, reviewId: string) {
  const r = await ctx.reviews.byId(reviewId);
  if (!r) return undefined;
  return { merchantId: r.merchantId, rating: r.rating, hidden: r.hidden ? { reason: r.hidden.reason, at: r.hidden.at } : null, replied: r.reply !== undefined, version: r.version };
}

// ---------------------------------------------------------------------------------- the shop's space

/** The shop as its staff see it: the public page, its status, and its reviews' average. */
export async function getOwnShop(ctx: AppContext, merchantId: string) {
  const m = await ctx.merchants.get(merchantId);
  if (!m) throw noShop();
  const ratings = await ctx.reviews.visibleRatings(merchantId);
  return { ...publicMerchant(m), status: m.status, reviews: reviewSummary(ratings) };
}

/**
 * PUT /v1/shop/showcase: the shop's staff replace what their page says (description, hours,
 * contact, portrait). The photo links stay as city staff set them.
 */
export function putOwnShowcase(ctx: AppContext, merchantId: string, showcase: Omit<Showcase, 'photoUrls'>) {
  return retried('MERCHANT_CHANGED', async () => {
    const current = await ctx.merchants.get(merchantId);
    if (!current) throw noShop();
    const photoUrls = current.showcase?.photoUrls;
    const next = patchMerchant(current, { showcase: { ...showcase, ...(photoUrls ? { photoUrls } : {}) } }, ctx.clock.now());
    await ctx.merchants.update(next, current.updatedAt);
    return { ...publicMerchant(next), status: next.status };
  });
}

/** The state a staff action on a post is audited with. */
export async function newsSnapshot(ctx: AppContext, newsId: string) {
  return ctx.news.get(newsId);
}

/**
 * GET /v1/shops/{id}/figures: the shop's own figures (issue #15's counters, one shop): counts and
 * sums only, nothing about the city's budgets or other shops, no resident named.
 */
export async function ownFigures(ctx: AppContext, merchantId: string, period: { from?: string; to?: string }) {
  const f = await figures(ctx, { merchantId, ...(period.from ? { from: period.from } : {}), ...(period.to ? { to: period.to } : {}) });
  return {
    merchantId,
    period: f.period,
    newCustomers: f.totals.newCustomers,
    returningCustomers: f.totals.returningCustomers,
    creditedReceipts: f.totals.receipts.credited,
    salesCents: f.totals.salesCents,
    cashbackCents: f.totals.cashbackCents,
    weekly: f.weekly.map((w) => ({
      week: w.week,
      from: w.from,
      to: w.to,
      newCustomers: w.newCustomers,
      returningCustomers: w.returningCustomers,
      creditedReceipts: w.creditedReceipts,
      salesCents: w.salesCents,
      cashbackCents: w.cashbackCents,
    })),
  };
}
