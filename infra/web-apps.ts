import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * What the two web apps are, apart from the AWS resources that serve them (web-hosting.ts): where
 * they are built, where they live on the site, their content security policies, the CloudFront
 * Function that routes their pages, and how long each kind of file may be cached.
 */

/** Repository root (web/dist and the build script are resolved from here). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The staff console as `npm run build:web` writes it. */
export const CONSOLE_DIST = path.join(ROOT, 'web', 'dist', 'console');
/** The residents' app (web/app) as `npm run build:web` writes it. */
export const APP_DIST = path.join(ROOT, 'web', 'dist', 'app');
/** Where the console lives on the city's web address (and in the bucket). */
export const CONSOLE_PATH = '/console/';
/** The residents' app lives at the site's root (its files at the bucket's root, beside console/). */
export const APP_PATH = '/';
/**
 * What the residents' app asks of the managed login: who the person is and their email (the app
 * shows it). Its app client allows exactly these, so config.json and the client cannot disagree.
 */
export const APP_SCOPES = ['openid', 'email'] as const;
/** The map's default tiles (web/shared/config.ts: the IGN Géoplateforme plan). */
export const DEFAULT_TILE_ORIGIN = 'https://data.geopf.fr';
/** How long browsers may keep the answer to a CORS preflight of the receipts' upload. */
export const UPLOAD_CORS_MAX_AGE_SECONDS = 3600;

/**
 * Builds web/dist when it is missing or older than web/ (the same check as `npm start`, see
 * web/scripts/build.ts), so that `cdk synth` on a fresh clone packages both web apps as they are.
 * Synchronous: constructs are built synchronously. Fails with what to do when it cannot.
 */
export function ensureWebBuilt(): void {
  const script = path.join(ROOT, 'web', 'scripts', 'build.ts');
  const run = spawnSync(process.execPath, ['--import', 'tsx', script, '--if-stale', '--app=console', '--app=app'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const missing = [CONSOLE_DIST, APP_DIST].filter((dir) => !existsSync(path.join(dir, 'index.html'))).map((dir) => `${path.relative(ROOT, dir)}/index.html`);
  if (run.status !== 0 || missing.length > 0) {
    throw new Error(
      `The web apps are not built (${missing.join(', ') || 'web/dist is stale'}) and building them failed:\n${run.stderr || run.error?.message || ''}\n` +
        'Run `npm ci` (the build needs the development dependencies), then `npm run build:web`, and synthesise again.',
    );
  }
}

/** The origin of a tile URL template (`https://data.geopf.fr/wmts?…{z}…` gives `https://data.geopf.fr`). */
export function tileOriginOf(tileUrl: string | undefined): string {
  if (!tileUrl) return DEFAULT_TILE_ORIGIN;
  const origin = new URL(tileUrl.replace(/[{}]/g, '')).origin;
  if (!origin.startsWith('https://')) throw new Error(`WebHosting: the map's tiles must come over HTTPS (${tileUrl})`);
  return origin;
}

/** Directives both web apps share: their own code only, never framed, nothing embedded. */
export function policy(directives: { img: string[]; connect: string[] }): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src ${["'self'", 'data:', 'blob:', ...directives.img].join(' ')}`,
    `connect-src ${["'self'", ...directives.connect].join(' ')}`,
    "font-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
}

/**
 * The console's policy: its own scripts and styles only (no inline script, no eval), API calls to
 * the city's API and token calls to its managed login, images from itself, the map's tiles and
 * the receipts bucket (staff look at receipt photos through presigned links); never framed.
 */
export function consoleCsp(o: { apiOrigin: string; authOrigin: string; imagesOrigin: string; tileOrigin?: string }): string {
  // connect-src: the bucket too, where staff PUT a shop's photos with the presigned URL of POST /v1/admin/merchants/{id}/photos.
  return policy({ img: [o.tileOrigin ?? DEFAULT_TILE_ORIGIN, o.imagesOrigin], connect: [o.apiOrigin, o.authOrigin, o.imagesOrigin] });
}

/**
 * The residents' app's policy, from what web/app and web/shared call: the API (apiBaseUrl), the
 * managed login's token endpoint (web/shared/auth.ts), and the receipts bucket's regional
 * endpoint, where web/app/outbox.ts PUTs the photo with the presigned URL of POST /v1/receipts
 * (virtual-hosted `https://<bucket>.s3.<region>.amazonaws.com/…`, shared/adapters/aws/s3-rest.ts).
 * Images: its own files and icons, data: (Leaflet), blob: (the photo's preview before sending,
 * web/app/pages/send.tsx) and the map's tiles. The app shows no receipt photo from the bucket (only
 * the console does), so the bucket is not an image source here. Its service worker (/sw.js) and
 * manifest come from itself. Never framed, no inline script, no eval.
 */
export function appCsp(o: { apiOrigin: string; authOrigin: string; uploadOrigin: string; tileOrigin?: string }): string {
  return policy({ img: [o.tileOrigin ?? DEFAULT_TILE_ORIGIN], connect: [o.apiOrigin, o.authOrigin, o.uploadOrigin] });
}

/**
 * Sends each app's client-side routes to its index.html: under /console/ the console's
 * (/console/revue, /console/campagnes/…), everywhere else the residents' app's (/envoyer,
 * /commerces/m-1, /tickets/r-1…). A path whose last segment has an extension is a file (assets,
 * sw.js, manifest.webmanifest, config.json, icons) and is served as it is. `/console` goes to
 * `/console/`. CloudFront Functions run JavaScript 2.0 (cloudfront-js-2.0).
 */
export const ROUTER_CODE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/console') {
    return { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: '/console/' } } };
  }
  if (/\\.[A-Za-z0-9]+$/.test(uri)) return request;
  request.uri = uri.indexOf('/console/') === 0 ? '/console/index.html' : '/index.html';
  return request;
}`;

/** A page (index.html, config.json, sw.js, the manifest): asked again each time, so a deploy shows at once. */
export const PAGE_CACHE_CONTROL = 'no-cache';
/** An asset whose name carries its content's hash: never changes under that name. */
export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';
