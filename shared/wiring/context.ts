import { randomUUID } from 'node:crypto';
import type { FunctionConfig } from '../config';
import type { AppContext } from '../app/context';
import { payoutSettingsFrom } from '../app/payouts';
import { matchConfig } from '../domain/matching';
import { systemClock } from '../ports';
import type { OcrEngine } from '../ocr/types';
import { createClients } from '../adapters/aws/clients';
import { S3ImageStore } from '../adapters/aws/s3-images';
import { S3DocumentStore } from '../adapters/aws/s3-documents';
import { DynamoPayoutStore } from '../adapters/dynamodb/payouts';
import { SqsMessageBus } from '../adapters/aws/sqs-bus';
import { DynamoLedger } from '../adapters/dynamodb/ledger';
import { DynamoCampaignStore, DynamoClaimStore, DynamoReceiptStore } from '../adapters/dynamodb/stores';
import { DynamoMerchantStore } from '../adapters/dynamodb/merchants';
import { DynamoHouseholdStore } from '../adapters/dynamodb/households';
import { DynamoFingerprintStore } from '../adapters/dynamodb/fingerprints';
import { DynamoAuditLog } from '../adapters/dynamodb/audit';

/**
 * Builds the application context of one function container from its configuration. Only the
 * OCR function passes an engine factory (see lazyOcrEngine), so the other bundles carry no OCR code.
 */
export function createAppContext(config: FunctionConfig, ocrEngine?: () => Promise<OcrEngine>): AppContext {
  const { doc, s3, sqs } = createClients(config);
  return {
    receipts: new DynamoReceiptStore(doc, config.table),
    merchants: new DynamoMerchantStore(doc, config.table, {
      config: matchConfig({
        ...(config.matchAutoThreshold !== undefined ? { auto: config.matchAutoThreshold } : {}),
        ...(config.matchReviewThreshold !== undefined ? { review: config.matchReviewThreshold } : {}),
      }),
    }),
    campaigns: new DynamoCampaignStore(doc, config.table),
    claims: new DynamoClaimStore(doc, config.table),
    households: new DynamoHouseholdStore(doc, config.table),
    fingerprints: new DynamoFingerprintStore(doc, config.table),
    ledger: new DynamoLedger(doc, config.table),
    payouts: new DynamoPayoutStore(doc, config.table),
    audit: new DynamoAuditLog(doc, config.table),
    images: new S3ImageStore(s3, config.receiptsBucket),
    documents: new S3DocumentStore(s3, config.receiptsBucket),
    bus: new SqsMessageBus(sqs, { match: config.matchQueueUrl, credit: config.creditQueueUrl }),
    clock: systemClock,
    newId: () => randomUUID(),
    uploadUrlTtlSeconds: config.uploadUrlTtlSeconds,
    payoutSettings: payoutSettingsFrom(config),
    policy: config.fraudPolicy,
    ...(ocrEngine ? { ocrEngine } : {}),
  };
}
