/**
 * The S3 + SQS emulator of the local stack: fauxqs, in this process, behind a small HTTP gateway.
 *
 *   SDK clients / fetch ──> gateway http://127.0.0.1:<port> ──> fauxqs http://127.0.0.1:<internal>
 *
 * fauxqs does the S3 and SQS work (queues with RedrivePolicy, long polling, objects; SQLite
 * persistence in `dataDir`). It checks no signature and sends no S3 event notifications, which
 * the receipt pipeline depends on; the gateway adds, as AWS does:
 * - presigned-URL (SigV4 query) verification, so an expired, tampered or misused upload URL is
 *   refused with 403 (see ./s3-auth.ts), and body checks (length, checksums);
 * - S3 event notifications: after a successful PutObject (also CopyObject and
 *   CompleteMultipartUpload) whose key matches a configured prefix/suffix, an `S3Event` JSON
 *   message, as S3 would send it, is put on the configured queue.
 * Everything else is forwarded unchanged (bodies streamed both ways, headers kept, Host included).
 *
 * Both servers listen on 127.0.0.1 only. S3 clients must use path-style addressing
 * (`forcePathStyle: true`) since the endpoint is an IP address.
 */
import { type IncomingMessage, type ServerResponse, Agent, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { pipeline } from 'node:stream';
import { randomBytes } from 'node:crypto';
import type { S3Event, S3EventRecord } from 'aws-lambda';
import { type BuildAppOptions, buildApp } from 'fauxqs';
import {
  type FauxqsS3ObjectHead,
  type FauxqsSqsQueue,
  type FauxqsSqsStore,
  loadFauxqsInternals,
} from './fauxqs-internals';
import { BodyVerifier, PresignedUrlVerifier, S3RequestError, parseRawQuery } from './s3-auth';

export interface EmulatorQueueConfig {
  name: string;
  /** Dead-letter queue: created first; messages received more than maxReceiveCount times move there. */
  dlq?: { name: string; maxReceiveCount: number };
  /** Default visibility timeout of the queue (SQS default: 30). */
  visibilityTimeoutSeconds?: number;
}

export interface EmulatorNotificationConfig {
  /** Only keys starting with this prefix (S3 filter rule `prefix`). */
  prefix?: string;
  /** Only keys ending with this suffix (S3 filter rule `suffix`). */
  suffix?: string;
  /** Queue (one of `queues`, or a DLQ) that receives the S3Event messages. */
  queueName: string;
  /** `s3.configurationId` in the events (default `<bucket>-to-<queueName>`). */
  id?: string;
}

export interface EmulatorBucketConfig {
  name: string;
  /** `s3:ObjectCreated:*` notifications to SQS. Filters may not overlap (as in S3). */
  notifications?: EmulatorNotificationConfig[];
}

export interface AwsEmulatorOptions {
  /** Directory for persistent state (`fauxqs.db`, SQLite); in memory when unset. */
  dataDir?: string;
  /** Gateway port on 127.0.0.1; 0 or undefined = a free port. */
  port?: number;
  /** Region of the queues, ARNs and presigned URLs (default eu-west-3). */
  region?: string;
  queues: EmulatorQueueConfig[];
  buckets: EmulatorBucketConfig[];
  /** Where the gateway reports problems (failed notification, upstream error). Default: console.warn. */
  log?: (msg: string, data?: unknown) => void;
}

export interface RunningEmulator {
  /** The gateway, for S3 (path-style) and SQS clients: `http://127.0.0.1:<port>`. */
  endpoint: string;
  region: string;
  /** The only credentials accepted for presigned URLs. Not a secret: loopback only. */
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Queue URL on the gateway: `<endpoint>/000000000000/<name>`. */
  queueUrl(name: string): string;
  /** `arn:aws:sqs:<region>:000000000000:<name>`. */
  queueArn(name: string): string;
  /** Milliseconds taken by startAwsEmulator (load, restore from dataDir, listen, create resources). */
  startupMs: number;
  /** Closes the gateway and fauxqs (and its SQLite file). Idempotent. */
  stop(): Promise<void>;
}

export const EMULATOR_DEFAULT_REGION = 'eu-west-3';
/**
 * Static credentials of the local stack. Alphanumeric on purpose: DynamoDB Local rejects access
 * key ids with other characters, and the local stack uses one pair for every service.
 */
export const EMULATOR_CREDENTIALS = {
  accessKeyId: 'cabaslocal',
  secretAccessKey: 'cabaslocalsecret',
} as const;
/** The account id fauxqs uses in queue URLs and ARNs. */
export const EMULATOR_ACCOUNT_ID = '000000000000';

/** Hop-by-hop headers: not forwarded by the gateway in either direction. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'upgrade', 'expect', 'te', 'trailer']);

type CreationEvent = 'ObjectCreated:Put' | 'ObjectCreated:Copy' | 'ObjectCreated:CompleteMultipartUpload';

interface S3Route {
  bucket: string;
  /** Decoded object key ('' for bucket-level requests). */
  key: string;
}

