import { QueryCommand, TransactWriteCommand, type TableClient } from './client/commands';
import { ConflictError } from '../../domain/errors';
import type { ShopPhoto } from '../../domain/shop-photo';
import type { ShopPhotoChange, ShopPhotoSet, ShopPhotoStore } from '../../ports/shop-photos';
import { stripKeys } from './query';
import { cancellationReasons, failed } from './transactions';

/**
 * A shop's photos on the single table (issue #20), in one partition `SHOPPHOTOS#<merchantId>`:
 * the set (`SET`: the order and the version) and one item per photo (`PHOTO#<photoId>`). Each change
 * writes the set over the version it read, with the photos it adds, changes or removes, in one
 * transaction; reading the shop's photos is one query of the partition.
 */
const partition = (merchantId: string) => `SHOPPHOTOS#${merchantId}`;
const PHOTO = 'PHOTO#';

export class DynamoShopPhotoStore implements ShopPhotoStore {
  constructor(private readonly doc: TableClient, private readonly table: string) {}

  async get(merchantId: string): Promise<ShopPhotoSet> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({ TableName: this.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': partition(merchantId) }, ConsistentRead: true, ExclusiveStartKey: start }),
      );
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    const set = items.find((i) => i.sk === 'SET');
    if (!set) return { merchantId, version: 0, photos: [] };
    const photos = new Map(items.filter((i) => String(i.sk).startsWith(PHOTO)).map((i) => [String(i.photoId), stripKeys<ShopPhoto>(i)]));
    const order = (set.order as string[] | undefined) ?? [];
    return { merchantId, version: Number(set.version), photos: order.map((id) => photos.get(id)).filter((p): p is ShopPhoto => p !== undefined) };
  }

  async save(merchantId: string, expectedVersion: number, change: ShopPhotoChange): Promise<void> {
    const pk = partition(merchantId);
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table,
                Item: { pk, sk: 'SET', type: 'shopPhotoSet', merchantId, version: expectedVersion + 1, order: change.order },
                ...(expectedVersion === 0
                  ? { ConditionExpression: 'attribute_not_exists(pk)' }
                  : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } }),
              },
            },
            ...change.put.map((p) => ({ Put: { TableName: this.table, Item: { pk, sk: `${PHOTO}${p.photoId}`, type: 'shopPhoto', ...p } } })),
            ...change.remove.map((id) => ({ Delete: { TableName: this.table, Key: { pk, sk: `${PHOTO}${id}` } } })),
          ],
        }),
      );
    } catch (err) {
      const reasons = cancellationReasons(err);
      if (reasons && (failed(reasons[0]) || reasons.some((r) => r.Code === 'TransactionConflict'))) {
        throw new ConflictError('PHOTOS_CHANGED', 'The shop’s photos were changed meanwhile; read them again.');
      }
      throw err;
    }
  }
}
