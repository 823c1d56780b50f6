import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';

import { ENV } from '../../shared/config';
import { TABLE_KEYS } from '../../shared/adapters/dynamodb/table';
import { AUDIT_PARTITION } from '../../shared/adapters/dynamodb/audit';
import { routes as apiRoutes } from '../../shared/http/routes';
import { createCabasApp, type CabasApp } from '../../infra/cabas-app';
import { KEPT_RECEIPTS_PREFIX, LOCAL_ONLY_MODULES, PROJECT_ROOT, PUBLIC_ROUTES, TABLE_SCHEMA, type FunctionName } from '../../infra/city-stack';
import { FUNCTIONS } from '../../infra/lambda-functions';
import { gatewayRoutes } from '../../shared/http/api-function';
import { apiFunctions } from '../../shared/http/routes';
import { defaultStackName, parseCityConfig } from '../../infra/config';
import { dependencyCycle } from '../support/template-cycle';
import { LAMBDA_TEST_ENV } from '../support/lambda-env';

type Json = Record<string, any>;

const cdkJson = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as {
  context: Record<string, unknown> & { cabas: Record<string, unknown> };
};

/** The app exactly as `cdk synth` builds it from cdk.json, with a test-specific city config. */
function buildApp(cabas: Record<string, unknown>, extraContext: Record<string, unknown> = {}): CabasApp {
  return createCabasApp({ context: { ...cdkJson.context, cabas, ...extraContext } });
}

const CITY = {
  ...cdkJson.context.cabas,
  payoutThresholdCents: 2000,
  imageRetentionDays: 45,
  alarmEmail: 'astreinte@ville-exemple.fr',
};

/** The routes anyone may call (docs/contracts.md, section 4): health, the shops' directory and pages, the campaigns running now. */
const PUBLIC_KEYS = ['GET /v1/health', 'GET /v1/merchants', 'GET /v1/merchants/{id}', 'GET /v1/merchants/{id}/news', 'GET /v1/merchants/{id}/reviews', 'GET /v1/merchants/{id}/photos', 'GET /v1/news', 'GET /v1/campaigns'];
const FUNCTION_NAMES = Object.keys(FUNCTIONS) as FunctionName[];

let cabas: CabasApp;
let template: Template;
let resources: Record<string, Json>;
let assemblyDir: string;

const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
  cabas.stack.getLogicalId(construct.node.defaultChild as never);
const fnId = (name: FunctionName) => logicalId(cabas.stack.functions[name]);
const roleIdOf = (name: FunctionName) => resources[fnId(name)]!.Properties.Role['Fn::GetAtt'][0] as string;
const asArray = <T>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);

/** Every IAM statement attached to a function's role (default policy and extra policies). */
function statementsOf(name: FunctionName): Json[] {
  const roleId = roleIdOf(name);
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p) => (p.Properties.Roles as Json[]).some((r) => r.Ref === roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Json[]);
}

function allows(name: FunctionName, action: string, resource?: unknown): boolean {
  return statementsOf(name).some(
    (s) =>
      s.Effect === 'Allow' &&
      asArray(s.Action).includes(action) &&
      (resource === undefined || asArray(s.Resource).some((r) => JSON.stringify(r) === JSON.stringify(resource))),
  );
}

const arnOf = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
/** The ARN of the receipts bucket's objects under a prefix, as CDK writes it. */
const objectsUnder = (prefix: string) => ({ 'Fn::Join': ['', [arnOf(logicalId(cabas.stack.receiptsBucket)), `/${prefix}*`]] });

beforeAll(() => {
  cabas = buildApp(CITY);
  // One synth (with the five esbuild bundles and the cdk-nag validation) shared by all tests.
  const assembly = cabas.app.synth();
  assemblyDir = assembly.directory;
  template = Template.fromJSON(assembly.getStackByName(cabas.stack.stackName).template);
  resources = template.toJSON().Resources;
});

