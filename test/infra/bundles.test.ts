import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { BUNDLE_BUDGET_BYTES, LOCAL_ONLY_MODULES, LOCAL_ONLY_SOURCES, lambdaEsbuildOptions } from '../../infra/bundling';
import type { FunctionName } from '../../infra/city-stack';
import { FUNCTIONS as LAMBDA_FUNCTIONS } from '../../infra/lambda-functions';

/**
 * Issue 18: each function's bundle, built exactly as the CityStack builds it (infra/bundling.ts),
 * within its budget, without zod's locales, with image decoding in the ocr and photos functions only, and
 * importing nothing but Node's modules and the AWS SDK the Lambda runtime ships.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FUNCTIONS = Object.keys(LAMBDA_FUNCTIONS) as FunctionName[];

/**
 * Functions not yet within BUNDLE_BUDGET_BYTES, each held to its present size with 3 KiB of slack
 * so that it does not grow unnoticed; an entry goes once the bundle fits. None is left: the API,
 * 424 KiB as one function, is served by one function per audience since issue 18
 * (shared/http/api-function.ts), each wired with its own ports only.
 */
const NOT_YET_WITHIN_BUDGET: Partial<Record<FunctionName, number>> = {};

/** The AWS SDK packages the functions import from the Lambda runtime (nodejs24.x ships the whole SDK v3: check a new one is in it). */
const RUNTIME_SDK_PACKAGES = ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', '@aws-sdk/client-s3', '@aws-sdk/s3-request-presigner', '@aws-sdk/client-sqs', '@aws-sdk/client-textract'];

