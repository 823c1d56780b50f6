/**
 * City staff at the counter ("au guichet", issue #19): residents who have no smartphone,
 * registered, served and given their rights by staff (shared/app/counter.ts). Every route works
 * on a counter resident's id only (`guichet-…`); any other id, an app resident's included, is
 * 404 COUNTER_RESIDENT_NOT_FOUND. Every call is recorded in the audit trail with the staff member,
 * without the resident's name, reference or e-mail.
 */
import * as z from '../schema';
import * as counter from '../app/counter';
import { CreateReceiptBody } from '../app/resident';
import { CounterResidentInput, STATEMENT_MAX_PAYOUTS, STATEMENT_MAX_RECEIPTS } from '../domain/counter-resident';
import { PayoutAccountInput } from '../payouts/iban';
import { json } from './problem';
import { PageQuery } from './request';
import { me, route, type Route } from './route';
import * as S from './schemas';

const Cents = z.int();
const Instant = z.described(z.string(), { description: 'ISO 8601 instant, UTC', example: '2026-12-03T09:41:00.000Z' });
const ResidentId = z.described(z.string(), { description: 'a counter resident’s id: `guichet-` and a UUID', example: 'guichet-3f6c1d7e-2b1a-4c55-9d0e-7a8b9c0d1e2f' });

export const CounterResidentView = z.described(
  z.object({
    residentId: ResidentId,
    fullName: z.string(),
    reference: z.described(z.string(), { description: 'normalised: upper case, without spaces, dots, dashes or slashes', example: 'BM004217' }),
    email: z.optional(z.string()),
    registeredBy: z.described(z.string(), { description: 'the staff member who registered the resident' }),
    registeredAt: Instant,
  }),
  { id: 'CounterResident' },
);

const MaskedAccount = z.object({ iban: z.described(z.string(), { description: 'masked' }), holderName: z.string() });

const CounterResidentDetail = z.extend(CounterResidentView, { wallet: S.WalletView, payoutAccount: z.nullable(MaskedAccount) });

export const StatementView = z.described(
  z.object({
    statementAt: Instant,
    resident: z.object({ residentId: ResidentId, fullName: z.string(), reference: z.string(), registeredAt: Instant }),
    wallet: S.WalletView,
    payoutAccount: z.nullable(MaskedAccount),
    totals: z.object({
      receipts: z.int(),
      credited: z.int(),
      inProgress: z.described(z.int(), { description: 'awaiting upload, being read or in review' }),
      rejected: z.int(),
      creditedCents: z.described(Cents, { description: 'cashback of every credited receipt' }),
    }),
    receipts: z.described(
      z.array(
        z.object({
          receiptId: z.string(),
          createdAt: Instant,
          status: S.ReceiptStatusSchema,
          merchantName: z.optional(z.string()),
          purchaseDate: z.optional(z.string()),
          totalCents: z.optional(Cents),
          cashbackCents: z.optional(Cents),
          rejection: z.optional(S.RejectionSchema),
          sentAtCounter: z.boolean(),
        }),
      ),
      { description: `the newest receipts, at most ${STATEMENT_MAX_RECEIPTS}` },
    ),
    moreReceipts: z.described(z.boolean(), { description: 'older receipts are counted in `totals` but not listed' }),
    payouts: z.described(z.array(z.object({ payoutId: z.string(), period: z.string(), requestedExecutionDate: z.string(), amountCents: Cents, status: z.string() })), {
      description: `newest first, at most ${STATEMENT_MAX_PAYOUTS}`,
    }),
    morePayouts: z.described(z.boolean(), { description: 'older payouts are left out' }),
  }),
  { id: 'CounterStatement' },
);

const CounterExportView = z.described(
  z.extend(S.ResidentExportView, {
    registration: z.object({ fullName: z.string(), reference: z.string(), email: z.optional(z.string()), registeredAt: Instant, registeredBy: z.string() }),
  }),
  { id: 'CounterResidentExport' },
);

