/**
 * The web apps' hosting (infra/web-hosting.ts) in a stack of its own: the residents' app at `/`
 * and the staff console at `/console/` in a private bucket read by CloudFront through origin
 * access control, security headers and a strict CSP per app, the managed login's clients
 * (authorization code + PKCE), each app's config.json written at deploy time, the receipts
 * bucket's CORS rule for the site, and no cdk-nag finding left unacknowledged. The whole CityStack
 * (test/infra/city-stack.test.ts) checks the wiring.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';

import { WebHosting } from '../../infra/web-hosting';
import { dependencyCycle } from '../support/template-cycle';
import { APP_DIST, appCsp, CONSOLE_DIST, consoleCsp, tileOriginOf } from '../../infra/web-apps';
import { DEFAULT_MAP } from '../../web/shared/config';

type Json = Record<string, any>;

/**
 * A template value as text, deploy-time values written `<Ref:Id>` / `<GetAtt:Id.Attr>` (region
 * and account are concrete here), so that a URL or a policy reads as it will in AWS.
 */
function flatten(v: unknown): string {
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  const o = v as Json;
  if (o['Fn::Join']) return (o['Fn::Join'][1] as unknown[]).map(flatten).join(o['Fn::Join'][0]);
  if (o['Fn::GetAtt']) return `<GetAtt:${o['Fn::GetAtt'][0]}.${o['Fn::GetAtt'][1]}>`;
  if (typeof o.Ref === 'string') return `<Ref:${o.Ref}>`;
  return `<${JSON.stringify(o)}>`;
}

let app: App;
let stack: Stack;
let web: WebHosting;
let appClient: cognito.UserPoolClient;
let images: s3.Bucket;
let template: Template;
let resources: Record<string, Json>;
let assemblyDir: string;

beforeAll(() => {
  app = new App();
  stack = new Stack(app, 'ConsoleHosting', { env: { region: 'eu-west-3' } });
  const userPool = new cognito.UserPool(stack, 'Pool', { selfSignUpEnabled: false });
  const logs = new s3.Bucket(stack, 'Logs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
  images = new s3.Bucket(stack, 'Images', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
  web = new WebHosting(stack, 'Web', { cityName: 'Montclair-sur-Loire', userPool, accessLogsBucket: logs });
  // As the CityStack makes the residents' client: its OAuth settings come from the hosting.
  appClient = userPool.addClient('AppClient', { generateSecret: false, oAuth: web.appOAuth(), supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO] });
  web.publish({ apiUrl: 'https://abc123.execute-api.eu-west-3.amazonaws.com/', imagesBucket: images, appClient });
  const assembly = app.synth();
  assemblyDir = assembly.directory;
  template = Template.fromJSON(assembly.getStackByName(stack.stackName).template);
  resources = template.toJSON().Resources;
});

const idOf = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as never);
const distributionConfig = () => resources[idOf(web.distribution)]!.Properties.DistributionConfig;
/** The site's origin as the template writes it (flattened). */
const site = () => `https://<GetAtt:${idOf(web.distribution)}.DomainName>`;

