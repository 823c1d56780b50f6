/**
 * Signing in to a web app, in the two modes of its config.json:
 *
 * - `cognito` (AWS): the city's user pool managed login, authorization code with PKCE (RFC 7636,
 *   S256). The app keeps the code verifier and a random `state` in sessionStorage, sends the
 *   browser to `/oauth2/authorize`, and on its way back (`?code=&state=`) checks the state and
 *   exchanges the code at `/oauth2/token`. The access token is sent to the API; the refresh
 *   token renews it shortly before it expires, and when it cannot the person signs in again.
 * - `local` (the local stack): the stack's own sign-in page (`/connexion?app=&return=&state=`),
 *   where one chooses a name; it answers with a token in the URL fragment (never sent to a server),
 *   along with the state the app gave it.
 *
 * Tokens live in this tab's sessionStorage only. An app may require a group of the
 * `cognito:groups` claim (`admin` for the staff console): a session without it is "forbidden".
 */
import type { RuntimeConfig } from './config';

export type AppName = 'console' | 'app';

export interface Session {
  accessToken: string;
  idToken?: string;
  refreshToken?: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  sub: string;
  /** What to call the person: their email or user name, or the token's subject. */
  name: string;
  groups: string[];
}

export type StartResult =
  | { kind: 'signed-in'; session: Session }
  | { kind: 'forbidden'; session: Session }
  | { kind: 'signed-out' }
  | { kind: 'redirecting' }
  | { kind: 'error'; message: string };


/** Renew a token this long before it expires. */
const EXPIRY_MARGIN_MS = 60_000;

/** The claims of a JWT, read without checking its signature (the API checks it). */
export function jwtClaims(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part) throw new Error('not a JWT');
  const b64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A random URL-safe string of `bytes` random bytes. */
export function randomToken(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** PKCE S256: base64url(SHA-256(verifier)). */
export async function pkceChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** A session from the tokens of a sign-in. */
export function sessionFrom(tokens: { accessToken: string; idToken?: string; refreshToken?: string; expiresIn?: number }, now = Date.now()): Session {
  const claims = jwtClaims(tokens.accessToken);
  const id = tokens.idToken ? jwtClaims(tokens.idToken) : {};
  const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : now + (tokens.expiresIn ?? 3600) * 1000;
  const groups = Array.isArray(claims['cognito:groups']) ? (claims['cognito:groups'] as unknown[]).map(String) : [];
  const sub = String(claims.sub ?? '');
  const name = [id.email, claims.username, id['cognito:username'], sub].find((v): v is string => typeof v === 'string' && v.length > 0) ?? sub;
  return {
    accessToken: tokens.accessToken,
    ...(tokens.idToken ? { idToken: tokens.idToken } : {}),
    ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}),
    expiresAt: exp,
    sub,
    name,
    groups,
  };
}

interface Pending {
  state: string;
  verifier?: string;
  returnPath: string;
}

export interface AuthOptions {
  config: RuntimeConfig;
  app: AppName;
  /** The app's base path, e.g. "/console/". */
  base: string;
  /** A group the session must carry (the console: "admin"). */
  requiredGroup?: string;
}

export class Auth {
  private current: Session | undefined;
  private refreshing: Promise<Session | undefined> | undefined;
  private readonly keys: { session: string; pending: string; signedOut: string };

  constructor(private readonly opts: AuthOptions) {
    const p = `cabas.${opts.app}`;
    this.keys = { session: `${p}.session`, pending: `${p}.pending`, signedOut: `${p}.signedOut` };
  }

  get mode() {
    return this.opts.config.auth.mode;
  }

  session(): Session | undefined {
    return this.current;
  }

  private store(session: Session | undefined) {
    this.current = session;
    if (session) sessionStorage.setItem(this.keys.session, JSON.stringify(session));
    else sessionStorage.removeItem(this.keys.session);
  }

  private loadStored(): Session | undefined {
    try {
      const raw = sessionStorage.getItem(this.keys.session);
      return raw ? (JSON.parse(raw) as Session) : undefined;
    } catch {
      return undefined;
    }
  }

  private takePending(): Pending | undefined {
    const raw = sessionStorage.getItem(this.keys.pending);
    sessionStorage.removeItem(this.keys.pending);
    try {
      return raw ? (JSON.parse(raw) as Pending) : undefined;
    } catch {
      return undefined;
    }
  }

  private verdict(session: Session): StartResult {
    const group = this.opts.requiredGroup;
    return group && !session.groups.includes(group) ? { kind: 'forbidden', session } : { kind: 'signed-in', session };
  }

