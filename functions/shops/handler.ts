import { shopsApi } from '../../shared/http/functions/shops';
import { createShopsContext } from '../../shared/wiring/shops';
import { httpFunction } from '../../shared/wiring/http-function';

/** HTTP API (v2) entry of the shops' staff: their routes (shared/http/functions/shops.ts) do the parsing and mapping. */
export const handler = httpFunction(shopsApi, createShopsContext);
