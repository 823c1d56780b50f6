import type { AppContext } from '../app/context';
import type { FunctionConfig } from '../config';
import type { MerchantStore } from '../ports';
import { S3MediaStore } from '../adapters/aws/s3-media';
import { DynamoAuditLog } from '../adapters/dynamodb/audit';
import { DynamoMerchantDirectory } from '../adapters/dynamodb/merchants';
import { DynamoNewsStore, DynamoReviewStore } from '../adapters/dynamodb/shop-pages';
import { DynamoShopPhotoStore } from '../adapters/dynamodb/shop-photos';
import { merchantsApi } from '../http/functions/merchants';
import { documentClient } from './aws/dynamodb';
import { bucketClient } from './aws/s3';
import { apiFunctionContext, partlyWired } from './function-context';

/**
 * The `merchants` function (shared/http/functions/merchants.ts): the shops' directory, news,
 * reviews and photos in the table, the audit trail, S3 for the photos' upload links and removal.
 */
export function createMerchantsContext(config: FunctionConfig): AppContext {
  const doc = documentClient(config);
  const t = config.table;
  return apiFunctionContext(merchantsApi, config, {
    // No receipt is matched here: the directory without the matching index.
    merchants: partlyWired<MerchantStore>('merchants', 'merchants', new DynamoMerchantDirectory(doc, t)),
    news: new DynamoNewsStore(doc, t),
    reviews: new DynamoReviewStore(doc, t),
    shopPhotos: new DynamoShopPhotoStore(doc, t),
    audit: new DynamoAuditLog(doc, t),
    media: new S3MediaStore(bucketClient(config)),
  });
}
