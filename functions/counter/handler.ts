import { counterApi } from '../../shared/http/functions/counter';
import { createCounterContext } from '../../shared/wiring/counter';
import { httpFunction } from '../../shared/wiring/http-function';

/** HTTP API (v2) entry of the counter: its routes (shared/http/functions/counter.ts) do the parsing and mapping. */
export const handler = httpFunction(counterApi, createCounterContext);
