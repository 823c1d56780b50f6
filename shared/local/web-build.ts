/**
 * `npm start` builds the web apps (web/dist) when they are missing or older than their sources,
 * before the stack starts: `npm ci && npm start` is all a newcomer runs. The build takes about a
 * second (esbuild); without the development dependencies it cannot run, and the apps' pages say so.
 */
export async function ensureWebBuilt(log: (message: string) => void): Promise<void> {
  try {
    const { buildWeb, webBuildIsStale } = await import('../../web/scripts/build');
    const why = await webBuildIsStale();
    if (!why) return;
    const started = Date.now();
    log(`building the web apps (${why})…`);
    const built = await buildWeb();
    log(`web apps built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${built.map((b) => `web/dist/${b.name}`).join(', ')}`);
  } catch (err) {
    log(`the web apps could not be built (${(err as Error).message.split('\n')[0]}); run \`npm run build:web\` to see why.`);
  }
}
