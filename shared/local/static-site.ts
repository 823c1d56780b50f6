import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/**
 * What the local stack serves besides the API: the published contract (`GET /v1/openapi.json`,
 * the committed docs/openapi.json) and a readable reference at `/docs`, rendered in the browser
 * by Redoc's standalone bundle from node_modules: nothing is fetched from the internet.
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