/** The cache behavior CloudFront picks for a viewer path: the first pattern that matches, else the default. */
function behaviorFor(uri: string): Json {
  const toRegex = (pattern: string) => new RegExp(`^/${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return (distributionConfig().CacheBehaviors as Json[]).find((b) => toRegex(b.PathPattern).test(uri)) ?? distributionConfig().DefaultCacheBehavior;
}
/** The response headers policy of the behavior serving `uri`. */
function headersFor(uri: string): Json {
  return resources[behaviorFor(uri).ResponseHeadersPolicyId.Ref]!.Properties.ResponseHeadersPolicyConfig;
}
const cacheControlFor = (uri: string) => (headersFor(uri).CustomHeadersConfig.Items as Json[]).find((h) => h.Header === 'Cache-Control')!.Value as string;
/** The CSP of the answer to `uri`, as directive -> sources, deploy-time values flattened. */
function cspFor(uri: string): Record<string, string[]> {
  const csp = flatten(headersFor(uri).SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy);
  return Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)]));
}

/** The viewer-request function, run as CloudFront would run it. */
function router(): (uri: string) => Json {
  const fn = Object.values(template.findResources('AWS::CloudFront::Function'))[0]!.Properties;
  expect(fn.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
  const handler = new Function(`${fn.FunctionCode}; return handler;`)() as (e: Json) => Json;
  return (uri) => handler({ request: { uri } });
}

describe('the web bucket', () => {
  it('is private, encrypted, TLS only and read by CloudFront alone, through origin access control', () => {
    const bucket = resources[idOf(web.bucket)]!.Properties;
    expect(bucket.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(bucket.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    expect(bucket.LoggingConfiguration.LogFilePrefix).toBe('web/');
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', { OriginAccessControlConfig: Match.objectLike({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' }) });
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy')).find((p) => p.Properties.Bucket.Ref === idOf(web.bucket))!;
    const statements = policy.Properties.PolicyDocument.Statement as Json[];
    expect(statements.some((s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false')).toBe(true);
    const reads = statements.filter((s) => s.Effect === 'Allow' && [s.Action].flat().includes('s3:GetObject'));
    expect(reads).toHaveLength(1);
    expect(reads[0]!.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    expect(JSON.stringify(reads[0]!.Condition)).toContain(idOf(web.distribution));
    const origins = distributionConfig().Origins as Json[];
    expect(origins).toHaveLength(1);
    expect(origins[0]!.OriginAccessControlId).toBeDefined();
    expect(origins[0]!.S3OriginConfig.OriginAccessIdentity).toBe('');
  });
});

describe('the distribution', () => {
  it('serves HTTPS only, GET and HEAD, the app at the root', () => {
    expect(distributionConfig().DefaultRootObject).toBe('index.html');
    for (const b of [distributionConfig().DefaultCacheBehavior, ...distributionConfig().CacheBehaviors]) {
      expect(b.ViewerProtocolPolicy).toBe('redirect-to-https');
      expect(b.AllowedMethods).toEqual(['GET', 'HEAD']);
    }
  });

  it('sends the residents’ app’s routes to its index.html and the console’s to its own, files as they are', () => {
    const route = router();
    for (const uri of ['/', '/envoyer', '/portefeuille', '/commerces/m-1', '/tickets/r-1', '/foyer', '/consoles']) expect(route(uri).uri, uri).toBe('/index.html');
    for (const uri of ['/console/', '/console/revue', '/console/campagnes/c-1']) expect(route(uri).uri, uri).toBe('/console/index.html');
    for (const uri of ['/sw.js', '/manifest.webmanifest', '/config.json', '/icon-192.png', '/assets/main-ABCDEFGH.js', '/console/assets/main-ABCDEFGH.js', '/console/config.json', '/console/favicon.svg']) {
      expect(route(uri).uri, uri).toBe(uri);
    }
    expect(route('/console')).toMatchObject({ statusCode: 301, headers: { location: { value: '/console/' } } });
    // Every page path goes through the router (the asset paths are only files).
    for (const uri of ['/envoyer', '/console/revue', '/console']) {
      expect(behaviorFor(uri).FunctionAssociations, uri).toEqual([{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [expect.any(String), 'FunctionARN'] } }]);
    }
  });

  it('never lets browsers keep the pages, the service worker, the manifest or config.json, and keeps hashed assets for good', () => {
    for (const uri of ['/', '/index.html', '/envoyer', '/sw.js', '/manifest.webmanifest', '/config.json', '/console/', '/console/revue', '/console/config.json']) {
      expect(cacheControlFor(uri), uri).toBe('no-cache');
      expect(behaviorFor(uri).CachePolicyId, uri).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // CachingDisabled
    }
    for (const uri of ['/assets/main-ABCDEFGH.js', '/assets/main-ABCDEFGH.css', '/console/assets/main-ABCDEFGH.js']) {
      expect(cacheControlFor(uri), uri).toBe('public, max-age=31536000, immutable');
      expect(behaviorFor(uri).CachePolicyId, uri).toBe('658327ea-f89d-4fab-a63d-7e88639e58f6'); // CachingOptimized
    }
  });

  it('adds the security headers and a strict content security policy to every answer', () => {
    const policies = Object.values(template.findResources('AWS::CloudFront::ResponseHeadersPolicy')).map((p) => p.Properties.ResponseHeadersPolicyConfig);
    expect(policies).toHaveLength(4);
    for (const p of policies) {
      const sec = p.SecurityHeadersConfig;
      expect(sec.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 730 * 86400, IncludeSubdomains: true });
      expect(sec.ContentTypeOptions.Override).toBe(true);
      expect(sec.FrameOptions.FrameOption).toBe('DENY');
      expect(sec.ReferrerPolicy.ReferrerPolicy).toBe('strict-origin-when-cross-origin');
      const csp = JSON.stringify(stack.resolve(sec.ContentSecurityPolicy.ContentSecurityPolicy));
      for (const directive of ["default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'"]) expect(csp).toContain(directive);
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    }
  });

  it('lets the residents’ app reach its API, the managed login and the receipts bucket’s upload, show its map tiles, and nothing else', () => {
    const bucket = `https://<GetAtt:${idOf(images)}.RegionalDomainName>`;
    const login = `https://<Ref:${idOf(web.domain)}>.auth.eu-west-3.amazoncognito.com`;
    for (const uri of ['/envoyer', '/sw.js', '/manifest.webmanifest', '/assets/main-ABCDEFGH.js']) {
      const csp = cspFor(uri);
      expect(csp['connect-src'], uri).toEqual(["'self'", 'https://abc123.execute-api.eu-west-3.amazonaws.com', login, bucket]);
      expect(csp['img-src'], uri).toEqual(["'self'", 'data:', 'blob:', 'https://data.geopf.fr']);
      expect(csp['script-src'], uri).toEqual(["'self'"]);
      expect(csp['style-src'], uri).toEqual(["'self'"]);
      expect(csp['worker-src'], uri).toEqual(["'self'"]);
      expect(csp['manifest-src'], uri).toEqual(["'self'"]);
    }
    // The console keeps its own: photos from the bucket, and uploads to it (a shop's photos, a
    // receipt sent at the counter).
    for (const uri of ['/console/revue', '/console/assets/main-ABCDEFGH.js']) {
      const csp = cspFor(uri);
      expect(csp['connect-src'], uri).toEqual(["'self'", 'https://abc123.execute-api.eu-west-3.amazonaws.com', login, bucket]);
      expect(csp['img-src'], uri).toEqual(["'self'", 'data:', 'blob:', 'https://data.geopf.fr', bucket]);
    }
  });

  it('writes each app’s policy from the origins it is given, the map’s tiles from the tile URL', () => {
    const directives = (csp: string) => Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    const staff = directives(consoleCsp({ apiOrigin: 'https://api.example', authOrigin: 'https://login.example', imagesOrigin: 'https://photos.example' }));
    expect(staff['connect-src']).toEqual(["'self'", 'https://api.example', 'https://login.example', 'https://photos.example']);
    expect(staff['img-src']).toEqual(["'self'", 'data:', 'blob:', 'https://data.geopf.fr', 'https://photos.example']);
    expect(staff['script-src']).toEqual(["'self'"]);
    const residents = directives(appCsp({ apiOrigin: 'https://api.example', authOrigin: 'https://login.example', uploadOrigin: 'https://photos.example', tileOrigin: 'https://tiles.example' }));
    expect(residents['connect-src']).toEqual(["'self'", 'https://api.example', 'https://login.example', 'https://photos.example']);
    expect(residents['img-src']).toEqual(["'self'", 'data:', 'blob:', 'https://tiles.example']);
    expect(tileOriginOf(DEFAULT_MAP.tileUrl)).toBe('https://data.geopf.fr');
    expect(tileOriginOf(undefined)).toBe('https://data.geopf.fr');
    expect(tileOriginOf('https://tiles.example.org/{z}/{x}/{y}.png')).toBe('https://tiles.example.org');
    expect(() => tileOriginOf('http://tiles.example.org/{z}/{x}/{y}.png')).toThrow(/HTTPS/);
  });
});