describe('city configuration', () => {
  it('accepts the example configuration of cdk.json', () => {
    const config = parseCityConfig(cdkJson.context.cabas);
    expect(config.cityName).toBe('Ville de Montreuil-sur-Exemple');
    expect(config.alarmEmail).toBeNull();
  });

  it('reports every problem with its key', () => {
    const bad = {
      cityName: 'X',
      ocrEngine: 'tesseract',
      payoutSchedule: 'cron(0 6 1 * ?)',
      payoutThresholdCents: 12.5,
      imageRetentionDays: 0,
      alarmEmail: 'not-an-email',
      typo: true,
    };
    let message = '';
    try {
      parseCityConfig(bad);
    } catch (err) {
      message = (err as Error).message;
    }
    for (const key of ['cityName', 'ocrEngine', 'payoutSchedule', 'payoutThresholdCents', 'imageRetentionDays', 'alarmEmail']) {
      expect(message).toContain(`cabas.${key}:`);
    }
    expect(message).toMatch(/typo/);
    expect(message).toMatch(/local-stack engine/);
  });

  it('checks the fraud limits a city sets, naming the key', () => {
    expect(parseCityConfig({ ...CITY, fraud: { maxReceiptsPerResidentPerDay: 5 } }).fraud).toMatchObject({ maxReceiptsPerResidentPerDay: 5, maxReceiptsPerResidentPerShopPerDay: 3 });
    expect(() => parseCityConfig({ ...CITY, fraud: { maxReceiptsPerResidentPerDay: 0 } })).toThrow(/cabas\.fraud\.maxReceiptsPerResidentPerDay/);
  });

  it('explains a missing configuration and accepts JSON from the command line', () => {
    expect(() => parseCityConfig(undefined)).toThrow(/"cabas" object to the "context" of cdk.json/);
    expect(parseCityConfig(JSON.stringify(CITY)).payoutThresholdCents).toBe(2000);
  });

  it('derives a valid stack name from the city name', () => {
    expect(defaultStackName("L'Haÿ-les-Roses")).toBe('Cabas-L-Hay-les-Roses');
    expect(cabas.stack.stackName).toBe('Cabas-Ville-de-Montreuil-sur-Exemple');
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('has no unacknowledged finding (errors or warnings) on the city stack', () => {
    const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(cabas.app);
    const findings = report.violations.map(
      (v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
    );
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('writes every acknowledgement with its reason into the template metadata', () => {
    const acknowledged = Object.values(resources).flatMap(
      (r) => (r.Metadata?.cdk_nag?.rules_to_suppress ?? []) as Array<{ id: string; reason: string }>,
    );
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const { id, reason } of acknowledged) {
      expect(id).toMatch(/^AwsSolutions-[A-Z]+\d+/);
      expect(reason.length, id).toBeGreaterThan(60);
    }
    expect(resources[logicalId(cabas.stack.userPool)]!.Metadata.cdk_nag.rules_to_suppress).toContainEqual({
      id: 'AwsSolutions-COG2',
      reason: expect.stringMatching(/MFA/),
    });
  });

  it('fails the synth of an app with an unacknowledged finding', () => {
    // Bundling is skipped here: this app exists only to prove that the plugin blocks synthesis.
    const broken = buildApp(CITY, { 'aws:cdk:bundling-stacks': [] });
    new sqs.Queue(broken.stack, 'QueueWithoutDlq', { enforceSSL: true });
    expect(() => broken.app.synth()).toThrow(/AwsSolutions-SQS3/);
  });

  it('reads acknowledgements from construct metadata, each with a reason', () => {
    const app = new App();
    const stack = new Stack(app, 'Probe');
    const bucket = new s3.Bucket(stack, 'Bucket', { enforceSSL: true });
    const before = new AwsSolutionsChecks().validateScope(app).violations.map((v) => v.ruleName);
    expect(before).toContain('AwsSolutions-S1');
    Validations.of(bucket).acknowledge({ id: 'AwsSolutions-S1', reason: 'probe' });
    const after = new AwsSolutionsChecks().validateScope(app).violations.map((v) => v.ruleName);
    expect(after).not.toContain('AwsSolutions-S1');
  });
});

describe('DynamoDB table', () => {
  it('is on-demand, PITR, AWS-managed encryption, protected and retained, with TTL', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
        DeletionProtectionEnabled: true,
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      }),
    });
  });

  it('has gsi1 and gsi2 with string keys and ALL projection', () => {
    const table = Object.values(template.findResources('AWS::DynamoDB::Table'))[0]!.Properties;
    for (const n of ['1', '2']) {
      expect(table.GlobalSecondaryIndexes).toContainEqual({
        IndexName: `gsi${n}`,
        KeySchema: [
          { AttributeName: `gsi${n}pk`, KeyType: 'HASH' },
          { AttributeName: `gsi${n}sk`, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      });
    }
    for (const name of ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk']) {
      expect(table.AttributeDefinitions).toContainEqual({ AttributeName: name, AttributeType: 'S' });
    }
  });

  it('matches the schema the local stack creates (shared/adapters/dynamodb/table.ts)', () => {
    expect(TABLE_SCHEMA.partitionKey).toBe(TABLE_KEYS.partitionKey);
    expect(TABLE_SCHEMA.sortKey).toBe(TABLE_KEYS.sortKey);
    expect(TABLE_SCHEMA.indexes.map((i) => ({ ...i }))).toEqual(TABLE_KEYS.indexes.map((i) => ({ ...i })));
  });
});

describe('staff audit trail', () => {
  it('may be appended to by every function but never updated or deleted', () => {
    for (const name of FUNCTION_NAMES) {
      const deny = statementsOf(name).find((st) => st.Sid === 'AuditTrailIsAppendOnly');
      expect(deny, name).toMatchObject({
        Effect: 'Deny',
        Action: expect.arrayContaining(['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem']),
        Condition: { 'ForAnyValue:StringEquals': { 'dynamodb:LeadingKeys': [AUDIT_PARTITION] } },
      });
    }
  });
});

describe('receipts bucket', () => {
  const bucketId = () => logicalId(cabas.stack.receiptsBucket);

  it('blocks public access, is S3-encrypted, logged and retained', () => {
    const bucket = resources[bucketId()]!;
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toEqual({
      SSEAlgorithm: 'AES256',
    });
    expect(bucket.Properties.LoggingConfiguration.DestinationBucketName).toEqual({ Ref: expect.any(String) });
  });

  it('denies any request without TLS', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId() },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('expires receipt images, uploaded and kept as read, after the configured days', () => {
    const props = resources[bucketId()]!.Properties;
    expect(props.LifecycleConfiguration.Rules).toContainEqual(
      expect.objectContaining({ Prefix: 'receipts/', ExpirationInDays: 45, Status: 'Enabled' }),
    );
    expect(KEPT_RECEIPTS_PREFIX).toBe('kept/');
    expect(props.LifecycleConfiguration.Rules).toContainEqual(
      expect.objectContaining({ Prefix: 'kept/', ExpirationInDays: 45, Status: 'Enabled' }),
    );
  });

  it('accepts presigned PUTs from the web apps’ site only (a rule set at deploy time, so no dependency cycle)', () => {
    // As the bucket's own CorsConfiguration, the rule would name the distribution, whose CSP names the bucket.
    expect(resources[bucketId()]!.Properties.CorsConfiguration).toBeUndefined();
    const [cors] = Object.values(template.findResources('Custom::ReceiptsUploadCors'));
    const call = JSON.stringify(cors!.Properties.Create);
    expect(call).toContain(JSON.stringify({ Ref: bucketId() }));
    expect(call).toContain(JSON.stringify({ 'Fn::GetAtt': [logicalId(cabas.stack.web.distribution), 'DomainName'] }));
    expect(call).toMatch(/AllowedMethods\\":\[\\"PUT\\"\]/);
    expect(call).not.toContain('*');
    expect(dependencyCycle(template.toJSON())).toBeUndefined();
  });

  it('keeps the images as read write-once: no PutObject under receipts/ or kept/ without If-None-Match, by anyone', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId() },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:PutObject',
            Principal: { AWS: '*' },
            Resource: Match.arrayEquals([objectsUnder('kept/'), objectsUnder('receipts/')]),
            Condition: { Null: { 's3:if-none-match': 'true' } },
          }),
        ]),
      },
    });
  });

  it('notifies the ocr queue of objects created under receipts/', () => {
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: { Ref: bucketId() },
      NotificationConfiguration: {
        QueueConfigurations: Match.arrayWith([
          {
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'receipts/' }] } },
            QueueArn: arnOf(logicalId(cabas.stack.queues.ocr.queue)),
          },
        ]),
      },
    });
  });
});