/** Starts fauxqs and its gateway, then creates the queues (DLQs first) and buckets idempotently. */
export async function startAwsEmulator(opts: AwsEmulatorOptions): Promise<RunningEmulator> {
  const startedAt = performance.now();
  const region = opts.region ?? EMULATOR_DEFAULT_REGION;
  const credentials = { ...EMULATOR_CREDENTIALS };
  const log = opts.log ?? ((msg: string, data?: unknown) => console.warn(`[aws-emulator] ${msg}`, data ?? ''));
  validateConfig(opts);

  // fauxqs, wired like startFauxqs() does, but listening on loopback only.
  const fq = await loadFauxqsInternals();
  const sqsStore = new fq.SqsStore();
  const snsStore = new fq.SnsStore();
  const s3Store = new fq.S3Store();
  const persistence = opts.dataDir ? new fq.PersistenceManager(resolve(opts.dataDir)) : undefined;
  if (persistence) {
    // Load before wiring, so that loading does not write back (as startFauxqs does).
    persistence.load(sqsStore, snsStore, s3Store);
    sqsStore.persistence = persistence;
    snsStore.persistence = persistence;
    s3Store.persistence = persistence;
    for (const queue of sqsStore.allQueues()) (queue as FauxqsSqsQueue & { persistence: unknown }).persistence = persistence;
  }
  const app = buildApp({
    logger: false,
    defaultRegion: region,
    stores: { sqsStore, snsStore, s3Store } as unknown as NonNullable<BuildAppOptions['stores']>,
  });
  // Queue URLs made by CreateQueue through the gateway: on the request's Host (the gateway).
  sqsStore.host = '';
  if (persistence) app.addHook('onClose', () => persistence.close());
  let internalPort: number;
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    internalPort = (app.server.address() as AddressInfo).port;
  } catch (err) {
    persistence?.close();
    throw err;
  }

  const agent = new Agent({ keepAlive: true });
  const verifier = new PresignedUrlVerifier(credentials, region);
  const notifications = new Map(opts.buckets.map((b) => [b.name, b.notifications ?? []]));
  let sequence = 0n;

  const gateway = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log('gateway error', err);
      if (!res.headersSent) sendS3Error(res, new S3RequestError(500, 'InternalError', 'We encountered an internal error. Please try again.'));
      else res.destroy();
    });
  });
  gateway.requestTimeout = 0; // long polls and big uploads: fauxqs applies its own limits
  try {
    await new Promise<void>((ok, fail) => {
      gateway.once('error', fail);
      gateway.listen(opts.port ?? 0, '127.0.0.1', () => {
        gateway.off('error', fail);
        ok();
      });
    });
  } catch (err) {
    await app.close();
    throw err;
  }
  const endpoint = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
  const queueUrl = (name: string): string => `${endpoint}/${EMULATOR_ACCOUNT_ID}/${name}`;
  const queueArn = (name: string): string => `arn:aws:sqs:${region}:${EMULATOR_ACCOUNT_ID}:${name}`;

  // Queues restored from dataDir carry the URL of a previous gateway port: move them to this one.
  for (const queue of [...sqsStore.queues.values()]) {
    const url = queueUrl(queue.name);
    if (queue.url !== url) {
      sqsStore.queues.delete(queue.url);
      queue.url = url;
      sqsStore.queues.set(url, queue);
    }
  }
  try {
    ensureQueues(sqsStore, opts.queues, queueUrl, queueArn);
    for (const bucket of opts.buckets) s3Store.createBucket(bucket.name);
  } catch (err) {
    gateway.close();
    await app.close();
    throw err;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    const qIndex = rawUrl.indexOf('?');
    const rawPath = qIndex === -1 ? rawUrl : rawUrl.slice(0, qIndex);
    const query = parseRawQuery(qIndex === -1 ? '' : rawUrl.slice(qIndex + 1));
    const method = (req.method ?? 'GET').toUpperCase();
    const route = parseS3Route(rawPath);

    if (query.some(([k]) => k === 'X-Amz-Signature')) {
      try {
        await verifier.verify({ method, path: rawPath, query, headers: req.headers });
      } catch (err) {
        if (err instanceof S3RequestError) return sendS3Error(res, err);
        throw err;
      }
    }
    const creation = route ? creationEvent(method, route, query, req.headers) : undefined;
    const bodyCheck = method === 'PUT' && route?.key ? BodyVerifier.forRequest(req.headers) : undefined;
    forward(req, res, bodyCheck, (status, upstreamRes) => {
      if (creation && route && status === 200) notify(creation, route, req, upstreamRes);
    });
  }

  /** Streams the request to fauxqs and its answer back; `onStatus` runs before the answer is relayed. */
  function forward(
    req: IncomingMessage,
    res: ServerResponse,
    bodyCheck: BodyVerifier | undefined,
    onStatus: (status: number, upstreamRes: IncomingMessage) => void,
  ): void {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    }
    const upstream = httpRequest({
      host: '127.0.0.1',
      port: internalPort,
      method: req.method,
      path: req.url,
      headers,
      agent,
    });
    upstream.on('response', (upstreamRes) => {
      const status = upstreamRes.statusCode ?? 502;
      try {
        onStatus(status, upstreamRes);
      } catch (err) {
        log('after-response hook failed', err);
      }
      const out: string[] = [];
      for (let i = 0; i + 1 < upstreamRes.rawHeaders.length; i += 2) {
        const name = upstreamRes.rawHeaders[i] ?? '';
        if (!HOP_BY_HOP.has(name.toLowerCase()) && name.toLowerCase() !== 'transfer-encoding') {
          out.push(name, upstreamRes.rawHeaders[i + 1] ?? '');
        }
      }
      res.writeHead(status, upstreamRes.statusMessage, out);
      pipeline(upstreamRes, res, () => {});
    });
    let requestFailed = false; // the body check failed or the client went away: answered below
    upstream.on('error', (err) => {
      if (requestFailed || bodyCheck?.failure || (req.destroyed && !req.complete)) return;
      if (!res.headersSent) {
        log(`upstream error on ${req.method} ${req.url}`, err);
        sendS3Error(res, new S3RequestError(502, 'BadGateway', 'The local S3/SQS emulator did not answer.'));
      } else {
        res.destroy();
      }
    });
    const done = (err: Error | null): void => {
      if (!err) return;
      requestFailed = true;
      upstream.destroy();
      const failure = bodyCheck?.failure;
      if (failure && !res.headersSent) sendS3Error(res, failure);
      else if (!res.headersSent && req.destroyed) res.destroy();
    };
    if (bodyCheck) pipeline(req, bodyCheck, upstream, done);
    else pipeline(req, upstream, done);
  }

  /** Puts an S3Event on every queue whose notification filter matches the new object. */
  function notify(eventName: CreationEvent, route: S3Route, req: IncomingMessage, upstreamRes: IncomingMessage): void {
    const matching = (notifications.get(route.bucket) ?? []).filter(
      (n) => route.key.startsWith(n.prefix ?? '') && route.key.endsWith(n.suffix ?? ''),
    );
    if (matching.length === 0) return;
    let head: FauxqsS3ObjectHead;
    try {
      head = s3Store.headObject(route.bucket, route.key);
    } catch (err) {
      log(`S3 notification skipped: ${route.bucket}/${route.key} not found after ${eventName}`, err);
      return;
    }
    sequence += 1n;
    const sequencer = (BigInt(Date.now()) * 1_000_000n + (sequence % 1_000_000n)).toString(16).toUpperCase().padStart(18, '0');
    const requestId = headerValue(upstreamRes.headers['x-amz-request-id']) ?? randomId();
    const hostId = headerValue(upstreamRes.headers['x-amz-id-2']) ?? 'cabas-local';
    for (const n of matching) {
      const record: S3EventRecord = {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: region,
        eventTime: new Date().toISOString(),
        eventName,
        userIdentity: { principalId: `AWS:${credentials.accessKeyId}` },
        requestParameters: { sourceIPAddress: clientIp(req) },
        responseElements: { 'x-amz-request-id': requestId, 'x-amz-id-2': hostId },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: n.id ?? `${route.bucket}-to-${n.queueName}`,
          bucket: {
            name: route.bucket,
            ownerIdentity: { principalId: EMULATOR_ACCOUNT_ID },
            arn: `arn:aws:s3:::${route.bucket}`,
          },
          object: {
            key: encodeS3EventKey(route.key),
            size: head.contentLength,
            eTag: head.etag.replace(/"/g, ''),
            sequencer,
          },
        },
      };
      const event: S3Event = { Records: [record] };
      const queue = sqsStore.getQueueByName(n.queueName);
      if (!queue) {
        log(`S3 notification lost: queue ${n.queueName} does not exist`);
        continue;
      }
      queue.enqueue(fq.SqsStore.createMessage(JSON.stringify(event)));
    }
  }

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      const closed = new Promise<void>((ok) => gateway.close(() => ok()));
      gateway.closeIdleConnections();
      // fauxqs answers pending long polls on close, then closes its SQLite file.
      await app.close();
      agent.destroy();
      gateway.closeAllConnections();
      await closed;
    })();
    return stopping;
  };

  return {
    endpoint,
    region,
    credentials,
    queueUrl,
    queueArn,
    startupMs: Math.round(performance.now() - startedAt),
    stop,
  };
}

