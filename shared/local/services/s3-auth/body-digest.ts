/** The body of a request checked against its length and the checksums it was sent with. */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';
import { crc32 } from 'node:zlib';
import { S3RequestError } from './common';

/** One expected digest of the body. */
interface DigestCheck {
  /** Error code and message when it does not match. */
  code: string;
  message: string;
  expected: string;
  update(chunk: Buffer): void;
  actual(): string;
}

/**
 * Pass-through stream that checks the body's length and digests, holding back the last chunk until
 * the checks pass (so the receiver never gets a complete bad body). Fails with S3RequestError.
 */
export class BodyVerifier extends Transform {
  private held: Buffer | undefined;
  private received = 0;
  /** The check that failed, once one has: set before the stream errors. */
  failure: S3RequestError | undefined;

  private constructor(
    private readonly expectedLength: number | undefined,
    private readonly checks: DigestCheck[],
  ) {
    super();
  }

  /**
   * Builds the verifier for a request body, from its headers and query; undefined when there is
   * nothing to check. Bodies in `aws-chunked` encoding are only length-checked by the HTTP layer.
   */
  static forRequest(headers: IncomingHttpHeaders): BodyVerifier | undefined {
    const header = (name: string): string | undefined => {
      const v = headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const lengthHeader = header('content-length');
    const expectedLength = lengthHeader !== undefined && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : undefined;
    const checks: DigestCheck[] = [];
    if (!(header('content-encoding') ?? '').includes('aws-chunked')) {
      const crc = header('x-amz-checksum-crc32');
      if (crc !== undefined) checks.push(crc32Check(crc));
      const sha1 = header('x-amz-checksum-sha1');
      if (sha1 !== undefined) checks.push(hashCheck('sha1', 'SHA1', sha1));
      const sha256 = header('x-amz-checksum-sha256');
      if (sha256 !== undefined) checks.push(hashCheck('sha256', 'SHA256', sha256));
      const contentSha = header('x-amz-content-sha256');
      if (contentSha !== undefined && /^[0-9a-f]{64}$/i.test(contentSha)) checks.push(contentSha256Check(contentSha));
    }
    if (expectedLength === undefined && checks.length === 0) return undefined;
    return new BodyVerifier(expectedLength, checks);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.received += chunk.length;
    for (const c of this.checks) c.update(chunk);
    if (this.held) this.push(this.held);
    this.held = chunk;
    callback();
  }

  override _flush(callback: TransformCallback): void {
    if (this.expectedLength !== undefined && this.received !== this.expectedLength) {
      this.failure = new S3RequestError(
        400,
        'IncompleteBody',
        'You did not provide the number of bytes specified by the Content-Length HTTP header',
        { NumberBytesExpected: String(this.expectedLength), NumberBytesProvided: String(this.received) },
      );
      callback(this.failure);
      return;
    }
    for (const c of this.checks) {
      if (c.actual() !== c.expected) {
        this.failure = new S3RequestError(400, c.code, c.message);
        callback(this.failure);
        return;
      }
    }
    if (this.held) this.push(this.held);
    callback();
  }
}

function crc32Check(expected: string): DigestCheck {
  let value = 0;
  return {
    code: 'BadDigest',
    message: 'The CRC32 you specified did not match the calculated checksum.',
    expected,
    update: (chunk) => {
      value = crc32(chunk, value);
    },
    actual: () => {
      const b = Buffer.alloc(4);
      b.writeUInt32BE(value >>> 0);
      return b.toString('base64');
    },
  };
}

function hashCheck(algorithm: 'sha1' | 'sha256', label: string, expected: string): DigestCheck {
  const hash = createHash(algorithm);
  return {
    code: 'BadDigest',
    message: `The ${label} you specified did not match the calculated checksum.`,
    expected,
    update: (chunk) => hash.update(chunk),
    actual: () => hash.digest('base64'),
  };
}

function contentSha256Check(expected: string): DigestCheck {
  const hash = createHash('sha256');
  return {
    code: 'XAmzContentSHA256Mismatch',
    message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
    expected: expected.toLowerCase(),
    update: (chunk) => hash.update(chunk),
    actual: () => hash.digest('hex'),
  };
}
