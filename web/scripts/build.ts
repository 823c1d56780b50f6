/**
 * Builds the web apps into web/dist/<app>/: `npm run build:web` (and `npm start` when web/ changed
 * since the last build, see shared/local/web-build.ts).
 *
 * Toolchain: esbuild + Preact. esbuild is already the project's bundler (the CDK bundles the
 * Lambdas with it), builds an app in well under a second on this 2-core machine and needs no
 * plugin for TypeScript, JSX, CSS or code splitting. Preact (about 4 KB gzipped) gives the
 * component model and hooks of React with typed JSX under the same strict tsc, which keeps the
 * console far under its 250 KB budget and leaves room for Leaflet; Lit or Svelte would bring a
 * second templating language or a compiler plugin for no gain here.
 *
 * Each app is `web/<app>/main.tsx` plus `web/<app>/index.html` (a template where the built assets
 * are written in place of `<!--assets-->`). Assets get a content hash in their names (cached for a
 * year); index.html is served uncached. The app is built into a temporary folder and then swapped
 * in, so a server reading web/dist never sees half a build.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const WEB_ROOT = fileURLToPath(new URL('../', import.meta.url));
export const DIST = path.join(WEB_ROOT, 'dist');

/** The web apps: the staff console now, the residents' app (web/app, served at `/`) later. */
export const WEB_APPS = [
  { name: 'console', base: '/console/' },
  { name: 'app', base: '/' },
] as const;
export type WebAppName = (typeof WEB_APPS)[number]['name'];

/** Browsers the apps support: those of the last few years (ES2022, CSS nesting not used). */
const TARGETS = ['es2022', 'chrome109', 'edge109', 'firefox115', 'safari15.6'];

/** The file whose time says when web/dist was last built (see `webBuildIsStale`). */
export const BUILD_STAMP = path.join(DIST, '.build-stamp.json');

export interface BuiltApp {
  name: WebAppName;
  dir: string;
  /** Files of the app, relative to its folder. */
  files: string[];
  ms: number;
}

function present(name: WebAppName) {
  return existsSync(path.join(WEB_ROOT, name, 'main.tsx')) && existsSync(path.join(WEB_ROOT, name, 'index.html'));
}

/** The apps that exist in the source tree (web/<app>/main.tsx). */
export function presentApps(): WebAppName[] {
  return WEB_APPS.filter((a) => present(a.name)).map((a) => a.name);
}

