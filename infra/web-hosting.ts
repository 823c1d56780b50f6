import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { CfnOutput, Duration, Fn, Lazy, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import { Aws } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct, type IConstruct } from 'constructs';

/** Repository root (web/dist and the build script are resolved from here). */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The staff console as `npm run build:web` writes it. */
export const CONSOLE_DIST = path.join(ROOT, 'web', 'dist', 'console');
/** Where the console lives on the city's web address (and in the bucket). */
export const CONSOLE_PATH = '/console/';
/** The map's default tiles (web/shared/config.ts: the IGN Géoplateforme plan). */
const DEFAULT_TILE_ORIGIN = 'https://data.geopf.fr';

export interface WebHostingProps {
  cityName: string;
  /** The city's user pool: the console signs in through its managed login. */
  userPool: cognito.UserPool;
  /** Server access logs of the web bucket go there (under `web/`). */
  accessLogsBucket: s3.IBucket;
  /** Prefix of the managed login's domain (`<prefix>.auth.<region>.amazoncognito.com`). Default: from the stack name and account. */
  domainPrefix?: string;
}

/**
 * Builds web/dist when it is missing or older than web/ (the same check as `npm start`, see
 * web/scripts/build.ts), so that `cdk synth` on a fresh clone packages the console as it is.
 * Synchronous: constructs are built synchronously. Fails with what to do when it cannot.
 */