/** What decodes images: only the ocr function (a receipt's perceptual hash) and the photos function (a shop photo's renditions, issue #20). */
const IMAGE_DECODING = [/node_modules\/jpeg-js\//, /node_modules\/pngjs\//, /node_modules\/sharp\//, /^shared\/ocr\/perceptual-hash\//, /^shared\/ocr\/preprocess\.ts$/, /^shared\/images\//];

/** zod's locales; `en` is the default error map zod itself installs (zod/v4/classic/external.js), the others come with `import { z }`. */
const ZOD_LOCALE = /node_modules\/zod\/(?:.*\/)?locales\/(?!en\.js$)[^/]+$/;

interface Bundle {
  code: string;
  bytes: number;
  inputs: string[];
  imports: Metafile['outputs'][string]['imports'];
}
const bundles = {} as Record<FunctionName, Bundle>;
const OUT = path.join(ROOT, '.tmp', 'bundles-test');

beforeAll(async () => {
  for (const name of FUNCTIONS) {
    const result = await build({
      ...lambdaEsbuildOptions(),
      entryPoints: [path.join(ROOT, 'functions', name, 'handler.ts')],
      outfile: path.join(OUT, name, 'index.mjs'),
      metafile: true,
      write: false,
    });
    const file = result.outputFiles.find((f) => f.path.endsWith('index.mjs'))!;
    const output = Object.values(result.metafile.outputs)[0]!;
    bundles[name] = { code: file.text, bytes: file.contents.byteLength, inputs: Object.keys(output.inputs), imports: output.imports };
  }
});

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

describe('function bundles', () => {
  it(`stay within ${BUNDLE_BUDGET_BYTES / 1024} KiB each (minified, source map not counted)`, () => {
    const over: string[] = [];
    const fitting: string[] = [];
    for (const name of FUNCTIONS) {
      const { bytes } = bundles[name];
      const allowed = NOT_YET_WITHIN_BUDGET[name];
      if (allowed === undefined && bytes > BUNDLE_BUDGET_BYTES) over.push(`${name}: ${kib(bytes)} > ${kib(BUNDLE_BUDGET_BYTES)}`);
      if (allowed !== undefined && bytes > allowed) over.push(`${name}: ${kib(bytes)} > ${kib(allowed)} (its size when listed in NOT_YET_WITHIN_BUDGET)`);
      if (allowed !== undefined && bytes <= BUNDLE_BUDGET_BYTES) fitting.push(`${name} (${kib(bytes)}) now fits: take it out of NOT_YET_WITHIN_BUDGET`);
    }
    expect(over).toEqual([]);
    expect(fitting).toEqual([]);
  });

  it('carry no zod locale (`import * as z from "zod"`, never `import { z }`)', () => {
    const found = FUNCTIONS.flatMap((name) => bundles[name].inputs.filter((i) => ZOD_LOCALE.test(i)).map((i) => `${name}: ${i}`));
    expect(found).toEqual([]);
  });

  it('carry zod\'s mini build only, in every function (shared/schema.ts: the classic build is a third of a bundle)', () => {
    const classic = FUNCTIONS.flatMap((name) => bundles[name].inputs.filter((i) => /node_modules\/zod\/(?:.*\/)?classic\//.test(i)).slice(0, 1).map((i) => `${name}: ${i}`));
    expect(classic).toEqual([]);
  });

  it('decode images in the ocr and photos functions only', () => {
    const decoders = (name: FunctionName) => bundles[name].inputs.filter((i) => IMAGE_DECODING.some((re) => re.test(i)));
    const elsewhere = FUNCTIONS.filter((n) => n !== 'ocr' && n !== 'photos').flatMap((name) => decoders(name).map((i) => `${name}: ${i}`));
    expect(elsewhere).toEqual([]);
    // The ocr function does hash photos (else the check above would prove nothing), with
    // neither the local stack's tesseract engine nor its preprocessing.
    expect(decoders('ocr').some((i) => i.includes('perceptual-hash'))).toBe(true);
    expect(bundles.ocr.inputs.filter((i) => /^shared\/ocr\/(?:tesseract|preprocess)\.ts$/.test(i))).toEqual([]);
    // The photos function renders shop photos (so the api, which serves their routes, need not), without sharp.
    expect(decoders('photos').some((i) => i.includes('shared/images/renditions'))).toBe(true);
    expect(decoders('photos').filter((i) => /sharp|tesseract/.test(i))).toEqual([]);
  });

  it("import only Node's modules, the runtime's AWS SDK and, lazily, the local stack's OCR", () => {
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    const localOnly = new Set<string>(LOCAL_ONLY_MODULES);
    const unexpected: string[] = [];
    const sdk = new Set<string>();
    for (const name of FUNCTIONS) {
      for (const imp of bundles[name].imports) {
        if (!imp.external || builtins.has(imp.path)) continue;
        if (imp.path.startsWith('@aws-sdk/')) sdk.add(imp.path);
        else if ((localOnly.has(imp.path) || (LOCAL_ONLY_SOURCES as readonly string[]).includes(imp.path)) && imp.kind === 'dynamic-import') continue;
        else unexpected.push(`${name}: ${imp.kind} ${imp.path}`);
      }
    }
    expect(unexpected).toEqual([]);
    expect([...sdk].filter((p) => !RUNTIME_SDK_PACKAGES.includes(p))).toEqual([]);
  });

  it('load no AWS SDK client: the table, the queues, the bucket and Textract go through the functions’ own signed clients', () => {
    // shared/adapters/dynamodb/client, shared/adapters/aws/{sqs-sender,s3-rest,textract-json}.ts:
    // the SDK's clients cost 100 ms and more of a cold start each (npm run bench:cold).
    const sdkOf = (name: FunctionName) => [...new Set(bundles[name].imports.filter((i) => i.external && i.path.startsWith('@aws-sdk/')).map((i) => `${name}: ${i.path}`))];
    expect(FUNCTIONS.flatMap(sdkOf)).toEqual([]);
  });
});

describe('function bundles in a Lambda-like directory', () => {
  // The bundle alone, with a node_modules holding only the AWS SDK: the runtime's copy is found
  // through NODE_PATH, which the nodejs24.x runtime searches for ES modules too.
  let sandbox: string;
  beforeAll(() => {
    sandbox = mkdtempSync(path.join(tmpdir(), 'cabas-bundles-'));
    mkdirSync(path.join(sandbox, 'node_modules'));
    symlinkSync(path.join(ROOT, 'node_modules', '@aws-sdk'), path.join(sandbox, 'node_modules', '@aws-sdk'), 'dir');
    for (const name of FUNCTIONS) {
      mkdirSync(path.join(sandbox, name));
      writeFileSync(path.join(sandbox, name, 'index.mjs'), bundles[name].code);
    }
  });
  afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

  /** The pinned Node 24 of the `node` package, as the runtime (nodejs24.x); else this one. */
  const node = (() => {
    try {
      return path.join(path.dirname(createRequire(import.meta.url).resolve('node/package.json')), 'bin', 'node');
    } catch {
      return process.execPath;
    }
  })();

  it('start (module load) and export their handler', () => {
    const failures: string[] = [];
    for (const name of FUNCTIONS) {
      const run = spawnSync(node, ['--input-type=module', '-e', "const m = await import('./index.mjs'); if (typeof m.handler !== 'function') { console.error('no handler export'); process.exit(2); }"], {
        cwd: path.join(sandbox, name),
        encoding: 'utf8',
        timeout: 60_000,
        env: {
          PATH: process.env.PATH,
          AWS_REGION: 'eu-west-3',
          CABAS_TABLE: 'cabas-table',
          CABAS_RECEIPTS_BUCKET: 'cabas-receipts',
          CABAS_MATCH_QUEUE_URL: 'https://sqs.eu-west-3.amazonaws.com/123456789012/match',
          CABAS_CREDIT_QUEUE_URL: 'https://sqs.eu-west-3.amazonaws.com/123456789012/credit',
          POWERTOOLS_SERVICE_NAME: 'cabas',
        },
      });
      if (run.status !== 0) failures.push(`${name}: exit ${run.status}: ${(run.stderr || String(run.error ?? '')).split('\n').find((l) => /Error|Cannot/.test(l)) ?? run.stderr.slice(0, 300)}`);
    }
    expect(failures).toEqual([]);
  });
});
