import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingHttpHeaders, Server } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ENV } from '../config';
import { DEFAULT_MAP, type RuntimeConfig } from '../../web/shared/config';
import type { LocalSite } from './http-server';
import { signIn, signInPage } from './sign-in';

/**
 * What the local stack serves besides the API: the published contract (`GET /v1/openapi.json`,
 * the committed docs/openapi.json) and a readable reference at `/docs`, rendered in the browser
 * by Redoc's standalone bundle from node_modules: nothing is fetched from the internet. And the
 * web apps (`createStaticSite`): the staff console at /console/ (web/dist/console, built by
 * `npm start` when needed), its config.json (local sign-in), and the local sign-in page.
 */
const ROOT = new URL('../../', import.meta.url);
const require = createRequire(import.meta.url);

const REDOC_BUNDLE = (() => {
  try {
    return require.resolve('redoc/bundles/redoc.standalone.js');
  } catch {
    return undefined; // a production install without devDependencies: /docs says so
  }
})();

/** Redoc styles itself inline and parses in a blob worker; everything else comes from this origin. */
const DOCS_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cabas REST API reference</title>
<link rel="icon" href="data:,">
</head>
<body>
<main>
<redoc spec-url="/v1/openapi.json" hide-download-button="false" native-scrollbars="true" path-in-middle-panel="true"></redoc>
<noscript><p>This reference needs JavaScript. The contract itself is <a href="/v1/openapi.json">/v1/openapi.json</a>.</p></noscript>
</main>
<script src="/docs/redoc.standalone.js"></script>
</body>
</html>
`;

const cache = new Map<string, Buffer>();
async function cached(path: string): Promise<Buffer> {
  let bytes = cache.get(path);
  if (!bytes) cache.set(path, (bytes = await readFile(path)));
  return bytes;
}

const securityHeaders = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };

/** The answer for a static path, or undefined when the path belongs to the API. */
export async function staticAnswer(method: string, pathname: string): Promise<APIGatewayProxyStructuredResultV2 | undefined> {
  if (method !== 'GET' && method !== 'HEAD') return undefined;
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/v1/openapi.json') {
    const body = await cached(fileURLToPath(new URL('docs/openapi.json', ROOT)));
    return { statusCode: 200, headers: { 'content-type': 'application/json', 'cache-control': 'no-cache', 'access-control-allow-origin': '*', ...securityHeaders }, body: body.toString('utf8') };
  }
  if (path === '/docs') {
    return { statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': DOCS_CSP, ...securityHeaders }, body: DOCS_PAGE };
  }
  if (path === '/docs/redoc.standalone.js') {
    if (!REDOC_BUNDLE) return { statusCode: 404, headers: { 'content-type': 'text/plain' }, body: 'Redoc is a development dependency: run npm ci without --omit=dev.' };
    const body = await cached(REDOC_BUNDLE);
    return { statusCode: 200, headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'max-age=3600', ...securityHeaders }, body: body.toString('utf8') };
  }
  return undefined;
}

// ------------------------------------------------------------------------------------------------
// The web apps
// ------------------------------------------------------------------------------------------------

const WEB_DIST = fileURLToPath(new URL('web/dist/', ROOT));
const BASE_CSS = fileURLToPath(new URL('web/shared/styles/base.css', ROOT));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};
const TEXT = /^(text\/|application\/(json|manifest\+json)|image\/svg)/;

/** The city's map of the local stack: the IGN plan by default; CABAS_MAP_* change it (an offline tile server, say). */
function mapConfig(): RuntimeConfig['map'] {
  const center = (process.env.CABAS_MAP_CENTER ?? '').split(',').map(Number);
  return {
    tileUrl: process.env.CABAS_MAP_TILE_URL || DEFAULT_MAP.tileUrl,
    attribution: process.env.CABAS_MAP_ATTRIBUTION ?? DEFAULT_MAP.attribution,
    // Montclair-sur-Loire, the demo territory (an invented town on the Loire).
    center: center.length === 2 && center.every(Number.isFinite) ? [center[0]!, center[1]!] : [47.2935, 0.7025],
    zoom: 15,
  };
}

function originOf(url: string | undefined): string | undefined {
  try {
    return url ? new URL(url.replace(/\{[a-z]+\}/g, '0')).origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The console's policy: its own scripts and styles only (no inline script, no eval), API calls to
 * this origin, images from here, the map's tile server and the receipts bucket (the S3 emulator's
 * presigned links); it may not be framed.
 */
function appCsp(): string {
  const images = ["'self'", 'data:', 'blob:', originOf(mapConfig().tileUrl), originOf(process.env[ENV.s3Endpoint])].filter(Boolean).join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src ${images}`,
    // The residents' app uploads receipts to the presigned URLs of the receipts bucket (the S3 emulator).
    `connect-src ${["'self'", originOf(process.env[ENV.s3Endpoint])].filter(Boolean).join(' ')}`,
    "worker-src 'self'",
    "font-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

const appHeaders = () => ({
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
});

function notBuilt(app: string): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: 503,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...appHeaders(), 'content-security-policy': "default-src 'none'" },
    body: `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Application non construite</title></head><body><main><h1>L’application « ${app} » n’est pas construite</h1><p>Lancez <code>npm run build:web</code> (ou redémarrez <code>npm start</code>, qui la construit), puis rechargez la page.</p></main></body></html>`,
  };
}