export function ensureWebBuilt(): void {
  const script = path.join(ROOT, 'web', 'scripts', 'build.ts');
  const run = spawnSync(process.execPath, ['--import', 'tsx', script, '--if-stale', '--app=console'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (run.status !== 0 || !existsSync(path.join(CONSOLE_DIST, 'index.html'))) {
    throw new Error(
      `The staff console is not built (web/dist/console/index.html is missing) and building it failed:\n${run.stderr || run.error?.message || ''}\n` +
        'Run `npm ci` (the build needs the development dependencies), then `npm run build:web`, and synthesise again.',
    );
  }
}

/**
 * The console's policy: its own scripts and styles only (no inline script, no eval), API calls to
 * the city's API and token calls to its managed login, images from itself, the map's tiles and
 * the receipts bucket (staff look at receipt photos through presigned links); never framed.
 */
export function consoleCsp(o: { apiOrigin: string; authOrigin: string; imagesOrigin: string; tileOrigin?: string }): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data: blob: ${o.tileOrigin ?? DEFAULT_TILE_ORIGIN} ${o.imagesOrigin}`,
    `connect-src 'self' ${o.apiOrigin} ${o.authOrigin}`,
    "font-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
}

/**
 * Sends the console's own routes (/console/revue, /console/campagnes/…) to its index.html; files
 * (with an extension) are served as they are. CloudFront Functions run JavaScript 2.0 (cloudfront-js-2.0).
 */
const ROUTER_CODE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/console') {
    return { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: '/console/' } } };
  }
  if (uri.indexOf('/console/') === 0 && !/\\.[A-Za-z0-9]+$/.test(uri)) request.uri = '/console/index.html';
  return request;
}`;

/**
 * The staff console in AWS: a private S3 bucket (no public access, TLS only, encrypted) read by
 * CloudFront through origin access control; security headers and a strict content security
 * policy on every answer; the Cognito managed login (authorization code with PKCE, app client
 * without secret) that the console signs in with; and the console's `config.json` written at
 * deploy time with the API's URL and the login's settings (BucketDeployment, no Docker).
 *
 * Built in two steps because the API's JWT authorizer must accept the console's app client
 * (created here) while config.json needs the API's URL (created after): `new WebHosting(…)`,
 * then `publish({ apiUrl, imagesBucket })`.
 */
export class WebHosting extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly domain: cognito.UserPoolDomain;
  readonly consoleClient: cognito.UserPoolClient;
  /** https://<distribution>/console/ */
  readonly consoleUrl: string;
  private origins: { api?: string; images?: string; auth?: string } = {};

  constructor(scope: Construct, id: string, private readonly props: WebHostingProps) {
    super(scope, id);
    ensureWebBuilt();
    const stack = Stack.of(this);

    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: false,
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: 'web/',
      // Only built files live here: the next deploy writes them again.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });

    // ------------------------------------------------------------ sign-in (managed login, PKCE)
    const prefix =
      props.domainPrefix ??
      Fn.join('-', [
        stack.stackName.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/aws|amazon|cognito/g, 'x').slice(0, 40).replace(/-+$/, ''),
        Aws.ACCOUNT_ID,
      ]);
    this.domain = props.userPool.addDomain('ManagedLogin', {
      cognitoDomain: { domainPrefix: prefix },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });

    // ------------------------------------------------------------ CloudFront
    const headers = (cacheControl: string) => ({
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: Lazy.string({ produce: () => this.csp() }), override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, preload: false, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: 'Cache-Control', value: cacheControl, override: true },
          { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
          { header: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()', override: true },
        ],
      },
    });
    // index.html and config.json are asked again each time (a deploy shows at once); the hashed
    // assets never change under their names.
    const pageHeaders = new cloudfront.ResponseHeadersPolicy(this, 'PageHeaders', { comment: 'Cabas console: security headers, no caching', ...headers('no-cache') });
    const assetHeaders = new cloudfront.ResponseHeadersPolicy(this, 'AssetHeaders', { comment: 'Cabas console: security headers, immutable assets', ...headers('public, max-age=31536000, immutable') });
    const router = new cloudfront.Function(this, 'Router', {
      code: cloudfront.FunctionCode.fromInline(ROUTER_CODE),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: 'Cabas console: its routes are served by its index.html',
    });
    const origin = S3BucketOrigin.withOriginAccessControl(this.bucket);
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `Cabas: ${props.cityName}`.slice(0, 128),
      defaultRootObject: 'console/index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        responseHeadersPolicy: pageHeaders,
        compress: true,
        functionAssociations: [{ function: router, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        'console/assets/*': {
          origin,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: assetHeaders,
          compress: true,
        },
      },
    });
    const site = `https://${this.distribution.distributionDomainName}`;
    this.consoleUrl = `${site}${CONSOLE_PATH}`;

    this.consoleClient = props.userPool.addClient('ConsoleClient', {
      userPoolClientName: 'staff-console',
      generateSecret: false,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [this.consoleUrl],
        logoutUrls: [this.consoleUrl],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      // Staff sessions are short: an hour of token, a working day of refresh.
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });
    // The newer managed login shows a page only for clients with a style: Cognito's own.
    new cognito.CfnManagedLoginBranding(this, 'ConsoleLoginStyle', {
      userPoolId: props.userPool.userPoolId,
      clientId: this.consoleClient.userPoolClientId,
      useCognitoProvidedValues: true,
    });

    acknowledge(this.distribution, {
      id: 'AwsSolutions-CFR1',
      reason:
        'No geo restriction: city staff may work from anywhere (on a trip, from home, abroad), and ' +
        'the console only holds public static files; every piece of data comes from the API, which signs people in.',
    });
    acknowledge(this.distribution, {
      id: 'AwsSolutions-CFR2',
      reason:
        'No WAF on the static console: it serves a few public files, cached; the data is behind the ' +
        "API's JWT authorizer and throttling. A WAF web ACL costs a monthly fee a city's console does not justify.",
    });
    acknowledge(this.distribution, {
      id: 'AwsSolutions-CFR3',
      reason:
        'CloudFront standard logs need an ACL-enabled bucket (every bucket here enforces the owner) and ' +
        "would record only who fetched public static files; staff actions are in the API's access logs and audit trail.",
    });
    acknowledge(this.distribution, {
      id: 'AwsSolutions-CFR4',
      reason:
        'The distribution uses its default *.cloudfront.net certificate, with which CloudFront cannot ' +
        'enforce a minimum TLS version; a city that adds its own domain and ACM certificate should set TLSv1.2_2021 with it.',
    });
  }

  /**
   * Writes the console's files and its config.json into the bucket at deploy time (the API URL,
   * the managed login's domain and the console's client are known only then).
   */
  publish(opts: { apiUrl: string; imagesBucket: s3.IBucket; map?: { tileUrl: string; attribution: string; center: [number, number]; zoom: number } }): s3deploy.BucketDeployment {
    const stack = Stack.of(this);
    const authDomain = this.domain.baseUrl();
    // The stage's URL is https://<api>.execute-api.<region>.amazonaws.com/ ($default stage): the
    // console adds /v1/… to its origin.
    const apiOrigin = Fn.join('', ['https://', Fn.select(2, Fn.split('/', opts.apiUrl))]);
    this.origins = { api: apiOrigin, images: `https://${opts.imagesBucket.bucketRegionalDomainName}`, auth: authDomain };
    const config = {
      cityName: this.props.cityName,
      apiBaseUrl: apiOrigin,
      auth: {
        mode: 'cognito',
        domain: authDomain,
        clientId: this.consoleClient.userPoolClientId,
        redirectUri: this.consoleUrl,
        logoutUri: this.consoleUrl,
        scopes: ['openid', 'email', 'profile'],
      },
      ...(opts.map ? { map: opts.map } : {}),
    };
    const deployment = new s3deploy.BucketDeployment(this, 'ConsoleFiles', {
      destinationBucket: this.bucket,
      destinationKeyPrefix: CONSOLE_PATH.slice(1),
      sources: [s3deploy.Source.asset(CONSOLE_DIST, { exclude: ['config.json'] }), s3deploy.Source.jsonData('config.json', config)],
      // CloudFront asks S3 again for pages (no caching); the hashed assets never change.
      distribution: this.distribution,
      distributionPaths: ['/console/index.html', '/console/config.json'],
      prune: true,
      memoryLimit: 256,
    });
    new CfnOutput(stack, 'ConsoleUrl', { value: this.consoleUrl, description: 'The staff console (sign in with a user of the admin group)' });
    new CfnOutput(stack, 'ManagedLoginDomain', { value: authDomain, description: 'The Cognito managed login of the staff console' });
    acknowledgeDeploymentHandler(stack);
    return deployment;
  }

  private csp(): string {
    const { api, images, auth } = this.origins;
    if (!api || !images || !auth) throw new Error('WebHosting: call publish({ apiUrl, imagesBucket }) so that the console knows its API');
    return consoleCsp({ apiOrigin: api, authOrigin: auth, imagesOrigin: images });
  }
}

