import { afterAll, beforeAll } from 'vitest';
import type { AppContext } from '../../../shared/app/context';
import { startTestTable } from '../../support/dynamo';
import { ledgerContext } from '../../support/ledger-fixture';
import { ledgerContract } from '../../support/ledger-contract';

// The DynamoDB ledger against the scenarios the in-memory ledger passes too (test/unit/app/ledger-contract.test.ts).
let db: Awaited<ReturnType<typeof startTestTable>>;
let ctx: AppContext;

beforeAll(async () => {
  db = await startTestTable();
  ctx = ledgerContext(db);
});

afterAll(async () => {
  await db?.stop();
});

ledgerContract('DynamoDB Local', () => ctx);
