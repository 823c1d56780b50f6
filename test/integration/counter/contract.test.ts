import { afterAll, beforeAll } from 'vitest';
import { DynamoCounterResidentStore } from '../../../shared/adapters/dynamodb/counter-residents';
import { startTestTable } from '../../support/dynamo';
import { counterResidentsContract } from '../../support/counter-residents-contract';

// The DynamoDB store against the scenarios the in-memory store passes too (test/unit/adapters/counter-residents-contract.test.ts).
let db: Awaited<ReturnType<typeof startTestTable>>;
let store: DynamoCounterResidentStore;

beforeAll(async () => {
  db = await startTestTable();
  store = new DynamoCounterResidentStore(db.doc, db.table);
});

afterAll(async () => {
  await db?.stop();
});

counterResidentsContract('DynamoDB Local', () => store);
