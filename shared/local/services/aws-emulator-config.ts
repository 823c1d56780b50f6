/** What the local AWS emulator is asked to create (queues, buckets, S3 notifications), checked before it starts. */

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


export function validateConfig(opts: AwsEmulatorOptions): void {
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
