import type { ApiFunction } from '../api-function';
import { staffReceiptRoutes } from '../staff-receipt-routes';

/**
 * The `staff` function: the city's desk. The receipts, the review queue and its decisions (an
 * approved receipt goes to the credit queue), the audit trail.
 */
export const staffApi: ApiFunction = {
  name: 'staff',
  serves: "city staff's receipts, review queue and audit trail",
  routes: staffReceiptRoutes,
  ports: ['receipts', 'merchants', 'campaigns', 'claims', 'households', 'ledger', 'audit', 'reviews', 'images', 'bus'],
};