describe('sign-in', () => {
  it('has a managed login domain and a console client with the authorization code only, no secret', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { ManagedLoginVersion: 2 });
    const client = resources[idOf(web.consoleClient)]!.Properties;
    expect(client.GenerateSecret).toBe(false);
    expect(client.AllowedOAuthFlows).toEqual(['code']);
    expect(client.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect(client.AllowedOAuthScopes.sort()).toEqual(['email', 'openid', 'profile']);
    expect(client.SupportedIdentityProviders).toEqual(['COGNITO']);
    expect(client.CallbackURLs.map(flatten)).toEqual([`${site()}/console/`]);
  });

  it('gives the residents’ client the code flow back to the app’s address only, with openid and email', () => {
    const client = resources[idOf(appClient)]!.Properties;
    expect(client.AllowedOAuthFlows).toEqual(['code']);
    expect(client.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect([...client.AllowedOAuthScopes].sort()).toEqual(['email', 'openid']);
    expect(client.CallbackURLs.map(flatten)).toEqual([`${site()}/`]);
    expect(client.LogoutURLs.map(flatten)).toEqual([`${site()}/`]);
  });

  it('gives both clients a managed login page (Cognito’s style)', () => {
    const styled = Object.values(template.findResources('AWS::Cognito::ManagedLoginBranding')).map((b) => b.Properties);
    expect(styled.map((b) => b.ClientId.Ref).sort()).toEqual([idOf(web.consoleClient), idOf(appClient)].sort());
    for (const b of styled) expect(b.UseCognitoProvidedValues).toBe(true);
  });
});

