import type { AppContext } from '../app/context';
import type { FunctionConfig } from '../config';
import type { Ledger, MerchantStore } from '../ports';
import { S3MediaStore } from '../adapters/aws/s3-media';
import { DynamoAuditLog } from '../adapters/dynamodb/audit';
import { readCampaignBudgets, readFigureBuckets } from '../adapters/dynamodb/figures';
import { DynamoMerchantDirectory } from '../adapters/dynamodb/merchants';
import { DynamoNewsStore, DynamoReviewStore } from '../adapters/dynamodb/shop-pages';
import { DynamoShopPhotoStore } from '../adapters/dynamodb/shop-photos';
import { shopsApi } from '../http/functions/shops';
import { documentClient } from './aws/dynamodb';
import { bucketClient } from './aws/s3';
import { apiFunctionContext, partlyWired } from './function-context';

/**
 * The `shops` function (a shop's staff: shared/http/functions/shops.ts): their shop, news,
 * reviews, photos and figures (the ledger's shop tallies) and the audit trail in the table; S3 for
 * their photos' upload links.
 */
export function createShopsContext(config: FunctionConfig): AppContext {
  const doc = documentClient(config);
  const t = config.table;
  return apiFunctionContext(shopsApi, config, {
    // No receipt is matched here: the directory without the matching index.
    merchants: partlyWired<MerchantStore>('shops', 'merchants', new DynamoMerchantDirectory(doc, t)),
    // A shop's figures: the ledger's tallies, read; no movement of money here.
    ledger: partlyWired<Ledger>('shops', 'ledger', {
      figureBuckets: (query) => readFigureBuckets(doc, t, query),
      campaignBudgets: (campaignIds) => readCampaignBudgets(doc, t, campaignIds),
    }),
    news: new DynamoNewsStore(doc, t),
    reviews: new DynamoReviewStore(doc, t),
    shopPhotos: new DynamoShopPhotoStore(doc, t),
    audit: new DynamoAuditLog(doc, t),
    media: new S3MediaStore(bucketClient(config)),
  });
}
