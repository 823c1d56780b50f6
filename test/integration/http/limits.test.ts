import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../shared/app/context';
import { FraudPolicy } from '../../../shared/domain/fraud-policy';
import type { HttpEvent } from '../../../shared/http/request';
import { routeHttp } from '../../../shared/http/routes';
import { startTestTable } from '../../support/dynamo';
import { ledgerContext } from '../../support/ledger-fixture';

/** Limits per resident on POST /v1/receipts, answered 429 with Retry-After, over DynamoDB Local. */
let db: Awaited<ReturnType<typeof startTestTable>>;
let ctx: AppContext;
let now = new Date('2026-06-20T10:00:00Z');

beforeAll(async () => {
  db = await startTestTable();
  ctx = { ...ledgerContext(db), clock: { now: () => now }, policy: FraudPolicy.parse({ maxUploadsInFlightPerResident: 3, maxReceiptsCreatedPerResidentPerDay: 5 }) };
});

afterAll(async () => {
  await db?.stop();
});

const announce = (sub: string) =>
  routeHttp(ctx, {
    rawPath: '/v1/receipts',
    headers: {},
    body: JSON.stringify({ contentType: 'image/jpeg', contentLength: 200_000 }),
    requestContext: { http: { method: 'POST' }, authorizer: { jwt: { claims: { sub }, scopes: [] } } },
  } as unknown as HttpEvent);

describe('a resident’s limits on announcing receipts', () => {
  it('holds a few uploads open at once, then 429 until the oldest link expires', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await announce('dana')).statusCode).toBe(201);
      now = new Date(now.getTime() + 60_000);
    }
    const refused = await announce('dana');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(String(refused.body))).toMatchObject({ status: 429, code: 'TOO_MANY_UPLOADS_IN_FLIGHT' });
    // The first link was issued 3 minutes ago and lives 15: 12 minutes to wait.
    expect(refused.headers?.['retry-after']).toBe(String(12 * 60));
    // Someone else is not held back by dana.
    expect((await announce('eliott')).statusCode).toBe(201);
    now = new Date(now.getTime() + 12 * 60_000);
    expect((await announce('dana')).statusCode).toBe(201);
  });

  it('counts the receipts announced in a local day, then 429 until midnight (Europe/Paris)', async () => {
    // dana has announced 4 today (the attempt refused for open uploads was not counted); the limit is 5.
    now = new Date(now.getTime() + 20 * 60_000); // every link above has expired
    expect((await announce('dana')).statusCode).toBe(201);
    const refused = await announce('dana');
    expect(refused.statusCode).toBe(429);
    expect(JSON.parse(String(refused.body)).code).toBe('TOO_MANY_RECEIPTS_TODAY');
    const wait = Number(refused.headers?.['retry-after']);
    expect(new Date(now.getTime() + wait * 1000).toISOString()).toBe('2026-06-20T22:00:00.000Z');
    now = new Date('2026-06-20T22:00:01Z');
    expect((await announce('dana')).statusCode).toBe(201);
  });
});