describe('deploy', () => {
  const deployments = () => Object.values(template.findResources('Custom::CDKBucketDeployment')).map((d) => d.Properties);
  const consoleDeployment = () => deployments().find((d) => d.DestinationBucketKeyPrefix === 'console/')!;
  const appDeployment = () => deployments().find((d) => d.DestinationBucketKeyPrefix === undefined)!;
  /** The staged folder of a deployment's source (`<hash>.zip` is staged as `asset.<hash>`). */
  const staged = (deployment: Json, i: number) => path.join(assemblyDir, `asset.${String(deployment.SourceObjectKeys[i]).replace(/\.zip$/, '')}`);
  /** config.json as the deployment will write it, its deploy-time values flattened. */
  const configOf = (deployment: Json): Json => {
    let text = readFileSync(path.join(staged(deployment, 1), 'config.json'), 'utf8');
    for (const [marker, value] of Object.entries(deployment.SourceMarkers[1] as Json)) text = text.split(marker).join(flatten(value));
    return JSON.parse(text) as Json;
  };

  it('deploys the two apps apart: the console under console/, the app at the root without touching console/', () => {
    expect(deployments()).toHaveLength(2);
    for (const d of deployments()) {
      expect(d.DestinationBucketName).toEqual({ Ref: idOf(web.bucket) });
      expect(d.Prune).toBe(true);
      expect(d.SourceObjectKeys).toHaveLength(2);
    }
    expect(consoleDeployment().Exclude).toBeUndefined();
    // The app's sync at the root must neither prune nor overwrite the console's files.
    expect(appDeployment().Exclude).toEqual(['console/*']);
    expect(appDeployment().DistributionPaths).toEqual(expect.arrayContaining(['/index.html', '/config.json', '/sw.js']));
  });

  it('copies the built console and writes its config.json with the API, the login domain and the client', () => {
    const config = configOf(consoleDeployment());
    expect(config).toEqual({
      cityName: 'Montclair-sur-Loire',
      apiBaseUrl: 'https://abc123.execute-api.eu-west-3.amazonaws.com',
      auth: {
        mode: 'cognito',
        domain: `https://<Ref:${idOf(web.domain)}>.auth.eu-west-3.amazoncognito.com`,
        clientId: `<Ref:${idOf(web.consoleClient)}>`,
        redirectUri: `${site()}/console/`,
        logoutUri: `${site()}/console/`,
        scopes: ['openid', 'email', 'profile'],
      },
    });
    const built = staged(consoleDeployment(), 0);
    expect(readFileSync(path.join(built, 'index.html'), 'utf8')).toBe(readFileSync(path.join(CONSOLE_DIST, 'index.html'), 'utf8'));
    expect(readdirSync(path.join(built, 'assets')).some((f) => /^main-[A-Z0-9]{8}\.js$/.test(f))).toBe(true);
  });

  it('copies the built residents’ app (service worker and manifest included) and writes its config.json with its own client', () => {
    const config = configOf(appDeployment());
    expect(config).toEqual({
      cityName: 'Montclair-sur-Loire',
      apiBaseUrl: 'https://abc123.execute-api.eu-west-3.amazonaws.com',
      auth: {
        mode: 'cognito',
        domain: `https://<Ref:${idOf(web.domain)}>.auth.eu-west-3.amazoncognito.com`,
        clientId: `<Ref:${idOf(appClient)}>`,
        redirectUri: `${site()}/`,
        logoutUri: `${site()}/`,
        scopes: ['openid', 'email'],
      },
    });
    const built = staged(appDeployment(), 0);
    const files = readdirSync(built);
    for (const f of ['index.html', 'sw.js', 'manifest.webmanifest']) expect(files).toContain(f);
    expect(files).not.toContain('config.json');
    expect(files).not.toContain('console');
    expect(readFileSync(path.join(built, 'index.html'), 'utf8')).toBe(readFileSync(path.join(APP_DIST, 'index.html'), 'utf8'));
    expect(readdirSync(path.join(built, 'assets')).some((f) => /^main-[A-Z0-9]{8}\.js$/.test(f))).toBe(true);
  });

  it('outputs both apps’ addresses', () => {
    template.hasOutput('AppUrl', { Value: Match.anyValue() });
    expect(flatten(template.toJSON().Outputs.AppUrl.Value)).toBe(`${site()}/`);
    expect(flatten(template.toJSON().Outputs.ConsoleUrl.Value)).toBe(`${site()}/console/`);
  });
});

