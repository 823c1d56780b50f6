import type { AppContext } from '../app/context';
import type { FunctionConfig } from '../config';
import { SqsMessageBus } from '../adapters/aws/sqs-bus';
import { DynamoFingerprintStore } from '../adapters/dynamodb/fingerprints';
import { DynamoHouseholdStore } from '../adapters/dynamodb/households';
import { DynamoLedgerReads } from '../adapters/dynamodb/ledger-reads';
import { DynamoMerchantStore } from '../adapters/dynamodb/merchant-matching';
import { DynamoCampaignStore, DynamoClaimStore, DynamoReceiptStore } from '../adapters/dynamodb/stores';
import { documentClient } from './aws/dynamodb';
import { queueSender } from './aws/sqs';
import type { Ledger } from '../ports';
import { functionContext, partlyWired } from './function-context';
import { merchantIndexOptions } from './merchant-index';

/**
 * The match function (shared/app/stages/match.ts): the receipt, the shop directory, the campaigns,
 * the fraud claims and photo fingerprints, the households (caps) and the ledger (welcome bonus) in
 * the table; the credit queue. No S3: the photo's hashes came with the extraction.
 */
export function createMatchContext(config: FunctionConfig): AppContext {
  const doc = documentClient(config);
  return functionContext('match', config, {
    receipts: new DynamoReceiptStore(doc, config.table),
    merchants: new DynamoMerchantStore(doc, config.table, merchantIndexOptions(config)),
    campaigns: new DynamoCampaignStore(doc, config.table),
    claims: new DynamoClaimStore(doc, config.table),
    fingerprints: new DynamoFingerprintStore(doc, config.table),
    households: new DynamoHouseholdStore(doc, config.table),
    // The welcome bonus asks whether the resident is already the shop's customer: two point reads, not the ledger.
    ledger: partlyWired<Ledger>('match', 'ledger', new DynamoLedgerReads(doc, config.table)),
    bus: new SqsMessageBus(queueSender(config), { match: config.matchQueueUrl, credit: config.creditQueueUrl }),
  });
}