/** Creates or updates the queues: DLQs first, then the others with their RedrivePolicy. */
function ensureQueues(
  store: FauxqsSqsStore,
  queues: EmulatorQueueConfig[],
  queueUrl: (name: string) => string,
  queueArn: (name: string) => string,
): void {
  const wanted = new Map<string, Record<string, string>>();
  for (const q of queues) {
    if (q.dlq && !wanted.has(q.dlq.name)) wanted.set(q.dlq.name, { VisibilityTimeout: '30', RedrivePolicy: '' });
  }
  for (const q of queues) {
    wanted.set(q.name, {
      VisibilityTimeout: String(q.visibilityTimeoutSeconds ?? 30),
      RedrivePolicy: q.dlq
        ? JSON.stringify({ deadLetterTargetArn: queueArn(q.dlq.name), maxReceiveCount: q.dlq.maxReceiveCount })
        : '',
    });
  }
  for (const [name, attrs] of wanted) {
    const existing = store.getQueueByName(name);
    if (!existing) {
      const initial = Object.fromEntries(Object.entries(attrs).filter(([, v]) => v !== ''));
      store.createQueue(name, queueUrl(name), queueArn(name), initial);
      continue;
    }
    const changes: Record<string, string> = {};
    for (const [k, v] of Object.entries(attrs)) {
      if ((existing.attributes[k] ?? '') !== v) changes[k] = v;
    }
    if (Object.keys(changes).length > 0) existing.setAttributes(changes);
  }
}

