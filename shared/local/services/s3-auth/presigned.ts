/** SigV4 query-string authentication (presigned URLs), checked as S3 does. */
import type { IncomingHttpHeaders } from 'node:http';
import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
import { NodeSha256, S3RequestError, SIGNATURE_MISMATCH, type StaticCredentials, constantTimeEqual, iso, parseAmzDate, splitHost } from './common';

/** The pieces of the incoming request that the signature covers. */
export interface PresignedRequestInput {
  method: string;
  /** Raw path as received (still percent-encoded), without the query. */
  path: string;
  /** Decoded query parameters, in order, duplicates kept. */
  query: Array<[string, string]>;
  headers: IncomingHttpHeaders;
  now?: Date;
}

/** Seven days: the longest validity S3 accepts for a presigned URL. */
const MAX_EXPIRES_SECONDS = 604_800;
/** How far in the future X-Amz-Date may be (clock skew) before S3 refuses the request. */
const MAX_FUTURE_SKEW_MS = 15 * 60 * 1000;


/** Checks a SigV4 presigned (query-authenticated) S3 request; throws S3RequestError when S3 would refuse it. */
export class PresignedUrlVerifier {
  private readonly presigner: S3RequestPresigner;

  constructor(
    private readonly credentials: StaticCredentials,
    private readonly region: string,
  ) {
    this.presigner = new S3RequestPresigner({
      credentials,
      region,
      sha256: NodeSha256 as unknown as ConstructorParameters<typeof S3RequestPresigner>[0]['sha256'],
    });
  }

  async verify(input: PresignedRequestInput): Promise<void> {
    const params = new Map<string, string>();
    for (const [k, v] of input.query) if (!params.has(k)) params.set(k, v);
    const algorithm = params.get('X-Amz-Algorithm');
    const credential = params.get('X-Amz-Credential');
    const amzDate = params.get('X-Amz-Date');
    const expires = params.get('X-Amz-Expires');
    const signedHeaders = params.get('X-Amz-SignedHeaders');
    const signature = params.get('X-Amz-Signature');
    if (!algorithm || !credential || !amzDate || !expires || !signedHeaders || !signature) {
      throw new S3RequestError(
        400,
        'AuthorizationQueryParametersError',
        'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
      );
    }
    if (algorithm !== 'AWS4-HMAC-SHA256') {
      throw new S3RequestError(
        400,
        'AuthorizationQueryParametersError',
        'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"',
      );
    }
    const [accessKeyId, scopeDate, scopeRegion, scopeService, scopeTerminator, ...rest] = credential.split('/');
    if (accessKeyId !== this.credentials.accessKeyId) {
      throw new S3RequestError(
        403,
        'InvalidAccessKeyId',
        'The AWS Access Key Id you provided does not exist in our records.',
        { AWSAccessKeyId: accessKeyId ?? '' },
      );
    }
    if (scopeTerminator !== 'aws4_request' || scopeService !== 's3' || rest.length > 0 || !scopeDate) {
      throw new S3RequestError(
        400,
        'AuthorizationQueryParametersError',
        `Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".`,
      );
    }
    if (scopeRegion !== this.region) {
      throw new S3RequestError(
        400,
        'AuthorizationQueryParametersError',
        `Error parsing the X-Amz-Credential parameter; the region '${scopeRegion}' is wrong; expecting '${this.region}'`,
        { Region: this.region },
      );
    }
    const signingDate = parseAmzDate(amzDate);
    if (!signingDate || scopeDate !== amzDate.slice(0, 8)) {
      throw new S3RequestError(
        400,
        'AuthorizationQueryParametersError',
        `X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'" and match the credential scope date`,
      );
    }
    const expiresIn = /^\d+$/.test(expires) ? Number(expires) : NaN;
    if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > MAX_EXPIRES_SECONDS) {
      throw new S3RequestError(
        400,
        'AuthorizationQueryParametersError',
        `X-Amz-Expires must be between 1 and ${MAX_EXPIRES_SECONDS} seconds`,
      );
    }
    const now = input.now ?? new Date();
    const expiresAt = new Date(signingDate.getTime() + expiresIn * 1000);
    if (now.getTime() > expiresAt.getTime()) {
      throw new S3RequestError(403, 'AccessDenied', 'Request has expired', {
        'X-Amz-Expires': expires,
        Expires: iso(expiresAt),
        ServerTime: iso(now),
      });
    }
    if (signingDate.getTime() - now.getTime() > MAX_FUTURE_SKEW_MS) {
      throw new S3RequestError(403, 'AccessDenied', 'Request is not valid yet', {
        'X-Amz-Date': amzDate,
        ServerTime: iso(now),
      });
    }

