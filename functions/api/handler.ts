import { residentsApi } from '../../shared/http/functions/residents';
import { createApiContext } from '../../shared/wiring/api';
import { httpFunction } from '../../shared/wiring/http-function';

/** HTTP API (v2) entry of residents and the public: their routes (shared/http/functions/residents.ts) do the parsing and mapping. */
export const handler = httpFunction(residentsApi, createApiContext);
