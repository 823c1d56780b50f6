/**
 * What the local S3 gateway checks on top of fauxqs (which checks no signature at all), so that an
 * upload that would fail on AWS also fails locally, and so that no request reaches the emulator
 * without the stack's own credentials (the gateway refuses unsigned requests with 403):
 *
 * - `HeaderSignatureVerifier`: SigV4 in the Authorization header, as the SDK clients sign every
 *   request (S3, SQS): scope, request time within 15 minutes, signature over the canonical request.
 * - `verifyPresignedRequest`: SigV4 query-string authentication ("presigned URLs"), as S3 does it:
 *   algorithm, credential scope (access key, date, region, service), expiry, the presence of every
 *   signed header, then the signature, recomputed with the emulator's credentials by the SDK's own
 *   `S3RequestPresigner` over the same method, host, path, query, signed headers, date and expiry.
 *   A presigned PUT therefore pins the `Content-Type` and `Content-Length` it was signed with.
 *   In a presigned request, an `x-amz-*` header that was not signed is refused, as S3 does.
 * - `BodyVerifier`: the body really has `Content-Length` bytes, and matches the
 *   `x-amz-checksum-crc32|sha1|sha256` and hex `x-amz-content-sha256` headers it was sent with.
 *   It holds back the last chunk until the end of the body has been checked, so a bad body never
 *   reaches fauxqs complete (the gateway aborts the upstream request instead).
 *   Checksums in the query string of a presigned URL are not checked: the JS SDK (>= 3.729, with
 *   the default `requestChecksumCalculation`) puts the CRC32 of an empty body there
 *   (`x-amz-checksum-crc32=AAAAAA==`), and S3 ignores it for presigned uploads (as LocalStack
 *   found when matching AWS; reports disagree, so the API should presign with
 *   `requestChecksumCalculation: 'WHEN_REQUIRED'` to keep such parameters out of its URLs).
 *
 * One file each: presigned.ts, header-signed.ts, body-digest.ts; the SigV4 pieces they share in
 * common.ts.
 */
export { S3RequestError, parseRawQuery, escapeXml, type StaticCredentials } from './common';
export * from './presigned';
export * from './header-signed';
export * from './body-digest';
