import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { SqsDestination } from 'aws-cdk-lib/aws-s3-notifications';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct, IConstruct } from 'constructs';

import { MEDIA_PREFIX, SHOP_PHOTO_UPLOAD_PREFIX } from '../shared/domain/shop-photo';
import { createPipelineQueue } from './lambda-functions';

export { MEDIA_PREFIX, SHOP_PHOTO_UPLOAD_PREFIX };

/** Originals left behind (a slot's photo removed before its upload was processed...) go after a day. */
export const SHOP_PHOTO_UPLOAD_EXPIRY_DAYS = 1;

/**
 * The shops' photos in a city's stack (issue #20), in the receipts bucket under two prefixes of
 * their own: originals under `uploads/shop-photos/` (private; S3 notifies the photos queue; deleted
 * once processed, else expired after a day) and renditions under `media/` (served by the site's
 * CloudFront distribution through its origin access control, infra/web-hosting.ts: that prefix
 * only). Grants, prefix by prefix:
 * - shops and merchants (the API functions of the shops' staff and of city staff): presign the
 *   uploads (PutObject on uploads) and delete a removed photo's files (DeleteObject on both);
 * - photos: reads and deletes the originals, writes and deletes the renditions. No receipt, no other prefix.
 */
export function addShopPhotos(scope: Construct, opts: { bucket: s3.Bucket; editors: Readonly<Record<string, NodejsFunction>>; photos: NodejsFunction }): { queue: sqs.Queue; dlq: sqs.Queue } {
  const { bucket, editors, photos } = opts;
  const uploads = bucket.arnForObjects(`${SHOP_PHOTO_UPLOAD_PREFIX}*`);
  const media = bucket.arnForObjects(`${MEDIA_PREFIX}*`);
  for (const fn of Object.values(editors)) {
    fn.addToRolePolicy(new iam.PolicyStatement({ sid: 'PresignShopPhotoUploads', actions: ['s3:PutObject'], resources: [uploads] }));
    fn.addToRolePolicy(new iam.PolicyStatement({ sid: 'DeleteRemovedShopPhotos', actions: ['s3:DeleteObject'], resources: [uploads, media] }));
  }
  photos.addToRolePolicy(new iam.PolicyStatement({ sid: 'ReadShopPhotoUploads', actions: ['s3:GetObject', 's3:DeleteObject'], resources: [uploads] }));
  photos.addToRolePolicy(new iam.PolicyStatement({ sid: 'WriteShopPhotoRenditions', actions: ['s3:PutObject', 's3:DeleteObject'], resources: [media] }));

  bucket.addLifecycleRule({ id: 'expire-shop-photo-uploads', prefix: SHOP_PHOTO_UPLOAD_PREFIX, expiration: Duration.days(SHOP_PHOTO_UPLOAD_EXPIRY_DAYS) });

  // One photo at a time per invocation: decoding a 40-megapixel original takes most of the function's memory.
  const queues = createPipelineQueue(scope, 'Photos', photos, 1, 2);
  bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new SqsDestination(queues.queue), { prefix: SHOP_PHOTO_UPLOAD_PREFIX });

  const stack = Stack.of(scope);
  const bucketArn = `<${stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket)}.Arn>`;
  const editor = {
    [SHOP_PHOTO_UPLOAD_PREFIX]: "presigns the shop photos' uploads (PutObject) and deletes the original of a photo removed before it was processed (DeleteObject)",
    [MEDIA_PREFIX]: "deletes a removed photo's renditions (DeleteObject)",
  };
  const why: Array<[string, NodejsFunction, Record<string, string>]> = [
    ...Object.entries(editors).map(([name, fn]): [string, NodejsFunction, Record<string, string>] => [name, fn, editor]),
    [
      'photos',
      photos,
      {
        [SHOP_PHOTO_UPLOAD_PREFIX]: 'reads the original it is notified of and deletes it once processed (GetObject, DeleteObject)',
        [MEDIA_PREFIX]: "writes a photo's renditions and deletes those of a photo removed while it was processed (PutObject, DeleteObject)",
      },
    ],
  ];
  for (const [name, fn, reasons] of why) {
    for (const [prefix, reason] of Object.entries(reasons)) {
      acknowledge(fn.role!.node.findChild('DefaultPolicy'), {
        id: `AwsSolutions-IAM5[Resource::${bucketArn}/${prefix}*]`,
        reason: `The ${name} function ${reason}; photo ids are generated at runtime, so the grant covers the objects under the ${prefix} prefix of the bucket and nothing else.`,
      });
    }
  }
  return queues;
}

function acknowledge(construct: IConstruct, finding: { id: string; reason: string }): void {
  Validations.of(construct.node.defaultChild ?? construct).acknowledge(finding);
}
