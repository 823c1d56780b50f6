import { json } from '../problem';
import { route, type Route } from '../route';
import * as S from '../schemas';
import type { ApiFunction } from '../api-function';
import { residentRoutes } from '../resident-routes';
import { directoryRoutes } from '../directory-routes';
import { publicCampaignRoutes } from '../public-campaign-routes';
import { shopPageRoutes } from '../shop-page-routes';

const health: Route = route({
  method: 'GET',
  path: '/v1/health',
  access: 'public',
  operationId: 'health',
  tag: 'Service',
  summary: 'Liveness: answers once every part is ready',
  success: { status: 200, schema: S.HealthResponse },
  handle: async () => json(200, { status: 'ok' }),
});

/**
 * The `api` function: residents (their receipts, wallet, payout account, household, reviews, their
 * data and its erasure) and the public (health, the shops' directory and pages, the campaigns).
 */
export const residentsApi: ApiFunction = {
  name: 'api',
  serves: 'residents and the public',
  routes: [health, ...residentRoutes, ...directoryRoutes, ...publicCampaignRoutes, ...shopPageRoutes],
  ports: ['receipts', 'merchants', 'campaigns', 'claims', 'households', 'fingerprints', 'ledger', 'payouts', 'news', 'reviews', 'shopPhotos', 'images'],
};
