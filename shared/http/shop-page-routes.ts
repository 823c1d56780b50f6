import * as z from '../schema';
import * as pages from '../app/shop-pages';
import * as photos from '../app/shop-photos';
import { ReviewInput } from '../domain/shop-page';
import { json } from './problem';
import { PageQuery } from './request';
import { me, route, type Route } from './route';

import {
  PhotoId,
  PublicShopPhotoView,
  DeletedView,
  ModeratedReviewView,
  NewsPageView,
  ReviewPageView,
} from './shop-page-schemas';

const REVIEW_EXAMPLE = { rating: 5, text: 'Accueil chaleureux et conseils précieux.', displayName: 'Camille B.' };

/**
/** A shop's photos as shown to anyone. */
const publicShopPhotoRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/v1/merchants/{id}/photos',
    access: 'public',
    operationId: 'listMerchantPhotos',
    tag: 'Shops',
    summary: 'A shop’s photos, in the order its staff chose, with their renditions and alt texts',
    description: 'Only processed photos: JPEG renditions without metadata, served by the site at `/media/…`.',
    success: { status: 200, schema: z.object({ merchantId: PhotoId, items: z.array(PublicShopPhotoView) }) },
    problems: { 404: ['MERCHANT_NOT_FOUND'] },
    handle: async (ctx, { params }) => json(200, await photos.listPublicPhotos(ctx, params.id!)),
  }),
];

/**
 * The shops' pages as residents and the public see them (issue #20): the news, the reviews, and
 * a resident's own review of a shop.
 */
export const shopPageRoutes: Route[] = [
  // ------------------------------------------------------------------------------------ public
  route({
    method: 'GET',
    path: '/v1/news',
    access: 'public',
    operationId: 'listNews',
    tag: 'News',
    summary: 'The news of the programme and its shops, newest first',
    description: 'Posts past their end date are left out, as are posts about a shop that no longer takes part.',
    query: PageQuery,
    paged: true,
    success: { status: 200, schema: NewsPageView },
    handle: async (ctx, { query }) => json(200, await pages.listPublicNews(ctx, query.limit, query.cursor)),
 }),
  route({
    method: 'GET',
    path: '/v1/merchants/{id}/news',
    access: 'public',
    operationId: 'listMerchantNews',
    tag: 'News',
    summary: 'A shop’s news, newest first',
    query: PageQuery,
    paged: true,
    success: { status: 200, schema: NewsPageView },
    problems: { 404: ['MERCHANT_NOT_FOUND'] },
    handle: async (ctx, { params, query }) => json(200, await pages.listShopNews(ctx, params.id!, query.limit, query.cursor)),
 }),
  route({
    method: 'GET',
    path: '/v1/merchants/{id}/reviews',
    access: 'public',
    operationId: 'listMerchantReviews',
    tag: 'Reviews',
    summary: 'A shop’s reviews: average, count, and the reviews newest first',
    description: 'Only reviews by residents with a credited purchase at the shop exist; hidden ones are left out of the list, the average and the count. Signed with the name each author chose, never an id.',
    query: PageQuery,
    paged: true,
    success: { status: 200, schema: ReviewPageView },
    problems: { 404: ['MERCHANT_NOT_FOUND'] },
    handle: async (ctx, { params, query }) => json(200, await pages.listPublicReviews(ctx, params.id!, query.limit, query.cursor)),
 }),
  // ------------------------------------------------------------------------------------ resident
  route({
    method: 'PUT',
    path: '/v1/merchants/{id}/reviews/mine',
    access: 'resident',
    operationId: 'putMyReview',
    tag: 'Reviews',
    summary: 'Write or edit one’s review of a shop',
    description:
      'Only with a credited purchase at the shop (403 `NOT_A_CUSTOMER` otherwise); one review per shop, edited by sending it again. ' +
      '`displayName` is shown publicly: a first name or initials, no e-mail address, no digits, 30 characters at most. An edit keeps the shop’s reply and any moderation.',
    body: ReviewInput,
    bodyExample: REVIEW_EXAMPLE,
    success: { status: 200, schema: ModeratedReviewView },
    problems: { 403: ['NOT_A_CUSTOMER'], 404: ['MERCHANT_NOT_FOUND'], 409: ['REVIEW_CHANGED'] },
    handle: async (ctx, { caller, params, body }) => json(200, await pages.putMyReview(ctx, me(caller), params.id!, body)),
 }),
  route({
    method: 'GET',
    path: '/v1/merchants/{id}/reviews/mine',
    access: 'resident',
    operationId: 'getMyReview',
    tag: 'Reviews',
    summary: 'One’s own review of a shop, with its moderation',
    success: { status: 200, schema: ModeratedReviewView },
    problems: { 404: ['REVIEW_NOT_FOUND'] },
    handle: async (ctx, { caller, params }) => json(200, await pages.getMyReview(ctx, me(caller), params.id!)),
 }),
  route({
    method: 'DELETE',
    path: '/v1/merchants/{id}/reviews/mine',
    access: 'resident',
    operationId: 'deleteMyReview',
    tag: 'Reviews',
    summary: 'Withdraw one’s review of a shop',
    success: { status: 200, schema: DeletedView('reviewId') },
    problems: { 404: ['REVIEW_NOT_FOUND'] },
    handle: async (ctx, { caller, params }) => json(200, await pages.deleteMyReview(ctx, me(caller), params.id!)),
 }),
  // The shop's photos, as shown (shared/http/shop-photo-routes.ts).
  ...publicShopPhotoRoutes,
];
