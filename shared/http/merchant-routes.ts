import { z } from 'zod';
import { DomainError } from '../domain/errors';
import { MerchantInput, MerchantPatch } from '../domain/merchant';
import * as merchants from '../app/merchants';
import { json, problem, zodErrors } from './problem';
import { parseJsonBody, parsePageQuery, type HttpEvent } from './request';
import type { Route } from './routes';

const DirectoryQuery = z.object({
  category: z.string().trim().min(1).max(100).optional(),
  tag: z.string().trim().min(1).max(64).optional(),
  q: z.string().trim().min(1).max(100).optional(),
});

const ImportQuery = z.object({ format: z.enum(['sirene', 'plain']).optional() });

function parseQuery<T extends z.ZodType>(event: HttpEvent, schema: T): z.infer<T> {
  const { limit: _l, cursor: _c, ...rest } = event.queryStringParameters ?? {};
  const parsed = schema.safeParse(rest);
  if (!parsed.success) throw new DomainError('INVALID_QUERY', 'The query parameters are not valid.', 400, zodErrors(parsed.error));
  return parsed.data;
}

function header(event: HttpEvent, name: string): string | undefined {
  const headers = event.headers ?? {};
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return v;
  return undefined;
}

/**
 * The participating shops: the public directory, and the staff's registration, changes and imports.
 *   GET   /v1/merchants?category=&tag=&q=&limit=&cursor=   public, ACTIVE shops only
 *   GET   /v1/merchants/{id}                               public
 *   POST  /v1/admin/merchants                              -> 201 { merchantId }
 *   GET   /v1/admin/merchants/{id}                         every field, suspended shops too
 *   PATCH /v1/admin/merchants/{id}                         fields, or { status: SUSPENDED | ACTIVE }
 *   POST  /v1/admin/merchants/import?format=sirene|plain   text/csv body -> 200 import report
 *        (within the API's body limit, a few MB; larger files go through `npx cabas merchants import`)
 */
export const merchantRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/merchants',
    access: 'public',
    handle: async (ctx, event) => {
      const page = parsePageQuery(event);
      const filter = parseQuery(event, DirectoryQuery);
      return json(200, await merchants.listMerchants(ctx, filter, page.limit, page.cursor));
    },
  },
  { method: 'GET', path: '/v1/merchants/{id}', access: 'public', handle: async (ctx, _e, p) => json(200, await merchants.getMerchant(ctx, p.id!)) },
  {
    method: 'POST',
    path: '/v1/admin/merchants',
    access: 'admin',
    handle: async (ctx, event) => json(201, await merchants.createMerchant(ctx, parseJsonBody(event, MerchantInput))),
  },
  {
    method: 'POST',
    path: '/v1/admin/merchants/import',
    access: 'admin',
    handle: async (ctx, event) => {
      const type = (header(event, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'text/csv') return problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the list as text/csv (SIRENE establishments or name,siret,street,postcode,city,category,tags).');
      const { format } = parseQuery(event, ImportQuery);
      const body = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64') : event.body) : '';
      if (body.length === 0) throw new DomainError('EMPTY_CSV', 'The CSV file is empty.');
      return json(200, await merchants.importMerchantList(ctx, body, format));
    },
  },
  { method: 'GET', path: '/v1/admin/merchants/{id}', access: 'admin', handle: async (ctx, _e, p) => json(200, await merchants.getMerchantForStaff(ctx, p.id!)) },
  {
    method: 'PATCH',
    path: '/v1/admin/merchants/{id}',
    access: 'admin',
    handle: async (ctx, event, p) => json(200, await merchants.updateMerchant(ctx, p.id!, parseJsonBody(event, MerchantPatch))),
  },
];
