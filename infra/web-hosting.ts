import path from 'node:path';

import { CfnOutput, Duration, Fn, Lazy, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import { Aws } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Construct, type IConstruct } from 'constructs';
import { PrefixOnlyS3Origin } from './media-origin';
import { CONSOLE_DIST, APP_DIST, CONSOLE_PATH, APP_PATH, APP_SCOPES, UPLOAD_CORS_MAX_AGE_SECONDS, ensureWebBuilt, tileOriginOf, policy, consoleCsp, appCsp, ROUTER_CODE, PAGE_CACHE_CONTROL, ASSET_CACHE_CONTROL } from './web-apps';

export interface WebHostingProps {
  cityName: string;
  /** The city's user pool: the console and the residents' app sign in through its managed login. */
  userPool: cognito.UserPool;
  /** Server access logs of the web bucket go there (under `web/`). */
  accessLogsBucket: s3.IBucket;
  /**
   * The shops' photos' renditions: the site serves `/<prefix>*` (`/media/*`) from that prefix of
   * this bucket, and nothing else of it (infra/media-origin.ts).
   */
  media?: { bucket: s3.IBucket; prefix: string };
  /** Prefix of the managed login's domain (`<prefix>.auth.<region>.amazoncognito.com`). Default: from the stack name and account. */
  domainPrefix?: string;
}

export interface MapSettings {
  tileUrl: string;
  attribution: string;
  center: [number, number];
  zoom: number;
}

export interface PublishOptions {
  /** The API stage's URL (https://<api>.execute-api.<region>.amazonaws.com/). */
  apiUrl: string;
  /**
   * The receipts bucket: staff see its photos through presigned GET links (console), residents
   * upload to it through presigned PUT URLs (the app), which needs its CORS rule for the site.
   */
  imagesBucket: s3.IBucket;
  /**
   * The residents' app client (authorization code, no secret), made with `appOAuth()` for its
   * OAuth settings. Its id goes into the app's config.json.
   */
  appClient: cognito.IUserPoolClient;
  map?: MapSettings;
}

/**
 * The two web apps in AWS on one CloudFront distribution: the residents' app at `/` and the staff
 * console at `/console/`. A private S3 bucket (no public access, TLS only, encrypted) read by
 * CloudFront through origin access control; security headers and a strict content security
 * policy per app on every answer; the Cognito managed login (authorization code with PKCE, app
 * clients without secret) that both sign in with; and each app's `config.json` written at deploy
 * time with the API's URL and the login's settings (BucketDeployment, no Docker).
 *
 * Built in two steps because the API's JWT authorizer must accept the apps' clients (the
 * console's made here, the residents' made by the stack with `appOAuth()`, both needing the
 * site's address) while config.json needs the API's URL (created after): `new WebHosting(…)`,
 * then `publish({ apiUrl, imagesBucket, appClient })`.
 */
