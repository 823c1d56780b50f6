import { merchantsApi } from '../../shared/http/functions/merchants';
import { createMerchantsContext } from '../../shared/wiring/merchants';
import { httpFunction } from '../../shared/wiring/http-function';

/** HTTP API (v2) entry of city staff's participating shops: its routes (shared/http/functions/merchants.ts) do the parsing and mapping. */
export const handler = httpFunction(merchantsApi, createMerchantsContext);
