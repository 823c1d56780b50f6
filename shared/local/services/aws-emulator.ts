/**
 * The S3 + SQS emulator of the local stack: fauxqs, in this process, behind a small HTTP gateway.
 *
 *   SDK clients / fetch ──> gateway http://127.0.0.1:<port> ──> fauxqs http://127.0.0.1:<internal>
 *
 * fauxqs does the S3 and SQS work (queues with RedrivePolicy, long polling, objects; SQLite
 * persistence in `dataDir`). It checks no signature, ignores conditional writes and sends no S3
 * event notifications, which the receipt pipeline depends on; the gateway adds, as AWS does:
 * - authentication of every request (see ./s3-auth/): a valid presigned URL (SigV4 query) or a
 *   SigV4 Authorization header (what the SDK clients send), both with the emulator's credentials.
 *   Anything else (no signature, a tampered or expired one, other credentials) is refused with an
 *   S3 error (403 AccessDenied, SignatureDoesNotMatch...; JSON errors for SQS) and never reaches
 *   fauxqs. Body checks (length, checksums) on top;
 * - conditional writes: PutObject with `If-None-Match: *` (create only) or `If-Match: <etag>`
 *   answers 412 PreconditionFailed, or 409 ConditionalRequestConflict while another write of the
 *   key is in flight, as S3 does;
 * - S3 event notifications: after a successful PutObject (also CopyObject and
 *   CompleteMultipartUpload) whose key matches a configured prefix/suffix, an `S3Event` JSON
 *   message, as S3 would send it, is put on the configured queue.
 * Everything else is forwarded unchanged (bodies streamed both ways, headers kept, Host included).
 *
 * Both servers listen on 127.0.0.1 only, and fauxqs answers only requests that carry a secret
 * the gateway adds (so the gateway's checks cannot be bypassed through fauxqs's own port). S3
 * clients must use path-style addressing (`forcePathStyle: true`) since the endpoint is an IP address.
 */
