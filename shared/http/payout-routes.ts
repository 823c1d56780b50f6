/**
 * City staff: the SEPA payout batches.
 */
import * as z from '../schema';
import * as payouts from '../app/payouts';
import { attachment, json } from './problem';
import { PageQuery } from './request';
import { route, type Route } from './route';
import * as S from './schemas';

const RejectItemBody = z.strictObject({ reason: z.string().check(z.trim(), z.minLength(3), z.maxLength(500)) });

export const payoutRoutes: Route[] = [
  // City staff: payouts.
  route({
    method: 'GET',
    path: '/v1/admin/payouts',
    access: 'admin',
    operationId: 'listPayouts',
    tag: 'Payouts',
    summary: 'Payout batches, newest first',
    query: PageQuery,
    paged: true,
    success: { status: 200, schema: S.pageOf(S.PayoutBatchSummary) },
    handle: async (ctx, { query }) => json(200, await payouts.listPayouts(ctx, query.limit, query.cursor)),
  }),
  route({
    method: 'POST',
    path: '/v1/admin/payouts/run',
    access: 'admin',
    operationId: 'runPayouts',
    tag: 'Payouts',
    summary: 'Run the payout job now (the month’s batch, or null when no wallet is due)',
    success: { status: 200, schema: S.PayoutRunResult },
    problems: {},
    audit: { target: 'payout', createdId: (a) => a.batch?.payoutId },
    handle: async (ctx) => {
      if (!ctx.payoutSettings) throw new payouts.PayoutConfigError('Payouts are not configured for this function.');
      return json(200, { batch: await payouts.runPayouts(ctx, ctx.payoutSettings) });
    },
  }),
  route({
    method: 'GET',
    path: '/v1/admin/payouts/{id}/file',
    access: 'admin',
    operationId: 'payoutFile',
    tag: 'Payouts',
    summary: 'The batch’s SEPA credit transfer file (pain.001.001.09)',
    success: { status: 200, file: { contentType: 'application/xml', description: 'ISO 20022 pain.001.001.09, for the city’s bank' } },
    problems: { 404: ['PAYOUT_NOT_FOUND', 'PAYOUT_FILE_NOT_FOUND'], 409: ['PAYOUT_NOT_READY'] },
    audit: { target: 'payout', read: true },
    handle: async (ctx, { params }) => attachment('application/xml; charset=utf-8', `${params.id}.xml`, await payouts.payoutDocument(ctx, params.id!, 'file')),
  }),
  route({
    method: 'GET',
    path: '/v1/admin/payouts/{id}/csv',
    access: 'admin',
    operationId: 'payoutCsv',
    tag: 'Payouts',
    summary: 'The batch as CSV, for the accountant',
    success: { status: 200, file: { contentType: 'text/csv', description: 'one row per transfer' } },
    problems: { 404: ['PAYOUT_NOT_FOUND', 'PAYOUT_FILE_NOT_FOUND'], 409: ['PAYOUT_NOT_READY'] },
    audit: { target: 'payout', read: true },
    handle: async (ctx, { params }) => attachment('text/csv; charset=utf-8', `${params.id}.csv`, await payouts.payoutDocument(ctx, params.id!, 'csv')),
  }),
  route({
    method: 'POST',
    path: '/v1/admin/payouts/{id}/settle',
    access: 'admin',
    operationId: 'settlePayout',
    tag: 'Payouts',
    summary: 'The bank executed the batch: its pending transfers are posted',
    success: { status: 200, schema: S.SettleResult },
    problems: { 404: ['PAYOUT_NOT_FOUND'], 409: ['PAYOUT_NOT_READY'] },
    audit: { target: 'payout' },
    handle: async (ctx, { params }) => json(200, await payouts.settlePayout(ctx, params.id!)),
  }),
  route({
    method: 'POST',
    path: '/v1/admin/payouts/{id}/items/{itemId}/reject',
    access: 'admin',
    operationId: 'rejectPayoutItem',
    tag: 'Payouts',
    summary: 'The bank returned one transfer: its money goes back to the wallet',
    body: RejectItemBody,
    bodyExample: { reason: 'AC04 compte clos' },
    success: { status: 200, schema: S.PayoutItemRejected },
    problems: { 404: ['PAYOUT_NOT_FOUND', 'PAYOUT_ITEM_NOT_FOUND'], 409: ['PAYOUT_ITEM_NOT_PENDING'] },
    audit: { target: 'payout' },
    handle: async (ctx, { params, body }) => json(200, await payouts.rejectPayoutItem(ctx, params.id!, params.itemId!, body.reason)),
  }),
];
