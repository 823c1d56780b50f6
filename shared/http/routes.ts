import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';
import { CampaignFields, CampaignInput } from '../domain/campaign';
import { DomainError, ForbiddenError } from '../domain/errors';
import { TooManyRequestsError } from '../domain/limits';
import type { AppContext } from '../app/context';
import * as admin from '../app/admin';
import * as resident from '../app/resident';
import * as ledger from '../app/ledger';
import * as households from '../app/households';
import { reconcileLedger } from '../app/reconcile';
import { listReceiptsOfResident } from '../app/staff-receipts';
import { eraseResident, exportResidentData } from '../app/privacy';
import * as payouts from '../app/payouts';
import { DecisionBody, decideReceipt } from '../app/review';
import { PayoutAccountInput } from '../payouts/iban';
import { attachment, json, problem, zodErrors } from './problem';
import { merchantRoutes } from './merchant-routes';
import { callerOf, PageQuery, parseJsonBody, parseQuery, type HttpEvent } from './request';
import { me, PATH_PARAM, route, type Route, type RouteRequest } from './route';
export { PATH_PARAM } from './route';
import { auditSnapshots, listAudit, recordStaffAction, type AuditSnapshot } from '../app/audit';
import type { Caller } from '../app/context';
import * as S from './schemas';

export type { Access, Route } from './route';

const CAMPAIGN_EXAMPLE = {
  name: 'Rue des Tanneurs en travaux',
  budgetCents: 5_000_000,
  startsOn: '2026-12-01',
  endsOn: '2027-01-31',
  rateBps: 2000,
  maxCashbackPerReceiptCents: 1000,
  perResidentCap: { amountCents: 5000, period: 'MONTH' },
  merchants: { tags: ['tanneurs'] },
};

const Instantish = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/, 'expected a date (YYYY-MM-DD) or a UTC instant');
const AuditQuery = PageQuery.extend({
  actor: z.string().min(1).max(128).optional().meta({ description: 'a staff member’s id' }),
  action: z.string().regex(/^[A-Za-z]{1,64}$/).optional().meta({ description: 'an operationId of this document', example: 'decideReceipt' }),
  targetType: z.enum(['campaign', 'merchant', 'receipt', 'payout', 'ledger', 'resident']).optional(),
  targetId: z.string().regex(PATH_PARAM).optional().meta({ description: 'with targetType: one target’s history' }),
  from: Instantish.optional().meta({ description: 'from this date or instant (UTC), included' }),
  to: Instantish.optional().meta({ description: 'to this date or instant (UTC), included' }),
});

const RejectItemBody = z.object({ reason: z.string().trim().min(3).max(500) }).strict();

const CAMPAIGN_PROBLEMS = { 400: ['MERCHANT_NOT_FOUND'] } as const;

