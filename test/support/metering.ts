/**
 * Metering of AWS SDK v3 calls, for `npm run bench:cost` (test/bench/cost.ts): a middleware added
 * to a client's middlewareStack (DynamoDBClient, which the document client shares, S3Client,
 * SQSClient, any other) records every call under the current stage label: the service, the
 * command, whether it was a presign only (no request sent), the billed requests (SQS: one per
 * 64 KiB chunk of the payload) and, for DynamoDB, the read and write request units consumed.
 *
 * DynamoDB units: `ReturnConsumedCapacity: 'TOTAL'` is injected into the input of every command
 * that accepts it (initialize step) and `ConsumedCapacity` read from the output (an object, or a
 * list per table for Transact* and Batch*). When the output has none or only zeros (a failed
 * conditional write: the exception carries no capacity; DynamoDB Local's answer to a Query that
 * finds nothing, which DynamoDB bills at its minimum), the units are
 * computed from the item sizes as DynamoDB bills on-demand requests: reads 4 KB per strongly
 * consistent RRU, half for eventually consistent ones, twice for transactional ones; writes 1 KB
 * per WRU, twice when transactional; plus one write per global secondary index whose key the
 * written item carries (indexes projecting ALL). Each record says which it used.
 *
 * The stage label comes from `meter.stage(label, fn)` (AsyncLocalStorage: calls started inside fn,
 * awaited or not, are labelled). Calls outside any stage go under 'unlabelled'.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { BucketClient, PutOptions } from '../../shared/adapters/aws/s3-rest';

export type CapacitySource = 'reported' | 'computed' | 'none';

export interface MeterRecord {
  stage: string;
  /** 'DynamoDB', 'S3', 'SQS', ... (the client's name without "Client"). */
  service: string;
  /** The SDK command without "Command": PutItem, GetObject, SendMessage... */
  command: string;
  /** Requests billed: 0 for a presign, SQS counts one per 64 KiB chunk of its payload, else 1. */
  billedRequests: number;
  /** Read and write request units (DynamoDB), with where they came from. */
  rru: number;
  wru: number;
  capacity: CapacitySource;
  /** The call failed (a refused condition still consumes capacity). */
  failed: boolean;
  /** A presigned URL was made: no request was sent. */
  presigned: boolean;
}

export interface MeterOptions {
  /** Global secondary indexes of the tables (all projecting ALL), for computed write units. */
  dynamoIndexes?: ReadonlyArray<{ name: string; partitionKey: string }>;
}

/** What a middleware stack must offer (every AWS SDK v3 client's has this). */
export interface MeterableClient {
  middlewareStack: { add: (...args: never[]) => unknown };
}

interface Stack {
  add(middleware: Middleware, options: { step: 'initialize' | 'build'; name: string; priority?: 'high' | 'normal' | 'low'; override?: boolean }): void;
}

type Json = Record<string, unknown>;
type Handler = (args: { input: Json }) => Promise<{ output: Json; response?: unknown }>;
type Middleware = (next: Handler, context: { commandName?: string; clientName?: string }) => Handler;

const DYNAMO_CAPACITY_COMMANDS = new Set([
  'GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'Scan', 'BatchGetItem', 'BatchWriteItem',
  'TransactGetItems', 'TransactWriteItems', 'ExecuteStatement', 'BatchExecuteStatement', 'ExecuteTransaction',
]);
const DYNAMO_READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);
const SQS_CHUNK = 64 * 1024;

export class Meter {
  readonly records: MeterRecord[] = [];
  private readonly label = new AsyncLocalStorage<string>();

  constructor(private readonly options: MeterOptions = {}) {}

  /** Runs fn with every SDK call it makes recorded under `label`. */
  stage<T>(label: string, fn: () => Promise<T>): Promise<T> {
    return this.label.run(label, fn);
  }

  get currentStage(): string {
    return this.label.getStore() ?? 'unlabelled';
  }

  /** Records a request made outside the SDK clients (e.g. a PUT to a presigned URL). */
  count(stage: string, service: string, command: string, billedRequests = 1): void {
    this.records.push({ stage, service, command, billedRequests, rru: 0, wru: 0, capacity: 'none', failed: false, presigned: false });
  }

