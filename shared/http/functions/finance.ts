import type { ApiFunction } from '../api-function';
import { campaignRoutes } from '../campaign-routes';
import { figuresRoutes } from '../figures-routes';

/**
 * The `finance` function: the city's money. Campaigns and their budgets, the ledger (its export,
 * reversals, shops' deposits, the reconciliation), the figures for the council.
 */
export const financeApi: ApiFunction = {
  name: 'finance',
  serves: "city staff's campaigns, ledger and figures",
  routes: [...campaignRoutes, ...figuresRoutes],
  ports: ['receipts', 'merchants', 'campaigns', 'ledger', 'audit'],
};