/** The REST API v1. The fixed routes of the contract keep their paths and fields. */
const coreRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/v1/health',
    access: 'public',
    operationId: 'health',
    tag: 'Service',
    summary: 'Liveness: answers once every part is ready',
    success: { status: 200, schema: S.HealthResponse },
    handle: async () => json(200, { status: 'ok' }),
  }),

  // Residents: receipts, wallet, payout account, household.
  route({
    method: 'POST',
    path: '/v1/receipts',
    access: 'resident',
    operationId: 'createReceipt',
    tag: 'Receipts',
    summary: 'Announce a receipt and get a presigned URL to upload its image',
    description: 'JPEG, PNG or a one-page PDF, at most 10 MB. PUT the bytes to `upload.url` with `upload.headers`; the receipt is then read, matched and credited by itself.',
    body: resident.CreateReceiptBody,
    bodyExample: { contentType: 'image/jpeg', contentLength: 482113 },
    success: { status: 201, schema: S.CreatedReceipt },
    problems: { 400: ['UNSUPPORTED_FILE', 'TOO_LARGE'], 429: ['TOO_MANY_RECEIPTS_TODAY', 'TOO_MANY_UPLOADS_IN_FLIGHT'] },
    handle: async (ctx, { caller, body }) => json(201, await resident.createReceipt(ctx, me(caller), body)),
  }),
  route({
    method: 'GET',
    path: '/v1/receipts',
    access: 'resident',
    operationId: 'listMyReceipts',
    tag: 'Receipts',
    summary: 'The caller’s receipts, newest first',
    query: PageQuery,
    paged: true,
    success: { status: 200, schema: S.pageOf(S.ReceiptView) },
    handle: async (ctx, { caller, query }) => json(200, await resident.listMyReceipts(ctx, me(caller), query.limit, query.cursor)),
  }),
  route({
    method: 'GET',
    path: '/v1/receipts/{id}',
    access: 'resident',
    operationId: 'getReceipt',
    tag: 'Receipts',
    summary: 'One receipt: its status, what was read, what it paid or why it was refused',
    description: 'Its owner or city staff; anyone else is told it does not exist.',
    success: { status: 200, schema: S.ReceiptView },
    problems: { 404: ['RECEIPT_NOT_FOUND'] },
    handle: async (ctx, { caller, params }) => json(200, await resident.getReceipt(ctx, me(caller), params.id!)),
  }),
  route({
    method: 'GET',
    path: '/v1/me/wallet',
    access: 'resident',
    operationId: 'getWallet',
    tag: 'Wallet',
    summary: 'The caller’s wallet',
    success: { status: 200, schema: S.WalletView, example: { balanceCents: 1250, pendingPayoutCents: 0, paidOutCents: 3000, currency: 'EUR' } },
    handle: async (ctx, { caller }) => json(200, await resident.getWallet(ctx, me(caller))),
  }),
  route({
    method: 'GET',
    path: '/v1/me/wallet/transfers',
    access: 'resident',
    operationId: 'listWalletTransfers',
    tag: 'Wallet',
    summary: 'The caller’s ledger movements, newest first',
    query: PageQuery,
    paged: true,
    success: { status: 200, schema: S.pageOf(S.WalletTransfer) },
    handle: async (ctx, { caller, query }) => json(200, await ledger.walletTransfers(ctx, me(caller), query.limit, query.cursor)),
  }),
  route({
    method: 'PUT',
    path: '/v1/me/payout-account',
    access: 'resident',
    operationId: 'setPayoutAccount',
    tag: 'Wallet',
    summary: 'Record the account the caller is paid on',
    description: 'A SEPA IBAN (checked: SEPA country, national format, ISO 13616 check digits, national check digits such as the French RIB key) and the holder’s name.',
    // Parsed by the operation itself, which answers INVALID_IBAN when the IBAN is what is wrong.
    body: z.unknown(),
    bodyDoc: PayoutAccountInput,
    bodyExample: { iban: 'FR76 3000 6000 0112 3456 7890 189', holderName: 'Camille Martin' },
    success: { status: 200, schema: S.PayoutAccountView },
    problems: { 400: ['INVALID_IBAN'] },
    handle: async (ctx, { caller, body }) => json(200, await payouts.setPayoutAccount(ctx, me(caller), body)),
  }),
  route({
    method: 'GET',
    path: '/v1/me/payout-account',
    access: 'resident',
    operationId: 'getPayoutAccount',
    tag: 'Wallet',
    summary: 'The caller’s payout account, IBAN masked',
    success: { status: 200, schema: S.PayoutAccountView },
    problems: { 404: ['PAYOUT_ACCOUNT_NOT_FOUND'] },
    handle: async (ctx, { caller }) => json(200, await payouts.getPayoutAccount(ctx, me(caller))),
  }),
  route({
    method: 'GET',
    path: '/v1/me/household',
    access: 'resident',
    operationId: 'getHousehold',
    tag: 'Households',
    summary: 'The caller’s household, if any',
    success: { status: 200, schema: S.HouseholdView },
    handle: async (ctx, { caller }) => json(200, await households.myHousehold(ctx, me(caller))),
  }),
  route({
    method: 'POST',
    path: '/v1/me/household',
    access: 'resident',
    operationId: 'createHousehold',
    tag: 'Households',
    summary: 'Found a household; its code is shared with the other members',
    success: { status: 201, schema: S.HouseholdView },
    problems: { 409: ['HOUSEHOLD_ALREADY_SET', 'HOUSEHOLD_LOCKED'] },
    handle: async (ctx, { caller }) => json(201, await households.createHousehold(ctx, me(caller))),
  }),
  route({
    method: 'POST',
    path: '/v1/me/household/join',
    access: 'resident',
    operationId: 'joinHousehold',
    tag: 'Households',
    summary: 'Join a household with its code',
    body: households.JoinHouseholdBody,
    bodyExample: { joinCode: 'K7M2Q9XA4B' },
    success: { status: 200, schema: S.HouseholdView },
    problems: { 404: ['HOUSEHOLD_NOT_FOUND'], 409: ['HOUSEHOLD_ALREADY_SET', 'HOUSEHOLD_FULL', 'HOUSEHOLD_LOCKED'] },
    handle: async (ctx, { caller, body }) => json(200, await households.joinHousehold(ctx, me(caller), body)),
  }),

  // Residents' rights over their data (GDPR articles 15, 17 and 20): docs/privacy.md.
  route({
    method: 'GET',
    path: '/v1/me/export',
    access: 'resident',
    operationId: 'exportMyData',
    tag: 'Privacy',
    summary: 'Everything Cabas holds about the caller, in one JSON document',
    description:
      'Receipts with what was read and decided (photos through links that live 15 minutes), the wallet and every movement, the payout account (IBAN in full), payouts, household, cap counters. Nothing about another resident; staff are named “[services de la ville]”.',
    success: { status: 200, schema: S.ResidentExportView },
    handle: async (ctx, { caller }) => {
      const data = await exportResidentData(ctx, me(caller));
      return { ...json(200, data), headers: { 'content-type': 'application/json', 'content-disposition': 'attachment; filename="mes-donnees-cabas.json"', 'cache-control': 'no-store' } };
    },
  }),
  route({
    method: 'DELETE',
    path: '/v1/me',
    access: 'resident',
    operationId: 'eraseMe',
    tag: 'Privacy',
    summary: 'Erase the caller’s personal data',
    description:
      'Photos and payout account deleted, household left, receipts’ personal data erased; the receipts’ amounts and the wallet’s transfers stay under a pseudonym that nothing links back to the resident, so the city’s accounts still balance. A balance still owed is given up: ask for a payout first. Refused while a payout is in flight. Idempotent: `IN_PROGRESS` asks to call again.',
    success: { status: 200, schema: S.ErasureView },
    problems: { 409: ['PAYOUT_IN_FLIGHT'] },
    handle: async (ctx, { caller }) => json(200, await eraseResident(ctx, me(caller))),
  }),

  // City staff: campaigns and their money.
  route({
    method: 'POST',
    path: '/v1/admin/campaigns',
    access: 'admin',
    operationId: 'createCampaign',
    tag: 'Campaigns',
    summary: 'Create a campaign (a draft)',
    description:
      '`kind` is CASHBACK (default), GIFT_ALLOWANCE or WELCOME_BONUS; each kind needs and refuses some fields, and every problem is listed in one answer. ' +
      '`merchants` selects the shops: all, by tags, by ids, or those inside a drawn `zone` (GeoJSON Polygon or MultiPolygon).',
    body: CampaignInput,
    bodyDoc: CampaignFields,
    bodyExample: CAMPAIGN_EXAMPLE,
    success: { status: 201, schema: S.CampaignState, example: { campaignId: '01JD8Z6Q3N4W5X6Y7Z8A9B0C1D', status: 'DRAFT' } },
    problems: CAMPAIGN_PROBLEMS,
    audit: { target: 'campaign', createdId: (a) => a.campaignId },
    handle: async (ctx, { body }) => json(201, await admin.createCampaign(ctx, body)),
  }),
  route({
    method: 'GET',
    path: '/v1/admin/campaigns/{id}',
    access: 'admin',
    operationId: 'getCampaign',
    tag: 'Campaigns',
    summary: 'A campaign and its rules',
    success: { status: 200, schema: S.CampaignView },
    problems: { 404: ['CAMPAIGN_NOT_FOUND'] },
    handle: async (ctx, { params }) => json(200, await admin.getCampaign(ctx, params.id!)),
  }),
  route({
    method: 'PUT',
    path: '/v1/admin/campaigns/{id}',
    access: 'admin',
    operationId: 'updateDraftCampaign',
    tag: 'Campaigns',
    summary: 'Replace a draft’s rules (same body as the creation)',
    body: CampaignInput,
    bodyDoc: CampaignFields,
    bodyExample: CAMPAIGN_EXAMPLE,
    success: { status: 200, schema: S.CampaignView },
    problems: { ...CAMPAIGN_PROBLEMS, 404: ['CAMPAIGN_NOT_FOUND'], 409: ['CAMPAIGN_NOT_DRAFT'] },
    audit: { target: 'campaign' },
    handle: async (ctx, { params, body }) => json(200, await admin.updateDraftCampaign(ctx, params.id!, body)),
  }),
  route({
    method: 'POST',
    path: '/v1/admin/campaigns/{id}/activate',
    access: 'admin',
    operationId: 'activateCampaign',
    tag: 'Campaigns',
    summary: 'Activate a draft: its budget moves from the funder’s account in the same transaction',
    success: { status: 200, schema: S.CampaignState },
    problems: { 404: ['CAMPAIGN_NOT_FOUND'], 409: ['CAMPAIGN_NOT_DRAFT', 'MERCHANT_FUNDS_INSUFFICIENT'] },
    audit: { target: 'campaign' },
    handle: async (ctx, { params }) => json(200, await admin.activateCampaign(ctx, params.id!)),
  }),
  route({
    method: 'GET',
    path: '/v1/admin/campaigns/{id}/stats',
    access: 'admin',
    operationId: 'campaignStats',
    tag: 'Campaigns',
    summary: 'Budget, cashback paid, sales carried and receipts of a campaign',
    success: { status: 200, schema: S.CampaignStatsView },
    problems: { 404: ['CAMPAIGN_NOT_FOUND'] },
    handle: async (ctx, { params }) => json(200, await admin.campaignStats(ctx, params.id!)),
  }),
  route({
    method: 'POST',
    path: '/v1/admin/campaigns/{id}/pause',
    access: 'admin',
    operationId: 'pauseCampaign',
    tag: 'Campaigns',
    summary: 'Pause: nothing new is credited; the budget stays',
    success: { status: 200, schema: S.CampaignState },
    problems: { 404: ['CAMPAIGN_NOT_FOUND'], 409: ['CAMPAIGN_NOT_ACTIVE'] },
    audit: { target: 'campaign' },
    handle: async (ctx, { params }) => json(200, await admin.setCampaignPaused(ctx, params.id!, true)),
  }),
  route({
    method: 'POST',
    path: '/v1/admin/campaigns/{id}/resume',
    access: 'admin',
    operationId: 'resumeCampaign',
    tag: 'Campaigns',
    summary: 'Resume a paused campaign',
    success: { status: 200, schema: S.CampaignState },
    problems: { 404: ['CAMPAIGN_NOT_FOUND'], 409: ['CAMPAIGN_NOT_PAUSED'] },
    audit: { target: 'campaign' },
    handle: async (ctx, { params }) => json(200, await admin.setCampaignPaused(ctx, params.id!, false)),
  }),
  route({
    method: 'POST',
    path: '/v1/admin/campaigns/{id}/top-up',
    access: 'admin',
    operationId: 'topUpCampaign',
    tag: 'Ledger',
    summary: 'More budget from the funder (idempotent on `reference`)',
    body: ledger.TopUpBody,
    bodyExample: { amountCents: 1_000_000, reference: 'DCM-2026-114' },
    success: { status: 200, schema: S.TopUpResult },
    problems: { 404: ['CAMPAIGN_NOT_FOUND'], 409: ['CAMPAIGN_NOT_ACTIVE', 'MERCHANT_FUNDS_INSUFFICIENT'] },
    audit: { target: 'campaign' },
    handle: async (ctx, { caller, params, body }) => json(200, await ledger.topUpCampaign(ctx, me(caller), params.id!, body)),
  }),
  route({
    method: 'POST',
    path: '/v1/admin/campaigns/{id}/close',
    access: 'admin',
    operationId: 'closeCampaign',
    tag: 'Ledger',
    summary: 'Close a campaign: what it has not paid goes back to its funder',
    success: { status: 200, schema: S.CloseResult },
    problems: { 404: ['CAMPAIGN_NOT_FOUND'], 409: ['CAMPAIGN_NOT_ACTIVE', 'CAMPAIGN_CHANGED'] },
    audit: { target: 'campaign' },
    handle: async (ctx, { caller, params }) => json(200, await ledger.closeCampaign(ctx, me(caller), params.id!)),
  }),
  route({
    method: 'GET',
    path: '/v1/admin/campaigns/{id}/ledger.csv',
    access: 'admin',
    operationId: 'campaignLedgerCsv',
    tag: 'Ledger',
    summary: 'Every movement of the campaign’s budget, for the accountant',
    success: { status: 200, file: { contentType: 'text/csv', description: 'one row per movement, oldest first, with the running balance' } },
    problems: { 404: ['CAMPAIGN_NOT_FOUND'] },
    audit: { target: 'campaign', read: true },
    handle: async (ctx, { params }) => attachment('text/csv; charset=utf-8', `ledger-${params.id}.csv`, await ledger.campaignLedgerCsv(ctx, params.id!)),
  }),
  route({
    method: 'POST',
    path: '/v1/admin/merchants/{id}/deposits',
    access: 'admin',
    operationId: 'depositMerchantFunds',
    tag: 'Ledger',
    summary: 'Record a shop’s payment for its welcome bonuses (idempotent on `reference`)',
    body: ledger.DepositBody,
    bodyExample: { amountCents: 20_000, reference: 'TRESOR-2026-0042' },
    success: { status: 200, schema: S.DepositResult },
    problems: { 404: ['MERCHANT_NOT_FOUND'] },
    audit: { target: 'merchant', snapshot: 'merchantFunds' },
    handle: async (ctx, { caller, params, body }) => json(200, await ledger.depositMerchantFunds(ctx, me(caller), params.id!, body)),
  }),
  route({
    method: 'POST',
    path: '/v1/admin/receipts/{id}/reverse',
    access: 'admin',
    operationId: 'reverseReceipt',
    tag: 'Ledger',
    summary: 'Take a credited cashback back (fraud found later)',
    body: ledger.ReverseBody,
    bodyExample: { reason: 'Ticket falsifié, signalé par le commerçant' },
    success: { status: 200, schema: S.ReverseResult },
    problems: { 404: ['RECEIPT_NOT_FOUND'], 409: ['RECEIPT_NOT_CREDITED', 'CAMPAIGN_CHANGED'] },
    audit: { target: 'receipt' },
    handle: async (ctx, { caller, params, body }) => json(200, await ledger.reverseReceipt(ctx, me(caller), params.id!, body)),
  }),
  route({
    method: 'GET',
    path: '/v1/admin/ledger/reconcile',
    access: 'admin',
    operationId: 'reconcileLedger',
    tag: 'Ledger',
    summary: 'Prove the ledger’s invariants from what is stored',
    success: { status: 200, schema: S.ReconcileReportView },
    handle: async (ctx) => json(200, await reconcileLedger(ctx)),
  }),

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
    query: PageQuery.extend({ residentId: z.string().min(1).max(128).meta({ description: 'the resident’s id (token `sub`)' }) }),
    paged: true,
    success: { status: 200, schema: S.pageOf(S.ReceiptView.extend({ residentId: z.string() })) },
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

