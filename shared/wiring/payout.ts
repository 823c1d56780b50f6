import type { AppContext } from '../app/context';
import type { FunctionConfig } from '../config';
import { S3DocumentStore } from '../adapters/aws/s3-documents';
import { S3ImageStore } from '../adapters/aws/s3-images';
import { DynamoLedger } from '../adapters/dynamodb/ledger';
import { DynamoPayoutStore } from '../adapters/dynamodb/payouts';
import { DynamoCampaignStore, DynamoClaimStore, DynamoReceiptStore } from '../adapters/dynamodb/stores';
import { documentClient } from './aws/dynamodb';
import { bucketClient } from './aws/s3';
import { functionContext } from './function-context';

/**
 * The payout function's two schedules: the payout run (shared/app/payouts.ts: batches and ledger in
 * the table, the SEPA and CSV files in S3) and the privacy run (shared/app/privacy.ts: receipts in
 * the table, their photos in S3), and the parking sweep (shared/app/parking.ts: waiting tickets,
 * their campaigns, the purchase claims and the ledger, in the table). The settings of the run are
 * passed by the handler.
 */
export function createPayoutContext(config: FunctionConfig): AppContext {
  const doc = documentClient(config);
  const bucket = bucketClient(config);
  return functionContext('payout', config, {
    payouts: new DynamoPayoutStore(doc, config.table),
    ledger: new DynamoLedger(doc, config.table),
    receipts: new DynamoReceiptStore(doc, config.table),
    campaigns: new DynamoCampaignStore(doc, config.table),
    claims: new DynamoClaimStore(doc, config.table),
    documents: new S3DocumentStore(bucket),
    images: new S3ImageStore(bucket),
  });
}