function validateConfig(opts: AwsEmulatorOptions): void {
  const queueNames = new Set<string>();
  for (const q of opts.queues) {
    queueNames.add(q.name);
    if (q.dlq) {
      queueNames.add(q.dlq.name);
      if (!Number.isInteger(q.dlq.maxReceiveCount) || q.dlq.maxReceiveCount < 1 || q.dlq.maxReceiveCount > 1000) {
        throw new Error(`Queue ${q.name}: dlq.maxReceiveCount must be an integer from 1 to 1000`);
      }
    }
  }
  for (const b of opts.buckets) {
    const ns = b.notifications ?? [];
    for (const n of ns) {
      if (!queueNames.has(n.queueName)) {
        throw new Error(`Bucket ${b.name}: notification to unknown queue ${n.queueName}`);
      }
    }
    // S3 refuses overlapping filters for the same event type ("Configurations overlap").
    for (let i = 0; i < ns.length; i++) {
      for (let j = i + 1; j < ns.length; j++) {
        const a = ns[i];
        const c = ns[j];
        if (!a || !c) continue;
        const pa = a.prefix ?? '';
        const pc = c.prefix ?? '';
        const sa = a.suffix ?? '';
        const sc = c.suffix ?? '';
        if ((pa.startsWith(pc) || pc.startsWith(pa)) && (sa.endsWith(sc) || sc.endsWith(sa))) {
          throw new Error(`Bucket ${b.name}: notification filters overlap (${pa}*${sa} and ${pc}*${sc})`);
        }
      }
    }
  }
}