  /**
   * At start: takes a sign-in answer from the URL when there is one, else the stored session
   * (renewed if need be); without a session, goes to sign-in unless the person signed out.
   */
  async start(): Promise<StartResult> {
    const url = new URL(location.href);
    try {
      if (this.opts.config.auth.mode === 'local' && url.hash.includes('access_token=')) {
        const params = new URLSearchParams(url.hash.slice(1));
        const pending = this.takePending();
        history.replaceState(history.state, '', url.pathname + url.search);
        if (!pending || params.get('state') !== pending.state) return { kind: 'error', message: 'La réponse de connexion ne correspond à aucune demande de cet onglet : reconnectez-vous.' };
        const session = sessionFrom({ accessToken: params.get('access_token')!, expiresIn: Number(params.get('expires_in') ?? 3600) });
        this.store(session);
        sessionStorage.removeItem(this.keys.signedOut);
        return this.verdict(session);
      }
      if (this.opts.config.auth.mode === 'cognito' && (url.searchParams.has('code') || url.searchParams.has('error'))) {
        const pending = this.takePending();
        const error = url.searchParams.get('error');
        const code = url.searchParams.get('code');
        const state = url.searchParams.get('state');
        history.replaceState(history.state, '', pending?.returnPath ?? this.opts.base);
        if (error) return { kind: 'error', message: `La connexion a échoué (${error}).` };
        if (!pending || !pending.verifier || state !== pending.state || !code) return { kind: 'error', message: 'La réponse de connexion ne correspond à aucune demande de cet onglet : reconnectez-vous.' };
        const session = await this.exchange({ grant_type: 'authorization_code', code, code_verifier: pending.verifier, redirect_uri: this.opts.config.auth.redirectUri });
        this.store(session);
        sessionStorage.removeItem(this.keys.signedOut);
        return this.verdict(session);
      }
    } catch (err) {
      return { kind: 'error', message: `La connexion a échoué : ${(err as Error).message}` };
    }
    const stored = this.loadStored();
    if (stored) {
      this.current = stored;
      const fresh = await this.fresh();
      if (fresh) return this.verdict(fresh);
    }
    if (sessionStorage.getItem(this.keys.signedOut)) return { kind: 'signed-out' };
    await this.signIn(location.pathname + location.search);
    return { kind: 'redirecting' };
  }

  /** The session if its token is valid for a while yet, renewed with the refresh token if not. */
  private async fresh(): Promise<Session | undefined> {
    // The tab's storage is the session's reference: what was stored there (a renewal, a token
    // replaced) is what the next call sends.
    if (this.current) this.current = this.loadStored() ?? this.current;
    const s = this.current;
    if (!s) return undefined;
    if (s.expiresAt - EXPIRY_MARGIN_MS > Date.now()) return s;
    if (this.opts.config.auth.mode !== 'cognito' || !s.refreshToken) return undefined;
    this.refreshing ??= this.exchange({ grant_type: 'refresh_token', refresh_token: s.refreshToken })
      .then((next) => {
        const kept = { ...next, refreshToken: next.refreshToken ?? s.refreshToken! };
        this.store(kept);
        return kept;
      })
      .catch(() => undefined)
      .finally(() => {
        this.refreshing = undefined;
      });
    return this.refreshing;
  }

  /** A valid access token, or undefined when the person must sign in again. */
  async token(): Promise<string | undefined> {
    return (await this.fresh())?.accessToken;
  }

  private async exchange(form: Record<string, string>): Promise<Session> {
    const auth = this.opts.config.auth;
    if (auth.mode !== 'cognito') throw new Error('no token endpoint in local mode');
    const res = await fetch(`${auth.domain}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...form, client_id: auth.clientId }).toString(),
    });
    if (!res.ok) throw new Error(`jeton refusé (${res.status})`);
    const t = (await res.json()) as { access_token?: string; id_token?: string; refresh_token?: string; expires_in?: number };
    if (!t.access_token) throw new Error('réponse sans jeton');
    return sessionFrom({
      accessToken: t.access_token,
      ...(t.id_token ? { idToken: t.id_token } : {}),
      ...(t.refresh_token ? { refreshToken: t.refresh_token } : {}),
      ...(t.expires_in ? { expiresIn: t.expires_in } : {}),
    });
  }

  /** Sends the browser to sign-in, to come back to `returnPath` (a path of this app). */
  async signIn(returnPath: string = location.pathname + location.search): Promise<void> {
    const auth = this.opts.config.auth;
    const back = returnPath.startsWith(this.opts.base) ? returnPath : this.opts.base;
    const state = randomToken(16);
    sessionStorage.removeItem(this.keys.signedOut);
    if (auth.mode === 'local') {
      sessionStorage.setItem(this.keys.pending, JSON.stringify({ state, returnPath: back } satisfies Pending));
      const q = new URLSearchParams({ app: this.opts.app, return: back, state });
      location.assign(`${auth.signInUrl}?${q}`);
      return;
    }
    const verifier = randomToken(48);
    sessionStorage.setItem(this.keys.pending, JSON.stringify({ state, verifier, returnPath: back } satisfies Pending));
    const q = new URLSearchParams({
      response_type: 'code',
      client_id: auth.clientId,
      redirect_uri: auth.redirectUri,
      scope: auth.scopes.join(' '),
      state,
      code_challenge: await pkceChallenge(verifier),
      code_challenge_method: 'S256',
      lang: 'fr',
    });
    location.assign(`${auth.domain}/oauth2/authorize?${q}`);
  }

  /**
   * Ends the session in this tab. With Cognito the browser goes through the managed login's
   * logout (which ends its own session too) and comes back to the app, which then says so.
   */
  signOut(): void {
    this.store(undefined);
    sessionStorage.setItem(this.keys.signedOut, '1');
    const auth = this.opts.config.auth;
    if (auth.mode === 'cognito') {
      const q = new URLSearchParams({ client_id: auth.clientId, logout_uri: auth.logoutUri });
      location.assign(`${auth.domain}/logout?${q}`);
    } else {
      location.assign(this.opts.base);
    }
  }
}
