import type { ApiFunction } from '../api-function';
import { counterRoutes } from '../counter-routes';

/**
 * The `counter` function: residents served at the city's counter by its staff. Their
 * registration, their receipts sent on their behalf, their payout account, statement, export and
 * erasure.
 */
export const counterApi: ApiFunction = {
  name: 'counter',
  serves: 'residents served at the counter by city staff',
  routes: counterRoutes,
  ports: ['receipts', 'claims', 'households', 'fingerprints', 'ledger', 'payouts', 'audit', 'reviews', 'counterResidents', 'images'],
};
