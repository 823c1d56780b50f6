import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { AppContext } from '../app/context';
import type { ApiFunction } from './api-function';
import type { HttpEvent } from './request';
import { serveHttp, type Logger } from './router';
import type { Route } from './route';
import { residentsApi } from './functions/residents';
import { shopsApi } from './functions/shops';
import { staffApi } from './functions/staff';
import { merchantsApi } from './functions/merchants';
import { counterApi } from './functions/counter';
import { financeApi } from './functions/finance';
import { sepaApi } from './functions/sepa';
export { PATH_PARAM } from './route';
export type { Access, Route } from './route';
export type { Logger } from './router';

/**
 * The REST API v1, whole: the routes of its functions (shared/http/functions/: residents and the
 * public, shops' staff, and city staff's receipts, shops, counter, money and payout batches). Each area's routes live in their
 * own file. From this table come the OpenAPI document, the authorization and abuse tests, API
 * Gateway's routes (each path to its function) and the local stack, which serves them all. A
 * Lambda function serves only its own table (functions/<name>/handler.ts).
 */
export const apiFunctions: readonly ApiFunction[] = [residentsApi, shopsApi, staffApi, merchantsApi, counterApi, financeApi, sepaApi];

/** Every route of the REST API v1. The fixed routes of the contract keep their paths and fields. */
export const routes: Route[] = apiFunctions.flatMap((fn) => fn.routes);

/** Routes one HTTP API v2 event among every route (the local stack, the tests). */
export function routeHttp(ctx: AppContext, event: HttpEvent, log?: Logger): Promise<APIGatewayProxyStructuredResultV2> {
  return serveHttp(ctx, apiFunctions, event, log);
}
