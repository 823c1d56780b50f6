import * as z from '../schema';
import * as merchants from '../app/merchants';
import { json } from './problem';
import { PageQuery } from './request';
import { route, type Route } from './route';
import { PublicMerchantView, pageOf } from './schemas';

/** A query word: trimmed, 1 to `max` characters. */
const word = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

/** The directory's filters, which staff's list of shops takes too. */
export const DirectoryQuery = z.extend(PageQuery, {
  category: z.described(z.optional(word(100)), { description: 'exact category', example: 'Boulangerie' }),
  tag: z.described(z.optional(word(64)), { description: 'one of the shop’s tags', example: 'centre-ville' }),
  q: z.described(z.optional(word(100)), { description: 'words of the name', example: 'fromagerie' }),
});

/** The participating shops: the public directory. */
export const directoryRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/v1/merchants',
    access: 'public',
    operationId: 'listMerchants',
    tag: 'Shops',
    summary: 'The participating shops (public directory)',
    description: 'Active shops only, by name; filters combine. A page may hold fewer than `limit` shops before the end.',
    query: DirectoryQuery,
    paged: true,
    success: { status: 200, schema: pageOf(PublicMerchantView) },
    handle: async (ctx, { query }) => {
      const { limit, cursor, ...filter } = query;
      return json(200, await merchants.listMerchants(ctx, filter, limit, cursor));
 },
 }),
  route({
    method: 'GET',
    path: '/v1/merchants/{id}',
    access: 'public',
    operationId: 'getMerchant',
    tag: 'Shops',
    summary: 'One participating shop, as residents see it',
    success: { status: 200, schema: PublicMerchantView },
    problems: { 404: ['MERCHANT_NOT_FOUND'] },
    handle: async (ctx, { params }) => json(200, await merchants.getMerchant(ctx, params.id!)),
 }),
];
