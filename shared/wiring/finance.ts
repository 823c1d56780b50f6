import type { AppContext } from '../app/context';
import type { FunctionConfig } from '../config';
import type { MerchantStore } from '../ports';
import { DynamoAuditLog } from '../adapters/dynamodb/audit';
import { DynamoLedger } from '../adapters/dynamodb/ledger';
import { DynamoMerchantDirectory } from '../adapters/dynamodb/merchants';
import { DynamoCampaignStore, DynamoReceiptStore } from '../adapters/dynamodb/stores';
import { financeApi } from '../http/functions/finance';
import { documentClient } from './aws/dynamodb';
import { apiFunctionContext, partlyWired } from './function-context';

/**
 * The `finance` function (shared/http/functions/finance.ts): campaigns, the ledger, receipts and
 * shops in the table, the audit trail. No S3, no SQS.
 */
export function createFinanceContext(config: FunctionConfig): AppContext {
  const doc = documentClient(config);
  const t = config.table;
  return apiFunctionContext(financeApi, config, {
    receipts: new DynamoReceiptStore(doc, t),
    // No receipt is matched here: the directory without the matching index.
    merchants: partlyWired<MerchantStore>('finance', 'merchants', new DynamoMerchantDirectory(doc, t)),
    campaigns: new DynamoCampaignStore(doc, t),
    ledger: new DynamoLedger(doc, t),
    audit: new DynamoAuditLog(doc, t),
  });
}