  /** Adds the metering middlewares to a client; `service` defaults to the client's name. */
  attach<C extends MeterableClient>(client: C, service?: string): C {
    const inject: Middleware = (next, context) => async (args) => {
      const command = commandOf(context.commandName);
      if (serviceOf(context.clientName, service) === 'DynamoDB' && DYNAMO_CAPACITY_COMMANDS.has(command) && args.input.ReturnConsumedCapacity === undefined) {
        return next({ ...args, input: { ...args.input, ReturnConsumedCapacity: 'TOTAL' } });
      }
      return next(args);
    };
    // At the build step the document client has marshalled its input (just before serializing) and
    // not yet unmarshalled the output: item sizes are computed on attribute values, whichever
    // client sent the command. A presign is intercepted later (finalizeRequest): its output is seen.
    const record: Middleware = (next, context) => async (args) => {
      const stage = this.currentStage;
      const svc = serviceOf(context.clientName, service);
      const command = commandOf(context.commandName);
      try {
        const result = await next(args);
        this.records.push(this.recordOf(stage, svc, command, args.input, result.output, false));
        return result;
      } catch (err) {
        this.records.push(this.recordOf(stage, svc, command, args.input, undefined, true));
        throw err;
      }
    };
    const stack = client.middlewareStack as unknown as Stack;
    stack.add(inject, { step: 'initialize', name: 'cabasMeterInjectCapacity', override: true });
    stack.add(record, { step: 'build', name: 'cabasMeterRecord', priority: 'high', override: true });
    return client;
  }

  private recordOf(stage: string, service: string, command: string, input: Json, output: Json | undefined, failed: boolean): MeterRecord {
    const presigned = output !== undefined && 'presigned' in output;
    const base = { stage, service, command, failed, presigned };
    if (presigned) return { ...base, billedRequests: 0, rru: 0, wru: 0, capacity: 'none' };
    if (service === 'SQS') return { ...base, billedRequests: sqsBilledRequests(command, input), rru: 0, wru: 0, capacity: 'none' };
    if (service !== 'DynamoDB' || !DYNAMO_CAPACITY_COMMANDS.has(command)) return { ...base, billedRequests: 1, rru: 0, wru: 0, capacity: 'none' };
    const reported = output ? reportedUnits(command, output.ConsumedCapacity) : undefined;
    if (reported) return { ...base, billedRequests: 1, ...reported, capacity: 'reported' };
    return { ...base, billedRequests: 1, ...computedUnits(command, input, output, this.options.dynamoIndexes ?? []), capacity: 'computed' };
  }

  /**
   * The same counting for the functions' own DynamoDB client (shared/adapters/dynamodb/client/http.ts),
   * which does not go through the SDK: pass it as the client's `observer`.
   */
  tableObserver(): { prepare(operation: string, request: Json): Json; record(call: { operation: string; request: Json; response: Json | undefined }): void } {
    return {
      prepare: (operation, request) => (DYNAMO_CAPACITY_COMMANDS.has(operation) && request.ReturnConsumedCapacity === undefined ? { ...request, ReturnConsumedCapacity: 'TOTAL' } : request),
      record: (call) => {
        this.records.push(this.recordOf(this.currentStage, 'DynamoDB', call.operation, call.request, call.response, call.response === undefined));
      },
    };
  }

  /** A queue sender that does not go through the SDK (the functions' SqsJsonSender), counted as SendMessage calls. */
  queueSender<S extends { send(queueUrl: string, body: string): Promise<void> }>(sender: S): S {
    return Object.assign(Object.create(sender) as S, {
      send: (queueUrl: string, body: string) => this.counted('SQS', 'SendMessage', { QueueUrl: queueUrl, MessageBody: body }, () => sender.send(queueUrl, body)),
    });
  }

  /**
   * The functions' own S3 client (shared/adapters/aws/s3-rest.ts), counted as the SDK's commands
   * would be: one request per GetObject, PutObject and DeleteObject, none for a presigned URL.
   */
  bucket<B extends BucketClient>(bucket: B): B {
    return Object.assign(Object.create(bucket) as B, {
      getObject: (key: string) => this.counted('S3', 'GetObject', {}, () => bucket.getObject(key)),
      putObject: (key: string, body: string | Uint8Array, options?: PutOptions) => this.counted('S3', 'PutObject', {}, () => bucket.putObject(key, body, options)),
      deleteObject: (key: string) => this.counted('S3', 'DeleteObject', {}, () => bucket.deleteObject(key)),
      presign: async (method: 'GET' | 'PUT', key: string, expiresInSeconds: number, headers?: Record<string, string>) => {
        const stage = this.currentStage;
        const url = await bucket.presign(method, key, expiresInSeconds, headers);
        this.records.push(this.recordOf(stage, 'S3', method === 'PUT' ? 'PutObject' : 'GetObject', {}, { presigned: true }, false));
        return url;
      },
    });
  }