/**
 * BucketDeployment copies the files with aws-cdk-lib's own singleton Lambda function (one per
 * stack); its findings are acknowledged on that function and its role, with the reasons.
 */
function acknowledgeDeploymentHandler(stack: Stack): void {
  const handler = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (!handler) return;
  const role = handler.node.tryFindChild('ServiceRole');
  const policy = role?.node.tryFindChild('DefaultPolicy');
  if (role) {
    acknowledge(role, {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        "Role of aws-cdk-lib's BucketDeployment function, which copies the built console into its bucket at " +
        'deploy time; the managed policy only lets it write its own logs, whose group CloudFormation names at deploy time.',
    });
  }
  if (policy) {
    const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
    const partition = Token.isUnresolved(stack.partition) ? '<AWS::Partition>' : stack.partition;
    const webBucket = stack.node.findAll().find((c): c is s3.CfnBucket => c instanceof s3.CfnBucket && c.node.path.endsWith('/Web/Bucket/Resource'));
    const ids = [
      'AwsSolutions-IAM5[Action::s3:GetObject*]',
      'AwsSolutions-IAM5[Action::s3:GetBucket*]',
      'AwsSolutions-IAM5[Action::s3:List*]',
      'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
      'AwsSolutions-IAM5[Action::s3:Abort*]',
      `AwsSolutions-IAM5[Resource::arn:${partition}:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${region}/*]`,
      ...(webBucket ? [`AwsSolutions-IAM5[Resource::<${stack.getLogicalId(webBucket)}.Arn>/*]`] : []),
    ];
    for (const id of ids) {
      acknowledge(policy, {
        id,
        reason:
          "Policy of aws-cdk-lib's BucketDeployment function: it reads the CDK asset (the bootstrap assets bucket) and " +
          'writes and prunes the console files in the web bucket; the wildcards are the object keys of those two buckets ' +
          'and the object actions CDK grants for a copy.',
      });
    }
    acknowledge(policy, {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        "Policy of aws-cdk-lib's BucketDeployment function: cloudfront:CreateInvalidation and GetInvalidation, which " +
        'IAM does not scope below the account; it invalidates the console index.html and config.json after each deploy.',
    });
  }
  acknowledge(handler, {
    id: 'AwsSolutions-L1',
    reason:
      "aws-cdk-lib's BucketDeployment function runs the Python runtime that aws-cdk-lib pins for its bundled AWS CLI " +
      'layer; it runs only during deploys and is upgraded with aws-cdk-lib.',
  });
}

function acknowledge(construct: IConstruct, finding: { id: string; reason: string }): void {
  Validations.of(construct.node.defaultChild ?? construct).acknowledge(finding);
}
