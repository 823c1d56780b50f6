import * as z from '../schema';
import * as pages from '../app/shop-pages';
import { isValidDate } from '../domain/dates';
import { Showcase } from '../domain/merchant';
import { NewsPatch, ReplyInput, ShopNewsInput } from '../domain/shop-page';
import { json } from './problem';
import { PageQuery } from './request';
import { route, type Route } from './route';
import { shopSpacePhotoRoutes } from './shop-photo-routes';
import { PublicMerchantView } from './schemas';
import {
  DeletedView,
  ModeratedReviewPageView,
  ModeratedReviewView,
  NewsRecordPageView,
  NewsRecordView,
  ShopFiguresOwnView,
} from './shop-page-schemas';

/** What a shop's staff may say of their shop: everything of the showcase but the photo links (set by city staff). */
const OwnShowcase = z.omit(Showcase, { photoUrls: true });

const OwnShopView = z.described(
  z.extend(PublicMerchantView, {
    status: z.enum(['ACTIVE', 'SUSPENDED']),
    reviews: z.object({ count: z.int(), averageRating: z.nullable(z.number()) }),
 }),
  { id: 'OwnShop' },
);

const Day = z.string().check(z.refine(isValidDate, 'expected a date as YYYY-MM-DD'));
const OwnFiguresQuery = z
  .strictObject({
    from: z.described(z.optional(Day), { description: 'purchases from this date (its ISO week is included whole)', example: '2026-03-01' }),
    to: z.described(z.optional(Day), { description: 'purchases to this date (its ISO week is included whole)', example: '2026-03-31' }),
 })
  .check(z.refine((f) => !f.from || !f.to || f.from <= f.to, { message: '`from` must not be after `to`', path: ['to'] }));

const SHOWCASE_EXAMPLE = {
  description: 'Boucherie artisanale au cœur du marché couvert.',
  openingHours: 'Tu-Sa 08:00-12:30,15:00-19:00',
  portrait: {
    trade: 'Boucherie artisanale',
    since: 2014,
    people: [{ firstName: 'Thomas', role: 'artisan boucher', since: 2013 }],
    products: ['Viande de race locale', 'Charcuterie maison'],
    services: ['Commande par téléphone'],
 },
};

/**
/**
 * The shop staff's space (`/v1/shops/{id}/...`, issue #20): their page, news, replies to reviews,
 * figures and photos. The router lets in only the staff of shop `{id}`.
 */
