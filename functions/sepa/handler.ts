import { sepaApi } from '../../shared/http/functions/sepa';
import { createSepaContext } from '../../shared/wiring/sepa';
import { httpFunction } from '../../shared/wiring/http-function';

/** HTTP API (v2) entry of city staff's payout batches: its routes (shared/http/functions/sepa.ts) do the parsing and mapping. */
export const handler = httpFunction(sepaApi, createSepaContext);
