import type { AppContext } from '../app/context';
import type { FunctionConfig } from '../config';
import type { Ledger, MerchantStore } from '../ports';
import { S3ImageStore } from '../adapters/aws/s3-images';
import { DynamoFingerprintStore } from '../adapters/dynamodb/fingerprints';
import { DynamoHouseholdStore } from '../adapters/dynamodb/households';
import { DynamoLedgerAccounts } from '../adapters/dynamodb/ledger-accounts';
import { DynamoMerchantDirectory } from '../adapters/dynamodb/merchants';
import { DynamoPayoutStore } from '../adapters/dynamodb/payouts';
import { DynamoNewsStore, DynamoReviewStore } from '../adapters/dynamodb/shop-pages';
import { DynamoShopPhotoStore } from '../adapters/dynamodb/shop-photos';
import { DynamoCampaignStore, DynamoClaimStore, DynamoReceiptStore } from '../adapters/dynamodb/stores';
import { residentsApi } from '../http/functions/residents';
import { documentClient } from './aws/dynamodb';
import { bucketClient } from './aws/s3';
import { apiFunctionContext, partlyWired } from './function-context';

/**
 * The `api` function (residents and the public: shared/http/functions/residents.ts): the table's
 * stores its routes read and write, a resident's erasure included; S3 for the upload links and the
 * photos' erasure. No SQS: an upload starts the pipeline through the bucket's notification.
 */
export function createApiContext(config: FunctionConfig): AppContext {
  const doc = documentClient(config);
  const t = config.table;
  return apiFunctionContext(residentsApi, config, {
    receipts: new DynamoReceiptStore(doc, t),
    // No receipt is matched here: the directory without the matching index.
    merchants: partlyWired<MerchantStore>('api', 'merchants', new DynamoMerchantDirectory(doc, t)),
    campaigns: new DynamoCampaignStore(doc, t),
    claims: new DynamoClaimStore(doc, t),
    households: new DynamoHouseholdStore(doc, t),
    fingerprints: new DynamoFingerprintStore(doc, t),
    // No money moves here (the credit, payout and finance functions move it): the accounts' reads and the erasure's.
    ledger: partlyWired<Ledger>('api', 'ledger', new DynamoLedgerAccounts(doc, t)),
    payouts: new DynamoPayoutStore(doc, t),
    news: new DynamoNewsStore(doc, t),
    reviews: new DynamoReviewStore(doc, t),
    shopPhotos: new DynamoShopPhotoStore(doc, t),
    images: new S3ImageStore(bucketClient(config)),
  });
}
