/**
 * The schema library of every function (domain, configuration, queue messages, HTTP requests and
 * answers): zod's "mini" build, functions instead of chained methods, about a third of the classic
 * build in a bundle and in import time (issue 18). Its English messages are loaded here, so that a
 * refused configuration, message or request reads the same in every function. zod-openapi reads
 * the HTTP schemas' `described()` words at build time (`npm run openapi`). Only the CDK
 * configuration (infra/config.ts, never bundled) keeps the classic build.
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());

export * from 'zod/mini';

/**
 * What `parse()` throws, in this build and in the classic one alike (`err instanceof $ZodError`).
 * Imported by name: `z.core.$ZodError` would make the bundler keep the whole of zod's core, every
 * locale included.
 */
export { $ZodError } from 'zod/v4/core';

/**
 * A copy of `schema` carrying what the OpenAPI document says of it (zod-openapi reads the global
 * registry): the mini build's counterpart of the classic `.meta()`.
 */
export function described<T extends z.ZodMiniType>(schema: T, meta: z.core.GlobalMeta): T {
  const copy = schema.clone() as T;
  z.globalRegistry.add(copy, meta);
  return copy;
}

/** What a conversion gives: the value, or the problem in words (and a stable code, for an API's answer). */
export type Conversion<T> = { ok: true; value: T } | { ok: false; message: string; code?: string };

/**
 * `input` (a string schema) turned into something else by `convert`: an IBAN in electronic
 * format, a text in the SEPA set, JSON. When it cannot, the issue carries `convert`'s words, and its
 * code in `params.code`.
 */
export function converted<T>(input: z.ZodMiniType<string, string>, convert: (value: string) => Conversion<T>) {
  return z.pipe(
    input,
    z.transform((value: string, ctx) => {
      const out = convert(value);
      if (out.ok) return out.value;
      ctx.issues.push({ code: 'custom', message: out.message, input: value, ...(out.code ? { params: { code: out.code } } : {}) });
      return z.NEVER;
    }),
  );
}
