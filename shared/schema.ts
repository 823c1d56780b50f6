/**
 * The schema library of the code every function loads (domain, configuration, queue messages):
 * zod's "mini" build, functions instead of chained methods, about a third of the classic build in
 * a bundle and in import time (issue 18). Its English messages are loaded here, so that a refused
 * configuration or message reads the same in every function. The HTTP layer keeps the classic
 * build (chaining, zod-openapi); both share zod's core, so a classic object may hold these schemas.
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());

export * from 'zod/mini';

/**
 * A copy of `schema` carrying what the OpenAPI document says of it (zod-openapi reads the global
 * registry): the mini build's counterpart of the classic `.meta()`.
 */
export function described<T extends z.ZodMiniType>(schema: T, meta: z.core.GlobalMeta): T {
  const copy = schema.clone() as T;
  z.globalRegistry.add(copy, meta);
  return copy;
}