export const routes: Route[] = [...coreRoutes, ...merchantRoutes];


function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const a = pattern.split('/');
  const b = path.replace(/\/+$/, '').split('/');
  if (a.length !== b.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < a.length; i++) {
    const seg = a[i]!;
    const val = b[i]!;
    if (seg.startsWith('{') && seg.endsWith('}')) {
      if (!PATH_PARAM.test(val)) return undefined;
      params[seg.slice(1, -1)] = val;
    } else if (seg !== val) return undefined;
  }
  return params;
}

export interface Logger {
  error(message: string, attributes: { [key: string]: unknown }): void;
}

/**
 * With `CABAS_CHECK_RESPONSES=1` (the test suites set it), every JSON answer is checked against
 * the schema the route publishes, and a mismatch is a 500 that names the route: the published
 * contract cannot drift from what the code answers.
 */
const checkResponses = process.env.CABAS_CHECK_RESPONSES === '1';

function checkedAnswer(route: Route, answer: APIGatewayProxyStructuredResultV2, log?: Logger): APIGatewayProxyStructuredResultV2 {
  if (!('schema' in route.success) || answer.statusCode !== route.success.status) return answer;
  const parsed = route.success.schema.safeParse(JSON.parse(String(answer.body)));
  if (parsed.success) return answer;
  log?.error('Answer does not match the published schema', { route: `${route.method} ${route.path}`, issues: parsed.error.issues });
  return problem(500, 'RESPONSE_CONTRACT_BROKEN', `${route.method} ${route.path} answered outside its published schema: ${JSON.stringify(zodErrors(parsed.error))}`);
}

