import type { AppContext } from '../app/context';
import type { FunctionConfig } from '../config';
import { payoutSettingsFrom } from '../app/payouts';
import { S3DocumentStore } from '../adapters/aws/s3-documents';
import { DynamoAuditLog } from '../adapters/dynamodb/audit';
import { DynamoLedger } from '../adapters/dynamodb/ledger';
import { DynamoPayoutStore } from '../adapters/dynamodb/payouts';
import { sepaApi } from '../http/functions/sepa';
import { documentClient } from './aws/dynamodb';
import { bucketClient } from './aws/s3';
import { apiFunctionContext } from './function-context';

/**
 * The `sepa` function (shared/http/functions/sepa.ts): the payout batches and the ledger in the
 * table, the audit trail, S3 for the batches' files; the payout settings, for a run staff start.
 */
export function createSepaContext(config: FunctionConfig): AppContext {
  const doc = documentClient(config);
  const t = config.table;
  return apiFunctionContext(sepaApi, config, {
    ledger: new DynamoLedger(doc, t),
    payouts: new DynamoPayoutStore(doc, t),
    audit: new DynamoAuditLog(doc, t),
    documents: new S3DocumentStore(bucketClient(config)),
    payoutSettings: payoutSettingsFrom(config),
  });
}
