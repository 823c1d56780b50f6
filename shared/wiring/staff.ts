import type { AppContext } from '../app/context';
import type { FunctionConfig } from '../config';
import type { Ledger, MerchantStore } from '../ports';
import { S3ImageStore } from '../adapters/aws/s3-images';
import { SqsMessageBus } from '../adapters/aws/sqs-bus';
import { DynamoAuditLog } from '../adapters/dynamodb/audit';
import { DynamoHouseholdStore } from '../adapters/dynamodb/households';
import { DynamoLedgerAccounts } from '../adapters/dynamodb/ledger-accounts';
import { DynamoMerchantDirectory } from '../adapters/dynamodb/merchants';
import { DynamoReviewStore } from '../adapters/dynamodb/shop-pages';
import { DynamoCampaignStore, DynamoClaimStore, DynamoReceiptStore } from '../adapters/dynamodb/stores';
import { staffApi } from '../http/functions/staff';
import { documentClient } from './aws/dynamodb';
import { bucketClient } from './aws/s3';
import { queueSender } from './aws/sqs';
import { apiFunctionContext, partlyWired } from './function-context';

/**
 * The `staff` function (shared/http/functions/staff.ts): the receipts and what a review decision
 * reads (the shop, the campaigns' rules, the caps and tallies) in the table, the audit trail, S3
 * for the links to the photos as read, and the credit queue, to which an approved receipt goes.
 */
export function createStaffContext(config: FunctionConfig): AppContext {
  const doc = documentClient(config);
  const t = config.table;
  return apiFunctionContext(staffApi, config, {
    receipts: new DynamoReceiptStore(doc, t),
    // No receipt is matched here (staff name the shop): the directory without the matching index.
    merchants: partlyWired<MerchantStore>('staff', 'merchants', new DynamoMerchantDirectory(doc, t)),
    campaigns: new DynamoCampaignStore(doc, t),
    claims: new DynamoClaimStore(doc, t),
    households: new DynamoHouseholdStore(doc, t),
    // No money moves here (the credit stage credits an approved receipt): the accounts' reads.
    ledger: partlyWired<Ledger>('staff', 'ledger', new DynamoLedgerAccounts(doc, t)),
    audit: new DynamoAuditLog(doc, t),
    reviews: new DynamoReviewStore(doc, t),
    images: new S3ImageStore(bucketClient(config)),
    bus: new SqsMessageBus(queueSender(config), { credit: config.creditQueueUrl }),
  });
}