/** Path-style S3 route: `/bucket` or `/bucket/key...`; undefined for `/` (SQS, ListBuckets). */
function parseS3Route(rawPath: string): S3Route | undefined {
  const m = /^\/([^/]+)(?:\/(.*))?$/.exec(rawPath);
  if (!m || !m[1]) return undefined;
  try {
    return { bucket: decodeURIComponent(m[1]), key: decodeURIComponent(m[2] ?? '') };
  } catch {
    return undefined;
  }
}

/** Query parameters that only carry authentication or SDK hints, not a sub-resource. */
function isAuthOrHintParam(name: string): boolean {
  return name.toLowerCase().startsWith('x-amz-') || name === 'x-id';
}

/** Which ObjectCreated event a successful request produces, if any. */
function creationEvent(
  method: string,
  route: S3Route,
  query: Array<[string, string]>,
  headers: IncomingMessage['headers'],
): CreationEvent | undefined {
  if (!route.key) return undefined;
  const subresources = query.filter(([k]) => !isAuthOrHintParam(k)).map(([k]) => k);
  if (method === 'PUT' && subresources.length === 0) {
    return headers['x-amz-copy-source'] ? 'ObjectCreated:Copy' : 'ObjectCreated:Put';
  }
  if (method === 'POST' && subresources.length === 1 && subresources[0] === 'uploadId') {
    return 'ObjectCreated:CompleteMultipartUpload';
  }
  return undefined;
}

/**
 * Encodes an object key as S3 does in event notifications: form-URL-encoding (space as `+`,
 * UTF-8 percent-escapes) but with `/` kept. Decode with `decodeURIComponent(key.replace(/\+/g, ' '))`.
 */
export function encodeS3EventKey(key: string): string {
  let out = '';
  for (const byte of Buffer.from(key, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.*/]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function sendS3Error(res: ServerResponse, err: S3RequestError): void {
  const requestId = randomId();
  const body = err.toXml(requestId);
  res.writeHead(err.status, {
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(body),
    'x-amz-request-id': requestId,
  });
  res.end(body);
}

function clientIp(req: IncomingMessage): string {
  return (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function randomId(): string {
  return randomBytes(8).toString('hex').toUpperCase();
}