/**
 * Runs a staff route and records it in the audit trail: the target's state before and after, or a
 * read. The answer waits for the record; if the record cannot be written the action is logged in
 * full and the caller is told (500 AUDIT_NOT_RECORDED), so that no staff action goes unrecorded silently.
 */
async function audited(ctx: AppContext, route: Route, request: RouteRequest<unknown, unknown>, caller: Caller, log?: Logger): Promise<APIGatewayProxyStructuredResultV2> {
  const spec = route.audit!;
  const name = spec.snapshot ?? spec.target;
  const snapshot = spec.read || !(name in auditSnapshots) ? undefined : auditSnapshots[name as AuditSnapshot];
  const givenId = request.params.id;
  const before = snapshot && givenId ? await snapshot(ctx, givenId) : undefined;
  const answer = await route.handle(ctx, request);
  const status = answer.statusCode ?? 200;
  if (status >= 400) return answer;
  const json = typeof answer.body === 'string' && String(answer.headers?.['content-type'] ?? '').startsWith('application/json') ? (JSON.parse(answer.body) as unknown) : undefined;
  const id = givenId ?? (json !== undefined ? spec.createdId?.(json) : undefined);
  const after = snapshot && id ? await snapshot(ctx, id) : spec.outcome && json !== undefined ? spec.outcome(json) : undefined;
  const action = {
    action: route.operationId,
    route: `${route.method} ${route.path}`,
    target: { type: spec.target, ...(id ? { id } : {}) },
    status,
    input: spec.input ? spec.input(request) : { ...(request.params.itemId ? { itemId: request.params.itemId } : {}), ...(request.body !== undefined ? { body: request.body } : {}) },
    ...(spec.read ? {} : { before: before ?? null, after: after ?? null }),
  };
  try {
    await recordStaffAction(ctx, caller, action);
  } catch (err) {
    log?.error('AUDIT_NOT_RECORDED: a staff action was done but its audit entry could not be written', { actor: caller.sub, ...action, error: err });
    return problem(500, 'AUDIT_NOT_RECORDED', 'The action was done, but its record in the audit trail could not be written; it has been logged for the operators.');
  }
  return answer;
}

