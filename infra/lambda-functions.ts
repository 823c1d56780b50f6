import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Charset, LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

import { AUDIT_PARTITION } from '../shared/adapters/dynamodb/audit';
import { ESM_REQUIRE_BANNER, lambdaExternalModules } from './bundling';
import { TABLE_KEYS } from '../shared/adapters/dynamodb/table';
import type { ApiFunctionName } from '../shared/http/api-function';
import { apiFunctions } from '../shared/http/routes';

/* The city's Lambda functions: what each is given, how each is built, its role, its queue. */

/** Repository root: entries, lock file and esbuild are resolved from here. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** City auditors may ask for a year of logs. */
export const LOG_RETENTION = logs.RetentionDays.ONE_YEAR;
export type FunctionName = ApiFunctionName | 'ocr' | 'match' | 'credit' | 'payout' | 'photos';

export interface FunctionSpec {
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly description: string;
}

/**
 * The REST API's functions, one per audience (shared/http/api-function.ts): 10 seconds, but 29 for
 * `sepa`, whose payout run started by staff builds the whole batch within the request (API
 * Gateway waits 30 seconds at most).
 */
const API_FUNCTIONS = Object.fromEntries(
  apiFunctions.map((fn): [ApiFunctionName, FunctionSpec] => [fn.name, { memorySize: 512, timeout: Duration.seconds(fn.name === 'sepa' ? 29 : 10), description: `REST API v1 (HTTP API, JWT): ${fn.serves}` }]),
) as Record<ApiFunctionName, FunctionSpec>;

export const FUNCTIONS: Record<FunctionName, FunctionSpec> = {
  ...API_FUNCTIONS,
  ocr: { memorySize: 1024, timeout: Duration.seconds(60), description: 'Receipt image check, hash, OCR and parsing' },
  match: { memorySize: 512, timeout: Duration.seconds(30), description: 'Merchant matching, fraud and campaign rules' },
  credit: { memorySize: 512, timeout: Duration.seconds(30), description: 'Cashback ledger transfer per receipt' },
  payout: { memorySize: 512, timeout: Duration.seconds(300), description: 'Scheduled SEPA payout batch; daily retention of receipts\' personal data' },
  // Decoding a 40-megapixel original in plain JavaScript: memory, and the CPU that comes with it.
  photos: { memorySize: 2048, timeout: Duration.seconds(60), description: 'Shop photos: check, resized JPEG renditions, metadata removed' },
};

/** Fails early and clearly instead of letting aws-lambda-nodejs fall back to Docker bundling. */
export function assertLocalEsbuild(): void {
  try {
    createRequire(path.join(PROJECT_ROOT, 'package.json')).resolve('esbuild');
  } catch {
    throw new Error(
      'esbuild is not installed in this repository (run `npm ci`). Cabas bundles its Lambda ' +
        'functions locally with esbuild and never with Docker.',
    );
  }
}

/** One Lambda function of the city: its own log group and role (log writes only), Node.js 24 on arm64, bundled locally with esbuild as infra/bundling.ts says. */
/**
 * One function with its own role and log group. `tracing`: active X-Ray tracing (one trace per
 * invocation, about a fifth of a receipt's cost without OCR: docs/cost.md), off unless the city
 * turns it on (`tracing` in cdk.json) while investigating; the metrics and logs stay either way.
 */
export function createFunction(scope: Construct, name: FunctionName, spec: FunctionSpec, environment: Record<string, string>, opts: { tracing?: boolean } = {}): NodejsFunction {
  const id = capitalize(name);
  const logGroup = new logs.LogGroup(scope, `${id}FunctionLogs`, {
    retention: LOG_RETENTION,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  // Own role with an inline policy scoped to the function's log group, instead of the broad
  // AWSLambdaBasicExecutionRole managed policy.
  const role = new iam.Role(scope, `${id}FunctionRole`, {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: `Cabas ${name} function`,
  });
  logGroup.grantWrite(role);
  return new NodejsFunction(scope, `${id}Function`, {
    entry: path.join(PROJECT_ROOT, 'functions', name, 'handler.ts'),
    handler: 'handler',
    projectRoot: PROJECT_ROOT,
    depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
    runtime: lambda.Runtime.NODEJS_24_X,
    architecture: lambda.Architecture.ARM_64,
    memorySize: spec.memorySize,
    timeout: spec.timeout,
    description: `Cabas ${name}: ${spec.description}`,
    role,
    logGroup,
    tracing: opts.tracing ? lambda.Tracing.ACTIVE : lambda.Tracing.DISABLED,
    environment,
    bundling: {
      forceDockerBundling: false,
      format: OutputFormat.ESM,
      target: 'node24',
      mainFields: ['module', 'main'],
      minify: true,
      sourceMap: true,
      sourcesContent: false,
      charset: Charset.UTF8,
      logLevel: LogLevel.WARNING,
      // The runtime's AWS SDK and the local-only packages and sources (infra/bundling.ts).
      externalModules: lambdaExternalModules(),
      banner: ESM_REQUIRE_BANNER,
    },
  });
}

/** Read and write on the table and its indexes; the staff audit trail's partition append-only (deny update and delete). */
export function grantTableReadWrite(fn: NodejsFunction, tableArn: string): void {
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      sid: 'CabasTableReadWrite',
      actions: [
        'dynamodb:GetItem',
        'dynamodb:BatchGetItem',
        'dynamodb:Query',
        'dynamodb:Scan',
        'dynamodb:ConditionCheckItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:DescribeTable',
      ],
      resources: [tableArn, ...TABLE_KEYS.indexes.map((i) => `${tableArn}/index/${i.name}`)],
    }),
  );
  // The staff audit trail (partition AUDIT, shared/adapters/dynamodb/audit.ts) is append-only:
  // entries are written once with a "must not exist" condition, and no function may change or
  // remove one.
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      sid: 'AuditTrailIsAppendOnly',
      effect: iam.Effect.DENY,
      actions: ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:PartiQLUpdate', 'dynamodb:PartiQLDelete'],
      resources: [tableArn],
      conditions: { 'ForAnyValue:StringEquals': { 'dynamodb:LeadingKeys': [AUDIT_PARTITION] } },
    }),
  );
}

/** A stage's queue, its dead-letter queue (5 receives) and the function's event source reporting partial batch failures. */
export function createPipelineQueue(
  scope: Construct,
  id: string,
  consumer: NodejsFunction,
  batchSize: number,
  maxConcurrency: number,
): { queue: sqs.Queue; dlq: sqs.Queue } {
  const dlq = new sqs.Queue(scope, `${id}DeadLetterQueue`, {
    retentionPeriod: Duration.days(14),
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
  });
  const queue = new sqs.Queue(scope, `${id}Queue`, {
    visibilityTimeout: Duration.seconds(consumer.timeout!.toSeconds() * 6),
    retentionPeriod: Duration.days(4),
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    deadLetterQueue: { queue: dlq, maxReceiveCount: 5 },
  });
  consumer.addEventSource(
    new SqsEventSource(queue, { batchSize, reportBatchItemFailures: true, maxConcurrency }),
  );
  return { queue, dlq };
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