  /** Runs a call of a client that does not go through the SDK and records it, failed or not, under the stage it started in. */
  private async counted<T>(service: string, command: string, input: Json, call: () => Promise<T>): Promise<T> {
    const stage = this.currentStage;
    let failed = true;
    try {
      const out = await call();
      failed = false;
      return out;
    } finally {
      this.records.push(this.recordOf(stage, service, command, input, failed ? undefined : {}, failed));
    }
  }

  /** Records of one stage (all when unset). */
  of(stage?: string): MeterRecord[] {
    return stage === undefined ? this.records : this.records.filter((r) => r.stage === stage);
  }

  /** Totals of a stage: billed requests by "Service Command", RRU, WRU, and which capacity sources were seen. */
  totals(stage?: string): { requests: Record<string, number>; byService: Record<string, number>; rru: number; wru: number; sources: Set<CapacitySource> } {
    const requests: Record<string, number> = {};
    const byService: Record<string, number> = {};
    let rru = 0;
    let wru = 0;
    const sources = new Set<CapacitySource>();
    for (const r of this.of(stage)) {
      const key = `${r.service} ${r.command}${r.presigned ? ' (presign)' : ''}`;
      requests[key] = (requests[key] ?? 0) + r.billedRequests;
      byService[r.service] = (byService[r.service] ?? 0) + r.billedRequests;
      rru += r.rru;
      wru += r.wru;
      if (r.service === 'DynamoDB') sources.add(r.capacity);
    }
    return { requests, byService, rru, wru, sources };
  }

  /** Forgets what was recorded (e.g. after seeding). */
  reset(): void {
    this.records.length = 0;
  }
}

function commandOf(name: string | undefined): string {
  return (name ?? 'Unknown').replace(/Command$/, '');
}

function serviceOf(clientName: string | undefined, given: string | undefined): string {
  if (given) return given;
  const name = (clientName ?? 'Unknown').replace(/Client$/, '');
  return name === 'DynamoDBDocument' ? 'DynamoDB' : name;
}

function sqsBilledRequests(command: string, input: Json): number {
  const size = (s: unknown) => (typeof s === 'string' ? Buffer.byteLength(s) : 0);
  const attrs = (a: unknown) => (a && typeof a === 'object' ? Buffer.byteLength(JSON.stringify(a)) : 0);
  if (command === 'SendMessage') return Math.max(1, Math.ceil((size(input.MessageBody) + attrs(input.MessageAttributes)) / SQS_CHUNK));
  if (command === 'SendMessageBatch') {
    const entries = (input.Entries as Json[] | undefined) ?? [];
    const total = entries.reduce((s, e) => s + size(e.MessageBody) + attrs(e.MessageAttributes), 0);
    return Math.max(1, Math.ceil(total / SQS_CHUNK));
  }
  return 1;
}

// ------------------------------------------------------------------------------------- reported

interface Capacity {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

/** Units from ConsumedCapacity (one object, or a list per table); undefined when absent or all zero. */
export function reportedUnits(command: string, consumed: unknown): { rru: number; wru: number } | undefined {
  const list = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) as Capacity[];
  let rru = 0;
  let wru = 0;
  for (const c of list) {
    if (c.ReadCapacityUnits !== undefined || c.WriteCapacityUnits !== undefined) {
      rru += c.ReadCapacityUnits ?? 0;
      wru += c.WriteCapacityUnits ?? 0;
    } else if (DYNAMO_READS.has(command)) {
      rru += c.CapacityUnits ?? 0;
    } else {
      wru += c.CapacityUnits ?? 0;
    }
  }
  return rru + wru > 0 ? { rru, wru } : undefined;
}

// ------------------------------------------------------------------------------------- computed

const KB = 1024;

/** DynamoDB's item size: attribute names (UTF-8) plus values (attribute-value form). */
export function itemSize(item: unknown): number {
  if (!item || typeof item !== 'object') return 0;
  let size = 0;
  for (const [name, value] of Object.entries(item as Json)) size += Buffer.byteLength(name) + valueSize(value);
  return size;
}

