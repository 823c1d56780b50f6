/**
 * The residents' routes: their receipts, wallet, payout account, household and data rights.
 */
import * as z from '../schema';
import * as resident from '../app/resident';
import * as ledger from '../app/ledger';
import * as households from '../app/households';
import { eraseResident, exportResidentData } from '../app/privacy';
import * as payouts from '../app/payout-accounts';
import { PayoutAccountInput } from '../payouts/iban';
import { json } from './problem';
import { PageQuery } from './request';
import { me, route, type Route } from './route';
import * as S from './schemas';

export const residentRoutes: Route[] = [
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
];
