import path from 'node:path';

import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, Tags, Validations, type StackProps } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { SqsDestination as S3SqsDestination } from 'aws-cdk-lib/aws-s3-notifications';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct, IConstruct } from 'constructs';

import { ENV } from '../shared/config';
import type { CityConfig } from './config';
import { TABLE_KEYS } from '../shared/adapters/dynamodb/table';
import { KEPT_IMAGES_PREFIX } from '../shared/adapters/aws/s3-images';
import { WebHosting } from './web-hosting';
import { addAlarms } from './alarms';
import { Operations, metricsNamespaceOf } from './dashboard';
import { createResidentsPool } from './identity';
import { FUNCTIONS, LOG_RETENTION, assertLocalEsbuild, capitalize, createFunction, createPipelineQueue, grantTableReadWrite, type FunctionName } from './lambda-functions';
import { gatewayRoutes, type ApiFunctionName } from '../shared/http/api-function';
import { apiFunctions } from '../shared/http/routes';
import { scheduleJobs } from './schedules';
import { MEDIA_PREFIX, addShopPhotos } from './shop-photos';
export { PROJECT_ROOT, type FunctionName } from './lambda-functions';

/** Prefix of the receipt images in the bucket (`receipts/<receiptId>`, see shared/domain/receipt.ts). */
export const RECEIPTS_PREFIX = 'receipts/';
/**
 * Prefix of the receipt images as read (`kept/receipts/<receiptId>`, see shared/adapters/aws/s3-images.ts):
 * the ocr function copies each upload there once, write-once; staff's links and everything after
 * the OCR stage use that copy, which no presigned PUT can reach.
 */
export const KEPT_RECEIPTS_PREFIX = KEPT_IMAGES_PREFIX;

/** Single-table design: the key schema the local stack uses too (shared/adapters/dynamodb/table.ts), plus TTL. */
export const TABLE_SCHEMA = { ...TABLE_KEYS, ttlAttribute: 'expiresAt' } as const;

export { LOCAL_ONLY_MODULES } from './bundling';

/** Presigned upload URLs live 15 minutes. */
const UPLOAD_URL_TTL_SECONDS = 900;
/** Stage-wide throttling of the HTTP API (per second across all residents). */
const API_THROTTLE = { rateLimit: 100, burstLimit: 200 } as const;
/**
 * The routes without the JWT authorizer, each with its own, tighter throttling (requests per
 * second for the whole API, all callers together): anyone can call them, so they must not be a
 * way to spend the stage's budget and deny the residents' and staff's routes.
 */
export const PUBLIC_ROUTES: ReadonlyArray<{ path: string; throttle: { rateLimit: number; burstLimit: number } }> = [
  { path: '/v1/health', throttle: { rateLimit: 5, burstLimit: 10 } },
  { path: '/v1/merchants', throttle: { rateLimit: 20, burstLimit: 40 } },
  { path: '/v1/merchants/{id}', throttle: { rateLimit: 20, burstLimit: 40 } },
  { path: '/v1/merchants/{id}/news', throttle: { rateLimit: 20, burstLimit: 40 } },
  { path: '/v1/merchants/{id}/reviews', throttle: { rateLimit: 20, burstLimit: 40 } },
  { path: '/v1/merchants/{id}/photos', throttle: { rateLimit: 20, burstLimit: 40 } },
  { path: '/v1/news', throttle: { rateLimit: 20, burstLimit: 40 } },
  { path: '/v1/campaigns', throttle: { rateLimit: 20, burstLimit: 40 } },
];

export interface CityStackProps extends StackProps {
  readonly config: CityConfig;
}

/**
 * One city's Cabas backend: Cognito, HTTP API, receipts bucket, the ocr -> match -> credit
 * pipeline on SQS, the single DynamoDB table, the payout schedule and the alarms.
 */
