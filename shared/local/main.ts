/**
 * `npm start`: the whole of Cabas on one machine, with no AWS account and no network.
 * DynamoDB Local, the S3/SQS emulator, the same Lambda handlers as in AWS behind queue workers
 * and a local HTTP API, and the payout schedule; the web apps (built first when their sources
 * changed) at /console/. State lives in CABAS_DATA_DIR (default .cabas/).
 */
import { startLocalStack } from './stack';
import { ensureWebBuilt } from './web-build';

await ensureWebBuilt((message) => console.log(`[cabas] ${message}`));

const stack = await startLocalStack({
  dataDir: process.env.CABAS_DATA_DIR ?? '.cabas',
  port: Number(process.env.PORT ?? 3000),
  demo: process.env.CABAS_DEMO !== '0',
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n[cabas] ${signal}: stopping…`);
  const force = setTimeout(() => process.exit(1), 15_000);
  force.unref();
  await stack.stop();
  console.log('[cabas] stopped.');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
