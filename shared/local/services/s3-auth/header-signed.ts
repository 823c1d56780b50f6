/** SigV4 in the Authorization header, as the SDK clients sign every request. */
import { createHash, createHmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { S3RequestError, SIGNATURE_MISMATCH, type StaticCredentials, canonicalPath, canonicalQuery, constantTimeEqual, firstHeader, iso, malformed, parseAmzDate } from './common';

/** A request signed with an `Authorization: AWS4-HMAC-SHA256 ...` header, as the SDK clients sign. */
export interface HeaderSignedRequestInput {
  method: string;
  /** Raw path as received (still percent-encoded), without the query. */
  path: string;
  /** Decoded query parameters, in order, duplicates kept. */
  query: Array<[string, string]>;
  headers: IncomingHttpHeaders;
  /**
   * The payload hash the signature covers: the `x-amz-content-sha256` header when the client sent
   * one (S3 always), else the hex SHA-256 of the body.
   */
  payloadHash: string;
  now?: Date;
}

/** How far X-Amz-Date may be from the server's clock, either way, for a header-signed request. */
const MAX_HEADER_SKEW_MS = 15 * 60 * 1000;

/**
 * Checks a request signed with SigV4 in the Authorization header (what every AWS SDK client
 * sends): the credential scope (access key, date, region, service), the request time within 15
 * minutes of the server's clock, then the signature, recomputed with the emulator's secret over
 * the canonical request (method, path, query, the signed headers, payload hash). For S3, every
 * `x-amz-*` header sent, `x-amz-content-sha256` included, must be among the signed ones. Throws
 * S3RequestError with the code S3 would answer.
 *
 * Not checked: the per-chunk signatures of `STREAMING-AWS4-HMAC-SHA256-PAYLOAD` bodies (only the
 * seed signature, over the headers): the SDK clients of the stack do not send such bodies.
 */
export class HeaderSignatureVerifier {
  constructor(
    private readonly credentials: StaticCredentials,
    private readonly region: string,
  ) {}

  /** `services`: the signing names accepted for this request (e.g. `['s3']`). Returns the one used. */
  verify(input: HeaderSignedRequestInput, services: readonly string[]): string {
    const authorization = firstHeader(input.headers.authorization) ?? '';
    const space = authorization.indexOf(' ');
    const algorithm = space === -1 ? authorization : authorization.slice(0, space);
    if (algorithm !== 'AWS4-HMAC-SHA256') {
      throw new S3RequestError(
        400,
        'InvalidRequest',
        'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.',
      );
    }
    const fields = new Map<string, string>();
    for (const part of authorization.slice(space + 1).split(',')) {
      const eq = part.indexOf('=');
      if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
    }
    const credential = fields.get('Credential');
    const signedHeaders = fields.get('SignedHeaders');
    const signature = fields.get('Signature');
    if (!credential || !signedHeaders || !signature) {
      throw malformed('the Credential, SignedHeaders and Signature fields are all required');
    }
    const [accessKeyId, scopeDate, scopeRegion, scopeService, scopeTerminator, ...rest] = credential.split('/');
    if (accessKeyId !== this.credentials.accessKeyId) {
      throw new S3RequestError(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', {
        AWSAccessKeyId: accessKeyId ?? '',
      });
    }
    if (!scopeDate || !scopeService || scopeTerminator !== 'aws4_request' || rest.length > 0) {
      throw malformed('the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request"');
    }
    if (scopeRegion !== this.region) {
      throw new S3RequestError(400, 'AuthorizationHeaderMalformed', `The authorization header is malformed; the region '${scopeRegion}' is wrong; expecting '${this.region}'`, {
        Region: this.region,
      });
    }
    if (!services.includes(scopeService)) {
      throw malformed(`the service '${scopeService}' is wrong; expecting '${services.join("' or '")}'`);
    }
    const amzDate = firstHeader(input.headers['x-amz-date']);
    const signingDate = amzDate ? parseAmzDate(amzDate) : undefined;
    if (!amzDate || !signingDate) {
      throw new S3RequestError(403, 'AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header');
    }
    if (scopeDate !== amzDate.slice(0, 8)) {
      throw malformed(`the date '${scopeDate}' of the Credential does not match x-amz-date`);
    }
    const now = input.now ?? new Date();
    if (Math.abs(now.getTime() - signingDate.getTime()) > MAX_HEADER_SKEW_MS) {
      throw new S3RequestError(403, 'RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.', {
        RequestTime: amzDate,
        ServerTime: iso(now),
        MaxAllowedSkewMilliseconds: String(MAX_HEADER_SKEW_MS),
      });
    }
    const names = signedHeaders.split(';');
    const mismatch = (extra: Record<string, string> = {}) =>
      new S3RequestError(403, 'SignatureDoesNotMatch', SIGNATURE_MISMATCH, { AWSAccessKeyId: accessKeyId, SignatureProvided: signature, ...extra });
    if (!names.includes('host') || !names.includes('x-amz-date')) throw mismatch({ SignedHeaders: signedHeaders });
    if (scopeService === 's3') {
      // S3: every x-amz-* header sent must be signed (so none can be added to a captured request),
      // the payload hash included.
      const notSigned = Object.keys(input.headers).filter((h) => h.startsWith('x-amz-') && !names.includes(h));
      if (notSigned.length > 0 || !names.includes('x-amz-content-sha256')) {
        throw new S3RequestError(403, 'AccessDenied', 'There were headers present in the request which were not signed', {
          HeadersNotSigned: notSigned.length > 0 ? notSigned.join(', ') : 'x-amz-content-sha256',
        });
      }
    }
    const canonicalHeaders: string[] = [];
    for (const name of names) {
      const value = input.headers[name];
      if (value === undefined || name !== name.toLowerCase()) throw mismatch({ MissingSignedHeader: name });
      canonicalHeaders.push(`${name}:${(Array.isArray(value) ? value.join(',') : value).replace(/[ \t]+/g, ' ').trim()}`);
    }
    const canonicalRequest = [
      input.method.toUpperCase(),
      canonicalPath(input.path, scopeService === 's3'),
      canonicalQuery(input.query),
      `${canonicalHeaders.join('\n')}\n`,
      signedHeaders,
      input.payloadHash,
    ].join('\n');
    const scope = `${scopeDate}/${scopeRegion}/${scopeService}/aws4_request`;
    const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n');
    let key: Buffer = Buffer.from(`AWS4${this.credentials.secretAccessKey}`, 'utf8');
    for (const part of [scopeDate, scopeRegion, scopeService, 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
    const expected = createHmac('sha256', key).update(stringToSign).digest('hex');
    if (!constantTimeEqual(expected, signature)) throw mismatch();
    return scopeService;
  }
}
