import type { AppContext } from '../app/context';
import type { FunctionConfig } from '../config';
import { S3MediaStore } from '../adapters/aws/s3-media';
import { DynamoShopPhotoStore } from '../adapters/dynamodb/shop-photos';
import { documentClient } from './aws/dynamodb';
import { bucketClient } from './aws/s3';
import { functionContext } from './function-context';

/**
 * The photos function (shared/app/shop-photo-processing.ts): the shops' photo records in the table,
 * their originals and renditions in S3. Nothing else: no queue to send to, no receipt.
 */
export function createPhotosContext(config: FunctionConfig): AppContext {
  return functionContext('photos', config, {
    shopPhotos: new DynamoShopPhotoStore(documentClient(config), config.table),
    media: new S3MediaStore(bucketClient(config)),
  });
}