describe('pipeline queues', () => {
  const consumers = { ocr: 60, match: 30, credit: 30 } as const;

  it.each(Object.entries(consumers))('%s queue has a DLQ (5 receives), SSE, 6x visibility', (name, timeout) => {
    const { queue, dlq } = cabas.stack.queues[name as keyof typeof consumers];
    const q = resources[logicalId(queue)]!.Properties;
    const d = resources[logicalId(dlq)]!.Properties;
    expect(q.RedrivePolicy).toEqual({ deadLetterTargetArn: arnOf(logicalId(dlq)), maxReceiveCount: 5 });
    expect(q.VisibilityTimeout).toBe(6 * timeout);
    expect(q.SqsManagedSseEnabled).toBe(true);
    expect(d.SqsManagedSseEnabled).toBe(true);
    expect(d.MessageRetentionPeriod).toBe(14 * 24 * 3600);
    for (const id of [logicalId(queue), logicalId(dlq)]) {
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });

  it('feeds each consumer with partial batch failures', () => {
    const expected = { ocr: 5, match: 10, credit: 10 } as const;
    for (const [name, batchSize] of Object.entries(expected)) {
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: arnOf(logicalId(cabas.stack.queues[name as keyof typeof expected].queue)),
        FunctionName: { Ref: fnId(name as FunctionName) },
        BatchSize: batchSize,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: Match.anyValue() },
      });
    }
    // The fourth feeds the photos function (see 'shops’ photos').
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 4);
  });
});