describe('the receipts bucket’s upload from the browser', () => {
  it('accepts the presigned PUT from the site’s origin only, with the content type it signs', () => {
    const [cors] = Object.values(template.findResources('Custom::ReceiptsUploadCors')).map((r) => r.Properties);
    expect(cors).toBeDefined();
    for (const phase of ['Create', 'Update']) {
      const call = JSON.parse(flatten(cors![phase])) as Json;
      expect(call).toMatchObject({ service: 'S3', action: 'putBucketCors', parameters: { Bucket: `<Ref:${idOf(images)}>` } });
      expect(call.parameters.CORSConfiguration.CORSRules).toEqual([
        { ID: 'residents-app-upload', AllowedMethods: ['PUT'], AllowedOrigins: [site()], AllowedHeaders: ['content-type', 'if-none-match'], MaxAgeSeconds: 3600 },
      ]);
    }
    // Its function may set that bucket's CORS and nothing else.
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) => JSON.stringify(p.Properties.PolicyDocument).includes('PutBucketCORS'));
    expect(policies).toHaveLength(1);
    expect(policies[0]!.Properties.PolicyDocument.Statement).toEqual([{ Action: 's3:PutBucketCORS', Effect: 'Allow', Resource: { 'Fn::GetAtt': [idOf(images), 'Arn'] } }]);
    // Not as the bucket's own property: that would make the bucket and the distribution wait for each other.
    expect(resources[idOf(images)]!.Properties.CorsConfiguration).toBeUndefined();
  });

  it('leaves no dependency cycle for CloudFormation to refuse', () => {
    expect(dependencyCycle(template.toJSON())).toBeUndefined();
    // The probe finds one: the receipts bucket naming the distribution in its own CORS rule.
    const probe = structuredClone(template.toJSON());
    probe.Resources[idOf(images)].Properties.CorsConfiguration = { CorsRules: [{ AllowedMethods: ['PUT'], AllowedOrigins: [{ 'Fn::GetAtt': [idOf(web.distribution), 'DomainName'] }] }] };
    expect(dependencyCycle(probe)).toEqual(expect.arrayContaining([idOf(images), idOf(web.distribution)]));
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('has no unacknowledged finding on the web apps’ resources', () => {
    const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(app);
    // The user pool and the two other buckets stand in for the CityStack's, judged by city-stack.test.ts.
    const standIns = ['ConsoleHosting/Pool', 'ConsoleHosting/Logs', 'ConsoleHosting/Images'];
    const findings = report.violations.flatMap((v) =>
      v.violatingResources.filter((r) => !standIns.some((p) => (r.constructPath ?? '').startsWith(p))).map((r) => `${v.ruleName}: ${r.constructPath}`),
    );
    expect(findings).toEqual([]);
    // The probe itself finds what is not acknowledged: the stand-ins are reported.
    expect(report.violations.some((v) => v.violatingResources.some((r) => standIns.some((p) => (r.constructPath ?? '').startsWith(p))))).toBe(true);
  });
});
