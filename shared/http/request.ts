import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import * as z from '../schema';
import { DomainError } from '../domain/errors';
import { isCounterResidentId } from '../domain/counter-resident';
import type { Caller } from '../app/context';

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;

/** An authenticated caller from the JWT authorizer's claims; undefined when the route is public. */
export function callerOf(event: HttpEvent): Caller | undefined {
  const claims = event.requestContext?.authorizer?.jwt?.claims;
  const sub = claims?.sub;
  if (typeof sub !== 'string' || sub.length === 0) return undefined;
  // Nobody signs in as a resident served at the counter (their ids are the system's own).
  if (isCounterResidentId(sub)) return undefined;
  const groups = groupsOf(claims['cognito:groups']);
  const merchantId = shopOf(groups);
  return { sub, isAdmin: groups.includes('admin'), ...(merchantId ? { merchantId } : {}) };
}

/** The group of a shop's staff, and the prefix of the group that names their shop (`merchant:<merchantId>`). */
export const MERCHANT_GROUP = 'merchant';
export const MERCHANT_SHOP_GROUP_PREFIX = 'merchant:';

/**
 * The shop a caller speaks for: members of the `merchant` group who are also in exactly one
 * `merchant:<merchantId>` group. Groups are set by city staff only (a user cannot change their own),
 * and Cognito puts them in access tokens; anything ambiguous binds to no shop.
 */
export function shopOf(groups: readonly string[]): string | undefined {
  if (!groups.includes(MERCHANT_GROUP)) return undefined;
  const shops = [...new Set(groups.filter((g) => g.startsWith(MERCHANT_SHOP_GROUP_PREFIX)).map((g) => g.slice(MERCHANT_SHOP_GROUP_PREFIX.length)))];
  return shops.length === 1 && /^[A-Za-z0-9_-]{1,64}$/.test(shops[0]!) ? shops[0] : undefined;
}

/**
 * API Gateway's JWT authorizer hands array claims over as a string such as `[admin staff]`;
 * the local stack hands over the array itself. Both mean the same groups.
 */
export function groupsOf(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.map(String);
  if (typeof claim !== 'string') return [];
  const trimmed = claim.trim();
  if (trimmed.startsWith('[') && trimmed.endsWith(']')) {
    const inner = trimmed.slice(1, -1).trim();
    if (inner.startsWith('"')) {
      try {
        const parsed: unknown = JSON.parse(trimmed);
        if (Array.isArray(parsed)) return parsed.map(String);
      } catch {
        // fall back to splitting
      }
    }
    return inner.split(/[\s,]+/).filter(Boolean);
  }
  return trimmed.split(/[\s,]+/).filter(Boolean);
}

export function parseJsonBody<T extends z.core.$ZodType>(event: HttpEvent, schema: T): z.infer<T> {
  let raw: unknown;
  try {
    const text = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';
    raw = text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    throw new DomainError('INVALID_JSON', 'The request body is not valid JSON.');
  }
  const parsed = z.safeParse(schema, raw);
  if (!parsed.success) {
    throw new DomainError(
      'VALIDATION_ERROR',
      'The request body is not valid.',
      400,
      parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message })),
    );
  }
  return parsed.data;
}

export const PageQuery = z.object({
  limit: z.described(z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 20), { description: 'items per page, 1 to 100' }),
  cursor: z.described(z.optional(z.string().check(z.minLength(1), z.maxLength(2048))), { description: 'the `nextCursor` of the previous page, as given' }),
});

/** A request header, whatever its case. */
export function header(event: HttpEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(event.headers ?? {})) if (k.toLowerCase() === wanted) return v;
  return undefined;
}

/** The query string parsed by a route's schema; a bad parameter is 400 INVALID_QUERY naming it. */
export function parseQuery<T extends z.core.$ZodType>(event: HttpEvent, schema: T): z.infer<T> {
  const parsed = z.safeParse(schema, event.queryStringParameters ?? {});
  if (!parsed.success) {
    throw new DomainError('INVALID_QUERY', 'The query parameters are not valid.', 400, parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(query)', message: i.message })));
  }
  return parsed.data;
}
