import type { AppContext } from '../app/context';
import type { FunctionConfig } from '../config';
import type { Ledger } from '../ports';
import { S3ImageStore } from '../adapters/aws/s3-images';
import { DynamoAuditLog } from '../adapters/dynamodb/audit';
import { DynamoCounterResidentStore } from '../adapters/dynamodb/counter-residents';
import { DynamoFingerprintStore } from '../adapters/dynamodb/fingerprints';
import { DynamoHouseholdStore } from '../adapters/dynamodb/households';
import { DynamoLedgerAccounts } from '../adapters/dynamodb/ledger-accounts';
import { DynamoPayoutStore } from '../adapters/dynamodb/payouts';
import { DynamoReviewStore } from '../adapters/dynamodb/shop-pages';
import { DynamoClaimStore, DynamoReceiptStore } from '../adapters/dynamodb/stores';
import { counterApi } from '../http/functions/counter';
import { documentClient } from './aws/dynamodb';
import { bucketClient } from './aws/s3';
import { apiFunctionContext, partlyWired } from './function-context';

/**
 * The `counter` function (shared/http/functions/counter.ts): the counter's residents and
 * everything of theirs in the table (an erasure touches it all), the audit trail, S3 for their
 * receipts' upload links and the photos' erasure.
 */
export function createCounterContext(config: FunctionConfig): AppContext {
  const doc = documentClient(config);
  const t = config.table;
  return apiFunctionContext(counterApi, config, {
    receipts: new DynamoReceiptStore(doc, t),
    claims: new DynamoClaimStore(doc, t),
    households: new DynamoHouseholdStore(doc, t),
    fingerprints: new DynamoFingerprintStore(doc, t),
    // No money moves here: the accounts' reads and the erasure's.
    ledger: partlyWired<Ledger>('counter', 'ledger', new DynamoLedgerAccounts(doc, t)),
    payouts: new DynamoPayoutStore(doc, t),
    audit: new DynamoAuditLog(doc, t),
    reviews: new DynamoReviewStore(doc, t),
    counterResidents: new DynamoCounterResidentStore(doc, t),
    images: new S3ImageStore(bucketClient(config)),
  });
}