export class CityStack extends Stack {
  readonly functions: Record<FunctionName, NodejsFunction>;
  readonly table: dynamodb.Table;
  readonly receiptsBucket: s3.Bucket;
  readonly queues: Record<'ocr' | 'match' | 'credit', { queue: sqs.Queue; dlq: sqs.Queue }>;
  /** The shops' photos' queue (S3 notifications of their uploads) and its DLQ (infra/shop-photos.ts). */
  readonly photoQueues: { queue: sqs.Queue; dlq: sqs.Queue };
  readonly payoutScheduleDlq: sqs.Queue;
  readonly userPool: cognito.UserPool;
  readonly userPoolClient: cognito.UserPoolClient;
  readonly httpApi: apigwv2.HttpApi;
  readonly web: WebHosting;
  readonly alarmTopic: sns.Topic;
  /** The operators' dashboard and the review queue alarm (infra/dashboard.ts). */
  readonly operations: Operations;

  constructor(scope: Construct, id: string, props: CityStackProps) {
    super(scope, id, {
      description: `Cabas: dotation for local shops, ${props.config.cityName}`,
      ...props,
    });
    const { config } = props;
    assertLocalEsbuild();
    Tags.of(this).add('project', 'cabas');

    // ---------------------------------------------------------------- storage
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: TABLE_SCHEMA.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_SCHEMA.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: TABLE_SCHEMA.ttlAttribute,
    });
    for (const index of TABLE_SCHEMA.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }

    const accessLogsBucket = new s3.Bucket(this, 'AccessLogsBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(accessLogsBucket, {
      id: 'AwsSolutions-S1',
      reason:
        'This bucket is the destination of the receipts bucket server access logs; logging it into ' +
        'itself would loop and logging it elsewhere would only move the finding.',
    });

    this.receiptsBucket = new s3.Bucket(this, 'ReceiptsBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: false,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: accessLogsBucket,
      serverAccessLogsPrefix: 'receipts-bucket/',
      // No CorsConfiguration here: residents' browsers PUT the image straight to S3 with the
      // presigned URL from POST /v1/receipts, from the site's origin only, a rule WebHosting.publish
      // sets at deploy time (the bucket cannot name the distribution: see infra/web-hosting.ts).
      lifecycleRules: [
        {
          id: 'expire-receipt-images',
          prefix: RECEIPTS_PREFIX,
          expiration: Duration.days(config.imageRetentionDays),
        },
        {
          // The copies read by the pipeline keep the same retention as the uploads.
          id: 'expire-kept-receipt-images',
          prefix: KEPT_RECEIPTS_PREFIX,
          expiration: Duration.days(config.imageRetentionDays),
        },
        { id: 'abort-incomplete-multipart-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // A receipt's image as read is what the pipeline paid for: written once, by anyone. A
    // PutObject (or copy, or multipart upload) under receipts/ (the residents' uploads, whose
    // presigned URLs sign `If-None-Match: *`) or kept/ (the copies read of older, replaceable
    // uploads) without `If-None-Match: *` is refused, so no principal, whatever its grants or an
    // old URL, can replace one (erasure by DeleteObject stays possible).
    this.receiptsBucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ReceiptImagesAreWriteOnce',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [this.receiptsBucket.arnForObjects(`${RECEIPTS_PREFIX}*`), this.receiptsBucket.arnForObjects(`${KEPT_RECEIPTS_PREFIX}*`)],
        conditions: { Null: { 's3:if-none-match': 'true' } },
      }),
    );

    // ---------------------------------------------------------------- alarms topic
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      displayName: `Cabas alarms (${config.cityName})`.slice(0, 100),
      enforceSSL: true,
    });
    if (config.alarmEmail) {
      this.alarmTopic.addSubscription(new EmailSubscription(config.alarmEmail));
    }

    // ---------------------------------------------------------------- functions
    const commonEnv: Record<string, string> = {
      [ENV.table]: this.table.tableName,
      [ENV.receiptsBucket]: this.receiptsBucket.bucketName,
      // City-wide settings go to every function so that no function falls back to a default that
      // differs from the city's configuration.
      [ENV.ocrEngine]: config.ocrEngine,
      [ENV.uploadUrlTtlSeconds]: String(UPLOAD_URL_TTL_SECONDS),
      [ENV.payoutThresholdCents]: String(config.payoutThresholdCents),
      [ENV.cityName]: config.payer.name,
      [ENV.debtorIban]: config.payer.iban.replace(/\s+/g, ''),
      ...(config.payer.bic ? { [ENV.debtorBic]: config.payer.bic } : {}),
      [ENV.debtorPostcode]: config.payer.postcode,
      [ENV.debtorTown]: config.payer.town,
      ...(config.matching
        ? { [ENV.matchAutoThreshold]: String(config.matching.auto), [ENV.matchReviewThreshold]: String(config.matching.review) }
        : {}),
      ...(config.fraud ? { [ENV.fraudPolicy]: JSON.stringify(config.fraud) } : {}),
      [ENV.receiptPersonalDataRetentionDays]: String(config.receiptPersonalDataRetentionDays),
      POWERTOOLS_SERVICE_NAME: 'cabas',
      // Each city's metrics apart (infra/dashboard.ts), written as log lines (embedded metric format).
      POWERTOOLS_METRICS_NAMESPACE: metricsNamespaceOf(this.stackName),
      NODE_OPTIONS: '--enable-source-maps',
    };
    const fns = {} as Record<FunctionName, NodejsFunction>;
    for (const name of Object.keys(FUNCTIONS) as FunctionName[]) {
      fns[name] = createFunction(this, name, FUNCTIONS[name], commonEnv, { tracing: config.tracing });
    }
    this.functions = fns;

    // Data access, function by function (least privilege).
    for (const fn of Object.values(fns)) grantTableReadWrite(fn, this.table.tableArn);
    const receiptObjects = this.receiptsBucket.arnForObjects(`${RECEIPTS_PREFIX}*`);
    const keptObjects = this.receiptsBucket.arnForObjects(`${KEPT_RECEIPTS_PREFIX}*`);
    // The residents' and the counter's API functions presign the uploads (under receipts/) and the
    // links of a data export to the images as read, and delete the photos at an erasure; staff's
    // receipts function presigns links to the images as read. An image as read is the write-once
    // upload itself (under receipts/) or, for a receipt announced before uploads were write-once,
    // the copy kept under kept/. None reads an image itself.
    for (const name of ['api', 'counter'] as const) {
      fns[name].addToRolePolicy(new iam.PolicyStatement({ sid: 'PresignReceiptUploads', actions: ['s3:PutObject'], resources: [receiptObjects] }));
    }
    for (const name of ['api', 'counter', 'staff'] as const) {
      fns[name].addToRolePolicy(new iam.PolicyStatement({ sid: 'PresignImageAsReadLinks', actions: ['s3:GetObject'], resources: [receiptObjects, keptObjects] }));
    }
    // The ocr function reads the upload it is notified of and, for a receipt announced before
    // uploads were write-once, keeps what it read under kept/ (create-only: the bucket policy
    // refuses any PutObject there without If-None-Match).
    fns.ocr.addToRolePolicy(
      new iam.PolicyStatement({ sid: 'ReadReceiptUploads', actions: ['s3:GetObject'], resources: [receiptObjects] }),
    );
    fns.ocr.addToRolePolicy(
      new iam.PolicyStatement({ sid: 'KeepReadReceiptImages', actions: ['s3:PutObject', 's3:GetObject'], resources: [keptObjects] }),
    );
    // Payout files (pain.001 for the bank, CSV for the accountant) live under payouts/: written by
    // the payout run (scheduled, or started by staff through the sepa function), read by staff through it.
    const payoutObjects = this.receiptsBucket.arnForObjects('payouts/*');
    fns.payout.addToRolePolicy(new iam.PolicyStatement({ sid: 'WritePayoutFiles', actions: ['s3:PutObject'], resources: [payoutObjects] }));
    fns.sepa.addToRolePolicy(
      new iam.PolicyStatement({ sid: 'RunAndReadPayoutFiles', actions: ['s3:PutObject', 's3:GetObject'], resources: [payoutObjects] }),
    );
    // A receipt's images (the upload and its kept copy) are deleted by a resident's erasure (api,
    // or counter for a resident of the counter), by the retention of receipts' personal data
    // (payout, daily job) and, for a photo sent after its receipt was erased, on arrival (ocr). See
    // shared/app/privacy.ts.
    for (const name of ['api', 'counter', 'ocr', 'payout'] as const) {
      fns[name].addToRolePolicy(new iam.PolicyStatement({ sid: 'EraseReceiptImages', actions: ['s3:DeleteObject'], resources: [receiptObjects, keptObjects] }));
    }
    // Object ids (receipts, payout batches) are made at runtime, so these grants name a prefix.
    const acknowledgePrefixGrant = (prefix: string, what: string, grants: ReadonlyArray<readonly [FunctionName, string]>) => {
      const finding = `AwsSolutions-IAM5[Resource::<${this.getLogicalId(this.receiptsBucket.node.defaultChild as s3.CfnBucket)}.Arn>/${prefix}*]`;
      for (const [name, why] of grants) {
        acknowledge(fns[name].role!.node.findChild('DefaultPolicy'), {
          id: finding,
          reason: `The ${name} function ${why}; ${what} are generated at runtime, so the grant covers the objects under the ${prefix} prefix of the bucket and nothing else.`,
        });
      }
    };
    acknowledgePrefixGrant(RECEIPTS_PREFIX, 'receipt ids', [
      ['api', "presigns the residents' write-once uploads (PutObject), the links of a resident's data export to their photos as read (GetObject), and deletes a resident's photos at their erasure (DeleteObject)"],
      ['counter', "presigns the write-once uploads staff make for a resident of the counter (PutObject), the links of their data export to their photos (GetObject), and deletes their photos at their erasure (DeleteObject)"],
      ['staff', "presigns staff's links to the receipt images as read, which are the write-once uploads (GetObject)"],
      ['ocr', 'reads the uploaded image it is notified of (GetObject), and deletes one sent after its receipt was erased (DeleteObject)'],
      ['payout', 'deletes the photos of receipts past the retention of their personal data (DeleteObject, daily job)'],
    ]);
    acknowledgePrefixGrant(KEPT_RECEIPTS_PREFIX, 'receipt ids', [
      ['api', "presigns the links of a resident's data export to their photos as read (GetObject) and deletes them at their erasure (DeleteObject)"],
      ['counter', "presigns the links of a counter resident's data export to their photos as read (GetObject) and deletes them at their erasure (DeleteObject)"],
      ['staff', "presigns staff's links to the receipt images as read of receipts announced before uploads were write-once (GetObject)"],
      ['ocr', 'keeps a write-once copy of each image it reads of a receipt announced before uploads were write-once (conditional PutObject), reads it back on a retry (GetObject) and deletes one whose receipt was erased (DeleteObject)'],
      ['payout', 'deletes the photos of receipts past the retention of their personal data (DeleteObject, daily job)'],
    ]);
    acknowledgePrefixGrant('payouts/', 'batch ids', [
      ['payout', "writes each payout batch's pain.001 file and accountant CSV (PutObject)"],
      ['sepa', 'runs a payout batch when staff ask for it (PutObject) and serves its files to staff (GetObject)'],
    ]);
    const textractPolicy = new iam.Policy(this, 'OcrTextractPolicy', {
      statements: [
        new iam.PolicyStatement({
          sid: 'TextractOcr',
          actions: ['textract:AnalyzeExpense', 'textract:DetectDocumentText'],
          resources: ['*'],
        }),
      ],
    });
    fns.ocr.role!.attachInlinePolicy(textractPolicy);
    acknowledge(textractPolicy, {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Textract AnalyzeExpense and DetectDocumentText are not resource-scoped actions (no resource ' +
        'ARN exists for them); this policy holds only these two actions and only the ocr function has it.',
    });
    for (const [name, fn] of Object.entries(fns)) {
      const defaultPolicy = fn.role!.node.tryFindChild('DefaultPolicy');
      if (defaultPolicy && config.tracing) {
        acknowledge(defaultPolicy, {
          id: 'AwsSolutions-IAM5[Resource::*]',
          reason:
            `Active X-Ray tracing on the ${name} function needs xray:PutTraceSegments and ` +
            'xray:PutTelemetryRecords, which support no resource-level permission. Every other ' +
            'statement of this policy names its resources (checked by test/infra).',
        });
      }
    }

    // ---------------------------------------------------------------- pipeline queues
    this.queues = {
      ocr: createPipelineQueue(this, 'Ocr', fns.ocr, 5, 5),
      match: createPipelineQueue(this, 'Match', fns.match, 10, 5),
      // Credits contend on the campaign budget account (one TransactWriteItems each): few in parallel.
      credit: createPipelineQueue(this, 'Credit', fns.credit, 10, 2),
    };
    fns.ocr.addEnvironment(ENV.ocrQueueUrl, this.queues.ocr.queue.queueUrl);
    fns.ocr.addEnvironment(ENV.matchQueueUrl, this.queues.match.queue.queueUrl);
    this.queues.match.queue.grantSendMessages(fns.ocr);
    fns.match.addEnvironment(ENV.creditQueueUrl, this.queues.credit.queue.queueUrl);
    this.queues.credit.queue.grantSendMessages(fns.match);
    // A receipt staff approve from the review queue goes to the credit stage (shared/app/review.ts).
    fns.staff.addEnvironment(ENV.creditQueueUrl, this.queues.credit.queue.queueUrl);
    this.queues.credit.queue.grantSendMessages(fns.staff);
    // The shops' photos: their uploads' queue, the photos function's grants (infra/shop-photos.ts).
    this.photoQueues = addShopPhotos(this, { bucket: this.receiptsBucket, editors: { shops: fns.shops, merchants: fns.merchants }, photos: fns.photos });

    this.receiptsBucket.addEventNotification(
      s3.EventType.OBJECT_CREATED,
      new S3SqsDestination(this.queues.ocr.queue),
      { prefix: RECEIPTS_PREFIX },
    );
    // CDK configures bucket notifications through its own singleton custom-resource function.
    const notificationsHandler = this.node.children.find((c) => c.node.id.startsWith('BucketNotificationsHandler'));
    const notificationsRole = notificationsHandler?.node.tryFindChild('Role');
    if (notificationsRole) {
      acknowledge(notificationsRole, {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          "Role of aws-cdk-lib's BucketNotificationsHandler, the CDK-provided custom resource that sets " +
          'the receipts bucket notification at deploy time (its only other right is ' +
          's3:PutBucketNotification on that bucket). The managed policy only lets it write its own ' +
          'logs; a custom role would need a wildcard on the log group CloudFormation names at deploy ' +
          'time, or would lose those logs.',
      });
    }

    // ---------------------------------------------------------------- payout schedule
    this.payoutScheduleDlq = new sqs.Queue(this, 'PayoutDeadLetterQueue', {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    acknowledge(this.payoutScheduleDlq, {
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself a dead-letter queue: EventBridge Scheduler sends payout invocations it ' +
        'could not deliver here, and the payout function sends failed asynchronous runs here.',
    });
    // The monthly payout and the nightly retention job (infra/schedules.ts).
    scheduleJobs(this, fns.payout, this.payoutScheduleDlq, config);

    // ---------------------------------------------------------------- identity
    this.userPool = createResidentsPool(this, config);
    // The web apps (infra/web-hosting.ts): the residents' app at the site's root and the staff
    // console at /console/, on one CloudFront distribution, with the managed login's domain and
    // the console's client.
    this.web = new WebHosting(this, 'Web', { cityName: config.cityName, userPool: this.userPool, accessLogsBucket, media: { bucket: this.receiptsBucket, prefix: MEDIA_PREFIX } });
    // The residents' app (web/app) signs in with this client, the one residents always had: it
    // gains the managed login's authorization code flow (PKCE, no secret, openid and email, back
    // to the app's address) rather than a second residents' client being added. So the API's
    // audience, the UserPoolClientId output and the client id stay as they were (CloudFormation
    // updates the client in place), and there is one residents' client to reason about. Its SRP
    // flow stays for clients that sign in without the managed login. Residents sign up on the
    // managed login themselves: the pool's self sign-up, email verified by a code, is on above.
    this.userPoolClient = this.userPool.addClient('ResidentsAppClient', {
      userPoolClientName: 'residents-app',
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: this.web.appOAuth(),
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });

    // ---------------------------------------------------------------- HTTP API
    const jwtAuthorizer = new HttpJwtAuthorizer(
      'CognitoJwtAuthorizer',
      `https://cognito-idp.${Aws.REGION}.${Aws.URL_SUFFIX}/${this.userPool.userPoolId}`,
      { jwtAudience: [this.userPoolClient.userPoolClientId, this.web.consoleClient.userPoolClientId], authorizerName: 'cognito-jwt' },
    );
    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      apiName: `${this.stackName}-api`,
      description: `Cabas REST API v1 (${config.cityName})`,
      createDefaultStage: false,
      corsPreflight: {
        // Bearer tokens, no cookies: any origin may call the API.
        allowOrigins: ['*'],
        allowMethods: [apigwv2.CorsHttpMethod.ANY],
        allowHeaders: ['authorization', 'content-type'],
        maxAge: Duration.hours(1),
      },
    });
    const apiAccessLogs = new logs.LogGroup(this, 'HttpApiAccessLogs', {
      retention: LOG_RETENTION,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const stage = new apigwv2.HttpStage(this, 'HttpApiDefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: API_THROTTLE,
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(apiAccessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });
    // The API's functions, one per audience (shared/http/api-function.ts): each path goes to its
    // function, and what no other claims (the public routes, unknown paths) to the residents' one.
    const integrations = Object.fromEntries(
      apiFunctions.map((fn) => [fn.name, new HttpLambdaIntegration(fn.name === 'api' ? 'ApiIntegration' : `${capitalize(fn.name)}ApiIntegration`, fns[fn.name])]),
    ) as Record<ApiFunctionName, HttpLambdaIntegration>;
    const integration = integrations.api;
    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    for (const { path: publicPath, throttle } of PUBLIC_ROUTES) {
      for (const route of this.httpApi.addRoutes({ path: publicPath, methods: [apigwv2.HttpMethod.GET], integration })) {
        acknowledge(route, {
          id: 'AwsSolutions-APIG4',
          reason: `GET ${publicPath} is public by design (docs/contracts.md, section 4): health check, the public directory of participating shops, their news, reviews and photos, and the campaigns running now.`,
        });
        routeSettings[`GET ${publicPath}`] = { ThrottlingRateLimit: throttle.rateLimit, ThrottlingBurstLimit: throttle.burstLimit };
        // API Gateway refuses settings for a route it does not know yet: the stage comes after them.
        stage.node.addDependency(route);
      }
    }
    // Per-route throttling (not in the HttpStage construct): tighter limits on the public routes.
    (stage.node.defaultChild as apigwv2.CfnStage).routeSettings = routeSettings;
    this.httpApi.addRoutes({
      path: '/v1/{proxy+}',
      methods: [apigwv2.HttpMethod.ANY],
      integration,
      authorizer: jwtAuthorizer,
    });
    for (const route of gatewayRoutes(apiFunctions)) {
      this.httpApi.addRoutes({ path: route.path, methods: [apigwv2.HttpMethod.ANY], integration: integrations[route.function], authorizer: jwtAuthorizer });
    }

    // ---------------------------------------------------------------- alarms
    addAlarms(this, this.alarmTopic, {
      deadLetterQueues: [
        ['ocr', this.queues.ocr.dlq, 'receipts that failed OCR 5 times'],
        ['match', this.queues.match.dlq, 'receipts that failed matching 5 times'],
        ['credit', this.queues.credit.dlq, 'accepted receipts whose credit failed 5 times'],
        ['payout', this.payoutScheduleDlq, 'payout runs that could not be started or failed after retries'],
        ['photos', this.photoQueues.dlq, 'shop photos whose processing failed 5 times'],
      ],
      functions: fns,
    });
    this.operations = new Operations(this, 'Operations', {
      namespace: metricsNamespaceOf(this.stackName),
      functions: fns,
      queues: this.queues,
      alarmTopic: this.alarmTopic,
      reviewQueueGrowth: config.reviewQueueGrowthAlarm,
    });

    // ---------------------------------------------------------------- outputs
    new CfnOutput(this, 'ApiUrl', { value: stage.url, description: 'Base URL of the REST API (append v1/...)' });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId });
    new CfnOutput(this, 'ReceiptsBucketName', { value: this.receiptsBucket.bucketName });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    this.web.publish({ apiUrl: stage.url, imagesBucket: this.receiptsBucket, appClient: this.userPoolClient });
  }
}

/**
 * Acknowledges a cdk-nag finding on the CloudFormation resource behind `construct` only (not on
 * its children), with the reason that cdk-nag writes next to it in the template.
 */
function acknowledge(construct: IConstruct, finding: { id: string; reason: string }): void {
  Validations.of(construct.node.defaultChild ?? construct).acknowledge(finding);
}
