import { MerchantInput } from '../domain/merchant';
import * as merchants from '../app/merchants';
import { json } from './problem';
import { parseJsonBody, parsePageQuery } from './request';
import type { Route } from './routes';

/** The participating shops: the public directory and the staff's registration. */
export const merchantRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/merchants',
    access: 'public',
    handle: async (ctx, event) => {
      const q = parsePageQuery(event);
      return json(200, await merchants.listMerchants(ctx, q.limit, q.cursor));
    },
  },
  { method: 'GET', path: '/v1/merchants/{id}', access: 'public', handle: async (ctx, _e, p) => json(200, await merchants.getMerchant(ctx, p.id!)) },
  {
    method: 'POST',
    path: '/v1/admin/merchants',
    access: 'admin',
    handle: async (ctx, event) => json(201, await merchants.createMerchant(ctx, parseJsonBody(event, MerchantInput))),
  },
];