function escapeAttr(s: string) {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

async function buildApp(name: WebAppName, opts: { minify: boolean }): Promise<BuiltApp> {
  const started = Date.now();
  const app = WEB_APPS.find((a) => a.name === name)!;
  const staging = path.join(DIST, `.staging-${name}-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  const result = await build({
    entryPoints: { main: path.join(WEB_ROOT, name, 'main.tsx') },
    outdir: path.join(staging, 'assets'),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: TARGETS,
    minify: opts.minify,
    sourcemap: 'linked',
    sourcesContent: false,
    entryNames: '[name]-[hash]',
    chunkNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    publicPath: `${app.base}assets/`,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    loader: { '.png': 'file', '.svg': 'file', '.woff2': 'file' },
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'linked',
    charset: 'utf8',
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: path.resolve(WEB_ROOT, '..'),
  });
  // The entry's JavaScript, and the CSS bundle of everything it imports (esbuild names it).
  const [js, entryOutput] = Object.entries(result.metafile.outputs).find(([file, o]) => o.entryPoint !== undefined && file.endsWith('.js')) ?? [];
  const css = entryOutput?.cssBundle;
  if (!js) throw new Error(`esbuild produced no JavaScript entry for ${name}`);
  const url = (file: string) => `${app.base}assets/${path.basename(file)}`;
  const tags = [
    ...(css ? [`<link rel="stylesheet" href="${escapeAttr(url(css))}">`] : []),
    `<script type="module" src="${escapeAttr(url(js))}"></script>`,
  ].join('\n');
  const template = await readFile(path.join(WEB_ROOT, name, 'index.html'), 'utf8');
  if (!template.includes('<!--assets-->')) throw new Error(`web/${name}/index.html lacks the <!--assets--> marker`);
  await writeFile(path.join(staging, 'index.html'), template.replace('<!--assets-->', tags));
  // Static files of the app (a favicon, a manifest), copied as they are.
  const publicDir = path.join(WEB_ROOT, name, 'public');
  if (existsSync(publicDir)) {
    for (const f of await readdir(publicDir)) await writeFile(path.join(staging, f), await readFile(path.join(publicDir, f)));
  }
  const dir = path.join(DIST, name);
  await rm(dir, { recursive: true, force: true });
  await rename(staging, dir);
  const files = await listFiles(dir);
  return { name, dir, files, ms: Date.now() - started };
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.isDirectory()) out.push(...(await listFiles(path.join(dir, e.name), `${prefix}${e.name}/`)));
    else out.push(`${prefix}${e.name}`);
  }
  return out.sort();
}

/** Builds every present app (or those named) into web/dist/<app>/. */
export async function buildWeb(opts: { apps?: WebAppName[]; minify?: boolean } = {}): Promise<BuiltApp[]> {
  await mkdir(DIST, { recursive: true });
  const built: BuiltApp[] = [];
  for (const name of opts.apps ?? presentApps()) built.push(await buildApp(name, { minify: opts.minify ?? true }));
  await writeFile(BUILD_STAMP, JSON.stringify({ builtAt: new Date().toISOString(), apps: built.map((b) => b.name) }, null, 2));
  return built;
}

async function newestSource(dir: string): Promise<number> {
  let newest = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.name === 'dist' || e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? await newestSource(p) : (await stat(p)).mtimeMs);
  }
  return newest;
}

/**
 * Why web/dist needs building, or undefined when it is up to date: it is missing an app, or a
 * source under web/ (or the lock file: a new Preact or Leaflet) is newer than the last build.
 */
export async function webBuildIsStale(apps: WebAppName[] = presentApps()): Promise<string | undefined> {
  const missing = apps.filter((a) => !existsSync(path.join(DIST, a, 'index.html')));
  if (missing.length > 0) return `web/dist has no ${missing.join(', ')} yet`;
  let builtAt: number;
  try {
    builtAt = (await stat(BUILD_STAMP)).mtimeMs;
  } catch {
    return 'web/dist has no build stamp';
  }
  const lock = path.resolve(WEB_ROOT, '..', 'package-lock.json');
  const newest = Math.max(await newestSource(WEB_ROOT), existsSync(lock) ? (await stat(lock)).mtimeMs : 0);
  return newest > builtAt ? 'web/ changed since the last build' : undefined;
}

// `npm run build:web`: regenerate the API types from docs/openapi.json, then build.
// `--if-stale [--app=<name>]` (the CDK's synth, infra/web-hosting.ts): build only when web/dist is
// missing or older than its sources, and leave the sources as they are.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { generateApiTypes } = await import('./openapi-types');
  const started = Date.now();
  if (process.argv.includes('--if-stale')) {
    // `--app=console`: that app only (the CDK deploys the console).
    const only = process.argv.filter((a) => a.startsWith('--app=')).map((a) => a.slice('--app='.length) as WebAppName);
    const apps = only.length > 0 ? only : presentApps();
    const why = await webBuildIsStale(apps);
    if (!why) process.exit(0);
    console.error(`building ${apps.join(', ')} (${why})`);
    await buildWeb({ apps });
    process.exit(0);
  }
  if (await generateApiTypes()) console.log('web/shared/openapi.d.ts regenerated from docs/openapi.json');
  for (const app of await buildWeb()) {
    console.log(`web/dist/${app.name}: ${app.files.length} files in ${app.ms} ms`);
  }
  console.log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
