import { financeApi } from '../../shared/http/functions/finance';
import { createFinanceContext } from '../../shared/wiring/finance';
import { httpFunction } from '../../shared/wiring/http-function';

/** HTTP API (v2) entry of city staff's campaigns, ledger and figures: its routes (shared/http/functions/finance.ts) do the parsing and mapping. */
export const handler = httpFunction(financeApi, createFinanceContext);