    // Every signed header must be there (its value is part of the signature), and every x-amz-*
    // header must have been signed.
    const names = signedHeaders.split(';');
    const notSigned = Object.keys(input.headers).filter((h) => h.startsWith('x-amz-') && !names.includes(h));
    if (notSigned.length > 0) {
      throw new S3RequestError(403, 'AccessDenied', 'There were headers present in the request which were not signed', {
        HeadersNotSigned: notSigned.join(', '),
      });
    }
    if (!names.includes('host')) {
      throw new S3RequestError(
        400,
        'AuthorizationQueryParametersError',
        'Query-string authentication requires the host header to be signed.',
      );
    }
    const headers: Record<string, string> = {};
    for (const name of names) {
      const value = input.headers[name];
      if (value === undefined || name !== name.toLowerCase()) {
        throw new S3RequestError(403, 'SignatureDoesNotMatch', SIGNATURE_MISMATCH, {
          AWSAccessKeyId: accessKeyId,
          SignatureProvided: signature,
          MissingSignedHeader: name,
        });
      }
      headers[name] = Array.isArray(value) ? value.join(',') : value;
    }
    const host = headers['host'] ?? '';
    const { hostname, port } = splitHost(host);

    const query: Record<string, string | string[]> = {};
    for (const [k, v] of input.query) {
      if (k === 'X-Amz-Signature') continue;
      const prev = query[k];
      query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }

    const signed = new Set(names);
    // The presigner adds `X-Amz-Content-Sha256: UNSIGNED-PAYLOAD` and hoists it into the query, as
    // the JS SDK's URLs have it; other clients (e.g. boto3) leave it out: then keep it a header,
    // unsigned, so that it only sets the payload hash (UNSIGNED-PAYLOAD, as S3 assumes).
    const contentShaInQuery = input.query.some(([k]) => k.toLowerCase() === 'x-amz-content-sha256');
    const keepAsHeader = new Set(signed);
    const unsignable = new Set<string>();
    if (!contentShaInQuery) {
      keepAsHeader.add('x-amz-content-sha256');
      unsignable.add('x-amz-content-sha256');
    }
    const presigned = await this.presigner.presign(
      {
        method: input.method.toUpperCase(),
        protocol: 'http:',
        hostname,
        ...(port !== undefined ? { port } : {}),
        path: input.path,
        query,
        headers,
      },
      {
        signingDate,
        expiresIn,
        signingRegion: this.region,
        signingService: 's3',
        // Sign exactly the headers the client signed, and keep them all as headers.
        signableHeaders: signed,
        unhoistableHeaders: keepAsHeader,
        unsignableHeaders: unsignable,
      },
    );
    const expected = presigned.query?.['X-Amz-Signature'];
    const expectedHeaders = presigned.query?.['X-Amz-SignedHeaders'];
    if (
      typeof expected !== 'string' ||
      expectedHeaders !== signedHeaders ||
      !constantTimeEqual(expected, signature)
    ) {
      throw new S3RequestError(403, 'SignatureDoesNotMatch', SIGNATURE_MISMATCH, {
        AWSAccessKeyId: accessKeyId,
        SignatureProvided: signature,
      });
    }
  }
}
