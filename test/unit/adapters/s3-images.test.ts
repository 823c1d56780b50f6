import { describe, expect, it, vi } from 'vitest';
import { createClients } from '../../../shared/adapters/aws/clients';
import { S3ImageStore } from '../../../shared/adapters/aws/s3-images';
import { FunctionConfig } from '../../../shared/config';

describe('presigned receipt uploads', () => {
  it('sign the declared type and length, and carry no checksum of an empty body', async () => {
    vi.stubEnv('AWS_REGION', 'eu-west-3');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'not-a-secret');
    const config = FunctionConfig.parse({ table: 't', receiptsBucket: 'city-receipts' });
    const { s3 } = createClients(config);
    const upload = await new S3ImageStore(s3, 'city-receipts').presignUpload('receipts/abc-123-def', 'image/jpeg', 52_345, 900);
    const url = new URL(upload.url);
    expect(url.pathname).toBe('/receipts/abc-123-def');
    expect(url.searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual(expect.arrayContaining(['content-length', 'content-type', 'host']));
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect([...url.searchParams.keys()].some((k) => k.toLowerCase().startsWith('x-amz-checksum'))).toBe(false);
    expect(upload.headers).toEqual({ 'Content-Type': 'image/jpeg', 'Content-Length': '52345' });
    vi.unstubAllEnvs();
  });
});