function valueSize(v: unknown): number {
  if (!v || typeof v !== 'object') return 0;
  const a = v as Json;
  if (typeof a.S === 'string') return Buffer.byteLength(a.S);
  if (typeof a.N === 'string') return numberSize(a.N);
  if (a.B instanceof Uint8Array) return a.B.length;
  if (typeof a.B === 'string') return Buffer.from(a.B, 'base64').length;
  if (a.BOOL !== undefined || a.NULL !== undefined) return 1;
  if (Array.isArray(a.SS)) return (a.SS as string[]).reduce((s, x) => s + Buffer.byteLength(x), 0);
  if (Array.isArray(a.NS)) return (a.NS as string[]).reduce((s, x) => s + numberSize(x), 0);
  if (Array.isArray(a.BS)) return (a.BS as Uint8Array[]).reduce((s, x) => s + x.length, 0);
  if (Array.isArray(a.L)) return 3 + (a.L as unknown[]).reduce<number>((s, x) => s + 1 + valueSize(x), 0);
  if (a.M && typeof a.M === 'object') return 3 + Object.entries(a.M as Json).reduce((s, [k, x]) => s + 1 + Buffer.byteLength(k) + valueSize(x), 0);
  return 0;
}

/** A number takes about one byte per two significant digits, plus one. */
function numberSize(n: string): number {
  const digits = n.replace(/^-/, '').replace(/[eE].*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(1, digits.length) / 2) + 1;
}

const readUnits = (bytes: number, kind: 'eventual' | 'strong' | 'transactional') => Math.max(1, Math.ceil(bytes / (4 * KB))) * (kind === 'eventual' ? 0.5 : kind === 'strong' ? 1 : 2);
const writeUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / KB));

/**
 * Units of a DynamoDB call from item sizes, as on-demand billing counts them. Lower bounds where
 * the sizes are not visible: an UpdateItem is counted on the size of its key and new values (the
 * stored item may be larger), a Query on the items returned (not those a filter dropped).
 */
export function computedUnits(command: string, input: Json, output: Json | undefined, indexes: ReadonlyArray<{ partitionKey: string }>): { rru: number; wru: number } {
  const consistency = (i: Json): 'eventual' | 'strong' => (i.ConsistentRead === true ? 'strong' : 'eventual');
  const indexWrites = (item: unknown) => {
    const size = itemSize(item);
    return indexes.filter((ix) => item && typeof item === 'object' && ix.partitionKey in (item as Json)).length * writeUnits(size);
  };
  const putUnits = (item: unknown) => writeUnits(itemSize(item)) + indexWrites(item);
  const updateUnits = (i: Json) => writeUnits(itemSize(i.Key) + itemSize(i.ExpressionAttributeValues));
  switch (command) {
    case 'GetItem':
      return { rru: readUnits(itemSize(output?.Item), consistency(input)), wru: 0 };
    case 'Query':
    case 'Scan': {
      const items = (output?.Items as unknown[] | undefined) ?? [];
      return { rru: readUnits(items.reduce<number>((s, it) => s + itemSize(it), 0), consistency(input)), wru: 0 };
    }
    case 'BatchGetItem': {
      let rru = 0;
      const responses = (output?.Responses as Record<string, unknown[]> | undefined) ?? {};
      const requests = (input.RequestItems as Record<string, Json> | undefined) ?? {};
      for (const [table, items] of Object.entries(responses)) for (const it of items) rru += readUnits(itemSize(it), consistency(requests[table] ?? {}));
      return { rru, wru: 0 };
    }
    case 'TransactGetItems': {
      const items = (output?.Responses as Array<{ Item?: unknown }> | undefined) ?? [];
      const asked = (input.TransactItems as unknown[] | undefined)?.length ?? 0;
      const rru = items.reduce((s, r) => s + readUnits(itemSize(r.Item), 'transactional'), 0) + Math.max(0, asked - items.length) * 2;
      return { rru, wru: 0 };
    }
    case 'PutItem':
      return { rru: 0, wru: putUnits(input.Item) };
    case 'UpdateItem':
      return { rru: 0, wru: output?.Attributes ? writeUnits(itemSize(output.Attributes)) : updateUnits(input) };
    case 'DeleteItem':
      return { rru: 0, wru: output?.Attributes ? writeUnits(itemSize(output.Attributes)) : 1 };
    case 'BatchWriteItem': {
      let wru = 0;
      for (const requests of Object.values((input.RequestItems as Record<string, Json[]> | undefined) ?? {})) {
        for (const r of requests) wru += r.PutRequest ? putUnits((r.PutRequest as Json).Item) : 1;
      }
      return { rru: 0, wru };
    }
    case 'TransactWriteItems': {
      let wru = 0;
      for (const t of (input.TransactItems as Json[] | undefined) ?? []) {
        if (t.Put) wru += 2 * putUnits((t.Put as Json).Item);
        else if (t.Update) wru += 2 * updateUnits(t.Update as Json);
        else wru += 2; // Delete, ConditionCheck
      }
      return { rru: 0, wru };
    }
    default:
      return { rru: 0, wru: 0 };
  }
}
