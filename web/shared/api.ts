/**
 * A typed client of the REST API v1 for the web apps. Its types come from the published contract
 * (web/shared/openapi.d.ts, generated from docs/openapi.json): `api.call('get', '/v1/admin/review',
 * { query: { limit: 20 } })` is checked against the route's query and answers the route's JSON.
 *
 * - adds the bearer token of the session, refreshed when it is about to expire;
 * - turns an `application/problem+json` answer into an ApiError with the stable `code`, the
 *   `detail` and the per-field `errors`;
 * - on a 401 (or no token left), saves the forms being filled (form-state.ts) and sends the
 *   browser back to sign-in; the forms come back after it.
 */
import type { paths } from './openapi';
import { saveForms } from './form-state';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The methods a path has in the contract. */
export type MethodOf<P extends keyof paths> = {
  [M in Method]: NonNullable<paths[P][M]> extends { responses: unknown } ? M : never;
}[Method];

type Operation<P extends keyof paths, M extends MethodOf<P>> = NonNullable<paths[P][M]>;

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;

/** The JSON a route answers on success (200 or 201). */
export type Ok<P extends keyof paths, M extends MethodOf<P>> = Operation<P, M> extends { responses: infer R }
  ? R extends { 200: infer A }
    ? JsonOf<A>
    : R extends { 201: infer A }
      ? JsonOf<A>
      : never
  : never;

/** The JSON body a route takes. */
export type BodyOf<P extends keyof paths, M extends MethodOf<P>> = Operation<P, M> extends { requestBody: { content: { 'application/json': infer B } } }
  ? B
  : Operation<P, M> extends { requestBody?: { content: { 'application/json': infer B } } }
    ? B
    : never;

export type QueryOf<P extends keyof paths, M extends MethodOf<P>> = Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
export type PathParamsOf<P extends keyof paths, M extends MethodOf<P>> = Operation<P, M> extends { parameters: { path: infer Q } } ? NonNullable<Q> : never;

export interface FieldError {
  path: string;
  message: string;
}

/** A refusal of the API (problem+json), or a failure to reach it (`code` NETWORK). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(`${status} ${code}: ${detail}`);
  }

  /** The first message for each field path (e.g. "perResidentCap.amountCents"). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.errors) out[e.path] ??= e.message;
    return out;
  }
}

/** The session was lost (401 or expired): the browser is on its way to sign-in. Not shown as an error. */
export class SessionLostError extends Error {
  override readonly name = 'SessionLostError';
}

export interface SessionHooks {
  /** A valid bearer token, refreshed when needed; undefined when the session cannot go on. */
  token(): Promise<string | undefined>;
  /** Send the browser to sign-in, to come back to `returnPath`. */
  signIn(returnPath: string): void;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

function problemMessage(status: number): string {
  if (status === 403) return 'Votre compte n’a pas accès à cette action.';
  if (status === 404) return 'Introuvable.';
  if (status === 429) return 'Trop de demandes : réessayez dans un moment.';
  if (status >= 500) return 'Le service a rencontré un problème ; vous pouvez réessayer.';
  return 'La demande a été refusée.';
}

async function toError(res: Response): Promise<ApiError> {
  const retry = res.headers.get('retry-after');
  const retryAfter = retry && /^\d+$/.test(retry) ? Number(retry) : undefined;
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const p = (await res.json()) as { code?: unknown; detail?: unknown; message?: unknown; errors?: unknown };
      const errors = Array.isArray(p.errors)
        ? p.errors.filter((e): e is FieldError => typeof e === 'object' && e !== null && typeof (e as FieldError).path === 'string' && typeof (e as FieldError).message === 'string')
        : [];
      const detail = typeof p.detail === 'string' ? p.detail : typeof p.message === 'string' ? p.message : problemMessage(res.status);
      return new ApiError(res.status, typeof p.code === 'string' ? p.code : `HTTP_${res.status}`, detail, errors, retryAfter);
    } catch {
      // fall through: an unreadable body
    }
  }
  return new ApiError(res.status, `HTTP_${res.status}`, problemMessage(res.status), [], retryAfter);
}

export interface RequestInit2 {
  params?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined | null>;
  body?: unknown;
  /** A non-JSON body (a CSV upload) with its type. */
  raw?: { body: string | Blob; contentType: string };
  signal?: AbortSignal;
}

export class ApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly session: SessionHooks,
  ) {}

  /** The URL of a route with its path parameters and query. */
  url(path: string, params: Record<string, string> = {}, query: RequestInit2['query'] = {}): string {
    const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const v = params[name];
      if (v === undefined) throw new Error(`missing path parameter ${name} for ${path}`);
      return encodeURIComponent(v);
    });
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
    const s = qs.toString();
    return `${this.baseUrl}${filled}${s ? `?${s}` : ''}`;
  }

  private lost(): never {
    saveForms(location.pathname + location.search);
    this.session.signIn(location.pathname + location.search);
    throw new SessionLostError('Session expirée');
  }

  /** Sends a request with the session's token; problem+json answers become ApiErrors. */
  async fetch(method: string, path: string, init: RequestInit2 = {}): Promise<Response> {
    const token = await this.session.token();
    if (!token) this.lost();
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json, application/problem+json, */*' };
    let body: BodyInit | undefined;
    if (init.raw) {
      headers['content-type'] = init.raw.contentType;
      body = init.raw.body;
    } else if (init.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.body);
    }
    let res: Response;
    try {
      res = await fetch(this.url(path, init.params, init.query), { method: method.toUpperCase(), headers, ...(body !== undefined ? { body } : {}), ...(init.signal ? { signal: init.signal } : {}) });
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err;
      throw new ApiError(0, 'NETWORK', 'Le service ne répond pas : vérifiez votre connexion et réessayez.');
    }
    if (res.status === 401) this.lost();
    if (!res.ok) throw await toError(res);
    return res;
  }

  /** A typed call of one route of the contract. */
  async call<P extends keyof paths, M extends MethodOf<P>>(
    method: M,
    path: P,
    init: { params?: PathParamsOf<P, M>; query?: QueryOf<P, M>; body?: BodyOf<P, M>; signal?: AbortSignal } = {},
  ): Promise<Ok<P, M>> {
    const res = await this.fetch(method, path as string, init as RequestInit2);
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as Ok<P, M>;
  }

  /** A route that answers a file (CSV, XML): its text. */
  async text(path: string, params: Record<string, string> = {}): Promise<string> {
    return (await this.fetch('get', path, { params })).text();
  }

  /** A route that answers a file: saved by the browser under `filename`. */
  async download(path: string, params: Record<string, string>, filename: string): Promise<void> {
    const res = await this.fetch('get', path, { params });
    const blob = await res.blob();
    const href = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = href;
    a.download = filename;
    a.hidden = true;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 60_000);
  }
}

/**
 * Reads a paged list to its end (or `max` items): `{ items, complete }`. Each page is one call of
 * `fetchPage(cursor)`; `complete` is false when it stopped at `max`.
 */
export async function collectPages<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>, max = 1000): Promise<{ items: T[]; complete: boolean }> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    if (!page.nextCursor) return { items, complete: true };
    if (items.length >= max) return { items, complete: false };
    cursor = page.nextCursor;
  }
}