export class WebHosting extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly domain: cognito.UserPoolDomain;
  readonly consoleClient: cognito.UserPoolClient;
  /** https://<distribution>/console/ */
  readonly consoleUrl: string;
  /** https://<distribution>/ : the residents' app (what the city prints on its posters). */
  readonly appUrl: string;
  /** https://<distribution>, the only origin the receipts bucket accepts uploads from. */
  readonly siteOrigin: string;
  private origins: { api?: string; images?: string; auth?: string; tiles?: string } = {};

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
    const headers = (comment: string, cacheControl: string, csp: () => string): cloudfront.ResponseHeadersPolicyProps => ({
      comment,
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: Lazy.string({ produce: csp }), override: true },
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
    // Pages (index.html, config.json, and for the app sw.js and its manifest, which must be asked
    // again for the service worker to update) are not cached; hashed assets are kept for good.
    // Each app has its own policy: the CSP of a page (and of the service worker script) is its app's.
    const consolePageHeaders = new cloudfront.ResponseHeadersPolicy(this, 'PageHeaders', headers('Cabas console: security headers, no caching', PAGE_CACHE_CONTROL, () => this.consolePolicy()));
    const consoleAssetHeaders = new cloudfront.ResponseHeadersPolicy(this, 'AssetHeaders', headers('Cabas console: security headers, immutable assets', ASSET_CACHE_CONTROL, () => this.consolePolicy()));
    const appPageHeaders = new cloudfront.ResponseHeadersPolicy(this, 'AppPageHeaders', headers("Cabas residents' app: security headers, no caching", PAGE_CACHE_CONTROL, () => this.appPolicy()));
    const appAssetHeaders = new cloudfront.ResponseHeadersPolicy(this, 'AppAssetHeaders', headers("Cabas residents' app: security headers, immutable assets", ASSET_CACHE_CONTROL, () => this.appPolicy()));
    const router = new cloudfront.Function(this, 'Router', {
      code: cloudfront.FunctionCode.fromInline(ROUTER_CODE),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: "Cabas: the apps' routes are served by their index.html",
    });
    const origin = S3BucketOrigin.withOriginAccessControl(this.bucket);
    const behavior = (responseHeadersPolicy: cloudfront.IResponseHeadersPolicy, immutable: boolean): cloudfront.BehaviorOptions => ({
      origin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: immutable ? cloudfront.CachePolicy.CACHING_OPTIMIZED : cloudfront.CachePolicy.CACHING_DISABLED,
      responseHeadersPolicy,
      compress: true,
      ...(immutable ? {} : { functionAssociations: [{ function: router, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }] }),
    });
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `Cabas: ${props.cityName}`.slice(0, 128),
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      // The residents' app: everything that is not the console.
      defaultBehavior: behavior(appPageHeaders, false),
      // In this order: CloudFront takes the first pattern that matches.
      additionalBehaviors: {
        'console/assets/*': behavior(consoleAssetHeaders, true),
        'console/*': behavior(consolePageHeaders, false),
        'assets/*': behavior(appAssetHeaders, true),
        // The shops' photos: renditions never change under their key (immutable, like assets).
        ...(props.media
          ? {
              [`${props.media.prefix}*`]: {
                ...behavior(appAssetHeaders, true),
                origin: new PrefixOnlyS3Origin(props.media.bucket, props.media.prefix),
                compress: false,
              },
            }
          : {}),
      },
    });
    this.siteOrigin = `https://${this.distribution.distributionDomainName}`;
    this.consoleUrl = `${this.siteOrigin}${CONSOLE_PATH}`;
    this.appUrl = `${this.siteOrigin}${APP_PATH}`;

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
        'No geo restriction: residents and city staff may use the apps from anywhere (on a trip, from home, abroad), ' +
        'and the distribution only holds public static files; every piece of data comes from the API, which signs people in.',
    });
    acknowledge(this.distribution, {
      id: 'AwsSolutions-CFR2',
      reason:
        "No WAF on the static web apps: the distribution serves a few public files; the data is behind the API's JWT " +
        "authorizer and throttling. A WAF web ACL costs a monthly fee a city's residents' app and console do not justify.",
    });
    acknowledge(this.distribution, {
      id: 'AwsSolutions-CFR3',
      reason:
        'CloudFront standard logs need an ACL-enabled bucket (every bucket here enforces the owner) and ' +
        "would record only who fetched public static files; residents' and staff actions are in the API's access logs and audit trail.",
    });
    acknowledge(this.distribution, {
      id: 'AwsSolutions-CFR4',
      reason:
        'The distribution uses its default *.cloudfront.net certificate, with which CloudFront cannot ' +
        'enforce a minimum TLS version; a city that adds its own domain and ACM certificate should set TLSv1.2_2021 with it.',
    });
  }

  /**
   * The OAuth settings of the residents' app client: the authorization code grant only (the app
   * uses PKCE, web/shared/auth.ts), the scopes of APP_SCOPES, and the app's address as the only
   * callback and logout URL.
   */
  appOAuth(): cognito.OAuthSettings {
    return {
      flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
      scopes: APP_SCOPES.map((s) => cognito.OAuthScope.custom(s)),
      callbackUrls: [this.appUrl],
      logoutUrls: [this.appUrl],
    };
  }

  /**
   * Writes both apps' files and their config.json into the bucket at deploy time (the API URL,
   * the managed login's domain and the clients are known only then), and lets the site's origin
   * upload receipts' photos to the receipts bucket.
   */
  publish(opts: PublishOptions): s3deploy.BucketDeployment[] {
    const stack = Stack.of(this);
    const authDomain = this.domain.baseUrl();
    // The stage's URL is https://<api>.execute-api.<region>.amazonaws.com/ ($default stage): the
    // apps add /v1/… to its origin.
    const apiOrigin = Fn.join('', ['https://', Fn.select(2, Fn.split('/', opts.apiUrl))]);
    this.origins = {
      api: apiOrigin,
      images: `https://${opts.imagesBucket.bucketRegionalDomainName}`,
      auth: authDomain,
      tiles: tileOriginOf(opts.map?.tileUrl),
    };
    const config = (clientId: string, url: string, scopes: readonly string[]) => ({
      cityName: this.props.cityName,
      apiBaseUrl: apiOrigin,
      auth: { mode: 'cognito', domain: authDomain, clientId, redirectUri: url, logoutUri: url, scopes: [...scopes] },
      ...(opts.map ? { map: opts.map } : {}),
    });

    const consoleFiles = new s3deploy.BucketDeployment(this, 'ConsoleFiles', {
      destinationBucket: this.bucket,
      destinationKeyPrefix: CONSOLE_PATH.slice(1),
      sources: [
        s3deploy.Source.asset(CONSOLE_DIST, { exclude: ['config.json'] }),
        s3deploy.Source.jsonData('config.json', config(this.consoleClient.userPoolClientId, this.consoleUrl, ['openid', 'email', 'profile'])),
      ],
      // CloudFront asks S3 again for pages (no caching); the hashed assets never change.
      distribution: this.distribution,
      distributionPaths: ['/console/index.html', '/console/config.json'],
      // Prunes under console/ only: the app's files at the root are not its business.
      prune: true,
      memoryLimit: 256,
    });
    const appFiles = new s3deploy.BucketDeployment(this, 'AppFiles', {
      destinationBucket: this.bucket,
      sources: [
        s3deploy.Source.asset(APP_DIST, { exclude: ['config.json'] }),
        s3deploy.Source.jsonData('config.json', config(opts.appClient.userPoolClientId, this.appUrl, APP_SCOPES)),
      ],
      distribution: this.distribution,
      distributionPaths: ['/', '/index.html', '/config.json', '/sw.js', '/manifest.webmanifest'],
      // The app's sync runs at the bucket's root with --delete: the console's folder is excluded,
      // so this deployment neither writes nor prunes anything under console/.
      exclude: [`${CONSOLE_PATH.slice(1)}*`],
      prune: true,
      memoryLimit: 256,
    });

    // The newer managed login shows a page only for clients with a style: Cognito's own. The
    // residents sign up there (the pool's self sign-up, the email verified by a code).
    new cognito.CfnManagedLoginBranding(this, 'AppLoginStyle', {
      userPoolId: this.props.userPool.userPoolId,
      clientId: opts.appClient.userPoolClientId,
      useCognitoProvidedValues: true,
    });

    this.allowUploadsFromSite(opts.imagesBucket);

    new CfnOutput(stack, 'AppUrl', { value: this.appUrl, description: "The residents' app (sign up with an email address); print it as a QR code on posters" });
    new CfnOutput(stack, 'ConsoleUrl', { value: this.consoleUrl, description: 'The staff console (sign in with a user of the admin group)' });
    new CfnOutput(stack, 'ManagedLoginDomain', { value: authDomain, description: "The Cognito managed login of the residents' app and the staff console" });
    acknowledgeDeploymentHandler(stack);
    return [appFiles, consoleFiles];
  }

  /**
   * The receipts bucket's CORS rule: browsers on the site's origin (and no other) may PUT a photo
   * with the presigned URL of POST /v1/receipts. The URL signs content-type and content-length
   * and carries no checksum (the functions' own S3 client presigns with UNSIGNED-PAYLOAD and no
   * x-amz-checksum parameter, shared/adapters/aws/s3-rest.ts), and the app sends only Content-Type
   * (web/app/outbox.ts; the browser sets Content-Length itself): content-type is the only header
   * to allow. No GET: the app shows no photo from the bucket, and the console's <img> loads
   * need no CORS.
   *
   * Set at deploy time by a custom resource (S3 PutBucketCors) rather than as the bucket's
   * CorsConfiguration: the bucket would then depend on the distribution (its domain) while the
   * distribution depends on the bucket (its regional name is in the CSP of both apps), a cycle
   * CloudFormation refuses. aws-cdk-lib sets a bucket's notifications the same way, for the same
   * reason (the receipts bucket's own notifications to the ocr queue included): CloudFormation
   * leaves a bucket setting that its template does not describe alone when it updates the bucket.
   */
  private allowUploadsFromSite(bucket: s3.IBucket): AwsCustomResource {
    const call = {
      service: 'S3',
      action: 'putBucketCors',
      parameters: {
        Bucket: bucket.bucketName,
        CORSConfiguration: {
          CORSRules: [
            {
              ID: 'residents-app-upload',
              AllowedMethods: ['PUT'],
              AllowedOrigins: [this.siteOrigin],
              AllowedHeaders: ['content-type', 'if-none-match'],
              MaxAgeSeconds: UPLOAD_CORS_MAX_AGE_SECONDS,
            },
          ],
        },
      },
      physicalResourceId: PhysicalResourceId.of(`upload-cors-${bucket.bucketName}`),
    };
    const cors = new AwsCustomResource(this, 'UploadCors', {
      resourceType: 'Custom::ReceiptsUploadCors',
      onCreate: call,
      onUpdate: call,
      // IAM's action for PutBucketCors (the SDK's name would not map to it by itself).
      policy: AwsCustomResourcePolicy.fromStatements([new iam.PolicyStatement({ actions: ['s3:PutBucketCORS'], resources: [bucket.bucketArn] })]),
      installLatestAwsSdk: false,
    });
    acknowledgeCustomResourceHandler(Stack.of(this));
    return cors;
  }

  private consolePolicy(): string {
    const { api, images, auth, tiles } = this.origins;
    if (!api || !images || !auth) throw new Error('WebHosting: call publish({ apiUrl, imagesBucket, appClient }) so that the console knows its API');
    return consoleCsp({ apiOrigin: api, authOrigin: auth, imagesOrigin: images, ...(tiles ? { tileOrigin: tiles } : {}) });
  }

  private appPolicy(): string {
    const { api, images, auth, tiles } = this.origins;
    if (!api || !images || !auth) throw new Error("WebHosting: call publish({ apiUrl, imagesBucket, appClient }) so that the residents' app knows its API");
    return appCsp({ apiOrigin: api, authOrigin: auth, uploadOrigin: images, ...(tiles ? { tileOrigin: tiles } : {}) });
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
        "Role of aws-cdk-lib's BucketDeployment function, which copies the built web apps into their bucket at " +
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
          "writes and prunes the web apps' files in the web bucket; the wildcards are the object keys of those two buckets " +
          'and the object actions CDK grants for a copy.',
      });
    }
    acknowledge(policy, {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        "Policy of aws-cdk-lib's BucketDeployment function: cloudfront:CreateInvalidation and GetInvalidation, which " +
        "IAM does not scope below the account; it invalidates the apps' index.html and config.json after each deploy.",
    });
  }
  acknowledge(handler, {
    id: 'AwsSolutions-L1',
    reason:
      "aws-cdk-lib's BucketDeployment function runs the Python runtime that aws-cdk-lib pins for its bundled AWS CLI " +
      'layer; it runs only during deploys and is upgraded with aws-cdk-lib.',
  });
}

/** AwsCustomResource runs its SDK calls in aws-cdk-lib's singleton function (one per stack). */
function acknowledgeCustomResourceHandler(stack: Stack): void {
  // SingletonFunction's id: its purpose ("AWS") and its UUID without dashes.
  const handler = stack.node.tryFindChild(`AWS${AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`);
  const role = handler?.node.tryFindChild('ServiceRole');
  if (role) {
    acknowledge(role, {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        "Role of aws-cdk-lib's AwsCustomResource function, which sets the receipts bucket's CORS rule at deploy time " +
        '(its only other right is s3:PutBucketCORS on that bucket); the managed policy only lets it write its own logs, ' +
        'whose group CloudFormation names at deploy time.',
    });
  }
}

function acknowledge(construct: IConstruct, finding: { id: string; reason: string }): void {
  Validations.of(construct.node.defaultChild ?? construct).acknowledge(finding);
}
