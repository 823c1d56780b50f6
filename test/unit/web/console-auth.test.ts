/**
 * The web apps' sign-in (web/shared/auth.ts) as it runs in AWS: Cognito managed login with the
 * authorization code and PKCE. The browser's globals (location, history, sessionStorage) are
 * stand-ins; the token endpoint is a mocked fetch that checks what it receives.
 * Type-checked with the browser code (web/tsconfig.json).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Auth, pkceChallenge, sessionFrom } from '../../../web/shared/auth';
import { parseConfig, type RuntimeConfig } from '../../../web/shared/config';

const ORIGIN = 'https://d111111abcdef8.cloudfront.net';
const DOMAIN = 'https://montclair.auth.eu-west-3.amazoncognito.com';
const config: RuntimeConfig = parseConfig({
  cityName: 'Montclair-sur-Loire',
  apiBaseUrl: 'https://abc123.execute-api.eu-west-3.amazonaws.com/',
  auth: { mode: 'cognito', domain: `${DOMAIN}/`, clientId: 'console-client', redirectUri: `${ORIGIN}/console/`, logoutUri: `${ORIGIN}/console/` },
});

/** An unsigned JWT with these claims (the API checks signatures; the app only reads claims). */
function jwt(claims: Record<string, unknown>): string {
  const part = (o: unknown) => b64url(new TextEncoder().encode(JSON.stringify(o)));
  return `${part({ alg: 'RS256', kid: 'k' })}.${part(claims)}.c2lnbmF0dXJl`;
}
function b64url(bytes: Uint8Array): string {
  return btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join('')).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
async function sha256(text: string): Promise<string> {
  return b64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));
}
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

class MemoryStorage {
  private readonly items = new Map<string, string>();
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, String(v));
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
}

let storage: MemoryStorage;
let here: URL;
const assign = vi.fn<(url: string) => void>();
const replaceState = vi.fn<(data: unknown, unused: string, url: string) => void>();

function visit(url: string) {
  here = new URL(url);
}