const CounterErasureView = z.described(
  z.extend(S.ErasureView, { registrationDeleted: z.described(z.boolean(), { description: 'the name, reference and e-mail deleted, the reference freed' }) }),
  { id: 'CounterErasure' },
);

const ResidentsQuery = z.extend(PageQuery, {
  reference: z.described(z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(40))), {
    description: 'the one resident holding this reference (compared as registered: without case, spaces, dots or dashes)',
    example: 'BM-0042-17',
  }),
});

const NOT_FOUND = { 404: ['COUNTER_RESIDENT_NOT_FOUND'] } as const;
const noPersonalData = () => ({});

export const counterRoutes: Route[] = [
  route({
    method: 'POST',
    path: '/v1/admin/residents',
    access: 'admin',
    operationId: 'registerCounterResident',
    tag: 'Counter',
    summary: 'Register a resident who has no smartphone, at the counter',
    description: 'The resident gets an id of the system’s own (`guichet-…`). A reference is held by one resident only: a second registration with it is 409 `COUNTER_REFERENCE_TAKEN`.',
    body: CounterResidentInput,
    bodyExample: { fullName: 'Jeanne Moreau', reference: 'BM-0042-17', email: 'jeanne.moreau@example.fr' },
    success: { status: 201, schema: CounterResidentView },
    problems: { 409: ['COUNTER_REFERENCE_TAKEN'] },
    audit: { target: 'resident', snapshot: counter.counterResidentSnapshot, createdId: (a: { residentId?: string }) => a.residentId, input: ({ body }) => ({ withEmail: body.email !== undefined }) },
    handle: async (ctx, { caller, body }) => json(201, await counter.registerCounterResident(ctx, me(caller), body)),
  }),
  route({
    method: 'GET',
    path: '/v1/admin/residents',
    access: 'admin',
    operationId: 'listCounterResidents',
    tag: 'Counter',
    summary: 'Find a counter resident by reference, or list them all, newest first',
    query: ResidentsQuery,
    paged: true,
    success: { status: 200, schema: S.pageOf(CounterResidentView) },
    audit: { target: 'resident', read: true, input: ({ query }) => ({ byReference: query.reference !== undefined, limit: query.limit }) },
    handle: async (ctx, { query }) => json(200, await counter.findCounterResidents(ctx, query)),
  }),
  route({
    method: 'GET',
    path: '/v1/admin/residents/{id}',
    access: 'admin',
    operationId: 'getCounterResident',
    tag: 'Counter',
    summary: 'A counter resident: registration, wallet, payout account (IBAN masked)',
    success: { status: 200, schema: CounterResidentDetail },
    problems: NOT_FOUND,
    audit: { target: 'resident', read: true, input: noPersonalData },
    handle: async (ctx, { params }) => json(200, await counter.getCounterResident(ctx, params.id!)),
  }),
  route({
    method: 'POST',
    path: '/v1/admin/residents/{id}/receipts',
    access: 'admin',
    operationId: 'sendReceiptAtCounter',
    tag: 'Counter',
    summary: 'Send a receipt on a counter resident’s behalf',
    description:
      'As the resident’s own `POST /v1/receipts` (same file checks, same limits per resident): PUT the bytes to `upload.url` with `upload.headers`, then follow it with `GET /v1/receipts/{id}`. The receipt is the resident’s, marked as sent at the counter by the caller.',
    body: CreateReceiptBody,
    bodyExample: { contentType: 'image/jpeg', contentLength: 482113 },
    success: { status: 201, schema: S.CreatedReceipt },
    problems: { 400: ['UNSUPPORTED_FILE', 'TOO_LARGE'], ...NOT_FOUND, 429: ['TOO_MANY_RECEIPTS_TODAY', 'TOO_MANY_UPLOADS_IN_FLIGHT'] },
    audit: { target: 'resident', outcome: (a: { receiptId?: string; status?: string }) => ({ receiptId: a.receiptId, status: a.status }) },
    handle: async (ctx, { caller, params, body }) => json(201, await counter.sendReceiptAtCounter(ctx, me(caller), params.id!, body)),
  }),
  route({
    method: 'PUT',
    path: '/v1/admin/residents/{id}/payout-account',
    access: 'admin',
    operationId: 'setCounterPayoutAccount',
    tag: 'Counter',
    summary: 'Record the account a counter resident is paid on',
    description: 'Checked as `PUT /v1/me/payout-account`: a bad IBAN is 400 `INVALID_IBAN`. The audit trail records that it changed, never the IBAN.',
    // Parsed by the operation itself, which answers INVALID_IBAN when the IBAN is what is wrong.
    body: z.unknown(),
    bodyDoc: PayoutAccountInput,
    bodyExample: { iban: 'FR76 3000 6000 0112 3456 7890 189', holderName: 'Jeanne Moreau' },
    success: { status: 200, schema: S.PayoutAccountView },
    problems: { 400: ['INVALID_IBAN'], ...NOT_FOUND },
    audit: { target: 'resident', snapshot: counter.counterResidentSnapshot, input: noPersonalData },
    handle: async (ctx, { params, body }) => json(200, await counter.setCounterPayoutAccount(ctx, params.id!, body)),
  }),
  route({
    method: 'GET',
    path: '/v1/admin/residents/{id}/statement',
    access: 'admin',
    operationId: 'counterStatement',
    tag: 'Counter',
    summary: 'Everything the one-page statement of a counter resident’s wallet shows',
    description: `Balances, receipts counted by status with the cashback credited, the ${STATEMENT_MAX_RECEIPTS} newest receipts and the ${STATEMENT_MAX_PAYOUTS} newest payouts: what fits on one printed page.`,
    success: { status: 200, schema: StatementView },
    problems: NOT_FOUND,
    audit: { target: 'resident', read: true, input: noPersonalData },
    handle: async (ctx, { params }) => json(200, await counter.counterStatement(ctx, params.id!)),
  }),
  route({
    method: 'GET',
    path: '/v1/admin/residents/{id}/export',
    access: 'admin',
    operationId: 'exportCounterResident',
    tag: 'Counter',
    summary: 'Everything held about a counter resident (their right of access), with their registration',
    description: 'The resident’s `GET /v1/me/export`, for staff to hand over; staff are named “[services de la ville]”.',
    success: { status: 200, schema: CounterExportView },
    problems: NOT_FOUND,
    audit: { target: 'resident', read: true, input: noPersonalData },
    handle: async (ctx, { params }) => {
      const data = await counter.exportCounterResident(ctx, params.id!);
      return { ...json(200, data), headers: { 'content-type': 'application/json', 'content-disposition': 'attachment; filename="donnees-cabas-guichet.json"', 'cache-control': 'no-store' } };
    },
  }),
  route({
    method: 'DELETE',
    path: '/v1/admin/residents/{id}',
    access: 'admin',
    operationId: 'eraseCounterResident',
    tag: 'Counter',
    summary: 'Erase a counter resident’s personal data (their right to erasure)',
    description:
      'The resident’s `DELETE /v1/me` (refused 409 `PAYOUT_IN_FLIGHT` while a payout is in flight; `IN_PROGRESS` asks to call again), then the registration itself is deleted and its reference freed. Afterwards the id is unknown (404).',
    success: { status: 200, schema: CounterErasureView },
    problems: { ...NOT_FOUND, 409: ['PAYOUT_IN_FLIGHT'] },
    audit: { target: 'resident', snapshot: counter.counterResidentSnapshot, input: noPersonalData },
    handle: async (ctx, { params }) => json(200, await counter.eraseCounterResident(ctx, params.id!)),
  }),
];
