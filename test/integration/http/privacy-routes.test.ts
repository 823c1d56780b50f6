import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../shared/app/context';
import type { HttpEvent } from '../../../shared/http/request';
import { routeHttp } from '../../../shared/http/routes';
import { startTestTable } from '../../support/dynamo';
import { ledgerContext } from '../../support/ledger-fixture';

/**
 * The residents' rights through the REST API (GET /v1/me/export, DELETE /v1/me), over DynamoDB
 * Local; what the operations erase and keep is proven in test/integration/privacy/.
 */
let db: Awaited<ReturnType<typeof startTestTable>>;
let ctx: AppContext;

beforeAll(async () => {
  db = await startTestTable();
  ctx = ledgerContext(db);
});

afterAll(async () => {
  await db?.stop();
});

const call = (method: string, path: string, sub: string, body?: unknown) =>
  routeHttp(ctx, {
    rawPath: path,
    headers: {},
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    requestContext: { http: { method }, authorizer: { jwt: { claims: { sub }, scopes: [] } } },
  } as unknown as HttpEvent);

const IBAN = 'FR1420041010050500013M02606';

describe('a resident’s data through the API', () => {
  it('exports everything held about the caller, and nothing about another resident', async () => {
    expect((await call('POST', '/v1/receipts', 'yanis', { contentType: 'image/jpeg', contentLength: 120_000 })).statusCode).toBe(201);
    expect((await call('PUT', '/v1/me/payout-account', 'yanis', { iban: IBAN, holderName: 'Yanis Martin' })).statusCode).toBe(200);
    expect((await call('POST', '/v1/receipts', 'zoe', { contentType: 'image/png', contentLength: 90_000 })).statusCode).toBe(201);

    const answer = await call('GET', '/v1/me/export', 'yanis');
    expect(answer.statusCode).toBe(200);
    expect(answer.headers?.['content-disposition']).toMatch(/attachment/);
    expect(answer.headers?.['cache-control']).toBe('no-store');
    const data = JSON.parse(String(answer.body));
    expect(data).toMatchObject({ format: 'cabas.resident-export/1', residentId: 'yanis', payoutAccount: { iban: IBAN, holderName: 'Yanis Martin' } });
    expect(data.receipts).toHaveLength(1);
    expect(data.receipts[0]).toMatchObject({ residentId: 'yanis', status: 'AWAITING_UPLOAD' });
    expect(data.receipts[0].image.url).toBeTruthy();
    expect(String(answer.body)).not.toContain('zoe');
  });

  it('erases the caller: the payout account and receipts are gone for them, another resident untouched', async () => {
    const erased = await call('DELETE', '/v1/me', 'yanis');
    expect(erased.statusCode).toBe(200);
    expect(JSON.parse(String(erased.body))).toMatchObject({ status: 'ERASED', receiptsErased: 1, payoutAccountDeleted: true });

    const account = await call('GET', '/v1/me/payout-account', 'yanis');
    expect(account.statusCode).toBe(404);
    const after = JSON.parse(String((await call('GET', '/v1/me/export', 'yanis')).body));
    expect(after).toMatchObject({ receipts: [], payoutAccount: null, wallet: null });
    expect(JSON.parse(String((await call('GET', '/v1/receipts', 'zoe')).body)).items).toHaveLength(1);

    // A second erasure finds nothing left.
    expect(JSON.parse(String((await call('DELETE', '/v1/me', 'yanis')).body))).toMatchObject({ status: 'ERASED', receiptsErased: 0, payoutAccountDeleted: false });
  });
});