import { type IncomingMessage, type ServerResponse, Agent, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { Readable, pipeline } from 'node:stream';
import { createHash, randomBytes } from 'node:crypto';
import type { S3Event, S3EventRecord } from 'aws-lambda';
import { type BuildAppOptions, buildApp } from 'fauxqs';
import {
  type FauxqsS3ObjectHead,
  type FauxqsSqsQueue,
  type FauxqsSqsStore,
  loadFauxqsInternals,
} from './fauxqs-internals';
import { BodyVerifier, HeaderSignatureVerifier, PresignedUrlVerifier, S3RequestError, parseRawQuery } from './s3-auth';
import {
  answerCors,
  clientIp,
  type CreationEvent,
  creationEvent,
  encodeS3EventKey,
  headerValue,
  HOP_BY_HOP,
  parseS3Route,
  randomId,
  readSmallBody,
  type RequestService,
  type S3Route,
  sendError,
  sendS3Error,
  serviceOf,
  unquote,
} from './aws-emulator-http';
export { encodeS3EventKey } from './aws-emulator-http';
import { validateConfig, type AwsEmulatorOptions, type EmulatorQueueConfig } from './aws-emulator-config';
export type { AwsEmulatorOptions, EmulatorBucketConfig, EmulatorNotificationConfig, EmulatorQueueConfig } from './aws-emulator-config';

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
  /** fauxqs's own address behind the gateway: it refuses every request that did not come through the gateway. */
  internalEndpoint: string;
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

/** The header carrying the gateway's secret to fauxqs (whose port answers nothing without it). */
const INTERNAL_TOKEN_HEADER = 'x-cabas-gateway-token';

/** Largest body of an SQS (or SNS) request read to check its signature (SQS messages: 1 MiB at most). */
const MAX_SIGNED_BODY_BYTES = 2 * 1024 * 1024;

/** What the gateway uses of fauxqs's (Fastify) reply, to refuse a request that did not come through it. */
interface InternalReply {
  code(status: number): InternalReply;
  header(name: string, value: string): InternalReply;
  send(body: string): unknown;
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
  // fauxqs answers the gateway only: its port is on loopback too, and must not be a way around
  // the gateway's checks for anyone else on this machine.
  const internalToken = randomBytes(24).toString('hex');
  app.addHook('onRequest', async (request: { headers: IncomingMessage['headers'] }, reply: InternalReply) => {
    if (request.headers[INTERNAL_TOKEN_HEADER] === internalToken) return;
    const err = new S3RequestError(403, 'AccessDenied', 'Access Denied');
    return reply.code(403).header('content-type', 'application/xml').send(err.toXml(randomId()));
  });
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
  const headerVerifier = new HeaderSignatureVerifier(credentials, region);
  /** Object writes (PUT) in flight, by `bucket/key`: a conditional write meeting one gets 409. */
  const writesInFlight = new Map<string, number>();
  const notifications = new Map(opts.buckets.map((b) => [b.name, b.notifications ?? []]));
  let sequence = 0n;

  const gateway = createServer((req, res) => {
    if (answerCors(req, res)) return;
    handle(req, res).catch((err: unknown) => {
      log('gateway error', err);
      if (!res.headersSent) sendError(res, new S3RequestError(500, 'InternalError', 'We encountered an internal error. Please try again.'), serviceOf(req));
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
    const service = serviceOf(req);
    const route = service === 's3' ? parseS3Route(rawPath) : undefined;

    let body: Buffer | undefined;
    try {
      body = await authenticate(req, method, rawPath, query, service);
    } catch (err) {
      if (err instanceof S3RequestError) return sendError(res, err, service);
      throw err;
    }
    const creation = route ? creationEvent(method, route, query, req.headers) : undefined;
    // Object writes: conditional ones checked (and in-flight ones counted) here, since fauxqs ignores the headers.
    const written = creation === 'ObjectCreated:Put' || creation === 'ObjectCreated:Copy' ? route : undefined;
    if (written) {
      const refusal = creation === 'ObjectCreated:Put' ? writePreconditionFailure(written, req.headers) : undefined;
      if (refusal) return sendS3Error(res, refusal);
      const id = `${written.bucket}/${written.key}`;
      writesInFlight.set(id, (writesInFlight.get(id) ?? 0) + 1);
      res.once('close', () => {
        const left = (writesInFlight.get(id) ?? 1) - 1;
        if (left > 0) writesInFlight.set(id, left);
        else writesInFlight.delete(id);
      });
    }
    // S3 bodies stream through, checked on the way (length, declared digests); others were read.
    const bodyCheck = service === 's3' ? BodyVerifier.forRequest(req.headers) : undefined;
    forward(req, res, service, body, bodyCheck, (status, upstreamRes) => {
      if (creation && route && status === 200) notify(creation, route, req, upstreamRes);
    });
  }

  /**
   * Lets through a request signed by the emulator's credentials only: presigned (S3) or with a
   * SigV4 Authorization header. Returns the body when it had to be read to check the signature
   * (SQS requests, whose signature covers the body's hash); throws S3RequestError otherwise.
   */
  async function authenticate(
    req: IncomingMessage,
    method: string,
    rawPath: string,
    query: Array<[string, string]>,
    service: RequestService,
  ): Promise<Buffer | undefined> {
    const presigned = query.some(([k]) => k === 'X-Amz-Signature' || k === 'X-Amz-Algorithm' || k === 'X-Amz-Credential');
    const authorization = req.headers.authorization;
    if (presigned && authorization !== undefined) {
      throw new S3RequestError(
        400,
        'InvalidArgument',
        'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
      );
    }
    if (presigned && service === 's3') {
      await verifier.verify({ method, path: rawPath, query, headers: req.headers });
      return undefined;
    }
    if (authorization === undefined || presigned) throw new S3RequestError(403, 'AccessDenied', 'Access Denied');
    const declared = headerValue(req.headers['x-amz-content-sha256']);
    if (service === 's3') {
      // S3 signs the payload hash the client declares (the body is checked against a hex one as it
      // streams through, see BodyVerifier); it requires one.
      if (declared === undefined) throw new S3RequestError(400, 'InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
      headerVerifier.verify({ method, path: rawPath, query, headers: req.headers, payloadHash: declared }, ['s3']);
      return undefined;
    }
    // SQS (and SNS, STS): the signature covers the body itself, whatever hash the client declares
    // (the SDK declares the true one): read it (small) and hash it.
    const body = await readSmallBody(req, MAX_SIGNED_BODY_BYTES);
    const payloadHash = createHash('sha256').update(body).digest('hex');
    headerVerifier.verify({ method, path: rawPath, query, headers: req.headers, payloadHash }, service === 'sqs' ? ['sqs'] : ['sns', 'sts', 'sqs']);
    return body;
  }

  /** S3's conditional writes on PutObject, which fauxqs ignores; undefined when the write may go on. */
  function writePreconditionFailure(route: S3Route, headers: IncomingMessage['headers']): S3RequestError | undefined {
    const ifNoneMatch = headerValue(headers['if-none-match']);
    const ifMatch = headerValue(headers['if-match']);
    if (ifNoneMatch === undefined && ifMatch === undefined) return undefined;
    if ((ifNoneMatch !== undefined && ifNoneMatch.trim() !== '*') || (ifNoneMatch !== undefined && ifMatch !== undefined)) {
      return new S3RequestError(501, 'NotImplemented', 'A header you provided implies functionality that is not implemented', {
        Header: ifMatch !== undefined && ifNoneMatch !== undefined ? 'If-Match, If-None-Match' : 'If-None-Match',
      });
    }
    if ((writesInFlight.get(`${route.bucket}/${route.key}`) ?? 0) > 0) {
      return new S3RequestError(409, 'ConditionalRequestConflict', 'A conflicting conditional operation is currently in progress against this resource. Try again.');
    }
    let head: FauxqsS3ObjectHead | undefined;
    try {
      head = s3Store.headObject(route.bucket, route.key);
    } catch {
      head = undefined; // no such key (or bucket: fauxqs answers that one)
    }
    const failed = (condition: string) =>
      new S3RequestError(412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', { Condition: condition });
    if (ifNoneMatch !== undefined) return head ? failed('If-None-Match') : undefined;
    if (!head) return new S3RequestError(404, 'NoSuchKey', 'The specified key does not exist.', { Key: route.key });
    return unquote(ifMatch ?? '') === unquote(head.etag) ? undefined : failed('If-Match');
  }

  /** Streams the request to fauxqs and its answer back; `onStatus` runs before the answer is relayed. */
  function forward(
    req: IncomingMessage,
    res: ServerResponse,
    service: RequestService,
    body: Buffer | undefined,
    bodyCheck: BodyVerifier | undefined,
    onStatus: (status: number, upstreamRes: IncomingMessage) => void,
  ): void {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    }
    headers[INTERNAL_TOKEN_HEADER] = internalToken;
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
        sendError(res, new S3RequestError(502, 'BadGateway', 'The local S3/SQS emulator did not answer.'), service);
      } else {
        res.destroy();
      }
    });
    const done = (err: Error | null): void => {
      if (!err) return;
      requestFailed = true;
      upstream.destroy();
      const failure = bodyCheck?.failure;
      if (failure && !res.headersSent) sendError(res, failure, service);
      else if (!res.headersSent && req.destroyed) res.destroy();
    };
    if (body) pipeline(Readable.from([body]), upstream, done);
    else if (bodyCheck) pipeline(req, bodyCheck, upstream, done);
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
    internalEndpoint: `http://127.0.0.1:${internalPort}`,
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
