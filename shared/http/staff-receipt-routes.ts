/**
 * City staff: a resident's receipts, the review queue and the audit trail of staff actions.
 */
import * as z from '../schema';
import * as admin from '../app/admin';
import { listReceiptsOfResident } from '../app/staff-receipts';
import { DecisionBody, decideReceipt } from '../app/review';
import { json } from './problem';
import { PageQuery } from './request';
import { me, PATH_PARAM, route, type Route } from './route';
import { listAudit } from '../app/audit';
import * as S from './schemas';

const Instantish = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/, 'expected a date (YYYY-MM-DD) or a UTC instant'));
const AuditQuery = z.extend(PageQuery, {
  actor: z.described(z.optional(z.string().check(z.minLength(1), z.maxLength(128))), { description: 'a staff member’s id' }),
  action: z.described(z.optional(z.string().check(z.regex(/^[A-Za-z]{1,64}$/))), { description: 'an operationId of this document', example: 'decideReceipt' }),
  targetType: z.optional(z.enum(['campaign', 'merchant', 'receipt', 'payout', 'ledger', 'resident', 'news', 'review'])),
  targetId: z.described(z.optional(z.string().check(z.regex(PATH_PARAM))), { description: 'with targetType: one target’s history' }),
  from: z.described(z.optional(Instantish), { description: 'from this date or instant (UTC), included' }),
  to: z.described(z.optional(Instantish), { description: 'to this date or instant (UTC), included' }),
});

export const staffReceiptRoutes: Route[] = [
  // City staff: receipts and the review queue.
  route({
    method: 'GET',
    path: '/v1/admin/receipts/{id}',
    access: 'admin',
    operationId: 'getReceiptForStaff',
    tag: 'Review',
    summary: 'Everything about a receipt: extraction, decision with the trace of every rule, review, image link',
    success: { status: 200, schema: S.StaffReceiptView },
    problems: { 404: ['RECEIPT_NOT_FOUND'] },
    audit: { target: 'receipt', read: true },
    handle: async (ctx, { params }) => json(200, await admin.receiptForStaff(ctx, params.id!)),
  }),
  route({
    method: 'GET',
    path: '/v1/admin/receipts',
    access: 'admin',
    operationId: 'listReceiptsOfResident',
    tag: 'Review',
    summary: 'One resident’s receipts, newest first (to find a receipt by resident)',
    query: z.extend(PageQuery, { residentId: z.described(z.string().check(z.minLength(1), z.maxLength(128)), { description: 'the resident’s id (token `sub`)' }) }),
    paged: true,
    success: { status: 200, schema: S.pageOf(z.extend(S.ReceiptView, { residentId: z.string() })) },
    audit: { target: 'resident', read: true, input: ({ query }) => ({ residentId: query.residentId }) },
    handle: async (ctx, { query }) => json(200, await listReceiptsOfResident(ctx, query.residentId, query.limit, query.cursor)),
  }),
  route({
    method: 'GET',
    path: '/v1/admin/review',
    access: 'admin',
    operationId: 'listReview',
    tag: 'Review',
    summary: 'Receipts waiting for a decision, oldest first',
    query: PageQuery,
    paged: true,
    success: { status: 200, schema: S.pageOf(S.ReviewItem) },
    audit: { target: 'receipt', read: true, input: ({ query }) => query },
    handle: async (ctx, { query }) => json(200, await admin.listReview(ctx, query.limit, query.cursor)),
  }),
  route({
    method: 'POST',
    path: '/v1/admin/receipts/{id}/decision',
    access: 'admin',
    operationId: 'decideReceipt',
    tag: 'Review',
    summary: 'Approve (optionally correcting shop, total, date) or reject a receipt in review',
    description: 'Approving with a shop teaches it the sign that was read (unless `teachAlias` is false).',
    body: DecisionBody,
    bodyExample: { action: 'APPROVE', totalCents: 2350 },
    success: { status: 200, schema: S.DecisionResult },
    problems: { 400: ['DECISION_INCOMPLETE'], 404: ['RECEIPT_NOT_FOUND', 'MERCHANT_NOT_FOUND'], 409: ['RECEIPT_NOT_IN_REVIEW'] },
    audit: { target: 'receipt' },
    handle: async (ctx, { caller, params, body }) => json(200, await decideReceipt(ctx, me(caller), params.id!, body)),
  }),

  route({
    method: 'GET',
    path: '/v1/admin/audit',
    access: 'admin',
    operationId: 'listAudit',
    tag: 'Audit',
    summary: 'The staff audit trail, newest first',
    description:
      'Every staff action (campaign and money moves, shop changes, review decisions, payouts) and every look at residents’ data (a receipt, the review queue, a payout file), ' +
      'with who, when, the target and the fields before and after. Append-only: nothing here can be changed or removed through the API.',
    query: AuditQuery,
    paged: true,
    success: { status: 200, schema: S.pageOf(S.AuditEntryView) },
    handle: async (ctx, { query }) => {
      const { limit, cursor, ...filter } = query;
      return json(200, await listAudit(ctx, filter, limit, cursor));
    },
  }),
];