beforeEach(() => {
  storage = new MemoryStorage();
  visit(`${ORIGIN}/console/campagnes/nouvelle?x=1`);
  assign.mockReset();
  replaceState.mockReset().mockImplementation((_d, _u, url) => visit(new URL(url, here).href));
  vi.stubGlobal('sessionStorage', storage);
  vi.stubGlobal('history', { state: null, replaceState });
  vi.stubGlobal('location', {
    get href() {
      return here.href;
    },
    get pathname() {
      return here.pathname;
    },
    get search() {
      return here.search;
    },
    assign,
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const consoleAuth = () => new Auth({ config, app: 'console', base: '/console/', requiredGroup: 'admin' });

/** Starts a sign-in and answers the URL the browser was sent to. */
async function authorizeUrl(auth: Auth): Promise<URL> {
  expect(await auth.start()).toEqual({ kind: 'redirecting' });
  expect(assign).toHaveBeenCalledTimes(1);
  return new URL(assign.mock.calls[0]![0]);
}

describe('PKCE', () => {
  it('derives the S256 challenge of RFC 7636 (its appendix B example)', async () => {
    expect(await pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });
});

describe('Cognito managed login with the authorization code and PKCE', () => {
  it('sends the browser to /oauth2/authorize with a fresh state and the S256 challenge of a kept verifier', async () => {
    const url = await authorizeUrl(consoleAuth());
    expect(url.origin + url.pathname).toBe(`${DOMAIN}/oauth2/authorize`);
    const q = url.searchParams;
    expect(q.get('response_type')).toBe('code');
    expect(q.get('client_id')).toBe('console-client');
    expect(q.get('redirect_uri')).toBe(`${ORIGIN}/console/`);
    expect(q.get('scope')).toBe('openid email profile');
    expect(q.get('code_challenge_method')).toBe('S256');
    const pending = JSON.parse(storage.getItem('cabas.console.pending')!) as { state: string; verifier: string; returnPath: string };
    expect(q.get('state')).toBe(pending.state);
    expect(pending.state.length).toBeGreaterThanOrEqual(16);
    expect(pending.verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(q.get('code_challenge')).toBe(await sha256(pending.verifier));
    expect(pending.returnPath).toBe('/console/campagnes/nouvelle?x=1');
    // A second sign-in has its own state and verifier.
    expect(await consoleAuth().start()).toEqual({ kind: 'redirecting' });
    const second = new URL(assign.mock.calls[1]![0]);
    expect(second.searchParams.get('state')).not.toBe(q.get('state'));
    expect(second.searchParams.get('code_challenge')).not.toBe(q.get('code_challenge'));
  });

  it('exchanges the code with its verifier at /oauth2/token and lets a staff member in, back where they were', async () => {
    const url = await authorizeUrl(consoleAuth());
    const { verifier } = JSON.parse(storage.getItem('cabas.console.pending')!) as { verifier: string };
    const access = jwt({ sub: 'u-1', username: 'c.martin', 'cognito:groups': ['admin'], exp: inAnHour(), token_use: 'access' });
    const id = jwt({ sub: 'u-1', email: 'c.martin@montclair.fr', exp: inAnHour() });
    const fetchMock = vi.fn(async (_url: string, _init: RequestInit) => new Response(JSON.stringify({ access_token: access, id_token: id, refresh_token: 'r-1', expires_in: 3600, token_type: 'Bearer' }), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    visit(`${ORIGIN}/console/?code=the-code&state=${url.searchParams.get('state')}`);

    const result = await consoleAuth().start();

    expect(result.kind).toBe('signed-in');
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [endpoint, init] = fetchMock.mock.calls[0]!;
    expect(endpoint).toBe(`${DOMAIN}/oauth2/token`);
    expect(init.method).toBe('POST');
    expect(new Headers(init.headers).get('content-type')).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(String(init.body));
    expect(Object.fromEntries(form)).toEqual({ grant_type: 'authorization_code', code: 'the-code', code_verifier: verifier, redirect_uri: `${ORIGIN}/console/`, client_id: 'console-client' });
    // The code leaves the address bar; the person is back on the page they asked for.
    expect(here.pathname + here.search).toBe('/console/campagnes/nouvelle?x=1');
    expect(storage.getItem('cabas.console.pending')).toBeNull();
    const session = JSON.parse(storage.getItem('cabas.console.session')!) as { accessToken: string; refreshToken: string; name: string; groups: string[] };
    expect(session).toMatchObject({ accessToken: access, refreshToken: 'r-1', name: 'c.martin@montclair.fr', groups: ['admin'] });
  });

  it('refuses an answer whose state is not the one this tab sent, without calling the token endpoint', async () => {
    await authorizeUrl(consoleAuth());
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    visit(`${ORIGIN}/console/?code=the-code&state=forged`);
    const result = await consoleAuth().start();
    expect(result.kind).toBe('error');
    expect(fetchMock).not.toHaveBeenCalled();
    expect(storage.getItem('cabas.console.session')).toBeNull();
    expect(here.searchParams.has('code')).toBe(false);
  });

  it('refuses an answer when no sign-in was started in this tab', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    visit(`${ORIGIN}/console/?code=the-code&state=whatever`);
    expect((await consoleAuth().start()).kind).toBe('error');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('keeps out of the console a signed-in person who is not in the admin group', async () => {
    const url = await authorizeUrl(consoleAuth());
    const access = jwt({ sub: 'resident-7', 'cognito:groups': ['residents'], exp: inAnHour() });
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ access_token: access, expires_in: 3600 }), { status: 200 })));
    visit(`${ORIGIN}/console/?code=c&state=${url.searchParams.get('state')}`);
    const result = await consoleAuth().start();
    expect(result.kind).toBe('forbidden');
    // The same person is welcome where no group is required.
    expect((await new Auth({ config, app: 'console', base: '/console/' }).start()).kind).toBe('signed-in');
  });

  it('says so when the token endpoint refuses the code', async () => {
    const url = await authorizeUrl(consoleAuth());
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{"error":"invalid_grant"}', { status: 400 })));
    visit(`${ORIGIN}/console/?code=c&state=${url.searchParams.get('state')}`);
    const result = await consoleAuth().start();
    expect(result).toEqual({ kind: 'error', message: 'La connexion a échoué : jeton refusé (400)' });
  });

  it('renews an expiring access token with the refresh token', async () => {
    const old = sessionFrom({ accessToken: jwt({ sub: 'u-1', 'cognito:groups': ['admin'], exp: Math.floor(Date.now() / 1000) + 30 }), refreshToken: 'r-1' });
    storage.setItem('cabas.console.session', JSON.stringify(old));
    const renewed = jwt({ sub: 'u-1', 'cognito:groups': ['admin'], exp: inAnHour() });
    const fetchMock = vi.fn(async (_url: string, _init: RequestInit) => new Response(JSON.stringify({ access_token: renewed, expires_in: 3600 }), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    const auth = consoleAuth();
    expect((await auth.start()).kind).toBe('signed-in');
    expect(await auth.token()).toBe(renewed);
    expect(Object.fromEntries(new URLSearchParams(String(fetchMock.mock.calls[0]![1].body)))).toEqual({ grant_type: 'refresh_token', refresh_token: 'r-1', client_id: 'console-client' });
    // The refresh token is kept when Cognito does not send a new one.
    expect((JSON.parse(storage.getItem('cabas.console.session')!) as { refreshToken: string }).refreshToken).toBe('r-1');
  });

  it('signs out through the managed login’s logout and stays signed out', async () => {
    const auth = consoleAuth();
    storage.setItem('cabas.console.session', JSON.stringify(sessionFrom({ accessToken: jwt({ sub: 'u-1', 'cognito:groups': ['admin'], exp: inAnHour() }) })));
    expect((await auth.start()).kind).toBe('signed-in');
    auth.signOut();
    const url = new URL(assign.mock.calls[0]![0]);
    expect(url.origin + url.pathname).toBe(`${DOMAIN}/logout`);
    expect(url.searchParams.get('client_id')).toBe('console-client');
    expect(url.searchParams.get('logout_uri')).toBe(`${ORIGIN}/console/`);
    expect(storage.getItem('cabas.console.session')).toBeNull();
    visit(`${ORIGIN}/console/`);
    expect(await consoleAuth().start()).toEqual({ kind: 'signed-out' });
  });
});
