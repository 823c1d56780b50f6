import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { CampaignInput } from '../domain/campaign';
import { DomainError, ForbiddenError } from '../domain/errors';
import type { AppContext, Caller } from '../app/context';
import * as admin from '../app/admin';
import * as resident from '../app/resident';
import * as ledger from '../app/ledger';
import * as households from '../app/households';
import { reconcileLedger } from '../app/reconcile';
import * as payouts from '../app/payouts';
import { DecisionBody, decideReceipt } from '../app/review';
import { z } from 'zod';
import { InvalidCursorError } from '../adapters/dynamodb/table';
import { attachment, json, problem } from './problem';
import { merchantRoutes } from './merchant-routes';
import { callerOf, parseJsonBody, parsePageQuery, type HttpEvent } from './request';

export type Access = 'public' | 'resident' | 'admin';

export interface Route {
  method: string;
  path: string;
  access: Access;
  handle(ctx: AppContext, event: HttpEvent, params: Record<string, string>, caller: Caller | undefined): Promise<APIGatewayProxyStructuredResultV2>;
}

export const me = (caller: Caller | undefined): Caller => caller!;

/** The REST API v1 (DESIGN section 4). Fixed routes keep their paths and fields. */
const coreRoutes: Route[] = [
  { method: 'GET', path: '/v1/health', access: 'public', handle: async () => json(200, { status: 'ok' }) },
  {
    method: 'POST',
    path: '/v1/receipts',
    access: 'resident',
    handle: async (ctx, event, _p, caller) => json(201, await resident.createReceipt(ctx, me(caller), parseJsonBody(event, resident.CreateReceiptBody))),
  },
  {
    method: 'GET',
    path: '/v1/receipts',
    access: 'resident',
    handle: async (ctx, event, _p, caller) => {
      const q = parsePageQuery(event);
      return json(200, await resident.listMyReceipts(ctx, me(caller), q.limit, q.cursor));
    },
  },
  {
    method: 'GET',
    path: '/v1/receipts/{id}',
    access: 'resident',
    handle: async (ctx, _e, p, caller) => json(200, await resident.getReceipt(ctx, me(caller), p.id!)),
  },
  { method: 'GET', path: '/v1/me/wallet', access: 'resident', handle: async (ctx, _e, _p, caller) => json(200, await resident.getWallet(ctx, me(caller))) },
  {
    method: 'GET',
    path: '/v1/me/wallet/transfers',
    access: 'resident',
    handle: async (ctx, event, _p, caller) => {
      const q = parsePageQuery(event);
      return json(200, await ledger.walletTransfers(ctx, me(caller), q.limit, q.cursor));
    },
  },
  {
    method: 'POST',
    path: '/v1/admin/campaigns',
    access: 'admin',
    handle: async (ctx, event) => json(201, await admin.createCampaign(ctx, parseJsonBody(event, CampaignInput))),
  },
  { method: 'GET', path: '/v1/admin/campaigns/{id}', access: 'admin', handle: async (ctx, _e, p) => json(200, await admin.getCampaign(ctx, p.id!)) },
  {
    method: 'POST',
    path: '/v1/admin/campaigns/{id}/activate',
    access: 'admin',
    handle: async (ctx, _e, p) => json(200, await admin.activateCampaign(ctx, p.id!)),
  },
  {
    method: 'GET',
    path: '/v1/admin/campaigns/{id}/stats',
    access: 'admin',
    handle: async (ctx, _e, p) => json(200, await admin.campaignStats(ctx, p.id!)),
  },
  {
    method: 'PUT',
    path: '/v1/admin/campaigns/{id}',
    access: 'admin',
    handle: async (ctx, event, p) => json(200, await admin.updateDraftCampaign(ctx, p.id!, parseJsonBody(event, CampaignInput))),
  },
  { method: 'POST', path: '/v1/admin/campaigns/{id}/pause', access: 'admin', handle: async (ctx, _e, p) => json(200, await admin.setCampaignPaused(ctx, p.id!, true)) },
  { method: 'POST', path: '/v1/admin/campaigns/{id}/resume', access: 'admin', handle: async (ctx, _e, p) => json(200, await admin.setCampaignPaused(ctx, p.id!, false)) },
  { method: 'GET', path: '/v1/admin/receipts/{id}', access: 'admin', handle: async (ctx, _e, p) => json(200, await admin.receiptForStaff(ctx, p.id!)) },
  {
    method: 'POST',
    path: '/v1/admin/campaigns/{id}/top-up',
    access: 'admin',
    handle: async (ctx, event, p, caller) => json(200, await ledger.topUpCampaign(ctx, me(caller), p.id!, parseJsonBody(event, ledger.TopUpBody))),
  },
  {
    method: 'POST',
    path: '/v1/admin/campaigns/{id}/close',
    access: 'admin',
    handle: async (ctx, _e, p, caller) => json(200, await ledger.closeCampaign(ctx, me(caller), p.id!)),
  },
  {
    method: 'GET',
    path: '/v1/admin/campaigns/{id}/ledger.csv',
    access: 'admin',
    handle: async (ctx, _e, p) => attachment('text/csv; charset=utf-8', `ledger-${p.id}.csv`, await ledger.campaignLedgerCsv(ctx, p.id!)),
  },
  {
    method: 'POST',
    path: '/v1/admin/receipts/{id}/reverse',
    access: 'admin',
    handle: async (ctx, event, p, caller) => json(200, await ledger.reverseReceipt(ctx, me(caller), p.id!, parseJsonBody(event, ledger.ReverseBody))),
  },
  {
    method: 'PUT',
    path: '/v1/me/payout-account',
    access: 'resident',
    handle: async (ctx, event, _p, caller) => json(200, await payouts.setPayoutAccount(ctx, me(caller), parseJsonBody(event, z.unknown()))),
  },
  { method: 'GET', path: '/v1/me/household', access: 'resident', handle: async (ctx, _e, _p, caller) => json(200, await households.myHousehold(ctx, me(caller))) },
  { method: 'POST', path: '/v1/me/household', access: 'resident', handle: async (ctx, _e, _p, caller) => json(201, await households.createHousehold(ctx, me(caller))) },
  {
    method: 'POST',
    path: '/v1/me/household/join',
    access: 'resident',
    handle: async (ctx, event, _p, caller) => json(200, await households.joinHousehold(ctx, me(caller), parseJsonBody(event, households.JoinHouseholdBody))),
  },
  {
    method: 'POST',
    path: '/v1/admin/merchants/{id}/deposits',
    access: 'admin',
    handle: async (ctx, event, p, caller) => json(200, await ledger.depositMerchantFunds(ctx, me(caller), p.id!, parseJsonBody(event, ledger.DepositBody))),
  },
  { method: 'GET', path: '/v1/me/payout-account', access: 'resident', handle: async (ctx, _e, _p, caller) => json(200, await payouts.getPayoutAccount(ctx, me(caller))) },
  {
    method: 'GET',
    path: '/v1/admin/payouts',
    access: 'admin',
    handle: async (ctx, event) => {
      const q = parsePageQuery(event);
      return json(200, await payouts.listPayouts(ctx, q.limit, q.cursor));
    },
  },
  {
    method: 'POST',
    path: '/v1/admin/payouts/run',
    access: 'admin',
    handle: async (ctx) => {
      if (!ctx.payoutSettings) throw new payouts.PayoutConfigError('Payouts are not configured for this function.');
      return json(200, { batch: await payouts.runPayouts(ctx, ctx.payoutSettings) });
    },
  },
  {
    method: 'GET',
    path: '/v1/admin/payouts/{id}/file',
    access: 'admin',
    handle: async (ctx, _e, p) => attachment('application/xml; charset=utf-8', `${p.id}.xml`, await payouts.payoutDocument(ctx, p.id!, 'file')),
  },
  {
    method: 'GET',
    path: '/v1/admin/payouts/{id}/csv',
    access: 'admin',
    handle: async (ctx, _e, p) => attachment('text/csv; charset=utf-8', `${p.id}.csv`, await payouts.payoutDocument(ctx, p.id!, 'csv')),
  },
  { method: 'POST', path: '/v1/admin/payouts/{id}/settle', access: 'admin', handle: async (ctx, _e, p) => json(200, await payouts.settlePayout(ctx, p.id!)) },
  {
    method: 'POST',
    path: '/v1/admin/payouts/{id}/items/{itemId}/reject',
    access: 'admin',
    handle: async (ctx, event, p) => {
      const body = parseJsonBody(event, z.object({ reason: z.string().trim().min(3).max(500) }).strict());
      return json(200, await payouts.rejectPayoutItem(ctx, p.id!, p.itemId!, body.reason));
    },
  },
  {
    method: 'POST',
    path: '/v1/admin/receipts/{id}/decision',
    access: 'admin',
    handle: async (ctx, event, p, caller) => json(200, await decideReceipt(ctx, me(caller), p.id!, parseJsonBody(event, DecisionBody))),
  },
  { method: 'GET', path: '/v1/admin/ledger/reconcile', access: 'admin', handle: async (ctx) => json(200, await reconcileLedger(ctx)) },
  {
    method: 'GET',
    path: '/v1/admin/review',
    access: 'admin',
    handle: async (ctx, event) => {
      const q = parsePageQuery(event);
      return json(200, await admin.listReview(ctx, q.limit, q.cursor));
    },
  },
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
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(val)) return undefined;
      params[seg.slice(1, -1)] = val;
    } else if (seg !== val) return undefined;
  }
  return params;
}

export interface Logger {
  error(message: string, attributes: { [key: string]: unknown }): void;
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
      return await route.handle(ctx, event, params, caller);
    } catch (err) {
      if (err instanceof DomainError) return problem(err.status, err.code, err.message, err.errors);
      if (err instanceof InvalidCursorError) return problem(400, 'INVALID_CURSOR', err.message);
      log?.error('Unhandled error in route', { route: `${route.method} ${route.path}`, error: err });
      return problem(500, 'INTERNAL_ERROR', 'Something went wrong on our side; the request can be retried.');
    }
  }
  return allowed
    ? problem(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${path}.`)
    : problem(404, 'ROUTE_NOT_FOUND', `No route ${method} ${path}.`);
}