/** A file of a built app; `immutable` for the content-hashed assets. */
async function file(full: string, head: boolean): Promise<APIGatewayProxyStructuredResultV2 | undefined> {
  try {
    if (!(await stat(full)).isFile()) return undefined;
  } catch {
    return undefined;
  }
  const type = CONTENT_TYPES[path.extname(full)] ?? 'application/octet-stream';
  const hashed = /-[A-Z0-9]{8}\.[a-z0-9.]+$/.test(path.basename(full));
  const bytes = await readFile(full);
  return {
    statusCode: 200,
    headers: {
      'content-type': type,
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...appHeaders(),
      ...(type.startsWith('text/html') ? { 'content-security-policy': appCsp() } : {}),
    },
    // The local HTTP server writes the body as it is: text as text, other files as their bytes.
    body: head ? '' : TEXT.test(type) ? bytes.toString('utf8') : (bytes as unknown as string),
  };
}

/** GET /console/... (or /... for the residents' app): a file of web/dist/<app>, or its index.html for the app's own routes. */
async function appAnswer(name: 'console' | 'app', pathname: string, head: boolean): Promise<APIGatewayProxyStructuredResultV2 | undefined> {
  const base = name === 'app' ? '/' : `/${name}/`;
  if (name !== 'app' && pathname === `/${name}`) return { statusCode: 301, headers: { location: base, 'cache-control': 'no-cache' }, body: '' };
  const dir = path.join(WEB_DIST, name);
  let rel: string;
  try {
    rel = decodeURIComponent(pathname.slice(base.length));
  } catch {
    return { statusCode: 400, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Bad path' };
  }
  if (rel === 'config.json') {
    const config: RuntimeConfig = {
      cityName: process.env[ENV.cityName] ?? 'Cabas',
      apiBaseUrl: '',
      auth: { mode: 'local', signInUrl: '/connexion' },
      map: mapConfig(),
    };
    return { statusCode: 200, headers: { 'content-type': 'application/json', 'cache-control': 'no-cache', ...appHeaders() }, body: head ? '' : JSON.stringify(config) };
  }
  if (!existsSync(path.join(dir, 'index.html'))) return notBuilt(name);
  const full = path.resolve(dir, rel);
  if (rel && (full + path.sep).startsWith(dir + path.sep)) {
    const found = await file(full, head);
    if (found) return found;
  }
  // A missing file (an extension, or under assets/) is a 404; any other path is a page of the app.
  if (rel.startsWith('assets/') || /\.[a-z0-9]+$/i.test(rel)) {
    return { statusCode: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache', ...appHeaders() }, body: 'Not found' };
  }
  return file(path.join(dir, 'index.html'), head);
}

async function signInCss(): Promise<string> {
  const base = await readFile(BASE_CSS, 'utf8');
  return `${base}\n.sign-in { max-width: 40rem; }\n.sign-in .muted { color: var(--muted); }\n`;
}

export interface StaticSite {
  /** The site hook of the local HTTP server (shared/local/http-server.ts). */
  handle: LocalSite;
  /** Lets the site read each request's query string (the hook receives its path only). */
  attach(server: Server): void;
}

/**
 * Everything the local stack serves besides the API, for one data directory (whose signing key
 * mints the sign-in page's tokens).
 */
export function createStaticSite(opts: { dataDir: string }): StaticSite {
  const urls = new WeakMap<IncomingHttpHeaders, string>();
  const queryOf = (headers: IncomingHttpHeaders) => new URL(urls.get(headers) ?? '/', 'http://127.0.0.1').searchParams;
  return {
    attach(server) {
      // Runs before the HTTP API's own listener, which hands the same headers object to the site.
      server.prependListener('request', (req) => urls.set(req.headers, req.url ?? '/'));
    },
    async handle({ method, pathname, headers, body }) {
      const head = method === 'HEAD';
      if (pathname === '/connexion' || pathname === '/connexion/') {
        if (method === 'GET' || head) return signInPage(queryOf(headers));
        if (method === 'POST') {
          const type = String(headers['content-type'] ?? '');
          if (!type.startsWith('application/x-www-form-urlencoded')) return { statusCode: 415, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Send the sign-in form.' };
          return signIn(opts.dataDir, new URLSearchParams(body.toString('utf8')));
        }
        return { statusCode: 405, headers: { allow: 'GET, HEAD, POST', 'content-type': 'text/plain; charset=utf-8' }, body: 'Method not allowed' };
      }
      if (method !== 'GET' && !head) return staticAnswer(method, pathname);
      if (pathname === '/connexion.css') {
        return { statusCode: 200, headers: { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' }, body: head ? '' : await signInCss() };
      }
      if (pathname === '/console' || pathname.startsWith('/console/')) return appAnswer('console', pathname, head);
      const reference = await staticAnswer(method, pathname);
      if (reference || pathname === '/v1' || pathname.startsWith('/v1/') || pathname.startsWith('/docs')) return reference;
      // Everything else is the residents' app (web/dist/app), served at the root.
      return appAnswer('app', pathname, head);
    },
  };
}
