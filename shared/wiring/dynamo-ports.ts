import type { TableClient } from '../adapters/dynamodb/client/commands';
import type { AppContext } from '../app/context';
import type { LiveIndexOptions } from '../merchants/match-index';
import { DynamoAuditLog } from '../adapters/dynamodb/audit';
import { DynamoFingerprintStore } from '../adapters/dynamodb/fingerprints';
import { DynamoHouseholdStore } from '../adapters/dynamodb/households';
import { DynamoLedger } from '../adapters/dynamodb/ledger';
import { DynamoMerchantStore } from '../adapters/dynamodb/merchant-matching';
import { DynamoPayoutStore } from '../adapters/dynamodb/payouts';
import { DynamoCampaignStore, DynamoClaimStore, DynamoReceiptStore } from '../adapters/dynamodb/stores';
import { DynamoNewsStore, DynamoReviewStore } from '../adapters/dynamodb/shop-pages';
import { DynamoCounterResidentStore } from '../adapters/dynamodb/counter-residents';
import { DynamoShopPhotoStore } from '../adapters/dynamodb/shop-photos';

/** The ports that live in the single table. */
export type TablePorts = Pick<AppContext, 'receipts' | 'merchants' | 'campaigns' | 'claims' | 'households' | 'fingerprints' | 'ledger' | 'payouts' | 'audit' | 'news' | 'reviews' | 'counterResidents' | 'shopPhotos'>;

/** Every port kept in the single table, over one DynamoDB client (AWS, the local stack, DynamoDB Local in tests, the CLI). */
export function dynamoPorts(doc: TableClient, table: string, opts: { merchants?: LiveIndexOptions } = {}): TablePorts {
  return {
    receipts: new DynamoReceiptStore(doc, table),
    merchants: new DynamoMerchantStore(doc, table, opts.merchants),
    campaigns: new DynamoCampaignStore(doc, table),
    claims: new DynamoClaimStore(doc, table),
    households: new DynamoHouseholdStore(doc, table),
    fingerprints: new DynamoFingerprintStore(doc, table),
    ledger: new DynamoLedger(doc, table),
    payouts: new DynamoPayoutStore(doc, table),
    audit: new DynamoAuditLog(doc, table),
    news: new DynamoNewsStore(doc, table),
    reviews: new DynamoReviewStore(doc, table),
    counterResidents: new DynamoCounterResidentStore(doc, table),
    shopPhotos: new DynamoShopPhotoStore(doc, table),
  };
}
