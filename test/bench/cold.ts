/**
 * `npm run bench:cold`: what a cold start costs before the handler runs. Each Lambda entry
 * (functions/<name>/handler.ts) is bundled as the CityStack bundles it (esbuild, ESM, node24,
 * minified, the runtime's AWS SDK and the local-only packages left out: infra/bundling.ts), then
 * imported in fresh Node processes (the project's pinned Node 24), each timing its own `import()`
 * of the bundle. The import resolves the AWS SDK from the repository's node_modules, as the
 * function does from the runtime's: its loading is counted. Prints, per function, the bundle's size
 * (minified JavaScript, source map not counted), the median, min and max import time over the
 * runs, and the median CPU time of the import (user + system, less sensitive to a busy machine);
 * for a function that would import some SDK packages only when a request first needs them, what
 * loading them then takes, once per container (none does since issue 18: DynamoDB, SQS, S3 and
 * Textract go through the functions' own signed clients, shared/adapters/aws).
 *
 *   npm run bench:cold                     # 9 fresh processes per function
 *   npm run bench:cold -- --runs 21        # more runs on a noisy machine
 *   npm run bench:cold -- api credit       # some functions only
 *   npm run bench:cold -- --sdk bundled    # the AWS SDK bundled in each function (the other option)
 *   npm run bench:cold -- --source-maps    # as deployed: with the source map, read at load by --enable-source-maps
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';
import { BUNDLE_BUDGET_BYTES, lambdaEsbuildOptions } from '../../infra/bundling';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OUT = path.join(ROOT, '.tmp', 'bench-cold');

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const RUNS = runsAt >= 0 ? Number(args[runsAt + 1]) : 9;
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('--runs wants a whole number');
const sdkAt = args.indexOf('--sdk');
const SDK = sdkAt >= 0 ? args[sdkAt + 1] : 'runtime';
if (SDK !== 'runtime' && SDK !== 'bundled') throw new Error('--sdk wants runtime or bundled');
const SOURCE_MAPS = args.includes('--source-maps');
const only = args.filter((a, i) => !a.startsWith('--') && (runsAt < 0 || i !== runsAt + 1) && (sdkAt < 0 || i !== sdkAt + 1));
const names = readdirSync(path.join(ROOT, 'functions')).filter((n) => (only.length === 0 || only.includes(n)) && statSync(path.join(ROOT, 'functions', n)).isDirectory());

/** The pinned Node 24 of the `node` package, as the Lambda runtime (nodejs24.x); else this one. */
function nodeBinary(): string {
  try {
    const require = createRequire(import.meta.url);
    const pkg = require.resolve('node/package.json');
    return path.join(path.dirname(pkg), 'bin', 'node');
  } catch {
    return process.execPath;
  }
}
const NODE = nodeBinary();

/** What the functions read at import time, as in AWS; no call is made (the clients connect lazily). */
const LAMBDA_ENV = {
  CABAS_TABLE: 'cabas-bench',
  CABAS_RECEIPTS_BUCKET: 'cabas-bench-receipts',
  CABAS_OCR_QUEUE_URL: 'https://sqs.eu-west-3.amazonaws.com/000000000000/ocr',
  CABAS_MATCH_QUEUE_URL: 'https://sqs.eu-west-3.amazonaws.com/000000000000/match',
  CABAS_CREDIT_QUEUE_URL: 'https://sqs.eu-west-3.amazonaws.com/000000000000/credit',
  AWS_REGION: 'eu-west-3',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  POWERTOOLS_SERVICE_NAME: 'cabas',
  AWS_LAMBDA_FUNCTION_NAME: 'bench',
};

/**
 * Run in the fresh process: the time (and the process's CPU time) from just before the import to
 * the module evaluated; then the time of loading the SDK packages the bundle imports only on first
 * use (`import()` of the runtime's SDK: the API's functions load S3 and SQS when a request first
 * needs them), which that first request pays once per container.
 */
const PROBE = `const c0 = process.cpuUsage(); const t0 = performance.now(); await import(process.argv[1]); const ms = performance.now() - t0; const c = process.cpuUsage(c0); const later = JSON.parse(process.argv[2]); const t1 = performance.now(); for (const m of later) await import(m); process.stdout.write(JSON.stringify([ms, (c.user + c.system) / 1000, performance.now() - t1]));`;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const nodeVersion = spawnSync(NODE, ['--version'], { encoding: 'utf8' }).stdout.trim();
console.log(
  `cold imports in fresh processes: ${nodeVersion}, ${RUNS} runs per function, AWS SDK ${SDK === 'runtime' ? "the runtime's (not bundled)" : 'bundled'}${SOURCE_MAPS ? ', with --enable-source-maps' : ''}; budget ${(BUNDLE_BUDGET_BYTES / 1024).toFixed(0)} KiB per bundle`,
);
console.log('function  bundle KiB  import ms (median)  min    max  cpu ms (median)  on first use: ms (median), packages');
for (const name of names) {
  const outdir = path.join(OUT, SDK, name);
  mkdirSync(outdir, { recursive: true });
  const result = await build({ ...lambdaEsbuildOptions({ sdk: SDK }), ...(SOURCE_MAPS ? { sourcemap: true, sourcesContent: false } : {}), entryPoints: [path.join(ROOT, 'functions', name, 'handler.ts')], outfile: path.join(outdir, 'index.mjs'), metafile: true, write: true });
  const bytes = statSync(path.join(outdir, 'index.mjs')).size;
  writeFileSync(path.join(outdir, 'meta.json'), JSON.stringify(result.metafile));
  const times: number[] = [];
  const cpu: number[] = [];
  const firstUse: number[] = [];
  // The runtime's SDK packages this bundle imports with import(), not at load.
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint)!;
  const later = SDK === 'runtime' ? [...new Set(output.imports.filter((i) => i.kind === 'dynamic-import' && i.external && i.path.startsWith('@aws-sdk/')).map((i) => i.path))] : [];
  for (let i = 0; i < RUNS; i++) {
    const run = spawnSync(NODE, [...(SOURCE_MAPS ? ['--enable-source-maps'] : []), '--input-type=module', '-e', PROBE, path.join(outdir, 'index.mjs'), JSON.stringify(later)], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', ...LAMBDA_ENV },
      cwd: outdir,
    });
    if (run.status !== 0) throw new Error(`${name}: the bundle failed to import:\n${run.stderr}`);
    const [ms, cpuMs, laterMs] = JSON.parse(run.stdout) as [number, number, number];
    times.push(ms);
    cpu.push(cpuMs);
    firstUse.push(laterMs);
  }
  const kib = bytes / 1024;
  console.log(
    `${name.padEnd(9)} ${kib.toFixed(0).padStart(10)}${bytes > BUNDLE_BUDGET_BYTES ? '!' : ' '} ${median(times).toFixed(0).padStart(18)} ${Math.min(...times).toFixed(0).padStart(6)} ${Math.max(...times).toFixed(0).padStart(6)} ${median(cpu).toFixed(0).padStart(16)}${later.length > 0 ? `  ${median(firstUse).toFixed(0).padStart(21)}, ${later.map((m) => m.replace('@aws-sdk/', '')).join(' ')}` : ''}`,
  );
}
console.log(`(! = over the budget; the metafile of each bundle is in .tmp/bench-cold/${SDK}/<function>/meta.json, for esbuild’s analyzer)`);
