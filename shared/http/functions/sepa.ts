import type { ApiFunction } from '../api-function';
import { payoutRoutes } from '../payout-routes';

/**
 * The `sepa` function: the payout batches as city staff handle them. A run started by hand, the
 * pain.001 file for the bank and the accountant's CSV, the settlement, the items the bank refused.
 * (The scheduled run is the `payout` function's.)
 */
export const sepaApi: ApiFunction = {
  name: 'sepa',
  serves: "city staff's payout batches and their SEPA files",
  routes: payoutRoutes,
  ports: ['ledger', 'payouts', 'audit', 'documents'],
};
