import type { ApiFunction } from '../api-function';
import { shopSpaceRoutes } from '../shop-space-routes';

/** The `shops` function: a shop's staff in their own space (`/v1/shops/{id}/...`). */
export const shopsApi: ApiFunction = {
  name: 'shops',
  serves: "shops' staff",
  routes: shopSpaceRoutes,
  ports: ['merchants', 'ledger', 'news', 'reviews', 'shopPhotos', 'media', 'audit'],
};