export const shopSpaceRoutes: Route[] = [
  // ------------------------------------------------------------------------------------ the shop's staff
  route({
    method: 'GET',
    path: '/v1/shops/{id}',
    access: 'merchant',
    operationId: 'getOwnShop',
    tag: 'Shop space',
    summary: 'One’s own shop: its page, status and reviews’ average',
    success: { status: 200, schema: OwnShopView },
    problems: { 404: ['MERCHANT_NOT_FOUND'] },
    handle: async (ctx, { params }) => json(200, await pages.getOwnShop(ctx, params.id!)),
 }),
  route({
    method: 'PUT',
    path: '/v1/shops/{id}/showcase',
    access: 'merchant',
    operationId: 'putOwnShowcase',
    tag: 'Shop space',
    summary: 'Replace what one’s shop page says: description, hours, contact, portrait',
    description: 'The whole showcase is replaced; the photo links stay as city staff set them.',
    body: OwnShowcase,
    bodyExample: SHOWCASE_EXAMPLE,
    success: { status: 200, schema: z.omit(OwnShopView, { reviews: true }) },
    problems: { 404: ['MERCHANT_NOT_FOUND'], 409: ['MERCHANT_CHANGED'] },
    audit: { target: 'merchant' },
    handle: async (ctx, { params, body }) => json(200, await pages.putOwnShowcase(ctx, params.id!, body)),
 }),
  route({
    method: 'GET',
    path: '/v1/shops/{id}/news',
    access: 'merchant',
    operationId: 'listOwnNews',
    tag: 'Shop space',
    summary: 'One’s shop’s news posts, expired ones too, newest first',
    query: PageQuery,
    paged: true,
    success: { status: 200, schema: NewsRecordPageView },
    handle: async (ctx, { params, query }) => json(200, await pages.listNewsForAuthor(ctx, { kind: 'SHOP', merchantId: params.id! }, {}, query.limit, query.cursor)),
 }),
  route({
    method: 'POST',
    path: '/v1/shops/{id}/news',
    access: 'merchant',
    operationId: 'createOwnNews',
    tag: 'Shop space',
    summary: 'Post news about one’s shop',
    body: ShopNewsInput,
    bodyExample: { title: 'Fermé pour travaux jusqu’au 15', body: 'La boutique rouvre le 16 juillet avec la carte d’été.', endsOn: '2026-07-15' },
    success: { status: 201, schema: NewsRecordView },
    problems: { 404: ['MERCHANT_NOT_FOUND'] },
    audit: { target: 'merchant', outcome: (a) => ({ newsId: a.newsId }) },
    handle: async (ctx, { params, body }) => json(201, await pages.createNews(ctx, { kind: 'SHOP', merchantId: params.id! }, body)),
 }),
  route({
    method: 'PATCH',
    path: '/v1/shops/{id}/news/{itemId}',
    access: 'merchant',
    operationId: 'updateOwnNews',
    tag: 'Shop space',
    summary: 'Edit a news post of one’s shop',
    body: NewsPatch,
    success: { status: 200, schema: NewsRecordView },
    problems: { 404: ['NEWS_NOT_FOUND'], 409: ['NEWS_CHANGED'] },
    audit: { target: 'merchant' },
    handle: async (ctx, { params, body }) => json(200, await pages.updateNews(ctx, { kind: 'SHOP', merchantId: params.id! }, params.itemId!, body)),
 }),
  route({
    method: 'DELETE',
    path: '/v1/shops/{id}/news/{itemId}',
    access: 'merchant',
    operationId: 'deleteOwnNews',
    tag: 'Shop space',
    summary: 'Delete a news post of one’s shop',
    success: { status: 200, schema: DeletedView('newsId') },
    problems: { 404: ['NEWS_NOT_FOUND'] },
    audit: { target: 'merchant' },
    handle: async (ctx, { params }) => json(200, await pages.deleteNews(ctx, { kind: 'SHOP', merchantId: params.id! }, params.itemId!)),
 }),
  route({
    method: 'GET',
    path: '/v1/shops/{id}/reviews',
    access: 'merchant',
    operationId: 'listOwnReviews',
    tag: 'Shop space',
    summary: 'Every review of one’s shop, hidden ones with their reason, newest first',
    description: 'Signed with the name each author chose: a shop never learns who its reviewers are.',
    query: PageQuery,
    paged: true,
    success: { status: 200, schema: ModeratedReviewPageView },
    problems: { 404: ['MERCHANT_NOT_FOUND'] },
    handle: async (ctx, { params, query }) => json(200, await pages.listReviewsWithModeration(ctx, params.id!, query.limit, query.cursor)),
 }),
  route({
    method: 'PUT',
    path: '/v1/shops/{id}/reviews/{itemId}/reply',
    access: 'merchant',
    operationId: 'replyToReview',
    tag: 'Shop space',
    summary: 'Reply beneath a review of one’s shop (or change the reply)',
    body: ReplyInput,
    bodyExample: { text: 'Merci Camille, à bientôt !' },
    success: { status: 200, schema: ModeratedReviewView },
    problems: { 404: ['REVIEW_NOT_FOUND'], 409: ['REVIEW_CHANGED'] },
    audit: { target: 'merchant' },
    handle: async (ctx, { params, body }) => json(200, await pages.replyAsShop(ctx, params.id!, params.itemId!, body.text)),
 }),
  route({
    method: 'DELETE',
    path: '/v1/shops/{id}/reviews/{itemId}/reply',
    access: 'merchant',
    operationId: 'deleteReplyToReview',
    tag: 'Shop space',
    summary: 'Remove one’s reply beneath a review',
    success: { status: 200, schema: ModeratedReviewView },
    problems: { 404: ['REVIEW_NOT_FOUND'], 409: ['REVIEW_CHANGED'] },
    audit: { target: 'merchant' },
    handle: async (ctx, { params }) => json(200, await pages.replyAsShop(ctx, params.id!, params.itemId!, undefined)),
 }),
  route({
    method: 'GET',
    path: '/v1/shops/{id}/figures',
    access: 'merchant',
    operationId: 'getOwnFigures',
    tag: 'Shop space',
    summary: 'One’s shop’s figures: new and returning customers, sales and cashback through the programme',
    description: 'Counts only: no resident is named. A period is served in whole ISO weeks (see `GET /v1/admin/figures`).',
    query: OwnFiguresQuery,
    success: { status: 200, schema: ShopFiguresOwnView },
    problems: { 404: ['MERCHANT_NOT_FOUND'] },
    handle: async (ctx, { params, query }) => json(200, await pages.ownFigures(ctx, params.id!, query)),
 }),
  // The shop's photos: uploaded, processed, ordered (shared/http/shop-photo-routes.ts).
  ...shopSpacePhotoRoutes,
];