describe('functions', () => {
  const spec = {
    api: { memory: 512, timeout: 10 },
    shops: { memory: 512, timeout: 10 },
    staff: { memory: 512, timeout: 10 },
    merchants: { memory: 512, timeout: 10 },
    counter: { memory: 512, timeout: 10 },
    finance: { memory: 512, timeout: 10 },
    sepa: { memory: 512, timeout: 29 },
    ocr: { memory: 1024, timeout: 60 },
    match: { memory: 512, timeout: 30 },
    credit: { memory: 512, timeout: 30 },
    payout: { memory: 512, timeout: 300 },
    photos: { memory: 2048, timeout: 60 },
  } as const;

  it("are thirteen Node.js 24 arm64 functions, the API's seven among them, each with its own log group", () => {
    for (const name of FUNCTION_NAMES) {
      const props = resources[fnId(name)]!.Properties;
      expect(props.Runtime).toBe('nodejs24.x');
      expect(props.Architectures).toEqual(['arm64']);
      expect(props.Handler).toBe('index.handler');
      expect(props.MemorySize).toBe(spec[name].memory);
      expect(props.Timeout).toBe(spec[name].timeout);
      // X-Ray off unless the city turns it on (see 'traces every function when tracing is on').
      expect(props.TracingConfig).toBeUndefined();
      const logGroupId = props.LoggingConfig.LogGroup.Ref as string;
      expect(resources[logGroupId]!.Properties.RetentionInDays).toBe(365);
    }
  });

  it('receive the configuration through the shared environment variable names', () => {
    const env = (name: FunctionName) => resources[fnId(name)]!.Properties.Environment.Variables as Json;
    const q = cabas.stack.queues;
    for (const name of FUNCTION_NAMES) {
      expect(env(name)).toMatchObject({
        [ENV.table]: { Ref: logicalId(cabas.stack.table) },
        [ENV.receiptsBucket]: { Ref: logicalId(cabas.stack.receiptsBucket) },
        [ENV.ocrEngine]: 'textract-expense',
        [ENV.uploadUrlTtlSeconds]: '900',
        [ENV.payoutThresholdCents]: '2000',
        POWERTOOLS_SERVICE_NAME: 'cabas',
        NODE_OPTIONS: '--enable-source-maps',
      });
    }
    expect(env('ocr')[ENV.matchQueueUrl]).toEqual({ Ref: logicalId(q.match.queue) });
    expect(env('ocr')[ENV.ocrQueueUrl]).toEqual({ Ref: logicalId(q.ocr.queue) });
    expect(env('match')[ENV.creditQueueUrl]).toEqual({ Ref: logicalId(q.credit.queue) });
    expect(env('api')[ENV.creditQueueUrl]).toBeUndefined();
  });

  /** The bundle directory (`cdk.out/asset.<hash>`) of each function. */
  const bundleDirs = () => {
    const manifest = JSON.parse(
      readFileSync(path.join(assemblyDir, `${cabas.stack.artifactId}.assets.json`), 'utf8'),
    ) as { files: Record<string, { source: { path: string } }> };
    return FUNCTION_NAMES.map((name) => {
      const key = resources[fnId(name)]!.Properties.Code.S3Key as string;
      return [name, path.join(assemblyDir, manifest.files[key.replace(/\.zip$/, '')]!.source.path)] as const;
    });
  };

  it('bundle to ESM with source maps and no static import of the local-only packages', () => {
    const staticImports: string[] = [];
    for (const [name, dir] of bundleDirs()) {
      expect(readdirSync(dir).sort()).toEqual(['index.mjs', 'index.mjs.map']);
      const code = readFileSync(path.join(dir, 'index.mjs'), 'utf8');
      expect(code.startsWith('import { createRequire as __cabasCreateRequire }')).toBe(true);
      for (const mod of LOCAL_ONLY_MODULES) {
        // esbuild hoists the static imports of an external package to the top of the bundle, even
        // from a module that is itself imported lazily: the function would not start in Lambda.
        const escaped = mod.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
        const match = new RegExp(`(?:^|[;}\\s])import\\s*(?:[^;()"']*?from\\s*)?["']${escaped}["']`).exec(code);
        if (match) staticImports.push(`${name}: ${match[0].trim()}`);
      }
    }
    expect(staticImports).toEqual([]);
  });

  it('start (module load) in a directory with only the runtime’s AWS SDK beside them, as in Lambda', () => {
    const failures: string[] = [];
    for (const [name, dir] of bundleDirs()) {
      const sandbox = mkdtempSync(path.join(tmpdir(), `cabas-${name}-`));
      try {
        for (const file of readdirSync(dir)) copyFileSync(path.join(dir, file), path.join(sandbox, file));
        // The Lambda runtime provides the AWS SDK v3 (infra/bundling.ts leaves it out of the bundles), nothing else.
        mkdirSync(path.join(sandbox, 'node_modules'));
        symlinkSync(path.join(PROJECT_ROOT, 'node_modules', '@aws-sdk'), path.join(sandbox, 'node_modules', '@aws-sdk'), 'dir');
        const run = spawnSync(
          process.execPath,
          [
            '--enable-source-maps',
            '--input-type=module',
            '-e',
            "const m = await import('./index.mjs'); if (typeof m.handler !== 'function') { console.error('no handler export'); process.exit(2); } process.exit(0);",
          ],
          {
            cwd: sandbox,
            encoding: 'utf8',
            timeout: 30_000,
            env: {
              PATH: process.env.PATH,
              ...LAMBDA_TEST_ENV,
              POWERTOOLS_SERVICE_NAME: 'cabas',
            },
          },
        );
        if (run.status !== 0) {
          const stderr = run.stderr || String(run.error ?? '');
          const cause = stderr.split('\n').find((line) => /Error|Cannot/.test(line)) ?? stderr.slice(0, 300);
          failures.push(`${name}: exit ${run.status}: ${cause.trim()}`);
        }
      } finally {
        rmSync(sandbox, { recursive: true, force: true });
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('permissions', () => {
  const tableArn = () => arnOf(logicalId(cabas.stack.table));
  const queueArn = (name: 'ocr' | 'match' | 'credit') => arnOf(logicalId(cabas.stack.queues[name].queue));

  it('every function reads and writes the table, indexes named', () => {
    for (const name of FUNCTION_NAMES) {
      expect(allows(name, 'dynamodb:PutItem', tableArn())).toBe(true);
      expect(allows(name, 'dynamodb:Query', tableArn())).toBe(true);
    }
  });

  it('the ocr function calls Textract and sends to the match queue, not to the credit queue', () => {
    expect(allows('ocr', 'textract:AnalyzeExpense', '*')).toBe(true);
    expect(allows('ocr', 'textract:DetectDocumentText', '*')).toBe(true);
    expect(allows('ocr', 'sqs:SendMessage', queueArn('match'))).toBe(true);
    expect(allows('ocr', 'sqs:SendMessage', queueArn('credit'))).toBe(false);
    expect(allows('ocr', 'sqs:ReceiveMessage', queueArn('ocr'))).toBe(true);
    // It reads uploads and keeps what it read under kept/, where it may also read it back; it never
    // writes an upload.
    expect(allows('ocr', 's3:GetObject', objectsUnder('receipts/'))).toBe(true);
    expect(allows('ocr', 's3:GetObject', objectsUnder('kept/'))).toBe(true);
    expect(allows('ocr', 's3:PutObject', objectsUnder('kept/'))).toBe(true);
    expect(allows('ocr', 's3:PutObject', objectsUnder('receipts/'))).toBe(false);
    // A photo sent after its receipt was erased is deleted on arrival (shared/app/stages/read.ts).
    expect(allows('ocr', 's3:DeleteObject', objectsUnder('receipts/'))).toBe(true);
    expect(allows('ocr', 's3:DeleteObject', objectsUnder('kept/'))).toBe(true);
    const s3Resources = statementsOf('ocr')
      .filter((st) => asArray(st.Action).some((a) => String(a).startsWith('s3:')))
      .flatMap((st) => asArray(st.Resource).map((r) => JSON.stringify(r)));
    expect([...new Set(s3Resources)].sort()).toEqual([JSON.stringify(objectsUnder('kept/')), JSON.stringify(objectsUnder('receipts/'))].sort());
  });

  it("only the ocr function has Textract; sends go one stage downstream only, and from staff's review to the credit queue", () => {
    for (const name of FUNCTION_NAMES.filter((n) => n !== 'ocr')) {
      expect(statementsOf(name).flatMap((s) => asArray(s.Action)).some((a) => String(a).startsWith('textract:'))).toBe(false);
    }
    expect(allows('match', 'sqs:SendMessage', queueArn('credit'))).toBe(true);
    expect(allows('match', 'sqs:SendMessage', queueArn('match'))).toBe(false);
    // A receipt staff approve from the review queue goes to the credit stage.
    expect(allows('staff', 'sqs:SendMessage', queueArn('credit'))).toBe(true);
    expect(resources[fnId('staff')]!.Properties.Environment.Variables.CABAS_CREDIT_QUEUE_URL).toBeDefined();
    for (const name of FUNCTION_NAMES.filter((n) => n !== 'ocr' && n !== 'match')) {
      for (const q of ['ocr', 'match', 'credit'] as const) expect(allows(name, 'sqs:SendMessage', queueArn(q))).toBe(name === 'staff' && q === 'credit');
    }
  });

  it("the API's functions reach the receipts' images and the payout files only as their routes need", () => {
    const s3ActionsOf = (name: FunctionName) => [...new Set(statementsOf(name).flatMap((st) => asArray(st.Action).map(String)).filter((a) => a.startsWith('s3:')))].sort();
    // Residents (api) and the counter: presigned uploads, links to the images as read, the erasure.
    for (const name of ['api', 'counter'] as const) {
      expect(allows(name, 's3:PutObject', objectsUnder('receipts/'))).toBe(true);
      // The image as read: the write-once upload, or the copy kept of an older one.
      expect(allows(name, 's3:GetObject', objectsUnder('kept/'))).toBe(true);
      expect(allows(name, 's3:GetObject', objectsUnder('receipts/'))).toBe(true);
      expect(allows(name, 's3:PutObject', objectsUnder('kept/'))).toBe(false);
      expect(allows(name, 's3:DeleteObject', objectsUnder('receipts/'))).toBe(true);
      expect(allows(name, 's3:DeleteObject', objectsUnder('kept/'))).toBe(true);
      expect(allows(name, 's3:PutObject', objectsUnder('payouts/'))).toBe(false);
      expect(allows(name, 's3:GetObject', objectsUnder('payouts/'))).toBe(false);
      expect(s3ActionsOf(name)).toEqual(['s3:DeleteObject', 's3:GetObject', 's3:PutObject']);
    }
    // Staff's receipts and review queue: links to the images as read, nothing else.
    expect(allows('staff', 's3:GetObject', objectsUnder('kept/'))).toBe(true);
    expect(allows('staff', 's3:GetObject', objectsUnder('receipts/'))).toBe(true);
    expect(s3ActionsOf('staff')).toEqual(['s3:GetObject']);
    expect(allows('staff', 's3:GetObject', objectsUnder('payouts/'))).toBe(false);
    // Payout batches started and served by staff: their files only.
    expect(allows('sepa', 's3:PutObject', objectsUnder('payouts/'))).toBe(true);
    expect(allows('sepa', 's3:GetObject', objectsUnder('payouts/'))).toBe(true);
    expect(allows('sepa', 's3:GetObject', objectsUnder('kept/'))).toBe(false);
    expect(s3ActionsOf('sepa')).toEqual(['s3:GetObject', 's3:PutObject']);
    // Campaigns, ledger and figures: no object at all.
    expect(s3ActionsOf('finance')).toEqual([]);
    // The shops' pages (shops' staff, city staff): the shop photos' prefixes only.
    for (const name of ['shops', 'merchants'] as const) {
      for (const prefix of ['receipts/', 'kept/', 'payouts/']) {
        for (const action of ['s3:GetObject', 's3:PutObject', 's3:DeleteObject']) expect(allows(name, action, objectsUnder(prefix)), `${name} ${action} ${prefix}`).toBe(false);
      }
    }
  });

  it('the payout function writes payout files under payouts/ only, deletes receipt images past retention, and knows the city as payer', () => {
    const statements = statementsOf('payout').filter((s) => asArray(s.Action).some((a) => String(a).startsWith('s3:')));
    expect(statements).toHaveLength(2);
    const writes = statements.filter((s) => asArray(s.Action).includes('s3:PutObject'));
    expect(writes).toHaveLength(1);
    expect(asArray(writes[0]!.Action)).toEqual(['s3:PutObject']);
    expect(JSON.stringify(writes[0]!.Resource)).toContain('/payouts/*');
    expect(allows('payout', 's3:DeleteObject', objectsUnder('receipts/'))).toBe(true);
    expect(allows('payout', 's3:DeleteObject', objectsUnder('kept/'))).toBe(true);
    expect(allows('payout', 's3:DeleteObject', objectsUnder('payouts/'))).toBe(false);
    expect(allows('payout', 's3:GetObject', objectsUnder('receipts/'))).toBe(false);
    const env = resources[fnId('payout')]!.Properties.Environment.Variables;
    expect(env.CABAS_RECEIPT_PERSONAL_DATA_RETENTION_DAYS).toBe('365');
    expect(env.CABAS_DEBTOR_IBAN).toBe('FR7630004008230001000002128');
    expect(env.CABAS_DEBTOR_POSTCODE).toBe('93100');
    expect(env.CABAS_CITY_NAME).toBe('Ville de Montreuil-sur-Exemple');
  });

  it('grants Resource "*" only for Textract (ocr), and for X-Ray when tracing is on', () => {
    for (const name of FUNCTION_NAMES) {
      for (const s of statementsOf(name).filter((st) => asArray(st.Resource).includes('*'))) {
        for (const action of asArray(s.Action) as string[]) {
          expect(action, `${name}: ${action} on *`).toMatch(
            name === 'ocr' ? /^(xray|textract):/ : /^xray:/,
          );
        }
      }
    }
  });

  it('no function role uses a managed policy', () => {
    for (const name of FUNCTION_NAMES) {
      expect(resources[roleIdOf(name)]!.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });
});

describe('HTTP API', () => {
  const routes = () => Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties);

  it('has the public routes without authorizer and everything else behind the JWT authorizer', () => {
    const byKey = Object.fromEntries(routes().map((r) => [r.RouteKey, r]));
    expect(Object.keys(byKey).sort()).toEqual(
      ['ANY /v1/{proxy+}', ...PUBLIC_KEYS, ...gatewayRoutes(apiFunctions).map((r) => `ANY ${r.path}`)].sort(),
    );
    const publicKeys = PUBLIC_KEYS;
    for (const route of routes()) {
      if (publicKeys.includes(route.RouteKey)) expect(route.AuthorizationType).toBe('NONE');
      else {
        expect(route.AuthorizationType).toBe('JWT');
        expect(route.AuthorizerId).toEqual({ Ref: expect.any(String) });
      }
    }
  });

  it("sends each path to the API's function that serves it, and the rest to the residents' one", () => {
    const integrations = template.findResources('AWS::ApiGatewayV2::Integration');
    expect(Object.keys(integrations)).toHaveLength(apiFunctions.length);
    const functionOf = (route: Json) => {
      // Target: integrations/<the integration's id>.
      const target = (route.Target as { 'Fn::Join': [string, [string, { Ref: string }]] })['Fn::Join'][1][1];
      const integration = integrations[target.Ref]!;
      return FUNCTION_NAMES.find((name) => JSON.stringify(integration.Properties.IntegrationUri) === JSON.stringify(arnOf(fnId(name))));
    };
    const byKey = Object.fromEntries(routes().map((r) => [r.RouteKey as string, r]));
    expect(functionOf(byKey['ANY /v1/{proxy+}']!)).toBe('api');
    for (const key of PUBLIC_KEYS) expect(functionOf(byKey[key]!)).toBe('api');
    for (const route of gatewayRoutes(apiFunctions)) expect(functionOf(byKey[`ANY ${route.path}`]!), route.path).toBe(route.function);
  });

  it('validates Cognito JWTs of the residents app client and of the staff console’s client', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: logicalId(cabas.stack.userPoolClient) }, { Ref: logicalId(cabas.stack.web.consoleClient) }],
        Issuer: {
          'Fn::Join': ['', ['https://cognito-idp.', Match.anyValue(), '.', Match.anyValue(), '/', { Ref: logicalId(cabas.stack.userPool) }]],
        },
      },
    });
  });

  it('throttles each public route (no authorizer) more tightly than the stage, once the routes exist', () => {
    const [stageId, stage] = Object.entries(template.findResources('AWS::ApiGatewayV2::Stage'))[0]!;
    const defaults = stage.Properties.DefaultRouteSettings as { ThrottlingRateLimit: number; ThrottlingBurstLimit: number };
    const settings = stage.Properties.RouteSettings as Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }>;
    const publicKeys = routes()
      .filter((r) => r.AuthorizationType === 'NONE')
      .map((r) => r.RouteKey as string)
      .sort();
    expect(publicKeys).toEqual([...PUBLIC_KEYS].sort());
    expect(Object.keys(settings).sort()).toEqual(publicKeys);
    expect(PUBLIC_ROUTES.map((r) => `GET ${r.path}`).sort()).toEqual(publicKeys);
    // The gateway's public routes are exactly the route table's public ones (shared/http/routes.ts).
    expect(apiRoutes.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.path}`).sort()).toEqual(publicKeys);
    for (const key of publicKeys) {
      expect(settings[key]!.ThrottlingRateLimit).toBeGreaterThan(0);
      expect(settings[key]!.ThrottlingBurstLimit).toBeGreaterThanOrEqual(settings[key]!.ThrottlingRateLimit);
      expect(settings[key]!.ThrottlingRateLimit).toBeLessThan(defaults.ThrottlingRateLimit);
      expect(settings[key]!.ThrottlingBurstLimit).toBeLessThan(defaults.ThrottlingBurstLimit);
    }
    // API Gateway refuses route settings for routes it does not have yet.
    const routeIds = Object.entries(template.findResources('AWS::ApiGatewayV2::Route'))
      .filter(([, r]) => publicKeys.includes(r.Properties.RouteKey))
      .map(([id]) => id);
    expect(resources[stageId]!.DependsOn).toEqual(expect.arrayContaining(routeIds));
  });

  it('logs access to a log group and throttles the stage', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] }, Format: Match.stringLikeRegexp('requestId') },
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
    });
  });
});

describe('identity', () => {
  it('lets residents sign up by email with a strong password policy', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
    });
  });

  it('has the admin group and a public app client', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'admin' });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', { GenerateSecret: false });
  });

  it('signs residents in to their app with their client: the code flow back to the app’s address, no secret', () => {
    const client = resources[logicalId(cabas.stack.userPoolClient)]!.Properties;
    expect(client.ClientName).toBe('residents-app');
    expect(client.GenerateSecret).toBe(false);
    expect(client.AllowedOAuthFlows).toEqual(['code']);
    expect(client.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect([...client.AllowedOAuthScopes].sort()).toEqual(['email', 'openid']);
    expect(client.SupportedIdentityProviders).toEqual(['COGNITO']);
    const appUrl = { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [logicalId(cabas.stack.web.distribution), 'DomainName'] }, '/']] };
    expect(client.CallbackURLs).toEqual([appUrl]);
    expect(client.LogoutURLs).toEqual([appUrl]);
    // Its managed login page, where residents sign up (self sign-up is on, see above).
    template.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', { ClientId: { Ref: logicalId(cabas.stack.userPoolClient) }, UseCognitoProvidedValues: true });
  });
});

describe('payout schedule', () => {
  it('invokes the payout function on the city schedule, Europe/Paris, with retries and a DLQ', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 6 1 * ? *)',
      ScheduleExpressionTimezone: 'Europe/Paris',
      State: 'ENABLED',
      Target: Match.objectLike({
        Arn: arnOf(fnId('payout')),
        DeadLetterConfig: { Arn: arnOf(logicalId(cabas.stack.payoutScheduleDlq)) },
        RetryPolicy: { MaximumEventAgeInSeconds: Match.anyValue(), MaximumRetryAttempts: Match.anyValue() },
      }),
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: fnId('payout') },
      DestinationConfig: { OnFailure: { Destination: arnOf(logicalId(cabas.stack.payoutScheduleDlq)) } },
    });
  });

  it('lets the scheduler invoke the payout function only', () => {
    const scheduleRoleId = Object.values(template.findResources('AWS::Scheduler::Schedule'))[0]!.Properties.Target
      .RoleArn['Fn::GetAtt'][0] as string;
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p) => (p.Properties.Roles as Json[]).some((r) => r.Ref === scheduleRoleId))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Json[]);
    const invoke = statements.filter((s) => asArray(s.Action).includes('lambda:InvokeFunction'));
    expect(invoke.flatMap((s) => asArray(s.Resource))).toEqual([arnOf(fnId('payout'))]);
  });

  it("runs the retention of receipts' personal data every night through the payout function, with the same DLQ", () => {
    template.resourceCountIs('AWS::Scheduler::Schedule', 3);
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(30 3 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Paris',
      State: 'ENABLED',
      Target: Match.objectLike({
        Arn: arnOf(fnId('payout')),
        Input: Match.serializedJson(Match.objectLike({ job: 'privacy' })),
        DeadLetterConfig: { Arn: arnOf(logicalId(cabas.stack.payoutScheduleDlq)) },
      }),
    });
    for (const name of FUNCTION_NAMES) {
      expect(resources[fnId(name)]!.Properties.Environment.Variables.CABAS_RECEIPT_PERSONAL_DATA_RETENTION_DAYS).toBe('365');
    }
  });

  it('sweeps the parking tickets past their wait every hour through the payout function, with the same DLQ', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(5 * * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Paris',
      State: 'ENABLED',
      Target: Match.objectLike({
        Arn: arnOf(fnId('payout')),
        Input: Match.serializedJson(Match.objectLike({ job: 'parking' })),
        DeadLetterConfig: { Arn: arnOf(logicalId(cabas.stack.payoutScheduleDlq)) },
      }),
    });
  });
});

describe('alarms and outputs', () => {
  it('alarms on every DLQ and on every function, to an SSL-only topic with the email subscription', () => {
    const topicId = logicalId(cabas.stack.alarmTopic);
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
    const dlqs = [...Object.values(cabas.stack.queues).map((q) => q.dlq), cabas.stack.payoutScheduleDlq, cabas.stack.photoQueues.dlq];
    for (const dlq of dlqs) {
      expect(
        alarms.some(
          (a) =>
            a.MetricName === 'ApproximateNumberOfMessagesVisible' &&
            JSON.stringify(a.Dimensions).includes(logicalId(dlq)),
        ),
      ).toBe(true);
    }
    for (const name of FUNCTION_NAMES) {
      expect(
        alarms.some((a) => a.MetricName === 'Errors' && JSON.stringify(a.Dimensions).includes(fnId(name))),
      ).toBe(true);
    }
    for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
    // The review queue alarm and the operators' dashboard (infra/dashboard.ts), over the metrics
    // each function writes in its city's namespace.
    expect(alarms.some((a) => a.AlarmName === `${cabas.stack.stackName}-review-queue-growing` && a.Threshold === 25)).toBe(true);
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    for (const name of FUNCTION_NAMES) {
      expect(resources[fnId(name)]!.Properties.Environment.Variables.POWERTOOLS_METRICS_NAMESPACE).toBe(`Cabas/${cabas.stack.stackName}`);
    }
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'astreinte@ville-exemple.fr',
      TopicArn: { Ref: topicId },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('exports what the city needs to configure clients', () => {
    const outputs = Object.keys(template.toJSON().Outputs as Json);
    for (const name of ['ApiUrl', 'UserPoolId', 'UserPoolClientId', 'ReceiptsBucketName', 'TableName', 'AppUrl', 'ConsoleUrl']) {
      expect(outputs).toContain(name);
    }
  });

  it('has no email subscription when alarmEmail is null (synth without bundling)', () => {
    const noEmail = buildApp({ ...CITY, alarmEmail: null }, { 'aws:cdk:bundling-stacks': [] });
    const t = Template.fromStack(noEmail.stack);
    t.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('traces every function with X-Ray when tracing is on, and only then grants X-Ray (synth without bundling)', () => {
    const traced = buildApp({ ...CITY, tracing: true }, { 'aws:cdk:bundling-stacks': [] });
    const t = Template.fromStack(traced.stack);
    const fns = Object.values(t.findResources('AWS::Lambda::Function')).filter((f) => String(f.Properties.Description ?? '').startsWith('Cabas '));
    expect(fns.length).toBeGreaterThanOrEqual(FUNCTION_NAMES.length);
    for (const f of fns) expect(f.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    const xray = (tpl: Template) => JSON.stringify(tpl.findResources('AWS::IAM::Policy')).includes('xray:PutTraceSegments');
    expect(xray(t)).toBe(true);
    expect(xray(template)).toBe(false);
  });
});

describe('shops’ photos (issue #20)', () => {
  const bucketId = () => logicalId(cabas.stack.receiptsBucket);
  const s3Statements = (name: FunctionName) => statementsOf(name).filter((st) => st.Effect === 'Allow' && asArray(st.Action).some((a: string) => a.startsWith('s3:')));

  it('notifies the photos queue (DLQ after 5 receives) of uploads under uploads/shop-photos/, one photo per invocation', () => {
    const { queue, dlq } = cabas.stack.photoQueues;
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: { Ref: bucketId() },
      NotificationConfiguration: {
        QueueConfigurations: Match.arrayWith([
          { Events: ['s3:ObjectCreated:*'], Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'uploads/shop-photos/' }] } }, QueueArn: arnOf(logicalId(queue)) },
        ]),
      },
    });
    expect(resources[logicalId(queue)]!.Properties.RedrivePolicy).toEqual({ deadLetterTargetArn: arnOf(logicalId(dlq)), maxReceiveCount: 5 });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: arnOf(logicalId(queue)),
      FunctionName: { Ref: fnId('photos') },
      BatchSize: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    expect(resources[logicalId(cabas.stack.receiptsBucket)]!.Properties.LifecycleConfiguration.Rules).toContainEqual(
      expect.objectContaining({ Prefix: 'uploads/shop-photos/', ExpirationInDays: 1, Status: 'Enabled' }),
    );
  });

  it('gives the photos function the originals and the renditions only: no receipt, no kept image, no payout file', () => {
    const resourcesOf = (name: FunctionName) => s3Statements(name).flatMap((st) => asArray(st.Resource).map((r) => JSON.stringify(r)));
    expect(new Set(resourcesOf('photos'))).toEqual(new Set([JSON.stringify(objectsUnder('uploads/shop-photos/')), JSON.stringify(objectsUnder('media/'))]));
    expect(allows('photos', 's3:GetObject', objectsUnder('uploads/shop-photos/'))).toBe(true);
    expect(allows('photos', 's3:PutObject', objectsUnder('media/'))).toBe(true);
    expect(allows('photos', 's3:PutObject', objectsUnder('uploads/shop-photos/'))).toBe(false);
    // The API's functions of the shops' staff and of city staff presign the uploads and delete a
    // removed photo's files; they never read a photo. The residents' function does neither.
    for (const name of ['shops', 'merchants'] as const) {
      expect(allows(name, 's3:PutObject', objectsUnder('uploads/shop-photos/'))).toBe(true);
      expect(allows(name, 's3:DeleteObject', objectsUnder('media/'))).toBe(true);
      expect(allows(name, 's3:GetObject', objectsUnder('media/'))).toBe(false);
    }
    expect(allows('api', 's3:PutObject', objectsUnder('uploads/shop-photos/'))).toBe(false);
    // No other function touches them.
    for (const name of ['ocr', 'match', 'credit', 'payout'] as const) {
      expect(resourcesOf(name).filter((r) => r.includes('media/') || r.includes('shop-photos/')), name).toEqual([]);
    }
  });

  it('serves /media/* from the media/ prefix of the receipts bucket, and no other prefix of it is reachable through the site', () => {
    const distribution = resources[logicalId(cabas.stack.web.distribution)]!.Properties.DistributionConfig;
    const receiptsOrigins = (distribution.Origins as Json[]).filter((o) => JSON.stringify(o.DomainName).includes(bucketId()));
    expect(receiptsOrigins).toHaveLength(1);
    const [origin] = receiptsOrigins;
    expect(origin!.OriginAccessControlId).toBeDefined();
    expect(origin!.OriginPath ?? '').toBe('');
    // The default behaviour is the web apps' bucket; only the media/* behaviour goes to the receipts bucket.
    expect(distribution.DefaultCacheBehavior.TargetOriginId).not.toBe(origin!.Id);
    const toReceipts = (distribution.CacheBehaviors as Json[]).filter((b) => b.TargetOriginId === origin!.Id);
    expect(toReceipts.map((b) => b.PathPattern)).toEqual(['media/*']);
    expect(toReceipts[0]!.AllowedMethods).toEqual(['GET', 'HEAD']);
    // The bucket lets CloudFront (this distribution only) read media/* and nothing else: receipts/,
    // kept/ and payouts/ stay private.
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy')).find((p) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: bucketId() }))!;
    const forCloudFront = (policy.Properties.PolicyDocument.Statement as Json[]).filter((st) => JSON.stringify(st.Principal ?? {}).includes('cloudfront.amazonaws.com'));
    expect(forCloudFront).toHaveLength(1);
    expect(forCloudFront[0]).toMatchObject({ Effect: 'Allow', Action: 's3:GetObject', Resource: objectsUnder('media/') });
    expect(JSON.stringify(forCloudFront[0]!.Condition)).toContain(logicalId(cabas.stack.web.distribution));
    for (const prefix of ['receipts/', 'kept/', 'payouts/', 'uploads/']) {
      expect(JSON.stringify(forCloudFront), prefix).not.toContain(prefix);
      expect((distribution.CacheBehaviors as Json[]).some((b) => String(b.PathPattern).startsWith(prefix.slice(0, -1))), prefix).toBe(false);
    }
    expect(JSON.stringify(forCloudFront)).not.toMatch(/"\/\*"/);
    expect(dependencyCycle(template.toJSON())).toBeUndefined();
  });

  it('lets the console PUT a photo to the bucket (its CSP connects to it)', () => {
    const policies = Object.values(template.findResources('AWS::CloudFront::ResponseHeadersPolicy')).map((p) => JSON.stringify(p.Properties));
    const consolePolicy = policies.find((p) => p.includes('Cabas console: security headers, no caching'))!;
    expect(consolePolicy).toMatch(/connect-src[^;]*RegionalDomainName/);
  });
});
