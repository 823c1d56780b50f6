import type { AppContext } from '../app/context';
import type { FunctionConfig } from '../config';
import { DynamoLedger } from '../adapters/dynamodb/ledger';
import { DynamoCampaignStore, DynamoClaimStore, DynamoReceiptStore } from '../adapters/dynamodb/stores';
import { documentClient } from './aws/dynamodb';
import { functionContext } from './function-context';

/**
 * The credit function (shared/app/stages/credit.ts): the receipt, its campaigns and the ledger,
 * all in the table; the claims, for the parking tickets a credited purchase validates (credited here
 * at once: shared/app/parking.ts). No S3, no SQS: the last stage sends nothing on.
 */
export function createCreditContext(config: FunctionConfig): AppContext {
  const doc = documentClient(config);
  return functionContext('credit', config, {
    receipts: new DynamoReceiptStore(doc, config.table),
    campaigns: new DynamoCampaignStore(doc, config.table),
    claims: new DynamoClaimStore(doc, config.table),
    ledger: new DynamoLedger(doc, config.table),
  });
}