/** Routes one HTTP API v2 event; every failure becomes a problem+json answer, never a bare 500. */
export async function routeHttp(ctx: AppContext, event: HttpEvent, log?: Logger): Promise<APIGatewayProxyStructuredResultV2> {
  const method = event.requestContext?.http?.method ?? 'GET';
  const path = event.rawPath ?? '/';
  let allowed = false;
  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (!params) continue;
    allowed = true;
    if (route.method !== method) continue;
    const caller = callerOf(event);
    if (route.access !== 'public' && !caller) return problem(401, 'UNAUTHENTICATED', 'A valid bearer token is required.');
    if (route.access === 'admin' && !caller!.isAdmin) return problem(403, 'FORBIDDEN', new ForbiddenError().message);
    try {
      const query = route.query ? parseQuery(event, route.query) : undefined;
      const body = route.body ? parseJsonBody(event, route.body) : undefined;
      const request = { body, query, params, caller, event };
      const answer = route.audit && caller ? await audited(ctx, route, request, caller, log) : await route.handle(ctx, request);
      return checkResponses ? checkedAnswer(route, answer, log) : answer;
    } catch (err) {
      if (err instanceof TooManyRequestsError) return problem(429, err.code, err.message, undefined, { 'retry-after': String(err.retryAfterSeconds) });
      if (err instanceof DomainError) return problem(err.status, err.code, err.message, err.errors);
      // A schema check deeper than the route's own (an operation re-parsing its input) is still the caller's mistake.
      if (err instanceof z.ZodError) return problem(400, 'VALIDATION_ERROR', 'The request is not valid.', zodErrors(err));
      log?.error('Unhandled error in route', { route: `${route.method} ${route.path}`, error: err });
      return problem(500, 'INTERNAL_ERROR', 'Something went wrong on our side; the request can be retried.');
    }
  }
  return allowed
    ? problem(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${path}.`)
    : problem(404, 'ROUTE_NOT_FOUND', `No route ${method} ${path}.`);
}
