import * as z from '../schema';
import * as pages from '../app/shop-pages';
import { HideInput, NewsInput, NewsPatch } from '../domain/shop-page';
import { json } from './problem';
import { PageQuery } from './request';
import { me, route, type Route } from './route';
import { cityShopPhotoRoutes } from './shop-photo-routes';
import {
  DeletedView,
  ModeratedReviewPageView,
  ModeratedReviewView,
  NewsRecordPageView,
  NewsRecordView,
} from './shop-page-schemas';

const StaffNewsQuery = z.extend(PageQuery, {
  merchantId: z.described(z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id: letters, digits, _ and -'))), { description: 'one shop’s posts' }),
});

/**
/** City staff's side of the shops' pages (issue #20): the news they post and the reviews they moderate, and the shops' photos. */
export const moderationRoutes: Route[] = [
  // ------------------------------------------------------------------------------------ city staff
  route({
    method: 'GET',
    path: '/v1/admin/news',
    access: 'admin',
    operationId: 'listNewsForStaff',
    tag: 'News',
    summary: 'Every news post, expired ones too, newest first',
    query: StaffNewsQuery,
    paged: true,
    success: { status: 200, schema: NewsRecordPageView },
    handle: async (ctx, { query }) => {
      const { limit, cursor, merchantId } = query;
      return json(200, await pages.listNewsForAuthor(ctx, { kind: 'CITY' }, merchantId ? { merchantId } : {}, limit, cursor));
 },
 }),
  route({
    method: 'POST',
    path: '/v1/admin/news',
    access: 'admin',
    operationId: 'createNews',
    tag: 'News',
    summary: 'Post news for a shop or for the whole programme',
    body: NewsInput,
    bodyExample: { title: 'Le bonus travaux commence lundi', body: 'Pendant les travaux de la rue Nationale, le remboursement passe à 15 %.', endsOn: '2026-07-15' },
    success: { status: 201, schema: NewsRecordView },
    problems: { 404: ['MERCHANT_NOT_FOUND'] },
    audit: { target: 'news', snapshot: pages.newsSnapshot, createdId: (a) => a.newsId },
    handle: async (ctx, { body }) => json(201, await pages.createNews(ctx, { kind: 'CITY' }, body)),
 }),
  route({
    method: 'PATCH',
    path: '/v1/admin/news/{id}',
    access: 'admin',
    operationId: 'updateNews',
    tag: 'News',
    summary: 'Edit a news post',
    description: '`endsOn: null` shows the post until it is deleted.',
    body: NewsPatch,
    success: { status: 200, schema: NewsRecordView },
    problems: { 404: ['NEWS_NOT_FOUND'], 409: ['NEWS_CHANGED'] },
    audit: { target: 'news', snapshot: pages.newsSnapshot },
    handle: async (ctx, { params, body }) => json(200, await pages.updateNews(ctx, { kind: 'CITY' }, params.id!, body)),
 }),
  route({
    method: 'DELETE',
    path: '/v1/admin/news/{id}',
    access: 'admin',
    operationId: 'deleteNews',
    tag: 'News',
    summary: 'Delete a news post',
    success: { status: 200, schema: DeletedView('newsId') },
    problems: { 404: ['NEWS_NOT_FOUND'] },
    audit: { target: 'news', snapshot: pages.newsSnapshot },
    handle: async (ctx, { params }) => json(200, await pages.deleteNews(ctx, { kind: 'CITY' }, params.id!)),
 }),
  route({
    method: 'GET',
    path: '/v1/admin/merchants/{id}/reviews',
    access: 'admin',
    operationId: 'listReviewsForStaff',
    tag: 'Reviews',
    summary: 'Every review of a shop, hidden ones with their reason, newest first',
    query: PageQuery,
    paged: true,
    success: { status: 200, schema: ModeratedReviewPageView },
    problems: { 404: ['MERCHANT_NOT_FOUND'] },
    handle: async (ctx, { params, query }) => json(200, await pages.listReviewsWithModeration(ctx, params.id!, query.limit, query.cursor)),
 }),
  route({
    method: 'POST',
    path: '/v1/admin/reviews/{id}/hide',
    access: 'admin',
    operationId: 'hideReview',
    tag: 'Reviews',
    summary: 'Hide a review from the shop’s page, with a reason',
    description: 'The reason is shown to the review’s author and to the shop’s staff. Hiding again replaces the reason.',
    body: HideInput,
    bodyExample: { reason: 'Propos injurieux' },
    success: { status: 200, schema: ModeratedReviewView },
    problems: { 404: ['REVIEW_NOT_FOUND'], 409: ['REVIEW_CHANGED'] },
    audit: { target: 'review', snapshot: pages.reviewSnapshot },
    handle: async (ctx, { caller, params, body }) => json(200, await pages.hideReviewByStaff(ctx, me(caller), params.id!, body.reason)),
 }),
  route({
    method: 'POST',
    path: '/v1/admin/reviews/{id}/unhide',
    access: 'admin',
    operationId: 'unhideReview',
    tag: 'Reviews',
    summary: 'Show a hidden review again',
    success: { status: 200, schema: ModeratedReviewView },
    problems: { 404: ['REVIEW_NOT_FOUND'], 409: ['REVIEW_CHANGED'] },
    audit: { target: 'review', snapshot: pages.reviewSnapshot },
    handle: async (ctx, { params }) => json(200, await pages.unhideReviewByStaff(ctx, params.id!)),
 }),
  ...cityShopPhotoRoutes,
];
