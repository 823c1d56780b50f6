/**
 * The web apps' types of the REST API, generated from the published contract (docs/openapi.json)
 * by openapi-typescript into web/shared/openapi.d.ts. The browser code imports them with
 * `import type` only: nothing of the contract (and no zod) reaches the bundles at runtime.
 *
 * `npm run build:web` regenerates the file; test/browser/web-build.test.ts fails when the committed
 * file differs from what docs/openapi.json gives (run `npm run build:web` and commit it).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const REPO = new URL('../../', import.meta.url);
export const OPENAPI_DOCUMENT = fileURLToPath(new URL('docs/openapi.json', REPO));
export const API_TYPES_FILE = fileURLToPath(new URL('web/shared/openapi.d.ts', REPO));

const BANNER = `/**
 * Generated from docs/openapi.json by web/scripts/openapi-types.ts (npm run build:web).
 * Do not edit: change the route table (shared/http), run \`npm run openapi\`, then \`npm run build:web\`.
 */

`;

/** The text of web/shared/openapi.d.ts for the current contract. */
export async function apiTypesSource(): Promise<string> {
  const document = JSON.parse(await readFile(OPENAPI_DOCUMENT, 'utf8')) as Parameters<typeof openapiTS>[0];
  const ast = await openapiTS(document, { alphabetize: false, exportType: false });
  return BANNER + astToString(ast);
}

/** Writes the types when they changed; answers whether they did. */
export async function generateApiTypes(): Promise<boolean> {
  const next = await apiTypesSource();
  const current = await readFile(API_TYPES_FILE, 'utf8').catch(() => '');
  if (current === next) return false;
  await writeFile(API_TYPES_FILE, next);
  return true;
}
