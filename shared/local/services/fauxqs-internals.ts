/**
 * Typed access to the parts of fauxqs that its public entry point does not export.
 *
 * Why: `startFauxqs()` always listens on 0.0.0.0 (every interface), which would expose an
 * unauthenticated S3/SQS emulator to the local network. fauxqs also exports `buildApp()`, which
 * accepts pre-built stores, so the local stack builds the stores itself (with the same SQLite
 * persistence wiring as `startFauxqs()`), and listens on 127.0.0.1 only. The store classes and the
 * persistence manager live in fauxqs's `dist/` but are not in its `exports` map, so they are
 * loaded by file URL next to the resolved entry point.
 *
 * The interfaces below list only what the local stack uses; they were written against fauxqs
 * 2.4.x. `loadFauxqsInternals()` checks the shapes at run time and fails with a clear message
 * if a fauxqs upgrade moved them.
 */
import { readFileSync } from 'node:fs';

/** One SQS message as fauxqs stores it (subset). */
export interface FauxqsSqsMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  approximateReceiveCount: number;
}

/** One fauxqs queue (subset). */
export interface FauxqsSqsQueue {
  readonly name: string;
  url: string;
  readonly arn: string;
  readonly attributes: Record<string, string>;
  /** Replaces the given attributes (written through to persistence). `RedrivePolicy: ''` removes it. */
  setAttributes(attrs: Record<string, string>): void;
  /** Appends a message; wakes long pollers; written through to persistence. */
  enqueue(message: FauxqsSqsMessage): void;
}

/** fauxqs's SQS state (subset). */
export interface FauxqsSqsStore {
  /** Host used in queue URLs (`sqs.<region>.<host>`); empty = use the request's Host header. */
  host: string;
  region: string | undefined;
  persistence: unknown;
  readonly queues: Map<string, FauxqsSqsQueue>;
  createQueue(
    name: string,
    url: string,
    arn: string,
    attributes?: Record<string, string>,
    tags?: Record<string, string>,
  ): FauxqsSqsQueue;
  getQueueByName(name: string): FauxqsSqsQueue | undefined;
  allQueues(): Iterable<FauxqsSqsQueue>;
}

export interface FauxqsSqsStoreClass {
  new (): FauxqsSqsStore;
  /** Builds a message (id, MD5, timestamps) ready for `enqueue`. */
  createMessage(body: string): FauxqsSqsMessage;
}

/** fauxqs's SNS state: only needed to hand to `buildApp` and persistence. */
export interface FauxqsSnsStore {
  region: string | undefined;
  persistence: unknown;
}

/** Object metadata as fauxqs keeps it in memory (subset). */
export interface FauxqsS3ObjectHead {
  key: string;
  contentLength: number;
  /** Quoted, as in the ETag header: `"<md5 hex>"` (or `"<md5>-<parts>"` for multipart). */
  etag: string;
}

/** fauxqs's S3 state (subset). */
export interface FauxqsS3Store {
  persistence: unknown;
  createBucket(name: string): void;
  hasBucket(name: string): boolean;
  /** Throws an S3Error (NoSuchBucket / NoSuchKey) when absent. Does not load the body. */
  headObject(bucket: string, key: string): FauxqsS3ObjectHead;
}

/** fauxqs's SQLite persistence (`<dataDir>/fauxqs.db`). */
export interface FauxqsPersistenceManager {
  load(sqs: FauxqsSqsStore, sns: FauxqsSnsStore, s3: FauxqsS3Store): void;
  close(): void;
}

export interface FauxqsInternals {
  version: string;
  SqsStore: FauxqsSqsStoreClass;
  SnsStore: new () => FauxqsSnsStore;
  S3Store: new () => FauxqsS3Store;
  PersistenceManager: new (dataDir: string) => FauxqsPersistenceManager;
}

let cached: Promise<FauxqsInternals> | undefined;

/** Loads (once per process) the fauxqs store and persistence classes. */
export function loadFauxqsInternals(): Promise<FauxqsInternals> {
  cached ??= load().catch((err: unknown) => {
    cached = undefined;
    throw err;
  });
  return cached;
}

async function load(): Promise<FauxqsInternals> {
  const entry = import.meta.resolve('fauxqs'); // .../fauxqs/dist/app.js
  const at = (rel: string): string => new URL(rel, entry).href;
  const pkg = JSON.parse(readFileSync(new URL('../package.json', entry), 'utf8')) as {
    version?: string;
  };
  const version = pkg.version ?? 'unknown';
  const [sqs, sns, s3, persistence] = await Promise.all([
    import(at('./sqs/sqsStore.js')) as Promise<Record<string, unknown>>,
    import(at('./sns/snsStore.js')) as Promise<Record<string, unknown>>,
    import(at('./s3/s3Store.js')) as Promise<Record<string, unknown>>,
    import(at('./persistence.js')) as Promise<Record<string, unknown>>,
  ]);
  const SqsStore = sqs['SqsStore'];
  const SnsStore = sns['SnsStore'];
  const S3Store = s3['S3Store'];
  const PersistenceManager = persistence['PersistenceManager'];
  const ok =
    typeof SqsStore === 'function' &&
    typeof (SqsStore as { createMessage?: unknown }).createMessage === 'function' &&
    typeof SnsStore === 'function' &&
    typeof S3Store === 'function' &&
    typeof PersistenceManager === 'function' &&
    typeof (S3Store.prototype as { headObject?: unknown }).headObject === 'function' &&
    typeof (PersistenceManager.prototype as { load?: unknown }).load === 'function';
  if (!ok) {
    throw new Error(
      `fauxqs ${version}: its internal store/persistence classes are not where the local stack ` +
        `expects them (written for fauxqs 2.4.x, see shared/local/services/fauxqs-internals.ts)`,
    );
  }
  return {
    version,
    SqsStore: SqsStore as FauxqsSqsStoreClass,
    SnsStore: SnsStore as new () => FauxqsSnsStore,
    S3Store: S3Store as new () => FauxqsS3Store,
    PersistenceManager: PersistenceManager as new (dataDir: string) => FauxqsPersistenceManager,
  };
}
