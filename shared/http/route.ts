import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type * as z from '../schema';
import type { AppContext, Caller } from '../app/context';
import type { AuditTargetType } from '../domain/audit';
import type { AuditSnapshot, AuditSnapshotOf } from '../app/audit';
import type { HttpEvent } from './request';
import type { ProblemCode } from './problem';

/**
 * Who may call a route: anyone, any signed-in resident, city staff (the `admin` group), or a shop's
 * staff (the `merchant` group and `merchant:<merchantId>`) on their own shop's routes: the path's
 * `{id}` must be their shop.
 */
export type Access = 'public' | 'resident' | 'admin' | 'merchant';

/** What a route's handler receives, already parsed by the route's own schemas. */
export interface RouteRequest<B, Q> {
  body: B;
  query: Q;
  params: Record<string, string>;
  /** Set on every route but the public ones. */
  caller: Caller | undefined;
  event: HttpEvent;
}

/** An answer that is not JSON: a file for download. */
export interface FileAnswer {
  contentType: 'text/csv' | 'application/xml';
  description: string;
}

/**
 * One route of the REST API: its address, who may call it, the schemas its input is parsed with
 * and its answers are described by, the problem codes it may answer, and the operation it runs.
 * The router parses `body` and `query` before `handle` runs; the OpenAPI document is generated
 * from the same fields, so what is published is what is enforced.
 */
export interface Route<B = unknown, Q = unknown> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  access: Access;
  operationId: string;
  summary: string;
  description?: string;
  tag: 'Receipts' | 'Wallet' | 'Households' | 'Privacy' | 'Shops' | 'Shop space' | 'News' | 'Reviews' | 'Campaigns' | 'Review' | 'Ledger' | 'Payouts' | 'Audit' | 'Counter' | 'Service';
  /** The JSON body's schema; a body that fails it is 400 VALIDATION_ERROR. */
  body?: z.core.$ZodType<B>;
  /** For documentation only, when `body` is a transform whose input shape zod cannot describe. */
  bodyDoc?: z.core.$ZodType;
  bodyExample?: unknown;
  /** A body that is not JSON (a CSV upload). */
  rawBody?: { contentType: 'text/csv'; description: string };
  /** The query's schema (an object); paged routes include `limit` and `cursor`. */
  query?: z.core.$ZodType<Q>;
  /** True when the answer is a page `{ items, nextCursor }` read with `?limit=&cursor=`. */
  paged?: boolean;
  /** The success answer: its status and JSON schema, or a file. */
  success: { status: 200 | 201; schema: z.core.$ZodType; example?: unknown } | { status: 200; file: FileAnswer };
  /** The route's own problem codes, by status (the router's generic ones are added to the document). */
  problems?: Partial<Record<400 | 403 | 404 | 409 | 413 | 415 | 422 | 429, readonly ProblemCode[]>>;
  /**
   * A staff route's entry in the audit trail. The router records it after a successful answer:
   * who, when, the target (`params.id`, or the id the answer names for a creation), what was sent,
   * and the target's fields before and after (see shared/app/audit.ts); `read` records a look at
   * residents' data without a before/after.
   */
  audit?: {
    target: AuditTargetType;
    /** Which state to keep before and after: a snapshot by name or the area's own (default: the target's own record, by its name). */
    snapshot?: AuditSnapshot | AuditSnapshotOf;
    read?: boolean;
    /** The id of what a creation made, from the answer. */
    createdId?: (answer: any) => string | undefined;
    /** What to keep of the answer when the target has no snapshot (an import's counts). */
    outcome?: (answer: any) => unknown;
    /** What to keep of the request instead of its JSON body. */
    input?: (request: RouteRequest<B, Q>) => unknown;
  };
  handle(ctx: AppContext, request: RouteRequest<B, Q>): Promise<APIGatewayProxyStructuredResultV2>;
}

/** Keeps each route's body and query types tied to its handler. */
export const route = <B = undefined, Q = undefined>(r: Route<B, Q>): Route => r as unknown as Route;

/** The caller of a route that is not public (the router has checked it). */
export const me = (caller: Caller | undefined): Caller => caller!;

/** Path parameters are ids: letters, digits, `_` and `-`, at most 64. */
export const PATH_PARAM = /^[A-Za-z0-9_-]{1,64}$/;
