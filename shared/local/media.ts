import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { S3RestClient } from '../adapters/aws/s3-rest';
import { RENDITION_KEY } from '../domain/shop-photo-check';
import type { LocalSite } from './http-server';

/**
 * The local stack's `/media/…`, as CloudFront serves it in AWS (infra/media-origin.ts): the shops'
 * photos' renditions, read from the emulator's bucket. Only keys shaped like a rendition
 * (`media/shops/<merchantId>/<photoId>-<width>.jpg`) are read: no other object of the bucket (a
 * receipt, a payout file, an original) can be reached through it.
 */
export function createLocalMedia(opts: { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string }; bucket: string }): { handle: LocalSite; stop(): void } {
  const s3 = new S3RestClient({ bucket: opts.bucket, endpoint: opts.endpoint, region: opts.region, credentials: opts.credentials });
  const notFound = (): APIGatewayProxyStructuredResultV2 => ({ statusCode: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' }, body: 'Not found' });
  return {
    stop: () => s3.destroy(),
    async handle({ method, pathname }) {
      if (!pathname.startsWith('/media/')) return undefined;
      if (method !== 'GET' && method !== 'HEAD') return { statusCode: 405, headers: { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }, body: 'Method not allowed' };
      let key: string;
      try {
        key = decodeURIComponent(pathname.slice(1));
      } catch {
        return notFound();
      }
      if (!RENDITION_KEY.test(key)) return notFound();
      let bytes: Uint8Array;
      try {
        const object = await s3.getObject(key);
        if (!object) return notFound();
        bytes = object.bytes;
      } catch (err) {
        if ((err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode === 404) return notFound();
        throw err;
      }
      return {
        statusCode: 200,
        headers: { 'content-type': 'image/jpeg', 'content-length': String(bytes.length), 'cache-control': 'public, max-age=31536000, immutable', 'x-content-type-options': 'nosniff', 'cross-origin-resource-policy': 'same-origin' },
        // The local HTTP server writes the body as it is: the bytes.
        body: method === 'HEAD' ? '' : (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as string),
      };
    },
  };
}
