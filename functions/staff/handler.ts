import { staffApi } from '../../shared/http/functions/staff';
import { createStaffContext } from '../../shared/wiring/staff';
import { httpFunction } from '../../shared/wiring/http-function';

/** HTTP API (v2) entry of city staff's receipts, review queue and audit trail: its routes (shared/http/functions/staff.ts) do the parsing and mapping. */
export const handler = httpFunction(staffApi, createStaffContext);
