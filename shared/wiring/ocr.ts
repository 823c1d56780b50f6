import type { AppContext } from '../app/context';
import type { FunctionConfig } from '../config';
import type { OcrEngine } from '../ocr/types';
import { S3ImageStore } from '../adapters/aws/s3-images';
import { SqsMessageBus } from '../adapters/aws/sqs-bus';
import { DynamoClaimStore, DynamoReceiptStore } from '../adapters/dynamodb/stores';
import { documentClient } from './aws/dynamodb';
import { bucketClient } from './aws/s3';
import { queueSender } from './aws/sqs';
import { functionContext } from './function-context';

/**
 * The OCR function (shared/app/stages/read.ts): the receipt and the image claims in the table, the
 * uploaded photo in S3, the match queue, and the OCR engine (created on first use, lazyOcrEngine).
 */
export function createOcrContext(config: FunctionConfig, ocrEngine: () => Promise<OcrEngine>): AppContext {
  const doc = documentClient(config);
  return functionContext('ocr', config, {
    receipts: new DynamoReceiptStore(doc, config.table),
    claims: new DynamoClaimStore(doc, config.table),
    images: new S3ImageStore(bucketClient(config)),
    bus: new SqsMessageBus(queueSender(config), { match: config.matchQueueUrl, credit: config.creditQueueUrl }),
    ocrEngine,
  });
}
