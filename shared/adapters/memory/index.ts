/**
 * In-memory adapters of every port, with the DynamoDB, S3 and SQS adapters' contracts (conditional
 * moves, idempotent transfers, guarded budgets, opaque cursors). For fast application tests, and
 * for tools that need no AWS. `memoryPorts()` builds one linked set: the stores that share the
 * single table (the ledger moves receipts, campaigns and payout items) share one MemoryTables.
 * shared/wiring/memory-context.ts turns it into an AppContext.
 */
import type { LiveIndexOptions } from '../../merchants/match-index';
import { MemoryAuditLog } from './audit';
import { MemoryCampaignStore } from './campaigns';
import { MemoryClaimStore } from './claims';
import { MemoryFingerprintStore } from './fingerprints';
import { MemoryHouseholdStore } from './households';
import { MemoryImages, RecordingBus } from './images';
import { MemoryLedger } from './ledger';
import { MemoryMerchantStore } from './merchants';
import { MemoryDocuments, MemoryPayoutStore } from './payouts';
import { MemoryReceiptStore } from './receipts';
import { MemoryTables } from './tables';
import { MemoryNewsStore, MemoryReviewStore } from './shop-pages';
import { MemoryCounterResidentStore } from './counter-residents';
import { MemoryMedia, MemoryShopPhotoStore } from './shop-photos';

export { MemoryAuditLog, MemoryCampaignStore, MemoryClaimStore, MemoryDocuments, MemoryFingerprintStore, MemoryHouseholdStore, MemoryImages, MemoryLedger, MemoryMerchantStore, MemoryPayoutStore, MemoryReceiptStore, MemoryTables, RecordingBus, MemoryNewsStore, MemoryReviewStore, MemoryCounterResidentStore, MemoryShopPhotoStore, MemoryMedia };
export { ConditionFailedError } from './cursor';

export interface MemoryPorts {
  receipts: MemoryReceiptStore;
  merchants: MemoryMerchantStore;
  campaigns: MemoryCampaignStore;
  claims: MemoryClaimStore;
  households: MemoryHouseholdStore;
  fingerprints: MemoryFingerprintStore;
  ledger: MemoryLedger;
  payouts: MemoryPayoutStore;
  audit: MemoryAuditLog;
  news: MemoryNewsStore;
  reviews: MemoryReviewStore;
  counterResidents: MemoryCounterResidentStore;
  shopPhotos: MemoryShopPhotoStore;
  media: MemoryMedia;
  images: MemoryImages;
  documents: MemoryDocuments;
  bus: RecordingBus;
}

export function memoryPorts(opts: { merchants?: LiveIndexOptions } = {}): MemoryPorts {
  const tables = new MemoryTables();
  return {
    receipts: new MemoryReceiptStore(tables),
    merchants: new MemoryMerchantStore(opts.merchants),
    campaigns: new MemoryCampaignStore(tables),
    claims: new MemoryClaimStore(),
    households: new MemoryHouseholdStore(),
    fingerprints: new MemoryFingerprintStore(),
    ledger: new MemoryLedger(tables),
    payouts: new MemoryPayoutStore(tables),
    audit: new MemoryAuditLog(),
    news: new MemoryNewsStore(),
    reviews: new MemoryReviewStore(),
    counterResidents: new MemoryCounterResidentStore(),
    shopPhotos: new MemoryShopPhotoStore(),
    media: new MemoryMedia(),
    images: new MemoryImages(),
    documents: new MemoryDocuments(),
    bus: new RecordingBus(),
  };
}
